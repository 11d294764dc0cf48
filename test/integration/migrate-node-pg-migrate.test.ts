// node-pg-migrate from npm (the project's node_modules) against the real PostgreSQL, run by the
// bundled action through its preset commands.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runAction } from '../harness/run-action.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

describe('migrate tool: node-pg-migrate', () => {
  it('up applies the migrations, a rerun none, down reverts the newest', async () => {
    const db = await createTestDatabase('npm');
    dbs.push(db);
    const workspace = makeWorkspace(
      {
        'package.json': '{ "name": "shop", "private": true }\n',
        'db/migrations/1700000000000_create-users.js':
          "exports.up = (pgm) => { pgm.createTable('users', { id: 'id', email: { type: 'text', notNull: true } }); };\n" +
          "exports.down = (pgm) => { pgm.dropTable('users'); };\n",
        'db/migrations/1700000000001_create-orders.js':
          "exports.up = (pgm) => { pgm.createTable('orders', { id: 'id', user_id: { type: 'integer', references: 'users' } }); };\n" +
          "exports.down = (pgm) => { pgm.dropTable('orders'); };\n",
      },
      'npm',
    );
    // as after `npm ci` in the user's repository
    symlinkSync(join(repoRoot, 'node_modules'), join(workspace, 'node_modules'));
    const base = { tool: 'node-pg-migrate', 'database-url': db.url, 'migrations-dir': 'db/migrations' };

    const up = await runAction('migrate', { inputs: base, workspace });
    expect(up.exitCode, up.log).toBe(0);
    expect(up.outputs).toMatchObject({
      outcome: 'success',
      'pending-before': '["1700000000000_create-users","1700000000001_create-orders"]',
      applied: '["1700000000000_create-users","1700000000001_create-orders"]',
      current: '1700000000001_create-orders',
    });
    expect((await db.tables()).sort()).toEqual(['orders', 'pgmigrations', 'users']);
    expectNoSecret(up, db.password);

    const again = await runAction('migrate', { inputs: base, workspace });
    expect(again.exitCode, again.log).toBe(0);
    expect(again.outputs).toMatchObject({
      outcome: 'up-to-date',
      applied: '[]',
      current: '1700000000001_create-orders',
    });

    const down = await runAction('migrate', { inputs: { ...base, direction: 'down' }, workspace });
    expect(down.exitCode, down.log).toBe(0);
    expect(down.outputs).toMatchObject({
      reverted: '["1700000000001_create-orders"]',
      current: '1700000000000_create-users',
    });
    expect((await db.tables()).sort()).toEqual(['pgmigrations', 'users']);
    expectNoSecret(down, db.password);
  });
});
