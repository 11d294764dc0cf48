// The `sql` tool: a minimal migration runner on node-postgres (see README, "Why a built-in
// runner"). Each migration runs in its own transaction together with its history row, so a
// failing migration leaves nothing behind and is retried whole next time.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { ConfigurationError, OperationError } from '../../lib/errors.js';
import {
  type AppliedRow,
  lineOfPosition,
  planSqlDown,
  planSqlUp,
  type SqlMigration,
  type SqlUpPlan,
  sqlChecksum,
  sqlMigrations,
  transactionScript,
  wantsNoTransaction,
} from './sql-plan.js';

export const HISTORY_TABLE = 'ops_actions_migrations';

export interface SqlFolder {
  dir: string;
  migrations: SqlMigration[];
  texts: Map<string, string>;
  checksums: Map<string, string>;
}

/** Reads and checks the migration files of a folder (no database needed). */
export async function readSqlFolder(dir: string): Promise<SqlFolder> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      'migrations-dir',
      `cannot read the folder '${dir}'${code ? ` (${code})` : ''}. Give the folder that holds the .sql files, relative to working-directory.`,
      'migrations-dir: db/migrations',
    );
  }
  const migrations = sqlMigrations(names);
  const texts = new Map<string, string>();
  const checksums = new Map<string, string>();
  await Promise.all(
    migrations.map(async (m) => {
      const text = await readFile(join(dir, m.file), 'utf8');
      texts.set(m.id, text);
      checksums.set(m.id, sqlChecksum(text));
    }),
  );
  return { dir, migrations, texts, checksums };
}

/** A migration that failed: which file, which line, and PostgreSQL's own message. */
export class SqlMigrationError extends OperationError {
  override readonly name: string = 'SqlMigrationError';
  constructor(
    readonly migration: string,
    readonly file: string,
    message: string,
  ) {
    super(message, { migration, file });
  }
}

export class SqlHistory {
  private constructor(
    private readonly client: pg.Client,
    /** `"schema"."ops_actions_migrations"`: fixed at connect time, so a migration's SET search_path cannot move it. */
    readonly table: string,
  ) {}

  static async open(client: pg.Client): Promise<SqlHistory> {
    const r = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = r.rows[0]?.schema;
    if (!schema) {
      throw new OperationError(
        'The database has no current schema (search_path names no existing schema): cannot place the migration history table.',
      );
    }
    return new SqlHistory(client, `${quoteIdent(schema)}.${quoteIdent(HISTORY_TABLE)}`);
  }

  /** The applied migrations, oldest first; none when the history table does not exist yet. */
  async applied(): Promise<AppliedRow[]> {
    const exists = await this.client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      this.table,
    ]);
    if (!exists.rows[0]?.t) return [];
    const r = await this.client.query<AppliedRow>(
      `SELECT id, checksum FROM ${this.table} ORDER BY applied_at, id`,
    );
    return r.rows;
  }

  async ensureTable(): Promise<void> {
    await this.client.query(
      `CREATE TABLE IF NOT EXISTS ${this.table} (
        id text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        duration_ms integer NOT NULL,
        applied_by text
      )`,
    );
  }
}

export async function planFolderUp(history: SqlHistory, folder: SqlFolder): Promise<SqlUpPlan> {
  return planSqlUp(folder.migrations, folder.checksums, await history.applied());
}

export async function planFolderDown(
  history: SqlHistory,
  folder: SqlFolder,
  steps: number,
): Promise<SqlMigration[]> {
  return planSqlDown(folder.migrations, await history.applied(), steps);
}

export interface SqlStepResult {
  id: string;
  durationMs: number;
}

/**
 * Applies one migration and records it, in one transaction (unless the file opts out with
 * `-- ops-actions: no-transaction`). A failure rolls both back and throws a SqlMigrationError
 * naming the file and line. `durable: false` lets the commit return before its WAL is flushed
 * (see transactionScript); the run's last migration is always durable.
 */
export async function applySqlMigration(
  client: pg.Client,
  history: SqlHistory,
  folder: SqlFolder,
  m: SqlMigration,
  appliedBy: string,
  opts: { durable: boolean } = { durable: true },
): Promise<SqlStepResult> {
  const text = folder.texts.get(m.id) ?? '';
  const checksum = folder.checksums.get(m.id) ?? sqlChecksum(text);
  const record =
    `INSERT INTO ${history.table} (id, checksum, duration_ms, applied_by) VALUES ` +
    `(${quoteLiteral(m.id)}, ${quoteLiteral(checksum)}, ${ELAPSED_MS}, ${quoteLiteral(appliedBy)})`;
  return run(client, m, m.file, text, record, opts.durable);
}

/** Runs a migration's `.down.sql` and deletes its history row, in one transaction. */
export async function revertSqlMigration(
  client: pg.Client,
  history: SqlHistory,
  folder: SqlFolder,
  m: SqlMigration,
): Promise<SqlStepResult> {
  if (!m.downFile) throw new OperationError(`${m.id} has no ${m.id}.down.sql`);
  const text = await readFile(join(folder.dir, m.downFile), 'utf8');
  return run(
    client,
    m,
    m.downFile,
    text,
    `DELETE FROM ${history.table} WHERE id = ${quoteLiteral(m.id)}`,
    true,
  );
}

/** Milliseconds since the transaction started, computed by the server. */
const ELAPSED_MS = '(extract(epoch FROM clock_timestamp() - now()) * 1000)::int';

async function run(
  client: pg.Client,
  m: SqlMigration,
  file: string,
  text: string,
  bookkeeping: string,
  durable: boolean,
): Promise<SqlStepResult> {
  const started = Date.now();
  if (wantsNoTransaction(text)) {
    // PostgreSQL still runs a multi-statement string as one implicit transaction: statements
    // that refuse any transaction (CREATE INDEX CONCURRENTLY) belong in a file of their own.
    try {
      await client.query(text);
    } catch (error) {
      throw migrationError(m.id, file, text, 0, error, false);
    }
    await client.query(bookkeeping);
  } else {
    const script = transactionScript(text, bookkeeping, durable);
    try {
      // No parameters: the simple query protocol, so a file may hold many statements, and the
      // whole transaction is one round trip.
      await client.query(script.text);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw migrationError(m.id, file, text, script.offset, error, true);
    }
  }
  return { id: m.id, durationMs: Date.now() - started };
}

interface PgErrorFields {
  message?: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

function migrationError(
  id: string,
  file: string,
  text: string,
  offset: number,
  error: unknown,
  transactional: boolean,
): SqlMigrationError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgErrorFields;
  const message = e.message ?? String(error);
  const position = e.position ? Number(e.position) - offset : 0;
  const inFile = position > 0 && position <= [...text].length + 1;
  const line = inFile ? `, line ${lineOfPosition(text, position)}` : '';
  const extra = [
    e.code ? `SQLSTATE ${e.code}` : '',
    e.detail ? `DETAIL: ${e.detail}` : '',
    e.hint ? `HINT: ${e.hint}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const after = transactional
    ? 'It was rolled back: nothing of it is applied.'
    : 'It ran outside a transaction (-- ops-actions: no-transaction): statements before the failing one stay applied.';
  return new SqlMigrationError(
    id,
    file,
    `Migration ${file} failed${line}: ${message}${extra ? ` (${extra})` : ''}. ${after}`,
  );
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal that means the same whatever standard_conforming_strings is. */
export function quoteLiteral(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
