import { describe, expect, it } from 'vitest';
import { type GateDeps, MIN_ATTEMPT_TIMEOUT_MS, runGate } from '../../../actions/smoke-test/gate.js';
import { ProbeError, type ProbeRequest, type ProbeResponse } from '../../../actions/smoke-test/http-probe.js';
import { readSmokeTestInputs, type SmokeTestPlan } from '../../../actions/smoke-test/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

type Answer = Partial<ProbeResponse> | ProbeError;

/**
 * A virtual clock and scripted servers. Each URL answers from its script (the last entry
 * repeats) after `latencyMs` of virtual time. Sleeps and latencies are virtual timers: when every
 * check is waiting, the clock jumps to the earliest timer — so checks run concurrently as they
 * would for real, in no real time. Random is 0.5: backoff without jitter, 1 s, 2 s, 4 s, 8 s, 10 s.
 */
function fake(scripts: Record<string, Answer[]>) {
  let clock = 0;
  let seq = 0;
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  let pumping = false;
  const pump = (): void => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers.shift();
      if (!next) return;
      clock = Math.max(clock, next.at);
      next.wake();
      pump();
    });
  };
  const wait = (ms: number): Promise<void> =>
    new Promise((wake) => {
      timers.push({ at: clock + ms, seq: seq++, wake });
      pump();
    });
  const sent: { url: string; at: number; timeoutMs: number; headers: Record<string, string> }[] = [];
  const sleeps: number[] = [];
  const log: string[] = [];
  const deps: GateDeps = {
    now: () => clock,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return wait(ms);
    },
    log: (l) => log.push(l),
    send: async (req: ProbeRequest) => {
      const script = scripts[req.url] ?? [];
      const n = sent.filter((s) => s.url === req.url).length;
      sent.push({ url: req.url, at: clock, timeoutMs: req.timeoutMs, headers: req.headers });
      const answer = script[Math.min(n, script.length - 1)] ?? {};
      if (answer instanceof ProbeError) {
        await wait(answer.latencyMs);
        throw answer;
      }
      const latencyMs = answer.latencyMs ?? 10;
      await wait(latencyMs);
      return {
        status: 200,
        contentType: 'text/plain',
        body: 'ok',
        bodyTruncated: false,
        redirects: [],
        ...answer,
        latencyMs,
      };
    },
  };
  return { deps, sent, sleeps, log };
}

const planFor = (record: Record<string, string>): SmokeTestPlan =>
  readSmokeTestInputs(new Inputs(recordInputs(record)));
const A = 'https://a.example/';
const B = 'https://b.example/';
const down = { status: 503, body: 'starting' };
const refused = new ProbeError('connection refused (connect ECONNREFUSED 10.0.0.1:443)', 'ECONNREFUSED', 3);

describe('runGate', () => {
  it('passes at the first attempt', async () => {
    const f = fake({ [A]: [{}] });
    const r = await runGate(planFor({ url: A }), f.deps);
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

  it('backs off exponentially between failures, up to 10 s, until it passes', async () => {
    const f = fake({ [A]: [down, down, down, down, down, down, {}] });
    const r = await runGate(planFor({ url: A }), f.deps);
    expect(f.sleeps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(r.checks[0]).toMatchObject({ passed: true, attempts: 7, status: 200, error: undefined });
    expect(f.log[0]).toBe(
      `✗ GET ${A} · attempt 1 at 10ms · 503 in 10ms · status 503, expected 2xx — body: starting — next attempt in 1.0s`,
    );
  });

  it('jitter spreads the delay by ±20 %', async () => {
    for (const [random, first] of [
      [0, 800],
      [1, 1200],
    ] as const) {
      const f = fake({ [A]: [down, {}] });
      f.deps.random = () => random;
      await runGate(planFor({ url: A }), f.deps);
      expect(f.sleeps).toEqual([first]);
    }
  });

  it('stops at the deadline with the last error; the last wait is cut to the deadline', async () => {
    const f = fake({ [A]: [refused] });
    const r = await runGate(planFor({ url: A, timeout: '10s' }), f.deps);
    // attempts end at 3, 1006, 3009, 7012; then 10 s - 7012 ms is left, less than the 8 s backoff
    expect(f.sleeps).toEqual([1000, 2000, 4000, 10_000 - 7012]);
    expect(f.sent.map((s) => s.at)).toEqual([0, 1003, 3006, 7009, 10_000]);
    expect(r).toMatchObject({ passed: false });
    expect(r.checks[0]).toMatchObject({
      passed: false,
      attempts: 5,
      status: undefined,
      latencyMs: undefined,
      error: 'connection refused (connect ECONNREFUSED 10.0.0.1:443)',
    });
    expect(f.log.at(-1)).toBe(
      `✗ GET ${A} · attempt 5 at 10.0s · no response after 3ms · connection refused (connect ECONNREFUSED 10.0.0.1:443) — deadline reached: failed`,
    );
  });

  it('cuts each request timeout to the time left, but gives the last attempt at least 1 s', async () => {
    const f = fake({ [A]: [refused] });
    await runGate(planFor({ url: A, timeout: '4s', 'request-timeout': '3s' }), f.deps);
    // attempts at 0, 1003 (2997 ms left), 3006 (994 ms left → 1 s), then 4000 (0 left → 1 s)
    expect(f.sent.map((s) => [s.at, s.timeoutMs])).toEqual([
      [0, 3000],
      [1003, 2997],
      [3006, MIN_ATTEMPT_TIMEOUT_MS],
      [4000, MIN_ATTEMPT_TIMEOUT_MS],
    ]);
  });

  it('requires consecutive passes; a failure resets the count and the interval separates passes', async () => {
    const f = fake({ [A]: [{}, down, {}, {}, {}] });
    const r = await runGate(planFor({ url: A, 'consecutive-passes': '3', interval: '2s' }), f.deps);
    expect(f.sleeps).toEqual([2000, 1000, 2000, 2000]);
    expect(r.checks[0]).toMatchObject({ passed: true, attempts: 5, consecutivePasses: 3 });
    expect(f.log.map((l) => l.replace(/^.* — /, ''))).toEqual([
      'pass 1 of 3; next attempt in 2.0s',
      'next attempt in 1.0s',
      'pass 1 of 3; next attempt in 2.0s',
      'pass 2 of 3; next attempt in 2.0s',
      'pass 3 of 3: passed',
    ]);
  });

  it('backoff restarts from 1 s after a pass', async () => {
    const f = fake({ [A]: [down, down, {}, down, {}] });
    await runGate(planFor({ url: A, 'consecutive-passes': '2', interval: '500ms', timeout: '1m' }), f.deps);
    expect(f.sleeps.slice(0, 4)).toEqual([1000, 2000, 500, 1000]);
  });

  it('fails a check that passed but not enough times in a row by the deadline, naming the failure before', async () => {
    const f = fake({ [A]: [{}, down] });
    // every attempt after the first fails: the error is the last failure
    const r = await runGate(planFor({ url: A, 'consecutive-passes': '2', timeout: '3s' }), f.deps);
    expect(r.checks[0]?.error).toBe('status 503, expected 2xx — body: starting');
    const g = fake({ [A]: [down, {}] });
    const r2 = await runGate(
      planFor({ url: A, 'consecutive-passes': '3', interval: '5s', timeout: '3s' }),
      g.deps,
    );
    // 503 at 0, pass at 1.0s, the 5 s interval is cut to the deadline, pass at 3.0s: 2 of 3
    expect(g.sent.map((s) => s.at)).toEqual([0, 1010, 3000]);
    expect(r2.checks[0]).toMatchObject({ passed: false, consecutivePasses: 2, status: 200 });
    expect(r2.checks[0]?.error).toBe(
      'passed 2 of the 3 times in a row it must before the deadline; the failure before: status 503, expected 2xx — body: starting',
    );
  });

  it('runs checks independently and at once: one failing does not hold the others', async () => {
    const f = fake({ [A]: [down, {}], [B]: [down, down, {}] });
    const r = await runGate(planFor({ url: `${A}\n${B}` }), f.deps);
    expect(r.passed).toBe(true);
    // both start at 0; A's retry does not wait for B, nor B's for A
    expect(f.sent.map((s) => [s.url, s.at])).toEqual([
      [A, 0],
      [B, 0],
      [A, 1010],
      [B, 1010],
      [B, 3020],
    ]);
    expect(r.checks.map((c) => c.attempts)).toEqual([2, 3]);
  });

  it('the gate fails when any check fails', async () => {
    const f = fake({ [A]: [{}], [B]: [{ status: 404, body: 'nope' }] });
    const r = await runGate(planFor({ url: `${A}\n${B}`, timeout: '2s' }), f.deps);
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => c.passed)).toEqual([true, false]);
  });

  it('replaces header values a server echoes back with ***', async () => {
    const f = fake({ [A]: [{ status: 500, body: 'bad token Bearer tok-123456 for user' }] });
    const r = await runGate(
      planFor({ url: A, headers: 'Authorization: Bearer tok-123456', timeout: '1s' }),
      f.deps,
    );
    expect(f.sent[0]?.headers['authorization']).toBe('Bearer tok-123456');
    expect(r.checks[0]?.error).toBe('status 500, expected 2xx — body: bad token *** for user');
    expect(f.log.join('\n')).not.toContain('tok-123456');
  });
});
