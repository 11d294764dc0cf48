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
 * naming the file and line.
 */
export async function applySqlMigration(
  client: pg.Client,
  history: SqlHistory,
  folder: SqlFolder,
  m: SqlMigration,
  appliedBy: string,
): Promise<SqlStepResult> {
  const text = folder.texts.get(m.id) ?? '';
  const checksum = folder.checksums.get(m.id) ?? sqlChecksum(text);
  const started = Date.now();
  const record = async (): Promise<void> => {
    await client.query(
      `INSERT INTO ${history.table} (id, checksum, duration_ms, applied_by) VALUES ($1, $2, $3, $4)`,
      [m.id, checksum, Date.now() - started, appliedBy],
    );
  };
  await runInTransaction(client, !wantsNoTransaction(text), m.id, m.file, text, record);
  return { id: m.id, durationMs: Date.now() - started };
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
  const started = Date.now();
  const unrecord = async (): Promise<void> => {
    await client.query(`DELETE FROM ${history.table} WHERE id = $1`, [m.id]);
  };
  await runInTransaction(client, !wantsNoTransaction(text), m.id, m.downFile, text, unrecord);
  return { id: m.id, durationMs: Date.now() - started };
}

async function runInTransaction(
  client: pg.Client,
  transactional: boolean,
  id: string,
  file: string,
  text: string,
  after: () => Promise<void>,
): Promise<void> {
  if (transactional) await client.query('BEGIN');
  try {
    try {
      // No parameters: the simple query protocol, so a file may hold many statements.
      await client.query(text);
    } catch (error) {
      throw migrationError(id, file, text, error, transactional);
    }
    await after();
    if (transactional) await client.query('COMMIT');
  } catch (error) {
    if (transactional) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
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
  error: unknown,
  transactional: boolean,
): SqlMigrationError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgErrorFields;
  const message = e.message ?? String(error);
  const line = e.position ? `, line ${lineOfPosition(text, Number(e.position))}` : '';
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
