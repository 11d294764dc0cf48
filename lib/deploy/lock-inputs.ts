// The deploy lock's inputs, shared by deploy-ssh and rollback: lock-timeout and lock-stale-after.
import { formatDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';

export interface LockSettings {
  /** Wait this long for another deploy's lock (0: do not wait). */
  timeoutMs: number;
  /** Break a lock that has not been refreshed for this long (0: never). */
  staleAfterMs: number;
}

/** The shortest lock-stale-after: the holder refreshes every third of it, on a server clock in seconds. */
export const MIN_STALE_AFTER_MS = 3000;

export function readLockSettings(inputs: Inputs): LockSettings {
  const timeoutMs = inputs.duration('lock-timeout', '10m', { min: 0 });
  const staleAfterMs = inputs.duration('lock-stale-after', '30m', { min: 0 });
  if (staleAfterMs > 0 && staleAfterMs < MIN_STALE_AFTER_MS) {
    throw new ConfigurationError(
      'lock-stale-after',
      `must be 0 (never break a lock) or at least ${formatDuration(MIN_STALE_AFTER_MS)}, got ${formatDuration(staleAfterMs)}: ` +
        'a live deploy refreshes its lock every third of lock-stale-after (the server clock counts seconds), so only a dead deploy’s lock grows that old.',
      'lock-stale-after: 30m',
    );
  }
  return { timeoutMs, staleAfterMs };
}
