import { errorMessage } from './errors.js';

export interface RetryOptions {
  /** Give up once this much time (ms) has passed since the first attempt started. */
  deadlineMs: number;
  /** At most this many attempts (default: unlimited within the deadline). */
  maxAttempts?: number;
  /** First delay between attempts in ms (default 500). */
  initialDelayMs?: number;
  /** Upper bound for one delay in ms (default 10 000). */
  maxDelayMs?: number;
  /** Growth factor per attempt (default 2). */
  factor?: number;
  /** Fraction of each delay that is randomised, 0..1 (default 0.2: ±20 %). */
  jitter?: number;
  /** Return false to stop at once and rethrow (auth failures, bad input). Default: retry all. */
  isRetryable?: (error: unknown) => boolean;
  /**
   * The wait the server asked for (an HTTP 429/503 `Retry-After`), in ms, or undefined to back off as
   * usual. It replaces the backoff delay; when it does not fit before the deadline, retrying stops.
   */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Called before sleeping, e.g. to log "attempt 2 failed: …, retrying in 1.1s". */
  onRetry?: (info: { attempt: number; error: unknown; delayMs: number; elapsedMs: number }) => void;
  /** Aborts waiting between attempts. */
  signal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export class RetryError extends Error {
  override readonly name: string = 'RetryError';
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly lastError: unknown,
  ) {
    super(
      `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs)}ms: ${errorMessage(lastError)}`,
    );
  }
}

/** The delay before attempt `attempt + 1` (attempt counts from 1): exponential with jitter. */
export function backoffDelay(
  attempt: number,
  opts: RetryOptions,
  random: () => number = Math.random,
): number {
  const initial = opts.initialDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 10_000;
  const factor = opts.factor ?? 2;
  const jitter = Math.min(Math.max(opts.jitter ?? 0.2, 0), 1);
  const base = Math.min(max, initial * factor ** (attempt - 1));
  return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random())));
}

/**
 * Runs `fn` until it succeeds, a non-retryable error is thrown, the attempts run out or the
 * deadline passes. The last delay is shortened so the deadline is kept; the thrown RetryError
 * carries the last error. A non-retryable error is rethrown as it is.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => abortableSleep(ms, opts.signal));
  const random = opts.random ?? Math.random;
  const start = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (opts.isRetryable && !opts.isRetryable(error)) throw error;
      const elapsedMs = now() - start;
      const remaining = opts.deadlineMs - elapsedMs;
      if (
        (opts.maxAttempts !== undefined && attempt >= opts.maxAttempts) ||
        remaining <= 0 ||
        opts.signal?.aborted
      ) {
        throw new RetryError(attempt, elapsedMs, error);
      }
      const asked = opts.retryAfterMs?.(error);
      if (asked !== undefined && asked > remaining) throw new RetryError(attempt, elapsedMs, error);
      const delayMs = asked ?? Math.min(backoffDelay(attempt, opts, random), remaining);
      opts.onRetry?.({ attempt, error, delayMs, elapsedMs });
      await sleep(delayMs);
    }
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
