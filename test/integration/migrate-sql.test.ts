// The sql tool against the real PostgreSQL: applied in order, idempotent, a failing migration
// leaves the schema exactly as before it and fails the step naming it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace, writeFiles } from './migrate/workspace.js';

const THREE = {
  'migrations/0001_create_users.sql': 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n',
  'migrations/0002_create_orders.sql':
    'CREATE TABLE orders (\n  id serial PRIMARY KEY,\n  user_id int REFERENCES users(id)\n);\n',
  'migrations/0003_index_orders.sql':
    "CREATE INDEX orders_user ON orders (user_id);\nINSERT INTO users (email) VALUES ('a@example.com');\n",
  // natural order: 10 runs after 3 (a plain sort would run it second)
};

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

async function fresh(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  dbs.push(db);
  return db;
}

describe('migrate tool: sql', () => {
  it('applies three migrations, a rerun applies none, a failing fourth changes nothing and fails naming it', async () => {
    const db = await fresh('sql');
    const workspace = makeWorkspace(THREE);
    const inputs = { tool: 'sql', 'database-url': db.url, backup: 'false' };

    const first = await runAction('migrate', { inputs, workspace });
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs).toMatchObject({
      outcome: 'success',
      applied: '["0001_create_users","0002_create_orders","0003_index_orders"]',
      'applied-count': '3',
      'pending-before': '["0001_create_users","0002_create_orders","0003_index_orders"]',
      current: '0003_index_orders',
      'backup-path': '',
    });
    expect(await db.tables()).toEqual(['ops_actions_migrations', 'orders', 'users']);
    const history = await db.query<{ id: string; checksum: string }>(
      'SELECT id, checksum FROM ops_actions_migrations ORDER BY applied_at',
    );
    expect(history.map((r) => r.id)).toEqual([
      '0001_create_users',
      '0002_create_orders',
      '0003_index_orders',
    ]);
    expect(history[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(first.summary).toContain(
      '| Applied | 3: 0001_create_users, 0002_create_orders, 0003_index_orders |',
    );
    expect(first.summary).toContain('| `0002_create_orders` | ✅ applied |');
    expect(first.log).toContain('Took the migration lock.');
    expectNoSecret(first, db.password);

    const again = await runAction('migrate', { inputs, workspace });
    expect(again.exitCode, again.log).toBe(0);
    expect(again.outputs).toMatchObject({
      outcome: 'up-to-date',
      applied: '[]',
      'applied-count': '0',
      'pending-before': '[]',
      current: '0003_index_orders',
    });
    expect(again.log).toContain('Pending: none.');

    const afterThird = db.schema();
    writeFiles(workspace, {
      'migrations/0004_broken.sql':
        'CREATE TABLE invoices (id serial PRIMARY KEY);\nALTER TABLE users ADD COLUMN name text;\nSELECT * FROM no_such_table;\n',
    });
    const failed = await runAction('migrate', { inputs, workspace });
    expect(failed.exitCode).toBe(1);
    expect(failed.errors.join('\n')).toMatch(
      /Migration 0004_broken\.sql failed, line 3: relation "no_such_table" does not exist .*SQLSTATE 42P01.*rolled back/s,
    );
    expect(failed.outputs).toMatchObject({
      outcome: 'failure',
      'failed-migration': '0004_broken',
      applied: '[]',
      current: '0003_index_orders',
    });
    expect(failed.summary).toContain('**Failed migration:** `0004_broken`');
    expect(failed.summary).toContain('| `0004_broken` | ❌ failed |');
    // exactly the schema after the third: no invoices table, no users.name column, no history row
    expect(db.schema()).toBe(afterThird);
    expect(await db.tables()).not.toContain('invoices');
    expect((await db.query('SELECT id FROM ops_actions_migrations')).length).toBe(3);
    expectNoSecret(failed, db.password);
  });

  it('refuses to run when an applied migration file was edited, naming it, and applies nothing', async () => {
    const db = await fresh('sql_changed');
    const workspace = makeWorkspace(THREE);
    const inputs = { tool: 'sql', 'database-url': db.url, backup: 'false' };
    expect((await runAction('migrate', { inputs, workspace })).exitCode).toBe(0);
    writeFiles(workspace, {
      'migrations/0002_create_orders.sql': 'CREATE TABLE orders (id bigserial PRIMARY KEY);\n',
      'migrations/0004_more.sql': 'CREATE TABLE more ();\n',
    });
    const r = await runAction('migrate', { inputs, workspace });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /0002_create_orders\.sql \(applied with checksum [0-9a-f]{12}…, the file now has/,
    );
    expect(await db.tables()).not.toContain('more');
  });

  it('dry-run lists what is pending and applies nothing', async () => {
    const db = await fresh('sql_dry');
    const workspace = makeWorkspace(THREE);
    const r = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, 'dry-run': 'true', backup: 'true' },
      workspace,
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({
      outcome: 'dry-run',
      'pending-before': '["0001_create_users","0002_create_orders","0003_index_orders"]',
      applied: '',
      'backup-path': '',
    });
    expect(r.log).toContain('Pending (3): 0001_create_users, 0002_create_orders, 0003_index_orders');
    expect(r.summary).toContain(
      '| Would apply | 3: 0001_create_users, 0002_create_orders, 0003_index_orders |',
    );
    expect(await db.tables()).toEqual([]);
    expectNoSecret(r, db.password);
  });

  it('direction down reverts with .down.sql files, newest first', async () => {
    const db = await fresh('sql_down');
    const workspace = makeWorkspace({
      ...THREE,
      'migrations/0002_create_orders.down.sql': 'DROP TABLE orders;\n',
      'migrations/0003_index_orders.down.sql':
        "DROP INDEX orders_user;\nDELETE FROM users WHERE email = 'a@example.com';\n",
    });
    const up = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'false' },
      workspace,
    });
    expect(up.exitCode, up.log).toBe(0);
    const down = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, direction: 'down', steps: 2 },
      workspace,
    });
    expect(down.exitCode, down.log).toBe(0);
    expect(down.outputs).toMatchObject({
      outcome: 'success',
      reverted: '["0003_index_orders","0002_create_orders"]',
      current: '0001_create_users',
    });
    expect(await db.tables()).toEqual(['ops_actions_migrations', 'users']);
    // and up again re-applies them
    const reup = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'false' },
      workspace,
    });
    expect(reup.outputs['applied']).toBe('["0002_create_orders","0003_index_orders"]');
  });

  it('a missing migrations folder is a configuration error before anything connects', async () => {
    const db = await fresh('sql_nodir');
    const workspace = makeWorkspace({});
    rmSync(join(workspace, 'migrations'), { recursive: true, force: true });
    writeFileSync(join(workspace, 'README.md'), 'x');
    const r = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'false' },
      workspace,
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain("Input 'migrations-dir': cannot read the folder");
  });
});
