import type { ImageResult } from './execute.js';
import type { BuildPlan } from './plan.js';

/** The step outputs (pure): the first image is the primary one; `metadata` describes them all. */
export function stepOutputs(results: readonly ImageResult[]): Record<string, string> {
  const primary = results[0];
  return {
    image: primary?.image ?? '',
    digest: primary?.digest ?? '',
    tags: (primary?.tags ?? []).join('\n'),
    version: primary?.version ?? '',
    metadata: JSON.stringify(results.map(metadataEntry)),
  };
}

export function metadataEntry(r: ImageResult): Record<string, unknown> {
  return {
    name: r.name,
    image: r.image ?? null,
    digest: r.digest ?? null,
    imageId: r.imageId ?? null,
    tags: r.tags,
    version: r.version,
    labels: r.labels,
    pushed: r.pushed,
    size: r.sizeBytes ?? null,
    platforms: r.platforms,
    cache: {
      mode: r.cache.mode,
      effective: r.cache.effective,
      steps: r.cache.stats.steps,
      cached: r.cache.stats.cached,
      restored: r.cache.restored ?? null,
    },
    attempts: r.attempts,
    durationMs: r.durationMs,
  };
}

/** What a dry run reports for each image: tags and labels, nothing built. */
export function plannedResults(plan: BuildPlan): ImageResult[] {
  return plan.images.map((img) => ({
    name: img.build.image.name,
    image: undefined,
    digest: undefined,
    imageId: undefined,
    tags: img.refs,
    version: img.version,
    labels: img.build.labels,
    pushed: false,
    sizeBytes: undefined,
    platforms: img.build.platforms,
    cache: { mode: img.cache.mode, effective: img.cache.effective, stats: { steps: 0, cached: 0 } },
    attempts: 0,
    durationMs: 0,
  }));
}
