// One migrate run from parsed inputs: where it runs (runner or SSH), the run itself, closing what
// it opened. Used by the migrate stage's main and by rollback's migrate-down.
import { applicationName } from './lock.js';
import type { MigrateInputs } from './inputs.js';
import { type DownGuard, type MigrateConfig, type MigrateReport, newReport, runMigrate } from './migrate.js';
import { sshTarget } from './ssh-target.js';
import { runnerTarget, type Target } from './target.js';

export interface MigrateRunOptions {
  log: (line: string) => void;
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  env?: NodeJS.ProcessEnv;
  /** rollback's migrate-down: revert only if the newest migrations are these (checked under the lock). */
  downGuard?: DownGuard;
}

export interface MigrateRun {
  /** Filled as far as the run got, also when it failed. */
  report: MigrateReport;
  /** What the run threw; undefined when it succeeded. */
  error: unknown;
}

/** Runs the migration `inputs` describe; never throws: a failure is returned with the report. */
export async function migrateWithInputs(inputs: MigrateInputs, opts: MigrateRunOptions): Promise<MigrateRun> {
  const env = opts.env ?? process.env;
  const appName = applicationName(env);
  const targetOptions = { appName, runId: env['GITHUB_RUN_ID'], log: opts.log };
  const target: Target = inputs.remote
    ? sshTarget(
        {
          ...inputs.remote,
          workingDirectory: inputs.workingDirectory,
          backupDir: inputs.backupDir,
          database: inputs.database,
          env: inputs.env,
          timeoutMs: inputs.timeoutMs,
        },
        targetOptions,
      )
    : runnerTarget(inputs, targetOptions);
  const cfg: MigrateConfig = {
    tool: inputs.tool,
    direction: inputs.direction,
    steps: inputs.steps,
    dryRun: inputs.dryRun,
    backup: inputs.backup,
    lockTimeoutMs: inputs.lockTimeoutMs,
    timeoutMs: inputs.timeoutMs,
    commands: inputs.commands,
    sqlDir: inputs.sqlDir,
    downGuard: opts.downGuard,
  };
  const report = newReport(cfg, target.where, inputs.database?.display);
  let error: unknown;
  try {
    await runMigrate(cfg, { ...target.deps, log: opts.log, group: opts.group, appliedBy: appName }, report);
  } catch (e) {
    error = e ?? new Error('the migration failed');
  } finally {
    await target.close();
  }
  return { report, error };
}
