// rollback's migrate-down against the real PostgreSQL and sshd, with the migrate stage's own code:
// the migrations the failed release applied (the migrate step's `applied` output) are reverted
// first, while the failed release is still deployed and the deploy lock is held, then the code is
// switched back; a failing revert switches nothing; a tool without down migrations is a warning
// naming the backup; a database that migrated since is not touched.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { advisoryLockKey } from '../../actions/migrate/lock.js';
import { sqlChecksum } from '../../actions/migrate/sql-plan.js';
import { exampleDefinition, FakeKoyebApi } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  currentTarget,
  lockExists,
  readHistoryFile,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
} from '../helpers/server.js';
import { alembicProject, alembicRevision } from './migrate/alembic-project.js';
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
  return runAction('migrate', {
    inputs: { tool: 'sql', 'database-url': db.url, backup: 'false' },
    workspace,
  });
}

/** deploy-ssh strategy release of the workspace's dist/ (a VERSION file saying `id`). */
function release(workspace: string, appDir: string, id: string): Promise<ActionResult> {
  rmSync(join(workspace, 'dist'), { recursive: true, force: true });
  mkdirSync(join(workspace, 'dist'));
  writeFileSync(join(workspace, 'dist', 'VERSION'), id);
  return runAction('deploy-ssh', {
    workspace,
    inputs: { ...sshInputs(), strategy: 'release', 'app-dir': appDir, 'release-id': id, source: 'dist' },
  });
}

/** An app with r1 then r2 deployed (r2 the failed release), and no migrations. */
async function twoReleases(name: string): Promise<{ workspace: string; appDir: string }> {
  const workspace = makeWorkspace({}, 'rollback-migrate');
  const appDir = uniqueAppDir(name);
  apps.push(appDir);
  expect((await release(workspace, appDir, 'r1')).exitCode).toBe(0);
  expect((await release(workspace, appDir, 'r2')).exitCode).toBe(0);
  return { workspace, appDir };
}

describe('rollback with migrate-down', () => {
  it('deploy r1 + migrate, deploy r2 + migrate, rollback: r2’s migrations are reverted, then r1 is live again', async () => {
    const db = await freshDb('rb_sql');
    const workspace = makeWorkspace(R1_MIGRATIONS, 'rollback-migrate');
    const appDir = uniqueAppDir('rb-migrate');
    apps.push(appDir);
    expect((await release(workspace, appDir, 'r1')).exitCode).toBe(0);
    expect((await migrate(workspace, db)).outputs['applied']).toBe('["0001_create_users"]');
    writeFiles(workspace, R2_MIGRATIONS);
    expect((await release(workspace, appDir, 'r2')).exitCode).toBe(0);
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
    // the schema first, then the code
    const reverted = r.log.indexOf('::group::migrate-down');
    expect(reverted).toBeGreaterThan(-1);
    expect(reverted).toBeLessThan(r.log.indexOf('switch current → releases/r1'));
    expect(r.summary).toContain('migrate-down (sql): reverted `0003_add_name`, `0002_create_orders`.');
    expect(lockExists(appDir)).toBe(false);
    expectNoSecret(r, db.password);
  });

  it('the down command runs on the server while the failed release is deployed and the deploy lock is held', async () => {
    const db = await freshDb('rb_order');
    const { workspace, appDir } = await twoReleases('rb-order');
    // what the tool sees when it runs: the release `current` points to, its files, the deploy lock
    const seen = join(appDir, 'seen-at-down');
    const r = await runAction('rollback', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': appDir,
        'migrate-down': 'true',
        'migrate-tool': 'command',
        'migrate-where': 'ssh',
        'migrate-applied': '["r2_add_orders"]',
        'migrate-down-command':
          `{ readlink current; cat current/VERSION; echo; test -e .ops-actions/lock && echo locked; } > '${seen}'` +
          ' && echo "reverted r2_add_orders"',
        'database-url': db.url,
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(readFileSync(seen, 'utf8').trim().split('\n')).toEqual(['releases/r2', 'r2', 'locked']);
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(
      readHistoryFile(appDir)
        .slice(-2)
        .map((e) => [e.id, e.outcome]),
    ).toEqual([
      ['r2', 'bad'],
      ['r1', 'deployed'],
    ]);
    expect(lockExists(appDir)).toBe(false);
    expectNoSecret(r, db.password);
  });

  it('a failing down switches nothing: the failed release stays, the step fails saying so and what to do', async () => {
    const db = await freshDb('rb_downfail');
    const { workspace, appDir } = await twoReleases('rb-downfail');
    const history = readHistoryFile(appDir);
    const r = await runAction('rollback', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': appDir,
        'migrate-down': 'true',
        'migrate-tool': 'command',
        'migrate-where': 'ssh',
        'migrate-applied': '["r2_add_orders"]',
        'migrate-down-command': `echo "Can't locate revision identified by 'r2_add_orders'" >&2; exit 1`,
        'migrate-backup-path': '/var/backups/shop/shop-run1000.dump',
        'database-url': db.url,
      },
    });
    expect(r.exitCode).toBe(1);
    // nothing switched, nothing recorded, the lock released
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(readHistoryFile(appDir)).toEqual(history);
    expect(lockExists(appDir)).toBe(false);
    expect(r.log).not.toContain('switch current → releases/r1');
    const error = r.errors.join('\n');
    expect(error).toContain(
      'Reverting the migrations failed, so the code was NOT rolled back: nothing was switched, every host still runs r2.',
    );
    expect(error).toContain("Can't locate revision identified by 'r2_add_orders'");
    expect(error).toContain('The schema was not changed: r2_add_orders are still applied.');
    expect(error).toContain('/var/backups/shop/shop-run1000.dump');
    expect(error).toContain('re-run the rollback with migrate-down: false');
    expect(r.summary).toContain('migrate-down (command) failed');
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

// Issue #14 point 8: the check that the database's newest migration is the failed release's own
// must run under the migration lock, in the same session as the revert. Here another migration
// run holds the lock while migrate-down starts, and applies 0004 before it lets go: a check made
// before taking the lock sees 0003 and the revert then takes 0004 down instead.
describe('migrate-down checks under the migration lock', () => {
  it('a migration applied while migrate-down waits for the lock is not reverted; the rollback refuses', async () => {
    const db = await freshDb('rb_race');
    const workspace = makeWorkspace(R1_MIGRATIONS, 'rollback-migrate');
    expect((await migrate(workspace, db)).exitCode).toBe(0);
    writeFiles(workspace, R2_MIGRATIONS);
    const m2 = await migrate(workspace, db);
    expect(m2.outputs['applied']).toBe('["0002_create_orders","0003_add_name"]');
    // the checkout the rollback runs from already has the next release's migration
    const up4 = 'ALTER TABLE users ADD COLUMN phone text;\n';
    writeFiles(workspace, {
      'migrations/0004_add_phone.sql': up4,
      'migrations/0004_add_phone.down.sql': 'ALTER TABLE users DROP COLUMN phone;\n',
    });
    // another migration run: holds the lock, and applies 0004 once migrate-down waits for it
    const other = new pg.Client({ connectionString: db.url, application_name: 'other-migration' });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1::bigint)', [advisoryLockKey().toString()]);
      const service = await koyebService();
      const rollback = runAction('rollback', {
        workspace,
        inputs: {
          ...service,
          'migrate-down': 'true',
          'migrate-tool': 'sql',
          'migrate-applied': m2.outputs['applied'],
          'database-url': db.url,
          'lock-timeout': '1m',
        },
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const waiting = await other.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'ops-actions migrate%'
              AND (query LIKE '%pg_try_advisory_lock%' OR query LIKE '%JOIN pg_stat_activity a ON%')`,
        );
        if (waiting.rowCount) break;
        if (Date.now() > deadline) throw new Error('migrate-down never waited for the migration lock');
        await new Promise((r) => setTimeout(r, 100));
      }
      await other.query(up4);
      await other.query(
        "INSERT INTO ops_actions_migrations (id, checksum, duration_ms, applied_by) VALUES ('0004_add_phone', $1, 1, 'other-migration')",
        [sqlChecksum(up4)],
      );
      await other.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryLockKey().toString()]);
      const r = await rollback;
      expect(r.exitCode, r.log).toBe(1);
      expect(r.errors.join('\n')).toMatch(
        /the database's newest migration is 0004_add_phone, not 0003_add_name which the failed release applied/,
      );
      // nothing was reverted: 0004 (the other run's) and the failed release's migrations stay
      const ids = await db.query<{ id: string }>('SELECT id FROM ops_actions_migrations ORDER BY id');
      expect(ids.map((x) => x.id)).toEqual([
        '0001_create_users',
        '0002_create_orders',
        '0003_add_name',
        '0004_add_phone',
      ]);
      const columns = await db.query<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
      );
      expect(columns.map((x) => x.c)).toEqual(['email', 'id', 'name', 'phone']);
      expectNoSecret(r, db.password);
    } finally {
      await other.end();
    }
  });
});

describe('migrate-down refuses to go back past a migration without a down step', () => {
  it('alembic d4 whose downgrade() only passes: refused before anything changes; allowed with migrate-allow-irreversible', async () => {
    const db = await freshDb('rb_irrev');
    const irreversible = alembicRevision(
      'd4',
      'c3',
      'ALTER TABLE users ADD COLUMN nickname text',
      'SELECT 1',
    ).replace(
      /def downgrade\(\):\n[\s\S]*$/,
      'def downgrade():\n    # data migration: cannot be undone\n    pass\n',
    );
    const workspace = alembicProject({ 'backend/migrations/versions/d4_nickname.py': irreversible });
    const env = { PATH: `${workspace}/bin:${process.env['PATH'] ?? ''}` };
    const appDir = uniqueAppDir('rb-irrev');
    apps.push(appDir);
    const base = { tool: 'alembic', 'database-url': db.url, 'working-directory': 'backend', backup: 'false' };
    expect((await release(workspace, appDir, 'r1')).exitCode).toBe(0);
    expect((await release(workspace, appDir, 'r2')).exitCode).toBe(0);
    const m = await runAction('migrate', { inputs: base, workspace, env });
    expect(m.exitCode, m.log).toBe(0);
    expect(m.outputs['applied']).toBe('["a1","b2","c3","d4"]');
    const schemaBefore = db.schema();
    const rollback = (extra: Record<string, string>) =>
      runAction('rollback', {
        workspace,
        env,
        inputs: {
          ...sshInputs(),
          strategy: 'release',
          'app-dir': appDir,
          'migrate-down': 'true',
          'migrate-tool': 'alembic',
          'migrate-applied': '["c3","d4"]',
          'migrate-working-directory': 'backend',
          'database-url': db.url,
          ...extra,
        },
      });

    const refused = await rollback({});
    expect(refused.exitCode).toBe(1);
    const error = refused.errors.join('\n');
    expect(error).toMatch(
      /cannot move the code back past migration\(s\) without a down step — d4 \(migrations\/versions\/d4_nickname\.py\): its downgrade\(\) only passes/,
    );
    expect(error).toMatch(/migrate-allow-irreversible: true/);
    expect(error).toMatch(/nothing was switched/);
    // nothing changed: the code, the schema, alembic's version
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(db.schema()).toBe(schemaBefore);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'd4' }]);
    expect(refused.log).not.toMatch(/alembic downgrade/);
    expect(lockExists(appDir)).toBe(false);

    const allowed = await rollback({ 'migrate-allow-irreversible': 'true' });
    expect(allowed.exitCode, allowed.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r1');
    // the code went back, the schema stayed (the warning says so)
    expect(db.schema()).toBe(schemaBefore);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'd4' }]);
    expect(allowed.log).toMatch(
      /::warning::migrate-down: migrate-allow-irreversible is true, so the code goes back but the schema is NOT reverted: d4/,
    );
    expectNoSecret(allowed, db.password);
  }, 90_000);
});
