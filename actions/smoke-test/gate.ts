// The gate: every check runs at once and is polled every `interval` until it has passed
// `consecutivePasses` times in a row. A failed attempt is one of two kinds. "Not ready yet" — no
// answer (refused, reset, timed out), a 502/503/504, or a right answer that is too slow — is
// waited for until the gate's deadline. "Wrong" — any other status, a wrong body or JSON value —
// fails the check after `failureThreshold` such answers in a row, and the first check that fails
// for good stops the gate: a rollback need not wait for the deadline.
import { formatDuration } from '../../lib/duration.js';
import { abortableSleep } from '../../lib/retry.js';
import { redact } from '../../lib/secrets.js';
import { bodyExcerpt, judge } from './expectations.js';
import { type ProbeRequest, type ProbeResponse, probe, toProbeError } from './http-probe.js';
import { type Check, MAX_REDIRECTS, type SmokeTestPlan } from './inputs.js';

/** The last attempt, started just before the deadline, still gets this long to answer. */
export const MIN_ATTEMPT_TIMEOUT_MS = 1000;
/** The shortest wait after a failed attempt, whatever `interval` says: no busy loop on a refusing port. */
export const MIN_RETRY_DELAY_MS = 100;
/** The error of a check that had not passed yet when another check failed for good. */
export const STOPPED = 'stopped: another check failed for good';

export interface AttemptResult {
  attempt: number;
  /** When the attempt ended, from the start of the gate. */
  atMs: number;
  passed: boolean;
  /** A failure that says the service is wrong, not just not ready yet. */
  wrong?: boolean;
  status?: number;
  latencyMs?: number;
  /** Why it failed (secrets replaced by ***). */
  error?: string;
}

export interface CheckResult {
  name: string;
  method: string;
  url: string;
  passed: boolean;
  attempts: number;
  /** Passes in a row at the end. */
  consecutivePasses: number;
  /** Of the last attempt; undefined when it got no response. */
  status?: number;
  latencyMs?: number;
  /** Why the check failed; undefined when it passed. */
  error?: string;
  elapsedMs: number;
}

export interface GateResult {
  passed: boolean;
  elapsedMs: number;
  checks: CheckResult[];
  /** A check failed on wrong answers (failure-threshold) and ended the gate before its deadline. */
  failedFast?: boolean;
}

export interface GateDeps {
  send: (req: ProbeRequest) => Promise<ProbeResponse>;
  /** Resolves early when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** One line per attempt. */
  log: (line: string) => void;
}

export const realDeps = (log: (line: string) => void): GateDeps => ({
  send: probe,
  sleep: (ms, signal) => abortableSleep(ms, signal),
  now: () => performance.now(),
  log,
});

export async function runGate(plan: SmokeTestPlan, deps: GateDeps): Promise<GateResult> {
  const start = deps.now();
  const stop = new AbortController();
  const checks = await Promise.all(plan.checks.map((check) => runCheck(check, plan, deps, start, stop)));
  const passed = checks.every((c) => c.passed);
  return {
    passed,
    elapsedMs: deps.now() - start,
    checks,
    ...(stop.signal.aborted ? { failedFast: true } : {}),
  };
}

async function runCheck(
  check: Check,
  plan: SmokeTestPlan,
  deps: GateDeps,
  gateStart: number,
  stop: AbortController,
): Promise<CheckResult> {
  const deadline = gateStart + plan.timeoutMs;
  const need = plan.consecutivePasses;
  let streak = 0;
  let wrongInRow = 0;
  let lastFailure: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.min(
      check.requestTimeoutMs,
      Math.max(deadline - deps.now(), MIN_ATTEMPT_TIMEOUT_MS),
    );
    const last = await attemptOnce(check, plan, deps, attempt, timeoutMs, gateStart, stop.signal);
    if (stop.signal.aborted && !last.passed) {
      deps.log(line(check, last, 'the gate failed on another check: stopped'));
      return result(check, last, streak, attempt, gateStart, deps, STOPPED);
    }
    let waitMs: number;
    let progress = '';
    if (last.passed) {
      streak++;
      wrongInRow = 0;
      if (streak >= need) {
        deps.log(line(check, last, need > 1 ? `pass ${streak} of ${need}: passed` : 'passed'));
        return result(check, last, streak, attempt, gateStart, deps, undefined);
      }
      waitMs = plan.intervalMs;
      progress = `pass ${streak} of ${need}; `;
    } else {
      streak = 0;
      lastFailure = last.error;
      wrongInRow = last.wrong ? wrongInRow + 1 : 0;
      if (wrongInRow >= plan.failureThreshold) {
        deps.log(line(check, last, `wrong ${wrongInRow} times in a row: failed`));
        stop.abort();
        const error =
          `${last.error ?? 'failed'} — wrong ${wrongInRow} times in a row (failure-threshold: ${plan.failureThreshold}): ` +
          'a wrong answer, not a service still starting, so the gate fails now rather than at the deadline';
        return result(check, last, streak, attempt, gateStart, deps, error);
      }
      if (last.wrong) progress = `wrong ${wrongInRow} of ${plan.failureThreshold}; `;
      waitMs = Math.max(plan.intervalMs, MIN_RETRY_DELAY_MS);
    }
    const remaining = deadline - deps.now();
    if (remaining <= 0) {
      deps.log(line(check, last, `${progress}deadline reached: failed`));
      const error = last.passed
        ? `passed ${streak} of the ${need} times in a row it must before the deadline` +
          (lastFailure ? `; the failure before: ${lastFailure}` : '')
        : last.error;
      return result(check, last, streak, attempt, gateStart, deps, error);
    }
    waitMs = Math.min(waitMs, remaining);
    deps.log(line(check, last, `${progress}next attempt in ${formatDuration(waitMs)}`));
    await deps.sleep(waitMs, stop.signal);
    if (stop.signal.aborted) {
      deps.log(`${check.name}: the gate failed on another check: stopped`);
      return result(check, last, streak, attempt, gateStart, deps, STOPPED);
    }
  }
}

/** One request of a check, judged: used by the gate and by the watch. */
export async function attemptOnce(
  check: Check,
  plan: SmokeTestPlan,
  deps: GateDeps,
  attempt: number,
  timeoutMs: number,
  gateStart: number,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const request: ProbeRequest = {
    method: check.method,
    url: check.url,
    headers: check.headers,
    body: check.body,
    followRedirects: check.followRedirects,
    maxRedirects: MAX_REDIRECTS,
    timeoutMs,
    tls: plan.tls,
    signal,
  };
  try {
    const res = await deps.send(request);
    const verdict = judge(check.expect, res);
    const atMs = deps.now() - gateStart;
    const base = { attempt, atMs, status: res.status, latencyMs: res.latencyMs };
    if (verdict.failures.length === 0) return { ...base, passed: true };
    const excerpt = verdict.bodyRelevant ? ` — body: ${bodyExcerpt(res.body)}` : '';
    // a server may echo a request header (a token) back in its body or in a JSON value
    return {
      ...base,
      passed: false,
      wrong: !verdict.notReady,
      error: redact(verdict.failures.join('; ') + excerpt, plan.secrets),
    };
  } catch (error) {
    // no answer at all (refused, reset, timed out, TLS): not ready yet
    const e = toProbeError(error, 0);
    return {
      attempt,
      atMs: deps.now() - gateStart,
      passed: false,
      wrong: false,
      latencyMs: e.latencyMs || undefined,
      error: redact(bodyExcerpt(e.message, 300), plan.secrets),
    };
  }
}

function result(
  check: Check,
  last: AttemptResult,
  streak: number,
  attempts: number,
  gateStart: number,
  deps: GateDeps,
  error: string | undefined,
): CheckResult {
  return {
    name: check.name,
    method: check.method,
    url: check.url,
    passed: error === undefined,
    attempts,
    consecutivePasses: streak,
    status: last.status,
    // the time until a refusal or a timeout is not a latency
    latencyMs: last.status === undefined ? undefined : last.latencyMs,
    error,
    elapsedMs: deps.now() - gateStart,
  };
}

/** `✗ API health · attempt 2 at 3.1s · 503 in 12ms · status 503, expected 2xx — next attempt in 2.0s` */
function line(check: Check, a: AttemptResult, outcome: string): string {
  const got =
    a.status !== undefined
      ? `${a.status} in ${formatDuration(a.latencyMs ?? 0)}`
      : `no response${a.latencyMs ? ` after ${formatDuration(a.latencyMs)}` : ''}`;
  const why = a.error ? ` · ${a.error}` : '';
  return `${a.passed ? '✓' : '✗'} ${check.name} · attempt ${a.attempt} at ${formatDuration(a.atMs)} · ${got}${why} — ${outcome}`;
}
