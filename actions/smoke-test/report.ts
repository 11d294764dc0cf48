// What the gate's result becomes: the `report` output, the job summary and the failure message.
import { formatDuration } from '../../lib/duration.js';
import { markdownTable, statusIcon } from '../../lib/summary.js';
import type { CheckResult, GateResult } from './gate.js';
import type { SmokeTestPlan } from './inputs.js';

/** One check in the `report` output: what is absent is null, not missing. */
export type ReportCheck = Omit<CheckResult, 'status' | 'latencyMs' | 'error' | 'elapsedMs'> & {
  status: number | null;
  latencyMs: number | null;
  error: string | null;
};

export interface Report {
  passed: boolean;
  elapsedMs: number;
  checks: ReportCheck[];
}

/** The `report` output: stable keys, null rather than missing, whole milliseconds. */
export function buildReport(result: GateResult): Report {
  return {
    passed: result.passed,
    elapsedMs: Math.round(result.elapsedMs),
    checks: result.checks.map((c) => ({
      name: c.name,
      method: c.method,
      url: c.url,
      passed: c.passed,
      attempts: c.attempts,
      consecutivePasses: c.consecutivePasses,
      status: c.status ?? null,
      latencyMs: c.latencyMs === undefined ? null : Math.round(c.latencyMs),
      error: c.error ?? null,
    })),
  };
}

export function summaryMarkdown(result: GateResult, plan: SmokeTestPlan): string {
  const failed = result.checks.filter((c) => !c.passed).length;
  const headline = result.passed
    ? `### ${statusIcon(true)} Smoke test passed: ${result.checks.length} check${plural(result.checks.length)} in ${formatDuration(result.elapsedMs)}`
    : `### ${statusIcon(false)} Smoke test failed: ${failed} of ${result.checks.length} check${plural(result.checks.length)} ${notPassed(result, plan)}`;
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
    plan.tls.insecure ? '⚠️ TLS certificates were not verified (insecure: true)' : '',
  ].filter(Boolean);
  return [
    headline,
    '',
    markdownTable(['Check', 'Result', 'Attempts', 'Last status', 'Latency', 'Error'], rows),
    '',
    `<sub>${rules.join('; ')}.</sub>`,
    '',
  ].join('\n');
}

/** The step's failure: every failing check with its last status and error. */
export function failureMessage(result: GateResult, plan: SmokeTestPlan): string {
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
