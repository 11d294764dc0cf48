// The deploy lock: one per app directory on each server. `mkdir` is atomic, so exactly one deploy
// holds `<app-dir>/.ops-actions/lock`; its `info` file says who (run id, actor, time). Checking,
// breaking a stale lock and taking it happen in one script under `flock` (when the server has it),
// so two deploys cannot both break the same stale lock.
import { randomBytes } from 'node:crypto';
import { withDeadline } from '../deadline.js';
import { formatDuration } from '../duration.js';
import { errorMessage, OperationError } from '../errors.js';
import { indentLines, shellQuote } from '../quote.js';
import { abortableSleep } from '../retry.js';
import { runnerLogger, type SshConnection, type SshLogger } from '../ssh/connection.js';
import type { SshSettings } from '../ssh/inputs.js';
import { SshPool } from '../ssh/pool.js';
import { hostAppDir, stateDir } from './paths.js';

/** Who holds a lock. Written to `lock/info` as `key=value` lines. */
export interface LockInfo {
  /** Random per deploy: only the holder of the token releases the lock. */
  token: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  repository?: string;
  workflow?: string;
  /** ISO time the deploy started (runner clock). */
  started?: string;
  /** Seconds since the epoch when the lock was taken (server clock; ages are measured with it). */
  epoch?: number;
}

export function newLockToken(): string {
  return randomBytes(12).toString('hex');
}

/** The lock info of this GitHub Actions run. */
export function lockInfoFromEnv(token: string, env: NodeJS.ProcessEnv = process.env): LockInfo {
  return {
    token,
    runId: env['GITHUB_RUN_ID'],
    runAttempt: env['GITHUB_RUN_ATTEMPT'],
    actor: env['GITHUB_ACTOR'],
    repository: env['GITHUB_REPOSITORY'],
    workflow: env['GITHUB_WORKFLOW'],
    started: new Date().toISOString(),
  };
}

export function lockPath(appDir: string): string {
  return `${stateDir(appDir)}/lock`;
}

const INFO_KEYS: [keyof LockInfo, string][] = [
  ['token', 'token'],
  ['runId', 'run-id'],
  ['runAttempt', 'run-attempt'],
  ['actor', 'actor'],
  ['repository', 'repository'],
  ['workflow', 'workflow'],
  ['started', 'started'],
];

function oneLine(v: string): string {
  return v.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

// The lock scripts run on every host of every deploy, so their common paths use shell builtins
// only (a test instead of `mkdir -p`, `read` instead of `grep`, $EPOCHSECONDS instead of `date`
// where the shell has it): each program started costs the server a fork and an exec.

/** `mkdir -p dir` unless it exists (no process when it does). */
function ensureDir(dir: string): string {
  const d = shellQuote(dir);
  return `[ -d ${d} ] || mkdir -p ${d} || exit 1`;
}

/** A shell function `ours` that succeeds when `$lock/info` has the line `token=<token>` (`grep -qxF`, in builtins). */
function oursFunction(token: string): string {
  return `ours() { [ -f "$lock/info" ] || return 1; while IFS= read -r l || [ -n "$l" ]; do [ "$l" = ${shellQuote(`token=${token}`)} ] && return 0; done < "$lock/info" 2>/dev/null; return 1; }`;
}

/** The shell prologue that serialises lock scripts with flock when the server has it. */
function guard(appDir: string): string {
  return [
    ensureDir(stateDir(appDir)),
    `if command -v flock >/dev/null 2>&1; then exec 9>>${shellQuote(`${stateDir(appDir)}/lock.guard`)} && flock -w 30 9 || { echo 'ops-actions: could not take lock.guard' >&2; exit 1; }; fi`,
  ].join('\n');
}

/**
 * The remote script that tries once to take the lock. Prints `OPS_LOCK ACQUIRED`, or
 * `OPS_LOCK HELD <age-seconds>` followed by the holder's info lines, or `OPS_LOCK STALE <age>`
 * (the holder's info follows) before `OPS_LOCK ACQUIRED` when it broke a lock older than
 * `staleAfterSeconds` (0: never break), or `OPS_LOCK OURS` when this deploy (same token) holds it
 * already through another host sharing the directory. Once the lock is held, `after` runs (still in
 * the same round trip, e.g. reading the release history) and its output follows `OPS_LOCK_AFTER`.
 *
 * The lock directory is created complete (info inside) under a temporary name and renamed into
 * place, so it never exists without its info, and a free lock is taken without waiting for the
 * guard; breaking and releasing rename it away before deleting it. Pure.
 */
export function acquireLockScript(
  appDir: string,
  info: LockInfo,
  staleAfterSeconds: number,
  after?: string,
): string {
  const lines = INFO_KEYS.filter(([k]) => info[k] !== undefined && info[k] !== '').map(([k, name]) =>
    shellQuote(`${name}=${oneLine(String(info[k]))}`),
  );
  const stale = Math.max(0, Math.floor(staleAfterSeconds));
  const token = tokenWord(info.token);
  const then = after ? `echo OPS_LOCK_AFTER; (\n${after}\n)` : ':';
  return [
    ensureDir(stateDir(appDir)),
    `lock=${shellQuote(lockPath(appDir))}`,
    'now=${EPOCHSECONDS:-}',
    'case "$now" in \'\'|*[!0-9]*) now=$(date +%s) ;; esac',
    oursFunction(info.token),
    'show() { sed "s/^/OPS_LOCK_INFO /" "$lock/info" 2>/dev/null; }',
    'take() {',
    `  tmp="$lock.new-${token}-$$"`,
    `  { [ ! -e "$tmp" ] || rm -rf "$tmp"; } && mkdir "$tmp" && printf '%s\\n' ${lines.join(' ')} "epoch=$now" > "$tmp/info" || exit 1`,
    '  mv -T "$tmp" "$lock" 2>/dev/null && return 0',
    '  rm -rf "$tmp"; return 1',
    '}',
    'if ours; then',
    '  echo "OPS_LOCK OURS"',
    `  ${then}`,
    '  exit',
    'fi',
    'if [ ! -e "$lock" ] && take; then',
    '  echo "OPS_LOCK ACQUIRED"',
    `  ${then}`,
    '  exit',
    'fi',
    guard(appDir),
    'if [ -d "$lock" ]; then',
    '  if ours; then',
    '    echo "OPS_LOCK OURS"',
    `    ${then}`,
    '    exit',
    '  fi',
    `  epoch=$(sed -n 's/^epoch=//p' "$lock/info" 2>/dev/null | head -n 1)`,
    `  case "$epoch" in ''|*[!0-9]*) epoch=$(stat -c %Y "$lock" 2>/dev/null || echo "$now") ;; esac`,
    '  age=$((now - epoch))',
    `  if [ ${stale} -gt 0 ] && [ "$age" -ge ${stale} ]; then`,
    '    echo "OPS_LOCK STALE $age"; show',
    `    mv -T "$lock" "$lock.stale-${token}-$$" && rm -rf "$lock.stale-${token}-$$" || exit 1`,
    '  else',
    '    echo "OPS_LOCK HELD $age"; show; exit 0',
    '  fi',
    'fi',
    'if take; then',
    '  echo "OPS_LOCK ACQUIRED"',
    `  ${then}`,
    'else',
    '  echo "OPS_LOCK HELD 0"; show',
    'fi',
  ].join('\n');
}

/** The remote script that releases the lock if (and only if) it holds `token`. Pure. */
export function releaseLockScript(appDir: string, token: string): string {
  return [
    `lock=${shellQuote(lockPath(appDir))}`,
    oursFunction(token),
    'if ours; then',
    indentLines(guard(appDir), '  '),
    '  if ours; then',
    `    mv -T "$lock" "$lock.released-${tokenWord(token)}-$$" && rm -rf "$lock.released-${tokenWord(token)}-$$" && echo "OPS_LOCK RELEASED" && exit 0`,
    '  fi',
    'fi',
    'if [ -d "$lock" ]; then echo "OPS_LOCK NOT_OURS"; else echo "OPS_LOCK ABSENT"; fi',
  ].join('\n');
}

/**
 * The remote script that refreshes the lock's age (its info's `epoch=` line, server clock) if, and
 * only if, it still holds `token`: under the guard, so it cannot race a deploy breaking the lock.
 * Prints `OPS_LOCK REFRESHED`, or `OPS_LOCK TAKEN` with the holder's info, or `OPS_LOCK ABSENT`. Pure.
 */
export function refreshLockScript(appDir: string, token: string): string {
  const word = tokenWord(token);
  return [
    `lock=${shellQuote(lockPath(appDir))}`,
    'now=${EPOCHSECONDS:-}',
    'case "$now" in \'\'|*[!0-9]*) now=$(date +%s) ;; esac',
    oursFunction(token),
    guard(appDir),
    'if ours; then',
    `  tmp="$lock/info.new-${word}-$$"`,
    '  { sed \'/^epoch=/d\' "$lock/info" && echo "epoch=$now"; } > "$tmp" && mv -f "$tmp" "$lock/info" && echo "OPS_LOCK REFRESHED" && exit 0',
    '  rm -f "$tmp"; exit 1',
    'fi',
    'if [ -d "$lock" ]; then echo "OPS_LOCK TAKEN"; sed "s/^/OPS_LOCK_INFO /" "$lock/info" 2>/dev/null; else echo "OPS_LOCK ABSENT"; fi',
  ].join('\n');
}

export type RefreshOutcome =
  { status: 'refreshed' } | { status: 'taken'; holder: LockInfo } | { status: 'absent' };

/** Parses what refreshLockScript printed. */
export function parseRefreshOutput(stdout: string): RefreshOutcome {
  const lines = stdout.split('\n');
  if (lines.includes('OPS_LOCK REFRESHED')) return { status: 'refreshed' };
  if (lines.includes('OPS_LOCK TAKEN')) {
    const info = lines
      .filter((l) => l.startsWith('OPS_LOCK_INFO '))
      .map((l) => l.slice('OPS_LOCK_INFO '.length))
      .join('\n');
    return { status: 'taken', holder: parseLockInfo(info) };
  }
  if (lines.includes('OPS_LOCK ABSENT')) return { status: 'absent' };
  throw new OperationError(`unexpected output from the lock refresh: ${stdout.slice(0, 300)}`);
}

/** Refreshes the lock's age if this deploy (token) still holds it; says what it found. */
export async function refreshLock(
  conn: SshConnection,
  appDir: string,
  token: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<RefreshOutcome> {
  const r = await withDeadline(
    conn.exec(refreshLockScript(appDir, token), {
      silent: true,
      label: `refresh the deploy lock ${lockPath(appDir)}`,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    }),
    {
      timeoutMs: opts.timeoutMs + 5000,
      signal: opts.signal,
      what: `${conn.host.label}: refreshing the deploy lock`,
    },
  );
  return parseRefreshOutput(r.stdout);
}

/** A token as it may appear in a file name. */
function tokenWord(token: string): string {
  return token.replace(/[^A-Za-z0-9]/g, '') || 'x';
}

export type AcquireOutcome =
  | {
      status: 'acquired';
      broke?: { holder: LockInfo; ageSeconds: number };
      /** This deploy already held it through another host sharing the directory. */
      shared?: boolean;
      /** What the `after` script printed. */
      after?: string;
    }
  | { status: 'held'; holder: LockInfo; ageSeconds: number };

/** Parses what acquireLockScript printed. */
export function parseAcquireOutput(stdout: string): AcquireOutcome {
  const cut = stdout.indexOf('OPS_LOCK_AFTER\n');
  const head = cut >= 0 ? stdout.slice(0, cut) : stdout;
  const after = cut >= 0 ? stdout.slice(cut + 'OPS_LOCK_AFTER\n'.length) : undefined;
  const lines = head.split('\n');
  const info = parseLockInfo(
    lines
      .filter((l) => l.startsWith('OPS_LOCK_INFO '))
      .map((l) => l.slice('OPS_LOCK_INFO '.length))
      .join('\n'),
  );
  const status = lines.filter((l) => /^OPS_LOCK [A-Z]/.test(l)).map((l) => l.split(' '));
  const held = status.find((s) => s[1] === 'HELD');
  if (held) return { status: 'held', holder: info, ageSeconds: Number(held[2] ?? 0) || 0 };
  const extra = after === undefined ? {} : { after };
  if (status.some((s) => s[1] === 'OURS')) return { status: 'acquired', shared: true, ...extra };
  const stale = status.find((s) => s[1] === 'STALE');
  if (status.some((s) => s[1] === 'ACQUIRED')) {
    return stale
      ? { status: 'acquired', broke: { holder: info, ageSeconds: Number(stale[2] ?? 0) || 0 }, ...extra }
      : { status: 'acquired', ...extra };
  }
  throw new OperationError(`unexpected output from the lock script: ${stdout.slice(0, 300)}`);
}

/** Parses `lock/info` (`key=value` lines). */
export function parseLockInfo(text: string): LockInfo {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const info: LockInfo = { token: values.get('token') ?? '' };
  for (const [k, name] of INFO_KEYS) {
    const v = values.get(name);
    if (v !== undefined && k !== 'token' && k !== 'epoch') info[k] = v;
  }
  const epoch = Number(values.get('epoch'));
  if (Number.isFinite(epoch) && epoch > 0) info.epoch = epoch;
  return info;
}

/** `run 1234 (attempt 1) by octocat in acme/shop, started 2025-01-01T10:00:00Z, 42s ago` */
export function describeHolder(holder: LockInfo, ageSeconds?: number): string {
  const parts: string[] = [];
  parts.push(
    holder.runId
      ? `run ${holder.runId}${holder.runAttempt ? ` (attempt ${holder.runAttempt})` : ''}`
      : 'an unknown deploy',
  );
  if (holder.actor) parts.push(`by ${holder.actor}`);
  if (holder.repository) parts.push(`in ${holder.repository}`);
  let s = parts.join(' ');
  if (holder.started) s += `, started ${holder.started}`;
  if (ageSeconds !== undefined) s += `, locked ${formatDuration(ageSeconds * 1000)} ago`;
  return s;
}

export class LockTimeoutError extends OperationError {
  override readonly name: string = 'LockTimeoutError';
}

export interface AcquireOptions {
  appDir: string;
  info: LockInfo;
  /** Wait this long for another deploy to finish (0: do not wait). */
  timeoutMs: number;
  /** Break a lock older than this (0: never). */
  staleAfterMs: number;
  /** Between attempts (default 2 s). */
  pollMs?: number;
  /** A read-only script run right after the lock is taken, in the same round trip (its output: `after`). */
  after?: string;
  logger?: SshLogger;
  signal?: AbortSignal;
}

/**
 * Takes the lock, waiting up to `timeoutMs` while another deploy holds it and breaking it (with a
 * warning) once it is older than `staleAfterMs`. Throws LockTimeoutError naming the holder.
 */
export async function acquireLock(
  conn: SshConnection,
  opts: AcquireOptions,
): Promise<AcquireOutcome & { status: 'acquired' }> {
  const logger = opts.logger ?? runnerLogger;
  const script = acquireLockScript(opts.appDir, opts.info, opts.staleAfterMs / 1000, opts.after);
  const started = Date.now();
  let lastNotice = 0;
  for (;;) {
    const r = await conn.exec(script, {
      silent: true,
      label: `take the deploy lock ${lockPath(opts.appDir)}`,
      signal: opts.signal,
    });
    const outcome = parseAcquireOutput(r.stdout);
    if (outcome.status === 'acquired') {
      if (outcome.shared) {
        // this very deploy holds it: another of its hosts shares this directory (same server, NFS)
        logger.warning(
          `${conn.host.label}: the deploy lock on ${opts.appDir} is already held by this deploy through another host: ` +
            'these hosts share the directory (every host runs its steps in it).',
        );
      }
      if (outcome.broke) {
        logger.warning(
          `${conn.host.label}: broke a stale deploy lock on ${opts.appDir}, held by ${describeHolder(outcome.broke.holder, outcome.broke.ageSeconds)} ` +
            `(older than lock-stale-after ${formatDuration(opts.staleAfterMs)}). That deploy probably died; check the app on this host.`,
        );
      }
      return outcome;
    }
    const waited = Date.now() - started;
    if (waited >= opts.timeoutMs || opts.signal?.aborted) {
      throw new LockTimeoutError(
        `${conn.host.label}: ${opts.appDir} is locked by another deploy: ${describeHolder(outcome.holder, outcome.ageSeconds)}. ` +
          `Waited ${formatDuration(waited)} (lock-timeout). Wait for it to finish or raise lock-timeout; if that deploy is dead, ` +
          `the lock is broken automatically after lock-stale-after${opts.staleAfterMs > 0 ? ` (${formatDuration(opts.staleAfterMs)})` : ' (set it, it is 0 = never)'}, ` +
          `or remove ${lockPath(opts.appDir)} on the server by hand.`,
        { host: conn.host.label, holder: outcome.holder },
      );
    }
    if (lastNotice === 0 || Date.now() - lastNotice >= 15_000) {
      lastNotice = Date.now();
      logger.info(
        `[${conn.host.label}] waiting for the deploy lock held by ${describeHolder(outcome.holder, outcome.ageSeconds)} ` +
          `(up to ${formatDuration(opts.timeoutMs)})`,
      );
    }
    const pause = Math.min(opts.pollMs ?? 2000, Math.max(opts.timeoutMs - waited, 0));
    await abortableSleep(pause * (0.8 + Math.random() * 0.4), opts.signal);
  }
}

export type UnlockOutcome = 'released' | 'not-ours' | 'absent';

/** The deadline of the round trip that records and releases the lock. */
export const RELEASE_TIMEOUT_MS = 60_000;

export function parseReleaseOutput(stdout: string): UnlockOutcome {
  if (stdout.includes('OPS_LOCK RELEASED')) return 'released';
  if (stdout.includes('OPS_LOCK NOT_OURS')) return 'not-ours';
  return 'absent';
}

/**
 * What releaseLock runs: `before` (e.g. appending to the history), then releaseLockScript, which
 * runs even if `before` failed. Pure.
 */
export function releaseLockCommand(appDir: string, token: string, before?: string): string {
  const first = before
    ? `(\n${before}\n) || echo 'ops-actions: the step before releasing the lock failed' >&2\n`
    : '';
  return `${first}${releaseLockScript(appDir, token)}`;
}

/**
 * Releases the lock if this deploy (token) still holds it; says what it found. `before` runs first
 * in the same round trip (e.g. appending to the history); the lock is released even if it fails.
 */
export async function releaseLock(
  conn: SshConnection,
  appDir: string,
  token: string,
  opts: { before?: string; logger?: SshLogger; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<UnlockOutcome> {
  // never waits for ever on a stalled server: the post step (or lock-stale-after) is the fallback
  const timeoutMs = opts.timeoutMs ?? RELEASE_TIMEOUT_MS;
  const r = await withDeadline(
    conn.exec(releaseLockCommand(appDir, token, opts.before), {
      silent: true,
      label: `release the deploy lock ${lockPath(appDir)}`,
      timeoutMs,
      signal: opts.signal,
    }),
    // the command's own timeout needs the server to answer; this one does not
    {
      timeoutMs: timeoutMs + 5000,
      signal: opts.signal,
      what: `${conn.host.label}: releasing the deploy lock`,
    },
  );
  if (r.stderr.includes('the step before releasing the lock failed')) {
    (opts.logger ?? runnerLogger).warning(
      `${conn.host.label}: ${lastLine(r.stderr) || 'the step before releasing the lock failed'}`,
    );
  }
  return parseReleaseOutput(r.stdout);
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => !l.includes('the step before releasing'))
      .pop() ?? ''
  );
}

// --- releasing in a post step -------------------------------------------------------------------

/** What main saves (core.saveState) before taking locks, so the post step can release them. */
export interface SavedLocks {
  appDir: string;
  token: string;
  /** Host labels (`user@host:port`) the lock may have been taken on. */
  hosts: string[];
}

export const LOCK_STATE_KEY = 'deploy-lock';
export const LOCK_RELEASED_STATE_KEY = 'deploy-lock-released';

export function parseSavedLocks(text: string): SavedLocks | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<SavedLocks>;
    if (typeof v.appDir === 'string' && typeof v.token === 'string' && Array.isArray(v.hosts)) {
      return {
        appDir: v.appDir,
        token: v.token,
        hosts: v.hosts.filter((h): h is string => typeof h === 'string'),
      };
    }
  } catch {
    /* not ours */
  }
  return undefined;
}

/**
 * The post step's clean-up: connects to the saved hosts and releases the lock where this run's
 * token still holds it (a lock another deploy took since is left alone). Never throws; each host
 * that could not be reached gets a warning saying what to remove by hand.
 */
export async function releaseSavedLocks(
  settings: SshSettings,
  saved: SavedLocks,
  logger: SshLogger = runnerLogger,
): Promise<void> {
  const hosts = settings.hosts.filter((h) => saved.hosts.includes(h.label));
  const pool = new SshPool(
    { ...settings, connectTimeoutMs: Math.min(settings.connectTimeoutMs, 20_000) },
    { logger },
  );
  try {
    await Promise.all(
      hosts.map(async (host) => {
        try {
          const conn = await pool.connect(host);
          const r = await releaseLock(conn, hostAppDir(saved.appDir, host), saved.token);
          logger.info(
            `${host.label}: ${
              r === 'released'
                ? `released the deploy lock on ${saved.appDir} that this run left behind`
                : r === 'not-ours'
                  ? 'the lock is held by another deploy; left alone'
                  : 'no lock left behind'
            }`,
          );
        } catch (error) {
          logger.warning(
            `${host.label}: could not release the deploy lock on ${saved.appDir}: ${errorMessage(error)}. ` +
              `If it stays, remove ${lockPath(saved.appDir)} on the server (or wait for lock-stale-after).`,
          );
        }
      }),
    );
  } finally {
    await pool.closeAll();
  }
}
