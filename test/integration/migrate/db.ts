// Fresh databases for the migrate integration tests: each test gets its own, created through the
// `ops` role (CREATEDB) with a unique name and dropped afterwards, so tests never share state.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadTestEnv } from '../../harness/env.js';

export interface TestDatabase {
  name: string;
  /** postgres://ops:<password>@127.0.0.1:5432/<name> */
  url: string;
  password: string;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** The schema as `pg_dump --schema-only` prints it, without comments and settings: for comparisons. */
  schema(): string;
  tables(): Promise<string[]>;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const { postgres } = loadTestEnv();
  const u = new URL(postgres.url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const env = loadTestEnv();
  const name = `mig_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withClient(env.postgres.url, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  return {
    name,
    url,
    password: env.postgres.password,
    query: (sql, params) => withClient(url, async (c) => (await c.query(sql, params)).rows),
    schema: () => schemaOf(url),
    tables: () =>
      withClient(url, async (c) =>
        (
          await c.query<{ t: string }>(
            "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
          )
        ).rows.map((r) => r.t),
      ),
    drop: () =>
      withClient(env.postgres.url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export function schemaOf(url: string): string {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const out = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', `--dbname=${u}`], {
    env: { ...process.env, PGPASSWORD: password },
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(
      (l) =>
        l.trim() !== '' &&
        !l.startsWith('--') &&
        !/^SET |^SELECT pg_catalog\.set_config|^\\(un)?restrict /.test(l),
    )
    .join('\n');
}

/** Holds the migrate lock (or any advisory key) from the test, as another run would. */
export async function holdAdvisoryLock(
  url: string,
  key: bigint,
  applicationName: string,
): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: url, application_name: applicationName });
  await c.connect();
  await c.query('SELECT pg_advisory_lock($1::bigint)', [key.toString()]);
  return async () => {
    await c.end();
  };
}
