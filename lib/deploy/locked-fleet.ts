// The frame every fleet run that changes servers shares (deploy-ssh, rollback): connect to each
// host, take its deploy lock and read its state in the same round trip, and, whatever happened,
// record the outcome and release the lock in one last round trip.
import type { SshConnection, SshLogger } from '../ssh/connection.js';
import type { SshPool } from '../ssh/pool.js';
import type { FleetHost, FleetPhase } from './fleet.js';
import { acquireLock, type LockInfo, releaseLock } from './lock.js';
import { type Heartbeat, LockLostError, startHeartbeat } from './lock-heartbeat.js';

/** What the frame keeps per host; stages extend it. */
export interface LockedHostData {
  conn?: SshConnection;
  /** The lock may be held on this host: the finish step tries to release it. */
  locked: boolean;
  /** Refreshes the lock while it is held. */
  heartbeat?: Heartbeat;
  /** The lock was taken by another deploy while this one held it: nothing more is done on the host. */
  lockLost?: LockLostError;
}

export interface LockPhasesOptions<D extends LockedHostData> {
  pool: SshPool;
  logger: SshLogger;
  lockInfo: LockInfo;
  lock: { timeoutMs: number; staleAfterMs: number; heartbeatMs?: number };
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

/**
 * The app directories (with the deploy's token) that several hosts of this deploy share (the same
 * server twice, NFS): the lock there is one, so a host finding it gone after another host released
 * it is not a loss. Known once every host passed Lock (before any release).
 */
const sharedHere = new Set<string>();
const sharedKey = (token: string, appDir: string): string => `${token}\0${appDir}`;

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
        if (lock.shared) sharedHere.add(sharedKey(o.lockInfo.token, appDir));
        // from here on the lock's age is refreshed, so only a dead holder's lock goes stale
        h.data.heartbeat = startHeartbeat(conn, {
          appDir,
          token: o.lockInfo.token,
          staleAfterMs: o.lock.staleAfterMs,
          intervalMs: o.lock.heartbeatMs,
          releasedByThisDeploy: () => sharedHere.has(sharedKey(o.lockInfo.token, appDir)),
          onLost: (error) => {
            h.data.lockLost = error;
            o.logger.warning(error.message);
            h.abort(error);
          },
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
  h.data.heartbeat?.stop();
  if (h.data.lockLost) {
    // another deploy holds it now: its history and its lock are left alone
    h.data.locked = false;
    failHost(h, h.data.lockLost);
    return false;
  }
  const conn = h.data.conn;
  if (!conn || conn.isClosed || !h.data.locked) return false;
  const released = await releaseLock(conn, o.appDir, o.token, { before: o.record, logger: o.logger });
  h.data.locked = false;
  if (released === 'released') o.logger.info(`[${h.host.label}] released the deploy lock`);
  // (a host that never got the lock — it failed in Lock — finds another deploy's: nothing lost;
  // another host of this deploy sharing the directory may have released it already)
  else if (h.data.heartbeat && !(released === 'absent' && sharedHere.has(sharedKey(o.token, o.appDir)))) {
    // the lock was taken (or removed) before the heartbeat noticed: this deploy did not hold it to the end
    const error = new LockLostError(
      `${h.host.label}: the deploy lock on ${o.appDir} was ${released === 'not-ours' ? 'taken by another deploy' : 'removed'} ` +
        'before this deploy released it: another deploy may have changed this host meanwhile. Check the host before deploying again.',
      { host: h.host.label },
    );
    o.logger.warning(error.message);
    failHost(h, error);
  }
  return true;
}

/** The lost lock is what the host reports, whatever else happened to it. */
function failHost<D>(h: FleetHost<D>, error: Error): void {
  if (h.status !== 'failed') h.failedPhase ??= 'Record and unlock';
  h.status = 'failed';
  h.error = error;
}
