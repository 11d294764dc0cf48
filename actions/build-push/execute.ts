import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as core from '@actions/core';
import { formatDuration } from '../../lib/duration.js';
import { OperationError } from '../../lib/errors.js';
import { ProcessError, type ProcessResult, runProcess } from '../../lib/exec.js';
import { RetryError, retry } from '../../lib/retry.js';
import { manifestSize, parseMetadataFile } from './build-result.js';
import { buildxArgs } from './buildx-plan.js';
import type { BuilderInfo } from './cache.js';
import { loginServer, parseImageName } from './image-name.js';
import type { BuildPushInputs } from './inputs.js';
import { rotateLocalCacheDir } from './local-cache.js';
import type { RetryPolicy } from './login.js';
import { type BuildPlan, buildxOptions, type PlannedImage, secretEnvName } from './plan.js';
import { type CacheStats, formatCacheStats, parseCacheStats } from './progress.js';
import { type Credentials, fetchManifest } from './registry-api.js';
import {
  BUILDX_MISSING_HELP,
  finalError,
  isAuthFailure,
  isBuildxMissing,
  isDenied,
  isTransientRegistryError,
} from './registry-errors.js';

/** The result of one image, for outputs, `metadata` and the summary. */
export interface ImageResult {
  name: string;
  /** `name@sha256:…` after a push — the reference to deploy; undefined when not pushed. */
  image: string | undefined;
  digest: string | undefined;
  /** The image config digest (the Docker image ID). */
  imageId: string | undefined;
  /** `name:tag` for every tag. */
  tags: string[];
  version: string;
  labels: Record<string, string>;
  pushed: boolean;
  /** Compressed size in the registry (config + layers); undefined when unknown or multi-platform. */
  sizeBytes: number | undefined;
  platforms: string[];
  cache: { mode: string; effective: string; stats: CacheStats; restored?: string };
  attempts: number;
  durationMs: number;
}

interface BuildxRun {
  result: ProcessResult;
  /** The first attempt's output: where the cache hits show (a retry is all cache hits). */
  firstOutput: string;
  attempts: number;
}

/**
 * Runs `docker buildx build`, retrying when the registry or network failed (connection refused or
 * reset, timeouts, 5xx, 429) — the layers are cached by then, so a retry only redoes the push.
 * A failing build step or a rejected login is not retried.
 */
async function runBuildx(
  label: string,
  args: string[],
  env: Record<string, string | undefined>,
  policy: RetryPolicy,
  secrets: (string | undefined)[],
): Promise<BuildxRun> {
  let firstOutput: string | undefined;
  let attempts = 0;
  const reason = (error: unknown): string =>
    error instanceof ProcessError && error.result
      ? finalError(`${error.result.stdout}\n${error.result.stderr}`)
      : String(error);
  try {
    const result = await retry(
      async (attempt) => {
        attempts = attempt;
        try {
          const r = await runProcess('docker', args, { env, prefix: label, secrets });
          firstOutput ??= r.stderr + r.stdout;
          return r;
        } catch (error) {
          if (error instanceof ProcessError && error.result) {
            firstOutput ??= error.result.stderr + error.result.stdout;
          }
          throw error;
        }
      },
      {
        deadlineMs: 6 * 3_600_000,
        maxAttempts: policy.retries + 1,
        initialDelayMs: policy.initialDelayMs,
        maxDelayMs: policy.maxDelayMs,
        isRetryable: (error) => isTransientRegistryError(reason(error)),
        onRetry: ({ attempt, error, delayMs }) =>
          core.info(
            `${label}: attempt ${attempt}/${policy.retries + 1} failed on a registry or network error (${reason(error)}); retrying in ${formatDuration(delayMs)}`,
          ),
      },
    );
    return { result, firstOutput: firstOutput ?? '', attempts };
  } catch (error) {
    const last = error instanceof RetryError ? error.lastError : error;
    const out =
      last instanceof ProcessError && last.result ? `${last.result.stdout}\n${last.result.stderr}` : '';
    if (isBuildxMissing(out)) throw new OperationError(BUILDX_MISSING_HELP);
    const why = reason(last);
    const tries = error instanceof RetryError ? ` after ${attempts} attempts` : '';
    if (isAuthFailure(why) || isDenied(why)) {
      throw new OperationError(
        `${label}: the registry refused the push${tries}: ${why}. Check that 'username' may push to this repository ` +
          `(or log in with 'username' and 'password' if no earlier step did).`,
      );
    }
    throw new OperationError(`${label}: docker buildx build failed${tries}: ${why}`, { attempts });
  }
}

/** The environment of the buildx build processes: the build secrets, by variable name. */
export function secretEnv(inputs: BuildPushInputs): Record<string, string> {
  const env: Record<string, string> = {};
  inputs.secrets.forEach((s, i) => {
    env[secretEnvName(i)] = s.value;
  });
  return env;
}

/**
 * Builds (and pushes) every image of the plan in order. With several images and `push`, every
 * image is built first and only then pushed, so a failing second image leaves no first image
 * half-released under its tags.
 */
export async function executePlan(p: {
  inputs: BuildPushInputs;
  plan: BuildPlan;
  builder: BuilderInfo;
  env: Record<string, string | undefined>;
  policy: RetryPolicy;
}): Promise<ImageResult[]> {
  const { inputs, plan, builder, env, policy } = p;
  // the secrets reach the build processes only, never login, inspect or imagetools
  const buildEnv = { ...env, ...secretEnv(inputs) };
  const secrets = [...inputs.secrets.map((s) => s.value), inputs.password];
  const label = (img: PlannedImage): string =>
    img.build.image.name.split('/').slice(-1)[0] ?? img.build.image.name;
  // the first pass's time and output (the real build, with its cache hits) count for the image
  const firstPass = new Map<PlannedImage, { ms: number; output: string }>();
  if (plan.twoPhase) {
    for (const img of plan.images) {
      await core.group(`Build ${img.build.image.name} (push after every image has built)`, async () => {
        const started = Date.now();
        const args = buildxArgs(img.build, buildxOptions(inputs, builder, img, true));
        const run = await runBuildx(label(img), args, buildEnv, policy, secrets);
        firstPass.set(img, { ms: Date.now() - started, output: run.firstOutput });
      });
    }
  }
  const results: ImageResult[] = [];
  for (const img of plan.images) {
    const verb = inputs.push ? 'Build and push' : 'Build';
    const result = await core.group(`${verb} ${img.build.image.name}`, async () => {
      const started = Date.now();
      rmSync(img.metadataFile, { force: true });
      const args = buildxArgs(img.build, buildxOptions(inputs, builder, img));
      const run = await runBuildx(label(img), args, buildEnv, policy, secrets);
      if (img.cache.local) rotateLocalCacheDir(img.cache.local);
      const meta = existsSync(img.metadataFile)
        ? parseMetadataFile(readFileSync(img.metadataFile, 'utf8'))
        : { digest: undefined, configDigest: undefined };
      if (inputs.push && !meta.digest) {
        throw new OperationError(
          `${img.build.image.name} was pushed but buildx reported no digest in ${img.metadataFile}; cannot give the 'image' output.`,
        );
      }
      const digest = inputs.push ? meta.digest : undefined;
      const first = firstPass.get(img);
      const stats = parseCacheStats(first?.output ?? run.firstOutput);
      const r: ImageResult = {
        name: img.build.image.name,
        image: digest ? `${img.build.image.name}@${digest}` : undefined,
        digest,
        imageId: meta.configDigest ?? (inputs.push ? undefined : meta.digest),
        tags: img.refs,
        version: img.version,
        labels: img.build.labels,
        pushed: inputs.push,
        sizeBytes: undefined,
        platforms: img.build.platforms,
        cache: { mode: img.cache.mode, effective: img.cache.effective, stats },
        attempts: run.attempts,
        durationMs: Date.now() - started + (first?.ms ?? 0),
      };
      core.info(
        `${r.name}: ${r.pushed ? `pushed ${r.image}` : 'built'} in ${formatDuration(r.durationMs)}; cache ${img.cache.effective}, ${formatCacheStats(stats)}${r.attempts > 1 ? `; ${r.attempts} attempts` : ''}`,
      );
      return r;
    });
    results.push(result);
  }
  return results;
}

/**
 * Fills in the registry size of pushed images (best effort: a failure leaves it unknown). With
 * the action's own credentials the manifest is read in-process; otherwise through buildx.
 */
export async function addSizes(
  results: ImageResult[],
  env: Record<string, string | undefined>,
  creds: Credentials | undefined,
  registry: string | undefined,
): Promise<void> {
  await Promise.all(
    results.map(async (r) => {
      if (!r.image || !r.digest) return;
      const name = parseImageName(r.name);
      if ('problem' in name) return;
      let raw: string | undefined;
      if (creds && registry && loginServer(name.registry) === registry) {
        raw = await fetchManifest(name, r.digest, creds).catch(() => undefined);
      }
      if (raw === undefined) {
        const out = await runProcess('docker', ['buildx', 'imagetools', 'inspect', '--raw', r.image], {
          env,
          silent: true,
          allowFailure: true,
          timeoutMs: 30_000,
        }).catch(() => undefined);
        if (out && out.exitCode === 0) raw = out.stdout;
      }
      if (raw !== undefined) r.sizeBytes = manifestSize(raw).bytes;
    }),
  );
}
