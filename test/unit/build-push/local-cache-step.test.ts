import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuilderInfo } from '../../../actions/build-push/cache.js';
import type { ImageResult } from '../../../actions/build-push/execute.js';
import type { GitContext } from '../../../actions/build-push/git-context.js';
import { parseInputs } from '../../../actions/build-push/inputs.js';
import type { CacheService } from '../../../actions/build-push/local-cache.js';
import { restoreAndSaveAround } from '../../../actions/build-push/local-cache-step.js';
import { planBuilds } from '../../../actions/build-push/plan.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const ws = mkdtempSync(join(tmpdir(), 'bp-lcs-'));
mkdirSync(join(ws, 'app'));
writeFileSync(join(ws, 'app', 'Dockerfile'), 'FROM scratch\n');
writeFileSync(join(ws, 'app', 'package-lock.json'), '{}');
const runnerTemp = mkdtempSync(join(tmpdir(), 'bp-lcs-rt-'));
const ctx: GitContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: '0123456789abcdef0123456789abcdef01234567',
  repository: 'acme/shop',
  serverUrl: 'https://github.com',
  defaultBranch: 'main',
  prNumber: undefined,
  description: undefined,
  license: undefined,
};
const container: BuilderInfo = { name: 'b1', driver: 'docker-container', cacheExport: true };

async function localPlan() {
  const inputs = await parseInputs(
    new Inputs(recordInputs({ image: 'ghcr.io/acme/api', context: 'app', cache: 'local' })),
    ws,
  );
  return planBuilds({
    inputs,
    ctx,
    builder: container,
    created: new Date(),
    workDir: '/w',
    runnerTemp,
    ghaAvailable: true,
  });
}

function built(): ImageResult[] {
  mkdirSync(join(runnerTemp, 'ops-build-push-cache', 'ghcr.io-acme-api'), { recursive: true });
  return [
    {
      name: 'ghcr.io/acme/api',
      image: undefined,
      digest: undefined,
      imageId: undefined,
      tags: [],
      version: 'main',
      labels: {},
      pushed: false,
      sizeBytes: undefined,
      platforms: [],
      cache: { mode: 'local', effective: 'local (actions/cache)', stats: { steps: 1, cached: 1 } },
      attempts: 1,
      durationMs: 1,
    },
  ];
}

describe('restoreAndSaveAround (cache: local)', () => {
  it('restores the cache dir before the build and saves it after, under a key from the lockfiles', async () => {
    const calls: string[] = [];
    const svc: CacheService = {
      isFeatureAvailable: async () => true,
      restoreCache: async (paths, key, restoreKeys) => {
        calls.push(`restore ${paths.join()} ${key} ${restoreKeys.join()}`);
        return restoreKeys[0] ? `${restoreKeys[0]}older` : undefined;
      },
      saveCache: async (paths, key) => {
        calls.push(`save ${paths.join()} ${key}`);
        return 1;
      },
    };
    const results = await restoreAndSaveAround(
      await localPlan(),
      { runnerTemp, workspace: ws },
      async () => {
        calls.push('build');
        return built();
      },
      svc,
    );
    expect(calls[0]).toMatch(
      new RegExp(
        `^restore ${runnerTemp}/ops-build-push-cache ops-build-push-${process.platform}-${process.arch}-[0-9a-f]{12}-[0-9a-f]{32} `,
      ),
    );
    expect(calls[1]).toBe('build');
    expect(calls[2]).toMatch(/^save /);
    expect(results[0]?.cache.restored).toBe('older key');
  });

  it('without the cache service (as in these tests): builds anyway, saves nothing', async () => {
    let saved = false;
    const svc: CacheService = {
      isFeatureAvailable: async () => false,
      restoreCache: async () => undefined,
      saveCache: async () => {
        saved = true;
        return 1;
      },
    };
    const results = await restoreAndSaveAround(
      await localPlan(),
      { runnerTemp, workspace: ws },
      async () => built(),
      svc,
    );
    expect(results[0]?.cache.restored).toBe('unavailable');
    expect(saved).toBe(false);
  });
});
