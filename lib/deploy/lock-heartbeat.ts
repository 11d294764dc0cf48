// The deploy lock's heartbeat: while a deploy holds a host's lock it refreshes the lock's age on an
// interval, so only a dead holder's lock grows older than lock-stale-after and gets broken. A
// holder that finds its lock taken (broken, or removed by hand) — or that cannot refresh it for
// long enough that another deploy may break it — is told at once, to stop before it writes more.
import { formatDuration } from '../duration.js';
import { errorMessage, OperationError } from '../errors.js';
import type { SshConnection } from '../ssh/connection.js';
import { describeHolder, lockPath, refreshLock } from './lock.js';

/** The lock this deploy held was taken by another deploy, or may be: the host must stop. */
export class LockLostError extends OperationError {
  override readonly name: string = 'LockLostError';
}

/** Between refreshes: a third of lock-stale-after, between 1 s and 1 min (1 min when it is 0: never). */
export function heartbeatIntervalMs(staleAfterMs: number): number {
  if (staleAfterMs <= 0) return 60_000;
  return Math.max(1000, Math.min(60_000, Math.floor(staleAfterMs / 3)));
}

export interface HeartbeatOptions {
  appDir: string;
  token: string;
  staleAfterMs: number;
  /** Called once, when the lock is found lost (or can no longer be kept). */
  onLost(error: LockLostError): void;
  intervalMs?: number;
  /** True when this deploy itself released the lock (another of its hosts sharing the directory). */
  releasedByThisDeploy?: () => boolean;
}

export interface Heartbeat {
  /** Stops refreshing (before the lock is released). */
  stop(): void;
  /** Set once the lock was found lost. */
  readonly lost: LockLostError | undefined;
}

export function startHeartbeat(conn: SshConnection, opts: HeartbeatOptions): Heartbeat {
  const intervalMs = opts.intervalMs ?? heartbeatIntervalMs(opts.staleAfterMs);
  const ac = new AbortController();
  let lost: LockLostError | undefined;
  let lastOk = Date.now();
  let busy = false;
  const lose = (message: string): void => {
    if (lost) return;
    lost = new LockLostError(`${conn.host.label}: ${message}`, { host: conn.host.label });
    clearInterval(timer);
    opts.onLost(lost);
  };
  const beat = async (): Promise<void> => {
    try {
      const r = await refreshLock(conn, opts.appDir, opts.token, {
        timeoutMs: intervalMs,
        signal: ac.signal,
      });
      if (ac.signal.aborted) return;
      if (r.status === 'refreshed') {
        lastOk = Date.now();
        return;
      }
      if (r.status === 'absent' && opts.releasedByThisDeploy?.()) {
        clearInterval(timer);
        return;
      }
      lose(
        r.status === 'taken'
          ? `the deploy lock on ${opts.appDir} was taken by ${describeHolder(r.holder)} while this deploy held it ` +
              '(broken as stale, or removed by hand): this host was stopped and nothing more was done or undone on it. ' +
              'Another deploy may be changing it now: check the host before deploying again.'
          : `the deploy lock on ${opts.appDir} was removed while this deploy held it (${lockPath(opts.appDir)} is gone): ` +
              'this host was stopped and nothing more was done or undone on it; check the host before deploying again.',
      );
    } catch (error) {
      if (ac.signal.aborted) return;
      const since = Date.now() - lastOk;
      // another deploy may break it once it is lock-stale-after old: stop well before that
      if (opts.staleAfterMs > 0 && since >= (opts.staleAfterMs * 2) / 3) {
        lose(
          `could not refresh the deploy lock on ${opts.appDir} for ${formatDuration(since)} (${errorMessage(error)}); ` +
            `another deploy may break it after lock-stale-after (${formatDuration(opts.staleAfterMs)}), so this host was stopped.`,
        );
      }
    }
  };
  const timer = setInterval(() => {
    if (busy || lost || ac.signal.aborted) return;
    busy = true;
    void beat().finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      ac.abort();
    },
    get lost() {
      return lost;
    },
  };
}
