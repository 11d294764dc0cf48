// where: ssh against the real sshd (deploy@127.0.0.1:2222) and Docker: alembic runs on the server —
// on the host, then inside a compose service as `docker compose exec -T backend alembic upgrade head`
// — while the migration lock is held from the runner through the same SSH connection and the
// backup is written on the server.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTestEnv, privateKey } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { alembicFiles } from './migrate/alembic-project.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace, writeFiles } from './migrate/workspace.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An app directory in the deploy user's home, as the server would have it. */
function serverAppDir(files: Record<string, string>): string {
  const env = loadTestEnv();
  const dir = join(env.ssh.home, `ops-migrate-${randomBytes(4).toString('hex')}`);
  writeFiles(dir, files);
  execFileSync('chown', ['-R', `${env.ssh.user}:${env.ssh.user}`, dir]);
  cleanups.push(() => {
    execFileSync('rm', ['-rf', dir]);
  });
  return dir;
}

function sshInputs(): Record<string, string> {
  const env = loadTestEnv();
  return {
    where: 'ssh',
    hosts: `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
    'private-key': privateKey(),
    'known-hosts': env.ssh.knownHosts,
  };
}

async function fresh(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}

describe('migrate where: ssh', () => {
  it('runs alembic on the server host, holds the lock through the SSH connection, backs up on the server', async () => {
    const db = await fresh('remote');
    await db.query('CREATE TABLE legacy (id int)');
    const app = serverAppDir(alembicFiles({}, 'backend'));
    const r = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        tool: 'alembic',
        'working-directory': join(app, 'backend'),
        'database-url': db.url,
        // the tool uses the server's configuration; here its DATABASE_URL comes through env
        env: `DATABASE_URL=${db.url}`,
        backup: 'true',
        'backup-dir': join(app, 'backups'),
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({
      outcome: 'success',
      'pending-before': '["a1","b2","c3"]',
      applied: '["a1","b2","c3"]',
      current: 'c3',
    });
    expect(await db.tables()).toEqual(['alembic_version', 'legacy', 'orders', 'users']);
    // the tool ran over SSH as the deploy user
    expect(r.log).toMatch(/\[deploy@127\.0\.0\.1:2222\] .*Running upgrade b2 -> c3/);
    expect(r.log).toContain('Took the migration lock.');
    expect(r.summary).toContain('| Tool | alembic (up) on deploy@127.0.0.1:2222 |');
    // the dump is on the server, owned by the SSH user, readable by it only, and restorable
    const path = r.outputs['backup-path'] ?? '';
    expect(path).toMatch(new RegExp(`^${app}/backups/${db.name}-\\d{8}T\\d{6}Z-run1000\\.dump$`));
    const st = statSync(path);
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.uid).toBe(Number(execFileSync('id', ['-u', 'deploy'], { encoding: 'utf8' }).trim()));
    expect(Number(r.outputs['backup-size'])).toBe(st.size);
    const list = execFileSync('pg_restore', ['--list', path], { encoding: 'utf8' });
    expect(list).toMatch(/TABLE public legacy/);
    expect(list).not.toMatch(/TABLE public users/);
    expectNoSecret(r, db.password);
  });

  it('runs alembic inside a compose service (docker compose exec -T backend), pg_dump inside another', async () => {
    const env = loadTestEnv();
    const db = await fresh('remote_compose');
    const project = `opsmig${randomBytes(3).toString('hex')}`;
    // An image with alembic cannot be pulled here (no network): the service runs the local busybox
    // image with the host's /usr (python3, alembic, psycopg2, pg_dump) mounted read-only.
    const hostUsr = [
      '/usr:/usr:ro',
      '/usr/lib:/lib:ro',
      '/usr/lib64:/lib64:ro',
      '/etc/alternatives:/etc/alternatives:ro',
    ];
    const service = (extra: string) =>
      `    image: ${env.docker.busyboxImage}\n    network_mode: host\n    command: ["sleep", "600"]\n` +
      `    volumes:\n${hostUsr.map((v) => `      - ${v}\n`).join('')}${extra}`;
    const app = serverAppDir({
      ...alembicFiles({}, 'backend'),
      // like a real stack: the backend container gets its DATABASE_URL from the server's .env
      '.env': `DATABASE_URL=${db.url}\n`,
      'compose.yaml':
        `name: ${project}\nservices:\n  backend:\n${service(`      - ./backend:/app:ro\n    working_dir: /app\n    environment:\n      DATABASE_URL: \${DATABASE_URL}\n`)}` +
        `  db-tools:\n${service('')}`,
    });
    execFileSync('docker', ['compose', 'up', '-d', '--wait'], { cwd: app, stdio: 'ignore' });
    cleanups.push(() => {
      execFileSync('docker', ['compose', 'down', '-t', '0'], { cwd: app, stdio: 'ignore' });
    });

    const r = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        tool: 'alembic',
        'working-directory': app,
        'compose-service': 'backend',
        'backup-compose-service': 'db-tools',
        'database-url': db.url,
        backup: 'true',
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: 'success', applied: '["a1","b2","c3"]', current: 'c3' });
    expect(await db.tables()).toEqual(['alembic_version', 'orders', 'users']);
    expect(r.log).toMatch(/\[deploy@127\.0\.0\.1:2222\] .*Running upgrade a1 -> b2/);
    const path = r.outputs['backup-path'] ?? '';
    expect(path).toMatch(new RegExp(`^${env.ssh.home}/ops-actions-backups/${db.name}-.*\\.dump$`));
    cleanups.push(() => {
      execFileSync('rm', ['-f', path]);
    });
    expect(statSync(path).size).toBe(Number(r.outputs['backup-size']));
    expectNoSecret(r, db.password);

    // down, through the same service
    const down = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        tool: 'alembic',
        'working-directory': app,
        'compose-service': 'backend',
        'database-url': db.url,
        direction: 'down',
      },
    });
    expect(down.exitCode, down.log).toBe(0);
    expect(down.outputs).toMatchObject({ reverted: '["c3"]', current: 'b2' });
  });

  it('tool sql with where ssh: files from the runner, applied through the forwarded port', async () => {
    const db = await fresh('remote_sql');
    const workspace = makeWorkspace({
      'db/0001_a.sql': 'CREATE TABLE a (id int);\n',
      'db/0002_b.sql': 'CREATE TABLE b (id int);\n',
    });
    const inputs = { ...sshInputs(), tool: 'sql', 'migrations-dir': 'db', 'database-url': db.url };
    const r = await runAction('migrate', { inputs, workspace });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ applied: '["0001_a","0002_b"]', current: '0002_b' });
    expect(await db.tables()).toEqual(['a', 'b', 'ops_actions_migrations']);
    const again = await runAction('migrate', { inputs, workspace });
    expect(again.outputs).toMatchObject({ outcome: 'up-to-date', applied: '[]' });
    expectNoSecret(r, db.password);
  });

  it('a database the server cannot reach fails clearly, before anything runs', async () => {
    const db = await fresh('remote_unreachable');
    const app = serverAppDir(alembicFiles({}, 'backend'));
    const u = new URL(db.url);
    u.port = '1'; // nothing listens there
    const r = await runAction('migrate', {
      inputs: {
        ...sshInputs(),
        tool: 'alembic',
        'working-directory': join(app, 'backend'),
        'database-url': u.toString(),
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /Cannot reach the database 127\.0\.0\.1:1\/.* from deploy@127\.0\.0\.1:2222 through the SSH connection/,
    );
    expect(await db.tables()).toEqual([]);
    expectNoSecret(r, db.password);
  });
});
