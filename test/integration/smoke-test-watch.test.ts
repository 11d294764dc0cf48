// smoke-test's `watch`, bundled and run as the runner runs it (dist/smoke-test/index.js with INPUT_*
// variables), against real local HTTP servers that pass and then break.
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../actions/smoke-test/report.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { ok, type Reply, startServer, type TestServer } from '../helpers/http-servers.js';

type Inputs = Record<string, string | number | boolean | undefined>;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(routes);
  servers.push(s);
  return s;
}

async function smokeTest(
  inputs: Inputs,
  onSpawn?: (pid: number) => void,
): Promise<ActionResult & { report: Report; ms: number }> {
  const t0 = Date.now();
  const result = await runAction('smoke-test', { inputs, timeoutMs: 60_000, onSpawn });
  const ms = Date.now() - t0;
  const report = result.outputs['report'] ? (JSON.parse(result.outputs['report']) as Report) : undefined;
  if (!report) throw new Error(`no report output (exit ${result.exitCode}):\n${result.log}`);
  return { ...result, report, ms };
}

/** 200 until `ms` after the path's first request, then `broken`. */
const breaksAfter =
  (ms: number, broken: Reply) =>
  (req: { sinceFirstMs: number }): Reply =>
    req.sinceFirstMs < ms ? { status: 200, body: 'ok' } : broken;

describe('smoke-test watch', () => {
  it('a healthy service: every round passes, the step passes, the log has no line per round', async () => {
    const s = await serve({ '/health': ok() });
    const r = await smokeTest({ url: s.url('/health'), watch: '3s', interval: '500ms' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['passed']).toBe('true');
    expect(r.outputs['watch-rounds']).toBe('6');
    expect(r.outputs['watch-failed-at-ms']).toBe('');
    expect(r.report.watch).toMatchObject({ outcome: 'passed', rounds: 6, passedRounds: 6, failures: [] });
    // the gate's one request, then one a round
    expect(s.hits('/health')).toHaveLength(7);
    expect(r.ms).toBeGreaterThanOrEqual(3000);
    expect(r.log).not.toContain('watch round');
    expect(r.log).toContain('Watched 3.0s after go-live: 6 of 6 rounds passed, every 500ms.');
    expect(r.summary).toContain('### ✅ Smoke test passed: 1 check in');
    expect(r.summary).toContain(', then watched for 3.0s');
  });

  it('a service that turns to 500 fails the step failure-threshold rounds later, saying when and what', async () => {
    const s = await serve({
      '/health': breaksAfter(1500, { status: 500, body: 'pool exhausted' }),
      '/': ok('home'),
    });
    const r = await smokeTest({
      url: `${s.url('/health')} ${s.url('/')}`,
      watch: '30s',
      interval: '300ms',
      'failure-threshold': '3',
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['passed']).toBe('false');
    // it fails right after it turns, not at the end of the 30 s watch
    expect(r.ms).toBeLessThan(10_000);
    const failedAt = Number(r.outputs['watch-failed-at-ms']);
    expect(failedAt).toBeGreaterThanOrEqual(1500);
    expect(failedAt).toBeLessThan(1500 + 4 * 300 + 1000);
    const w = r.report.watch;
    expect(w?.outcome).toBe('failed');
    expect(w?.failedAtMs).toBe(failedAt);
    expect(Number(r.outputs['watch-rounds'])).toBe(w?.rounds);
    expect(w?.rounds).toBe((w?.passedRounds ?? 0) + 3);
    expect(w?.passedRounds).toBeGreaterThanOrEqual(2);
    expect(w?.failures).toEqual([
      {
        name: `GET ${s.url('/health')}`,
        status: 500,
        latencyMs: expect.any(Number),
        error: 'status 500, expected 2xx — body: pool exhausted',
      },
    ]);
    const health = r.report.checks.find((c) => c.url === s.url('/health'));
    expect(health).toMatchObject({ passed: false, status: 500 });
    expect(health?.error).toMatch(
      /^broke during the watch, \d\.\ds after go-live: status 500, expected 2xx — body: pool exhausted \(\d+ of \d+ rounds passed\)$/,
    );
    expect(r.report.checks.find((c) => c.url === s.url('/'))).toMatchObject({ passed: true, error: null });
    const error = r.errors.join('\n');
    expect(error).toContain('Smoke test passed at first, then failed its watch.');
    expect(error).toMatch(/The release broke \d\.\ds after go-live: 3 rounds in a row failed/);
    expect(error).toContain(`What broke: GET ${s.url('/health')}: 500 in`);
    // one line per failed round, none for the rounds that passed
    expect(r.log.match(/✗ watch round/g)).toHaveLength(3);
    expect(r.summary).toContain(`### ❌ Smoke test failed during the watch: GET ${s.url('/health')} broke`);
    expect(r.summary).toContain('| Check that broke | Status | Latency | Error |');
  });

  it('a service that goes away (connection refused) fails the watch: not ready counts once live', async () => {
    const s = await serve({ '/health': ok() });
    const url = s.url('/health');
    const r = await smokeTest({ url, watch: '30s', interval: '300ms', 'failure-threshold': '2' }, () => {
      // once the watch is on (the gate's request and 2 rounds seen): a timer from the spawn closed it
      // before a slow cold start's first request (CI, loaded machine), so the gate itself never passed
      const poll = setInterval(() => {
        if (s.hits('/health').length < 3) return;
        clearInterval(poll);
        void s.close();
      }, 50);
    });
    expect(r.exitCode).toBe(1);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.report.watch?.outcome).toBe('failed');
    expect(r.report.watch?.failures[0]).toMatchObject({ name: `GET ${url}`, status: null });
    expect(r.report.watch?.failures[0]?.error).toContain('connection refused');
  });

  it('SIGTERM (a cancelled job) ends the watch at once and cleanly: outputs, summary, a failed step', async () => {
    const s = await serve({ '/health': ok() });
    const r = await smokeTest({ url: s.url('/health'), watch: '5m', interval: '200ms' }, (pid) => {
      // once the watch is on (the gate's request and 3 rounds seen), however slow the start was
      const poll = setInterval(() => {
        if (s.hits('/health').length < 4) return;
        clearInterval(poll);
        process.kill(pid, 'SIGTERM');
      }, 50);
    });
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.ms).toBeLessThan(20_000); // not the 5m watch
    expect(r.report.watch).toMatchObject({ outcome: 'cancelled', failedAtMs: null });
    expect(r.report.watch?.passedRounds).toBeGreaterThanOrEqual(3);
    expect(r.outputs['passed']).toBe('false');
    expect(r.errors.join('\n')).toMatch(
      /The watch was cancelled \d+(?:ms|\.\ds) after go-live \(of 5m\): (\d+) of \1 rounds passed until then\./,
    );
    expect(r.errors.join('\n')).toContain('Smoke test passed, then its watch was cancelled');
    expect(r.summary).toContain('then its watch was cancelled after');
  });

  it('a watch over the cap, or shorter than one interval, fails before any request', async () => {
    const s = await serve({ '/health': ok() });
    for (const [inputs, text] of [
      [{ watch: '2h' }, "Input 'watch': is 2h, over the 1h cap"],
      [{ watch: '5s', interval: '10s' }, "Input 'watch': is 5.0s, shorter than one round"],
      [{ watch: 'soon' }, "Input 'watch': must be a duration such as 5m or 90s"],
    ] as const) {
      const r = await runAction('smoke-test', { inputs: { url: s.url('/health'), ...inputs } });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toContain(text);
    }
    expect(s.hits('/health')).toHaveLength(0);
  });
});
