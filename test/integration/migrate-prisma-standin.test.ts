// The prisma preset end to end — with a STAND-IN prisma CLI. The real one cannot run on this
// project's machines: it downloads its schema engine from binaries.prisma.sh on first use. The
// stand-in (a shell script in the project's node_modules/.bin, found by `npx --no-install prisma`)
// applies prisma/migrations/*/migration.sql with psql, keeps prisma's _prisma_migrations table, and
// prints what `prisma migrate status` / `migrate deploy` print, exit codes included (status exits
// 1 while migrations are pending). What this shows: the action's side of the preset — command
// resolution, exit codes, parsing, `current` from _prisma_migrations, lock and backup around it.
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

const STANDIN = String.raw`#!/bin/sh
# stand-in for the prisma CLI: migrate status | migrate deploy (see the test's header)
set -eu
[ "$1 $2" = "migrate status" ] || [ "$1 $2" = "migrate deploy" ] || { echo "stand-in: unsupported: $*" >&2; exit 2; }
q() { psql "$DATABASE_URL" -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
q -c 'CREATE TABLE IF NOT EXISTS _prisma_migrations (id text PRIMARY KEY, migration_name text NOT NULL,
  finished_at timestamptz, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count int NOT NULL DEFAULT 0)'
echo 'Prisma schema loaded from prisma/schema.prisma'
echo 'Datasource "db": PostgreSQL database'
pending=""
for d in prisma/migrations/*/; do
  n=$(basename "$d")
  [ -n "$(q -c "SELECT 1 FROM _prisma_migrations WHERE migration_name = '$n' AND finished_at IS NOT NULL")" ] || pending="$pending $n"
done
if [ "$2" = status ]; then
  if [ -z "$pending" ]; then echo; echo 'Database schema is up to date!'; exit 0; fi
  echo 'Following migrations have not yet been applied:'
  for n in $pending; do echo "$n"; done
  echo; echo 'To apply migrations in production run prisma migrate deploy.'
  exit 1
fi
[ -n "$pending" ] || { echo 'No pending migrations to apply.'; exit 0; }
for n in $pending; do
  echo "Applying migration \`$n\`"
  q -1 -f "prisma/migrations/$n/migration.sql" -c "INSERT INTO _prisma_migrations (id, migration_name, finished_at, applied_steps_count) VALUES ('$n', '$n', clock_timestamp(), 1)" ||
    { echo "Error: P3018"; echo "A migration failed to apply."; echo "Migration name: $n"; exit 1; }
done
echo; echo 'The following migration(s) have been applied:'; echo; echo 'migrations/'
for n in $pending; do echo "  └─ $n/"; echo '    └─ migration.sql'; done
echo; echo 'All migrations have been successfully applied.'
`;

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
