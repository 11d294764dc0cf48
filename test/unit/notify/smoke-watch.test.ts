// notify reads smoke-test's report as smoke-test writes it (buildReport), watch included: a release
// that broke after go-live is reported with when, what and how many rounds had passed.
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../actions/notify/message.js';
import { smokeFacts } from '../../../actions/notify/reports.js';
import type { GateResult } from '../../../actions/smoke-test/gate.js';
import { buildReport } from '../../../actions/smoke-test/report.js';
import type { WatchResult } from '../../../actions/smoke-test/watch.js';

const gate: GateResult = {
  passed: true,
  elapsedMs: 120,
  checks: ['health', 'home'].map((name) => ({
    name,
    method: 'GET',
    url: `https://shop.example.com/${name}`,
    passed: true,
    attempts: 1,
    consecutivePasses: 1,
    status: 200,
    latencyMs: 20,
    elapsedMs: 20,
  })),
};
const brokeWatch: WatchResult = {
  watchMs: 300_000,
  outcome: 'failed',
  rounds: 15,
  passedRounds: 12,
  elapsedMs: 150_000,
  failingSinceMs: 130_000,
  failedAtMs: 150_000,
  failures: [{ name: 'health', status: 500, latencyMs: 4, error: 'status 500, expected 2xx' }],
};

const reportOf = (watch?: WatchResult): Record<string, unknown> =>
  JSON.parse(JSON.stringify(buildReport(gate, watch))) as Record<string, unknown>;

describe('notify and the smoke-test watch', () => {
  it('a watch that failed: when after go-live, which check, how many rounds passed', () => {
    const facts = smokeFacts(reportOf(brokeWatch));
    expect(facts).toMatchObject({
      passed: false,
      total: 2,
      failed: [{ name: 'health', status: 500 }],
      watch: { outcome: 'failed', rounds: 15, passedRounds: 12, failingSinceMs: 130_000 },
    });
    const m = buildMessage({ status: 'failure', reports: { smokeTest: facts }, run: {} });
    expect(m.lines).toEqual([
      'Smoke test failed during the watch, 2m10s after go-live: 1 of 2 checks (12 of 15 rounds passed):',
      '• health (HTTP 500): broke during the watch, 2m10s after go-live: status 500, expected 2xx (12 of 15 rounds passed)',
    ]);
    expect(m.values['smoke_test']).toBe(
      'failed during the watch, 2m10s after go-live: 1 of 2 checks (12 of 15 rounds passed)',
    );
  });

  it('a watch that passed, and no watch at all', () => {
    const passed = smokeFacts(
      reportOf({ ...brokeWatch, outcome: 'passed', passedRounds: 30, rounds: 30, failures: [] }),
    );
    expect(
      buildMessage({ status: 'success', reports: { smokeTest: passed }, run: {} }).values['smoke_test'],
    ).toBe('passed (2 checks in 120ms, watched 5m: 30 rounds)');
    const none = smokeFacts(reportOf());
    expect(none.watch).toBeUndefined();
    expect(
      buildMessage({ status: 'success', reports: { smokeTest: none }, run: {} }).values['smoke_test'],
    ).toBe('passed (2 checks in 120ms)');
  });
});
