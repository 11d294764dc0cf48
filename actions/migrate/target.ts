// Where the migration runs. On the runner: the tool runs here with DATABASE_URL, the lock and
// the sql tool connect directly, the backup is written here. (Over SSH: see ssh-target.ts.)
import { backupFileName, backupOnRunner, probePgDumpOnRunner } from './backup.js';
import { LocalCommandRunner } from './command-runner.js';
import { connectDatabase } from './database.js';
import { secretsOf } from './database-url.js';
import type { MigrateInputs } from './inputs.js';
import type { MigrateDeps } from './migrate.js';

export type TargetDeps = Pick<
  MigrateDeps,
  'runner' | 'toolEnv' | 'connect' | 'backup' | 'probeBackupTool' | 'backupPlace'
>;

export interface Target {
  /** `runner` or `deploy@host`. */
  where: string;
  deps: TargetDeps;
  close(): Promise<void>;
}

export interface TargetOptions {
  appName: string;
  runId: string | undefined;
  log: (line: string) => void;
  now?: () => Date;
}

export function runnerTarget(cfg: MigrateInputs, opts: TargetOptions): Target {
  const db = cfg.database;
  const secrets = secretsOf(db);
  const runner = new LocalCommandRunner(cfg.workingDirectory, secrets, opts.log);
  return {
    where: runner.where,
    deps: {
      runner,
      toolEnv: {
        ...(db ? { DATABASE_URL: db.url } : {}),
        PGAPPNAME: opts.appName,
        ...cfg.env,
      },
      connect: db ? () => connectDatabase(db, { applicationName: opts.appName, log: opts.log }) : undefined,
      backup: db
        ? () =>
            backupOnRunner(db, {
              dir: cfg.backupDir,
              fileName: backupFileName(db.database, (opts.now ?? (() => new Date()))(), opts.runId),
              appName: opts.appName,
              timeoutMs: cfg.timeoutMs,
              log: opts.log,
            })
        : undefined,
      probeBackupTool: probePgDumpOnRunner,
      backupPlace: { kind: 'runner' },
    },
    close: async () => undefined,
  };
}
