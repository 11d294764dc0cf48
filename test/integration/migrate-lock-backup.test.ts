// The migration lock and the backup against the real PostgreSQL: two runs at once never both
// migrate; a held lock times out clearly; the dump is taken before the first migration runs and
// restores the pre-migration schema.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advisoryLockKey } from '../../actions/migrate/lock.js';
import { runAction } from '../harness/run-action.js';
import { createTestDatabase, holdAdvisoryLock, schemaOf, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});
async function fresh(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  dbs.push(db);
  return db;
}

const SLOW = {
  // long enough that the second run, started at the same moment, finds the lock taken
  'migrations/0001_slow.sql': 'SELECT pg_sleep(3);\nCREATE TABLE slow (id int);\n',
  'migrations/0002_fast.sql': 'CREATE TABLE fast (id int);\n',
};

describe('migration lock', () => {
  it('two runs started at once: exactly one applies, the other waits, then finds nothing pending', async () => {
    const db = await fresh('lock');
    const inputs = { tool: 'sql', 'database-url': db.url, 'lock-timeout': '2m' };
    const [a, b] = await Promise.all([
      runAction('migrate', { inputs, workspace: makeWorkspace(SLOW), env: { GITHUB_RUN_ID: '501' } }),
      runAction('migrate', { inputs, workspace: makeWorkspace(SLOW), env: { GITHUB_RUN_ID: '502' } }),
    ]);
    expect(a.exitCode, a.log).toBe(0);
    expect(b.exitCode, b.log).toBe(0);
    const counts = [a.outputs['applied-count'], b.outputs['applied-count']].sort();
    expect(counts).toEqual(['0', '2']);
    const waiter = a.outputs['applied-count'] === '0' ? a : b;
    const winnerRun = waiter === a ? '502' : '501';
    expect(waiter.outputs).toMatchObject({
      outcome: 'up-to-date',
      'pending-before': '[]',
      current: '0002_fast',
    });
    // the waiting run said why it waited and who held the lock
    expect(waiter.log).toMatch(
      new RegExp(
        `Waiting for the migration lock: another migration of this database is running — held by pid \\d+ \\('ops-actions migrate \\(acme/shop run ${winnerRun}\\)'`,
      ),
    );
    expect(waiter.log).toMatch(/Took the migration lock after waiting/);
    expect(waiter.summary).toMatch(/\| Migration lock \| held \(waited .* for pid \d+/);
    expect((await db.query('SELECT id FROM ops_actions_migrations')).length).toBe(2);
    expectNoSecret(a, db.password);
    expectNoSecret(b, db.password);
  });

  it('times out clearly while another session holds the lock, naming it, and touches nothing', async () => {
    const db = await fresh('lock_timeout');
    const release = await holdAdvisoryLock(db.url, advisoryLockKey(), 'release-pipeline-42');
    try {
      const r = await runAction('migrate', {
        inputs: { tool: 'sql', 'database-url': db.url, 'lock-timeout': '2s', backup: 'true' },
        workspace: makeWorkspace(SLOW),
      });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toMatch(
        /Timed out after .* waiting for the migration lock \(lock-timeout 2\.0s\): it is held by pid \d+ \('release-pipeline-42'.*Nothing was backed up or migrated/s,
      );
      expect(r.log).toContain('held by pid');
      expect(r.outputs['backup-path']).toBe('');
      expect(await db.tables()).toEqual([]);
      expectNoSecret(r, db.password);
    } finally {
      await release();
    }
  });
});

describe('backup: true', () => {
  it('dumps before the first migration runs, and the dump restores the pre-migration schema', async () => {
    const db = await fresh('backup');
    await db.query(
      "CREATE TABLE customers (id serial PRIMARY KEY, name text); INSERT INTO customers (name) VALUES ('Ada')",
    );
    const before = db.schema();
    const workspace = makeWorkspace({
      'migrations/0001_orders.sql':
        'CREATE TABLE orders (id serial PRIMARY KEY, customer int REFERENCES customers(id));\n',
      'migrations/0002_drop_name.sql': 'ALTER TABLE customers DROP COLUMN name;\n',
    });
    const r = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'true' },
      workspace,
    });
    expect(r.exitCode, r.log).toBe(0);
    const path = r.outputs['backup-path'] ?? '';
    expect(path).toMatch(
      new RegExp(`^${r.runnerTemp}/ops-actions-migrate/${db.name}-\\d{8}T\\d{6}Z-run1000\\.dump$`),
    );
    expect(existsSync(path)).toBe(true);
    expect(Number(r.outputs['backup-size'])).toBe(statSync(path).size);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(r.summary).toContain(`| Backup | \`${path}\``);
    // ordering: the dump was complete (renamed into place) before the first migration was recorded
    const [first] = await db.query<{ at: Date }>('SELECT min(applied_at) AS at FROM ops_actions_migrations');
    expect(statSync(path).mtimeMs).toBeLessThanOrEqual(first?.at.getTime() ?? 0);
    const logBackup = r.log.indexOf('Backup written:');
    expect(logBackup).toBeGreaterThan(0);
    expect(logBackup).toBeLessThan(r.log.indexOf('✓ 0001_orders.sql'));

    // restores into a fresh database exactly as the schema was before migrating, data included
    const restored = await fresh('restored');
    execFileSync(
      'pg_restore',
      ['--no-owner', '--no-privileges', `--dbname=${restored.url.replace(`:${db.password}@`, '@')}`, path],
      {
        env: { ...process.env, PGPASSWORD: db.password },
      },
    );
    expect(schemaOf(restored.url)).toBe(before);
    expect(await restored.query('SELECT name FROM customers')).toEqual([{ name: 'Ada' }]);
    expect(db.schema()).not.toBe(before);
    expectNoSecret(r, db.password);
  });

  it('the dump already exists when the migration command runs (tool: command)', async () => {
    const db = await fresh('backup_cmd');
    const workspace = makeWorkspace({});
    const r = await runAction('migrate', {
      inputs: {
        tool: 'command',
        'database-url': db.url,
        backup: 'true',
        // the "migration" records which dumps exist at the moment it runs
        up: 'ls "$RUNNER_TEMP"/ops-actions-migrate/ > dumps-seen-by-migration.txt && psql "$DATABASE_URL" -qc "CREATE TABLE t (id int)"',
      },
      workspace,
    });
    expect(r.exitCode, r.log).toBe(0);
    const seen = readFileSync(join(workspace, 'dumps-seen-by-migration.txt'), 'utf8').trim();
    expect(seen).toBe(r.outputs['backup-path']?.split('/').pop());
    expect(await db.tables()).toEqual(['t']);
    expect(r.outputs).toMatchObject({ outcome: 'success', applied: '', 'pending-before': '' });
    expectNoSecret(r, db.password);
  });

  it('a failed backup stops the run before any migration', async () => {
    const db = await fresh('backup_fail');
    const r = await runAction('migrate', {
      // a folder that cannot be created: its parent is a file
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'true', 'backup-dir': 'README.md/backups' },
      workspace: makeWorkspace({ 'migrations/1_a.sql': 'CREATE TABLE a ();', 'README.md': 'x' }),
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(/The backup failed, so no migration was run: .*ENOTDIR/);
    expect(r.summary).toContain('| Backup | ❌ failed');
    expect(await db.tables()).toEqual([]);
  });
});
