// Executes an SSH rollback across the hosts (lib/deploy/fleet): connect, take the deploy lock and
// read each host's state in the same round trip, decide where every host goes (nothing has changed
// yet, so a refusal touches nothing), run the health gate, revert the failed release's migrations
// (once, while its code is still deployed and the locks are held), bring the release back, undo a
// host whose rollback failed, then record the outcome in its history and release the lock.
import { appendHistoryScript } from '../../lib/deploy/history.js';
import { type FleetHost, type FleetPhase, runFleet } from '../../lib/deploy/fleet.js';
import type { LockInfo, SavedLocks } from '../../lib/deploy/lock.js';
import { connectAndLockPhases, type LockedHostData, recordAndUnlock } from '../../lib/deploy/locked-fleet.js';
import { forHost } from '../../lib/deploy/paths.js';
import { logStep, runRemoteStep } from '../../lib/deploy/steps.js';
import { runStackStep, StackDeployError, type StackStatus } from '../../lib/deploy/swarm.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { runnerLogger, type SshLogger } from '../../lib/ssh/connection.js';
import { SshPool } from '../../lib/ssh/pool.js';
import {
  chooseForHost,
  type Decision,
  decide,
  type GithubCandidate,
  type HostChoice,
  type HostSnapshot,
} from './choose.js';
import type { RunInfo, SshRollbackConfig, ToSpec } from './inputs.js';
import { formatPlan, type HostPlan, planHost, type Step } from './plan.js';
import { parseSnapshot, snapshotScript } from './snapshot.js';

export type HostResult = 'rolled-back' | 'unchanged' | 'failed' | 'cancelled';

export interface HostOutcome {
  host: string;
  result: HostResult;
  from: string | undefined;
  to: string | undefined;
  durationMs: number;
  /** The phase it failed or was cancelled in. */
  phase?: string;
  error?: string;
  /** After a failure: whether what ran before was put back (undefined: nothing had changed). */
  restored?: boolean;
  notes: string[];
  /** target swarm: each service's replicas and image as last read, and how the deploy ended. */
  stack?: StackStatus;
}

export interface SshRollbackResult {
  /** Where the hosts went (undefined when no decision could be made). */
  decision: Decision | undefined;
  hosts: HostOutcome[];
  /** When the rollback went live on the first host: for the time-to-restore measurement. */
  durationMs: number;
}

export interface SshRollbackOptions {
  to: ToSpec;
  /** Roll back only hosts running this release (the `from` input). */
  onlyFrom?: string | undefined;
  token: string;
  lockInfo: LockInfo;
  reason: string;
  run: RunInfo;
  /** Asked for only when a host has no history and `to` is previous. */
  githubCandidate?: () => Promise<GithubCandidate | undefined>;
  /** Called once every host's target is known, before any host changes, when one will (GitHub: in_progress). */
  onDecided?: (decision: Decision) => Promise<void>;
  /** Called before any lock is taken, so a post step can release them if this process dies. */
  onLocking?: (saved: SavedLocks) => void;
  /** Called once every lock this run took is released. */
  onUnlocked?: () => void;
  /**
   * Runs once, after every changing host is prepared and before any of them changes, while the
   * locks are held and the failed release is still deployed (migrate-down: its migration files
   * are still there). A throw fails every host in this phase: nothing is switched.
   */
  beforeActivate?: () => Promise<void>;
  logger?: SshLogger;
  group?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
  now?: () => Date;
}

const CHOOSE = 'Choose the release';
/** The phase of `beforeActivate`. */
export const REVERT_MIGRATIONS = 'Revert the migrations';

interface HostData extends LockedHostData {
  snapshot?: HostSnapshot;
  plan?: HostPlan;
  /** A step of activate succeeded: the host changed, a failure is undone. */
  changed: boolean;
  restored?: boolean;
  stack?: StackStatus;
}

/** The configuration on one host: `{host}`/`{port}` in app-dir replaced, as deploy-ssh did. */
function onHost(config: SshRollbackConfig, label: string): SshRollbackConfig {
  const host = config.ssh.hosts.find((h) => h.label === label);
  return host ? forHost(config, host) : config;
}

function need<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('internal: a previous phase did not complete');
  return v;
}

export async function rollbackSsh(
  config: SshRollbackConfig,
  opts: SshRollbackOptions,
): Promise<SshRollbackResult> {
  const logger = opts.logger ?? runnerLogger;
  const started = Date.now();
  const pool = new SshPool(config.ssh, { logger, signal: opts.signal });
  const secrets = [config.compose?.login?.password, config.stack?.login?.password];
  const now = opts.now?.() ?? new Date();
  const data = new Map<string, HostData>();

  // every host's choice is made once all of them were read: phases run one after the other, so
  // when the first host reaches this phase, every host that is still in the rollback has its snapshot
  let decided: Promise<Decision> | undefined;
  const decideAll = (): Promise<Decision> => {
    decided ??= (async () => {
      const snapshots = config.ssh.hosts
        .map((host) => data.get(host.label)?.snapshot)
        .filter((s): s is HostSnapshot => s !== undefined);
      const needGithub =
        opts.to.kind === 'previous' &&
        snapshots.some((s) => s.state.history.length === 0) &&
        opts.githubCandidate;
      const github = needGithub ? await opts.githubCandidate?.() : undefined;
      const choices: HostChoice[] = snapshots.map((s) =>
        chooseForHost(config.strategy, s, opts.to, { github, onlyFrom: opts.onlyFrom }),
      );
      const decision = decide(config.strategy, choices);
      for (const choice of decision.hosts) {
        const d = data.get(choice.host);
        if (d)
          d.plan = planHost(onHost(config, choice.host), choice, {
            token: opts.token,
            reason: opts.reason,
            run: opts.run,
            now,
          });
      }
      if (decision.hosts.some((c) => !c.noop)) await opts.onDecided?.(decision);
      return decision;
    })();
    return decided;
  };

  const runSteps = async (
    h: FleetHost<HostData>,
    steps: readonly Step[],
    signal: AbortSignal | undefined,
    mark: boolean,
  ) => {
    for (const step of steps) {
      // a stack deploy changes the services before it can fail (Swarm rolls back what it started)
      if (mark && step.kind === 'stack') h.data.changed = true;
      await runStep(config, h, step, { logger, secrets, signal });
      if (mark) h.data.changed = true;
    }
  };
  const noop = (h: FleetHost<HostData>): boolean => h.data.plan?.choice.noop ?? false;
  // once for the whole fleet: every changing host waits for the same run
  let reverted: Promise<void> | undefined;
  const beforeActivate = opts.beforeActivate;

  const phases: FleetPhase<HostData>[] = [
    ...connectAndLockPhases<HostData>({
      pool,
      logger,
      lockInfo: opts.lockInfo,
      lock: config.lock,
      appDir: (h) => onHost(config, h.host.label).appDir,
      readState: (h) => snapshotScript(onHost(config, h.host.label)),
      onLocked: (h, state) => {
        h.data.snapshot = parseSnapshot(h.host.label, state);
        return '';
      },
    }),
    {
      name: CHOOSE,
      run: async (h) => {
        await decideAll();
        const plan = need(h.data.plan);
        const { from, to } = plan.choice;
        for (const note of plan.choice.notes) logger.warning(`${h.host.label}: ${note}`);
        logger.info(
          plan.choice.noop
            ? `[${h.host.label}] already runs ${to.id ?? to.image}: nothing to do`
            : `[${h.host.label}] runs ${from.id ?? from.image ?? '?'}; rolling back to ${to.id ?? '?'}${to.image && to.image !== to.id ? ` (${to.image})` : ''}`,
        );
      },
    },
    {
      name: 'Prepare',
      skip: (h) => noop(h) || (h.data.plan?.prepare.length ?? 0) === 0,
      run: (h) => runSteps(h, need(h.data.plan).prepare, h.signal, false),
    },
    {
      name: REVERT_MIGRATIONS,
      skip: (h) => noop(h) || !beforeActivate,
      run: async () => {
        reverted ??= beforeActivate?.();
        await reverted;
      },
    },
    {
      name: 'Activate',
      commits: true,
      skip: noop,
      run: (h) => runSteps(h, need(h.data.plan).activate, h.signal, true),
    },
  ];

  opts.onLocking?.({ appDir: config.appDir, token: opts.token, hosts: config.ssh.hosts.map((h) => h.label) });
  let fleet: FleetHost<HostData>[];
  try {
    fleet = await runFleet<HostData>({
      hosts: config.ssh.hosts,
      init: (host) => {
        const d: HostData = { locked: false, changed: false };
        data.set(host.label, d);
        return d;
      },
      phases,
      parallel: 0,
      failFast: true,
      logger,
      group: opts.group,
      signal: opts.signal,
      undo: async (h) => {
        const plan = h.data.plan;
        // another deploy holds the lock now: its changes are not ours to undo
        if (h.data.lockLost) return;
        if (!plan || !h.data.changed || !h.data.conn || h.data.conn.isClosed) return;
        logger.info(`[${h.host.label}] undoing: ${plan.undo.map((s) => s.title).join('; ')}`);
        h.data.restored = false;
        await runSteps(h, plan.undo, undefined, false);
        h.data.restored = true;
      },
      finishName: 'Record and unlock',
      finish: async (h) => {
        const plan = h.data.plan;
        const entries = h.status === 'succeeded' && plan && !plan.choice.noop ? plan.record : [];
        const { appDir } = onHost(config, h.host.label);
        const record = entries.length
          ? entries.map((e) => appendHistoryScript(appDir, e)).join(' && ')
          : undefined;
        const done = await recordAndUnlock(h, { appDir, token: opts.token, record, logger });
        if (done && entries.length)
          logger.info(`[${h.host.label}] recorded: ${entries.map((e) => `${e.id} ${e.outcome}`).join(', ')}`);
      },
    });
  } finally {
    await pool.closeAll();
  }
  if (fleet.every((h) => !h.data.locked)) opts.onUnlocked?.();

  const decision = decided ? await decided.catch(() => undefined) : undefined;
  const hosts: HostOutcome[] = fleet.map((h) => {
    const choice = h.data.plan?.choice;
    const ok = h.status === 'succeeded';
    return {
      host: h.host.label,
      result: ok
        ? choice?.noop
          ? 'unchanged'
          : 'rolled-back'
        : h.status === 'cancelled'
          ? 'cancelled'
          : 'failed',
      from: choice ? (choice.from.id ?? choice.from.image) : undefined,
      to: choice ? (choice.to.id ?? choice.to.image) : undefined,
      durationMs: h.durationMs,
      phase: ok ? undefined : h.failedPhase,
      error: ok ? undefined : errorMessage(h.error),
      restored: h.data.restored,
      notes: choice?.notes ?? [],
      ...(h.data.stack ? { stack: h.data.stack } : {}),
    };
  });
  return { decision, hosts, durationMs: Date.now() - started };
}

interface StepContext {
  logger: SshLogger;
  secrets: (string | undefined)[];
  signal: AbortSignal | undefined;
}

async function runStep(
  config: SshRollbackConfig,
  h: FleetHost<HostData>,
  step: Step,
  ctx: StepContext,
): Promise<void> {
  if (step.kind === 'stack') {
    const conn = need(h.data.conn);
    await logStep(ctx.logger, h.host.label, step.title, async () => {
      try {
        h.data.stack = await runStackStep(conn, step, { ...ctx, commandTimeoutMs: config.commandTimeoutMs });
      } catch (error) {
        if (error instanceof StackDeployError) h.data.stack = error.status;
        throw error;
      }
    });
    return;
  }
  await runRemoteStep(step, {
    ...ctx,
    conn: need(h.data.conn),
    shell: config.shell,
    env: need(h.data.plan).env,
    commandTimeoutMs: config.commandTimeoutMs,
    registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
  });
}

/** The error main throws when a host did not roll back: names each one, its phase and reason, and what it runs now. */
export function rollbackError(result: SshRollbackResult): OperationError | undefined {
  const failed = result.hosts.filter((h) => h.result === 'failed' || h.result === 'cancelled');
  if (failed.length === 0) return undefined;
  // a refusal before any host changed is the same on every host: say it once
  const refused = failed.filter((h) => h.result === 'failed');
  const distinct = [...new Set(refused.map((h) => h.error ?? ''))];
  if (refused.length > 0 && refused.every((h) => h.phase === CHOOSE) && distinct.length === 1) {
    return new OperationError(`Rollback refused, nothing was changed: ${distinct[0]}`);
  }
  const lines = failed.map((h) => {
    const error = (h.error ?? '').startsWith(`${h.host}: `)
      ? (h.error ?? '').slice(h.host.length + 2)
      : (h.error ?? '');
    const state =
      h.restored === true
        ? ` (what ran before was put back: it runs ${h.from ?? 'the previous release'} again)`
        : h.restored === false
          ? ' (putting back what ran before FAILED too: check this host now)'
          : '';
    return `  ${h.host} (${h.result}${h.phase ? ` in ${h.phase}` : ''}): ${error.split('\n').join('\n    ')}${state}`;
  });
  return new OperationError(
    `Rollback failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`,
    { failed: failed.map((h) => h.host) },
  );
}

/**
 * dry-run: reads every host's state (read-only, without the lock), decides and plans exactly as a
 * real rollback would, and returns the plan as text. Nothing on the hosts changes.
 */
export async function previewSsh(
  config: SshRollbackConfig,
  opts: Pick<
    SshRollbackOptions,
    'to' | 'onlyFrom' | 'token' | 'reason' | 'run' | 'githubCandidate' | 'logger' | 'now'
  > & { revert?: string | undefined },
): Promise<{ decision: Decision; plans: HostPlan[]; text: string }> {
  const logger = opts.logger ?? runnerLogger;
  const pool = new SshPool(config.ssh, { logger });
  try {
    const snapshots = await Promise.all(
      config.ssh.hosts.map(async (host) => {
        const conn = await pool.connect(host);
        const r = await conn.exec(snapshotScript(onHost(config, host.label)), {
          silent: true,
          label: 'read the release state',
        });
        return parseSnapshot(host.label, r.stdout);
      }),
    );
    const needGithub = opts.to.kind === 'previous' && snapshots.some((s) => s.state.history.length === 0);
    const github = needGithub ? await opts.githubCandidate?.() : undefined;
    const decision = decide(
      config.strategy,
      snapshots.map((s) => chooseForHost(config.strategy, s, opts.to, { github, onlyFrom: opts.onlyFrom })),
    );
    const ctx = { token: opts.token, reason: opts.reason, run: opts.run, now: opts.now?.() ?? new Date() };
    const plans = decision.hosts.map((c) => planHost(onHost(config, c.host), c, ctx));
    return { decision, plans, text: formatPlan(config, decision, plans, opts.revert) };
  } finally {
    await pool.closeAll();
  }
}
