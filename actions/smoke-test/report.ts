// What the gate's result becomes: the `report` output, the job summary and the failure message.
import { formatDuration } from '../../lib/duration.js';
import { markdownTable, statusIcon } from '../../lib/summary.js';
import type { CheckResult, GateResult } from './gate.js';
import type { SmokeTestPlan } from './inputs.js';
import { describeFailure, type WatchResult } from './watch.js';

/** One check in the `report` output: what is absent is null, not missing. */
export type ReportCheck = Omit<CheckResult, 'status' | 'latencyMs' | 'error' | 'elapsedMs'> & {
  status: number | null;
  latencyMs: number | null;
  error: string | null;
};

/** The watch in the `report` output; times from go-live (the moment the gate passed). */
export interface ReportWatch {
  watchMs: number;
  outcome: WatchResult['outcome'];
  rounds: number;
  passedRounds: number;
  elapsedMs: number;
  failedAtMs: number | null;
  failingSinceMs: number | null;
  failures: { name: string; status: number | null; latencyMs: number | null; error: string }[];
}

export interface Report {
  /** The gate passed, and the watch (when there was one) too. */
  passed: boolean;
  /** The gate's time, the watch not included. */
  elapsedMs: number;
  checks: ReportCheck[];
  /** null without `watch`, or when the gate failed (the watch did not start). */
  watch: ReportWatch | null;
}

/** Whether the step passed: the gate, then the watch when one ran. */
export function overallPassed(result: GateResult, watch: WatchResult | undefined): boolean {
  return result.passed && (watch === undefined || watch.outcome === 'passed');
}

/**
 * The `report` output: stable keys, null rather than missing, whole milliseconds. A check that
 * broke during the watch reads as failed, with what it answered then — so a reader of `checks`
 * (notify) names it without knowing about the watch.
 */
export function buildReport(result: GateResult, watch?: WatchResult): Report {
  const broke = new Map((watch?.outcome === 'failed' ? watch.failures : []).map((f) => [f.name, f]));
  return {
    passed: overallPassed(result, watch),
    elapsedMs: Math.round(result.elapsedMs),
    checks: result.checks.map((c) => {
      const f = broke.get(c.name);
      return {
        name: c.name,
        method: c.method,
        url: c.url,
        passed: c.passed && f === undefined,
        attempts: c.attempts,
        consecutivePasses: c.consecutivePasses,
        status: (f ? f.status : c.status) ?? null,
        latencyMs: roundOrNull(f ? f.latencyMs : c.latencyMs),
        error: f && watch ? watchError(f, watch) : (c.error ?? null),
      };
    }),
    watch: watch
      ? {
          watchMs: watch.watchMs,
          outcome: watch.outcome,
          rounds: watch.rounds,
          passedRounds: watch.passedRounds,
          elapsedMs: Math.round(watch.elapsedMs),
          failedAtMs: roundOrNull(watch.failedAtMs),
          failingSinceMs: roundOrNull(watch.failingSinceMs),
          failures: watch.failures.map((f) => ({
            name: f.name,
            status: f.status ?? null,
            latencyMs: roundOrNull(f.latencyMs),
            error: f.error,
          })),
        }
      : null,
  };
}

/** `broke during the watch, 12.3s after go-live: status 500, expected 2xx (8 rounds passed before)` */
function watchError(f: WatchResult['failures'][number], watch: WatchResult): string {
  const since = watch.failingSinceMs ?? watch.failedAtMs ?? 0;
  return `broke during the watch, ${formatDuration(since)} after go-live: ${f.error} (${watch.passedRounds} of ${watch.rounds} rounds passed)`;
}

function roundOrNull(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms);
}

/** The watch's outcome in one sentence, for the summary, the failure message and the log. */
export function watchSentence(watch: WatchResult, plan: SmokeTestPlan): string {
  const rounds = `${watch.passedRounds} of ${watch.rounds} round${plural(watch.rounds)} passed`;
  if (watch.outcome === 'passed') {
    return `Watched ${formatDuration(watch.watchMs)} after go-live: ${rounds}, every ${formatDuration(plan.intervalMs)}.`;
  }
  if (watch.outcome === 'cancelled') {
    return `The watch was cancelled ${formatDuration(watch.elapsedMs)} after go-live (of ${formatDuration(watch.watchMs)}): ${rounds} until then.`;
  }
  const since = watch.failingSinceMs ?? watch.failedAtMs ?? 0;
  return (
    `The release broke ${formatDuration(since)} after go-live: ${plan.failureThreshold} round${plural(plan.failureThreshold)} in a row failed ` +
    `(failure-threshold), the last at ${formatDuration(watch.failedAtMs ?? 0)}; ${rounds} of the ${formatDuration(watch.watchMs)} watch. ` +
    `What broke: ${watch.failures.map(describeFailure).join('; ')}`
  );
}

export function summaryMarkdown(result: GateResult, plan: SmokeTestPlan, watch?: WatchResult): string {
  const failed = result.checks.filter((c) => !c.passed).length;
  const n = `${result.checks.length} check${plural(result.checks.length)}`;
  const headline = !result.passed
    ? `### ${statusIcon(false)} Smoke test failed: ${failed} of ${n} ${notPassed(result, plan)}`
    : watch?.outcome === 'failed'
      ? `### ${statusIcon(false)} Smoke test failed during the watch: ${watch.failures.map((f) => f.name).join(', ')} broke ${formatDuration(watch.failingSinceMs ?? watch.failedAtMs ?? 0)} after go-live`
      : watch?.outcome === 'cancelled'
        ? `### ${statusIcon(false)} Smoke test passed, then its watch was cancelled after ${formatDuration(watch.elapsedMs)}`
        : `### ${statusIcon(true)} Smoke test passed: ${n} in ${formatDuration(result.elapsedMs)}${watch ? `, then watched for ${formatDuration(watch.watchMs)}` : ''}`;
  const rows = result.checks.map((c) => [
    c.name,
    `${statusIcon(c.passed)} ${c.passed ? 'passed' : 'failed'}`,
    c.attempts,
    c.status ?? '—',
    c.latencyMs === undefined ? '—' : formatDuration(c.latencyMs),
    c.error ? truncate(c.error, 300) : '',
  ]);
  const rules = [
    plan.consecutivePasses > 1
      ? `each check must pass ${plan.consecutivePasses} times in a row, ${formatDuration(plan.intervalMs)} apart`
      : 'each check must pass once',
    `polled every ${formatDuration(plan.intervalMs)}, not ready waited for until ${formatDuration(plan.timeoutMs)}, failed after ${plan.failureThreshold} wrong answer${plural(plan.failureThreshold)} in a row`,
    plan.watchMs > 0
      ? `then watched ${formatDuration(plan.watchMs)}, where no answer or a 502/503/504 fails a round too (the release was live and healthy), and ${plan.failureThreshold} failed round${plural(plan.failureThreshold)} in a row fail the step`
      : '',
    plan.tls.insecure ? '⚠️ TLS certificates were not verified (insecure: true)' : '',
  ].filter(Boolean);
  return [
    headline,
    '',
    markdownTable(['Check', 'Result', 'Attempts', 'Last status', 'Latency', 'Error'], rows),
    '',
    ...(watch ? [watchSummary(watch, plan), ''] : []),
    `<sub>${rules.join('; ')}.</sub>`,
    '',
  ].join('\n');
}

/** The watch below the gate's table: the sentence, and a row per check that broke. */
function watchSummary(watch: WatchResult, plan: SmokeTestPlan): string {
  const head = `**Watch** (${formatDuration(watch.watchMs)} after go-live, every ${formatDuration(plan.intervalMs)}): ${watchSentence(watch, plan).replace(/ What broke: .*$/, '')}`;
  if (watch.failures.length === 0) return head;
  const rows = watch.failures.map((f) => [
    f.name,
    f.status ?? 'no response',
    f.latencyMs === undefined ? '—' : formatDuration(f.latencyMs),
    truncate(f.error, 300),
  ]);
  return [head, '', markdownTable(['Check that broke', 'Status', 'Latency', 'Error'], rows)].join('\n');
}

/** The step's failure: every failing check with its last status and error, or what broke in the watch. */
export function failureMessage(result: GateResult, plan: SmokeTestPlan, watch?: WatchResult): string {
  if (result.passed && watch && watch.outcome !== 'passed') {
    const lead =
      watch.outcome === 'cancelled'
        ? 'Smoke test passed, then its watch was cancelled (nothing is rolled back on cancel: check the release).'
        : 'Smoke test passed at first, then failed its watch.';
    return `${lead} ${watchSentence(watch, plan)}`;
  }
  const failing = result.checks.filter((c) => !c.passed);
  const lines = failing.map(
    (c) =>
      `  - ${c.name} (${c.status ?? 'no response'}, ${c.attempts} attempt${plural(c.attempts)}): ${c.error ?? 'failed'}`,
  );
  return [
    `Smoke test failed: ${failing.length} of ${result.checks.length} check${plural(result.checks.length)} ${notPassed(result, plan)}:`,
    ...lines,
  ].join('\n');
}

/** How the gate ended: at its deadline, or early on wrong answers. */
function notPassed(result: GateResult, plan: SmokeTestPlan): string {
  return result.failedFast
    ? `did not pass: a wrong answer ended the gate after ${formatDuration(result.elapsedMs)} (failure-threshold), before the ${formatDuration(plan.timeoutMs)} deadline`
    : `did not pass within ${formatDuration(plan.timeoutMs)}`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
