import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import type { BuilderInfo } from './cache.js';
import { type Attested, type AttestSettings, attestImage, readAttestInputs } from './attest.js';
import { createdTime } from './created.js';
import { removePrivateDockerConfig } from './docker-config.js';
import { addSizes, executePlan, type ImageResult } from './execute.js';
import { gitContextFromEnv, readEventPayload } from './git-context.js';
import { parseInputs } from './inputs.js';
import { restoreAndSaveAround } from './local-cache-step.js';
import { type RetryPolicy, registryLogout } from './login.js';
import { plannedResults, stepOutputs } from './outputs.js';
import { type BuildPlan, planBuilds, planCommands } from './plan.js';
import { dryRunBuilder, prepareDocker, STATE_DOCKER_CONFIG, STATE_REGISTRY } from './prepare.js';
import { dryRunSummary, failureSummary, resultSummary } from './summary.js';

export async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const inputs = await parseInputs(new Inputs(), workspace);
  for (const n of inputs.notices) core.info(n);
  const attest = readAttestInputs(new Inputs(), inputs.push, inputs.dryRun, env, inputs);
  const payload = readEventPayload(env['GITHUB_EVENT_PATH']);
  const ctx = gitContextFromEnv(env, payload, inputs.defaultBranch);
  const created = createdTime(env, payload, ctx.sha, workspace);
  core.info(`created: ${created.source}`);
  const runnerTemp = env['RUNNER_TEMP'] || tmpdir();
  mkdirSync(runnerTemp, { recursive: true });
  const workDir = mkdtempSync(join(runnerTemp, 'ops-build-push-'));
  const policy: RetryPolicy = { retries: inputs.retries, initialDelayMs: 1000, maxDelayMs: 15_000 };
  const ghaAvailable = Boolean(
    env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']),
  );
  const planFor = (builder: BuilderInfo): BuildPlan =>
    planBuilds({ inputs, ctx, builder, created: created.date, workDir, runnerTemp, ghaAvailable });

  try {
    if (inputs.dryRun) {
      const builder = await dryRunBuilder(inputs);
      const plan = planFor(builder);
      const commands = planCommands(inputs, builder, plan);
      logPlan(plan, commands);
      if (attest) core.info('attest: true — each pushed digest would get a SLSA provenance attestation.');
      if (attest?.push)
        core.info("attest-push: true — each attestation would be pushed to its image's repository.");
      setOutputs(plannedResults(plan));
      await writeSummary(dryRunSummary(plan, commands));
      return;
    }

    debugTime('inputs', started);
    const docker = await prepareDocker(inputs, runnerTemp, policy);
    debugTime('login and builder', started);
    const plan = planFor(docker.builder);
    logPlan(plan, planCommands(inputs, docker.builder, plan));
    const results = await restoreAndSaveAround(plan, { runnerTemp, workspace }, () =>
      executePlan({ inputs, plan, builder: docker.builder, env: docker.env, policy }),
    );
    debugTime('builds', started);
    const creds =
      inputs.username && inputs.password
        ? { username: inputs.username, password: inputs.password }
        : undefined;
    await addSizes(results, docker.env, creds, inputs.registry);
    debugTime('sizes', started);
    setOutputs(results);
    if (attest) await attestPushed(results, attest, inputs.retries);
    await writeSummary(
      resultSummary(results, {
        push: inputs.push,
        warnings: plan.warnings,
        registry: inputs.registry ?? results[0]?.name.split('/')[0],
        totalMs: Date.now() - started,
      }),
    );
  } catch (error) {
    await writeSummary(failureSummary(errorMessage(error)));
    throw error;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs at the end of the job: logs out and removes the private docker config. */
export async function post(): Promise<void> {
  const dir = core.getState(STATE_DOCKER_CONFIG);
  const registry = core.getState(STATE_REGISTRY);
  if (!dir) {
    core.info('No registry login to undo.');
    return;
  }
  if (existsSync(dir)) {
    const ok = registry ? await registryLogout(registry, dir) : true;
    removePrivateDockerConfig(dir);
    core.info(`${ok ? `Logged out of ${registry}; removed` : 'Removed'} the private docker config ${dir}`);
  }
}

/** Phase timings for the debug log (ACTIONS_STEP_DEBUG), to see where a slow run spent its time. */
function debugTime(phase: string, started: number): void {
  core.debug(`${phase} done at ${Date.now() - started}ms (uptime ${Math.round(process.uptime() * 1000)}ms)`);
}

function logPlan(plan: BuildPlan, commands: readonly string[]): void {
  for (const img of plan.images) {
    core.info(
      `${img.build.image.name}: tags ${img.refs.map((r) => r.slice(r.lastIndexOf(':') + 1)).join(', ')}`,
    );
  }
  for (const n of plan.notes) core.info(n);
  for (const w of plan.warnings) core.warning(w);
  core.startGroup('Commands');
  for (const c of commands) core.info(c);
  core.endGroup();
}

function setOutputs(results: readonly ImageResult[]): void {
  for (const [name, value] of Object.entries(stepOutputs(results))) core.setOutput(name, value);
}

/** attest: true — one attestation per pushed digest; outputs name the first image's. */
async function attestPushed(
  results: readonly ImageResult[],
  settings: AttestSettings,
  retries: number,
): Promise<void> {
  const done: Attested[] = [];
  const ociDigests: string[] = [];
  try {
    await core.group('Attest build provenance', async () => {
      for (const r of results) {
        if (!r.pushed || !r.digest) continue;
        const a = await attestImage(r.name, r.digest, settings);
        core.info(
          `${a.image}@${a.digest}: attestation ${a.attestationId ?? '(not stored)'} ${a.attestationUrl ?? ''}`,
        );
        done.push(a);
        if (settings.push) {
          const { pushAttestation } = await import('./attest-push.js');
          const started = Date.now();
          const oci = await pushAttestation({
            name: a.image,
            digest: a.digest,
            bundle: a.bundle,
            credentials: settings.push,
            retries,
          });
          core.info(
            `${a.image}@${a.digest}: attestation pushed to the registry as ${a.image}@${oci} (${Date.now() - started} ms)`,
          );
          ociDigests.push(oci);
        }
      }
    });
  } finally {
    core.setOutput('attestation-id', done[0]?.attestationId ?? '');
    core.setOutput('attestation-url', done[0]?.attestationUrl ?? '');
    core.setOutput('attestation-oci-digest', ociDigests[0] ?? '');
  }
}
