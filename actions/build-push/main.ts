import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { formatDuration } from '../../lib/duration.js';
import { errorMessage } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import { inspectBuilder } from './builder.js';
import type { BuilderInfo } from './cache.js';
import {
  createPrivateDockerConfig,
  removePrivateDockerConfig,
  userDockerConfigDir,
} from './docker-config.js';
import { addSizes, dockerEnv, executePlan, type ImageResult } from './execute.js';
import { gitContextFromEnv, readEventPayload } from './git-context.js';
import { type BuildPushInputs, parseInputs } from './inputs.js';
import { restoreAndSaveAround } from './local-cache-step.js';
import { type RetryPolicy, registryLogin, registryLogout } from './login.js';
import { plannedResults, stepOutputs } from './outputs.js';
import { type BuildPlan, planBuilds, planCommands } from './plan.js';
import { dryRunSummary, failureSummary, resultSummary } from './summary.js';

const STATE_DOCKER_CONFIG = 'docker-config';
const STATE_REGISTRY = 'registry';

/** When the builder was not inspected (not needed for the chosen options). */
const CURRENT_BUILDER: BuilderInfo = { name: 'current', driver: 'unknown', cacheExport: true };

export async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const inputs = await parseInputs(new Inputs(), env['GITHUB_WORKSPACE'] || process.cwd());
  const ctx = gitContextFromEnv(env, readEventPayload(env['GITHUB_EVENT_PATH']), inputs.defaultBranch);
  const runnerTemp = env['RUNNER_TEMP'] || tmpdir();
  mkdirSync(runnerTemp, { recursive: true });
  const workDir = mkdtempSync(join(runnerTemp, 'ops-build-push-'));
  const policy: RetryPolicy = { retries: inputs.retries, initialDelayMs: 1000, maxDelayMs: 15_000 };
  const ghaAvailable = Boolean(
    env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']),
  );
  const needsBuilder = inputs.cache !== 'none' || inputs.platforms.length > 1 || (inputs.push && inputs.load);
  const planFor = (builder: BuilderInfo): BuildPlan =>
    planBuilds({ inputs, ctx, builder, created: new Date(), workDir, runnerTemp, ghaAvailable });

  try {
    if (inputs.dryRun) {
      const builder = needsBuilder
        ? await inspectBuilder({ builder: inputs.builder, env: {} }).catch((error: unknown) => {
            core.info(
              `Dry run: could not inspect the builder (${errorMessage(error)}); planning for a docker-container builder.`,
            );
            return { name: inputs.builder ?? 'current', driver: 'unknown', cacheExport: true };
          })
        : CURRENT_BUILDER;
      const plan = planFor(builder);
      const commands = planCommands(inputs, builder, plan);
      logPlan(plan, commands);
      setOutputs(plannedResults(plan));
      await writeSummary(dryRunSummary(plan, commands));
      return;
    }

    debugTime('inputs', started);
    const dockerConfig = loginConfig(inputs, runnerTemp);
    const dEnv = dockerEnv(inputs, dockerConfig);
    const [builderResult, loginResult] = await Promise.allSettled([
      needsBuilder
        ? inspectBuilder({ builder: inputs.builder, env: dEnv })
        : Promise.resolve(CURRENT_BUILDER),
      dockerConfig && inputs.registry && inputs.username && inputs.password
        ? registryLogin({
            server: inputs.registry,
            username: inputs.username,
            password: inputs.password,
            dockerConfig,
            policy,
          })
        : Promise.resolve(undefined),
    ]);
    if (loginResult.status === 'rejected') throw loginResult.reason;
    if (builderResult.status === 'rejected') throw builderResult.reason;
    const builder = builderResult.value;
    if (loginResult.value) {
      const a = loginResult.value.attempts;
      core.info(
        `Logged in to ${inputs.registry} as ${inputs.username}${a > 1 ? ` (after ${a} attempts)` : ''} in ${formatDuration(loginResult.value.durationMs)}`,
      );
    }
    if (needsBuilder) {
      core.info(
        `Builder '${builder.name}': ${builder.driver} driver${builder.cacheExport ? '' : ' (cannot export a build cache)'}`,
      );
    }

    debugTime('login and builder', started);
    const plan = planFor(builder);
    logPlan(plan, planCommands(inputs, builder, plan));
    const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
    const results = await restoreAndSaveAround(plan, { runnerTemp, workspace }, () =>
      executePlan({ inputs, plan, builder, env: dEnv, policy }),
    );
    const creds =
      inputs.username && inputs.password
        ? { username: inputs.username, password: inputs.password }
        : undefined;
    debugTime('builds', started);
    await addSizes(results, dEnv, creds, inputs.registry);
    debugTime('sizes', started);
    setOutputs(results);
    await writeSummary(
      resultSummary(results, {
        push: inputs.push,
        warnings: plan.warnings,
        registry: inputs.registry ?? results[0]?.name.split('/')[0],
        totalMs: Date.now() - started,
      }),
    );
    debugTime('summary', started);
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

/** The private DOCKER_CONFIG for the login (remembered for the post step), or undefined: no login. */
function loginConfig(inputs: BuildPushInputs, runnerTemp: string): string | undefined {
  if (!inputs.registry || !inputs.username || !inputs.password) return undefined;
  const dir = createPrivateDockerConfig({
    parent: runnerTemp,
    userDir: userDockerConfigDir(),
    registry: inputs.registry,
  });
  core.saveState(STATE_DOCKER_CONFIG, dir);
  core.saveState(STATE_REGISTRY, inputs.registry);
  return dir;
}

/** Phase timings for the debug log (ACTIONS_STEP_DEBUG), to see where a slow run spent its time. */
function debugTime(phase: string, started: number): void {
  core.debug(`${phase} done at ${Date.now() - started}ms (uptime ${Math.round(process.uptime() * 1000)}ms)`);
}

function logPlan(plan: BuildPlan, commands: readonly string[]): void {
  for (const img of plan.images)
    core.info(
      `${img.build.image.name}: tags ${img.refs.map((r) => r.slice(r.lastIndexOf(':') + 1)).join(', ')}`,
    );
  for (const n of plan.notes) core.info(n);
  for (const w of plan.warnings) core.warning(w);
  core.startGroup('Commands');
  for (const c of commands) core.info(c);
  core.endGroup();
}

function setOutputs(results: readonly ImageResult[]): void {
  for (const [name, value] of Object.entries(stepOutputs(results))) core.setOutput(name, value);
}
