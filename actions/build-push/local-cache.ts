import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorMessage } from '../../lib/errors.js';
import { type KeyFile, LOCKFILES, sha256 } from './cache.js';

/** The part of @actions/cache the local cache uses; injected in tests. */
export interface CacheService {
  isFeatureAvailable(): Promise<boolean>;
  restoreCache(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

/** @actions/cache, loaded only when `cache: local` is used (it is large). */
export const actionsCache: CacheService = {
  isFeatureAvailable: async () => (await import('@actions/cache')).isFeatureAvailable(),
  restoreCache: async (paths, key, restoreKeys) =>
    (await import('@actions/cache')).restoreCache(paths, key, restoreKeys),
  saveCache: async (paths, key) => (await import('@actions/cache')).saveCache(paths, key),
};

export type RestoreOutcome =
  | { status: 'hit'; key: string }
  | { status: 'partial'; key: string }
  | { status: 'miss' }
  | { status: 'unavailable'; reason: string };

/**
 * Restores the buildx cache directory. Never fails the build: a cache that cannot be restored
 * means a slower build, so every failure becomes a warning and a `miss`.
 */
export async function restoreLocalCache(
  svc: CacheService,
  dir: string,
  key: { key: string; restoreKeys: string[] },
  warn: (message: string) => void,
): Promise<RestoreOutcome> {
  if (!(await svc.isFeatureAvailable().catch(() => false))) {
    const reason = 'the GitHub Actions cache service is not available to this run';
    warn(`cache: local: ${reason}; building without a restored cache (nothing will be saved).`);
    return { status: 'unavailable', reason };
  }
  try {
    const hit = await svc.restoreCache([dir], key.key, key.restoreKeys);
    if (hit === undefined) return { status: 'miss' };
    return hit === key.key ? { status: 'hit', key: hit } : { status: 'partial', key: hit };
  } catch (error) {
    warn(`cache: local: restoring ${key.key} failed (${errorMessage(error)}); building without it.`);
    return { status: 'miss' };
  }
}

/** Saves the cache directory unless the exact key was restored (cache entries are immutable). */
export async function saveLocalCache(
  svc: CacheService,
  dir: string,
  key: string,
  restored: RestoreOutcome,
  warn: (message: string) => void,
): Promise<'saved' | 'unchanged' | 'skipped' | 'failed'> {
  if (restored.status === 'hit') return 'unchanged';
  if (restored.status === 'unavailable' || !existsSync(dir)) return 'skipped';
  try {
    await svc.saveCache([dir], key);
    return 'saved';
  } catch (error) {
    warn(`cache: local: saving ${key} failed (${errorMessage(error)}); the next run builds without it.`);
    return 'failed';
  }
}

/**
 * buildx appends to a local cache forever; writing to `dest` and replacing `src` with it keeps
 * only what this build used.
 */
export function rotateLocalCacheDir(local: { src: string; dest: string }): void {
  if (!existsSync(local.dest)) return;
  rmSync(local.src, { recursive: true, force: true });
  renameSync(local.dest, local.src);
}

/** The Dockerfile and the lockfiles at the root of the context, with their content hashes. */
export function keyFiles(context: string, file: string, workspace: string): KeyFile[] {
  const paths = [file, ...LOCKFILES.map((f) => join(context, f)).filter((p) => existsSync(p))];
  return paths.map((p) => ({ path: relative(workspace, p) || p, sha256: sha256(readFileSync(p)) }));
}
