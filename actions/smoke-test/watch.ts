// The watch: after the gate passed — the release is live and was healthy — every check runs again
// once per round, one round every `interval`, for `watch`. A round fails when any check fails, and
// here "not ready" (no answer, 502/503/504, too slow) is as much a failure as a wrong answer: the
// service was up, so it going away is the breakage the watch is for. `failureThreshold` failed
// rounds in a row end the watch at once and fail the step, so a rollback with `if: failure()`
// starts now. The log gets a line for a failed round, for a recovery, and one a minute otherwise.
import { formatDuration } from '../../lib/duration.js';
import { attemptOnce, type AttemptResult, type GateDeps, MIN_RETRY_DELAY_MS } from './gate.js';
import type { SmokeTestPlan } from './inputs.js';

/** While every round passes, one line this often says the watch is still on. */
export const HEARTBEAT_MS = 60_000;

export interface WatchFailure {
  name: string;
  /** Undefined when no response came. */
  status?: number;
  latencyMs?: number;
  error: string;
}

export interface WatchResult {
  /** The `watch` input. */
  watchMs: number;
  /** `failed`: failure-threshold rounds in a row failed; `cancelled`: SIGINT/SIGTERM ended it. */
  outcome: 'passed' | 'failed' | 'cancelled';
  /** Rounds run, and of them rounds in which every check passed. */
  rounds: number;
  passedRounds: number;
  /** From go-live (the moment the gate passed) to the end of the watch. */
  elapsedMs: number;
  /** When the round that failed the watch ended, from go-live. */
  failedAtMs?: number;
  /** When the failing streak began (its first failed round ended), from go-live. */
  failingSinceMs?: number;
  /** The checks that failed in the last failed round of the streak that ended the watch. */
  failures: WatchFailure[];
}

export async function runWatch(
  plan: SmokeTestPlan,
  deps: GateDeps,
  cancel: AbortSignal,
): Promise<WatchResult> {
  const start = deps.now();
  const deadline = start + plan.watchMs;
  const waitMs = Math.max(plan.intervalMs, MIN_RETRY_DELAY_MS);
  let rounds = 0;
  let passedRounds = 0;
  let failedInRow = 0;
  let failingSinceMs: number | undefined;
  let lastHeartbeat = start;
  const done = (
    outcome: WatchResult['outcome'],
    failures: WatchFailure[] = [],
    failedAtMs?: number,
  ): WatchResult => ({
    watchMs: plan.watchMs,
    outcome,
    rounds,
    passedRounds,
    elapsedMs: deps.now() - start,
    ...(failedAtMs !== undefined ? { failedAtMs, failingSinceMs } : {}),
    failures,
  });

  for (;;) {
    const now = deps.now();
    if (now >= deadline) break;
    // rounds start every `interval` from go-live (a slow round does not push the later ones back);
    // the last one at the end of the watch
    const next = Math.min(start + (rounds + 1) * waitMs, deadline);
    await deps.sleep(Math.max(next - now, 0), cancel);
    if (cancel.aborted) return done('cancelled');
    const attempts = await Promise.all(
      plan.checks.map((check) =>
        attemptOnce(check, plan, deps, rounds + 1, check.requestTimeoutMs, start, cancel),
      ),
    );
    if (cancel.aborted) return done('cancelled');
    rounds++;
    const at = deps.now() - start;
    const failing = attempts
      .map((a, i) => ({ a, name: plan.checks[i]?.name ?? '?' }))
      .filter(({ a }) => !a.passed)
      .map(({ a, name }) => toFailure(name, a));
    if (failing.length === 0) {
      passedRounds++;
      if (failedInRow > 0) {
        deps.log(`✓ watch round ${rounds} at ${formatDuration(at)}: every check passes again`);
        lastHeartbeat = deps.now();
      } else if (deps.now() - lastHeartbeat >= HEARTBEAT_MS) {
        deps.log(
          `✓ watch: ${passedRounds} of ${rounds} rounds passed, ${formatDuration(at)} since go-live, ${formatDuration(Math.max(deadline - deps.now(), 0))} left`,
        );
        lastHeartbeat = deps.now();
      }
      failedInRow = 0;
      failingSinceMs = undefined;
      continue;
    }
    failedInRow++;
    failingSinceMs ??= at;
    const what = failing.map(describeFailure).join('; ');
    if (failedInRow >= plan.failureThreshold) {
      deps.log(
        `✗ watch round ${rounds} at ${formatDuration(at)} · ${what} — failed ${failedInRow} rounds in a row: the watch fails`,
      );
      return done('failed', failing, at);
    }
    deps.log(
      `✗ watch round ${rounds} at ${formatDuration(at)} · ${what} — failed round ${failedInRow} of ${plan.failureThreshold}`,
    );
  }
  return done('passed');
}

function toFailure(name: string, a: AttemptResult): WatchFailure {
  return {
    name,
    ...(a.status !== undefined ? { status: a.status, latencyMs: a.latencyMs } : {}),
    error: a.error ?? 'failed',
  };
}

/** `health: 500 in 3ms, status 500, expected 2xx` or `health: no response, connect ECONNREFUSED …` */
export function describeFailure(f: WatchFailure): string {
  const got = f.status !== undefined ? `${f.status} in ${formatDuration(f.latencyMs ?? 0)}` : 'no response';
  return `${f.name}: ${got}, ${f.error}`;
}
