// The frame every fleet run that changes servers shares (deploy-ssh, rollback): connect to each
// host, take its deploy lock and read its state in the same round trip, and, whatever happened,
// record the outcome and release the lock in one last round trip.
import type { SshConnection, SshLogger } from '../ssh/connection.js';
import type { SshPool } from '../ssh/pool.js';
import type { FleetHost, FleetPhase } from './fleet.js';
import { acquireLock, type LockInfo, releaseLock } from './lock.js';

/** What the frame keeps per host; stages extend it. */
export interface LockedHostData {
  conn?: SshConnection;
  /** The lock may be held on this host: the finish step tries to release it. */
  locked: boolean;
}

export interface LockPhasesOptions<D extends LockedHostData> {
  pool: SshPool;
  logger: SshLogger;
  lockInfo: LockInfo;
  lock: { timeoutMs: number; staleAfterMs: number };
  /** The host's app directory (app-dir with {host}/{port} replaced). */
  appDir(h: FleetHost<D>): string;
  /** A read-only script run right after the lock is taken, in the same round trip. */
  readState(h: FleetHost<D>): string;
  /** Gets what readState printed; returns what to add to the `locked <dir>` log line. */
  onLocked(h: FleetHost<D>, state: string): string;
  /**
   * Settles before any lock is taken (e.g. the GitHub deployment being recorded while the hosts
   * connect). Connecting changes nothing on a server, so the two overlap.
   */
  beforeLock?: Promise<unknown>;
}

/** The `Connect` and `Lock` phases. */
export function connectAndLockPhases<D extends LockedHostData>(o: LockPhasesOptions<D>): FleetPhase<D>[] {
  return [
    {
      name: 'Connect',
      run: async (h) => {
        h.data.conn = await o.pool.connect(h.host, { signal: h.signal });
        o.logger.info(`[${h.host.label}] connected (host key ${h.data.conn.hostKeyFingerprint})`);
      },
    },
    {
      name: 'Lock',
      run: async (h) => {
        const conn = h.data.conn;
        if (!conn) throw new Error('internal: the host is not connected');
        await o.beforeLock;
        const appDir = o.appDir(h);
        h.data.locked = true; // from here on, the finish step tries to release it
        const lock = await acquireLock(conn, {
          appDir,
          info: o.lockInfo,
          timeoutMs: o.lock.timeoutMs,
          staleAfterMs: o.lock.staleAfterMs,
          after: o.readState(h),
          logger: o.logger,
          signal: h.signal,
        });
        const note = o.onLocked(h, lock.after ?? '');
        o.logger.info(`[${h.host.label}] locked ${appDir}${note}`);
      },
    },
  ];
}

/**
 * The finish step: runs `record` (history lines to append; may be undefined) and releases the lock
 * in one round trip, the lock even if recording failed. Nothing to do on a host that was never
 * locked or whose connection is gone (the post step releases what is left).
 */
export async function recordAndUnlock<D extends LockedHostData>(
  h: FleetHost<D>,
  o: { appDir: string; token: string; record: string | undefined; logger: SshLogger },
): Promise<boolean> {
  const conn = h.data.conn;
  if (!conn || conn.isClosed || !h.data.locked) return false;
  const released = await releaseLock(conn, o.appDir, o.token, { before: o.record, logger: o.logger });
  h.data.locked = false;
  if (released === 'released') o.logger.info(`[${h.host.label}] released the deploy lock`);
  return true;
}
