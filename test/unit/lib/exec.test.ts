import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastLines, lineEmitter, ProcessError, runProcess } from '../../../lib/exec.js';
import { isAlive, type ProcessId, stillAliveAfter, waitForDescendants } from '../../helpers/processes.js';

/** Runs `bash -c script`, collecting the lines it would log. */
async function bash(script: string, opts: Parameters<typeof runProcess>[2] = {}) {
  const lines: string[] = [];
  const result = await runProcess('bash', ['-c', script], { log: (l) => lines.push(l), ...opts });
  return { result, lines };
}

async function rejection(promise: Promise<unknown>): Promise<ProcessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProcessError);
  return error as ProcessError;
}

describe('runProcess', () => {
  it('captures stdout and stderr and logs each line with the prefix', async () => {
    const { result, lines } = await bash('echo out1; echo err1 >&2; printf "out2\\r\\npartial"', {
      prefix: 'web1',
    });
    expect(result).toMatchObject({
      exitCode: 0,
      signal: null,
      stdout: 'out1\nout2\r\npartial',
      stderr: 'err1\n',
    });
    expect(result.timedOut).toBe(false);
    expect(lines.sort()).toEqual(['[web1] err1', '[web1] out1', '[web1] out2', '[web1] partial']);
  });

  it('logs lines as they are without a prefix, and nothing when silent', async () => {
    expect((await bash('echo a')).lines).toEqual(['a']);
    const silent = await bash('echo a', { silent: true });
    expect(silent.lines).toEqual([]);
    expect(silent.result.stdout).toBe('a\n');
  });

  it('passes input on stdin (never argv) and closes it', async () => {
    const { result } = await bash(`read -r pw; echo "got \${#pw} chars"; cat`, { input: 's3cret-pw\nrest' });
    expect(result.stdout).toBe('got 9 chars\nrest');
    // without input stdin is closed at once, so a reader does not hang
    expect((await bash('cat; echo done')).result.stdout).toBe('done\n');
  });

  it('adds env to the inherited environment and runs in cwd', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ops-exec-')));
    const { result } = await bash(`echo "$OPS_X $PWD \${PATH:+has-path}"`, {
      env: { OPS_X: 'x1' },
      cwd: dir,
    });
    expect(result.stdout).toBe(`x1 ${dir} has-path\n`);
  });

  it('throws a ProcessError with the command, exit code and last stderr lines', async () => {
    const e = await rejection(
      bash('for i in $(seq 1 15); do echo "err $i" >&2; done; exit 3', { silent: true }),
    );
    expect(e.result?.exitCode).toBe(3);
    expect(e.details).toEqual({ command: e.result?.command, exitCode: 3 });
    const lines = e.message.split('\n');
    expect(lines[0]).toMatch(/^'bash -c .*' exited with code 3:$/);
    expect(lines.slice(1)).toEqual(Array.from({ length: 10 }, (_, i) => `err ${i + 6}`));
  });

  it('resolves a non-zero exit with allowFailure', async () => {
    const { result } = await bash('echo fine; exit 7', { allowFailure: true });
    expect(result).toMatchObject({ exitCode: 7, stdout: 'fine\n' });
  });

  it('kills a process that runs past its timeout', async () => {
    const e = await rejection(bash('echo started; sleep 30', { timeoutMs: 2000 }));
    expect(e.result).toMatchObject({ timedOut: true, signal: 'SIGTERM', exitCode: 128, stdout: 'started\n' });
    expect(e.message).toMatch(/^'bash -c echo started; sleep 30' timed out after \d+ms:\nstarted$/);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const e = await rejection(
      bash('trap "" TERM; echo ready; while :; do sleep 0.1; done', { timeoutMs: 2000 }),
    );
    expect(e.result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
  }, 15_000);

  it('kills the process when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const e = await rejection(bash('sleep 30', { signal: controller.signal }));
    expect(e.result?.signal).toBe('SIGTERM');
  });

  it('names a program that is not installed', async () => {
    const e = await rejection(runProcess('ops-no-such-program', ['--x']));
    expect(e.message).toBe(
      "could not start 'ops-no-such-program --x': spawn ops-no-such-program ENOENT — 'ops-no-such-program' is not installed or not on PATH",
    );
    expect(e.result).toBeUndefined();
  });

  it('redacts secrets in the command, logged lines and captured output, multi-line ones line by line', async () => {
    const key = '-----BEGIN KEY-----\nAAAAbbbbCCCCdddd\n-----END KEY-----';
    const lines: string[] = [];
    const result = await runProcess(
      'bash',
      ['-c', 'echo "token tok-9876 here"; cat; echo "tok-9876" >&2', 'tok-9876'],
      {
        input: `${key}\n`,
        secrets: ['tok-9876', key],
        log: (l) => lines.push(l),
        prefix: 'p',
      },
    );
    expect(result.command).toBe('bash -c echo "token *** here"; cat; echo "***" >&2 ***');
    expect(result.stdout).toBe('token *** here\n***\n');
    expect(result.stderr).toBe('***\n');
    expect(lines.join('\n')).not.toMatch(/tok-9876|AAAAbbbb|BEGIN KEY/);
    expect(lines).toContain('[p] ***');
  });
});

describe('runProcess: a timeout ends the whole command, children included', () => {
  // what a test saw running, killed by pid afterwards if the code under test left it behind
  const seen: ProcessId[] = [];
  afterEach(() => {
    for (const p of seen.splice(0))
      if (isAlive(p)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone meanwhile */
        }
      }
  });

  /**
   * Runs `sh -c 'echo $$; <script>'` with a 1 s timeout; once the shell printed its pid, records its
   * children (`expected` of them). Returns the error, how long the run took and the children.
   */
  async function timeOut(script: string, expected: number) {
    let shellPid: number | undefined;
    const started = Date.now();
    const run = runProcess('sh', ['-c', `echo $$; ${script}`], {
      timeoutMs: 1000,
      log: (line) => {
        if (shellPid === undefined && /^\d+$/.test(line)) shellPid = Number(line);
      },
    });
    const children = (async () => {
      while (shellPid === undefined) await new Promise((r) => setTimeout(r, 20));
      const found = await waitForDescendants(shellPid, expected);
      seen.push(...found);
      return found;
    })();
    const e = await rejection(run);
    const found = await children;
    return { e, elapsedMs: Date.now() - started, children: found };
  }

  it("sh -c 'sleep 30 && echo x': the step ends within seconds and the sleep is gone", async () => {
    const { e, elapsedMs, children } = await timeOut('sleep 30 && echo x', 1);
    expect(children).toHaveLength(1);
    expect(e.result).toMatchObject({ timedOut: true, stdout: expect.not.stringContaining('x') });
    expect(elapsedMs).toBeLessThan(4000);
    expect(await stillAliveAfter(children)).toEqual([]);
  }, 40_000);

  it("a pipeline 'sleep 30 | cat': every process of it is gone", async () => {
    const { e, elapsedMs, children } = await timeOut('sleep 30 | cat', 2);
    expect(children).toHaveLength(2);
    expect(e.result?.timedOut).toBe(true);
    expect(elapsedMs).toBeLessThan(4000);
    expect(await stillAliveAfter(children)).toEqual([]);
  }, 40_000);

  it('a child that ignores TERM is killed after the grace period', async () => {
    const { e, elapsedMs, children } = await timeOut(`sh -c 'trap "" TERM; while :; do sleep 0.2; done'`, 1);
    expect(e.result?.timedOut).toBe(true);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(await stillAliveAfter(children)).toEqual([]);
  }, 40_000);
});

describe('lineEmitter', () => {
  it('emits whole lines across chunks, strips CR, flushes the rest', () => {
    const seen: string[] = [];
    const e = lineEmitter((l) => seen.push(l))();
    e.push('a');
    e.push('b\r\nc\n\nd');
    expect(seen).toEqual(['ab', 'c', '']);
    e.flush();
    e.flush();
    expect(seen).toEqual(['ab', 'c', '', 'd']);
  });
});

describe('lastLines', () => {
  it('the last n non-empty lines', () => {
    expect(lastLines('a\n\nb\r\nc\n  \n', 2)).toBe('b\nc');
    expect(lastLines('', 3)).toBe('');
  });
});
