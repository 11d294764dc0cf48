import * as core from '@actions/core';
import { localCacheKey } from './cache.js';
import type { ImageResult } from './execute.js';
import {
  actionsCache,
  type CacheService,
  keyFiles,
  restoreLocalCache,
  saveLocalCache,
} from './local-cache.js';
import { type BuildPlan, localCacheRoot } from './plan.js';

/**
 * `cache: local`: restores the buildx cache directory with @actions/cache before the builds and
 * saves it after they all succeeded. Both steps only warn on failure. Other modes: runs `build`.
 */
export async function restoreAndSaveAround(
  plan: BuildPlan,
  where: { runnerTemp: string; workspace: string },
  build: () => Promise<ImageResult[]>,
  svc: CacheService = actionsCache,
): Promise<ImageResult[]> {
  const locals = plan.images.filter((i) => i.cache.local);
  if (locals.length === 0) return build();
  const key = localCacheKey({
    platform: `${process.platform}-${process.arch}`,
    images: locals.map((i) => ({
      name: i.build.image.name,
      files: keyFiles(i.build.context, i.build.file, where.workspace),
    })),
  });
  const dir = localCacheRoot(where.runnerTemp);
  const restored = await core.group('Restore the build cache (actions/cache)', async () => {
    const r = await restoreLocalCache(svc, dir, key, (m) => core.warning(m));
    core.info(
      r.status === 'hit' || r.status === 'partial'
        ? `Restored ${r.key}${r.status === 'partial' ? ` (wanted ${key.key})` : ''}`
        : `No cache restored (${r.status === 'unavailable' ? r.reason : `no entry for ${key.key}`})`,
    );
    return r;
  });
  const results = await build();
  const label =
    restored.status === 'hit'
      ? 'exact key'
      : restored.status === 'partial'
        ? 'older key'
        : restored.status === 'miss'
          ? 'miss'
          : 'unavailable';
  for (const r of results)
    if (plan.images.find((i) => i.build.image.name === r.name)?.cache.local) r.cache.restored = label;
  const saved = await saveLocalCache(svc, dir, key.key, restored, (m) => core.warning(m));
  core.info(`Build cache ${key.key}: ${saved}`);
  return results;
}
