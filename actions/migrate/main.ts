import * as core from '@actions/core';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import { parseMigrateInputs } from './inputs.js';
import { applicationName } from './lock.js';
import { type MigrateConfig, newReport, runMigrate } from './migrate.js';
import { migrateOutputs, migrateSummary } from './report.js';
import { sshTarget } from './ssh-target.js';
import { runnerTarget, type Target } from './target.js';

export async function main(): Promise<void> {
  const inputs = parseMigrateInputs(new Inputs());
  const appName = applicationName();
  const log = (line: string): void => core.info(line);
  const runId = process.env['GITHUB_RUN_ID'];
  const targetOptions = { appName, runId, log };
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
  };
  const report = newReport(cfg, target.where, inputs.database?.display);
  try {
    await runMigrate(
      cfg,
      {
        ...target.deps,
        log,
        group: (name, fn) => core.group(name, fn),
        appliedBy: appName,
      },
      report,
    );
  } finally {
    await target.close();
    for (const [name, value] of Object.entries(migrateOutputs(report))) core.setOutput(name, value);
    await writeSummary(migrateSummary(report));
  }
}
