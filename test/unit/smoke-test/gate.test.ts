import { describe, expect, it } from 'vitest';
import { MIN_ATTEMPT_TIMEOUT_MS, runGate, STOPPED } from '../../../actions/smoke-test/gate.js';
import { ProbeError } from '../../../actions/smoke-test/http-probe.js';
import { readSmokeTestInputs, type SmokeTestPlan } from '../../../actions/smoke-test/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { fake } from './fake-probe.js';

const planFor = (record: Record<string, string>): Promise<SmokeTestPlan> =>
  readSmokeTestInputs(new Inputs(recordInputs(record)));
const A = 'https://a.example/';
const B = 'https://b.example/';
const down = { status: 503, body: 'starting' };
const refused = new ProbeError('connection refused (connect ECONNREFUSED 10.0.0.1:443)', 'ECONNREFUSED', 3);

describe('runGate', () => {
  it('passes at the first attempt', async () => {
    const f = fake({ [A]: [{}] });
    const r = await runGate(await planFor({ url: A }), f.deps);
    expect(r).toEqual({
      passed: true,
      elapsedMs: 10,
      checks: [
        {
          name: `GET ${A}`,
          method: 'GET',
          url: A,
          passed: true,
          attempts: 1,
          consecutivePasses: 1,
          status: 200,
          latencyMs: 10,
          error: undefined,
          elapsedMs: 10,
        },
      ],
    });
    expect(f.sleeps).toEqual([]);
    expect(f.log).toEqual([`✓ GET ${A} · attempt 1 at 10ms · 200 in 10ms — passed`]);
  });

  it('polls every interval while the service is not ready (503), never a longer gap, until it passes', async () => {
    const f = fake({ [A]: [down, down, down, down, down, down, {}] });
    const r = await runGate(await planFor({ url: A }), f.deps);
    expect(f.sleeps).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(r.checks[0]).toMatchObject({ passed: true, attempts: 7, status: 200, error: undefined });
    expect(f.log[0]).toBe(
      `✗ GET ${A} · attempt 1 at 10ms · 503 in 10ms · status 503, expected 2xx — body: starting — next attempt in 1.0s`,
    );
  });

  it('stops at the deadline with the last error; the last wait is cut to the deadline', async () => {
    const f = fake({ [A]: [refused] });
    const r = await runGate(await planFor({ url: A, timeout: '10s' }), f.deps);
    // attempts every 1003 ms (3 ms to be refused + 1 s); the 10th ends at 9030: 970 ms are left
    expect(f.sleeps).toEqual([...Array.from({ length: 9 }, () => 1000), 970]);
    expect(f.sent.at(-1)?.at).toBe(10_000);
    expect(r).toMatchObject({ passed: false });
    expect(r.failedFast).toBeUndefined();
    expect(r.checks[0]).toMatchObject({
      passed: false,
      attempts: 11,
      status: undefined,
      latencyMs: undefined,
      error: 'connection refused (connect ECONNREFUSED 10.0.0.1:443)',
    });
    expect(f.log.at(-1)).toBe(
      `✗ GET ${A} · attempt 11 at 10.0s · no response after 3ms · connection refused (connect ECONNREFUSED 10.0.0.1:443) — deadline reached: failed`,
    );
  });

  it('cuts each request timeout to the time left, but gives the last attempt at least 1 s', async () => {
    const f = fake({ [A]: [refused] });
    await runGate(await planFor({ url: A, timeout: '4s', 'request-timeout': '3s' }), f.deps);
    expect(f.sent.map((s) => [s.at, s.timeoutMs])).toEqual([
      [0, 3000],
      [1003, 2997],
      [2006, 1994],
      [3009, MIN_ATTEMPT_TIMEOUT_MS],
      [4000, MIN_ATTEMPT_TIMEOUT_MS],
    ]);
  });

  it('a wrong answer (500) fails the check after failure-threshold answers in a row, long before the deadline', async () => {
    const f = fake({ [A]: [{ status: 500, body: 'boom' }] });
    const r = await runGate(await planFor({ url: A }), f.deps);
    expect(f.sent.map((s) => s.at)).toEqual([0, 1010, 2020]);
    expect(r).toMatchObject({ passed: false, failedFast: true });
    expect(r.checks[0]?.error).toBe(
      'status 500, expected 2xx — body: boom — wrong 3 times in a row (failure-threshold: 3): a wrong answer, not a service still starting, so the gate fails now rather than at the deadline',
    );
    expect(f.log.map((l) => l.replace(/^.* — /, ''))).toEqual([
      'wrong 1 of 3; next attempt in 1.0s',
      'wrong 2 of 3; next attempt in 1.0s',
      'wrong 3 times in a row: failed',
    ]);
  });

  it('a not-ready answer in between restarts the count of wrong answers; failure-threshold is an input', async () => {
    const wrong = { status: 200, body: 'version v1' };
    const f = fake({ [A]: [wrong, down, wrong, wrong, { body: 'version v2' }] });
    const r = await runGate(
      await planFor({ url: A, 'body-contains': 'v2', 'failure-threshold': '3' }),
      f.deps,
    );
    expect(r.checks[0]).toMatchObject({ passed: true, attempts: 5 });
    const g = fake({ [A]: [wrong] });
    const r2 = await runGate(
      await planFor({ url: A, 'body-contains': 'v2', 'failure-threshold': '1' }),
      g.deps,
    );
    expect(r2.checks[0]).toMatchObject({ passed: false, attempts: 1 });
  });

  it('the first check that fails for good stops the others: a rollback need not wait for the deadline', async () => {
    const f = fake({ [A]: [{ status: 404, body: 'nope' }], [B]: [refused] });
    const r = await runGate(await planFor({ url: `${A}\n${B}` }), f.deps);
    expect(r.passed).toBe(false);
    expect(r.elapsedMs).toBeLessThan(2100);
    expect(r.checks.map((c) => c.error?.slice(0, 24))).toEqual([
      'status 404, expected 2xx',
      STOPPED.slice(0, 24),
    ]);
  });

  it('requires consecutive passes; a failure resets the count and the interval separates passes', async () => {
    const f = fake({ [A]: [{}, down, {}, {}, {}] });
    const r = await runGate(await planFor({ url: A, 'consecutive-passes': '3', interval: '2s' }), f.deps);
    expect(f.sleeps).toEqual([2000, 2000, 2000, 2000]);
    expect(r.checks[0]).toMatchObject({ passed: true, attempts: 5, consecutivePasses: 3 });
    expect(f.log.map((l) => l.replace(/^.* — /, ''))).toEqual([
      'pass 1 of 3; next attempt in 2.0s',
      'next attempt in 2.0s',
      'pass 1 of 3; next attempt in 2.0s',
      'pass 2 of 3; next attempt in 2.0s',
      'pass 3 of 3: passed',
    ]);
  });

  it('fails a check that passed but not enough times in a row by the deadline, naming the failure before', async () => {
    const f = fake({ [A]: [{}, down] });
    // every attempt after the first fails: the error is the last failure
    const r = await runGate(await planFor({ url: A, 'consecutive-passes': '2', timeout: '3s' }), f.deps);
    expect(r.checks[0]?.error).toBe('status 503, expected 2xx — body: starting');
    const g = fake({ [A]: [down, {}] });
    const r2 = await runGate(
      await planFor({ url: A, 'consecutive-passes': '3', interval: '5s', timeout: '3s' }),
      g.deps,
    );
    // 503 at 0, the 5 s interval is cut to the deadline, pass at 3.0s: 1 of 3
    expect(g.sent.map((s) => s.at)).toEqual([0, 3000]);
    expect(r2.checks[0]).toMatchObject({ passed: false, consecutivePasses: 1, status: 200 });
    expect(r2.checks[0]?.error).toBe(
      'passed 1 of the 3 times in a row it must before the deadline; the failure before: status 503, expected 2xx — body: starting',
    );
  });

  it('runs checks independently and at once: one failing does not hold the others', async () => {
    const f = fake({ [A]: [down, {}], [B]: [down, down, {}] });
    const r = await runGate(await planFor({ url: `${A}\n${B}` }), f.deps);
    expect(r.passed).toBe(true);
    // both start at 0; A's retry does not wait for B, nor B's for A
    expect(f.sent.map((s) => [s.url, s.at])).toEqual([
      [A, 0],
      [B, 0],
      [A, 1010],
      [B, 1010],
      [B, 2020],
    ]);
    expect(r.checks.map((c) => c.attempts)).toEqual([2, 3]);
  });

  it('the gate fails when any check fails', async () => {
    const f = fake({ [A]: [{}], [B]: [{ status: 404, body: 'nope' }] });
    const r = await runGate(await planFor({ url: `${A}\n${B}`, timeout: '2s' }), f.deps);
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => c.passed)).toEqual([true, false]);
  });

  it('replaces header values a server echoes back with ***', async () => {
    const f = fake({ [A]: [{ status: 500, body: 'bad token Bearer tok-123456 for user' }] });
    const r = await runGate(
      await planFor({ url: A, headers: 'Authorization: Bearer tok-123456', timeout: '1s' }),
      f.deps,
    );
    expect(f.sent[0]?.headers['authorization']).toBe('Bearer tok-123456');
    expect(r.checks[0]?.error).toBe('status 500, expected 2xx — body: bad token *** for user');
    expect(f.log.join('\n')).not.toContain('tok-123456');
  });
});
