// Issue #14 point 7: an SFTP upload to a server that stops answering ends at host-timeout. An sshd
// instance of our own is frozen (SIGSTOP on the processes of the deploy's connection) as soon as the
// upload has started, and thawed 12 s later: the Upload phase must give up at host-timeout (4 s),
// not wait for the server to come back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { appDirs, sshInputs } from '../helpers/server.js';
import { freePort, startSshd, stopSshd } from '../helpers/sshd.js';

const dirs = appDirs();
afterAll(() => dirs.removeAll());

/** Every process below `pid` (the connection's sshd processes below the instance's listener). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const kids = (p: number): number[] => {
    try {
      return execFileSync('pgrep', ['-P', String(p)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const queue = kids(pid);
  while (queue.length > 0) {
    const p = queue.shift() as number;
    out.push(p);
    queue.push(...kids(p));
  }
  return out;
}

describe('a stalled server during the SFTP upload', () => {
  it('the upload ends at host-timeout instead of waiting for the server', async () => {
    const port = await freePort();
    await startSshd(port);
    const pid = Number(readFileSync(join(loadTestEnv().stateDir, 'ssh', `sshd-${port}.pid`), 'utf8').trim());
    const frozen: number[] = [];
    try {
      const appDir = dirs.next('stalled-upload');
      const workspace = mkdtempSync(join(tmpdir(), 'ops-stall-ws-'));
      // enough files that the upload is still running when the test freezes the server
      mkdirSync(join(workspace, 'dist'));
      for (let i = 0; i < 3000; i++)
        writeFileSync(join(workspace, 'dist', `f${i}.txt`), `file ${i}\n`.repeat(200));
      const run = runAction('deploy-ssh', {
        workspace,
        timeoutMs: 90_000,
        inputs: {
          ...sshInputs([port]),
          strategy: 'release',
          'app-dir': appDir,
          'release-id': 'r1',
          source: 'dist',
          'host-timeout': '4s',
          'command-timeout': '10s',
        },
      });
      // freeze the connection's processes once the first file arrived
      const started = Date.now();
      const releases = join(appDir, 'releases');
      const partial = (): string | undefined => {
        const name = existsSync(releases)
          ? readdirSync(releases).find((n) => n.startsWith('r1.partial-'))
          : undefined;
        return name === undefined ? undefined : join(releases, name);
      };
      const uploading = (): boolean => {
        const dir = partial();
        return dir !== undefined && existsSync(dir) && readdirSync(dir).length > 0;
      };
      while (!uploading()) {
        if (Date.now() - started > 30_000) throw new Error('the upload never started');
        await new Promise((r) => setTimeout(r, 10));
      }
      for (const p of descendants(pid)) {
        execFileSync('kill', ['-STOP', String(p)]);
        frozen.push(p);
      }
      setTimeout(() => {
        for (const p of frozen.splice(0)) execFileSync('kill', ['-CONT', String(p)]);
      }, 12_000).unref();
      const r = await run;
      expect(r.exitCode, r.log).toBe(1);
      // the Upload phase gave up at host-timeout (4 s), long before the server answered again (12 s)
      const failed = /\[deploy@127\.0\.0\.1:\d+\] ✗ Upload failed after ([\d.]+)s: (.*)/.exec(r.log);
      expect(failed, r.log).not.toBeNull();
      expect(Number(failed?.[1])).toBeLessThan(8);
      expect(failed?.[2]).toMatch(/host-timeout/);
      // it stopped mid-way (the unfinished release is removed by the undo once the server answers)
      expect(existsSync(join(releases, 'r1'))).toBe(false);
    } finally {
      for (const p of frozen.splice(0)) execFileSync('kill', ['-CONT', String(p)]);
      await stopSshd(port);
    }
  }, 120_000);
});
