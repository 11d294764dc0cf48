import { join } from 'node:path';
import { ConfigurationError, OperationError } from '../../lib/errors.js';
import { shellJoin } from '../../lib/quote.js';
import { type BuildxOptions, buildxArgs, type ImageBuild } from './buildx-plan.js';
import { type BuilderInfo, type CachePlan, cachePlan, cacheScope } from './cache.js';
import type { GitContext } from './git-context.js';
import type { BuildPushInputs } from './inputs.js';
import { ociLabels } from './labels.js';
import { loginArgs } from './login.js';
import { computeTags, eventVersion } from './tags.js';

/** One image of the plan: what will be built, tagged, labelled and cached. */
export interface PlannedImage {
  build: ImageBuild;
  cache: CachePlan;
  /** `name:tag` for every tag. */
  refs: string[];
  version: string;
  /** Where buildx writes the digest after the push. */
  metadataFile: string;
}

export interface BuildPlan {
  images: PlannedImage[];
  /** Build every image before pushing any (several images and push). */
  twoPhase: boolean;
  /** Notes for the log (tag rules that gave nothing and why). */
  notes: string[];
  /** Warnings (a cache mode this builder cannot do). */
  warnings: string[];
}

/** The environment variable that carries build secret `index` to buildx (never argv). */
export function secretEnvName(index: number): string {
  return `OPS_BUILD_SECRET_${index}`;
}

/** The @actions/cache directory for `cache: local` (stable across runs: part of the cache version). */
export function localCacheRoot(runnerTemp: string): string {
  return join(runnerTemp, 'ops-build-push-cache');
}

/**
 * Turns the validated inputs and the git context into the builds to run (pure): tags, OCI
 * labels, cache flags and buildx arguments for every image.
 */
export function planBuilds(p: {
  inputs: BuildPushInputs;
  ctx: GitContext;
  builder: BuilderInfo;
  created: Date;
  workDir: string;
  runnerTemp: string;
  ghaAvailable: boolean;
}): BuildPlan {
  const { inputs, ctx, builder } = p;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (inputs.platforms.length > 1 && !builder.cacheExport) {
    throw new OperationError(
      `Building for several platforms (${inputs.platforms.join(', ')}) needs a builder with the docker-container driver, ` +
        `but builder '${builder.name}' uses the docker driver. Add 'docker/setup-qemu-action' and 'docker/setup-buildx-action' before this step.`,
    );
  }
  const version = eventVersion(ctx);
  const images = inputs.images.map((img, i): PlannedImage => {
    const computed = computeTags(img.tagRules, ctx);
    for (const n of computed.notes) if (!notes.includes(n)) notes.push(n);
    if (computed.tags.length === 0) {
      throw new ConfigurationError(
        inputs.images.length > 1 ? 'images' : 'tags',
        `the tag rules of ${img.image.name} give no tag for this run (event '${ctx.eventName}', ref '${ctx.ref}'). ` +
          `Add 'sha' (always gives a tag) or a 'raw=<tag>' rule.`,
        'tags: |\n  sha\n  branch\n  semver',
      );
    }
    const build: ImageBuild = {
      image: img.image,
      context: img.context,
      file: img.file,
      target: img.target,
      buildArgs: img.buildArgs,
      labels: ociLabels(ctx, {
        imageName: img.image.name,
        version,
        created: p.created,
        extra: inputs.labels,
      }),
      tags: computed.tags,
      platforms: inputs.platforms,
      network: inputs.network,
      secretEnvs: inputs.secrets.map((s, si) => ({ id: s.id, env: secretEnvName(si) })),
      secretFiles: inputs.secretFiles,
    };
    const cache = cachePlan(inputs.cache, {
      builder,
      imageName: img.image.name,
      tags: computed.tags,
      push: inputs.push,
      ghaAvailable: p.ghaAvailable,
      localDir: join(localCacheRoot(p.runnerTemp), cacheScope(img.image.name)),
    });
    for (const w of cache.warnings) if (!warnings.includes(w)) warnings.push(w);
    return {
      build,
      cache,
      refs: computed.tags.map((t) => `${img.image.name}:${t}`),
      version,
      metadataFile: join(p.workDir, `metadata-${i}.json`),
    };
  });
  return { images, twoPhase: inputs.push && images.length > 1, notes, warnings };
}

export function buildxOptions(
  inputs: BuildPushInputs,
  builder: BuilderInfo,
  img: PlannedImage,
  buildOnly = false,
): BuildxOptions {
  return {
    builder: inputs.builder,
    driver: builder.driver,
    push: inputs.push,
    load: inputs.load,
    cache: img.cache,
    metadataFile: img.metadataFile,
    buildOnly,
  };
}

/** The commands the plan runs, as shell lines (what `dry-run` prints; no secret values). */
export function planCommands(inputs: BuildPushInputs, builder: BuilderInfo, plan: BuildPlan): string[] {
  const lines: string[] = [];
  if (inputs.registry && inputs.username) {
    lines.push(
      `${shellJoin(['docker', ...loginArgs(inputs.registry, inputs.username)])}   # password on stdin`,
    );
  }
  if (plan.twoPhase) {
    for (const img of plan.images) {
      lines.push(
        formatCommand(['docker', ...buildxArgs(img.build, buildxOptions(inputs, builder, img, true))]),
      );
    }
  }
  for (const img of plan.images) {
    lines.push(formatCommand(['docker', ...buildxArgs(img.build, buildxOptions(inputs, builder, img))]));
  }
  return lines;
}

const VALUELESS_FLAGS = new Set(['--push', '--load', '--password-stdin']);

/**
 * A shell-quoted command with one option per line (`\` continuations), so a long buildx command
 * reads at a glance and can be pasted into a shell.
 */
export function formatCommand(argv: readonly string[]): string {
  const groups: string[][] = [];
  let open: string[] | undefined; // a flag waiting for its value
  for (const a of argv) {
    if (open) {
      open.push(a);
      open = undefined;
    } else if (a.startsWith('--')) {
      const g = [a];
      groups.push(g);
      if (!VALUELESS_FLAGS.has(a) && !a.includes('=')) open = g;
    } else if (groups.length === 0 || (groups.length === 1 && !(groups[0]?.[0] ?? '').startsWith('--'))) {
      // the command words: docker buildx build
      if (groups.length === 0) groups.push([]);
      groups[0]?.push(a);
    } else {
      groups.push([a]);
    }
  }
  return groups.map((g) => shellJoin(g)).join(' \\\n    ');
}
