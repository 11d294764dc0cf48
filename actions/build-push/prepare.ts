import * as core from '@actions/core';
import { formatDuration } from '../../lib/duration.js';
import { errorMessage } from '../../lib/errors.js';
import { inspectBuilder } from './builder.js';
import type { BuilderInfo } from './cache.js';
import { createPrivateDockerConfig, userDockerConfigDir } from './docker-config.js';
import type { BuildPushInputs } from './inputs.js';
import { type RetryPolicy, registryLogin } from './login.js';

export const STATE_DOCKER_CONFIG = 'docker-config';
export const STATE_REGISTRY = 'registry';

/** When the builder is not inspected (the chosen options do not depend on it). */
const CURRENT_BUILDER: BuilderInfo = { name: 'current', driver: 'unknown', cacheExport: true };

/** Whether the plan depends on the builder's driver: cache modes, several platforms, push + load. */
export function needsBuilderInfo(inputs: BuildPushInputs): boolean {
  return inputs.cache !== 'none' || inputs.platforms.length > 1 || (inputs.push && inputs.load);
}

export interface DockerSession {
  builder: BuilderInfo;
  /** The environment of the action's docker processes (the private DOCKER_CONFIG when logged in). */
  env: Record<string, string>;
}

/**
 * Logs in (private DOCKER_CONFIG, remembered for the post step) and inspects the builder, both at
 * once. A login failure is reported first: it is the one the user most likely has to fix.
 */
export async function prepareDocker(
  inputs: BuildPushInputs,
  runnerTemp: string,
  policy: RetryPolicy,
): Promise<DockerSession> {
  const dockerConfig = privateConfigForLogin(inputs, runnerTemp);
  const env: Record<string, string> = dockerConfig ? { DOCKER_CONFIG: dockerConfig } : {};
  const needsBuilder = needsBuilderInfo(inputs);
  const [builder, login] = await Promise.allSettled([
    needsBuilder ? inspectBuilder({ builder: inputs.builder, env }) : Promise.resolve(CURRENT_BUILDER),
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
  if (login.status === 'rejected') throw login.reason;
  if (builder.status === 'rejected') throw builder.reason;
  if (login.value) {
    const a = login.value.attempts;
    core.info(
      `Logged in to ${inputs.registry} as ${inputs.username}${a > 1 ? ` (after ${a} attempts)` : ''} in ${formatDuration(login.value.durationMs)}`,
    );
  }
  const b = builder.value;
  if (needsBuilder) {
    core.info(
      `Builder '${b.name}': ${b.driver} driver${b.cacheExport ? '' : ' (cannot export a build cache)'}`,
    );
  }
  return { builder: b, env };
}

/** For a dry run: the builder if it can be inspected, else planning as for a docker-container builder. */
export async function dryRunBuilder(inputs: BuildPushInputs): Promise<BuilderInfo> {
  if (!needsBuilderInfo(inputs)) return CURRENT_BUILDER;
  return inspectBuilder({ builder: inputs.builder, env: {} }).catch((error: unknown) => {
    core.info(
      `Dry run: could not inspect the builder (${errorMessage(error)}); planning for a docker-container builder.`,
    );
    return { name: inputs.builder ?? 'current', driver: 'unknown', cacheExport: true };
  });
}

function privateConfigForLogin(inputs: BuildPushInputs, runnerTemp: string): string | undefined {
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
