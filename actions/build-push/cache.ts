import { createHash } from 'node:crypto';

export const CACHE_MODES = ['none', 'gha', 'registry', 'local'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** The builder buildx will use, as `docker buildx inspect` describes it. */
export interface BuilderInfo {
  name: string;
  /** `docker`, `docker-container`, `remote`, `kubernetes`; `unknown` when not inspected (dry run). */
  driver: string;
  /**
   * Whether the builder can export a build cache (--cache-to local/registry/gha). Every driver
   * but `docker` can; the docker driver only with the containerd image store.
   */
  cacheExport: boolean;
}

export interface CacheContext {
  builder: BuilderInfo;
  /** The image repository name (`ghcr.io/acme/api`). */
  imageName: string;
  /** This build's tags, for the docker driver's inline-cache fallback. */
  tags: readonly string[];
  push: boolean;
  /** The Actions cache service is reachable (ACTIONS_RUNTIME_TOKEN + cache URL are set). */
  ghaAvailable: boolean;
  /** For `local`: this image's cache directory. */
  localDir?: string;
}

export interface CachePlan {
  mode: CacheMode;
  /** What is really done, for the log and summary: `registry (:buildcache)`, `inline (docker driver)`. */
  effective: string;
  from: string[];
  to: string[];
  /** Shown as warnings: a requested mode that this builder cannot do, and what happens instead. */
  warnings: string[];
  /** `local` with an exporting builder: buildx reads `src` and writes `dest`, which then replaces `src`. */
  local?: { src: string; dest: string };
}

const SETUP_HINT =
  "To keep a cache between runs, run 'docker/setup-buildx-action' before this step (it creates a docker-container builder).";

/** The --cache-from / --cache-to values for one image (pure). */
export function cachePlan(mode: CacheMode, c: CacheContext): CachePlan {
  const none = (effective: string, warnings: string[] = []): CachePlan => ({
    mode,
    effective,
    from: [],
    to: [],
    warnings,
  });
  if (mode === 'none') return none('none');
  const dockerDriver = !c.builder.cacheExport;
  const cannot = `cache: ${mode} needs a builder that can export a build cache, but builder '${c.builder.name}' uses the docker driver`;
  switch (mode) {
    case 'gha': {
      if (dockerDriver) {
        return none('none (docker driver: daemon layer cache only)', [
          `${cannot}; building with the Docker daemon's own layer cache only. ${SETUP_HINT}`,
        ]);
      }
      if (!c.ghaAvailable) {
        return none('none (no Actions cache service)', [
          'cache: gha needs the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL), which this run does not have; building without it.',
        ]);
      }
      const scope = cacheScope(c.imageName);
      return {
        mode,
        effective: `gha (scope ${scope})`,
        from: [`type=gha,scope=${scope}`],
        to: [`type=gha,scope=${scope},mode=max`],
        warnings: [],
      };
    }
    case 'registry': {
      const ref = `${c.imageName}:buildcache`;
      if (dockerDriver) {
        // Inline cache: the cache metadata travels inside the pushed image; the next build
        // imports it from this image's moving tags (branch, latest, pr-N — not sha-*).
        const moving = c.tags.filter((t) => !t.startsWith('sha-')).map((t) => `${c.imageName}:${t}`);
        return {
          mode,
          effective: 'inline (docker driver)',
          from: [`type=registry,ref=${ref}`, ...moving.map((r) => `type=registry,ref=${r}`)],
          to: c.push ? ['type=inline'] : [],
          warnings: [],
        };
      }
      return {
        mode,
        effective: `registry (${ref})`,
        from: [`type=registry,ref=${ref}`],
        // pull-request style builds that do not push only read the cache
        to: c.push ? [`type=registry,ref=${ref},mode=max`] : [],
        warnings: [],
      };
    }
    case 'local': {
      if (dockerDriver) {
        return none('none (docker driver: daemon layer cache only)', [
          `${cannot}; building with the Docker daemon's own layer cache only. ${SETUP_HINT}`,
        ]);
      }
      if (!c.localDir) return none('none');
      const dest = `${c.localDir}-new`;
      return {
        mode,
        effective: 'local (actions/cache)',
        from: [`type=local,src=${c.localDir}`],
        to: [`type=local,dest=${dest},mode=max`],
        warnings: [],
        local: { src: c.localDir, dest },
      };
    }
  }
}

/** A gha cache scope per image, so a backend and a frontend do not overwrite each other's cache. */
export function cacheScope(imageName: string): string {
  return imageName.replace(/[^A-Za-z0-9_.-]+/g, '-');
}

/** The files whose content decides the `local` cache key, looked for at the root of each context. */
export const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'requirements.txt',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'go.sum',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
] as const;

export interface KeyFile {
  /** As shown to the user (relative to the workspace). */
  path: string;
  sha256: string;
}

/**
 * The @actions/cache key for the `local` cache (pure): the runner platform, the set of image
 * names, and the content of each image's Dockerfile and lockfiles. A run whose Dockerfile or
 * lockfiles changed gets a new key but starts from the newest cache of the same images
 * (restore key prefix).
 */
export function localCacheKey(p: {
  platform: string;
  images: readonly { name: string; files: readonly KeyFile[] }[];
}): { key: string; restoreKeys: string[] } {
  const names = p.images.map((i) => i.name).sort();
  const namesHash = sha256(names.join('\n')).slice(0, 12);
  const content = p.images
    .map((i) =>
      [
        i.name,
        ...[...i.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}=${f.sha256}`),
      ].join('\n'),
    )
    .join('\n\n');
  const prefix = `ops-build-push-${p.platform}-${namesHash}-`;
  return { key: prefix + sha256(content).slice(0, 32), restoreKeys: [prefix] };
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
