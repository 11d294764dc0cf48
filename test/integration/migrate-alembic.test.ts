// alembic (Debian's python3-alembic + python3-psycopg2) against the real PostgreSQL: up, status,
// down — through the preset commands, run by the bundled action.
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { alembicProject, alembicRevision } from './migrate/alembic-project.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

describe('migrate tool: alembic', () => {
  it('up applies every revision, a rerun finds nothing pending, down reverts, dry-run applies nothing', async () => {
    const db = await createTestDatabase('alembic');
    dbs.push(db);
    const workspace = alembicProject();
    const env = { PATH: `${workspace}/bin:${process.env['PATH'] ?? ''}` };
    const base = { tool: 'alembic', 'database-url': db.url, 'working-directory': 'backend' };

    const dry = await runAction('migrate', { inputs: { ...base, 'dry-run': 'true' }, workspace, env });
    expect(dry.exitCode, dry.log).toBe(0);
    expect(dry.outputs).toMatchObject({
      outcome: 'dry-run',
      'pending-before': '["a1","b2","c3"]',
      current: '',
    });
    expect(dry.log).toContain("dry-run: would run 'alembic upgrade head'");
    // alembic's own status creates its (empty) version table, as `alembic current` does; nothing else
    expect(await db.tables()).toEqual(['alembic_version']);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([]);

    const up = await runAction('migrate', { inputs: { ...base, backup: 'true' }, workspace, env });
    expect(up.exitCode, up.log).toBe(0);
    expect(up.outputs).toMatchObject({
      outcome: 'success',
      'pending-before': '["a1","b2","c3"]',
      applied: '["a1","b2","c3"]',
      'applied-count': '3',
      current: 'c3',
    });
    expect(up.outputs['backup-path']).toMatch(/\.dump$/);
    expect(await db.tables()).toEqual(['alembic_version', 'orders', 'users']);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'c3' }]);
    expect(up.log).toMatch(/\[alembic\] INFO\s+\[alembic\.runtime\.migration\] Running upgrade b2 -> c3/);
    expect(up.summary).toContain('| Applied | 3: a1, b2, c3 |');
    expectNoSecret(up, db.password);

    const again = await runAction('migrate', { inputs: base, workspace, env });
    expect(again.exitCode, again.log).toBe(0);
    expect(again.outputs).toMatchObject({
      outcome: 'up-to-date',
      applied: '[]',
      current: 'c3',
      'pending-before': '[]',
    });
    expect(again.log).toContain("Nothing pending: 'alembic upgrade head' not run.");

    const down = await runAction('migrate', {
      inputs: { ...base, direction: 'down', steps: 2 },
      workspace,
      env,
    });
    expect(down.exitCode, down.log).toBe(0);
    expect(down.outputs).toMatchObject({ outcome: 'success', reverted: '["c3","b2"]', current: 'a1' });
    expect(await db.tables()).toEqual(['alembic_version', 'users']);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'a1' }]);
    expectNoSecret(down, db.password);
  });

  it("a failing revision fails the step with alembic's own error, and PostgreSQL's transactional DDL keeps nothing", async () => {
    const db = await createTestDatabase('alembic_fail');
    dbs.push(db);
    const workspace = alembicProject({
      'backend/migrations/versions/d4_broken.py': alembicRevision(
        'd4',
        'c3',
        'ALTER TABLE nope ADD COLUMN x int',
        'SELECT 1',
      ),
    });
    const env = { PATH: `${workspace}/bin:${process.env['PATH'] ?? ''}` };
    const r = await runAction('migrate', {
      inputs: { tool: 'alembic', 'database-url': db.url, 'working-directory': 'backend' },
      workspace,
      env,
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /'alembic upgrade head' exited with code 1:[\s\S]*relation "nope" does not exist/,
    );
    expect(r.outputs).toMatchObject({
      outcome: 'failure',
      'failed-migration': 'd4',
      applied: '[]',
      current: '',
    });
    expect(await db.tables()).toEqual(['alembic_version']);
    expect(await db.query('SELECT version_num FROM alembic_version')).toEqual([]);
    expect(r.summary).toContain('**Failed migration:** `d4`');
    expectNoSecret(r, db.password);
  });
});
