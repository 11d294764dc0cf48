// A deploy is data before it is anything else: for each host, the phases and the exact remote
// commands, plus what to run to undo a failure. `dry-run` prints this; the executor runs it.
import { planBatches } from '../../lib/deploy/rolling.js';
import {
  describeRemoteStep,
  type ExecStep,
  type HealthStep,
  type ScriptStep,
} from '../../lib/deploy/steps.js';
import { describeStackStep, type StackStep } from '../../lib/deploy/swarm.js';
import { indentLines } from '../../lib/quote.js';
import type { SshHost } from '../../lib/ssh/host.js';
import type { Color, DeployConfig } from './inputs.js';
import { blueGreenPhases, idleColor } from './strategy-blue-green.js';
import { composePhases } from './strategy-compose.js';
import { releasePhases } from './strategy-release.js';
import { scriptPhases } from './strategy-script.js';
import { stackPhases } from './strategy-stack.js';

export type Step =
  | (ExecStep & {
      /** What to read from its output: `pruned`, the release directories it removed. */
      output?: 'pruned';
    })
  | ScriptStep
  | HealthStep
  /** SFTP upload of a directory's contents (or one archive file) to `remote`. */
  | { kind: 'upload'; title: string; local: string; remote: string; archive: boolean }
  /** strategy stack: `command` (prints the server time, then deploys), then follow the services. */
  | StackStep;

export interface PlannedPhase {
  name: string;
  /** Starting this phase changes what the host serves: fail-fast stops before it, undo uses `undoAfterCommit`. */
  commits?: boolean;
  steps: Step[];
}

/** What the server had before this deploy (read under the lock), or unknown in a dry run. */
export interface PreviousState {
  known: boolean;
  releaseId?: string;
  /** compose: the env file's image-variable (or first images variable). */
  image?: string;
  /** compose: the env file's value of each variable this deploy sets (variable → reference). */
  images?: Record<string, string>;
  /** compose zero-downtime: the color nginx sends traffic to now (none on a first deploy). */
  color?: Color;
}

export interface PlanContext {
  releaseId: string;
  /** Random per deploy: names temporary files and the lock. */
  token: string;
  previous: PreviousState;
}

export interface StrategyPlan {
  phases: PlannedPhase[];
  /** Run when the host fails or is cancelled before any step of the committing phase succeeded. */
  undoBeforeCommit: Step[];
  /** Run when the host fails after a step of the committing phase succeeded (it may be live). */
  undoAfterCommit: Step[];
}

export interface HostPlan extends StrategyPlan {
  host: SshHost;
  releaseId: string;
  previous: PreviousState;
  /** The environment every user command gets (the `env` input plus RELEASE_ID, APP_DIR, …). */
  env: Record<string, string>;
}

/** How a previous release/image is shown in a dry run, where it is not known yet. */
export const UNKNOWN_PREVIOUS = '<previous>';

export function commandEnv(config: DeployConfig, host: SshHost, ctx: PlanContext): Record<string, string> {
  const env: Record<string, string> = {
    ...config.env,
    RELEASE_ID: ctx.releaseId,
    PREVIOUS_RELEASE_ID: ctx.previous.known ? (ctx.previous.releaseId ?? '') : UNKNOWN_PREVIOUS,
    APP_DIR: config.appDir,
    DEPLOY_HOST: host.label,
    GIT_SHA: config.run.sha ?? '',
  };
  if (config.strategy === 'release') env['RELEASE_DIR'] = `${config.appDir}/releases/${ctx.releaseId}`;
  if (config.compose) env['DEPLOY_IMAGE'] = config.compose.image;
  const bg = config.compose?.blueGreen;
  if (bg) {
    const color = idleColor(ctx.previous);
    env['DEPLOY_COLOR'] = color ?? '<idle color>';
    env['DEPLOY_PORT'] = color ? String(bg.ports[color]) : '<idle port>';
  }
  return env;
}

/** The health gate step, run in `cwd` (app-dir, or the new release), when health-command is set. */
export function healthSteps(config: DeployConfig, cwd: string): Step[] {
  if (!config.health) return [];
  return [{ kind: 'health', title: 'health-command', gate: config.health, cwd }];
}

/** The plan for one host. Pure: the same inputs give the same plan. */
export function planHost(config: DeployConfig, host: SshHost, ctx: PlanContext): HostPlan {
  const strategy =
    config.strategy === 'compose'
      ? config.compose?.blueGreen
        ? blueGreenPhases(config, ctx)
        : composePhases(config, ctx)
      : config.strategy === 'release'
        ? releasePhases(config, ctx)
        : config.strategy === 'stack'
          ? stackPhases(config, ctx)
          : scriptPhases(config, ctx);
  return {
    host,
    releaseId: ctx.releaseId,
    previous: ctx.previous,
    env: commandEnv(config, host, ctx),
    ...strategy,
  };
}

function describeStep(step: Step): string {
  if (step.kind === 'upload')
    return `${step.title}: ${step.local} → ${step.remote} (SFTP${step.archive ? ', one archive' : ''})`;
  if (step.kind === 'stack') return describeStackStep(step);
  return describeRemoteStep(step);
}

/** The full plan of every host as text: what `dry-run: true` prints. */
export function formatPlan(config: DeployConfig, plans: readonly HostPlan[]): string {
  const out: string[] = [];
  const first = plans[0];
  out.push(
    `Strategy ${config.strategy}, release ${first?.releaseId ?? '?'}, app-dir ${config.appDir}, ` +
      `${plans.length} host(s), parallel ${config.parallel === 0 ? 'all' : config.parallel}, fail-fast ${config.failFast}.`,
  );
  if (config.ssh.jump) out.push(`Every connection goes through the jump host ${config.ssh.jump.host.label}.`);
  if (config.rolling) {
    const batches = planBatches(plans.length, config.rolling.batch);
    out.push(
      `Rolling: batches ${batches.map((b) => `[${b.map((i) => plans[i]?.host.label ?? '?').join(', ')}]`).join(' → ')}` +
        `${config.rolling.waitMs > 0 ? `, ${config.rolling.waitMs / 1000}s between batches` : ''}; ` +
        'a failing batch stops the rollout and rolls back the hosts of earlier batches.',
    );
  }
  for (const plan of plans) {
    out.push('', `Host ${plan.host.label}`);
    out.push(
      `  1. Connect (key ${config.ssh.keyFingerprint}; retry transient failures for up to ${config.ssh.connectTimeoutMs / 1000}s)`,
    );
    out.push(
      `  2. Lock ${config.appDir}/.ops-actions/lock (wait up to ${config.lock.timeoutMs / 1000}s; ` +
        `break it when older than ${config.lock.staleAfterMs > 0 ? `${config.lock.staleAfterMs / 1000}s` : 'never'}), read the release history`,
    );
    let n = 3;
    for (const phase of plan.phases) {
      out.push(`  ${n++}. ${phase.name}${phase.commits ? ' (goes live here)' : ''}`);
      for (const step of phase.steps) out.push(`     - ${describeStep(step)}`);
    }
    out.push(`  ${n}. Append the outcome to ${config.appDir}/.ops-actions/history.jsonl, release the lock`);
    if (plan.undoBeforeCommit.length > 0) {
      out.push('  On failure before going live:');
      for (const step of plan.undoBeforeCommit) out.push(`     - ${describeStep(step)}`);
    }
    if (plan.undoAfterCommit.length > 0) {
      out.push('  On failure after going live:');
      for (const step of plan.undoAfterCommit) out.push(`     - ${describeStep(step)}`);
    }
  }
  if (config.stack) {
    out.push(
      '',
      `The stack file as it is deployed (${config.stack.fileInput}, images and update settings set):`,
    );
    out.push(indentLines(config.stack.rendered.yaml.replace(/\n+$/, ''), '  '));
  }
  out.push('', `Environment of user commands: ${Object.keys(first?.env ?? {}).join(', ')}.`);
  if (!first?.previous.known) out.push(`${UNKNOWN_PREVIOUS} is what the host runs when the deploy starts.`);
  return out.join('\n');
}
