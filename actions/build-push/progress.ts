/** How many Dockerfile steps the build had and how many of them came from the cache. */
export interface CacheStats {
  steps: number;
  cached: number;
}

/**
 * Counts cache hits in buildx's `--progress plain` output (pure). A Dockerfile step is a vertex
 * named `[n/m] …` or `[stage n/m] …` (FROM excluded); it was a hit when the same vertex printed `CACHED`.
 */
export function parseCacheStats(output: string): CacheStats {
  const steps = new Set<string>();
  const cached = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    const step = /^#(\d+) \[(?:[^\]\s]+ )?\d+\/\d+\] (\S+)/.exec(line);
    if (step?.[1]) {
      // a base image (FROM) is resolved, not built: it is never reported as CACHED
      if (step[2] !== 'FROM') steps.add(step[1]);
      continue;
    }
    const hit = /^#(\d+) CACHED\s*$/.exec(line);
    if (hit?.[1]) cached.add(hit[1]);
  }
  let n = 0;
  for (const id of cached) if (steps.has(id)) n++;
  return { steps: steps.size, cached: n };
}

export function formatCacheStats(s: CacheStats): string {
  if (s.steps === 0) return 'no steps';
  return `${s.cached}/${s.steps} steps cached`;
}
