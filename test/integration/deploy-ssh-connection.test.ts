// deploy-ssh against the real sshd: host key verification, authentication, retries, jump host,
// many hosts with one failing. Everything through the bundled action, as the runner runs it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { appDirs, keyLines, readHistoryFile, sshInputs } from '../helpers/server.js';
import { freePort, startSshd, startSshds, stopSshd } from '../helpers/sshd.js';

const env = loadTestEnv();
const dirs = appDirs();
const app = (name: string): string => dirs.next(name);
afterAll(() => dirs.removeAll());

/** A script that leaves a trace in the app dir, so "nothing ran" can be checked. */
const TRACE = 'echo "ran on $DEPLOY_HOST" >> trace.txt';

function otherKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
  return readFileSync(join(dir, 'k'), 'utf8');
}

describe('host keys and authentication', () => {
  it('a pinned fingerprint connects and the script runs', async () => {
    const appDir = app('pinned');
    const r = await runAction('deploy-ssh', {
      inputs: { ...sshInputs(), strategy: 'script', 'app-dir': appDir, script: TRACE },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(readFileSync(join(appDir, 'trace.txt'), 'utf8')).toBe('ran on deploy@127.0.0.1:2222\n');
    expect(r.log).toContain(`connected (host key ${env.ssh.hostKeyFingerprint})`);
    for (const line of keyLines()) expect(r.log).not.toContain(line);
  });

  it('known-hosts content works instead of a fingerprint', async () => {
    const appDir = app('known-hosts');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        'host-fingerprint': undefined,
        'known-hosts': env.ssh.knownHosts,
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(existsSync(join(appDir, 'trace.txt'))).toBe(true);
  });

  it('a host key mismatch fails before any command, says what to do, and is not retried', async () => {
    const appDir = app('mismatch');
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        'host-fingerprint': wrong,
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(existsSync(appDir)).toBe(false);
    const error = r.errors.join('\n');
    expect(error).toContain('deploy@127.0.0.1:2222');
    expect(error).toContain('HOST KEY MISMATCH');
    expect(error).toContain(`ED25519 ${env.ssh.hostKeyFingerprint}`);
    expect(error).toContain(wrong);
    expect(error).toContain('ssh-keyscan -p 2222 127.0.0.1 | ssh-keygen -lf -');
    expect(r.log).not.toContain('connection attempt 1 failed');
    expect(r.outputs['hosts-failed']).toBe('deploy@127.0.0.1:2222');
  });

  it('no fingerprint and no known-hosts: a configuration error before connecting, with the keyscan command', async () => {
    const appDir = app('nofp');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        'host-fingerprint': undefined,
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /^Configuration error — Input 'host-fingerprint': nothing to verify the host key of deploy@127.0.0.1:2222/,
    );
    expect(r.errors.join('\n')).toContain('ssh-keyscan -p 2222 127.0.0.1 | ssh-keygen -lf -');
    expect(r.log).not.toContain('Connect (');
    expect(existsSync(appDir)).toBe(false);
  });

  it('insecure-accept-unknown-host-key connects and prints the fingerprint to pin', async () => {
    const appDir = app('tofu');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        'host-fingerprint': undefined,
        'insecure-accept-unknown-host-key': 'true',
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(
      `::warning::deploy@127.0.0.1:2222: accepted an UNVERIFIED host key (ED25519 ${env.ssh.hostKeyFingerprint})`,
    );
    expect(r.log).toContain(`host-fingerprint: ${env.ssh.hostKeyFingerprint}`);
  });

  it('a key the server does not accept fails at once, naming user and key, before any command', async () => {
    const appDir = app('wrongkey');
    const key = otherKey();
    const r = await runAction('deploy-ssh', {
      inputs: { ...sshInputs(), 'private-key': key, strategy: 'script', 'app-dir': appDir, script: TRACE },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('deploy@127.0.0.1:2222 (failed in Connect): authentication failed');
    expect(error).toContain("for user 'deploy'");
    expect(error).toContain('authorized_keys');
    expect(r.log).not.toContain('connection attempt 1 failed');
    expect(existsSync(appDir)).toBe(false);
    for (const line of key.split('\n').filter((l) => l.length >= 20 && !l.startsWith('---')))
      expect(r.log).not.toContain(line);
  });

  it('a private key that is not a key is a configuration error', async () => {
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        'private-key': 'ssh-ed25519 AAAA not-private',
        strategy: 'script',
        'app-dir': app('badkey'),
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(/Configuration error — Input 'private-key'/);
  });
});

describe('retries and jump host', () => {
  it('an sshd that starts late is retried until it answers', async () => {
    const port = await freePort();
    const appDir = app('late');
    try {
      const starting = new Promise<void>((resolve, reject) => {
        setTimeout(() => startSshd(port).then(resolve, reject), 2000);
      });
      const r = await runAction('deploy-ssh', {
        inputs: { ...sshInputs([port]), strategy: 'script', 'app-dir': appDir, script: TRACE },
      });
      await starting;
      expect(r.exitCode, r.log).toBe(0);
      expect(r.log).toMatch(
        new RegExp(`\\[deploy@127.0.0.1:${port}\\] connection attempt 1 failed: connect ECONNREFUSED`),
      );
      expect(readFileSync(join(appDir, 'trace.txt'), 'utf8')).toBe(`ran on deploy@127.0.0.1:${port}\n`);
    } finally {
      await stopSshd(port);
    }
  });

  it('gives up after connect-timeout, naming the host', async () => {
    const port = await freePort();
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs([port]),
        'connect-timeout': '2s',
        strategy: 'script',
        'app-dir': app('never'),
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      new RegExp(
        `deploy@127.0.0.1:${port} \\(failed in Connect\\): could not connect after \\d+ attempt\\(s\\)`,
      ),
    );
  });

  it('reaches the target through a jump host with forwarding', async () => {
    const { ports, stop } = await startSshds(1);
    const jumpPort = ports[0] as number;
    const appDir = app('jump');
    try {
      const r = await runAction('deploy-ssh', {
        inputs: {
          ...sshInputs(),
          'jump-host': `deploy@127.0.0.1:${jumpPort}`,
          'jump-host-fingerprint': env.ssh.hostKeyFingerprint,
          strategy: 'script',
          'app-dir': appDir,
          script: `${TRACE}\necho "via $SSH_CONNECTION" >> trace.txt`,
        },
      });
      expect(r.exitCode, r.log).toBe(0);
      const trace = readFileSync(join(appDir, 'trace.txt'), 'utf8');
      expect(trace).toContain('ran on deploy@127.0.0.1:2222');
      // the target saw the connection coming from the jump host's sshd, not from the runner directly
      const sshdLog = readFileSync(join(env.stateDir, 'ssh', `sshd-${jumpPort}.log`), 'utf8');
      expect(sshdLog).toMatch(/Accepted publickey for deploy/);
      expect(r.log).toContain('connected (host key');
    } finally {
      await stop();
    }
  });

  it('a wrong jump host fingerprint fails, naming jump-host-fingerprint', async () => {
    const { ports, stop } = await startSshds(1);
    try {
      const r = await runAction('deploy-ssh', {
        inputs: {
          ...sshInputs(),
          'jump-host': `deploy@127.0.0.1:${ports[0]}`,
          'jump-host-fingerprint': `SHA256:${'B'.repeat(43)}`,
          strategy: 'script',
          'app-dir': app('jumpbad'),
          script: TRACE,
        },
      });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toContain(`deploy@127.0.0.1:${ports[0]}: HOST KEY MISMATCH`);
      expect(r.errors.join('\n')).toContain("'jump-host-fingerprint'");
    } finally {
      await stop();
    }
  });
});

describe('many hosts', () => {
  let sshds: { ports: number[]; stop: () => Promise<void> };
  beforeAll(async () => {
    sshds = await startSshds(2);
  });
  afterAll(async () => {
    await sshds.stop();
  });

  it('deploys to every host in parallel, with one history line per host', async () => {
    const appDir = app('multi');
    const ports = [env.ssh.port, ...sshds.ports];
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(ports),
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
        env: `EVIL=$(touch /tmp/pwned-env)'"\`;|&`,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    const trace = readFileSync(join(appDir, 'trace.txt'), 'utf8').split('\n').filter(Boolean).sort();
    expect(trace).toEqual(ports.map((p) => `ran on deploy@127.0.0.1:${p}`).sort());
    expect(r.outputs['hosts-succeeded']?.split(',').sort()).toEqual(
      ports.map((p) => `deploy@127.0.0.1:${p}`).sort(),
    );
    expect(r.outputs['hosts-failed']).toBe('');
    expect(
      readHistoryFile(appDir)
        .map((e) => e.host)
        .sort(),
    ).toEqual(ports.map((p) => `deploy@127.0.0.1:${p}`).sort());
    for (const p of ports) expect(r.summary).toContain(`| deploy@127.0.0.1:${p} | ✅ deployed |`);
    expect(existsSync('/tmp/pwned-env')).toBe(false);
  });

  it('hostile env values reach the script exactly, quoted', async () => {
    const appDir = app('hostile');
    const evil = `$(touch /tmp/pwned-env2) \`id\` '"; echo broke; #\\ \${HOME} %s ;|&<>`;
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: 'printf "%s" "$EVIL" > evil.txt',
        env: `EVIL=${evil}`,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(readFileSync(join(appDir, 'evil.txt'), 'utf8')).toBe(evil);
    expect(existsSync('/tmp/pwned-env2')).toBe(false);
    expect(r.log).not.toContain('broke');
  });

  it('one host down and one app-dir not writable: the step fails naming them, the others are reported', async () => {
    const dead = await freePort();
    const ports = [env.ssh.port, ...sshds.ports];
    const appDir = app('partial');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs([...ports, dead]),
        'connect-timeout': '2s',
        'fail-fast': 'false',
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['hosts-succeeded']?.split(',').sort()).toEqual(
      ports.map((p) => `deploy@127.0.0.1:${p}`).sort(),
    );
    expect(r.outputs['hosts-failed']).toBe(`deploy@127.0.0.1:${dead}`);
    const error = r.errors.join('\n');
    expect(error).toContain(`failed on 1 of 4 host(s)`);
    expect(error).toContain(`deploy@127.0.0.1:${dead} (failed in Connect)`);
    const report = JSON.parse(r.outputs.report ?? '{}') as { hosts: { host: string; result: string }[] };
    expect(report.hosts.filter((h) => h.result === 'succeeded')).toHaveLength(3);
    expect(r.summary).toContain(`| deploy@127.0.0.1:${dead} | ❌ failed (Connect) |`);

    // an app-dir that is not writable fails at the lock, before anything runs
    const r2 = await runAction('deploy-ssh', {
      inputs: { ...sshInputs(ports), strategy: 'script', 'app-dir': '/root/ops-it-forbidden', script: TRACE },
    });
    expect(r2.exitCode).toBe(1);
    expect(r2.errors.join('\n')).toContain('(failed in Lock)');
    expect(r2.errors.join('\n')).toMatch(/Permission denied/);
  });

  it('with fail-fast, a host that cannot connect cancels the others before anything changes', async () => {
    const dead = await freePort();
    const appDir = app('failfast');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs([env.ssh.port, dead]),
        'connect-timeout': '2s',
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode).toBe(1);
    expect(existsSync(join(appDir, 'trace.txt'))).toBe(false);
    expect(r.outputs['hosts-failed']?.split(',').sort()).toEqual(
      [`deploy@127.0.0.1:${dead}`, 'deploy@127.0.0.1:2222'].sort(),
    );
    expect(r.summary).toContain('| deploy@127.0.0.1:2222 | ⏭️ cancelled |');
  });

  it('a failing command names host, command, exit code and stderr', async () => {
    const appDir = app('failing');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        script: 'echo starting\necho "disk full" >&2\nexit 3\necho never',
      },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain(
      "deploy@127.0.0.1:2222 (failed in Run script): 'script: echo starting …' exited with code 3",
    );
    expect(error).toContain('disk full');
    expect(readHistoryFile(appDir)).toMatchObject([
      { outcome: 'failed', strategy: 'script', runId: '1000', actor: 'octocat' },
    ]);
  });
});

describe('timeouts', () => {
  it('command-timeout stops the remote command (its whole process group) and fails the host', async () => {
    const appDir = app('cmdtimeout');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': appDir,
        'command-timeout': '2s',
        script: "ps -o pgid= -p $$ | tr -d ' ' > pgid.txt\nsleep 120 & wait\necho never >> trace.txt",
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(/'script: ps -o pgid= -p \$\$ .*' timed out after \d+ms/);
    expect(r.durationMs).toBeLessThan(60_000);
    const pgid = readFileSync(join(appDir, 'pgid.txt'), 'utf8').trim();
    expect(pgid).toMatch(/^\d+$/);
    // nothing of the script is left running on the server
    const inGroup = () =>
      execFileSync('ps', ['-e', '-o', 'pgid=,stat=,args='], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter(([group, stat]) => group === pgid && !stat?.startsWith('Z'));
    expect(inGroup()).toEqual([]);
    expect(existsSync(join(appDir, 'trace.txt'))).toBe(false);
  });
});

describe('dry run', () => {
  it('prints every host plan and contacts nothing', async () => {
    const appDir = app('dry');
    const dead = await freePort();
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs([env.ssh.port, dead]),
        'dry-run': 'true',
        strategy: 'script',
        'app-dir': appDir,
        script: TRACE,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('Host deploy@127.0.0.1:2222');
    expect(r.log).toContain(`Host deploy@127.0.0.1:${dead}`);
    expect(r.log).toContain(TRACE);
    expect(r.log).not.toContain('connected');
    expect(existsSync(appDir)).toBe(false);
    expect(r.summary).toContain('(dry run)');
    expect(JSON.parse(r.outputs.report ?? '{}')).toMatchObject({ dryRun: true });
  });
});
