import * as core from '@actions/core';
import { formatDuration } from '../../lib/duration.js';
import { OperationError } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { maskSecret } from '../../lib/secrets.js';
import { statusIcon, writeSummary } from '../../lib/summary.js';
import { realDeps, runGate } from './gate.js';
import { describePlan, readSmokeTestInputs } from './inputs.js';
import { buildReport, failureMessage, summaryMarkdown } from './report.js';

export async function main(): Promise<void> {
  const plan = await readSmokeTestInputs(new Inputs());
  for (const secret of plan.secrets) maskSecret(secret);
  if (plan.tls.insecure) {
    core.warning(
      "insecure: true — TLS certificates are NOT verified, so this gate cannot tell the real server from an impostor. Give the server's CA in 'ca-cert' instead.",
    );
  }

  const title = `Smoke test: ${plan.checks.length} check${plan.checks.length === 1 ? '' : 's'} at once, deadline ${formatDuration(plan.timeoutMs)}`;
  const result = await core.group(title, async () => {
    for (const line of describePlan(plan)) core.info(`• ${line}`);
    return runGate(
      plan,
      realDeps((line) => core.info(line)),
    );
  });
  for (const c of result.checks) {
    const detail = c.passed ? `${c.status} in ${formatDuration(c.latencyMs ?? 0)}` : (c.error ?? 'failed');
    core.info(
      `${statusIcon(c.passed)} ${c.name}: ${detail} (${c.attempts} attempt${c.attempts === 1 ? '' : 's'})`,
    );
  }

  core.setOutput('passed', String(result.passed));
  core.setOutput('report', JSON.stringify(buildReport(result)));
  await writeSummary(summaryMarkdown(result, plan));
  if (!result.passed) throw new OperationError(failureMessage(result, plan));
}
