// Rolling deploys across hosts: the first host alone (the canary), then the rest in batches of a
// fixed size or a share of the hosts. Pure: which hosts go in which batch.
import { ConfigurationError } from '../errors.js';

/** `N` hosts per batch, or `N%` of all hosts (rounded up, at least 1). */
export type BatchSize = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

export function parseBatchSize(text: string, input = 'rolling-batch'): BatchSize {
  const t = text.trim();
  const m = /^(\d+)(%?)$/.exec(t);
  const value = m ? Number(m[1]) : NaN;
  if (!m || value < 1 || (m[2] === '%' && value > 100)) {
    throw new ConfigurationError(
      input,
      `must be a number of hosts (such as 2) or a percentage of the hosts (such as 25%), got '${text}'.`,
      `${input}: 2`,
    );
  }
  return m[2] === '%' ? { kind: 'percent', value } : { kind: 'count', value };
}

export function batchHosts(size: BatchSize, total: number): number {
  if (size.kind === 'count') return size.value;
  return Math.max(1, Math.ceil((total * size.value) / 100));
}

/**
 * Host indexes per batch: the hosts in order, `size` at a time, except that the first host goes
 * alone first (the canary) and the rest of its batch follows it.
 * planBatches(6, {count 2}) → [[0], [1], [2, 3], [4, 5]].
 */
export function planBatches(total: number, size: BatchSize): number[][] {
  if (total === 0) return [];
  const n = batchHosts(size, total);
  const batches: number[][] = [];
  for (let i = 0; i < total; i += n) {
    batches.push(Array.from({ length: Math.min(n, total - i) }, (_, k) => i + k));
  }
  const first = batches[0] ?? [];
  return first.length > 1 ? [[0], first.slice(1), ...batches.slice(1)] : batches;
}
