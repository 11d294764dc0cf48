import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CacheService,
  keyFiles,
  restoreLocalCache,
  rotateLocalCacheDir,
  saveLocalCache,
} from '../../../actions/build-push/local-cache.js';

const KEY = { key: 'ops-build-push-linux-x64-aaa-bbb', restoreKeys: ['ops-build-push-linux-x64-aaa-'] };

function fake(over: Partial<CacheService> = {}): CacheService & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    isFeatureAvailable: async () => true,
    restoreCache: async () => undefined,
    saveCache: async (_paths, key) => {
      saved.push(key);
      return 1;
    },
    ...over,
  };
}

describe('restoreLocalCache', () => {
  it('exact hit, older key, miss', async () => {
    const warn: string[] = [];
    const w = (m: string): void => void warn.push(m);
    expect(await restoreLocalCache(fake({ restoreCache: async () => KEY.key }), '/d', KEY, w)).toEqual({
      status: 'hit',
      key: KEY.key,
    });
    expect(
      await restoreLocalCache(fake({ restoreCache: async () => `${KEY.restoreKeys[0]}old` }), '/d', KEY, w),
    ).toEqual({
      status: 'partial',
      key: `${KEY.restoreKeys[0]}old`,
    });
    expect(await restoreLocalCache(fake(), '/d', KEY, w)).toEqual({ status: 'miss' });
    expect(warn).toEqual([]);
  });

  it('no cache service (as outside GitHub Actions): a warning, never a failure', async () => {
    const warn: string[] = [];
    const r = await restoreLocalCache(
      fake({ isFeatureAvailable: async () => false }),
      '/d',
      KEY,
      (m) => void warn.push(m),
    );
    expect(r.status).toBe('unavailable');
    expect(warn[0]).toMatch(/cache service is not available/);
  });

  it('a failing restore is a warning and a miss', async () => {
    const warn: string[] = [];
    const svc = fake({
      restoreCache: async () => {
        throw new Error('Cache service responded with 503');
      },
    });
    expect(await restoreLocalCache(svc, '/d', KEY, (m) => void warn.push(m))).toEqual({ status: 'miss' });
    expect(warn[0]).toMatch(/503/);
  });
});

describe('saveLocalCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bp-lc-'));

  it('saves after a miss or an older key, not after an exact hit or without the service', async () => {
    const svc = fake();
    const warn = (): void => undefined;
    expect(await saveLocalCache(svc, dir, KEY.key, { status: 'miss' }, warn)).toBe('saved');
    expect(await saveLocalCache(svc, dir, KEY.key, { status: 'partial', key: 'x' }, warn)).toBe('saved');
    expect(await saveLocalCache(svc, dir, KEY.key, { status: 'hit', key: KEY.key }, warn)).toBe('unchanged');
    expect(await saveLocalCache(svc, dir, KEY.key, { status: 'unavailable', reason: 'x' }, warn)).toBe(
      'skipped',
    );
    expect(await saveLocalCache(svc, join(dir, 'missing'), KEY.key, { status: 'miss' }, warn)).toBe(
      'skipped',
    );
    expect(svc.saved).toEqual([KEY.key, KEY.key]);
  });

  it('a failing save is a warning', async () => {
    const warn: string[] = [];
    const svc = fake({
      saveCache: async () => {
        throw new Error('reserve failed');
      },
    });
    expect(await saveLocalCache(svc, dir, KEY.key, { status: 'miss' }, (m) => void warn.push(m))).toBe(
      'failed',
    );
    expect(warn[0]).toMatch(/reserve failed/);
  });
});

describe('rotateLocalCacheDir and keyFiles', () => {
  it('replaces the old cache dir by the one buildx just wrote', () => {
    const base = mkdtempSync(join(tmpdir(), 'bp-rot-'));
    const src = join(base, 'c');
    mkdirSync(src);
    writeFileSync(join(src, 'old'), 'x');
    mkdirSync(`${src}-new`);
    writeFileSync(join(`${src}-new`, 'index.json'), '{}');
    rotateLocalCacheDir({ src, dest: `${src}-new` });
    expect(existsSync(join(src, 'old'))).toBe(false);
    expect(readFileSync(join(src, 'index.json'), 'utf8')).toBe('{}');
    expect(existsSync(`${src}-new`)).toBe(false);
    rotateLocalCacheDir({ src, dest: `${src}-new` }); // nothing written: keeps what is there
    expect(existsSync(join(src, 'index.json'))).toBe(true);
  });

  it('hashes the Dockerfile and the lockfiles found at the context root', () => {
    const ws = mkdtempSync(join(tmpdir(), 'bp-kf-'));
    mkdirSync(join(ws, 'backend'));
    writeFileSync(join(ws, 'backend', 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(ws, 'backend', 'poetry.lock'), 'lock');
    writeFileSync(join(ws, 'backend', 'README.md'), 'not a key file');
    const files = keyFiles(join(ws, 'backend'), join(ws, 'backend', 'Dockerfile'), ws);
    expect(files.map((f) => f.path)).toEqual(['backend/Dockerfile', 'backend/poetry.lock']);
    expect(files[1]?.sha256).toBe(createHash('sha256').update('lock').digest('hex'));
  });
});
