// The `sql` tool's rules, as pure functions: which files are migrations, their order, their
// checksums, and which of them are pending given the history table. sql-runner.ts executes.
import { createHash } from 'node:crypto';
import { ConfigurationError, OperationError } from '../../lib/errors.js';

/** One migration: `0003_add_orders.sql` (up) and optionally `0003_add_orders.down.sql`. */
export interface SqlMigration {
  /** The file name without `.sql`: what the history table and the outputs name. */
  id: string;
  file: string;
  /** The numeric prefix that orders migrations (`0003_…` → 3n, `20240101120000_…` → 20240101120000n). */
  version: bigint;
  downFile: string | undefined;
}

export interface AppliedRow {
  id: string;
  checksum: string;
}

const NAME_EXAMPLE =
  'migrations/\n  0001_create_users.sql\n  0002_add_orders.sql\n  0002_add_orders.down.sql';

/**
 * Orders the `.sql` files of a folder by their numeric prefix (natural order: 2 before 10, which a
 * plain sort gets wrong). `*.down.sql` files are the reverts of the migration with the same name.
 * A file without a numeric prefix, or two migrations with the same number, is a configuration
 * error: the order they would run in would be a guess.
 */
export function sqlMigrations(fileNames: readonly string[], input = 'migrations-dir'): SqlMigration[] {
  const downs = new Set(fileNames.filter((f) => f.endsWith('.down.sql')));
  const ups = fileNames.filter((f) => f.endsWith('.sql') && !f.endsWith('.down.sql'));
  const byVersion = new Map<string, string>();
  const out: SqlMigration[] = [];
  for (const file of ups) {
    const m = /^(\d+)[^/\\]*\.sql$/.exec(file);
    if (!m?.[1]) {
      throw new ConfigurationError(
        input,
        `'${file}' does not start with a number. Name each migration <number>_<what>.sql; the number orders them.`,
        NAME_EXAMPLE,
      );
    }
    const version = BigInt(m[1]);
    const other = byVersion.get(version.toString());
    if (other !== undefined) {
      throw new ConfigurationError(
        input,
        `'${other}' and '${file}' have the same number ${version}, so their order is ambiguous. Renumber one.`,
        NAME_EXAMPLE,
      );
    }
    byVersion.set(version.toString(), file);
    const id = file.slice(0, -'.sql'.length);
    const down = `${id}.down.sql`;
    out.push({ id, file, version, downFile: downs.has(down) ? down : undefined });
  }
  const ids = new Set(out.map((x) => x.id));
  for (const d of downs) {
    if (!ids.has(d.slice(0, -'.down.sql'.length))) {
      throw new ConfigurationError(
        input,
        `'${d}' has no migration '${d.replace(/\.down\.sql$/, '.sql')}' to revert.`,
        NAME_EXAMPLE,
      );
    }
  }
  return out.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/**
 * The checksum recorded for an applied migration: SHA-256 of its text with line endings and a
 * byte-order mark normalised, so a checkout with CRLF line endings is not "a changed file".
 */
export function sqlChecksum(text: string): string {
  const normal = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return createHash('sha256').update(normal, 'utf8').digest('hex');
}

/** A migration that must run outside a transaction says so on its first lines. */
export function wantsNoTransaction(text: string): boolean {
  const head = text.split(/\r?\n/).slice(0, 5).join('\n');
  return /^\s*--\s*ops-actions:\s*no-transaction\b/im.test(head);
}

export interface SqlUpPlan {
  pending: SqlMigration[];
  /** Applied ids whose file is gone (reported, not fatal: old migrations are sometimes squashed). */
  missing: string[];
  /** The newest applied id ('' when none). */
  current: string;
}

/**
 * Which migrations are pending. Fails — before anything runs — when an applied file was changed
 * (its checksum differs from the history) or a pending migration sorts before an applied one
 * (it would run out of order).
 */
export function planSqlUp(
  migrations: readonly SqlMigration[],
  checksums: ReadonlyMap<string, string>,
  applied: readonly AppliedRow[],
): SqlUpPlan {
  const appliedById = new Map(applied.map((r) => [r.id, r]));
  const changed: string[] = [];
  for (const m of migrations) {
    const row = appliedById.get(m.id);
    const sum = checksums.get(m.id);
    if (row && sum !== undefined && row.checksum !== sum) {
      changed.push(
        `${m.file} (applied with checksum ${row.checksum.slice(0, 12)}…, the file now has ${sum.slice(0, 12)}…)`,
      );
    }
  }
  if (changed.length > 0) {
    throw new OperationError(
      `${changed.length === 1 ? 'An applied migration was' : 'Applied migrations were'} changed after being applied: ${changed.join('; ')}. ` +
        'An applied migration must never be edited: restore the file as it was and put the change in a new migration.',
      { changed },
    );
  }
  const pending = migrations.filter((m) => !appliedById.has(m.id));
  const lastApplied = [...migrations].reverse().find((m) => appliedById.has(m.id));
  if (lastApplied) {
    const early = pending.filter((m) => m.version < lastApplied.version);
    if (early.length > 0) {
      throw new OperationError(
        `${early.map((m) => m.file).join(', ')} ${early.length === 1 ? 'is' : 'are'} not applied but sort${early.length === 1 ? 's' : ''} before the applied ${lastApplied.file}; ` +
          'running it now would apply migrations out of order. Give it a number after the newest applied migration.',
        { outOfOrder: early.map((m) => m.id) },
      );
    }
  }
  const known = new Set(migrations.map((m) => m.id));
  const missing = applied.map((r) => r.id).filter((id) => !known.has(id));
  return { pending, missing, current: newestApplied(migrations, applied) };
}

/** The newest applied id: by migration order for known files, else the last history row. */
export function newestApplied(migrations: readonly SqlMigration[], applied: readonly AppliedRow[]): string {
  const ids = new Set(applied.map((r) => r.id));
  const known = [...migrations].reverse().find((m) => ids.has(m.id));
  return known?.id ?? applied[applied.length - 1]?.id ?? '';
}

/**
 * The migrations `steps` down reverts, newest first. Every one of them needs its `.down.sql`;
 * a missing one fails the whole plan before anything is reverted.
 */
export function planSqlDown(
  migrations: readonly SqlMigration[],
  applied: readonly AppliedRow[],
  steps: number,
): SqlMigration[] {
  const ids = new Set(applied.map((r) => r.id));
  const appliedMigrations = migrations.filter((m) => ids.has(m.id));
  if (appliedMigrations.length < steps) {
    throw new OperationError(
      `Cannot revert ${steps} migration(s): only ${appliedMigrations.length} applied migration(s) have a file in the migrations folder.`,
    );
  }
  const toRevert = appliedMigrations.slice(appliedMigrations.length - steps).reverse();
  const noDown = toRevert.filter((m) => m.downFile === undefined);
  if (noDown.length > 0) {
    throw new OperationError(
      `Cannot revert ${noDown.map((m) => m.id).join(', ')}: no ${noDown.map((m) => `${m.id}.down.sql`).join(', ')}. ` +
        'Add the down file, or restore the backup taken before the migration.',
    );
  }
  return toRevert;
}

/**
 * One migration as a single simple-query string: BEGIN, the file, its history bookkeeping,
 * COMMIT — one round trip, all or nothing. `offset` is the number of characters before the file's
 * text, to map PostgreSQL's error position back to a line of the file.
 *
 * `durable: false` sets `synchronous_commit` off for this transaction only: its commit returns
 * before the WAL is flushed to disk. Atomicity is unchanged (the migration and its history row
 * still commit or vanish together), and the run's last migration is committed durably, which
 * flushes the WAL of every commit before it. A server crash mid-run can only forget whole
 * migrations of a run that then fails — the next run applies them again.
 */
export function transactionScript(
  sql: string,
  bookkeeping: string,
  durable: boolean,
): { text: string; offset: number } {
  const prefix = `BEGIN;\n${durable ? '' : 'SET LOCAL synchronous_commit TO off;\n'}`;
  // `\n;` ends a last statement without a semicolon, or a trailing -- comment, before ours
  return { text: `${prefix}${sql}\n;\n${bookkeeping};\nCOMMIT;`, offset: [...prefix].length };
}

/** The 1-based line of a character position (PostgreSQL reports error positions as 1-based characters). */
export function lineOfPosition(text: string, position: number): number {
  const before = [...text].slice(0, Math.max(0, position - 1)).join('');
  return before.split('\n').length;
}
