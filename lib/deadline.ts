// A wait that ends: whatever `work` is waiting on (a stalled server that never answers, a callback
// that never comes), the caller gets an error once the deadline passes or the signal aborts.
import { formatDuration } from './duration.js';
import { errorMessage } from './errors.js';

export interface DeadlineOptions {
  /** Give up after this long (ms); undefined: no deadline. */
  timeoutMs?: number | undefined;
  /** The step's abort signal (host-timeout, cancel). */
  signal?: AbortSignal | undefined;
  /** The input the deadline comes from, for the error: `command-timeout`. */
  timeoutInput?: string | undefined;
  /** What is waited for, for the error: `SFTP upload to deploy@host`. */
  what: string;
  /** Called once when the wait is given up (e.g. to close the session the work runs on). */
  onGiveUp?: () => void;
}

export function withDeadline<T>(work: Promise<T>, opts: DeadlineOptions): Promise<T> {
  if (opts.timeoutMs === undefined && opts.signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const giveUp = (why: string): void =>
      finish(() => {
        opts.onGiveUp?.();
        reject(new Error(`${opts.what} stopped: ${why}`));
      });
    const onAbort = (): void => giveUp(errorMessage(opts.signal?.reason ?? 'aborted'));
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(
            () =>
              giveUp(
                `no end after ${formatDuration(opts.timeoutMs ?? 0)}${opts.timeoutInput ? ` (${opts.timeoutInput})` : ''}`,
              ),
            opts.timeoutMs,
          )
        : undefined;
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e instanceof Error ? e : new Error(errorMessage(e)))),
    );
  });
}
