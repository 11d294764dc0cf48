// The gate: every check runs at once; each retries with exponential backoff until it has passed
// `consecutivePasses` times in a row or the gate's deadline is reached.
import { formatDuration } from '../../lib/duration.js';
import { abortableSleep, backoffDelay, type RetryOptions } from '../../lib/retry.js';
import { redact } from '../../lib/secrets.js';
import { bodyExcerpt, judge } from './expectations.js';
import { type ProbeRequest, type ProbeResponse, probe, toProbeError } from './http-probe.js';
import { type Check, MAX_REDIRECTS, type SmokeTestPlan } from './inputs.js';

/** Backoff between failed attempts of one check: 1 s, 2 s, 4 s, 8 s, then 10 s, ±20 %. */
export const BACKOFF: Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'factor' | 'jitter'> = {
  initialDelayMs: 1000,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: 0.2,
};
/** The last attempt, started just before the deadline, still gets this long to answer. */
export const MIN_ATTEMPT_TIMEOUT_MS = 1000;

export interface AttemptResult {
  attempt: number;
  /** When the attempt ended, from the start of the gate. */
  atMs: number;
  passed: boolean;
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
}

export interface GateDeps {
  send: (req: ProbeRequest) => Promise<ProbeResponse>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  /** One line per attempt. */
  log: (line: string) => void;
}

export const realDeps = (log: (line: string) => void): GateDeps => ({
  send: probe,
  sleep: (ms) => abortableSleep(ms),
  now: () => performance.now(),
  random: Math.random,
  log,
});

export async function runGate(plan: SmokeTestPlan, deps: GateDeps): Promise<GateResult> {
  const start = deps.now();
  const checks = await Promise.all(plan.checks.map((check) => runCheck(check, plan, deps, start)));
  return { passed: checks.every((c) => c.passed), elapsedMs: deps.now() - start, checks };
}

async function runCheck(
  check: Check,
  plan: SmokeTestPlan,
  deps: GateDeps,
  gateStart: number,
): Promise<CheckResult> {
  const deadline = gateStart + plan.timeoutMs;
  const need = plan.consecutivePasses;
  let streak = 0;
  let failuresInRow = 0;
  let lastFailure: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.min(
      check.requestTimeoutMs,
      Math.max(deadline - deps.now(), MIN_ATTEMPT_TIMEOUT_MS),
    );
    const last = await attemptOnce(check, plan, deps, attempt, timeoutMs, gateStart);
    let waitMs: number;
    let progress = '';
    if (last.passed) {
      streak++;
      failuresInRow = 0;
      if (streak >= need) {
        deps.log(line(check, last, need > 1 ? `pass ${streak} of ${need}: passed` : 'passed'));
        return result(check, last, streak, attempt, gateStart, deps, undefined);
      }
      waitMs = plan.intervalMs;
      progress = `pass ${streak} of ${need}; `;
    } else {
      streak = 0;
      failuresInRow++;
      lastFailure = last.error;
      waitMs = backoffDelay(failuresInRow, { deadlineMs: plan.timeoutMs, ...BACKOFF }, deps.random);
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
    await deps.sleep(waitMs);
  }
}

async function attemptOnce(
  check: Check,
  plan: SmokeTestPlan,
  deps: GateDeps,
  attempt: number,
  timeoutMs: number,
  gateStart: number,
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
  };
  try {
    const res = await deps.send(request);
    const verdict = judge(check.expect, res);
    const atMs = deps.now() - gateStart;
    const base = { attempt, atMs, status: res.status, latencyMs: res.latencyMs };
    if (verdict.failures.length === 0) return { ...base, passed: true };
    const excerpt = verdict.bodyRelevant ? ` — body: ${bodyExcerpt(res.body)}` : '';
    // a server may echo a request header (a token) back in its body or in a JSON value
    return { ...base, passed: false, error: redact(verdict.failures.join('; ') + excerpt, plan.secrets) };
  } catch (error) {
    const e = toProbeError(error, 0);
    return {
      attempt,
      atMs: deps.now() - gateStart,
      passed: false,
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
