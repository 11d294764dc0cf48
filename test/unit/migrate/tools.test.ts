import { describe, expect, it } from 'vitest';
import {
  commandLine,
  parseApplied,
  parseFailedMigration,
  parseStatus,
  revertPlan,
  toolCommands,
} from '../../../actions/migrate/tools.js';

describe('toolCommands (presets as data)', () => {
  it('alembic: upgrade head, history from current to heads, downgrade -N', () => {
    expect(toolCommands('alembic', { steps: 2 })).toEqual({
      up: { argv: ['alembic', 'upgrade', 'head'] },
      status: { argv: ['alembic', 'history', '-r', 'current:heads', '--indicate-current'] },
      down: { argv: ['alembic', 'downgrade', '-2'] },
    });
  });

  it('prisma: migrate deploy / migrate status with the project prisma, no down', () => {
    expect(toolCommands('prisma', { steps: 1 })).toEqual({
      up: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'deploy'] },
      status: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'status'] },
      down: undefined,
    });
  });

  it('node-pg-migrate: up, up --dry-run as status, down N; migrations-dir passed on', () => {
    expect(toolCommands('node-pg-migrate', { steps: 3, migrationsDir: 'db/migrations' })).toEqual({
      up: { argv: ['npx', '--no-install', 'node-pg-migrate', 'up', '--migrations-dir', 'db/migrations'] },
      status: {
        argv: [
          'npx',
          '--no-install',
          'node-pg-migrate',
          'up',
          '--dry-run',
          '--migrations-dir',
          'db/migrations',
        ],
      },
      down: {
        argv: ['npx', '--no-install', 'node-pg-migrate', 'down', '3', '--migrations-dir', 'db/migrations'],
      },
    });
    expect(toolCommands('node-pg-migrate', { steps: 1 }).up).toEqual({
      argv: ['npx', '--no-install', 'node-pg-migrate', 'up'],
    });
  });

  it('sql and command have no preset commands', () => {
    for (const tool of ['sql', 'command'] as const) {
      expect(toolCommands(tool, { steps: 1 })).toEqual({ up: undefined, status: undefined, down: undefined });
    }
  });

  it('overrides replace each preset command with a shell line', () => {
    const c = toolCommands('alembic', {
      steps: 1,
      overrides: { up: 'alembic -c deploy.ini upgrade head', down: 'alembic downgrade base' },
    });
    expect(c.up).toEqual({ shell: 'alembic -c deploy.ini upgrade head' });
    expect(c.status).toEqual({ argv: ['alembic', 'history', '-r', 'current:heads', '--indicate-current'] });
    expect(c.down).toEqual({ shell: 'alembic downgrade base' });
    expect(toolCommands('prisma', { steps: 1, overrides: { down: './revert.sh' } }).down).toEqual({
      shell: './revert.sh',
    });
  });

  it('commandLine quotes argv for display and shows shell lines as written', () => {
    expect(commandLine({ argv: ['alembic', 'history', '-r', 'current:heads'] })).toBe(
      'alembic history -r current:heads',
    );
    expect(commandLine({ argv: ['echo', 'a b'] })).toBe("echo 'a b'");
    expect(commandLine({ shell: 'make migrate && echo ok' })).toBe('make migrate && echo ok');
  });
});

describe('parseStatus', () => {
  it('alembic at base: everything pending, oldest first, no current', () => {
    const out = 'r_b -> r_c (head), add c\nr_a -> r_b, add b\n<base> -> r_a, add a\n';
    expect(parseStatus('alembic', out)).toEqual({ pending: ['r_a', 'r_b', 'r_c'], current: '' });
  });

  it('alembic part-way: the revisions above (current) are pending', () => {
    const out = 'r_b -> r_c (head), add c\nr_a -> r_b, add b\n<base> -> r_a (current), add a\n';
    expect(parseStatus('alembic', out)).toEqual({ pending: ['r_b', 'r_c'], current: 'r_a' });
  });

  it('alembic at head: nothing pending', () => {
    expect(parseStatus('alembic', 'r_b -> r_c (head) (current), add c\n')).toEqual({
      pending: [],
      current: 'r_c',
    });
  });

  it('alembic merge revisions and INFO lines', () => {
    const out = [
      'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
      'r_x, r_y -> r_z (head) (mergepoint), merge',
      'r_a -> r_y, branch y',
      'r_a -> r_x (current), branch x',
    ].join('\n');
    expect(parseStatus('alembic', out)).toEqual({ pending: ['r_y', 'r_z'], current: 'r_x' });
  });

  it('alembic: output it does not recognise is unknown, not "nothing pending"', () => {
    expect(parseStatus('alembic', 'FAILED: No config file')).toBeUndefined();
  });

  it('prisma: pending list, and up to date', () => {
    const pending = [
      'Prisma schema loaded from prisma/schema.prisma',
      'Datasource "db": PostgreSQL database "shop", schema "public" at "localhost:5432"',
      '',
      '3 migrations found in prisma/migrations',
      'Following migrations have not yet been applied:',
      '20240101000000_init',
      '20240102000000_orders',
      '',
      'To apply migrations in production run prisma migrate deploy.',
    ].join('\n');
    expect(parseStatus('prisma', pending)).toEqual({
      pending: ['20240101000000_init', '20240102000000_orders'],
    });
    expect(parseStatus('prisma', '3 migrations found\n\nDatabase schema is up to date!\n')).toEqual({
      pending: [],
    });
    expect(parseStatus('prisma', "Error: P1001: Can't reach database server")).toBeUndefined();
  });

  it('node-pg-migrate dry-run: listed files, or none', () => {
    const out =
      '> Migrating files:\n> - 1700000000000_users\n> - 1700000000001_orders\n### MIGRATION 1700000000000_users (UP) ###\n';
    expect(parseStatus('node-pg-migrate', out)).toEqual({
      pending: ['1700000000000_users', '1700000000001_orders'],
    });
    expect(parseStatus('node-pg-migrate', 'No migrations to run!\n')).toEqual({ pending: [] });
    expect(parseStatus('node-pg-migrate', 'could not connect')).toBeUndefined();
  });

  it('command: never parsed', () => {
    expect(parseStatus('command', 'anything')).toBeUndefined();
  });
});

describe('parseApplied / parseFailedMigration', () => {
  it('alembic upgrade and downgrade logs', () => {
    const up = [
      'INFO  [alembic.runtime.migration] Running upgrade  -> r_a, add a',
      'INFO  [alembic.runtime.migration] Running upgrade r_a -> r_b, add b',
    ].join('\n');
    expect(parseApplied('alembic', 'up', up)).toEqual(['r_a', 'r_b']);
    const down = 'INFO  [alembic.runtime.migration] Running downgrade r_b -> r_a, add b\n';
    expect(parseApplied('alembic', 'down', down)).toEqual(['r_b']);
    expect(parseFailedMigration('alembic', up)).toBe('r_b');
    expect(parseFailedMigration('alembic', down)).toBe('r_b');
  });

  it('prisma deploy output', () => {
    const out = [
      'Applying migration `20261004100000_dns_records`',
      'Applying migration `20261004110000_metrics`',
      '',
      'The following migration(s) have been applied:',
      '',
      'migrations/',
      '  └─ 20261004100000_dns_records/',
      '    └─ migration.sql',
      '  └─ 20261004110000_metrics/',
      '    └─ migration.sql',
    ].join('\n');
    expect(parseApplied('prisma', 'up', out)).toEqual([
      '20261004100000_dns_records',
      '20261004110000_metrics',
    ]);
    expect(parseApplied('prisma', 'up', out.split('\n').slice(3).join('\n'))).toEqual([
      '20261004100000_dns_records',
      '20261004110000_metrics',
    ]);
    expect(parseApplied('prisma', 'up', 'No pending migrations to apply.')).toEqual([]);
    expect(
      parseFailedMigration('prisma', 'Applying migration `2024_a`\nError: P3018\nMigration name: 2024_a\n'),
    ).toBe('2024_a');
  });

  it('node-pg-migrate up output and failing migration', () => {
    const out = '> Migrating files:\n> - 1_users\n### MIGRATION 1_users (UP) ###\nCREATE TABLE users ();\n';
    expect(parseApplied('node-pg-migrate', 'up', out)).toEqual(['1_users']);
    expect(parseFailedMigration('node-pg-migrate', out)).toBe('1_users');
  });

  it('command output is not parsed', () => {
    expect(parseApplied('command', 'up', 'ok')).toBeUndefined();
    expect(parseFailedMigration('command', 'boom')).toBeUndefined();
  });
});

describe('revertPlan (for rollback)', () => {
  it('reverts exactly what a release applied', () => {
    expect(revertPlan('alembic', ['b2', 'c3'])).toEqual({
      steps: 2,
      command: { argv: ['alembic', 'downgrade', '-2'] },
      possible: true,
    });
    expect(revertPlan('node-pg-migrate', ['1_a'], { migrationsDir: 'db' }).command).toEqual({
      argv: ['npx', '--no-install', 'node-pg-migrate', 'down', '1', '--migrations-dir', 'db'],
    });
    expect(revertPlan('sql', ['0003_x', '0004_y'])).toEqual({ steps: 2, command: undefined, possible: true });
    expect(revertPlan('prisma', ['2024_a'])).toEqual({ steps: 1, command: undefined, possible: false });
    expect(revertPlan('prisma', ['2024_a'], { overrides: { down: './down.sh' } }).possible).toBe(true);
    expect(revertPlan('alembic', [])).toEqual({ steps: 0, command: undefined, possible: true });
  });
});
