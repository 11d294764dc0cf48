import { createHash } from 'node:crypto';
import { isAbsolute, join, posix } from 'node:path';
import type { Component } from './component.js';

/** Bump when what goes into a cache changes, so old entries are not restored. */
const CACHE_VERSION = 'v1';

export interface CacheKeys {
  /** `test-matrix-linux-python-poetry-backend-<32 hex>`: exact match only when nothing changed. */
  key: string;
  /** The same without the hash: a near miss restores the latest cache of this component. */
  restoreKey: string;
}

/**
 * A component's cache key: the runner OS, language, package manager and name in clear (so keys are
 * readable in the cache list), then a hash of those, the runtime version and the lockfiles'
 * contents (`lockHash`). Any lockfile change, a new Node/Python/Go version or another OS gives a
 * new key.
 */
export function cacheKeys(component: Component, os: string): CacheKeys {
  const osName = (os || 'unknown').toLowerCase();
  const prefix = [
    'test-matrix',
    osName,
    component.language,
    component.packageManager || 'none',
    slug(component.name),
  ].join('-');
  const digest = createHash('sha256')
    .update(
      [
        CACHE_VERSION,
        osName,
        component.language,
        component.packageManager,
        component.runtimeVersion,
        component.lockHash,
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 32);
  return { key: `${prefix}-${digest}`, restoreKey: `${prefix}-` };
}

/**
 * The component's cache folders as the workflow sees them: `~/…` stays, a project folder becomes
 * relative to the workspace (`rootPrefix` is the discovery root relative to the workspace).
 */
export function cachePaths(component: Component, rootPrefix: string): string[] {
  return component.cacheDirs.map((d) =>
    d.startsWith('~/') || rootPrefix === '' || rootPrefix === '.' ? d : posix.join(rootPrefix, d),
  );
}

/** Absolute paths for @actions/cache: `~` is the home folder, the rest is under the workspace. */
export function resolveCachePaths(paths: readonly string[], home: string, workspace: string): string[] {
  return paths.map((p) =>
    p.startsWith('~/') ? join(home, p.slice(2)) : isAbsolute(p) ? p : join(workspace, p),
  );
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}
