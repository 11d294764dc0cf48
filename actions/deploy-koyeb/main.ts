import * as core from '@actions/core';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { KoyebClient } from '../../lib/koyeb/client.js';
import { describeServiceRef } from '../../lib/koyeb/deploy.js';
import { writeSummary } from '../../lib/summary.js';
import { type DeployReport, deployToKoyeb, failureMessage, MaybeAppliedError } from './deploy.js';
import { parseInputs } from './inputs.js';
import { renderStoppedSummary, renderSummary } from './summary.js';

export async function main(): Promise<void> {
  const inputs = parseInputs();
  const client = new KoyebClient({
    token: inputs.token,
    apiUrl: inputs.apiUrl,
    tokenHint:
      "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
  });
  let report: DeployReport;
  try {
    report = await deployToKoyeb(client, inputs, {
      log: (line) => core.info(line),
      warn: (line) => core.warning(line),
      group: (name, fn) => core.group(name, fn),
      output: (name, value) => core.setOutput(name, value),
    });
  } catch (error) {
    await writeSummary(
      renderStoppedSummary(
        describeServiceRef(inputs.service),
        errorMessage(error),
        error instanceof MaybeAppliedError,
      ),
    );
    throw error;
  }
  setOutputs(report);
  await writeSummary(renderSummary(report));
  const failure = failureMessage(report);
  if (failure) throw new OperationError(failure);
}

function setOutputs(report: DeployReport): void {
  const out: Record<string, string | undefined> = {
    'service-id': report.service.id,
    'deployment-id': report.deploymentId,
    'previous-deployment-id': report.previousDeploymentId,
    status: report.status,
    'service-url': report.serviceUrl,
    'rollback-deployment-id': report.rollback?.deploymentId,
    'rollback-status': report.rollback?.status,
  };
  for (const [name, value] of Object.entries(out)) core.setOutput(name, value ?? '');
}
