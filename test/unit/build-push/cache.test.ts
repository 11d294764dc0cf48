import { describe, expect, it } from 'vitest';
import {
  type BuilderInfo,
  type CacheContext,
  cachePlan,
  localCacheKey,
} from '../../../actions/build-push/cache.js';

const container: BuilderInfo = { name: 'builder-1', driver: 'docker-container', cacheExport: true };
const docker: BuilderInfo = { name: 'default', driver: 'docker', cacheExport: false };

function c(over: Partial<CacheContext> = {}): CacheContext {
  return {
    builder: container,
    imageName: 'ghcr.io/acme/api',
    tags: ['sha-0123456', 'main', 'latest'],
    push: true,
    ghaAvailable: true,
    localDir: '/runner/temp/ops-build-push-cache/ghcr.io-acme-api',
    ...over,
  };
}

describe('cachePlan with a builder that exports caches (docker-container)', () => {
  it('none', () => {
    expect(cachePlan('none', c())).toMatchObject({ from: [], to: [], warnings: [] });
  });

  it('gha: one scope per image, mode=max', () => {
    expect(cachePlan('gha', c())).toEqual({
      mode: 'gha',
      effective: 'gha (scope ghcr.io-acme-api)',
      from: ['type=gha,scope=ghcr.io-acme-api'],
      to: ['type=gha,scope=ghcr.io-acme-api,mode=max'],
      warnings: [],
    });
  });

  it('gha without the Actions cache service: nothing, with a warning', () => {
    const p = cachePlan('gha', c({ ghaAvailable: false }));
    expect(p.from).toEqual([]);
    expect(p.to).toEqual([]);
    expect(p.warnings.join()).toMatch(/ACTIONS_RUNTIME_TOKEN/);
  });

  it('registry: <image>:buildcache, written only when pushing', () => {
    expect(cachePlan('registry', c())).toMatchObject({
      from: ['type=registry,ref=ghcr.io/acme/api:buildcache'],
      to: ['type=registry,ref=ghcr.io/acme/api:buildcache,mode=max'],
    });
    expect(cachePlan('registry', c({ push: false })).to).toEqual([]);
  });

  it('local: reads the restored dir, writes a new one that replaces it', () => {
    expect(cachePlan('local', c())).toMatchObject({
      from: ['type=local,src=/runner/temp/ops-build-push-cache/ghcr.io-acme-api'],
      to: ['type=local,dest=/runner/temp/ops-build-push-cache/ghcr.io-acme-api-new,mode=max'],
      local: {
        src: '/runner/temp/ops-build-push-cache/ghcr.io-acme-api',
        dest: '/runner/temp/ops-build-push-cache/ghcr.io-acme-api-new',
      },
    });
  });
});

describe('cachePlan with the docker driver (cannot export a cache)', () => {
  it('registry falls back to an inline cache, imported from the moving tags', () => {
    expect(cachePlan('registry', c({ builder: docker }))).toEqual({
      mode: 'registry',
      effective: 'inline (docker driver)',
      from: [
        'type=registry,ref=ghcr.io/acme/api:buildcache',
        'type=registry,ref=ghcr.io/acme/api:main',
        'type=registry,ref=ghcr.io/acme/api:latest',
      ],
      to: ['type=inline'],
      warnings: [],
    });
  });

  it('gha and local: no cache flags (they would fail), a warning saying how to get a cache', () => {
    for (const mode of ['gha', 'local'] as const) {
      const p = cachePlan(mode, c({ builder: docker }));
      expect(p.from).toEqual([]);
      expect(p.to).toEqual([]);
      expect(p.local).toBeUndefined();
      expect(p.warnings).toHaveLength(1);
      expect(p.warnings[0]).toMatch(/docker driver/);
      expect(p.warnings[0]).toMatch(/docker\/setup-buildx-action/);
    }
  });
});

describe('localCacheKey', () => {
  const api = {
    name: 'ghcr.io/acme/api',
    files: [
      { path: 'backend/Dockerfile', sha256: 'aa' },
      { path: 'backend/poetry.lock', sha256: 'bb' },
    ],
  };
  const web = { name: 'ghcr.io/acme/web', files: [{ path: 'frontend/Dockerfile', sha256: 'cc' }] };
  const base = { platform: 'linux-x64', images: [api, web] };

  it('is stable, and its restore key is the prefix for the same images', () => {
    const k = localCacheKey(base);
    expect(k).toEqual(localCacheKey(base));
    expect(k.key).toMatch(/^ops-build-push-linux-x64-[0-9a-f]{12}-[0-9a-f]{32}$/);
    expect(k.restoreKeys).toEqual([k.key.slice(0, k.key.lastIndexOf('-') + 1)]);
  });

  it('does not depend on the order of files', () => {
    const shuffled = {
      ...base,
      images: [{ ...api, files: [...api.files].reverse() }, web],
    };
    expect(localCacheKey(shuffled).key).toBe(localCacheKey(base).key);
  });

  it('changes with a Dockerfile or lockfile, keeping the prefix', () => {
    const changed = {
      ...base,
      images: [
        {
          ...api,
          files: [
            { path: 'backend/Dockerfile', sha256: 'aa' },
            { path: 'backend/poetry.lock', sha256: 'XX' },
          ],
        },
        web,
      ],
    };
    expect(localCacheKey(changed).key).not.toBe(localCacheKey(base).key);
    expect(localCacheKey(changed).restoreKeys).toEqual(localCacheKey(base).restoreKeys);
  });

  it('other images or another platform get another prefix', () => {
    expect(localCacheKey({ ...base, images: [api] }).restoreKeys).not.toEqual(
      localCacheKey(base).restoreKeys,
    );
    expect(localCacheKey({ ...base, platform: 'linux-arm64' }).key).not.toBe(localCacheKey(base).key);
  });
});
