import * as core from '@actions/core';
import { OperationError } from '../../lib/errors.js';
import { writeSummary } from '../../lib/summary.js';
import { parseInputs } from './inputs.js';
import { buildMessage, readRunContext } from './message.js';
import { notify } from './notify.js';
import { buildReport, summaryMarkdown } from './summary.js';

export async function main(): Promise<void> {
  const inputs = parseInputs();
  const message = buildMessage({
    status: inputs.status,
    environment: inputs.environment,
    image: inputs.image,
    reports: inputs.reports,
    template: inputs.template,
    run: readRunContext(),
  });
  core.info(`${message.icon} ${message.title}`);
  const deliveries = await notify(message, inputs, {
    log: (line) => core.info(line),
    group: (name, fn) => core.group(name, fn),
  });
  const report = buildReport(message, deliveries, inputs.dryRun);
  core.setOutput('delivered', String(report.delivered));
  core.setOutput('report', JSON.stringify(report));
  await writeSummary(summaryMarkdown(message, deliveries, inputs.dryRun));
  const failed = deliveries.filter((d) => !d.delivered && !inputs.dryRun);
  if (failed.length === 0) return;
  const text = `Notification not delivered to ${failed.map((d) => `${d.label}: ${d.error ?? 'failed'}`).join('; ')}`;
  if (inputs.failOnError) throw new OperationError(`${text}. (fail-on-error: true)`);
  for (const d of failed) {
    core.warning(
      `Notification not delivered to ${d.label}: ${d.error ?? 'failed'} (the step does not fail: fail-on-error is false)`,
    );
  }
}
