import { describe, expect, it } from 'vitest';
import { abortableSleep, backoffDelay, RetryError, type RetryOptions, retry } from '../../../lib/retry.js';

/** A virtual clock: sleeping advances it; each attempt takes `attemptMs`. */
function clock(attemptMs = 0) {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    work: () => {
      t += attemptMs;
    },
  };
}

const failing =
  (c: ReturnType<typeof clock>, times: number, error: unknown = new Error('boom')) =>
  async (attempt: number): Promise<string> => {
    c.work();
    if (attempt <= times) throw error;
    return `ok after ${attempt}`;
  };

describe('backoffDelay', () => {
  const opts: RetryOptions = { deadlineMs: 1e9, initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0 };
  it('grows by the factor up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, opts))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('defaults: 500 ms, ×2, at most 10 s, ±20 %', () => {
    const d = { deadlineMs: 1e9 };
    expect([1, 2, 6, 30].map((a) => backoffDelay(a, d, () => 0.5))).toEqual([500, 1000, 10_000, 10_000]);
    expect(backoffDelay(1, d, () => 0)).toBe(400);
    expect(backoffDelay(1, d, () => 1)).toBe(600);
  });
  it('clamps jitter to 0..1 and never goes negative', () => {
    expect(backoffDelay(1, { ...opts, jitter: 5 }, () => 0)).toBe(0);
    expect(backoffDelay(1, { ...opts, jitter: 5 }, () => 1)).toBe(200);
    expect(backoffDelay(1, { ...opts, jitter: -1 }, () => 0)).toBe(100);
  });
});

describe('retry', () => {
  it('returns the first success, sleeping with backoff between attempts', async () => {
    const c = clock();
    const result = await retry(failing(c, 3), {
      deadlineMs: 60_000,
      initialDelayMs: 1000,
      jitter: 0,
      sleep: c.sleep,
      now: c.now,
    });
    expect(result).toBe('ok after 4');
    expect(c.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('waits what retryAfterMs asks instead of the backoff, and stops when that passes the deadline', async () => {
    const c = clock();
    const asked = Object.assign(new Error('429'), { retryAfterMs: 3000 });
    const result = await retry(failing(c, 2, asked), {
      deadlineMs: 60_000,
      initialDelayMs: 100,
      jitter: 0,
      sleep: c.sleep,
      now: c.now,
      retryAfterMs: (e) => (e as { retryAfterMs?: number }).retryAfterMs,
    });
    expect(result).toBe('ok after 3');
    expect(c.sleeps).toEqual([3000, 3000]);

    const c2 = clock();
    const tooLong = Object.assign(new Error('429'), { retryAfterMs: 120_000 });
    const error = await retry(failing(c2, 5, tooLong), {
      deadlineMs: 60_000,
      sleep: c2.sleep,
      now: c2.now,
      retryAfterMs: (e) => (e as { retryAfterMs?: number }).retryAfterMs,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect((error as RetryError).attempts).toBe(1);
    expect(c2.sleeps).toEqual([]);
  });

  it('tells onRetry about each failed attempt before sleeping', async () => {
    const c = clock(50);
    const seen: unknown[] = [];
    await retry(failing(c, 2), {
      deadlineMs: 60_000,
      initialDelayMs: 100,
      jitter: 0,
      sleep: c.sleep,
      now: c.now,
      onRetry: ({ attempt, error, delayMs, elapsedMs }) =>
        seen.push([attempt, (error as Error).message, delayMs, elapsedMs]),
    });
    expect(seen).toEqual([
      [1, 'boom', 100, 50],
      [2, 'boom', 200, 200],
    ]);
  });

  it('gives up at the deadline; the last delay is cut so the deadline is kept', async () => {
    const c = clock(100);
    const error = await retry(failing(c, 99), {
      deadlineMs: 5000,
      initialDelayMs: 1000,
      jitter: 0,
      sleep: c.sleep,
      now: c.now,
    }).catch((e: unknown) => e);
    // attempts end at 100, 1200, 3300; 1700 ms left < 4000 → 1700; the 4th ends at 5100
    expect(c.sleeps).toEqual([1000, 2000, 1700]);
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toMatchObject({ attempts: 4, elapsedMs: 5100 });
    expect((error as RetryError).lastError).toEqual(new Error('boom'));
    expect((error as RetryError).message).toBe('gave up after 4 attempts in 5100ms: boom');
  });

  it('stops after maxAttempts', async () => {
    const c = clock();
    const error = await retry(failing(c, 99, 'a string'), {
      deadlineMs: 1e9,
      maxAttempts: 3,
      sleep: c.sleep,
      now: c.now,
      random: () => 0.5,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 3, lastError: 'a string' });
    expect((error as Error).message).toBe('gave up after 3 attempts in 1500ms: a string');
    expect(c.sleeps).toEqual([500, 1000]);
  });

  it('maxAttempts 1 means no retry, and the message is singular', async () => {
    const c = clock();
    const error = await retry(failing(c, 1), {
      deadlineMs: 1e9,
      maxAttempts: 1,
      sleep: c.sleep,
      now: c.now,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('gave up after 1 attempt in 0ms: boom');
    expect(c.sleeps).toEqual([]);
  });

  it('rethrows a non-retryable error at once, as it is', async () => {
    const c = clock();
    const auth = Object.assign(new Error('permission denied'), { code: 'AUTH' });
    let attempts = 0;
    const error = await retry(
      async () => {
        attempts++;
        throw attempts === 1 ? new Error('transient') : auth;
      },
      {
        deadlineMs: 60_000,
        sleep: c.sleep,
        now: c.now,
        isRetryable: (e) => (e as { code?: string }).code !== 'AUTH',
      },
    ).catch((e: unknown) => e);
    expect(error).toBe(auth);
    expect(attempts).toBe(2);
  });

  it('an aborted signal stops retrying', async () => {
    const c = clock();
    const controller = new AbortController();
    let attempts = 0;
    const error = await retry(
      async () => {
        attempts++;
        if (attempts === 2) controller.abort();
        throw new Error('down');
      },
      { deadlineMs: 60_000, sleep: c.sleep, now: c.now, signal: controller.signal },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect(attempts).toBe(2);
  });
});

describe('abortableSleep', () => {
  it('sleeps, and ends early when aborted (or at once if already aborted)', async () => {
    const started = performance.now();
    await abortableSleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const long = abortableSleep(60_000, controller.signal);
    controller.abort();
    await long;
    await abortableSleep(60_000, AbortSignal.abort());
  });
});
