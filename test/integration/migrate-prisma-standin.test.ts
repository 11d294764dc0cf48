// The prisma preset end to end — with a STAND-IN prisma CLI. The real one cannot run on this
// project's machines: it downloads its schema engine from binaries.prisma.sh on first use. The
// stand-in (a shell script in the project's node_modules/.bin, found by `npx --no-install prisma`)
// applies prisma/migrations/*/migration.sql with psql, keeps prisma's _prisma_migrations table, and
// prints what `prisma migrate status` / `migrate deploy` print, exit codes included (status exits
// 1 while migrations are pending). What this shows: the action's side of the preset — command
// resolution, exit codes, parsing, `current` from _prisma_migrations, lock and backup around it.
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { STANDIN } from '../helpers/prisma-standin.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

describe('migrate tool: prisma (stand-in CLI)', () => {
  it('status with pending (exit 1), deploy, current from _prisma_migrations, a rerun applies none', async () => {
    const db = await createTestDatabase('prisma');
    dbs.push(db);
    const workspace = makeWorkspace(
      {
        'package.json': '{ "name": "shop", "private": true }\n',
        'node_modules/.bin/prisma': STANDIN,
        'prisma/schema.prisma':
          'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
        'prisma/migrations/20240101000000_init/migration.sql':
          'CREATE TABLE "User" (id serial PRIMARY KEY);\n',
        'prisma/migrations/20240102000000_orders/migration.sql':
          'CREATE TABLE "Order" (id serial PRIMARY KEY, "userId" int REFERENCES "User"(id));\n',
      },
      'prisma',
    );
    const inputs = { tool: 'prisma', 'database-url': db.url, backup: 'true' };
    const r = await runAction('migrate', { inputs, workspace });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({
      outcome: 'success',
      'pending-before': '["20240101000000_init","20240102000000_orders"]',
      applied: '["20240101000000_init","20240102000000_orders"]',
      current: '20240102000000_orders',
    });
    expect(r.outputs['backup-path']).toMatch(/\.dump$/);
    expect(r.log).toContain('Still pending: none.');
    expect((await db.tables()).sort()).toEqual(['Order', 'User', '_prisma_migrations']);
    expectNoSecret(r, db.password);

    const again = await runAction('migrate', { inputs, workspace });
    expect(again.exitCode, again.log).toBe(0);
    expect(again.outputs).toMatchObject({
      outcome: 'up-to-date',
      applied: '[]',
      current: '20240102000000_orders',
    });
  });
});
