// A tiny alembic project as a user has it: alembic.ini, env.py reading DATABASE_URL, versions/.
import { makeWorkspace } from './workspace.js';

export function alembicRevision(id: string, down: string | null, up: string, downSql: string): string {
  return `"""${id}"""
from alembic import op

revision = ${JSON.stringify(id)}
down_revision = ${down === null ? 'None' : JSON.stringify(down)}
branch_labels = None
depends_on = None


def upgrade():
    op.execute(${JSON.stringify(up)})


def downgrade():
    op.execute(${JSON.stringify(downSql)})
`;
}

/** A tiny alembic project as a user has it: alembic.ini, env.py reading DATABASE_URL, versions/. */
export function alembicFiles(extra: Record<string, string> = {}, base = 'backend'): Record<string, string> {
  const files: Record<string, string> = {
    // Debian ships the module, not an `alembic` command: a one-line shim, as a container's PATH would have
    'bin/alembic': '#!/bin/sh\nexec /usr/bin/python3 -m alembic "$@"\n',
    'backend/alembic.ini':
      '[alembic]\nscript_location = migrations\n\n[loggers]\nkeys = root,alembic\n\n[handlers]\nkeys = console\n\n' +
      '[formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\nhandlers = console\nqualname =\n\n' +
      '[logger_alembic]\nlevel = INFO\nhandlers =\nqualname = alembic\n\n[handler_console]\nclass = StreamHandler\n' +
      'args = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n\n[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n',
    'backend/migrations/env.py': `import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)


def run_migrations_online():
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
    'backend/migrations/script.py.mako': '',
    'backend/migrations/versions/a1_users.py': alembicRevision(
      'a1',
      null,
      'CREATE TABLE users (id serial PRIMARY KEY)',
      'DROP TABLE users',
    ),
    'backend/migrations/versions/b2_orders.py': alembicRevision(
      'b2',
      'a1',
      'CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users(id))',
      'DROP TABLE orders',
    ),
    'backend/migrations/versions/c3_email.py': alembicRevision(
      'c3',
      'b2',
      'ALTER TABLE users ADD COLUMN email text',
      'ALTER TABLE users DROP COLUMN email',
    ),
  };
  return Object.fromEntries(
    Object.entries({ ...files, ...extra }).map(([k, v]) => [
      k.startsWith('backend/') ? `${base}${k.slice('backend'.length)}` : k,
      v,
    ]),
  );
}

export function alembicProject(extra: Record<string, string> = {}): string {
  return makeWorkspace(alembicFiles(extra), 'alembic');
}
