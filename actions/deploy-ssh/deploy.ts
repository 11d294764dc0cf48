// Executes deploy plans: connect, lock, read what each host runs now, run the strategy's phases
// across hosts (lib/deploy/fleet), undo failures, record the outcome in each host's history and
// release the locks.
import { type FleetHost, type FleetPhase, runFleet } from '../../lib/deploy/fleet.js';
import {
  appendHistoryScript,
  currentRelease,
  foldHistory,
  reusedReleaseError,
  type HistoryEntry,
} from '../../lib/deploy/history.js';
import type { LockInfo, SavedLocks } from '../../lib/deploy/lock.js';
import { connectAndLockPhases, type LockedHostData, recordAndUnlock } from '../../lib/deploy/locked-fleet.js';
import { parseImageLine } from '../../lib/deploy/compose.js';
import { composeImagesOf } from '../../lib/deploy/image-lines.js';
import { forHost } from '../../lib/deploy/paths.js';
import { parsePruned } from '../../lib/deploy/release.js';
import { planBatches } from '../../lib/deploy/rolling.js';
import { logStep, runRemoteStep } from '../../lib/deploy/steps.js';
import { runStackStep, StackDeployError, type StackStatus } from '../../lib/deploy/swarm.js';
import { abortableSleep } from '../../lib/retry.js';
import { type DeployState, parseState, readStateScript, type StateQuery } from '../../lib/deploy/state.js';
import { formatDuration } from '../../lib/duration.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import type { SshLogger } from '../../lib/ssh/connection.js';
import { runnerLogger } from '../../lib/ssh/connection.js';
import type { SshHost } from '../../lib/ssh/host.js';
import { SshPool } from '../../lib/ssh/pool.js';
import { uploadDirectory, uploadFile } from '../../lib/ssh/sftp.js';
import type { DeployConfig } from './inputs.js';
import { type HostPlan, type PreviousState, planHost, type Step } from './plan.js';
import { DEPLOY_OUTPUT_NAMES } from './outputs.js';
import { blueGreenStateFiles, idleColor, liveColorFromUpstream } from './strategy-blue-green.js';
import { composeSettings } from './strategy-compose.js';

export type HostResult = 'succeeded' | 'failed' | 'cancelled' | 'rolled-back';

export interface HostReport {
  host: string;
  result: HostResult;
  durationMs: number;
  releaseId: string;
  previousReleaseId?: string;
  /** strategy compose: the image the host ran before (what a way back deploys). */
  previousImage?: string;
  /** strategy compose: every image the host ran before, variable → reference. */
  previousImages?: Record<string, string>;
  /** The phase it failed or was cancelled in. */
  phase?: string;
  error?: string;
  /** Releases removed by keep-releases. */
  pruned?: string[];
  /** Rolling deploy: the batch (1 = the canary). */
  batch?: number;
  /** zero-downtime: the color the release runs as (live when it succeeded). */
  color?: string;
  /** The step outputs this host's scripts wrote to $OPS_OUTPUT (also when they failed). */
  outputs?: Record<string, string>;
  /** strategy stack: each service's replicas and image, and how the update ended. */
  stack?: StackStatus;
}

/** Rolling deploy: one batch and how it ended. */
export interface BatchReport {
  batch: number;
  hosts: string[];
  result: 'deployed' | 'failed' | 'rolled back' | 'not started';
}

export interface DeployResult {
  strategy: DeployConfig['strategy'];
  releaseId: string;
  previousReleaseId?: string;
  previousImage?: string;
  /** strategy compose: every previous image (of the first host that had one), variable → reference. */
  previousImages?: Record<string, string>;
  hosts: HostReport[];
  durationMs: number;
  batches?: BatchReport[];
}

interface HostData extends LockedHostData {
  plan?: HostPlan;
  previous?: PreviousState;
  /** A strategy phase started: the outcome is recorded in the history. */
  started: boolean;
  /** A strategy step succeeded: the host may have changed, so a failure is undone. */
  changed: boolean;
  /** A step of the committing phase succeeded: the new release may be live (undoAfterCommit). */
  live: boolean;
  pruned: string[];
  /** The step outputs its scripts set ($OPS_OUTPUT), in the order first set. */
  outputs: Record<string, string>;
  /** This host's configuration (app-dir with {host}/{port} replaced). */
  config: DeployConfig;
  /** Rolling deploy: the batch index (0 = the canary). */
  batch?: number;
  /** Rolling deploy stopped by a failed batch: what happened to this host. */
  rollout?: 'rolled-back' | 'rollback-failed' | 'not-started';
  /** strategy stack: the services as last read. */
  stack?: StackStatus;
}

export interface DeployOptions {
  releaseId: string;
  token: string;
  lockInfo: LockInfo;
  /** Called before any lock is taken, so a post step can release them if this process dies. */
  onLocking?: (saved: SavedLocks) => void;
  /** Settles before any lock is taken; the hosts connect meanwhile (e.g. a GitHub deployment being created). */
  beforeLock?: Promise<unknown>;
  /** Called once every lock this run took is released. */
  onUnlocked?: () => void;
  logger?: SshLogger;
  group?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Cancels the deploy (SIGINT/SIGTERM): running commands stop, failures are undone, locks released. */
  signal?: AbortSignal;
  now?: () => Date;
}

export async function deploy(config: DeployConfig, opts: DeployOptions): Promise<DeployResult> {
  const logger = opts.logger ?? runnerLogger;
  const started = Date.now();
  const pool = new SshPool(config.ssh, { logger, signal: opts.signal });
  const secrets = [config.compose?.login?.password, config.stack?.login?.password];
  const run = (h: FleetHost<HostData>, step: Step, signal: AbortSignal | undefined): Promise<void> =>
    runStep(config, h, step, { logger, secrets, signal });

  // every host has the same phases; their commands are planned per host once its state is read
  const template = planHost(config, config.ssh.hosts[0] as SshHost, {
    releaseId: opts.releaseId,
    token: opts.token,
    previous: { known: false },
  });
  const phases: FleetPhase<HostData>[] = connectAndLockPhases<HostData>({
    pool,
    logger,
    lockInfo: opts.lockInfo,
    lock: config.lock,
    beforeLock: opts.beforeLock,
    appDir: (h) => h.data.config.appDir,
    readState: (h) => readStateScript(h.data.config.appDir, stateQuery(h.data.config)),
    onLocked: (h, state) => {
      const c = h.data.config;
      const parsed = parseState(state);
      // checked under the lock, before anything runs: the same in every strategy
      const reused = reusedReleaseError(parsed.history, opts.releaseId);
      if (reused) throw new Error(reused);
      const previous = previousFrom(c, parsed);
      h.data.previous = previous;
      h.data.plan = planHost(c, h.host, { releaseId: opts.releaseId, token: opts.token, previous });
      return `; running now: ${previous.releaseId ?? 'no release yet'}${previous.image ? ` (${previous.image})` : ''}`;
    },
  });
  const strategyPhase = (name: string, commits: boolean | undefined): FleetPhase<HostData> => ({
    name,
    commits,
    run: async (h) => {
      const phase = need(h.data.plan).phases.find((p) => p.name === name);
      if (!phase) return;
      h.data.started = true;
      for (const step of phase.steps) {
        await run(h, step, h.signal);
        h.data.changed = true;
        if (h.committed) h.data.live = true;
      }
    },
  });
  const batches = config.rolling ? planBatches(config.ssh.hosts.length, config.rolling.batch) : undefined;
  const rollout: { failedBatch?: number } = {};
  if (!batches) {
    phases.push(...template.phases.map((p) => strategyPhase(p.name, p.commits)));
  } else {
    const waitMs = config.rolling?.waitMs ?? 0;
    batches.forEach((_, b) => {
      const inBatch = (h: FleetHost<HostData>): boolean =>
        h.data.batch === b && rollout.failedBatch === undefined;
      if (b > 0 && waitMs > 0) {
        phases.push({
          name: `Batch ${b + 1}: wait ${formatDuration(waitMs)}`,
          skip: (h) => !inBatch(h),
          run: (h) => abortableSleep(waitMs, h.signal),
        });
      }
      for (const p of template.phases) {
        const inner = strategyPhase(p.name, p.commits);
        phases.push({
          name: `Batch ${b + 1}${b === 0 ? ' (canary)' : ''}: ${p.name}`,
          commits: p.commits,
          skip: (h) => !inBatch(h),
          run: async (h) => {
            try {
              await inner.run(h);
            } catch (error) {
              rollout.failedBatch ??= b;
              throw error;
            }
          },
        });
      }
    });
    phases.push({
      name: 'Roll back',
      skip: () => rollout.failedBatch === undefined,
      run: async (h) => {
        const failed = (rollout.failedBatch ?? 0) + 1;
        if (!h.data.started) {
          h.data.rollout = 'not-started';
          throw new Error(`not deployed: batch ${failed} failed, the rollout stopped`);
        }
        const plan = need(h.data.plan);
        if (plan.undoAfterCommit.length === 0) {
          logger.warning(
            `${h.host.label}: batch ${failed} failed, but strategy ${config.strategy} has nothing to undo: this host keeps ${opts.releaseId}.`,
          );
          return;
        }
        logger.info(
          `[${h.host.label}] rolling back (batch ${failed} failed): ${plan.undoAfterCommit.map((s) => s.title).join('; ')}`,
        );
        h.data.rollout = 'rollback-failed';
        for (const step of plan.undoAfterCommit) await run(h, step, h.signal);
        h.data.rollout = 'rolled-back';
        throw new Error(
          `rolled back to ${h.data.previous?.releaseId ?? 'the state before the deploy'}: batch ${failed} failed`,
        );
      },
    });
  }

  opts.onLocking?.({ appDir: config.appDir, token: opts.token, hosts: config.ssh.hosts.map((h) => h.label) });
  let fleet: FleetHost<HostData>[];
  try {
    fleet = await runFleet<HostData>({
      hosts: config.ssh.hosts,
      init: (host) => ({
        locked: false,
        started: false,
        changed: false,
        live: false,
        pruned: [],
        outputs: {},
        config: hostConfig(config, host),
        batch: batches?.findIndex((b) => b.includes(config.ssh.hosts.indexOf(host))),
      }),
      phases,
      parallel: batches ? 0 : config.parallel,
      failFast: config.failFast,
      hostTimeoutMs: config.hostTimeoutMs,
      logger,
      group: opts.group,
      signal: opts.signal,
      undo: async (h) => {
        const plan = h.data.plan;
        if (h.data.rollout) return; // the rollback already ran its undo
        if (h.data.lockLost) return; // another deploy holds the lock now: its changes are not ours to undo
        if (!plan || !h.data.changed || !h.data.conn || h.data.conn.isClosed) return;
        // a failure in the very first step of going live (e.g. the switch itself) left nothing live
        const steps = h.data.live ? plan.undoAfterCommit : plan.undoBeforeCommit;
        if (steps.length === 0) return;
        logger.info(`[${h.host.label}] undoing: ${steps.map((s) => s.title).join('; ')}`);
        for (const step of steps) await run(h, step, undefined);
      },
      finishName: 'Record and unlock',
      finish: async (h) => {
        const c = h.data.config;
        const record = h.data.started ? appendHistoryScript(c.appDir, historyEntry(c, opts, h)) : undefined;
        await recordAndUnlock(h, { appDir: c.appDir, token: opts.token, record, logger });
      },
    });
  } finally {
    await pool.closeAll();
  }
  if (fleet.every((h) => !h.data.locked)) opts.onUnlocked?.();

  const hosts: HostReport[] = fleet.map((h) => ({
    host: h.host.label,
    result:
      h.status === 'succeeded'
        ? 'succeeded'
        : h.data.rollout === 'rolled-back'
          ? 'rolled-back'
          : h.status === 'cancelled' || h.data.rollout === 'not-started'
            ? 'cancelled'
            : 'failed',
    batch: h.data.batch === undefined ? undefined : h.data.batch + 1,
    durationMs: h.durationMs,
    releaseId: opts.releaseId,
    previousReleaseId: h.data.previous?.releaseId,
    previousImage: h.data.previous?.image,
    previousImages:
      h.data.previous?.images && Object.keys(h.data.previous.images).length > 0
        ? h.data.previous.images
        : undefined,
    color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
    phase: h.status === 'succeeded' ? undefined : h.failedPhase,
    error: h.status === 'succeeded' ? undefined : errorMessage(h.error),
    pruned: h.data.pruned.length > 0 ? h.data.pruned : undefined,
    outputs: Object.keys(h.data.outputs).length > 0 ? h.data.outputs : undefined,
    stack: h.data.stack,
  }));
  return {
    strategy: config.strategy,
    releaseId: opts.releaseId,
    previousReleaseId: hosts.find((h) => h.previousReleaseId !== undefined)?.previousReleaseId,
    previousImage: hosts.find((h) => h.previousImage !== undefined)?.previousImage,
    previousImages: hosts.find((h) => h.previousImages !== undefined)?.previousImages,
    hosts,
    durationMs: Date.now() - started,
    batches: batches ? batchReports(batches, hosts) : undefined,
  };
}

/** How each batch ended, from its hosts' results. Pure. */
export function batchReports(batches: readonly number[][], hosts: readonly HostReport[]): BatchReport[] {
  return batches.map((indexes, b) => {
    const hs = indexes.map((i) => hosts[i]).filter((h): h is HostReport => h !== undefined);
    const result: BatchReport['result'] = hs.every((h) => h.result === 'succeeded')
      ? 'deployed'
      : hs.some((h) => h.result === 'failed')
        ? 'failed'
        : hs.some((h) => h.result === 'rolled-back')
          ? 'rolled back'
          : 'not started';
    return { batch: b + 1, hosts: hs.map((h) => h.host), result };
  });
}

/** The configuration for one host: `{host}` and `{port}` in app-dir replaced. */
export function hostConfig(config: DeployConfig, host: SshHost): DeployConfig {
  return forHost(config, host);
}

function need<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('internal: a previous phase did not complete');
  return v;
}

/** What the host runs now: the `current` link (release), the env file (compose), else the history. */
export function previousFrom(config: DeployConfig, state: DeployState): PreviousState {
  const fromHistory = currentRelease(foldHistory(state.history));
  const c = config.compose;
  const recorded =
    c && fromHistory ? composeImagesOf(fromHistory.record, c.settings.imageVariable) : undefined;
  const bg = c?.blueGreen;
  if (c && bg) {
    // the upstream file says which color is live; the history when there is no upstream file yet
    const files = state.files ?? {};
    const recordedColor = fromHistory?.record.color;
    const color =
      files['upstream'] !== undefined
        ? liveColorFromUpstream(bg, files['upstream'])
        : recordedColor === 'blue' || recordedColor === 'green'
          ? recordedColor
          : undefined;
    const envText = color ? files[`env-${color}`] : undefined;
    const images = envText === undefined ? {} : envValues(envText, Object.keys(c.images));
    let releaseId = color ? fromHistory?.id : undefined;
    if (
      recorded &&
      !sameImages(recorded, envText === undefined ? {} : envValues(envText, Object.keys(recorded)))
    )
      releaseId = undefined;
    return { known: true, releaseId, image: firstImage(c, images), images, color };
  }
  let releaseId = fromHistory?.id;
  if (config.strategy === 'release') releaseId = state.currentRelease;
  if (!c) return { known: true, releaseId, image: state.image };
  const env = { ...(state.images ?? {}) };
  if (state.image !== undefined) env[c.settings.imageVariable] = state.image;
  // the env file was changed by hand since: the history no longer says what runs
  if (recorded && !sameImages(recorded, env)) releaseId = undefined;
  const images = Object.fromEntries(
    Object.keys(c.images)
      .filter((v) => env[v] !== undefined)
      .map((v) => [v, env[v] as string]),
  );
  return { known: true, releaseId, image: firstImage(c, images), images };
}

/** The previous value of the deploy's first variable (image-variable when `image` is given). */
function firstImage(
  c: NonNullable<DeployConfig['compose']>,
  images: Record<string, string>,
): string | undefined {
  return images[Object.keys(c.images)[0] ?? c.settings.imageVariable];
}

/** Whether the env file still holds what the release recorded (a variable it no longer has is not a change). */
function sameImages(recorded: Record<string, string>, env: Record<string, string>): boolean {
  return Object.entries(recorded).every(([v, ref]) => env[v] === undefined || env[v] === ref);
}

/** The last `NAME=value` of each of `names` in an env file's text. */
function envValues(text: string, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    const value = m?.[1] && names.includes(m[1]) ? parseImageLine(m[2] ?? '') : undefined;
    if (m?.[1] && value !== undefined) out[m[1]] = value;
  }
  return out;
}

function stateQuery(config: DeployConfig): StateQuery {
  if (config.compose?.blueGreen) return { files: blueGreenStateFiles(config) };
  return {
    release: config.strategy === 'release',
    compose: config.strategy === 'compose' ? composeSettings(config) : undefined,
    variables: config.compose ? Object.keys(config.compose.images) : undefined,
  };
}

function historyEntry(config: DeployConfig, opts: DeployOptions, h: FleetHost<HostData>): HistoryEntry {
  const ok = h.status === 'succeeded';
  return {
    id: opts.releaseId,
    outcome: ok ? 'deployed' : h.data.rollout === 'rolled-back' ? 'rolled-back' : 'failed',
    time: (opts.now?.() ?? new Date()).toISOString(),
    strategy: config.strategy,
    image: config.compose?.image,
    // compose records its images only when it set more than image-variable: entries of one image
    // stay as they always were
    images: config.stack?.rendered.images ?? composeImagesRecord(config),
    stack: config.stack?.name,
    color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
    artifact: config.release?.sourceInput,
    sha: config.run.sha,
    ref: config.run.ref,
    runId: config.run.runId,
    runAttempt: config.run.runAttempt,
    actor: config.run.actor,
    repository: config.run.repository,
    previous: h.data.previous?.releaseId,
    host: h.host.label,
    durationMs: h.durationMs || Date.now() - h.startedAt,
    note: ok ? undefined : `${h.failedPhase ?? ''}: ${errorMessage(h.error).split('\n')[0]}`.slice(0, 500),
  };
}

function composeImagesRecord(config: DeployConfig): Record<string, string> | undefined {
  const c = config.compose;
  if (!c) return undefined;
  const names = Object.keys(c.images);
  return names.length === 1 && names[0] === c.settings.imageVariable ? undefined : c.images;
}

interface StepContext {
  logger: SshLogger;
  secrets: (string | undefined)[];
  signal: AbortSignal | undefined;
}

async function runStep(
  config: DeployConfig,
  h: FleetHost<HostData>,
  step: Step,
  ctx: StepContext,
): Promise<void> {
  const conn = need(h.data.conn);
  if (step.kind === 'stack') {
    await logStep(ctx.logger, h.host.label, step.title, async () => {
      try {
        h.data.stack = await runStackStep(conn, step, {
          ...ctx,
          commandTimeoutMs: config.commandTimeoutMs,
          notes: config.stack?.rendered.defaults,
        });
      } catch (error) {
        if (error instanceof StackDeployError) h.data.stack = error.status;
        throw error;
      }
    });
    return;
  }
  if (step.kind === 'upload') {
    await logStep(ctx.logger, h.host.label, step.title, async () => {
      // the step's abort signal (host-timeout, cancel) and command-timeout end a stalled transfer
      const limits = {
        signal: ctx.signal,
        timeoutMs: config.commandTimeoutMs,
        timeoutInput: 'command-timeout',
      };
      if (step.archive) return uploadFile(conn, step.local, step.remote, 0o600, limits);
      const stats = await uploadDirectory(conn, step.local, step.remote, limits);
      ctx.logger.info(
        `[${h.host.label}] uploaded ${stats.files} files, ${stats.dirs} directories, ${stats.symlinks} symlinks (${(stats.bytes / 1024).toFixed(0)} KiB)`,
      );
    });
    return;
  }
  const r = await runRemoteStep(step, {
    ...ctx,
    conn,
    shell: config.shell,
    env: need(h.data.plan).env,
    commandTimeoutMs: config.commandTimeoutMs,
    registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
    outputs: {
      reserved: DEPLOY_OUTPUT_NAMES,
      set: (values) => Object.assign(h.data.outputs, values),
    },
  });
  if (step.kind === 'exec' && step.output === 'pruned' && r) h.data.pruned = parsePruned(r.stdout);
}

/** The error main throws when some hosts failed: names each failed host and its reason. */
export function deployError(result: DeployResult): OperationError | undefined {
  const failed = result.hosts.filter((h) => h.result !== 'succeeded');
  if (failed.length === 0) return undefined;
  const lines = failed.map((h) => {
    const error = (h.error ?? '').startsWith(`${h.host}: `)
      ? (h.error ?? '').slice(h.host.length + 2)
      : (h.error ?? '');
    return `  ${h.host} (${h.result}${h.phase ? ` in ${h.phase}` : ''}): ${error.split('\n').join('\n    ')}`;
  });
  return new OperationError(
    `Deploy of ${result.releaseId} failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`,
    { failed: failed.map((h) => h.host) },
  );
}
