// An SSH rollback is data before it is anything else: for each host, the exact remote commands
// that bring the chosen release back, the health gate, what undoes a failure, and the history
// lines written on success. `dry-run` prints this; rollback-ssh.ts executes it.
import {
  registryOf,
  restoreImageScript,
  setImagesScript,
  upCommand,
  type ComposeSettings,
} from '../../lib/deploy/compose.js';
import { type HistoryEntry, historyPath, markEntry } from '../../lib/deploy/history.js';
import { formatImageLines } from '../../lib/deploy/image-lines.js';
import { lockPath } from '../../lib/deploy/lock.js';
import { releaseDir, switchCurrentScript } from '../../lib/deploy/release.js';
import { describeRemoteStep, registryLoginStep, type RemoteStep } from '../../lib/deploy/steps.js';
import {
  describeStackStep,
  rollbackUnfinishedScript,
  stackDeployCommand,
  stackFilePath,
  type StackStep,
} from '../../lib/deploy/swarm.js';
import { shellQuote } from '../../lib/quote.js';
import { type Decision, type HostChoice, NoRollbackTargetError } from './choose.js';
import type { RunInfo, SshRollbackConfig } from './inputs.js';

/** A step of a rollback: one of our commands, the user's after-switch, the health gate, or a stack deploy. */
export type Step = RemoteStep | StackStep;

function describeStep(step: Step): string {
  return step.kind === 'stack' ? describeStackStep(step) : describeRemoteStep(step);
}

export interface HostPlan {
  host: string;
  choice: HostChoice;
  /** The environment of the user's commands (the `env` input plus RELEASE_ID, APP_DIR, …). */
  env: Record<string, string>;
  /** Before anything changes: a failure here leaves the host untouched. */
  prepare: Step[];
  /** Brings the release back (the host changes from the first step on). */
  activate: Step[];
  /** After a failure in activate: put back what ran before. */
  undo: Step[];
  /** Appended to the host's history once it runs the release again. */
  record: HistoryEntry[];
}

export interface PlanContext {
  /** Random per run: names temporary files and holds the lock. */
  token: string;
  reason: string;
  run: RunInfo;
  now: Date;
}

export function composeSettings(config: SshRollbackConfig): ComposeSettings {
  if (!config.compose) throw new Error('internal: compose settings missing');
  return { ...config.compose.settings, appDir: config.appDir };
}

function commandEnv(config: SshRollbackConfig, choice: HostChoice): Record<string, string> {
  const to = choice.to;
  const env: Record<string, string> = {
    ...config.env,
    RELEASE_ID: to.id ?? '',
    PREVIOUS_RELEASE_ID: choice.from.id ?? '',
    APP_DIR: config.appDir,
    DEPLOY_HOST: choice.host,
    GIT_SHA: to.sha ?? '',
  };
  if (config.strategy === 'release' && to.id) env['RELEASE_DIR'] = releaseDir(config.appDir, to.id);
  if (config.strategy === 'compose' && to.image) env['DEPLOY_IMAGE'] = to.image;
  return env;
}

/** The plan for one host. Pure. A host that already runs the release gets no steps. */
export function planHost(config: SshRollbackConfig, choice: HostChoice, ctx: PlanContext): HostPlan {
  const env = commandEnv(config, choice);
  const plan: HostPlan = { host: choice.host, choice, env, prepare: [], activate: [], undo: [], record: [] };
  if (choice.noop) return plan;
  const { from, to } = choice;
  const health = (cwd: string): Step[] =>
    config.health ? [{ kind: 'health', title: 'health-command', gate: config.health, cwd }] : [];

  if (config.strategy === 'stack') {
    planStack(config, choice, plan);
  } else if (config.strategy === 'compose') {
    const s = composeSettings(config);
    const image = to.image ?? '';
    const compose = s.command.join(' ');
    const login = config.compose?.login;
    if (login) {
      const registry = login.registry ?? registryOf(image);
      plan.prepare.push(registryLoginStep(registry, login.username));
    }
    const up = {
      kind: 'exec' as const,
      title: `${compose} up -d --remove-orphans --wait`,
      command: upCommand(s),
    };
    // a deploy of several images comes back whole: every image of the entry, in one env-file write
    const images = to.images ?? { [s.imageVariable]: image };
    const listed = formatImageLines(images).split('\n').join(', ');
    const fromListed = from.images ? formatImageLines(from.images).split('\n').join(', ') : undefined;
    plan.activate.push(
      {
        kind: 'exec',
        title: `set ${listed} in ${s.envFile}`,
        command: setImagesScript(s, images),
      },
      up,
      ...health(config.appDir),
    );
    plan.undo.push(
      {
        kind: 'exec',
        title: `restore ${s.envFile} (${fromListed ?? `${s.imageVariable}=${from.image ?? 'none'}`})`,
        command: restoreImageScript(s),
      },
      { ...up, title: `${compose} up the image that ran before, ${from.image ?? 'none'}` },
    );
  } else {
    const id = to.id ?? '';
    const dir = releaseDir(config.appDir, id);
    // the gate runs inside the release before it goes live: a failing release never becomes current
    plan.prepare.push(...health(dir));
    plan.activate.push({
      kind: 'exec',
      title: `switch current → releases/${id}`,
      command: switchCurrentScript(config.appDir, id, ctx.token),
    });
    if (config.afterSwitch)
      plan.activate.push({ kind: 'script', title: 'after-switch', script: config.afterSwitch, cwd: dir });
    if (from.id) {
      const back = releaseDir(config.appDir, from.id);
      plan.undo.push({
        kind: 'exec',
        title: `switch current back → releases/${from.id}`,
        command: switchCurrentScript(config.appDir, from.id, ctx.token),
      });
      if (config.afterSwitch) {
        plan.undo.push({
          kind: 'script',
          title: 'after-switch (the release that ran before)',
          script: config.afterSwitch,
          cwd: back,
          env: { RELEASE_ID: from.id, RELEASE_DIR: back, PREVIOUS_RELEASE_ID: id, GIT_SHA: from.sha ?? '' },
        });
      }
    }
  }
  plan.record = historyRecord(config, choice, ctx);
  return plan;
}

/** The stack a target swarm rollback deploys: stack-name, else the one the history recorded. */
export function stackNameOf(config: SshRollbackConfig, choice: HostChoice): string {
  const name = config.stack?.name ?? choice.to.stack ?? choice.from.stack;
  if (name === undefined) {
    throw new NoRollbackTargetError(
      `${choice.host}: the history does not say which stack release ${choice.to.id ?? '?'} was deployed as: give stack-name.`,
    );
  }
  return name;
}

/**
 * target swarm: the release comes back by deploying the stack file it deployed (kept on the
 * manager by deploy-ssh): its images and every other setting of that release, for every service
 * at once. `docker service rollback` would only go back one step per service — after Swarm rolled
 * a failed update back itself, its previous spec is the failed one — while the history knows the
 * release. The deploy is followed until every service converged; Swarm rolls a failing update back
 * itself (failure_action rollback was filled in), and what still updates at a timeout is rolled back.
 */
function planStack(config: SshRollbackConfig, choice: HostChoice, plan: HostPlan): void {
  const s = config.stack;
  if (!s) throw new Error('internal: stack settings missing');
  const { to } = choice;
  const id = to.id ?? '';
  const services = Object.keys(to.images ?? {});
  if (services.length === 0) {
    throw new NoRollbackTargetError(
      `${choice.host}: the history records no service images for release ${id || '?'}: it was not deployed with strategy stack.`,
    );
  }
  const stack = stackNameOf(config, choice);
  const file = stackFilePath(config.appDir, id);
  if (s.login)
    plan.prepare.push(
      registryLoginStep(
        s.login.registry ?? registryOf(to.images?.[services[0] ?? ''] ?? ''),
        s.login.username,
      ),
    );
  plan.prepare.push({
    kind: 'exec',
    title: `check that the stack file of ${id} is on the manager (${file})`,
    command: `test -f ${shellQuote(file)} || { echo ${shellQuote(`the stack file of release ${id} is missing: ${file}`)} >&2; exit 1; }`,
  });
  const images = services.map((name) => `${name}=${to.images?.[name] ?? '?'}`).join(', ');
  plan.activate.push({
    kind: 'stack',
    title: `docker stack deploy ${stack} with the stack file of ${id} (${images}), then follow until converged (up to ${s.convergeTimeoutMs / 1000}s)`,
    command: stackDeployCommand({ stack, file }),
    stack,
    services,
    timeoutMs: s.convergeTimeoutMs,
    intervalMs: s.pollIntervalMs,
  });
  plan.undo.push({
    kind: 'exec',
    title: `roll back the services of ${stack} still updating`,
    command: rollbackUnfinishedScript(stack),
  });
}

/**
 * What the history gets once a host runs the release again: the release rolled back from is
 * marked bad (so a later `previous` never returns to it), and the restored release is recorded as
 * deployed again (it is current from now on).
 */
export function historyRecord(
  config: SshRollbackConfig,
  choice: HostChoice,
  ctx: PlanContext,
): HistoryEntry[] {
  const { from, to } = choice;
  const time = ctx.now.toISOString();
  const who = {
    runId: ctx.run.runId,
    runAttempt: ctx.run.runAttempt,
    actor: ctx.run.actor,
    repository: ctx.run.repository,
    host: choice.host,
  };
  const lines: HistoryEntry[] = [];
  if (from.id && from.id !== to.id) {
    lines.push(
      markEntry(from.id, 'bad', {
        ...who,
        time,
        note: `rolled back to ${to.id ?? to.image ?? '?'}: ${ctx.reason}`,
      }),
    );
  }
  lines.push({
    id: to.id ?? to.image ?? 'unknown',
    outcome: 'deployed',
    time,
    strategy: config.strategy,
    image: to.image,
    images: to.images,
    stack: config.strategy === 'stack' ? stackNameOf(config, choice) : undefined,
    sha: to.sha,
    ...who,
    previous: from.id,
    note: `rollback from ${from.id ?? from.image ?? 'an unknown release'}: ${ctx.reason}`,
  });
  return lines;
}

/**
 * The whole rollback as text: what `dry-run` prints. `revert` describes migrate-down, which runs
 * once, between the last check and the first host going live.
 */
export function formatPlan(
  config: SshRollbackConfig,
  decision: Decision,
  plans: readonly HostPlan[],
  revert?: string,
): string {
  const out: string[] = [];
  const to = decision.to;
  out.push(
    `Roll back (strategy ${config.strategy}, app-dir ${config.appDir}) from ${decision.from.join(', ') || '—'} to ` +
      `${to.id ?? '?'}${to.image && to.image !== to.id ? ` (${to.image})` : ''}${to.source === 'github' ? ', found in the GitHub deployments' : ''}, ` +
      `${plans.length} host(s).`,
  );
  for (const plan of plans) {
    out.push('', `Host ${plan.host}: runs ${plan.choice.from.id ?? plan.choice.from.image ?? '?'} now`);
    for (const note of plan.choice.notes) out.push(`  note: ${note}`);
    if (plan.choice.noop) {
      out.push(`  already runs ${to.id ?? to.image}: nothing to do`);
      continue;
    }
    out.push(
      `  1. Lock ${lockPath(config.appDir)} (wait up to ${config.lock.timeoutMs / 1000}s) and read the release state again`,
    );
    let n = 2;
    for (const step of plan.prepare) out.push(`  ${n++}. ${describeStep(step)}`);
    if (revert) out.push(`  ${n++}. ${revert} (once for all hosts, before any host goes live)`);
    for (const step of plan.activate)
      out.push(`  ${n++}. ${describeStep(step)}${step === plan.activate[0] ? '   (goes live here)' : ''}`);
    out.push(`  ${n}. Append to ${historyPath(config.appDir)} and release the lock:`);
    for (const e of plan.record) out.push(`        ${e.id}: ${e.outcome} (${e.note ?? ''})`);
    if (plan.undo.length > 0) {
      out.push('  On failure after going live:');
      for (const step of plan.undo) out.push(`     - ${describeStep(step)}`);
    }
  }
  return out.join('\n');
}
