// The app's database on the environment's PostgreSQL, created through the `ops` role (CREATEDB).
// Each demo run starts from an empty one, so the migration and its backup run every time.
import pg from 'pg';
import type { DemoConfig } from './config.js';

async function asOps<T>(cfg: DemoConfig, fn: (c: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(cfg.env.postgres.url);
  if (database !== undefined) url.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: url.toString(), application_name: 'ops-actions demo' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a plain database name`);
  return `"${name}"`;
}

/** Drops the database (closing its connections) when it exists. Returns whether it existed. */
export async function dropDatabase(cfg: DemoConfig): Promise<boolean> {
  return asOps(cfg, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [cfg.database]);
    await c.query(`DROP DATABASE IF EXISTS ${ident(cfg.database)} WITH (FORCE)`);
    return (found.rowCount ?? 0) > 0;
  });
}

/** An empty database for this run. */
export async function resetDatabase(cfg: DemoConfig): Promise<void> {
  await dropDatabase(cfg);
  await asOps(cfg, (c) => c.query(`CREATE DATABASE ${ident(cfg.database)}`));
}

/** The app's tables and indexes in the public schema, for the report and the e2e test. */
export async function describeSchema(cfg: DemoConfig): Promise<{ tables: string[]; indexes: string[] }> {
  return asOps(
    cfg,
    async (c) => {
      const tables = await c.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      const indexes = await c.query<{ name: string }>(
        "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
      );
      return { tables: tables.rows.map((r) => r.name), indexes: indexes.rows.map((r) => r.name) };
    },
    cfg.database,
  );
}
