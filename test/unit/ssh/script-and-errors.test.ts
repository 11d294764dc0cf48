import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRemoteCommand } from '../../../lib/ssh/connection.js';
import {
  classifySsh2Error,
  isTransientSshError,
  RemoteCommandError,
  SshConnectError,
} from '../../../lib/ssh/errors.js';
import {
  buildScript,
  endMarker,
  parseScriptEnd,
  parseShell,
  readOutputsCommand,
  scriptRunCommand,
} from '../../../lib/ssh/script.js';

const HOSTILE = `$(touch /tmp/pwned-ops) \`id\` '"; rm -rf / #\\ $HOME %s \${x} ;|&<>`;

/** Runs a built script the way the server does: `<shell> -c '…'` with the body on stdin. */
function runLocally(built: { command: string; body: string }, cwd = tmpdir()) {
  return spawnSync('sh', ['-c', built.command], { input: built.body, cwd, encoding: 'utf8' });
}

describe('buildScript', () => {
  it('puts strict mode, quoted exports, cd and an ERR trap before the script; the command line holds no values', () => {
    const built = buildScript(
      'echo hi',
      { shell: 'bash', login: false },
      { title: 'script', env: { A: 'x y' }, cwd: '/srv/my app' },
    );
    expect(built.command).toBe(`bash -c 'eval "$(cat)"'`);
    expect(built.body).toBe(
      [
        'set -Eeuo pipefail',
        "export A='x y'",
        "cd '/srv/my app'",
        `trap 'rc=$?; echo "ops-actions: script failed at line $((LINENO - 4)): $BASH_COMMAND (exit code $rc)" >&2' ERR`,
        'echo hi',
        '',
      ].join('\n'),
    );
    expect(buildScript('x', { shell: 'bash', login: true }, { title: 't' }).command).toBe(
      `bash -lc 'eval "$(cat)"'`,
    );
    expect(buildScript('x', { shell: 'sh', login: false }, { title: 't' }).body).toBe('set -eu\nx\n');
  });

  it('passes hostile env values through unchanged and never runs them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-script-'));
    const built = buildScript(
      'printf "%s" "$EVIL" > out.txt',
      { shell: 'bash', login: false },
      {
        title: 'script',
        env: { EVIL: HOSTILE },
        cwd: dir,
      },
    );
    const r = runLocally(built);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(HOSTILE);
    expect(spawnSync('test', ['-e', '/tmp/pwned-ops']).status).not.toBe(0);
  });

  it('fails on the first failing command and names the line of the user script', () => {
    const built = buildScript(
      'echo one\nfalse\necho never',
      { shell: 'bash', login: false },
      { title: 'before-switch' },
    );
    const r = runLocally(built);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('one\n');
    expect(r.stderr).toContain('ops-actions: before-switch failed at line 2: false (exit code 1)');
  });

  it('gives commands an empty stdin instead of the rest of the script', () => {
    const built = buildScript('cat\necho after', { shell: 'bash', login: false }, { title: 'script' });
    expect(runLocally(built).stdout).toBe('after\n');
  });

  it('pipefail catches a failure inside a pipeline', () => {
    const built = buildScript(
      'false | cat\necho never',
      { shell: 'bash', login: false },
      { title: 'script' },
    );
    expect(runLocally(built).status).not.toBe(0);
  });

  it('validates the shell input', () => {
    expect(parseShell('')).toBe('bash');
    expect(parseShell('/usr/bin/zsh')).toBe('/usr/bin/zsh');
    expect(() => parseShell('bash; rm -rf /')).toThrow(/Input 'shell'/);
  });
});

describe('scriptRunCommand (the wrapper that reports the end and hands out $OPS_OUTPUT)', () => {
  const TOKEN = '0123abcd';
  const MARKER = endMarker(TOKEN);
  /** The wrapper run the way sshd runs it: the login shell's -c, the body on stdin; a fresh HOME. */
  function runWrapped(script: string) {
    const home = mkdtempSync(join(tmpdir(), 'ops-home-'));
    const built = buildScript(script, { shell: 'bash', login: false }, { title: 'script', cwd: tmpdir() });
    const r = spawnSync('sh', ['-c', scriptRunCommand(built.command, TOKEN)], {
      input: built.body,
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    });
    const endLine = r.stderr.split('\n').find((l) => l.startsWith(MARKER)) ?? '';
    return { ...r, home, end: parseScriptEnd(endLine.slice(MARKER.length)) };
  }

  it("ends with one stderr line: the script's exit code, and no file when it wrote no outputs", () => {
    const r = runWrapped('echo hi\n: > "$OPS_OUTPUT"\nexit 3');
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toBe(`${MARKER}3:\n`);
    expect(r.end).toEqual({ exitCode: 3 });
    // the file the script left empty was removed; the directory is the user's alone
    const dir = join(r.home, '.cache', 'ops-actions');
    expect(readdirSync(dir)).toEqual([]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('reports the outputs file, in the private directory, also when the script fails; readOutputsCommand prints and removes it', () => {
    const r = runWrapped('echo "a=1" >> "$OPS_OUTPUT"\nfalse\necho "b=2" >> "$OPS_OUTPUT"');
    expect(r.status).toBe(1);
    const file = r.end?.outputFile ?? '';
    expect(file).toBe(join(r.home, '.cache', 'ops-actions', `output-${TOKEN}`));
    const read = spawnSync('sh', ['-c', readOutputsCommand(file)], { encoding: 'utf8' });
    expect(read.status).toBe(0);
    expect(read.stdout).toBe('a=1\n');
    expect(existsSync(file)).toBe(false);
  });

  it('the script cannot end the wrapper early or fake its line (it runs in a child shell)', () => {
    const r = runWrapped(`echo "${MARKER}0:/etc/passwd" >&2\nexit 5`);
    expect(r.status).toBe(5);
    const last = r.stderr.trimEnd().split('\n').pop();
    expect(last).toBe(`${MARKER}5:`);
  });

  it('parseScriptEnd reads the exit code and an absolute file path only', () => {
    expect(parseScriptEnd('0:/tmp/ops-actions-output.AbC123')).toEqual({
      exitCode: 0,
      outputFile: '/tmp/ops-actions-output.AbC123',
    });
    expect(parseScriptEnd('127:')).toEqual({ exitCode: 127 });
    expect(parseScriptEnd('1:relative')).toEqual({ exitCode: 1 });
    expect(parseScriptEnd('x:')).toBeUndefined();
    expect(parseScriptEnd(undefined)).toBeUndefined();
  });
});

describe('buildRemoteCommand', () => {
  it('quotes exports and cd', () => {
    expect(buildRemoteCommand('ls', { env: { X: "it's" }, cwd: '/a b' })).toBe(
      `export X='it'\\''s'\ncd '/a b' || exit 1\nls`,
    );
    const out = execFileSync('sh', ['-c', buildRemoteCommand('printf %s "$X"', { env: { X: HOSTILE } })], {
      encoding: 'utf8',
    });
    expect(out).toBe(HOSTILE);
  });
});

describe('classifySsh2Error', () => {
  const err = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);
  it.each([
    [
      err('connect ECONNREFUSED 127.0.0.1:2299', { code: 'ECONNREFUSED', level: 'client-socket' }),
      'network',
      true,
    ],
    [err('read ECONNRESET', { code: 'ECONNRESET', level: 'client-socket' }), 'network', true],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'timeout', true],
    [err('Connection lost before handshake', { level: 'protocol' }), 'network', true],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'auth', false],
    [err('Host denied (verification failed)', { level: 'handshake' }), 'host-key', false],
    [err('getaddrinfo ENOTFOUND nope', { code: 'ENOTFOUND', level: 'client-dns' }), 'network', false],
    [err('getaddrinfo EAI_AGAIN slow', { code: 'EAI_AGAIN', level: 'client-dns' }), 'network', true],
    [err('Connection refused', { reason: 2 }), 'forwarding', true],
    [err('administratively prohibited', { reason: 1 }), 'forwarding', false],
    ['a thrown string', 'network', false],
  ])('%s', (error, kind, transient) => {
    expect(classifySsh2Error(error)).toEqual({ kind, transient });
    expect(isTransientSshError(error)).toBe(transient);
  });
  it('keeps the verdict of an SshConnectError', () => {
    expect(isTransientSshError(new SshConnectError('h', 'auth', 'no', false))).toBe(false);
  });
});

describe('RemoteCommandError', () => {
  it('names host, command, exit code and the last stderr lines', () => {
    const e = RemoteCommandError.fromRemote({
      host: 'deploy@web-1',
      command: 'docker compose pull',
      exitCode: 18,
      signal: null,
      stdout: '',
      stderr: Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n'),
      durationMs: 5,
      timedOut: false,
    });
    expect(e.message).toMatch(/^deploy@web-1: 'docker compose pull' exited with code 18:\nline 6\n/);
    expect(e.message).toContain('line 15');
    expect(e.message).not.toContain('line 5\n');
    expect(e.host).toBe('deploy@web-1');
  });
});
