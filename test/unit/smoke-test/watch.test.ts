import { describe, expect, it } from 'vitest';
import { ProbeError } from '../../../actions/smoke-test/http-probe.js';
import { readSmokeTestInputs, type SmokeTestPlan } from '../../../actions/smoke-test/inputs.js';
import { buildReport, failureMessage, summaryMarkdown } from '../../../actions/smoke-test/report.js';
import { HEARTBEAT_MS, runWatch } from '../../../actions/smoke-test/watch.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { fake } from './fake-probe.js';

const planFor = (record: Record<string, string>): Promise<SmokeTestPlan> =>
  readSmokeTestInputs(new Inputs(recordInputs(record)));
const A = 'https://a.example/';
const B = 'https://b.example/';
const ok = {};
const broken = { status: 500, body: 'boom' };
const refused = new ProbeError('connection refused (connect ECONNREFUSED 10.0.0.1:443)', 'ECONNREFUSED', 3);
const never = new AbortController().signal;

/** A gate result where every check of the plan passed at once. */
function gatePassed(plan: SmokeTestPlan) {
  return {
    passed: true,
    elapsedMs: 10,
    checks: plan.checks.map((c) => ({
      name: c.name,
      method: c.method,
      url: c.url,
      passed: true,
      attempts: 1,
      consecutivePasses: 1,
      status: 200,
      latencyMs: 10,
      elapsedMs: 10,
    })),
  };
}

describe('runWatch', () => {
  it('runs one round every interval until watch is over, and passes', async () => {
    const plan = await planFor({ url: `${A} ${B}`, watch: '10s', interval: '2s' });
    const f = fake({ [A]: [ok], [B]: [ok] });
    const w = await runWatch(plan, f.deps, never);
    expect(w).toMatchObject({ outcome: 'passed', rounds: 5, passedRounds: 5, failures: [] });
    expect(w.failedAtMs).toBeUndefined();
    // both checks each round, at once; rounds start every interval from go-live, the last at its end
    expect(f.sent.filter((s) => s.url === A).length).toBe(5);
    expect(f.sent.filter((s) => s.url === B).length).toBe(5);
    expect(f.sleeps).toEqual([2000, 1990, 1990, 1990, 1990]);
    expect(f.log).toEqual([]);
  });

  it('fails the moment failure-threshold rounds in a row fail, saying when and what', async () => {
    const plan = await planFor({ url: `${A} ${B}`, watch: '5m', interval: '1s', 'failure-threshold': '3' });
    const f = fake({ [A]: [ok, ok, ok, ok, broken], [B]: [ok] });
    const w = await runWatch(plan, f.deps, never);
    expect(w).toMatchObject({
      outcome: 'failed',
      rounds: 7,
      passedRounds: 4,
      failures: [
        { name: `GET ${A}`, status: 500, latencyMs: 10, error: 'status 500, expected 2xx — body: boom' },
      ],
    });
    // rounds start at 1s, 2s … and end 10 ms later: the 5th (first failed) at 5.01s, the 7th at 7.01s — not at 5m
    expect(w.failingSinceMs).toBe(5010);
    expect(w.failedAtMs).toBe(7010);
    expect(f.log).toEqual([
      `✗ watch round 5 at 5.0s · GET ${A}: 500 in 10ms, status 500, expected 2xx — body: boom — failed round 1 of 3`,
      `✗ watch round 6 at 6.0s · GET ${A}: 500 in 10ms, status 500, expected 2xx — body: boom — failed round 2 of 3`,
      `✗ watch round 7 at 7.0s · GET ${A}: 500 in 10ms, status 500, expected 2xx — body: boom — failed 3 rounds in a row: the watch fails`,
    ]);
  });

  it('counts not ready (refused, 503) as failing: the release was live and healthy', async () => {
    const plan = await planFor({ url: A, watch: '1m', 'failure-threshold': '2' });
    const f = fake({ [A]: [ok, { status: 503, body: 'down' }, refused] });
    const w = await runWatch(plan, f.deps, never);
    expect(w.outcome).toBe('failed');
    expect(w.rounds).toBe(3);
    expect(w.failures).toEqual([
      { name: `GET ${A}`, error: 'connection refused (connect ECONNREFUSED 10.0.0.1:443)' },
    ]);
  });

  it('a round that passes starts the count again: a short flap is logged but passes', async () => {
    const plan = await planFor({ url: A, watch: '6s', 'failure-threshold': '2' });
    const f = fake({ [A]: [ok, broken, ok, broken, ok] });
    const w = await runWatch(plan, f.deps, never);
    expect(w).toMatchObject({ outcome: 'passed', rounds: 6, passedRounds: 4 });
    expect(f.log.map((l) => l.replace(/ at .*? ·.* —/, ' —'))).toEqual([
      '✗ watch round 2 — failed round 1 of 2',
      '✓ watch round 3 at 3.0s: every check passes again',
      '✗ watch round 4 — failed round 1 of 2',
      '✓ watch round 5 at 5.0s: every check passes again',
    ]);
  });

  it('logs one line a minute while every round passes, not one a round', async () => {
    const plan = await planFor({ url: A, watch: '5m', interval: '1s' });
    const f = fake({ [A]: [ok] });
    const w = await runWatch(plan, f.deps, never);
    expect(w.rounds).toBeGreaterThan(290);
    expect(f.log).toHaveLength(300_000 / HEARTBEAT_MS);
    expect(f.log[0]).toMatch(/^✓ watch: 60 of 60 rounds passed, 1m since go-live, 4m left$/);
  });

  it('stops at once when the step is cancelled', async () => {
    const plan = await planFor({ url: A, watch: '5m' });
    const f = fake({ [A]: [ok] });
    const cancel = new AbortController();
    const originalSleep = f.deps.sleep;
    let sleeps = 0;
    f.deps.sleep = (ms, signal) => {
      if (++sleeps === 4) cancel.abort();
      return originalSleep(ms, signal);
    };
    const w = await runWatch(plan, f.deps, cancel.signal);
    expect(w).toMatchObject({ outcome: 'cancelled', rounds: 3, passedRounds: 3 });
  });
});

describe('the watch in the report, summary and failure message', () => {
  it('marks the check that broke as failed with its watch status, and says when', async () => {
    const plan = await planFor({ url: `${A} ${B}`, watch: '5m', 'failure-threshold': '2' });
    const f = fake({ [A]: [ok, ok, broken], [B]: [ok] });
    const watch = await runWatch(plan, f.deps, never);
    const report = buildReport(gatePassed(plan), watch);
    expect(report.passed).toBe(false);
    expect(report.checks[0]).toMatchObject({
      name: `GET ${A}`,
      passed: false,
      status: 500,
      latencyMs: 10,
      error:
        'broke during the watch, 3.0s after go-live: status 500, expected 2xx — body: boom (2 of 4 rounds passed)',
    });
    expect(report.checks[1]).toMatchObject({ name: `GET ${B}`, passed: true, error: null });
    expect(report.watch).toEqual({
      watchMs: 300_000,
      outcome: 'failed',
      rounds: 4,
      passedRounds: 2,
      elapsedMs: 4010,
      failedAtMs: 4010,
      failingSinceMs: 3010,
      failures: [
        { name: `GET ${A}`, status: 500, latencyMs: 10, error: 'status 500, expected 2xx — body: boom' },
      ],
    });
    const message = failureMessage(gatePassed(plan), plan, watch);
    expect(message).toContain('Smoke test passed at first, then failed its watch.');
    expect(message).toContain('The release broke 3.0s after go-live: 2 rounds in a row failed');
    expect(message).toContain(`2 of 4 rounds passed of the 5m watch. What broke: GET ${A}: 500 in 10ms`);
    const summary = summaryMarkdown(gatePassed(plan), plan, watch);
    expect(summary).toContain(`### ❌ Smoke test failed during the watch: GET ${A} broke 3.0s after go-live`);
    expect(summary).toContain(`| GET ${A} | 500 | 10ms | status 500, expected 2xx — body: boom |`);
  });

  it('a passed watch keeps the report passed and says how many rounds', async () => {
    const plan = await planFor({ url: A, watch: '3s' });
    const watch = await runWatch(plan, fake({ [A]: [ok] }).deps, never);
    expect(buildReport(gatePassed(plan), watch)).toMatchObject({
      passed: true,
      watch: { outcome: 'passed', rounds: 3, passedRounds: 3, failedAtMs: null, failures: [] },
    });
    expect(summaryMarkdown(gatePassed(plan), plan, watch)).toContain(
      '### ✅ Smoke test passed: 1 check in 10ms, then watched for 3.0s',
    );
  });
});
