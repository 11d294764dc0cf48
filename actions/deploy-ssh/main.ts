import * as core from '@actions/core';
import {
  LOCK_RELEASED_STATE_KEY,
  LOCK_STATE_KEY,
  lockInfoFromEnv,
  newLockToken,
  parseSavedLocks,
  releaseSavedLocks,
} from '../../lib/deploy/lock.js';
import { defaultReleaseId } from '../../lib/deploy/release.js';
import { errorMessage } from '../../lib/errors.js';
import { startGithubDeployment } from '../../lib/github/inputs.js';
import { Inputs } from '../../lib/inputs.js';
import { type ProvenanceInputs, readProvenanceInputs } from '../../lib/provenance/inputs.js';
import { readSshInputs } from '../../lib/ssh/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import type { HostReport } from './deploy.js';
import { type DeployConfig, readDeployInputs } from './inputs.js';
import { ConfigurationError } from '../../lib/errors.js';
import { mergeScriptOutputs } from './outputs.js';
import { deployOutputs, deploySummary, dryRunSummary } from './report.js';

export async function main(): Promise<void> {
  const inputs = new Inputs();
  const config = await readDeployInputs(inputs);
  const provenance = readProvenanceInputs(inputs);
  // before any host is contacted (and on a dry run too): refuse an image without a passing
  // attestation; deploy the digest that was verified
  if (provenance) await verifyDeployImages(config, provenance);
  const releaseId = config.releaseId ?? defaultReleaseId(new Date(), config.run.sha, config.run);
  const token = newLockToken();

  if (config.dryRun) {
    const { formatPlan, planHost } = await import('./plan.js');
    const plans = config.ssh.hosts.map((host) =>
      planHost(config, host, { releaseId, token, previous: { known: false } }),
    );
    const text = formatPlan(config, plans);
    await core.group('Plan (dry run: nothing is contacted or changed)', async () => core.info(text));
    const outputs = deployOutputs(
      config,
      { strategy: config.strategy, releaseId, hosts: [], durationMs: 0 },
      true,
    );
    for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v);
    setGithubDeploymentId('');
    await writeSummary(dryRunSummary(config, releaseId, text));
    return;
  }

  // the deploy machinery (fleet, strategies, ssh client) loads once the inputs are valid and it runs
  const { deploy, deployError } = await import('./deploy.js');

  // Recorded as a GitHub deployment (in_progress) before any server is touched, while the hosts
  // connect (that changes nothing); the bookkeeping never throws and is off without github-token +
  // environment. Rollback reads release/image from its payload.
  const starting = startGithubDeployment(config.github, {
    description: `Deploying ${releaseId}`,
    payload: { release: releaseId, image: config.compose?.image, strategy: config.strategy },
  }).then((deployment) => {
    setGithubDeploymentId(deployment.id === undefined ? '' : String(deployment.id));
    return deployment;
  });

  // the runner cancels a job with SIGINT (then SIGTERM): stop, undo, release the locks
  const cancel = new AbortController();
  const onSignal = (): void => {
    core.warning(
      'Cancelled: stopping the running commands, undoing unfinished hosts and releasing the locks.',
    );
    cancel.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await deploy(config, {
      releaseId,
      token,
      lockInfo: lockInfoFromEnv(token),
      signal: cancel.signal,
      beforeLock: starting,
      onLocking: (saved) => core.saveState(LOCK_STATE_KEY, JSON.stringify(saved)),
      onUnlocked: () => core.saveState(LOCK_RELEASED_STATE_KEY, 'true'),
    }).catch(async (error: unknown) => {
      await (await starting).fail(oneLine(errorMessage(error)));
      throw error;
    });
    const deployment = await starting;
    const outputs = deployOutputs(config, result);
    for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v);
    setScriptOutputs(result.hosts);
    for (const h of result.hosts) {
      core.info(
        `${h.host}: ${h.result}${h.phase && h.result !== 'succeeded' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`,
      );
    }
    await writeSummary(deploySummary(config, result));
    const error = deployError(result);
    if (error) {
      await deployment.fail(oneLine(error.message));
      throw error;
    }
    await deployment.succeed(config.github.environmentUrl, `Deployed ${releaseId}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** github-deployment-id, and deployment-id: its deprecated name, kept with the same value in v1. */
function setGithubDeploymentId(id: string): void {
  core.setOutput('github-deployment-id', id);
  core.setOutput('deployment-id', id);
}

/** The outputs the hosts' scripts set in $OPS_OUTPUT become step outputs (not masked: not for secrets). */
function setScriptOutputs(hosts: readonly HostReport[]): void {
  const { values, differing } = mergeScriptOutputs(hosts);
  for (const [k, v] of Object.entries(values)) core.setOutput(k, v);
  if (differing.length > 0) {
    core.warning(
      `The hosts' scripts set different values for ${differing.map((n) => `'${n}'`).join(', ')} in $OPS_OUTPUT: ` +
        `the step output has the value of the first host (in the order of hosts) that set it; ` +
        `every host's values are in the report output (hosts[].outputs).`,
    );
  }
}

/** A deployment status description: one line (the library cuts it to GitHub's 140 characters). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
export async function post(): Promise<void> {
  const saved = parseSavedLocks(core.getState(LOCK_STATE_KEY));
  if (!saved) return;
  if (core.getState(LOCK_RELEASED_STATE_KEY) === 'true') {
    core.info('The deploy released its locks itself.');
    return;
  }
  const ssh = await readSshInputs(new Inputs());
  await releaseSavedLocks(ssh, saved);
}

/** verify-provenance: the compose images or the stack's images, pinned to their verified digests. */
async function verifyDeployImages(config: DeployConfig, provenance: ProvenanceInputs): Promise<void> {
  const images = config.compose
    ? [...new Set(Object.values(config.compose.images))]
    : config.stack
      ? [...new Set(Object.values(config.stack.rendered.images))]
      : [];
  if (images.length === 0) {
    throw new ConfigurationError(
      'verify-provenance',
      `checks the image a deploy runs; strategy '${config.strategy}' deploys no image. Use strategy compose or stack, or remove verify-provenance.`,
      'strategy: compose',
    );
  }
  const login = config.compose?.login ?? config.stack?.login;
  const { verifyImagesProvenance } = await import('../../lib/provenance/gate.js');
  const verified = await core.group('Verify provenance', () =>
    verifyImagesProvenance(images, provenance, {
      log: (line) => core.info(line),
      ...(login ? { registry: { username: login.username, password: login.password } } : {}),
    }),
  );
  for (const v of verified) {
    if (config.compose) {
      // every env-file variable that named this image gets the verified digest
      const compose = config.compose;
      for (const [variable, image] of Object.entries(compose.images)) {
        if (image === v.image) compose.images[variable] = v.pinned;
      }
      compose.image = Object.values(compose.images)[0] ?? v.pinned;
    }
    if (config.stack && v.pinned !== v.image) {
      const stack = config.stack.rendered;
      for (const [service, image] of Object.entries(stack.images)) {
        if (image === v.image) stack.images[service] = v.pinned;
      }
      // the whole reference only (not a prefix of a longer one)
      const escaped = v.image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      stack.yaml = stack.yaml.replace(new RegExp(`${escaped}(?=["'\\s]|$)`, 'gm'), v.pinned);
    }
  }
}
