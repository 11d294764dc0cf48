// smoke-test tells "not ready yet" (no answer, 502/503/504, a timeout) from "wrong" (any other
// status, a wrong body or JSON value): it waits for the first until the deadline, polling every
// `interval`, and fails the second after `failure-threshold` answers in a row — long before the
// 2-minute default deadline — so a rollback starts at once. The bundled action, real servers.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../actions/smoke-test/report.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  healthyAfter,
  json,
  ok,
  refusedPort,
  reply,
  startServer,
  type TestServer,
} from '../helpers/http-servers.js';

type Inputs = Record<string, string | number | boolean | undefined>;

async function smokeTest(inputs: Inputs): Promise<ActionResult & { report: Report }> {
  // far below the default 2 m deadline: a wrong answer must fail the step long before it
  const result = await runAction('smoke-test', { inputs, timeoutMs: 30_000 });
  const report = result.outputs['report'] ? (JSON.parse(result.outputs['report']) as Report) : undefined;
  if (!report)
    throw new Error(`no report output (exit ${result.exitCode}, ${result.signal}):\n${result.log}`);
  return { ...result, report };
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/recovering': healthyAfter(1500),
    '/error': reply({ status: 500, body: 'Internal Server Error' }),
    '/old-release': ok('version v1'),
    '/bad-json': json({ status: 'degraded', db: 'down' }),
    '/not-found': reply({ status: 404, body: 'no such route' }),
    '/bad-gateway-for-4s': (req) =>
      req.sinceFirstMs >= 4000
        ? { status: 200, body: 'ok' }
        : { status: req.n % 2 ? 502 : 504, body: 'upstream not ready' },
  });
});
afterAll(() => server.close());

describe('smoke-test: not ready vs wrong', () => {
  it('a service that answers 503 for 1.5 s is seen healthy within one interval of recovering', async () => {
    const r = await smokeTest({ url: server.url('/recovering') });
    expect(r.exitCode, r.log).toBe(0);
    // a fixed 1 s poller sees it at 2 s; exponential backoff (1 s, 2 s) saw it only at 3 s
    expect(r.report.elapsedMs).toBeLessThan(2500);
    const gaps = server
      .hits('/recovering')
      .map((h) => h.sinceFirstMs)
      .map((t, i, all) => t - (all[i - 1] ?? t))
      .slice(1);
    for (const gap of gaps) expect(gap).toBeLessThan(1300);
  });

  it('a 500 for good fails after failure-threshold (3) answers, ~2 s, not at the 2-minute deadline', async () => {
    const r = await smokeTest({ url: server.url('/error') });
    expect(r.exitCode).toBe(1);
    expect(r.report.passed).toBe(false);
    expect(r.report.elapsedMs).toBeLessThan(3000);
    expect(server.hits('/error')).toHaveLength(3);
    const error = r.errors.join('\n');
    expect(error).toContain('status 500, expected 2xx');
    expect(error).toContain('wrong 3 times in a row (failure-threshold: 3)');
  });

  it('a wrong body (the old release still answering) and a wrong JSON value fail fast too', async () => {
    for (const [check, why] of [
      [
        `- name: version\n  url: ${server.url('/old-release')}\n  body-contains: v2`,
        'body does not contain "v2"',
      ],
      [`- name: ready\n  url: ${server.url('/bad-json')}\n  json-equals:\n    status: ok`, 'status'],
    ] as const) {
      const r = await smokeTest({ checks: check, 'failure-threshold': 2, interval: '500ms' });
      expect(r.exitCode).toBe(1);
      expect(r.report.elapsedMs).toBeLessThan(1500);
      expect(r.report.checks[0]).toMatchObject({ passed: false, attempts: 2 });
      expect(r.errors.join('\n')).toContain(why);
      expect(r.errors.join('\n')).toContain('wrong 2 times in a row (failure-threshold: 2)');
      expect(r.summary).toContain('a wrong answer ended the gate after');
    }
  });

  it('the first check that fails for good stops the gate: a check still waiting is not waited for', async () => {
    const port = await refusedPort();
    const r = await smokeTest({ url: `${server.url('/not-found')}\nhttp://127.0.0.1:${port}/health` });
    expect(r.exitCode).toBe(1);
    expect(r.report.elapsedMs).toBeLessThan(3000);
    const [wrong, waiting] = r.report.checks;
    expect(wrong?.error).toContain('status 404');
    expect(waiting?.passed).toBe(false);
    expect(waiting?.error).toContain('stopped: another check failed for good');
  });

  it('502/504 for 4 s (longer than threshold × interval) is not ready, not wrong: it passes', async () => {
    const r = await smokeTest({ url: server.url('/bad-gateway-for-4s') });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.report.checks[0]?.attempts).toBeGreaterThanOrEqual(5);
  });

  it('a refused connection is waited for until the service listens (3.2 s here)', async () => {
    const port = await refusedPort();
    let late: http.Server | undefined;
    const timer = setTimeout(() => {
      late = http.createServer((_, res) => res.end('ok')).listen(port, '127.0.0.1');
    }, 3200);
    try {
      const r = await smokeTest({ url: `http://127.0.0.1:${port}/health`, timeout: '20s' });
      expect(r.exitCode, r.log).toBe(0);
      expect(r.report.checks[0]?.attempts).toBeGreaterThanOrEqual(3);
      expect(r.report.elapsedMs).toBeLessThan(4600);
    } finally {
      clearTimeout(timer);
      late?.closeAllConnections();
      late?.close();
    }
  });

  it('failure-threshold is validated, naming the input', async () => {
    const r = await runAction('smoke-test', {
      inputs: { url: server.url('/error'), 'failure-threshold': 0 },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain("Input 'failure-threshold'");
  });
});
