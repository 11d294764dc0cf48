// The migrate stage's core: take the lock, read what is pending, back up, migrate, read the
// result, release the lock. Where commands run and how the database is reached are injected
// (runner or SSH), so this file is the same for both.
import type pg from 'pg';
import { formatDuration } from '../../lib/duration.js';
import { ConfigurationError, errorMessage, OperationError } from '../../lib/errors.js';
import { ProcessError } from '../../lib/exec.js';
import { type BackupResult, formatBytes } from './backup.js';
import type { CommandRunner } from './command-runner.js';
import { acquireMigrationLock, type HeldLock, type LockWatch, watchMigrationLock } from './lock.js';
import { type BackupPlace, checkPgDump, type PgDumpProbe } from './pg-dump-check.js';
import { newestApplied } from './sql-plan.js';
import {
  applySqlMigration,
  planFolderDown,
  planFolderUp,
  readSqlFolder,
  revertSqlMigration,
  type SqlFolder,
  SqlHistory,
} from './sql-runner.js';
import {
  type Command,
  commandLine,
  currentMigrationQuery,
  type Direction,
  historyTableOf,
  parseApplied,
  parseFailedMigration,
  parseStatus,
  type StatusReport,
  type Tool,
  type ToolCommands,
} from './tools.js';

export interface MigrateConfig {
  tool: Tool;
  direction: Direction;
  /** direction down: how many migrations to revert. */
  steps: number;
  dryRun: boolean;
  backup: boolean;
  lockTimeoutMs: number;
  /** Each tool command (and the backup) is stopped after this long. */
  timeoutMs: number;
  commands: ToolCommands;
  /** sql: the folder of .sql files, on the runner. */
  sqlDir: string | undefined;
  /** direction down from a rollback: what must be the newest migrations, checked under the lock. */
  downGuard?: DownGuard | undefined;
}

/** What a rollback's migrate-down may revert: exactly the migrations the failed release applied. */
export interface DownGuard {
  /** The failed release's migrations, oldest first (the migrate step's `applied` output). */
  applied: readonly string[];
  /** The down command was given explicitly: when the current migration cannot be read, revert anyway. */
  allowUnknownCurrent: boolean;
}

/**
 * Refuses to go down unless the database's newest migration is the failed release's newest (and,
 * for sql, the ones to revert are exactly its migrations). Runs under the migration lock, in the
 * run that reverts, so nothing can migrate between the check and the revert. Throws OperationError.
 */
export function checkDownGuard(
  guard: DownGuard,
  tool: Tool,
  current: string | undefined,
  toRevert: readonly string[] | undefined,
  log: (line: string) => void,
): void {
  const newest = guard.applied[guard.applied.length - 1];
  const n = guard.applied.length;
  if (current === undefined) {
    if (guard.allowUnknownCurrent) {
      log(
        `migrate-down: ${tool} does not say which migration is the newest, so it cannot be checked; reverting ${n} step(s) with migrate-down-command as given.`,
      );
      return;
    }
    throw new OperationError(
      `the database's newest migration cannot be read (${tool} did not say), so going down ${n} step(s) might revert other migrations than ${guard.applied.join(', ')}. ` +
        'Nothing was reverted; revert by hand, or give migrate-down-command to revert with your own command.',
    );
  }
  const planned = toRevert === undefined ? undefined : toRevert.join(',');
  if (current !== newest || (planned !== undefined && planned !== [...guard.applied].reverse().join(','))) {
    throw new OperationError(
      `the database's newest migration is ${current || '(none)'}, not ${newest ?? '?'} which the failed release applied: ` +
        `something migrated since, so going down ${n} step(s) would revert other migrations. Nothing was reverted; revert by hand.`,
    );
  }
}

export interface MigrateDeps {
  log: (line: string) => void;
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Where the tool's commands run. */
  runner: CommandRunner;
  /** Variables each tool command gets (DATABASE_URL on the runner, PGAPPNAME, the user's env). */
  toolEnv: Record<string, string>;
  /** Opens a connection to the database (directly, or through the SSH connection); undefined without database-url. */
  connect: (() => Promise<pg.Client>) | undefined;
  /** Takes the backup (on the runner, or on the server). */
  backup: (() => Promise<BackupResult>) | undefined;
  /** `pg_dump --version` where the backup runs: checked before the lock is taken. */
  probeBackupTool: (() => Promise<PgDumpProbe>) | undefined;
  /** Where the backup runs, for the precheck's messages. */
  backupPlace: BackupPlace;
  /** Recorded with each applied sql migration (applied_by). */
  appliedBy: string;
}

export type StepStatus = 'applied' | 'reverted' | 'failed' | 'pending' | 'to revert';

export interface MigrateReport {
  tool: Tool;
  direction: Direction;
  dryRun: boolean;
  where: string;
  /** `host:port/database`, never the password. */
  database: string | undefined;
  outcome: 'success' | 'up-to-date' | 'dry-run' | 'failure';
  lock: { taken: boolean; waitedMs?: number; waitedFor?: string | undefined; note?: string };
  backup: { state: 'off' | 'skipped' | 'taken' | 'failed'; note?: string; result?: BackupResult };
  /** Pending before the run; undefined when the tool does not say. */
  pendingBefore: string[] | undefined;
  /** Applied (up) or reverted (down) by this run; undefined when the tool does not say. */
  applied: string[] | undefined;
  /** The newest applied migration after the run ('' none); undefined when unknown. */
  current: string | undefined;
  steps: { id: string; status: StepStatus; durationMs?: number }[];
  commands: { label: string; command: string; exitCode: number; durationMs: number }[];
  failedMigration: string | undefined;
  error: string | undefined;
  durationMs: number;
}

export function newReport(cfg: MigrateConfig, where: string, database: string | undefined): MigrateReport {
  return {
    tool: cfg.tool,
    direction: cfg.direction,
    dryRun: cfg.dryRun,
    where,
    database,
    outcome: 'failure',
    lock: { taken: false },
    backup: { state: cfg.backup ? 'skipped' : 'off' },
    pendingBefore: undefined,
    applied: undefined,
    current: undefined,
    steps: [],
    commands: [],
    failedMigration: undefined,
    error: undefined,
    durationMs: 0,
  };
}

/**
 * Runs the migration and fills `report` as it goes, so a failure still leaves a report saying
 * how far it got (which migration failed, where the backup is). Throws the tool's own error.
 */
export async function runMigrate(
  cfg: MigrateConfig,
  deps: MigrateDeps,
  report: MigrateReport,
): Promise<void> {
  const started = Date.now();
  let lockClient: pg.Client | undefined;
  let lock: HeldLock | undefined;
  let watch: LockWatch | undefined;
  try {
    // Files are checked before anything connects: a bad folder is the user's to fix, not a lock to wait for.
    const folder = cfg.tool === 'sql' && cfg.sqlDir ? await readSqlFolder(cfg.sqlDir) : undefined;
    if (deps.connect) {
      lockClient = await deps.connect();
      // a backup that cannot be taken fails here: before the lock, before any migration
      if (cfg.backup) await precheckBackup(deps, lockClient, report);
      if (cfg.dryRun) {
        report.lock = { taken: false, note: 'dry-run only reads' };
      } else {
        const client = lockClient;
        lock = await deps.group('Migration lock', async () => {
          const held = await acquireMigrationLock(client, { timeoutMs: cfg.lockTimeoutMs, log: deps.log });
          deps.log(
            held.waitedMs >= 1000
              ? `Took the migration lock after waiting ${formatDuration(held.waitedMs)}.`
              : 'Took the migration lock.',
          );
          return held;
        });
        report.lock = { taken: true, waitedMs: lock.waitedMs, waitedFor: lock.waitedFor };
        // from here on the lock's session is kept busy and watched: losing it stops the tool
        watch = await watchMigrationLock(client, lock.key, { log: deps.log });
      }
    } else {
      report.lock = { taken: false, note: 'no database-url: no lock' };
      deps.log(
        'No database-url: migrating without the migration lock (nothing stops a concurrent run) and without a backup.',
      );
    }
    const ctx: Ctx = { cfg, deps, report, lockClient, folder, signal: watch?.signal };
    if (cfg.tool === 'sql') await runSql(ctx);
    else await runTool(ctx);
    // still ours at the end: nothing ran while another run could hold it
    await watch?.verify();
  } catch (error) {
    report.outcome = 'failure';
    // the tool failed because it was stopped: the lost lock is the cause to report
    const cause = watch?.signal.aborted ? (watch.signal.reason as unknown) : error;
    report.error = errorMessage(cause);
    throw cause;
  } finally {
    watch?.stop();
    if (lock) {
      await lock
        .release()
        .catch((e: unknown) =>
          deps.log(
            `Could not release the migration lock: ${errorMessage(e)} (it is released when the connection closes).`,
          ),
        );
    }
    await lockClient?.end().catch(() => undefined);
    report.durationMs = Date.now() - started;
  }
}

interface Ctx {
  cfg: MigrateConfig;
  deps: MigrateDeps;
  report: MigrateReport;
  lockClient: pg.Client | undefined;
  folder: SqlFolder | undefined;
  /** Aborted when the migration lock is lost: running commands stop. */
  signal: AbortSignal | undefined;
}

/** pg_dump is there where the backup runs, and not older than the server (else: ConfigurationError). */
async function precheckBackup(deps: MigrateDeps, client: pg.Client, report: MigrateReport): Promise<void> {
  const probe = deps.probeBackupTool;
  if (!probe) return;
  await deps.group('Backup precheck (pg_dump --version)', async () => {
    const r = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const num = Number(r.rows[0]?.server_version_num);
    try {
      deps.log(checkPgDump(await probe(), Number.isFinite(num) ? num : undefined, deps.backupPlace));
    } catch (error) {
      report.backup = { state: 'failed', note: errorMessage(error) };
      throw error;
    }
  });
}

async function backup(ctx: Ctx): Promise<void> {
  const { cfg, deps, report } = ctx;
  if (!cfg.backup) return;
  if (!deps.backup)
    throw new ConfigurationError('backup', 'needs database-url to know which database to dump.');
  const take = deps.backup;
  try {
    const result = await deps.group('Backup (pg_dump --format=custom)', async () => {
      const r = await take();
      deps.log(
        `Backup written: ${r.path} (${formatBytes(r.sizeBytes)}${r.entries === undefined ? '' : `, ${r.entries} archive entries`}, ${formatDuration(r.durationMs)}).`,
      );
      return r;
    });
    report.backup = { state: 'taken', result };
  } catch (error) {
    report.backup = { state: 'failed', note: errorMessage(error) };
    throw new BackupError(`The backup failed, so no migration was run: ${errorMessage(error)}`);
  }
}

/** The backup failed: nothing was migrated. */
export class BackupError extends OperationError {
  override readonly name: string = 'BackupError';
}

function logPending(deps: MigrateDeps, pending: readonly string[] | undefined, what = 'Pending'): void {
  if (pending === undefined) deps.log(`${what}: not reported by the tool.`);
  else if (pending.length === 0) deps.log(`${what}: none.`);
  else deps.log(`${what} (${pending.length}): ${pending.join(', ')}`);
}

// ---------------------------------------------------------------------------------------- sql

async function runSql(ctx: Ctx): Promise<void> {
  const { cfg, deps, report } = ctx;
  const folder = ctx.folder;
  if (!folder || !deps.connect) {
    throw new ConfigurationError('database-url', "is required with tool 'sql'.");
  }
  const client = await deps.connect();
  // the lock is lost: end the session, so the running migration fails and its transaction rolls back
  const stop = (): void => void client.end().catch(() => undefined);
  ctx.signal?.addEventListener('abort', stop, { once: true });
  try {
    const history = await SqlHistory.open(client);
    const plan = await deps.group('Status', async () => {
      const p = await planFolderUp(history, folder);
      deps.log(
        `${folder.migrations.length} migration file(s) in ${folder.dir}; current: ${p.current || '(none)'}.`,
      );
      if (p.missing.length > 0) {
        deps.log(`Applied but no longer in the folder (left as they are): ${p.missing.join(', ')}`);
      }
      logPending(
        deps,
        p.pending.map((m) => m.id),
      );
      return p;
    });
    report.pendingBefore = plan.pending.map((m) => m.id);
    report.current = plan.current;

    if (cfg.direction === 'up') {
      report.steps = plan.pending.map((m) => ({ id: m.id, status: 'pending' as StepStatus }));
      if (cfg.dryRun) {
        report.outcome = 'dry-run';
        return;
      }
      if (plan.pending.length === 0) {
        report.applied = [];
        report.outcome = 'up-to-date';
        if (cfg.backup) report.backup = { state: 'skipped', note: 'nothing to migrate' };
        return;
      }
      await backup(ctx);
      await history.ensureTable();
      report.applied = [];
      await deps.group(`Migrate (${plan.pending.length} file(s))`, async () => {
        for (const [i, m] of plan.pending.entries()) {
          try {
            const r = await applySqlMigration(client, history, folder, m, deps.appliedBy, {
              durable: i === plan.pending.length - 1,
            });
            report.applied?.push(m.id);
            report.current = m.id;
            report.steps[i] = { id: m.id, status: 'applied', durationMs: r.durationMs };
            deps.log(`✓ ${m.file} (${formatDuration(r.durationMs)})`);
          } catch (error) {
            report.steps[i] = { id: m.id, status: 'failed' };
            report.failedMigration = m.id;
            deps.log(`✗ ${m.file}`);
            throw error;
          }
        }
      });
      report.outcome = 'success';
      return;
    }

    // down
    const toRevert = await planFolderDown(history, folder, cfg.steps);
    report.steps = toRevert.map((m) => ({ id: m.id, status: 'to revert' as StepStatus }));
    deps.log(`To revert (${toRevert.length}): ${toRevert.map((m) => m.id).join(', ')}`);
    if (cfg.downGuard) {
      checkDownGuard(
        cfg.downGuard,
        cfg.tool,
        report.current,
        toRevert.map((m) => m.id),
        deps.log,
      );
    }
    if (cfg.dryRun) {
      report.outcome = 'dry-run';
      return;
    }
    await backup(ctx);
    report.applied = [];
    await deps.group(`Revert (${toRevert.length} file(s))`, async () => {
      for (const [i, m] of toRevert.entries()) {
        try {
          const r = await revertSqlMigration(client, history, folder, m);
          report.applied?.push(m.id);
          report.steps[i] = { id: m.id, status: 'reverted', durationMs: r.durationMs };
          deps.log(`✓ reverted ${m.id} with ${m.downFile} (${formatDuration(r.durationMs)})`);
        } catch (error) {
          report.steps[i] = { id: m.id, status: 'failed' };
          report.failedMigration = m.id;
          throw error;
        } finally {
          report.current = newestApplied(folder.migrations, await history.applied().catch(() => []));
        }
      }
    });
    report.outcome = 'success';
  } finally {
    ctx.signal?.removeEventListener('abort', stop);
    await client.end().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------ external tools

async function runTool(ctx: Ctx): Promise<void> {
  const { cfg, deps, report } = ctx;
  const before = await deps.group('Status', async () => {
    const s = await status(ctx, 'status');
    logPending(deps, s?.pending);
    return s;
  });
  report.pendingBefore = before?.pending;
  report.current = before?.current ?? (await queryCurrent(ctx));
  if (report.current !== undefined) deps.log(`Current: ${report.current || '(none)'}`);
  if (cfg.direction === 'down' && cfg.downGuard) {
    checkDownGuard(cfg.downGuard, cfg.tool, report.current, undefined, deps.log);
  }

  const cmd = cfg.direction === 'up' ? cfg.commands.up : cfg.commands.down;
  if (!cmd) {
    throw new ConfigurationError(
      cfg.direction,
      `tool '${cfg.tool}' has no ${cfg.direction} command: give one.`,
      `${cfg.direction}: ${cfg.direction === 'up' ? './scripts/migrate.sh' : 'npx prisma migrate resolve --rolled-back <name>'}`,
    );
  }
  if (cfg.dryRun) {
    deps.log(`dry-run: would run '${commandLine(cmd)}'${cfg.backup ? ' after a pg_dump backup' : ''}.`);
    report.steps = (before?.pending ?? []).map((id) => ({ id, status: 'pending' }));
    report.outcome = 'dry-run';
    return;
  }
  if (cfg.direction === 'up' && before && before.pending.length === 0) {
    deps.log(`Nothing pending: '${commandLine(cmd)}' not run.`);
    report.applied = [];
    report.outcome = 'up-to-date';
    if (cfg.backup) report.backup = { state: 'skipped', note: 'nothing to migrate' };
    return;
  }
  await backup(ctx);
  const label = cfg.direction === 'up' ? 'Migrate' : 'Revert';
  let output = '';
  try {
    await deps.group(`${label} (${commandLine(cmd)})`, async () => {
      const r = await exec(ctx, cmd, cfg.tool);
      output = `${r.stdout}\n${r.stderr}`;
    });
  } catch (error) {
    const failedOutput =
      error instanceof ProcessError && error.result ? `${error.result.stdout}\n${error.result.stderr}` : '';
    report.failedMigration = parseFailedMigration(cfg.tool, failedOutput);
    // What stuck (a tool without transactional DDL may have applied some) — best effort.
    const after = await status(ctx, 'status after failure').catch(() => undefined);
    fillAfter(ctx, before, after, undefined);
    if (report.current === undefined || after === undefined)
      report.current = (await queryCurrent(ctx).catch(() => undefined)) ?? report.current;
    throw error;
  }
  const reported = parseApplied(cfg.tool, cfg.direction, output);
  const after = await deps.group('Status after', async () => {
    const s = await status(ctx, 'status');
    logPending(deps, s?.pending, 'Still pending');
    return s;
  });
  fillAfter(ctx, before, after, reported);
  const queried = await queryCurrent(ctx);
  if (after?.current === undefined && queried !== undefined) report.current = queried;
  report.steps = (report.applied ?? []).map((id) => ({
    id,
    status: cfg.direction === 'up' ? 'applied' : 'reverted',
  }));
  report.outcome = 'success';
}

function fillAfter(
  ctx: Ctx,
  before: StatusReport | undefined,
  after: StatusReport | undefined,
  reported: string[] | undefined,
): void {
  const { cfg, report } = ctx;
  if (reported !== undefined) report.applied = reported;
  else if (before && after) {
    report.applied =
      cfg.direction === 'up'
        ? before.pending.filter((id) => !after.pending.includes(id))
        : after.pending.filter((id) => !before.pending.includes(id));
  }
  if (after?.current !== undefined) report.current = after.current;
  else if (cfg.direction === 'up' && report.applied && report.applied.length > 0) {
    report.current = report.applied[report.applied.length - 1];
  }
}

async function exec(ctx: Ctx, cmd: Command, label: string, allowFailure = false) {
  const { cfg, deps, report } = ctx;
  const r = await deps.runner
    .run(cmd, { env: deps.toolEnv, timeoutMs: cfg.timeoutMs, allowFailure, label, signal: ctx.signal })
    .catch((error: unknown) => {
      if (error instanceof ProcessError && error.result) {
        report.commands.push({
          label,
          command: commandLine(cmd),
          exitCode: error.result.exitCode,
          durationMs: error.result.durationMs,
        });
      }
      throw error;
    });
  report.commands.push({ label, command: commandLine(cmd), exitCode: r.exitCode, durationMs: r.durationMs });
  return r;
}

/** Runs the status command and reads it; undefined when there is none or its output is not understood. */
async function status(ctx: Ctx, label: string): Promise<StatusReport | undefined> {
  const { cfg, deps } = ctx;
  const cmd = cfg.commands.status;
  if (!cmd) return undefined;
  const r = await exec(ctx, cmd, label === 'status' ? `${cfg.tool} status` : label, true);
  const parsed = parseStatus(cfg.tool, `${r.stdout}\n${r.stderr}`);
  if (r.exitCode !== 0 && parsed === undefined) {
    throw ProcessError.fromResult(r);
  }
  if (parsed === undefined)
    deps.log(`(the status output does not list migrations the way ${cfg.tool} does: pending is unknown)`);
  return parsed;
}

/** The newest applied migration from the tool's own history table, for tools whose status does not say it. */
async function queryCurrent(ctx: Ctx): Promise<string | undefined> {
  const sql = currentMigrationQuery(ctx.cfg.tool);
  const table = historyTableOf(ctx.cfg.tool);
  if (!sql || !table || !ctx.lockClient) return undefined;
  try {
    const exists = await ctx.lockClient.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      table,
    ]);
    if (!exists.rows[0]?.t) return '';
    const r = await ctx.lockClient.query<{ id: string }>(sql);
    return r.rows[0]?.id ?? '';
  } catch {
    return undefined;
  }
}
