import * as core from '@actions/core';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import { parseMigrateInputs } from './inputs.js';
import { migrateOutputs, migrateSummary } from './report.js';

export async function main(): Promise<void> {
  const inputs = await parseMigrateInputs(new Inputs());
  // the runner (pg, the ssh client, the tools) loads once the inputs are valid: it is most of a cold start
  const { migrateWithInputs } = await import('./run.js');
  const { report, error } = await migrateWithInputs(inputs, {
    log: (line) => core.info(line),
    group: (name, fn) => core.group(name, fn),
  });
  for (const [name, value] of Object.entries(migrateOutputs(report))) core.setOutput(name, value);
  await writeSummary(migrateSummary(report));
  if (error !== undefined) throw error;
}
