import { describe, expect, it } from 'vitest';
import {
  describeMigrateDown,
  type MigrateDownResult,
  manualSchemaWarning,
  parseApplied,
  readMigrateDown,
  revertedBeforeFailureNote,
  revertFailedMessage,
  runMigrateDown,
} from '../../../actions/rollback/migrate-down.js';
import type { MigrateInputs } from '../../../actions/migrate/inputs.js';
import {
  checkDownGuard,
  type DownGuard,
  newReport,
  type MigrateReport,
} from '../../../actions/migrate/migrate.js';
import type { MigrateRun, MigrateRunOptions } from '../../../actions/migrate/run.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { BASE } from './fixtures.js';

const ENV = { GITHUB_WORKSPACE: '/work/ws', RUNNER_TEMP: '/tmp/rt' };
const DB = 'postgres://app:pw@127.0.0.1:5432/app';

async function read(record: Record<string, string>, target: 'ssh' | 'koyeb' = 'koyeb') {
  return await readMigrateDown(new Inputs(recordInputs({ 'migrate-down': 'true', ...record })), {
    target,
    appDir: target === 'ssh' ? '/srv/shop' : undefined,
    compose: undefined,
    env: ENV,
  });
}

describe('parseApplied', () => {
  it("the migrate step's applied output, or a plain list", () => {
    expect(parseApplied('["0002_a","0003_b"]')).toEqual(['0002_a', '0003_b']);
    expect(parseApplied('[]')).toEqual([]);
    expect(parseApplied('0002_a, 0003_b')).toEqual(['0002_a', '0003_b']);
    expect(parseApplied('')).toEqual([]);
    expect(() => parseApplied('[0002')).toThrow(
      /Input 'migrate-applied': starts with \[ but is not a JSON array/,
    );
    expect(() => parseApplied('[1, 2]')).toThrow(/must be a JSON array of migration ids/);
  });
});

describe('readMigrateDown', () => {
  it('sql on the runner: the migrate stage’s own inputs, going down as many steps as were applied', async () => {
    const cfg = await read({
      'migrate-tool': 'sql',
      'migrate-applied': '["0002_a","0003_b"]',
      'database-url': DB,
      'migrate-backup-path': '/b.dump',
    });
    expect(cfg.mode).toBe('revert');
    if (cfg.mode !== 'revert') return;
    expect(cfg.migrate).toMatchObject({
      tool: 'sql',
      where: 'runner',
      direction: 'down',
      steps: 2,
      dryRun: false,
      backup: false,
      workingDirectory: '/work/ws',
      sqlDir: '/work/ws/migrations',
      lockTimeoutMs: 600_000,
      timeoutMs: 1_800_000,
    });
    expect(cfg.migrate.database?.display).toBe('127.0.0.1:5432/app');
    expect(cfg.backupPath).toBe('/b.dump');
  });

  it('alembic over SSH on the first host, in app-dir by default', async () => {
    const cfg = await read(
      {
        ...BASE,
        'migrate-tool': 'alembic',
        'migrate-applied': '["r_b"]',
        'migrate-where': 'ssh',
        'command-timeout': '5m',
      },
      'ssh',
    );
    expect(cfg.mode).toBe('revert');
    if (cfg.mode !== 'revert') return;
    expect(cfg.migrate.commands.down).toEqual({ argv: ['alembic', 'downgrade', '-1'] });
    expect(cfg.migrate.remote?.host.label).toBe('deploy@10.0.0.1');
    expect(cfg.migrate.workingDirectory).toBe('/srv/shop');
    expect(cfg.migrate.timeoutMs).toBe(300_000);
  });

  it('prisma without a down command is manual; nothing applied is nothing to do', async () => {
    expect((await read({ 'migrate-tool': 'prisma', 'migrate-applied': '["20250301_x"]' })).mode).toBe(
      'manual',
    );
    expect(
      (
        await read({
          'migrate-tool': 'prisma',
          'migrate-applied': '["20250301_x"]',
          'migrate-down-command': './down.sh',
          'database-url': DB,
        })
      ).mode,
    ).toBe('revert');
    expect((await read({ 'migrate-tool': 'sql', 'migrate-applied': '[]' })).mode).toBe('nothing');
  });

  it("the migrate stage's errors name the rollback's input", async () => {
    await expect(read({ 'migrate-tool': 'sql', 'migrate-applied': '["1"]' })).rejects.toThrow(
      /Input 'database-url': is required on the runner/,
    );
    await expect(
      read({
        'migrate-tool': 'sql',
        'migrate-applied': '["1"]',
        'database-url': DB,
        'migrate-down-command': 'x',
      }),
    ).rejects.toThrow(/Input 'migrate-down-command': cannot be used with tool 'sql'/);
    await expect(
      read({
        'migrate-tool': 'alembic',
        'migrate-applied': '["1"]',
        'database-url': DB,
        'migrate-compose-service': 'web',
      }),
    ).rejects.toThrow(/Input 'migrate-compose-service': is an SSH setting/);
    await expect(
      read({ 'migrate-tool': 'sql', 'migrate-applied': '["1"]', 'migrate-where': 'ssh' }),
    ).rejects.toThrow(/Input 'migrate-where': ssh needs the SSH inputs/);
    await expect(read({ 'migrate-applied': '["1"]' })).rejects.toThrow(/Input 'migrate-tool': is required/);
  });
});

describe('runMigrateDown', async () => {
  const cfg = await read({
    'migrate-tool': 'sql',
    'migrate-applied': '["0002_a","0003_b"]',
    'database-url': DB,
  });
  const logs: string[] = [];
  const base = {
    log: (l: string) => logs.push(l),
    warn: (l: string) => logs.push(`warning: ${l}`),
    group: <T>(_: string, fn: () => Promise<T>) => fn(),
  };

  it('reverts in one run that carries the check, so it is made under the migration lock', async () => {
    const runs: { inputs: MigrateInputs; guard: DownGuard | undefined }[] = [];
    const run = (inputs: MigrateInputs, o: MigrateRunOptions): Promise<MigrateRun> => {
      runs.push({ inputs, guard: o.downGuard });
      const report: MigrateReport = newReport(
        { ...inputs, sqlDir: inputs.sqlDir } as Parameters<typeof newReport>[0],
        'runner',
        '127.0.0.1:5432/app',
      );
      report.applied = ['0003_b', '0002_a'];
      return Promise.resolve({ report, error: undefined });
    };
    const r = await runMigrateDown(cfg, { ...base, run, irreversible: [] });
    expect(runs.map((x) => [x.inputs.dryRun, x.guard])).toEqual([
      [false, { applied: ['0002_a', '0003_b'], allowUnknownCurrent: false }],
    ]);
    expect(r).toMatchObject({ mode: 'revert', reverted: ['0003_b', '0002_a'], error: undefined });
  });

  it('the check: the newest must be the failed release’s, the sql files to revert exactly its own', () => {
    const guard = { applied: ['0002_a', '0003_b'], allowUnknownCurrent: false };
    const log = (l: string) => logs.push(l);
    expect(() => checkDownGuard(guard, 'sql', '0003_b', ['0003_b', '0002_a'], log)).not.toThrow();
    expect(() => checkDownGuard(guard, 'alembic', '0003_b', undefined, log)).not.toThrow();
    expect(() => checkDownGuard(guard, 'alembic', '0004_c', undefined, log)).toThrow(
      "the database's newest migration is 0004_c, not 0003_b which the failed release applied: something migrated since, so going down 2 step(s) would revert other migrations. Nothing was reverted; revert by hand.",
    );
    expect(() => checkDownGuard(guard, 'sql', '0003_b', ['0003_b', '0001_x'], log)).toThrow(
      /something migrated since/,
    );
    // the current migration unknown: only with an explicit down command
    expect(() => checkDownGuard(guard, 'alembic', undefined, undefined, log)).toThrow(
      /the database's newest migration cannot be read \(alembic did not say\).*give migrate-down-command/,
    );
    expect(() =>
      checkDownGuard({ ...guard, allowUnknownCurrent: true }, 'command', undefined, undefined, log),
    ).not.toThrow();
    expect(logs.at(-1)).toMatch(
      /cannot be checked; reverting 2 step\(s\) with migrate-down-command as given/,
    );
  });

  it('tool command: migrate-down needs an explicit migrate-down-command (the current revision is unknown)', async () => {
    await expect(
      read({ 'migrate-tool': 'command', 'migrate-applied': '["r2"]', 'database-url': DB }),
    ).rejects.toThrow(
      /Input 'migrate-down-command': is required with migrate-tool 'command' and migrate-down: true/,
    );
    const given = await read({
      'migrate-tool': 'command',
      'migrate-applied': '["r2"]',
      'migrate-down-command': './down.sh',
      'database-url': DB,
    });
    expect(given).toMatchObject({ mode: 'revert', explicitDown: true });
    // nothing applied: nothing to revert, nothing to ask for
    expect((await read({ 'migrate-tool': 'command', 'migrate-applied': '[]' })).mode).toBe('nothing');
  });

  it('manual: a warning naming the backup', async () => {
    const manual = await read({
      'migrate-tool': 'prisma',
      'migrate-applied': '["20250301_x"]',
      'migrate-backup-path': '/var/backups/app.dump',
    });
    const r = await runMigrateDown(manual, base);
    expect(r.reverted).toBeUndefined();
    expect(logs.at(-1)).toBe(`warning: ${manualSchemaWarning(manual)}`);
    expect(manualSchemaWarning(manual)).toContain(
      'restore the backup the migrate step took before it, /var/backups/app.dump',
    );
  });
});

describe('the messages of a revert that runs before the code is switched (ssh)', () => {
  const failed = (over: Partial<MigrateDownResult>): MigrateDownResult => ({
    mode: 'revert',
    tool: 'alembic',
    applied: ['r_b', 'r_c'],
    reverted: [],
    backupPath: '/srv/backups/app-run7.dump',
    report: undefined,
    error: "Can't locate revision identified by 'r_c'",
    ...over,
  });

  it('nothing reverted: nothing was switched, the schema is unchanged, restore the backup or fix and re-run', () => {
    expect(revertFailedMessage(failed({}), ['v2']).split('\n')).toEqual([
      'Reverting the migrations failed, so the code was NOT rolled back: nothing was switched, every host still runs v2. ' +
        "migrate-down (alembic): Can't locate revision identified by 'r_c'",
      'The schema was not changed: r_b, r_c are still applied.',
      'What to do: fix the cause and re-run the rollback; or restore the backup the migrate step took before the failed release, ' +
        '/srv/backups/app-run7.dump (pg_restore --clean --if-exists -d <database> /srv/backups/app-run7.dump), ' +
        'then re-run the rollback with migrate-down: false.',
    ]);
  });

  it('partly reverted, no backup: says what is left and how to re-run for it', () => {
    const text = revertFailedMessage(failed({ reverted: ['r_c'], backupPath: undefined }), []);
    expect(text).toContain('every host still runs the failed release.');
    expect(text).toContain('The schema is partly reverted: r_c reverted, r_b still applied.');
    expect(text).toContain(
      're-run the rollback with migrate-applied listing only what is still applied (["r_b"])',
    );
    expect(text).toContain('revert the schema by hand (pass the migrate step’s backup-path output');
  });

  it('a host failing to switch after the revert: a note that the schema is already reverted', () => {
    const ok = failed({ error: undefined, reverted: ['r_c', 'r_b'] });
    expect(revertedBeforeFailureNote(ok)).toBe(
      'Note: migrate-down had already reverted r_c, r_b before the code was switched: the schema is the one from ' +
        'before the failed release. Finish the rollback with migrate-down: false, or re-apply those migrations ' +
        '(the migrate step) if the failed release stays.',
    );
    expect(revertedBeforeFailureNote(undefined)).toBeUndefined();
    expect(revertedBeforeFailureNote(failed({}))).toBeUndefined();
    expect(revertedBeforeFailureNote({ ...ok, mode: 'manual' })).toBeUndefined();
  });

  it('dry-run describes the revert', async () => {
    const cfg = await read({
      'migrate-tool': 'sql',
      'migrate-applied': '["0002_a","0003_b"]',
      'database-url': DB,
    });
    expect(describeMigrateDown(cfg)).toBe(
      'migrate-down: revert 0003_b, 0002_a (sql, on the runner); if it fails, stop: nothing is switched',
    );
    expect(describeMigrateDown(await read({ 'migrate-tool': 'prisma', 'migrate-applied': '["p1"]' }))).toBe(
      'migrate-down: prisma has no down migrations — warn that p1 must be reverted by hand',
    );
  });
});
