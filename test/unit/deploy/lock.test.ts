import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  acquireLockScript,
  describeHolder,
  lockInfoFromEnv,
  lockPath,
  parseAcquireOutput,
  parseLockInfo,
  parseRefreshOutput,
  parseSavedLocks,
  refreshLockScript,
  releaseLockScript,
} from '../../../lib/deploy/lock.js';
import { heartbeatIntervalMs } from '../../../lib/deploy/lock-heartbeat.js';
import { readLockSettings } from '../../../lib/deploy/lock-inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });
const shAsync = async (script: string) =>
  (await promisify(execFile)('sh', ['-c', script], { encoding: 'utf8' })).stdout;
const app = () => join(mkdtempSync(join(tmpdir(), 'ops-lock-')), 'app dir');

describe('deploy lock scripts (run by a real shell)', () => {
  const a = {
    token: 'aaaa',
    runId: '101',
    runAttempt: '1',
    actor: 'alice',
    repository: 'acme/shop',
    started: '2025-01-01T00:00:00Z',
  };
  const b = { token: 'bbbb', runId: '102', actor: 'bob' };

  it('the first deploy takes it; the second sees who holds it', () => {
    const dir = app();
    expect(parseAcquireOutput(sh(acquireLockScript(dir, a, 1800)))).toEqual({ status: 'acquired' });
    const info = parseLockInfo(readFileSync(join(lockPath(dir), 'info'), 'utf8'));
    expect(info).toMatchObject({ token: 'aaaa', runId: '101', actor: 'alice', repository: 'acme/shop' });
    expect(info.epoch).toBeGreaterThan(1_600_000_000);
    const held = parseAcquireOutput(sh(acquireLockScript(dir, b, 1800)));
    expect(held).toMatchObject({ status: 'held', holder: { token: 'aaaa', runId: '101', actor: 'alice' } });
    if (held.status === 'held')
      expect(describeHolder(held.holder, held.ageSeconds)).toMatch(
        /^run 101 \(attempt 1\) by alice in acme\/shop, started 2025-01-01T00:00:00Z, locked (\d+ms|\d+\.\ds|\d+m(\d+s)?) ago$/,
      );
  });

  it('only the holder releases it', () => {
    const dir = app();
    sh(acquireLockScript(dir, a, 0));
    expect(sh(releaseLockScript(dir, 'bbbb'))).toContain('OPS_LOCK NOT_OURS');
    expect(existsSync(lockPath(dir))).toBe(true);
    expect(sh(releaseLockScript(dir, 'aaaa'))).toContain('OPS_LOCK RELEASED');
    expect(existsSync(lockPath(dir))).toBe(false);
    expect(sh(releaseLockScript(dir, 'aaaa'))).toContain('OPS_LOCK ABSENT');
    expect(parseAcquireOutput(sh(acquireLockScript(dir, b, 0))).status).toBe('acquired');
  });

  it('a lock older than stale-after is broken and taken, reporting the old holder', () => {
    const dir = app();
    sh(acquireLockScript(dir, a, 0));
    const infoFile = join(lockPath(dir), 'info');
    writeFileSync(
      infoFile,
      readFileSync(infoFile, 'utf8').replace(/epoch=\d+/, `epoch=${Math.floor(Date.now() / 1000) - 3600}`),
    );
    expect(parseAcquireOutput(sh(acquireLockScript(dir, b, 7200))).status).toBe('held');
    const out = parseAcquireOutput(sh(acquireLockScript(dir, b, 1800)));
    expect(out.status).toBe('acquired');
    if (out.status === 'acquired') {
      expect(out.broke?.holder.runId).toBe('101');
      expect(out.broke?.ageSeconds).toBeGreaterThanOrEqual(3600);
    }
    expect(parseLockInfo(readFileSync(infoFile, 'utf8')).token).toBe('bbbb');
  });

  it('the holder refreshes its age (heartbeat), so a live lock is never older than stale-after', () => {
    const dir = app();
    sh(acquireLockScript(dir, a, 0));
    const infoFile = join(lockPath(dir), 'info');
    const old = Math.floor(Date.now() / 1000) - 3600;
    writeFileSync(infoFile, readFileSync(infoFile, 'utf8').replace(/epoch=\d+/, `epoch=${old}`));
    expect(parseRefreshOutput(sh(refreshLockScript(dir, 'aaaa')))).toEqual({ status: 'refreshed' });
    const info = parseLockInfo(readFileSync(infoFile, 'utf8'));
    // the same holder, a fresh age: the next deploy waits instead of breaking it
    expect(info).toMatchObject({ token: 'aaaa', runId: '101', actor: 'alice' });
    expect(info.epoch).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    expect(readFileSync(infoFile, 'utf8').match(/^epoch=/gm)).toHaveLength(1);
    expect(parseAcquireOutput(sh(acquireLockScript(dir, b, 1800))).status).toBe('held');
  });

  it('a refresh by a deploy that no longer holds the lock changes nothing and says who does', () => {
    const dir = app();
    sh(acquireLockScript(dir, b, 0));
    const before = readFileSync(join(lockPath(dir), 'info'), 'utf8');
    const out = parseRefreshOutput(sh(refreshLockScript(dir, 'aaaa')));
    expect(out).toMatchObject({ status: 'taken', holder: { token: 'bbbb', runId: '102', actor: 'bob' } });
    expect(readFileSync(join(lockPath(dir), 'info'), 'utf8')).toBe(before);
    sh(releaseLockScript(dir, 'bbbb'));
    expect(parseRefreshOutput(sh(refreshLockScript(dir, 'aaaa')))).toEqual({ status: 'absent' });
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('the heartbeat interval is a third of stale-after, between 1s and 1m', () => {
    expect(heartbeatIntervalMs(30 * 60_000)).toBe(60_000);
    expect(heartbeatIntervalMs(3000)).toBe(1000);
    expect(heartbeatIntervalMs(90_000)).toBe(30_000);
    expect(heartbeatIntervalMs(0)).toBe(60_000);
  });

  it('lock-stale-after is 0 or at least 3s', () => {
    const read = (r: Record<string, string>) => readLockSettings(new Inputs(recordInputs(r)));
    expect(read({})).toEqual({ timeoutMs: 600_000, staleAfterMs: 1_800_000 });
    expect(read({ 'lock-stale-after': '0' }).staleAfterMs).toBe(0);
    expect(read({ 'lock-stale-after': '3s' }).staleAfterMs).toBe(3000);
    expect(() => read({ 'lock-stale-after': '2s' })).toThrow(
      /Input 'lock-stale-after': must be 0 \(never break a lock\) or at least 3\.0s, got 2\.0s/,
    );
  });

  it('stale-after 0 never breaks; a lock without info is aged by its directory', () => {
    const dir = app();
    execFileSync('mkdir', ['-p', lockPath(dir)]);
    const old = new Date(Date.now() - 7200_000);
    utimesSync(lockPath(dir), old, old);
    expect(parseAcquireOutput(sh(acquireLockScript(dir, b, 0)))).toMatchObject({
      status: 'held',
      holder: { token: '' },
    });
    expect(parseAcquireOutput(sh(acquireLockScript(dir, b, 60))).status).toBe('acquired');
  });

  it('hostile info values cannot break out', () => {
    const dir = app();
    const evil = { token: 'cccc', actor: `x'; touch /tmp/pwned-lock; echo '`, runId: '$(id)\nrun-id=9' };
    sh(acquireLockScript(dir, evil, 0));
    const info = parseLockInfo(readFileSync(join(lockPath(dir), 'info'), 'utf8'));
    expect(info.actor).toBe(evil.actor);
    expect(info.runId).toBe('$(id) run-id=9');
    expect(existsSync('/tmp/pwned-lock')).toBe(false);
  });

  it('lock info comes from the run', () => {
    expect(
      lockInfoFromEnv('t', { GITHUB_RUN_ID: '5', GITHUB_ACTOR: 'me', GITHUB_REPOSITORY: 'a/b' }),
    ).toMatchObject({
      token: 't',
      runId: '5',
      actor: 'me',
      repository: 'a/b',
    });
  });

  it('saved state round-trips and ignores junk', () => {
    expect(parseSavedLocks(JSON.stringify({ appDir: '/a', token: 't', hosts: ['d@h', 3] }))).toEqual({
      appDir: '/a',
      token: 't',
      hosts: ['d@h'],
    });
    expect(parseSavedLocks('')).toBeUndefined();
    expect(parseSavedLocks('{bad')).toBeUndefined();
  });

  it('many deploys racing for a free lock, or to break a stale one: exactly one wins', async () => {
    const dir = app();
    const racers = Array.from({ length: 8 }, (_, i) => ({ token: `racer${i}`, runId: String(i) }));
    const free = await Promise.all(racers.map((r) => shAsync(acquireLockScript(dir, r, 0))));
    expect(free.map(parseAcquireOutput).filter((o) => o.status === 'acquired')).toHaveLength(1);
    const infoFile = join(lockPath(dir), 'info');
    writeFileSync(infoFile, readFileSync(infoFile, 'utf8').replace(/epoch=\d+/, 'epoch=1000'));
    const late = racers.map((r) => ({ ...r, token: `late-${r.token}` }));
    const stale = (await Promise.all(late.map((r) => shAsync(acquireLockScript(dir, r, 60))))).map(
      parseAcquireOutput,
    );
    expect(stale.filter((o) => o.status === 'acquired')).toHaveLength(1);
    const winner = parseLockInfo(readFileSync(infoFile, 'utf8')).token;
    expect(late.map((r) => r.token)).toContain(winner);
    expect(execFileSync('ls', ['-a', join(dir, '.ops-actions')], { encoding: 'utf8' })).not.toMatch(
      /lock\.(new|stale)-/,
    );
  });

  it('hosts of one deploy sharing the directory all get it at once (one takes it, the others find it theirs)', async () => {
    const dir = app();
    const outs = (
      await Promise.all(
        Array.from({ length: 8 }, () => shAsync(acquireLockScript(dir, { token: 'same' }, 0, 'echo state'))),
      )
    ).map(parseAcquireOutput);
    expect(outs.every((o) => o.status === 'acquired' && o.after === 'state\n')).toBe(true);
    expect(outs.filter((o) => o.status === 'acquired' && !o.shared)).toHaveLength(1);
    const released = await Promise.all(
      Array.from({ length: 4 }, () => shAsync(releaseLockScript(dir, 'same'))),
    );
    expect(released.filter((r) => r.includes('OPS_LOCK RELEASED'))).toHaveLength(1);
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});
