// A stand-in for the prisma CLI (`migrate status` / `migrate deploy`), for machines where the real one
// cannot run (it downloads its schema engine on first use). See migrate-prisma-standin.test.ts.
export const STANDIN = String.raw`#!/bin/sh
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
