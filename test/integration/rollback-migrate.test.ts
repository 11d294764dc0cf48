// rollback's migrate-down against the real PostgreSQL, with the migrate stage's own code: the
// migrations the failed release applied (the migrate step's `applied` output) are reverted after
// the code is back; a tool without down migrations is a warning naming the backup; a database
// that migrated since is not touched.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exampleDefinition, FakeKoyebApi } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { currentTarget, readHistoryFile, removeAppDir, sshInputs, uniqueAppDir } from '../helpers/server.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace, writeFiles } from './migrate/workspace.js';

const R1_MIGRATIONS = {
  'migrations/0001_create_users.sql': 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n',
  'migrations/0001_create_users.down.sql': 'DROP TABLE users;\n',
};
const R2_MIGRATIONS = {
  'migrations/0002_create_orders.sql':
    'CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users(id));\n',
  'migrations/0002_create_orders.down.sql': 'DROP TABLE orders;\n',
  'migrations/0003_add_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  'migrations/0003_add_name.down.sql': 'ALTER TABLE users DROP COLUMN name;\n',
};

const dbs: TestDatabase[] = [];
const apps: string[] = [];
let koyeb: FakeKoyebApi | undefined;
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
  await koyeb?.close();
  koyeb = undefined;
});
afterAll(() => apps.forEach(removeAppDir));

async function freshDb(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  dbs.push(db);
  return db;
}

/** A Koyeb service whose active v2 replaced a healthy v1 (the code side of a rollback that takes no time). */
async function koyebService(): Promise<Record<string, string>> {
  koyeb = await FakeKoyebApi.start();
  const app = koyeb.addApp({ name: 'shop' });
  const svc = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:v1' });
  koyeb.addDeployment(svc.id, { definition: exampleDefinition('ghcr.io/acme/shop:v2'), status: 'HEALTHY' });
  return {
    target: 'koyeb',
    'api-token': koyeb.token,
    'api-url': koyeb.url,
    'service-id': svc.id,
    'poll-interval': '100ms',
  };
}

function migrate(workspace: string, db: TestDatabase): Promise<ActionResult> {
  return runAction('migrate', { inputs: { tool: 'sql', 'database-url': db.url }, workspace });
}

describe('rollback with migrate-down', () => {
  it('deploy r1 + migrate, deploy r2 + migrate, rollback: r1 is live again and r2’s migrations are reverted', async () => {
    const db = await freshDb('rb_sql');
    const workspace = makeWorkspace(R1_MIGRATIONS, 'rollback-migrate');
    const appDir = uniqueAppDir('rb-migrate');
    apps.push(appDir);
    const release = async (id: string): Promise<ActionResult> => {
      rmSync(join(workspace, 'dist'), { recursive: true, force: true });
      mkdirSync(join(workspace, 'dist'));
      writeFileSync(join(workspace, 'dist', 'VERSION'), id);
      return runAction('deploy-ssh', {
        workspace,
        inputs: { ...sshInputs(), strategy: 'release', 'app-dir': appDir, 'release-id': id, source: 'dist' },
      });
    };
    expect((await release('r1')).exitCode).toBe(0);
    expect((await migrate(workspace, db)).outputs['applied']).toBe('["0001_create_users"]');
    writeFiles(workspace, R2_MIGRATIONS);
    expect((await release('r2')).exitCode).toBe(0);
    const m2 = await migrate(workspace, db);
    expect(m2.outputs['applied']).toBe('["0002_create_orders","0003_add_name"]');
    expect(await db.tables()).toEqual(['ops_actions_migrations', 'orders', 'users']);

    const r = await runAction('rollback', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': appDir,
        'migrate-down': 'true',
        'migrate-tool': 'sql',
        'migrate-applied': m2.outputs['applied'],
        'database-url': db.url,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(r.outputs['migrations-reverted']).toBe('["0003_add_name","0002_create_orders"]');
    expect(await db.tables()).toEqual(['ops_actions_migrations', 'users']);
    const columns = await db.query<{ c: string }>(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
    );
    expect(columns.map((x) => x.c)).toEqual(['email', 'id']);
    expect(
      readHistoryFile(appDir)
        .slice(-2)
        .map((e) => [e.id, e.outcome]),
    ).toEqual([
      ['r2', 'bad'],
      ['r1', 'deployed'],
    ]);
    // the code first, then the schema
    expect(r.log.indexOf('switch current → releases/r1')).toBeLessThan(
      r.log.indexOf('::group::migrate-down'),
    );
    expect(r.summary).toContain('migrate-down (sql): reverted `0003_add_name`, `0002_create_orders`.');
    expectNoSecret(r, db.password);
  });

  it('prisma without a down command: a warning that the schema rollback is manual, naming the backup', async () => {
    const service = await koyebService();
    const r = await runAction('rollback', {
      inputs: {
        ...service,
        'migrate-down': 'true',
        'migrate-tool': 'prisma',
        'migrate-applied': '["20250301000000_add_orders"]',
        'migrate-backup-path': '/var/backups/shop/shop-20250301T100000Z-run1000.dump',
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    const warning = r.log.split('\n').find((l) => l.startsWith('::warning::')) ?? '';
    expect(warning).toContain('prisma has no down migrations, so the schema was NOT rolled back');
    expect(warning).toContain('20250301000000_add_orders');
    expect(warning).toContain('/var/backups/shop/shop-20250301T100000Z-run1000.dump');
    expect(r.outputs['migrations-reverted']).toBe('');
    expect(r.summary).toContain('prisma has no down migrations — the schema was not rolled back');
  });

  it('a database that migrated since the failed release is not touched, and the step fails saying so', async () => {
    const db = await freshDb('rb_since');
    const workspace = makeWorkspace({ ...R1_MIGRATIONS, ...R2_MIGRATIONS }, 'rollback-migrate');
    expect((await migrate(workspace, db)).exitCode).toBe(0);
    const schema = db.schema();
    const service = await koyebService();
    const r = await runAction('rollback', {
      workspace,
      inputs: {
        ...service,
        'migrate-down': 'true',
        'migrate-tool': 'sql',
        // the failed release applied 0002 only; 0003 came later
        'migrate-applied': '["0002_create_orders"]',
        'database-url': db.url,
      },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('The code was rolled back');
    expect(error).toContain("the database's newest migration is 0003_add_name, not 0002_create_orders");
    expect(db.schema()).toBe(schema);
    expectNoSecret(r, db.password);
  });

  it('migrate inputs without migrate-down, or migrate-down without what to revert, are refused before anything runs', async () => {
    const service = await koyebService();
    const stray = await runAction('rollback', { inputs: { ...service, 'migrate-tool': 'sql' } });
    expect(stray.exitCode).toBe(1);
    expect(stray.errors.join('\n')).toContain("Input 'migrate-tool': is set but 'migrate-down' is not true.");
    const missing = await runAction('rollback', {
      inputs: { ...service, 'migrate-down': 'true', 'migrate-tool': 'sql' },
    });
    expect(missing.errors.join('\n')).toContain("Input 'migrate-applied': is required with migrate-down");
    expect(koyeb?.updates()).toHaveLength(0);
  });
});
