// Runs the phases of a deploy across many hosts: each phase on every host still in the running
// (`parallel` at a time, lines prefixed by host, one log group per phase), with fail-fast,
// per-host timeouts and a per-host undo. Stage-agnostic: deploy-ssh and rollback both use it.
import * as core from '@actions/core';
import { formatDuration } from '../duration.js';
import { errorMessage } from '../errors.js';
import type { SshLogger } from '../ssh/connection.js';
import { runnerLogger } from '../ssh/connection.js';
import type { SshHost } from '../ssh/host.js';

export type HostStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface FleetHost<S> {
  host: SshHost;
  status: HostStatus;
  /** Set once the host started a phase marked `commits`: fail-fast no longer cancels it. */
  committed: boolean;
  /** The phase it failed or was cancelled in. */
  failedPhase?: string;
  error?: unknown;
  /** Aborted when the host runs out of time (host-timeout) or the whole run is cancelled. */
  signal: AbortSignal;
  /** True when `signal` was aborted by host-timeout. */
  timedOut: boolean;
  /**
   * Stops this host now (e.g. its deploy lock was lost): `signal` is aborted and `reason` becomes
   * its error, whatever the running step then throws.
   */
  abort(reason: Error): void;
  /** The reason given to abort(), once called. */
  stoppedBy?: Error;
  startedAt: number;
  durationMs: number;
  /** Stage data (connection, release info, what was done so far). */
  data: S;
}

export interface FleetPhase<S> {
  name: string;
  run(h: FleetHost<S>): Promise<void>;
  /** Starting this phase commits the host (e.g. switching `current`, `compose up`). */
  commits?: boolean;
  /** Skip the phase for this host (e.g. nothing to do). */
  skip?(h: FleetHost<S>): boolean;
}

export interface FleetOptions<S> {
  hosts: readonly SshHost[];
  init(host: SshHost): S;
  phases: readonly FleetPhase<S>[];
  /** Hosts at once within a phase; 0 = all. */
  parallel: number;
  /** After a failure, hosts that have not committed are cancelled. */
  failFast: boolean;
  /** Each host's whole run, 0 = no limit. */
  hostTimeoutMs?: number;
  /** Undo for a host that failed or was cancelled (called once, errors are logged, not thrown). */
  undo?(h: FleetHost<S>): Promise<void>;
  /** Last, for every host, whatever happened (record history, release the lock). Errors are logged. */
  finish?(h: FleetHost<S>): Promise<void>;
  /** Name of the finishing group (default 'Finish'). */
  finishName?: string;
  logger?: SshLogger;
  group?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Cancels every host (e.g. on SIGINT). */
  signal?: AbortSignal;
}

/** Runs up to `limit` of `items` at once (0 = all). */
export async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const n = limit <= 0 ? items.length : Math.min(limit, items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: n }, worker));
}

export async function runFleet<S>(opts: FleetOptions<S>): Promise<FleetHost<S>[]> {
  const logger = opts.logger ?? runnerLogger;
  const group = opts.group ?? (<T>(name: string, fn: () => Promise<T>) => core.group(name, fn));
  const start = Date.now();
  const controllers = new Map<FleetHost<S>, AbortController>();
  const timers: NodeJS.Timeout[] = [];
  const hosts: FleetHost<S>[] = opts.hosts.map((host) => {
    const ac = new AbortController();
    const h: FleetHost<S> = {
      host,
      status: 'running',
      committed: false,
      signal: ac.signal,
      timedOut: false,
      abort(reason) {
        h.stoppedBy ??= reason;
        ac.abort(reason);
      },
      startedAt: start,
      durationMs: 0,
      data: opts.init(host),
    };
    controllers.set(h, ac);
    if (opts.hostTimeoutMs && opts.hostTimeoutMs > 0) {
      const t = setTimeout(() => {
        h.timedOut = true;
        ac.abort(new Error(`host-timeout (${formatDuration(opts.hostTimeoutMs ?? 0)}) exceeded`));
      }, opts.hostTimeoutMs);
      t.unref();
      timers.push(t);
    }
    return h;
  });
  const onCancel = (): void => {
    for (const ac of controllers.values()) ac.abort(new Error('the run was cancelled'));
  };
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  let tripped: FleetHost<S> | undefined;

  const undo = async (h: FleetHost<S>): Promise<void> => {
    if (!opts.undo) return;
    try {
      await opts.undo(h);
    } catch (error) {
      logger.warning(`${h.host.label}: undoing the failed deploy did not complete: ${errorMessage(error)}`);
    }
  };

  try {
    for (const phase of opts.phases) {
      const active = hosts.filter((h) => h.status === 'running' && !phase.skip?.(h));
      if (active.length === 0) continue;
      await group(`${phase.name} (${active.length} host${active.length === 1 ? '' : 's'})`, async () => {
        await mapLimit(active, opts.parallel, async (h) => {
          if (h.status !== 'running') return;
          if (tripped && opts.failFast && !h.committed) {
            h.status = 'cancelled';
            h.failedPhase = phase.name;
            h.error = new Error(`cancelled: ${tripped.host.label} failed and fail-fast is on`);
            logger.info(
              `[${h.host.label}] ⏭ ${phase.name}: cancelled (fail-fast: ${tripped.host.label} failed)`,
            );
            await undo(h);
            h.durationMs = Date.now() - h.startedAt;
            return;
          }
          if (phase.commits) h.committed = true;
          const t0 = Date.now();
          try {
            if (h.signal.aborted) throw h.signal.reason ?? new Error('aborted');
            await phase.run(h);
            logger.info(`[${h.host.label}] ✓ ${phase.name} (${formatDuration(Date.now() - t0)})`);
            h.durationMs = Date.now() - h.startedAt;
          } catch (error) {
            h.status = 'failed';
            h.failedPhase = phase.name;
            h.error = h.stoppedBy
              ? h.stoppedBy
              : h.timedOut && !/host-timeout/.test(errorMessage(error))
                ? new Error(`${errorMessage(error)} (host-timeout exceeded)`)
                : error;
            logger.info(
              `[${h.host.label}] ✗ ${phase.name} failed after ${formatDuration(Date.now() - t0)}: ${errorMessage(h.error).split('\n').join(`\n[${h.host.label}]   `)}`,
            );
            tripped ??= h;
            await undo(h);
            h.durationMs = Date.now() - h.startedAt;
          }
        });
      });
    }
    for (const h of hosts) if (h.status === 'running') h.status = 'succeeded';
    if (opts.finish) {
      const finish = opts.finish;
      await group(opts.finishName ?? 'Finish', async () => {
        await mapLimit(hosts, opts.parallel, async (h) => {
          try {
            await finish(h);
          } catch (error) {
            logger.warning(`${h.host.label}: ${errorMessage(error)}`);
          }
          h.durationMs = Date.now() - h.startedAt;
        });
      });
    }
  } finally {
    for (const t of timers) clearTimeout(t);
    opts.signal?.removeEventListener('abort', onCancel);
  }
  return hosts;
}
