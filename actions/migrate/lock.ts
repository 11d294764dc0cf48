// The migration lock: a PostgreSQL session-level advisory lock, held on a dedicated connection for
// the whole run (backup and migrations), so two pipelines never migrate one database at once.
// It lives in the database itself, so it works whichever runner or server the runs start from,
// and PostgreSQL releases it if the holder's connection dies (a cancelled job leaves no stale lock).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { formatDuration } from '../../lib/duration.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { RetryError, retry } from '../../lib/retry.js';

/** The lock's name; its key is derived from it (stable across versions of the action). */
export const LOCK_NAME = 'ops-actions/migrate';

/**
 * The signed 64-bit key pg_try_advisory_lock(bigint) takes: the first 8 bytes of SHA-256 of the
 * name. Different from the keys the tools take themselves (node-pg-migrate's 7241865325823964),
 * so our lock never blocks a tool we run under it.
 */
export function advisoryLockKey(name: string = LOCK_NAME): bigint {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return digest.readBigInt64BE(0);
}

/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits), objsubid 1. */
export function lockKeyParts(key: bigint): { classid: string; objid: string } {
  return {
    classid: BigInt.asUintN(32, key >> 32n).toString(),
    objid: BigInt.asUintN(32, key).toString(),
  };
}

export interface LockHolder {
  pid: number;
  applicationName: string;
  user: string;
  clientAddr: string | null;
  /** Seconds since the holder connected. */
  connectedForS: number;
  state: string | null;
}

/** "pid 4242 (ops-actions migrate (acme/shop run 1000.1), user app, from 10.0.0.5, connected 42s ago)". */
export function describeHolder(h: LockHolder): string {
  const parts = [
    h.applicationName ? `'${h.applicationName}'` : 'no application_name',
    h.user ? `user ${h.user}` : '',
    h.clientAddr ? `from ${h.clientAddr}` : '',
    `connected ${formatDuration(h.connectedForS * 1000)} ago`,
  ].filter(Boolean);
  return `pid ${h.pid} (${parts.join(', ')})`;
}

/** The `application_name` our connections use, so a waiting run can say who holds the lock. */
export function applicationName(env: NodeJS.ProcessEnv = process.env): string {
  const repo = env['GITHUB_REPOSITORY'];
  const runId = env['GITHUB_RUN_ID'];
  const attempt = env['GITHUB_RUN_ATTEMPT'];
  const run = runId ? ` run ${runId}${attempt && attempt !== '1' ? `.${attempt}` : ''}` : '';
  const name = `ops-actions migrate (${repo ?? 'local'}${run})`;
  // PostgreSQL keeps NAMEDATALEN-1 = 63 bytes of it.
  return name.length <= 63 ? name : `${name.slice(0, 59)}...)`;
}

export interface AcquireOptions {
  timeoutMs: number;
  log: (line: string) => void;
  key?: bigint;
  /** For tests. */
  pollInitialMs?: number;
  pollMaxMs?: number;
}

export interface HeldLock {
  key: bigint;
  waitedMs: number;
  /** Who held it while we waited (the last holder seen), for the summary. */
  waitedFor: string | undefined;
  release(): Promise<void>;
}

class LockBusy extends Error {
  constructor(readonly holder: string | undefined) {
    super(holder ? `held by ${holder}` : 'held by another session');
  }
}

/**
 * Takes the lock, polling pg_try_advisory_lock with backoff until `timeoutMs`. While it waits it
 * logs who holds it (pid, application_name, user, client address — from pg_locks and
 * pg_stat_activity), once and again whenever the holder changes.
 */
export async function acquireMigrationLock(client: pg.Client, opts: AcquireOptions): Promise<HeldLock> {
  const key = opts.key ?? advisoryLockKey();
  const started = Date.now();
  let lastHolder: string | undefined;
  let logged: string | undefined;
  try {
    await retry(
      async () => {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
          key.toString(),
        ]);
        if (r.rows[0]?.ok) return;
        const holders = await lockHolders(client, key).catch(() => []);
        const holder = holders[0] ? describeHolder(holders[0]) : undefined;
        lastHolder = holder ?? lastHolder;
        const said = holder?.replace(/, connected [^,)]* ago/, '');
        if (said !== logged) {
          opts.log(
            `Waiting for the migration lock: another migration of this database is running — held by ${holder ?? 'a session that is just releasing it'}. ` +
              `Waiting up to ${formatDuration(opts.timeoutMs)} (lock-timeout).`,
          );
          logged = said;
        }
        throw new LockBusy(holder);
      },
      {
        deadlineMs: opts.timeoutMs,
        initialDelayMs: opts.pollInitialMs ?? 250,
        maxDelayMs: opts.pollMaxMs ?? 2000,
        factor: 1.5,
        isRetryable: (e) => e instanceof LockBusy,
      },
    );
  } catch (error) {
    if (error instanceof RetryError && error.lastError instanceof LockBusy) {
      throw new OperationError(
        `Timed out after ${formatDuration(Date.now() - started)} waiting for the migration lock (lock-timeout ${formatDuration(opts.timeoutMs)}): ` +
          `it is ${error.lastError.message}. Another migration of this database is still running; ` +
          'let it finish and re-run this job, or raise lock-timeout. Nothing was backed up or migrated.',
        { holder: error.lastError.holder },
      );
    }
    throw new OperationError(`Could not take the migration lock: ${errorMessage(error)}`);
  }
  const waitedMs = Date.now() - started;
  let released = false;
  return {
    key,
    waitedMs,
    waitedFor: lastHolder,
    async release() {
      if (released) return;
      released = true;
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
    },
  };
}

/** The sessions holding the advisory lock `key` in the current database. */
export async function lockHolders(client: pg.Client, key: bigint): Promise<LockHolder[]> {
  const { classid, objid } = lockKeyParts(key);
  const r = await client.query<{
    pid: number;
    application_name: string | null;
    usename: string | null;
    client_addr: string | null;
    connected_s: string | null;
    state: string | null;
  }>(
    `SELECT a.pid, a.application_name, a.usename, host(a.client_addr) AS client_addr,
            extract(epoch FROM now() - a.backend_start)::bigint::text AS connected_s, a.state
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::text = $1 AND l.objid::text = $2 AND l.objsubid = 1`,
    [classid, objid],
  );
  return r.rows.map((row) => ({
    pid: row.pid,
    applicationName: row.application_name ?? '',
    user: row.usename ?? '',
    clientAddr: row.client_addr,
    connectedForS: Number(row.connected_s ?? 0),
    state: row.state,
  }));
}

/** The lock's session ended or no longer holds the lock: another run may migrate at the same time. */
export class LockLostError extends OperationError {
  override readonly name: string = 'LockLostError';
}

export interface LockWatch {
  /** Aborted (reason: a LockLostError) as soon as the lock is found lost. */
  readonly signal: AbortSignal;
  /** One last check now; throws the LockLostError when the lock is gone. */
  verify(): Promise<void>;
  stop(): void;
}

export interface WatchOptions {
  /** Between checks; default: a third of the session's idle_session_timeout, at most 5 s. */
  intervalMs?: number;
  /** A check that gets no answer within this long counts as a lost session (a stalled tunnel). */
  checkTimeoutMs?: number;
  log?: (line: string) => void;
}

/** The longest pause between two queries on the lock's session. */
export const KEEPALIVE_MAX_MS = 5000;

/**
 * Keeps the lock's session busy and watched while the migration runs: a cheap query on an interval
 * (so `idle_session_timeout` never ends it) that also checks the session still holds the lock. When
 * the session dies (a killed backend, a failover, a dropped tunnel) or a check gets no answer, the
 * returned signal is aborted, so the caller stops the tool.
 */
export async function watchMigrationLock(
  client: pg.Client,
  key: bigint,
  opts: WatchOptions = {},
): Promise<LockWatch> {
  const { classid, objid } = lockKeyParts(key);
  const ac = new AbortController();
  const lose = (why: string): void => {
    if (ac.signal.aborted) return;
    ac.abort(
      new LockLostError(
        `The migration lock was lost while the migration ran (${why}): another run may have migrated at the same time. ` +
          'The tool was stopped. Check what the database has applied (the tool’s status) before re-running this job.',
      ),
    );
  };
  const intervalMs = opts.intervalMs ?? (await keepaliveInterval(client));
  const checkTimeoutMs = opts.checkTimeoutMs ?? 15_000;
  const onError = (e: unknown): void => lose(`its database session failed: ${errorMessage(e)}`);
  const onEnd = (): void => lose('its database session ended');
  client.on('error', onError);
  client.on('end', onEnd);
  let running = false;
  const check = async (): Promise<void> => {
    if (ac.signal.aborted) throw ac.signal.reason;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${formatDuration(checkTimeoutMs)}`)),
        checkTimeoutMs,
      );
    });
    try {
      const r = await Promise.race([
        client.query<{ held: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
              AND classid::text = $1 AND objid::text = $2 AND objsubid = 1) AS held`,
          [classid, objid],
        ),
        timeout,
      ]);
      if (!r.rows[0]?.held) lose('its database session no longer holds it');
    } catch (error) {
      lose(`its database session did not answer: ${errorMessage(error)}`);
    } finally {
      clearTimeout(timer);
    }
    if (ac.signal.aborted) throw ac.signal.reason;
  };
  const timer = setInterval(() => {
    if (running || ac.signal.aborted) return;
    running = true;
    check()
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  ac.signal.addEventListener('abort', () => opts.log?.(errorMessage(ac.signal.reason)), { once: true });
  return {
    signal: ac.signal,
    verify: check,
    stop() {
      clearInterval(timer);
      client.off('error', onError);
      client.off('end', onEnd);
    },
  };
}

/** A third of the session's idle_session_timeout (PostgreSQL 14+), at most KEEPALIVE_MAX_MS. */
async function keepaliveInterval(client: pg.Client): Promise<number> {
  const r = await client
    .query<{ ms: string | null }>(
      "SELECT (SELECT setting FROM pg_settings WHERE name = 'idle_session_timeout') AS ms",
    )
    .catch(() => undefined);
  const ms = Number(r?.rows[0]?.ms ?? 0);
  return ms > 0 ? Math.max(100, Math.min(KEEPALIVE_MAX_MS, Math.floor(ms / 3))) : KEEPALIVE_MAX_MS;
}
