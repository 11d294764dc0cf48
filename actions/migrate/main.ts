import * as core from '@actions/core';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import { parseMigrateInputs } from './inputs.js';
import { applicationName } from './lock.js';
import { type MigrateConfig, newReport, runMigrate } from './migrate.js';
import { migrateOutputs, migrateSummary } from './report.js';
import { runnerTarget, type Target } from './target.js';

export async function main(): Promise<void> {
  const inputs = parseMigrateInputs(new Inputs());
  const appName = applicationName();
  const log = (line: string): void => core.info(line);
  const runId = process.env['GITHUB_RUN_ID'];
  const target: Target = runnerTarget(inputs, { appName, runId, log });
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
