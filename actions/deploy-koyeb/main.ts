import * as core from '@actions/core';
import { errorMessage, OperationError } from '../../lib/errors.js';
import type { DeploymentTracker } from '../../lib/github/deployments.js';
import { writeSummary } from '../../lib/summary.js';
import type { DeployReport } from './deploy.js';
import { parseInputs } from './inputs.js';
import type { ProvenanceInputs } from '../../lib/provenance/inputs.js';

export async function main(): Promise<void> {
  const inputs = parseInputs();
  if (inputs.provenance) {
    // before Koyeb is asked anything: an image without a passing attestation is never deployed,
    // and the digest verified is the digest deployed (a tag is pinned to what it points at now)
    const { verifyImagesProvenance } = await import('../../lib/provenance/gate.js');
    const image = inputs.image.kind === 'digest' ? inputs.image.digest : inputs.image.image;
    const [verified] = await core.group('Verify provenance', () =>
      verifyImagesProvenance([image], inputs.provenance as ProvenanceInputs, { log: (l) => core.info(l) }),
    );
    if (verified && inputs.image.kind === 'reference')
      inputs.image = { kind: 'reference', image: verified.pinned };
  }
  // loaded once the inputs are valid: the Koyeb client (zod) and Octokit are most of a cold start
  const [
    { githubDeployments },
    { KoyebClient },
    { describeServiceRef },
    { deployToKoyeb, failureMessage, MaybeAppliedError },
    { renderStoppedSummary, renderSummary },
  ] = await Promise.all([
    import('../../lib/github/deployments.js'),
    import('../../lib/koyeb/client.js'),
    import('../../lib/koyeb/deploy.js'),
    import('./deploy.js'),
    import('./summary.js'),
  ]);
  const client = new KoyebClient({
    token: inputs.token,
    apiUrl: inputs.apiUrl,
    tokenHint:
      "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
  });
  // GitHub deployment: created (in_progress) once Koyeb made the new deployment — its id goes in the
  // payload, where rollback looks for it — then success or failure. Never fails the deploy.
  const github = githubDeployments(inputs.github);
  let deployment: DeploymentTracker | undefined;
  let report: DeployReport;
  try {
    report = await deployToKoyeb(client, inputs, {
      log: (line) => core.info(line),
      warn: (line) => core.warning(line),
      group: (name, fn) => core.group(name, fn),
      output: (name, value) => setOutput(name, value),
      created: async (deploymentId, image) => {
        deployment = await github.startDeployment({
          description: `Deploying ${image}`,
          payload: { release: deploymentId, deployment: deploymentId, image },
        });
      },
    });
  } catch (error) {
    core.setOutput('github-deployment-id', githubId(deployment));
    await deployment?.fail(oneLine(errorMessage(error)));
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
  core.setOutput('github-deployment-id', githubId(deployment));
  await writeSummary(renderSummary(report));
  const failure = failureMessage(report);
  if (failure) {
    await deployment?.fail(oneLine(failure));
    throw new OperationError(failure);
  }
  // wait: false leaves it in_progress: whether Koyeb's deployment gets healthy is not known here
  if (report.outcome === 'healthy') {
    await deployment?.succeed(
      inputs.github.environmentUrl ?? report.serviceUrl,
      `Deployed ${report.plan.image}`,
    );
  }
}

function githubId(deployment: DeploymentTracker | undefined): string {
  return deployment?.id === undefined ? '' : String(deployment.id);
}

/** A deployment status description: one line (the library cuts it to GitHub's 140 characters). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function setOutputs(report: DeployReport): void {
  const out: Record<string, string | undefined> = {
    'service-id': report.service.id,
    'koyeb-deployment-id': report.deploymentId,
    'previous-koyeb-deployment-id': report.previousDeploymentId,
    status: report.status,
    'service-url': report.serviceUrl,
    'rollback-koyeb-deployment-id': report.rollback?.deploymentId,
    'rollback-status': report.rollback?.status,
  };
  for (const [name, value] of Object.entries(out)) setOutput(name, value ?? '');
}

/**
 * The names these outputs had before v1.x, kept (same value) until v2: `deployment-id` meant the
 * Koyeb deployment here but the GitHub deployment in deploy-ssh, so every Koyeb id now says so.
 */
const DEPRECATED_OUTPUTS: Readonly<Record<string, string>> = {
  'koyeb-deployment-id': 'deployment-id',
  'previous-koyeb-deployment-id': 'previous-deployment-id',
  'rollback-koyeb-deployment-id': 'rollback-deployment-id',
};

function setOutput(name: string, value: string): void {
  core.setOutput(name, value);
  const old = DEPRECATED_OUTPUTS[name];
  if (old) core.setOutput(old, value);
}
