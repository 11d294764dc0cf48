// migrate-down: revert the migrations the failed release applied, with the migrate stage's own
// code (actions/migrate: the same presets, lock, runner or SSH target). The rollback passes the
// ids the migrate step reported as `applied`; their count is the number of steps to go down. A tool
// without down migrations (prisma, unless a down command is given) is not reverted: the rollback
// warns that the schema must be rolled back by hand, and names the backup the migrate step took.
import { ConfigurationError, errorMessage } from '../../lib/errors.js';
import { SSH_INPUT_NAMES } from '../../lib/ssh/inputs.js';
import { Inputs } from '../../lib/inputs.js';
import { type MigrateInputs, parseMigrateInputs } from '../migrate/inputs.js';
import type { MigrateReport } from '../migrate/migrate.js';
import {
  findIrreversible,
  type Irreversible,
  irreversibleMessage,
  migrationListingCommand,
  parseListing,
} from '../migrate/reversible.js';
import { type MigrateRunOptions, migrateTarget, migrateWithInputs } from '../migrate/run.js';
import { readSqlFolder } from '../migrate/sql-runner.js';
import { revertPlan, TOOLS, type Tool } from '../migrate/tools.js';
import type { ComposeSettings } from '../../lib/deploy/compose.js';

export type MigrateDownConfig =
  /** The tool can go down: `migrate` is the migrate stage's own input object (direction down). */
  | {
      mode: 'revert';
      tool: Tool;
      applied: string[];
      migrate: MigrateInputs;
      backupPath: string | undefined;
      /** migrate-down-command was given: revert with it even when the current migration is unknown. */
      explicitDown: boolean;
      /** migrate-allow-irreversible: a migration without a down step does not stop the code rollback. */
      allowIrreversible: boolean;
    }
  /** The tool has no down command: a warning, with the backup path. */
  | { mode: 'manual'; tool: Tool; applied: string[]; backupPath: string | undefined }
  /** The failed release applied no migration. */
  | { mode: 'nothing'; tool: Tool; applied: string[]; backupPath: string | undefined };

/** The rollback's input name for each migrate input it passes on. */
export const MIGRATE_INPUT_MAP: Readonly<Record<string, string>> = {
  where: 'migrate-where',
  'database-url': 'database-url',
  'working-directory': 'migrate-working-directory',
  'migrations-dir': 'migrate-migrations-dir',
  down: 'migrate-down-command',
  'compose-service': 'migrate-compose-service',
};

/** The `applied` output of the migrate step: a JSON array (`["0002_orders"]`), or ids one per line / comma-separated. */
export function parseApplied(text: string): string[] {
  const t = text.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      throw new ConfigurationError(
        'migrate-applied',
        'starts with [ but is not a JSON array.',
        'migrate-applied: ${{ steps.migrate.outputs.applied }}',
      );
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      throw new ConfigurationError(
        'migrate-applied',
        'must be a JSON array of migration ids (strings), as the migrate step outputs it.',
        'migrate-applied: ${{ steps.migrate.outputs.applied }}',
      );
    }
    return (v as string[]).map((s) => s.trim());
  }
  return t
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface MigrateContext {
  target: 'ssh' | 'koyeb' | 'swarm';
  /** ssh: app-dir, the default working directory of the tool on the server. */
  appDir: string | undefined;
  /** ssh with strategy compose: the compose project the tool's service belongs to. */
  compose: Omit<ComposeSettings, 'appDir'> | undefined;
  env: NodeJS.ProcessEnv;
}

/** Reads the migrate inputs of migrate-down: true, validated by the migrate stage's own parser. */
export async function readMigrateDown(inputs: Inputs, ctx: MigrateContext): Promise<MigrateDownConfig> {
  const tool = inputs.choice('migrate-tool', TOOLS);
  if (!inputs.has('migrate-applied')) {
    throw new ConfigurationError(
      'migrate-applied',
      'is required with migrate-down: the migrations the failed release applied (the migrate step’s applied output).',
      'migrate-applied: ${{ steps.migrate.outputs.applied }}',
    );
  }
  const applied = parseApplied(inputs.raw('migrate-applied'));
  const explicitDown = inputs.has('migrate-down-command');
  if (tool === 'command' && !explicitDown && applied.length > 0) {
    throw new ConfigurationError(
      'migrate-down-command',
      "is required with migrate-tool 'command' and migrate-down: true: the action cannot read which migration is current with your own tool, so it reverts only with the down command you give.",
      'migrate-down-command: ./scripts/migrate.sh down 1',
    );
  }
  const backupPath = inputs.optionalString('migrate-backup-path');
  const plan = revertPlan(tool, applied, {
    migrationsDir: inputs.optionalString('migrate-migrations-dir'),
    overrides: { down: inputs.optionalString('migrate-down-command') },
  });
  if (applied.length === 0) return { mode: 'nothing', tool, applied, backupPath };
  if (!plan.possible) return { mode: 'manual', tool, applied, backupPath };
  if (ctx.target === 'koyeb' && inputs.raw('migrate-where').toLowerCase() === 'ssh') {
    throw new ConfigurationError(
      'migrate-where',
      'ssh needs the SSH inputs of target: ssh; with target: koyeb the tool runs on the runner (migrate-where: runner) with database-url.',
      'migrate-where: runner',
    );
  }
  const migrate = await parseMapped(inputs, tool, plan.steps, ctx);
  const allowIrreversible = inputs.boolean('migrate-allow-irreversible', false);
  return { mode: 'revert', tool, applied, migrate, backupPath, explicitDown, allowIrreversible };
}

/** parseMigrateInputs over the rollback's inputs, renamed; its errors name the rollback's input. */
async function parseMapped(
  inputs: Inputs,
  tool: Tool,
  steps: number,
  ctx: MigrateContext,
): Promise<MigrateInputs> {
  const where = inputs.raw('migrate-where').toLowerCase() === 'ssh' ? 'ssh' : 'runner';
  const hosts = inputs.list('hosts');
  const fixed: Record<string, string> = {
    tool,
    direction: 'down',
    steps: String(steps),
    'dry-run': 'false',
    backup: 'false',
    'lock-timeout': inputs.raw('lock-timeout'),
    timeout: inputs.raw('command-timeout'),
    // migrations run once, on the first server
    hosts: where === 'ssh' ? (hosts[0] ?? '') : '',
    'compose-file': where === 'ssh' ? (ctx.compose?.files.join('\n') ?? '') : '',
    'compose-command': ctx.compose?.command.join(' ') ?? '',
    'working-directory':
      inputs.raw('migrate-working-directory') || (where === 'ssh' ? (ctx.appDir ?? '') : ''),
  };
  // the SSH inputs, except hosts (the first one only, above)
  const ssh = new Set<string>(SSH_INPUT_NAMES.filter((n) => n !== 'hosts'));
  const reader = (name: string): string => {
    if (name in fixed) return (fixed[name] ?? '').trim();
    const mapped = MIGRATE_INPUT_MAP[name];
    if (mapped) return inputs.raw(mapped);
    if (ssh.has(name)) return where === 'ssh' ? inputs.raw(name) : '';
    return '';
  };
  try {
    return await parseMigrateInputs(new Inputs(reader), ctx.env);
  } catch (error) {
    if (error instanceof ConfigurationError && error.input && MIGRATE_INPUT_MAP[error.input]) {
      const name = MIGRATE_INPUT_MAP[error.input] as string;
      throw new ConfigurationError(
        name,
        error.problem,
        error.example?.split(`${error.input}:`).join(`${name}:`),
      );
    }
    throw error;
  }
}

export interface MigrateDownResult {
  mode: MigrateDownConfig['mode'];
  tool: Tool;
  /** What the failed release applied. */
  applied: string[];
  /** What was reverted (mode revert, as the tool reported it). */
  reverted: string[] | undefined;
  backupPath: string | undefined;
  report: MigrateReport | undefined;
  /** Set when reverting failed or was refused. */
  error: string | undefined;
  /** Applied migrations without a down step (refused, or passed over with migrate-allow-irreversible). */
  irreversible?: Irreversible[] | undefined;
}

/**
 * Reads the failed release's migration files where the tool runs (runner, server, compose
 * service) and returns those without a down step — before anything is reverted or switched.
 * alembic and node-pg-migrate: their files; sql: the folder on the runner; prisma and command:
 * nothing can be read (they revert only with the down command given).
 */
export async function findIrreversibleMigrations(
  cfg: Extract<MigrateDownConfig, { mode: 'revert' }>,
  opts: Pick<MigrateRunOptions, 'log' | 'env'>,
): Promise<Irreversible[]> {
  if (cfg.tool === 'sql') {
    if (!cfg.migrate.sqlDir) return [];
    const folder = await readSqlFolder(cfg.migrate.sqlDir);
    return cfg.applied.flatMap((id): Irreversible[] => {
      const m = folder.migrations.find((x) => x.id === id);
      if (!m) return [{ id, file: undefined, reason: `no ${id}.sql in ${folder.dir}` }];
      return m.downFile === undefined ? [{ id, file: m.file, reason: `no ${id}.down.sql next to it` }] : [];
    });
  }
  const cmd = migrationListingCommand(cfg.tool, cfg.migrate.migrationsDir);
  if (!cmd) return [];
  const target = migrateTarget(cfg.migrate, opts);
  try {
    const r = await target.deps.runner.run(cmd, {
      env: {},
      timeoutMs: 60_000,
      label: 'list migrations',
      silent: true,
    });
    return findIrreversible(cfg.tool, cfg.applied, parseListing(r.stdout));
  } finally {
    await target.close();
  }
}

/** The message for a tool that cannot go down: schema rollback is manual. */
export function manualSchemaWarning(cfg: MigrateDownConfig): string {
  return (
    `migrate-down: ${cfg.tool} has no down migrations, so the schema was NOT rolled back — it still has ` +
    `${cfg.applied.join(', ')} from the failed release. Roll the schema back by hand` +
    (cfg.backupPath
      ? `: restore the backup the migrate step took before it, ${cfg.backupPath} (pg_restore --clean --if-exists -d <database> ${cfg.backupPath}).`
      : ' (no migrate-backup-path was given: pass the migrate step’s backup-path output to have it named here).')
  );
}

/**
 * Reverts the migrations in one migrate run that, under the migration lock and before reverting,
 * refuses when the database's newest migration is not the failed release's newest (something
 * migrated since): nothing can migrate between that check and the revert.
 */
export async function runMigrateDown(
  cfg: MigrateDownConfig,
  opts: MigrateRunOptions & {
    warn: (line: string) => void;
    run?: typeof migrateWithInputs;
    /** Already found (Koyeb checks before it redeploys). */
    irreversible?: Irreversible[];
  },
): Promise<MigrateDownResult> {
  const base = { mode: cfg.mode, tool: cfg.tool, applied: cfg.applied, backupPath: cfg.backupPath };
  if (cfg.mode === 'nothing') {
    opts.log('migrate-down: the failed release applied no migration; nothing to revert.');
    return { ...base, reverted: [], report: undefined, error: undefined };
  }
  if (cfg.mode === 'manual') {
    opts.warn(manualSchemaWarning(cfg));
    return { ...base, reverted: undefined, report: undefined, error: undefined };
  }
  let irreversible: Irreversible[];
  try {
    irreversible = opts.irreversible ?? (await findIrreversibleMigrations(cfg, opts));
  } catch (error) {
    return {
      ...base,
      reverted: [],
      report: undefined,
      error: `could not read the migration files to check each has a down step: ${errorMessage(error)}. Nothing was reverted. Set migrate-allow-irreversible: true to skip the check.`,
    };
  }
  if (irreversible.length > 0) {
    const message = irreversibleMessage(irreversible, {
      allowInput: 'migrate-allow-irreversible',
      backupPath: cfg.backupPath,
    });
    if (!cfg.allowIrreversible)
      return { ...base, reverted: [], report: undefined, error: message, irreversible };
    opts.warn(
      `migrate-down: migrate-allow-irreversible is true, so the code goes back but the schema is NOT reverted: ` +
        `${irreversible.map((m) => `${m.id} (${m.reason})`).join('; ')}. ${cfg.applied.join(', ')} stay applied` +
        (cfg.backupPath ? `; the backup taken before them is ${cfg.backupPath}.` : '.'),
    );
    return { ...base, reverted: [], report: undefined, error: undefined, irreversible };
  }
  const run = opts.run ?? migrateWithInputs;
  const done = await run(cfg.migrate, {
    ...opts,
    downGuard: { applied: cfg.applied, allowUnknownCurrent: cfg.explicitDown },
  });
  return {
    ...base,
    reverted: done.report.applied,
    report: done.report,
    error: done.error === undefined ? undefined : errorMessage(done.error),
  };
}

function restoreHint(backupPath: string | undefined): string {
  return backupPath
    ? `restore the backup the migrate step took before the failed release, ${backupPath} (pg_restore --clean --if-exists -d <database> ${backupPath})`
    : 'revert the schema by hand (pass the migrate step’s backup-path output as migrate-backup-path to have its backup named here)';
}

/**
 * target ssh: migrate-down runs before the code is switched back, so when it fails nothing was
 * switched. The step's error: what failed, what the hosts and the schema are now, what to do.
 */
export function revertFailedMessage(m: MigrateDownResult, from: readonly string[]): string {
  const running = from.length > 0 ? from.join(', ') : 'the failed release';
  const done = m.reverted ?? [];
  const left = m.applied.filter((id) => !done.includes(id));
  const schema =
    done.length === 0
      ? `The schema was not changed: ${m.applied.join(', ')} are still applied.`
      : `The schema is partly reverted: ${done.join(', ')} reverted, ${left.join(', ') || 'none'} still applied.`;
  return (
    `Reverting the migrations failed, so the code was NOT rolled back: nothing was switched, every host still runs ${running}. ` +
    `migrate-down (${m.tool}): ${m.error ?? 'failed'}\n` +
    `${schema}\n` +
    `What to do: fix the cause and re-run the rollback${done.length > 0 ? ` with migrate-applied listing only what is still applied (${JSON.stringify(left)})` : ''}; ` +
    `or ${restoreHint(m.backupPath)}, then re-run the rollback with migrate-down: false.`
  );
}

/**
 * target ssh: the migrations were reverted, but a host then failed to switch back (and was put back
 * on the failed release, or not): said with the rollback's error, so nobody re-runs migrate-down.
 */
export function revertedBeforeFailureNote(m: MigrateDownResult | undefined): string | undefined {
  if (!m || m.mode !== 'revert' || m.error || (m.reverted ?? []).length === 0) return undefined;
  return (
    `Note: migrate-down had already reverted ${(m.reverted ?? []).join(', ')} before the code was switched: ` +
    'the schema is the one from before the failed release. Finish the rollback with migrate-down: false, ' +
    'or re-apply those migrations (the migrate step) if the failed release stays.'
  );
}

/** migrate-down as one line of the dry-run plan. */
export function describeMigrateDown(cfg: MigrateDownConfig): string {
  switch (cfg.mode) {
    case 'nothing':
      return 'migrate-down: the failed release applied no migration, nothing to revert';
    case 'manual':
      return `migrate-down: ${cfg.tool} has no down migrations — warn that ${cfg.applied.join(', ')} must be reverted by hand`;
    case 'revert':
      return `migrate-down: revert ${[...cfg.applied].reverse().join(', ')} (${cfg.tool}, ${cfg.migrate.remote ? `on ${cfg.migrate.remote.host.label}` : 'on the runner'}); if it fails, stop: nothing is switched`;
  }
}
