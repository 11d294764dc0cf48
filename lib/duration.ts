const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses `500ms`, `30s`, `5m`, `1h`, `1m30s`, or a plain number of `defaultUnit` (seconds unless
 * told otherwise). Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string, defaultUnit: 'ms' | 's' | 'm' = 's'): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * (UNITS[defaultUnit] ?? 1000));
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * (UNITS[m[2] as string] ?? 0);
    consumed = re.lastIndex;
  }
  if (consumed !== t.length || consumed === 0) return undefined;
  return Math.round(total);
}

/** `1234` → `1.2s`, `65000` → `1m5s`, `800` → `800ms`: for logs and summaries. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  // Each branch takes the values that still read right after its own rounding: 999.6 ms is
  // `1.0s` (not `1000ms`), 59 999 ms is `1m` (not `60.0s`), 119 600 ms is `2m` (not `1m60s`).
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  if (Math.round(ms / 100) < 600) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return s ? `${m}m${s}s` : `${m}m`;
}
