// issue 15 part 3: the backup is on by default, checked before anything is touched; with where: ssh
// the dump comes back over SFTP and is kept as a workflow artifact (uploaded to a fake of GitHub's
// results service, test/fakes/artifact-results.ts), and that artifact restores with pg_restore.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactResults, startFakeArtifactResults } from '../fakes/artifact-results.js';
import { runAction } from '../harness/run-action.js';
import { sshInputs } from '../helpers/server.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const MIGRATIONS = {
  'migrations/0001_users.sql':
    "CREATE TABLE users (id serial PRIMARY KEY, email text);\nINSERT INTO users (email) VALUES ('a@example.com');\n",
  'migrations/0002_orders.sql': 'CREATE TABLE orders (id serial PRIMARY KEY, user_id int);\n',
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fresh(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}

async function fakeResults(opts: { failUpload?: boolean } = {}): Promise<FakeArtifactResults> {
  const f = await startFakeArtifactResults(opts);
  cleanups.push(() => f.close());
  return f;
}

/** Advisory locks anyone holds on this database (the migration lock is one). */
async function advisoryLocks(db: TestDatabase): Promise<number> {
  const rows = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1",
    [db.name],
  );
  return Number(rows[0]?.n ?? 0);
}

describe('migrate backup: on by default', () => {
  it('takes a pg_dump before migrating without being asked, after checking pg_dump', async () => {
    const db = await fresh('bk_default');
    const workspace = makeWorkspace(MIGRATIONS);
    const r = await runAction('migrate', { inputs: { tool: 'sql', 'database-url': db.url }, workspace });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toMatch(/pg_dump on the runner: pg_dump \(PostgreSQL\) \d+/);
    expect(r.outputs['backup-path']).toMatch(/\.dump$/);
    expect(r.outputs['backup-local-path']).toBe(r.outputs['backup-path']);
    expect(statSync(r.outputs['backup-path'] ?? '').size).toBeGreaterThan(0);
    expect(await db.tables()).toContain('orders');
    expectNoSecret(r, db.password);
  });

  it('without pg_dump on PATH: fails before the lock and before any migration, saying how to fix it', async () => {
    const db = await fresh('bk_nopgdump');
    await db.query('CREATE TABLE legacy (id int)');
    const schemaBefore = db.schema();
    const workspace = makeWorkspace(MIGRATIONS);
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-pg-dump-'));
    const r = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url },
      workspace,
      env: { PATH: emptyPath },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toMatch(/Input 'backup': is true \(the default\), but there is no pg_dump on the runner/);
    expect(error).toMatch(/apt-get install -y postgresql-client-\d+/);
    expect(error).toMatch(/set backup: false/);
    expect(r.log).not.toMatch(/Took the migration lock/);
    // untouched: the same schema (no history table, no migration), no lock left behind
    expect(db.schema()).toBe(schemaBefore);
    expect(await db.tables()).toEqual(['legacy']);
    expect(await advisoryLocks(db)).toBe(0);
    expectNoSecret(r, db.password);

    // backup: false is the way out
    const off = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'false' },
      workspace,
      env: { PATH: emptyPath },
    });
    expect(off.exitCode, off.log).toBe(0);
    expect(await db.tables()).toEqual(['legacy', 'orders', 'ops_actions_migrations', 'users'].sort());
  });
});

describe('migrate where: ssh — the dump brought back and kept as an artifact', () => {
  it('downloads the server dump over SFTP, uploads it as an artifact whose bytes restore with pg_restore', async () => {
    const db = await fresh('bk_artifact');
    const results = await fakeResults();
    const workspace = makeWorkspace(MIGRATIONS);
    // a first run applies 0001 (data to back up), the second takes the backup before 0002
    const first = await runAction('migrate', {
      inputs: { ...sshInputs(), where: 'ssh', tool: 'sql', 'database-url': db.url, backup: 'false' },
      workspace,
    });
    expect(first.exitCode, first.log).toBe(0);
    writeFileSync(
      join(workspace, 'migrations', '0003_note.sql'),
      'ALTER TABLE users ADD COLUMN note text;\n',
    );
    const r = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        where: 'ssh',
        tool: 'sql',
        'database-url': db.url,
        'backup-artifact': 'db-backup-1000-1',
        'backup-retention-days': '3',
      },
      workspace,
      env: results.env,
    });
    expect(r.exitCode, r.log).toBe(0);
    const serverPath = r.outputs['backup-path'] ?? '';
    const localPath = r.outputs['backup-local-path'] ?? '';
    expect(serverPath).toMatch(/ops-actions-backups\/.*\.dump$/);
    expect(localPath.startsWith(join(r.runnerTemp, 'ops-actions-migrate'))).toBe(true);
    expect(statSync(localPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(localPath).equals(readFileSync(serverPath))).toBe(true);
    expect(r.outputs['backup-artifact-name']).toBe('db-backup-1000-1');
    const artifact = results.artifacts.find((a) => a.name === 'db-backup-1000-1');
    expect(artifact?.finalized).toBe(true);
    expect(r.outputs['backup-artifact-id']).toBe(String(artifact?.id));
    // retention: expires_at about 3 days from now
    const days = (Date.parse(artifact?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    // the artifact is a zip holding the dump, byte for byte
    const dir = mkdtempSync(join(tmpdir(), 'artifact-'));
    writeFileSync(join(dir, 'a.zip'), artifact?.bytes ?? Buffer.alloc(0));
    execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'out')]);
    const name = serverPath.split('/').pop() ?? '';
    const restoredFile = join(dir, 'out', name);
    expect(readFileSync(restoredFile).equals(readFileSync(serverPath))).toBe(true);
    // and it restores: 0001's table and row, before 0003 added its column
    const target = await fresh('bk_restored');
    execFileSync('pg_restore', ['--no-owner', `--dbname=${target.url}`, restoredFile]);
    expect(await target.query('SELECT email FROM users')).toEqual([{ email: 'a@example.com' }]);
    const cols = await target.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
    );
    expect(cols.map((c) => c.column_name)).toEqual(['email', 'id']);
    // the migration ran after the backup
    expect(r.outputs['applied']).toBe('["0003_note"]');
    expect(r.log).toMatch(/Uploaded the dump as workflow artifact 'db-backup-1000-1'/);
    expectNoSecret(r, db.password);
    execFileSync('rm', ['-f', serverPath]);
  });

  it('a failed artifact upload fails the step before any migration runs', async () => {
    const db = await fresh('bk_artifact_fail');
    const results = await fakeResults({ failUpload: true });
    const workspace = makeWorkspace(MIGRATIONS);
    const r = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        where: 'ssh',
        tool: 'sql',
        'database-url': db.url,
        'backup-artifact': 'db-backup',
      },
      workspace,
      env: { ...results.env, ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS: '20000' },
      timeoutMs: 110_000,
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /The backup failed, so no migration was run: uploading the dump as artifact 'db-backup' failed/,
    );
    expect(r.outputs['applied']).toBe('');
    expect(await db.tables()).toEqual([]);
    expect(await advisoryLocks(db)).toBe(0);
    const kept = /The dump is kept at (\S+\.dump)/.exec(r.errors.join('\n'))?.[1];
    if (kept) execFileSync('rm', ['-f', kept]);
  }, 150_000);
});
