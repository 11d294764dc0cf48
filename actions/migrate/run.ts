// One migrate run from parsed inputs: where it runs (runner or SSH), the run itself, closing what
// it opened. Used by the migrate stage's main and by rollback's migrate-down.
import { errorMessage } from '../../lib/errors.js';
import type { BackupResult } from './backup.js';
import { type ArtifactSettings, uploadBackupArtifact } from './backup-artifact.js';
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

/** Where the tool runs for these inputs: the runner, or the server over SSH. Close it after use. */
export function migrateTarget(inputs: MigrateInputs, opts: Pick<MigrateRunOptions, 'log' | 'env'>): Target {
  const env = opts.env ?? process.env;
  const appName = applicationName(env);
  const targetOptions = { appName, runId: env['GITHUB_RUN_ID'], log: opts.log };
  return inputs.remote
    ? sshTarget(
        {
          ...inputs.remote,
          workingDirectory: inputs.workingDirectory,
          backupDir: inputs.backupDir,
          database: inputs.database,
          env: inputs.env,
          timeoutMs: inputs.timeoutMs,
          backupDownload: inputs.backupDownload,
          localBackupDir: inputs.localBackupDir,
        },
        targetOptions,
      )
    : runnerTarget(inputs, targetOptions);
}

/** Runs the migration `inputs` describe; never throws: a failure is returned with the report. */
export async function migrateWithInputs(inputs: MigrateInputs, opts: MigrateRunOptions): Promise<MigrateRun> {
  const target = migrateTarget(inputs, opts);
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
  const deps = { ...target.deps, backup: withArtifact(target.deps.backup, inputs.backupArtifact, opts.log) };
  let error: unknown;
  try {
    await runMigrate(
      cfg,
      { ...deps, log: opts.log, group: opts.group, appliedBy: applicationName(opts.env ?? process.env) },
      report,
    );
  } catch (e) {
    error = e ?? new Error('the migration failed');
  } finally {
    await target.close();
  }
  return { report, error };
}

/**
 * The backup, then (backup-artifact) its runner copy uploaded as a workflow artifact. A failed
 * upload fails the backup, so no migration runs: a backup that silently is not there is worse than
 * a deploy that stops (the dump itself is kept where it was written).
 */
function withArtifact(
  take: (() => Promise<BackupResult>) | undefined,
  artifact: ArtifactSettings | undefined,
  log: (line: string) => void,
): (() => Promise<BackupResult>) | undefined {
  if (!take || !artifact) return take;
  return async () => {
    const r = await take();
    if (!r.localPath)
      throw new Error('the dump is not on the runner, so it cannot be uploaded as an artifact');
    try {
      r.artifact = await uploadBackupArtifact(r.localPath, artifact);
    } catch (error) {
      throw new Error(
        `uploading the dump as artifact '${artifact.name}' failed: ${errorMessage(error)}. ` +
          `The dump is kept at ${r.path}${r.localPath !== r.path ? ` (and on the runner at ${r.localPath})` : ''}.`,
      );
    }
    log(
      `Uploaded the dump as workflow artifact '${artifact.name}' (id ${r.artifact.id}, ${r.artifact.size} bytes, kept ${artifact.retentionDays} day(s)).`,
    );
    return r;
  };
}
