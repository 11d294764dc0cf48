// deploy-ssh strategy script against the real sshd, through the bundled action: a script that leaves
// a process in the background (issue #14 point 10) and a script that sets step outputs through
// $OPS_OUTPUT (point 11).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { appDirs, sshInputs } from '../helpers/server.js';
import { startSshds } from '../helpers/sshd.js';

const dirs = appDirs();
const app = (name: string): string => dirs.next(name);
const started: number[] = [];
afterAll(() => {
  // stop only the processes these tests started, by the pid they wrote
  for (const pid of started.splice(0)) stopPid(pid);
  dirs.removeAll();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie is not running
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

function stopPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

function pidFrom(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  expect(Number.isInteger(pid) && pid > 1, `pid file ${file}`).toBe(true);
  started.push(pid);
  return pid;
}

/** An "app" that prints a line to the output it was given and then keeps running. */
const APP = [
  "cat > app.sh <<'EOF'",
  '#!/bin/sh',
  'echo "app started"',
  'exec sleep 300',
  'EOF',
  'chmod +x app.sh',
].join('\n');

describe('a script that leaves a process in the background', () => {
  it('nohup ./app &: the step ends soon after the script with a warning, and the app keeps running', async () => {
    const appDir = app('nohup');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        // before the fix the step waited for this, then killed the whole group — the app too
        'command-timeout': '30s',
        script: `${APP}\nnohup ./app.sh &\necho $! > app.pid\necho deployed`,
      },
      timeoutMs: 90_000,
    });
    const pid = pidFrom(join(appDir, 'app.pid'));
    expect(r.exitCode, r.log).toBe(0);
    expect(r.durationMs).toBeLessThan(15_000);
    expect(r.log).toContain('deployed');
    const warning = r.log.split('\n').find((l) => l.startsWith('::warning::') && l.includes('background'));
    expect(warning, r.log).toBeDefined();
    expect(warning).toContain('setsid');
    expect(warning).toContain('> app.log 2>&1');
    expect(r.outputs['hosts-succeeded']).toBe(sshInputs().hosts);
    // the app was left running, not killed with the script's process group
    expect(alive(pid)).toBe(true);
    stopPid(pid);
  });

  it('a script that fails after starting a background process fails at once with its own exit code', async () => {
    const appDir = app('nohup-fail');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        'command-timeout': '30s',
        script: `${APP}\nnohup ./app.sh &\necho $! > app.pid\nexit 3`,
      },
      timeoutMs: 90_000,
    });
    const pid = pidFrom(join(appDir, 'app.pid'));
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(15_000);
    expect(r.errors.join('\n')).toContain('exited with code 3');
    expect(r.errors.join('\n')).not.toContain('timed out');
    expect(alive(pid)).toBe(true);
    stopPid(pid);
  });

  it('a process started detached (setsid, output in a file) ends the step without a warning', async () => {
    const appDir = app('setsid');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: `${APP}\nsetsid ./app.sh > app.log 2>&1 < /dev/null &\necho $! > app.pid`,
      },
    });
    const pid = pidFrom(join(appDir, 'app.pid'));
    expect(r.exitCode, r.log).toBe(0);
    expect(r.durationMs).toBeLessThan(15_000);
    expect(r.log).not.toContain('::warning::');
    expect(alive(pid)).toBe(true);
    expect(readFileSync(join(appDir, 'app.log'), 'utf8')).toBe('app started\n');
    stopPid(pid);
  });
});

describe('$OPS_OUTPUT: step outputs set by the script', () => {
  it('name=value and name<<DELIM lines become step outputs', async () => {
    const appDir = app('outputs');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: [
          'echo "version=1.4.2" >> "$OPS_OUTPUT"',
          'echo "url=http://127.0.0.1:8080/?a=b&c=d" >> "$OPS_OUTPUT"',
          'printf \'notes<<END\\nfirst line\\nsecond = line\\nEND\\n\' >> "$OPS_OUTPUT"',
          'echo "version=1.4.3" >> "$OPS_OUTPUT"',
          'echo "$OPS_OUTPUT" > output-path.txt',
        ].join('\n'),
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['version']).toBe('1.4.3');
    expect(r.outputs['url']).toBe('http://127.0.0.1:8080/?a=b&c=d');
    expect(r.outputs['notes']).toBe('first line\nsecond = line');
    // the action's own outputs are still there, and the report has the values per host
    expect(r.outputs['release-id']).toMatch(/\S/);
    const report = JSON.parse(r.outputs['report'] ?? '{}') as {
      hosts: { outputs?: Record<string, string> }[];
    };
    expect(report.hosts[0]?.outputs).toEqual({
      version: '1.4.3',
      url: 'http://127.0.0.1:8080/?a=b&c=d',
      notes: 'first line\nsecond = line',
    });
    expect(r.log).toContain('script set outputs: version, url, notes');
    // the file was the server's, and it is removed
    const file = readFileSync(join(appDir, 'output-path.txt'), 'utf8').trim();
    expect(file).toMatch(/^\/.+/);
    expect(existsSync(file)).toBe(false);
  });

  it('what a failing script set before it failed is kept', async () => {
    const appDir = app('outputs-fail');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: 'echo "stage=built" >> "$OPS_OUTPUT"\nfalse\necho "stage=deployed" >> "$OPS_OUTPUT"',
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain('failed at line 2: false');
    expect(r.outputs['stage']).toBe('built');
    expect(r.outputs['hosts-failed']).toBe(sshInputs().hosts);
  });

  it("a name of one of the action's own outputs is refused, naming it and how to fix it", async () => {
    const appDir = app('outputs-clash');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: 'echo "report=mine" >> "$OPS_OUTPUT"\necho "ok=yes" >> "$OPS_OUTPUT"',
      },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain("'report'");
    expect(error).toContain('$OPS_OUTPUT');
    expect(error).toMatch(/another name/);
    expect(r.outputs['ok']).toBe('yes');
    expect(r.outputs['report']).not.toBe('mine');
  });

  it("many hosts: each output has the first host's value, a warning names those they disagree on", async () => {
    const sshds = await startSshds(1);
    try {
      const appDir = app('outputs-hosts');
      const ports = [loadTestEnv().ssh.port, ...sshds.ports];
      const r = await runAction('deploy-ssh', {
        inputs: {
          ...sshInputs(ports),
          strategy: 'script',
          'app-dir': appDir,
          script: 'echo "same=1" >> "$OPS_OUTPUT"\necho "where=$DEPLOY_HOST" >> "$OPS_OUTPUT"',
        },
      });
      expect(r.exitCode, r.log).toBe(0);
      const [first, second] = (sshInputs(ports)['hosts'] ?? '').split('\n');
      expect(r.outputs['same']).toBe('1');
      expect(r.outputs['where']).toBe(first);
      expect(r.log).toMatch(/::warning::The hosts' scripts set different values for 'where' in \$OPS_OUTPUT/);
      const report = JSON.parse(r.outputs['report'] ?? '{}') as {
        hosts: { host: string; outputs?: Record<string, string> }[];
      };
      expect(Object.fromEntries(report.hosts.map((h) => [h.host, h.outputs]))).toEqual({
        [first ?? '']: { same: '1', where: first },
        [second ?? '']: { same: '1', where: second },
      });
    } finally {
      await sshds.stop();
    }
  });
});
