// The bundled smoke-test action, run as the runner runs it (dist/smoke-test/index.js with INPUT_*
// variables), against real local HTTP(S) servers with scripted behaviours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../actions/smoke-test/report.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  alternating,
  echo,
  healthyAfter,
  json,
  makeTlsFixture,
  ok,
  redirect,
  refusedPort,
  reply,
  sequence,
  slow,
  startServer,
  type TestServer,
  type TlsFixture,
} from '../helpers/http-servers.js';

type Inputs = Record<string, string | number | boolean | undefined>;

async function smokeTest(inputs: Inputs): Promise<ActionResult & { report: Report }> {
  const result = await runAction('smoke-test', { inputs, timeoutMs: 60_000 });
  const report = result.outputs['report'] ? (JSON.parse(result.outputs['report']) as Report) : undefined;
  if (!report) throw new Error(`no report output (exit ${result.exitCode}):\n${result.log}`);
  return { ...result, report };
}

function check(report: Report, name: string): Report['checks'][number] {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check '${name}' in ${JSON.stringify(report.checks.map((c) => c.name))}`);
  return found;
}

/** A YAML list of checks, as a user writes it in `checks: |`. */
const yaml = (...checks: string[]): string => checks.map((c) => c.trim()).join('\n');

describe('smoke-test action', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      '/health': ok('healthy'),
      '/ready': json({ status: 'ok', data: { items: [{ status: 'up' }], version: 3 } }),
      '/starting': healthyAfter(2500, { status: 200, body: 'ready now' }),
      '/flaps-then-settles': sequence(
        { status: 200 },
        { status: 503, body: 'flap' },
        { status: 200 },
        { status: 200 },
        { status: 200 },
      ),
      '/flaps-forever': alternating({ status: 200 }, { status: 503, body: 'flap' }),
      '/slow': slow(600),
      '/very-slow': slow(5000),
      '/html': ok('<html><body>Welcome, build 41</body></html>'),
      '/not-json': ok('plain text'),
      '/moved': redirect('/health', 301),
      '/loop': redirect('/loop'),
      '/echo': echo,
      '/down': reply({ status: 503, body: 'upstream unavailable\n::error::injected command' }),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('passes a list of healthy URLs, with outputs, a summary table and one line per attempt', async () => {
    const urls = [server.url('/health'), server.url('/ready?ids=1,2')];
    const r = await smokeTest({ url: `${urls[0]}\n${urls[1]}` });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['passed']).toBe('true');
    expect(r.report.passed).toBe(true);
    expect(r.report.checks.map((c) => [c.name, c.passed, c.attempts, c.status, c.error])).toEqual([
      [`GET ${urls[0]}`, true, 1, 200, null],
      [`GET ${urls[1]}`, true, 1, 200, null],
    ]);
    expect(r.report.checks[0]?.latencyMs).toEqual(expect.any(Number));
    expect(server.hits('/ready').at(-1)?.url).toBe('/ready?ids=1,2');
    expect(r.summary).toContain('Smoke test passed: 2 checks');
    expect(r.summary).toContain('| Check | Result | Attempts | Last status | Latency | Error |');
    expect(r.summary).toContain(`| GET ${urls[0]} | ✅ passed | 1 | 200 |`);
    expect(r.log).toContain('::group::Smoke test: 2 checks at once');
    expect(r.log).toMatch(
      new RegExp(`✓ GET ${escapeRegExp(urls[0] as string)} · attempt 1 at \\S+ · 200 in \\S+ — passed`),
    );
  });

  it('retries with backoff until a service that starts slowly is healthy', async () => {
    const r = await smokeTest({ url: server.url('/starting'), timeout: '30s' });
    expect(r.exitCode).toBe(0);
    const c = r.report.checks[0];
    expect(c?.passed).toBe(true);
    expect(c?.attempts).toBeGreaterThanOrEqual(2);
    expect(c?.attempts).toBe(server.hits('/starting').length);
    expect(r.log).toMatch(
      /✗ GET \S+\/starting · attempt 1 at \S+ · 503 in \S+ · status 503, expected 2xx — body: starting — next attempt in \S+/,
    );
    expect(r.log).toContain('· 200 in');
  });

  it('requires consecutive passes: a service that flaps, then settles, passes', async () => {
    const r = await smokeTest({
      checks: yaml(`- name: settles\n  url: ${server.url('/flaps-then-settles')}`),
      'consecutive-passes': 3,
      interval: '200ms',
      timeout: '30s',
    });
    expect(r.exitCode).toBe(0);
    expect(check(r.report, 'settles')).toMatchObject({ passed: true, attempts: 5, consecutivePasses: 3 });
    expect(server.hits('/flaps-then-settles')).toHaveLength(5);
    expect(r.log).toContain('pass 1 of 3; next attempt in 200ms');
    expect(r.log).toContain('pass 3 of 3: passed');
  });

  it('fails a service that keeps flapping when passes in a row are required', async () => {
    const r = await smokeTest({
      checks: yaml(`- name: flaps\n  url: ${server.url('/flaps-forever')}`),
      'consecutive-passes': 2,
      interval: '100ms',
      timeout: '3s',
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['passed']).toBe('false');
    const c = check(r.report, 'flaps');
    expect(c.passed).toBe(false);
    expect(c.attempts).toBeGreaterThanOrEqual(3);
    expect(c.consecutivePasses).toBeLessThan(2);
    // the deadline ends either on the failing attempt or on a lone pass
    expect(c.error).toMatch(/^status 503, expected 2xx|^passed 1 of the 2 times in a row/);
    expect(r.errors.join('\n')).toContain('flaps');
  });

  it('fails a slow service on max-latency and a slower one on request-timeout', async () => {
    const r = await smokeTest({
      checks: yaml(
        `- name: latency\n  url: ${server.url('/slow')}\n  max-latency: 200ms`,
        `- name: hangs\n  url: ${server.url('/very-slow')}\n  request-timeout: 300ms`,
        `- name: fast\n  url: ${server.url('/health')}\n  max-latency: 5s`,
      ),
      timeout: '2s',
    });
    expect(r.exitCode).toBe(1);
    expect(check(r.report, 'latency')).toMatchObject({ passed: false, status: 200 });
    expect(check(r.report, 'latency').error).toMatch(/^latency \S+ is over max-latency 200ms$/);
    expect(check(r.report, 'hangs')).toMatchObject({
      passed: false,
      status: null,
      error: 'no complete response within 300ms',
    });
    expect(check(r.report, 'fast').passed).toBe(true);
  });

  it('fails wrong bodies: body-contains, body-regex, json-equals, a missing path, a body that is not JSON', async () => {
    const ready = server.url('/ready');
    const r = await smokeTest({
      checks: yaml(
        `- name: contains-ok\n  url: ${server.url('/html')}\n  body-contains: [Welcome, build]`,
        `- name: contains-bad\n  url: ${server.url('/html')}\n  body-contains: Goodbye`,
        `- name: regex-ok\n  url: ${server.url('/html')}\n  body-regex: '/build \\d+/i'`,
        `- name: regex-bad\n  url: ${server.url('/html')}\n  body-regex: 'build 4[2-9]'`,
        `- name: json-ok\n  url: ${ready}\n  json-equals:\n    status: ok\n    data.items[0].status: up\n    $.data.version: 3`,
        `- name: json-wrong-value\n  url: ${ready}\n  json-equals:\n    data.items[0].status: down`,
        `- name: json-wrong-type\n  url: ${ready}\n  json-equals:\n    data.version: "3"`,
        `- name: json-missing\n  url: ${ready}\n  json-equals:\n    data.items[1].status: up`,
        `- name: not-json\n  url: ${server.url('/not-json')}\n  json-equals:\n    status: ok`,
      ),
      timeout: '1s',
    });
    expect(r.exitCode).toBe(1);
    const passed = r.report.checks.filter((c) => c.passed).map((c) => c.name);
    expect(passed).toEqual(['contains-ok', 'regex-ok', 'json-ok']);
    expect(check(r.report, 'contains-bad').error).toBe(
      'body does not contain "Goodbye" — body: <html><body>Welcome, build 41</body></html>',
    );
    expect(check(r.report, 'regex-bad').error).toMatch(/^body does not match \/build 4\[2-9\]\/ — body: /);
    expect(check(r.report, 'json-wrong-value').error).toMatch(
      /^JSON data\.items\[0\]\.status is "up", expected "down" — body: \{"status":"ok"/,
    );
    expect(check(r.report, 'json-wrong-type').error).toMatch(/^JSON data\.version is 3, expected "3"/);
    expect(check(r.report, 'json-missing').error).toMatch(
      /^JSON data\.items\[1\]\.status not found \(nothing at data\.items\[1\]\), expected "up"/,
    );
    expect(check(r.report, 'not-json').error).toMatch(
      /^body is not JSON \(.+\), so json-equals cannot be checked/,
    );
    // the step fails naming every failing check with its last status and error
    const failure = r.errors.join('\n');
    expect(failure).toContain('Smoke test failed: 6 of 9 checks did not pass within 1.0s');
    for (const name of [
      'contains-bad',
      'regex-bad',
      'json-wrong-value',
      'json-wrong-type',
      'json-missing',
      'not-json',
    ]) {
      expect(failure).toMatch(new RegExp(`- ${name} \\(200, \\d+ attempts?\\): `));
    }
  });

  it('keeps a failing body excerpt on one line: it cannot inject a workflow command', async () => {
    const r = await smokeTest({ url: server.url('/down'), timeout: '1s' });
    expect(r.exitCode).toBe(1);
    expect(r.report.checks[0]?.error).toBe(
      'status 503, expected 2xx — body: upstream unavailable ::error::injected command',
    );
    expect(r.log.split('\n').filter((l) => l.startsWith('::error::injected'))).toEqual([]);
  });

  it('follows redirects, or asserts on the 3xx itself, and stops a redirect loop', async () => {
    const r = await smokeTest({
      checks: yaml(
        `- name: followed\n  url: ${server.url('/moved')}\n  body-contains: healthy`,
        `- name: not-followed\n  url: ${server.url('/moved')}\n  follow-redirects: false\n  status: 301`,
        `- name: not-followed-2xx\n  url: ${server.url('/moved')}\n  follow-redirects: false`,
        `- name: loop\n  url: ${server.url('/loop')}`,
      ),
      timeout: '1s',
    });
    expect(check(r.report, 'followed')).toMatchObject({ passed: true, status: 200 });
    expect(check(r.report, 'not-followed')).toMatchObject({ passed: true, status: 301 });
    expect(check(r.report, 'not-followed-2xx')).toMatchObject({ passed: false, status: 301 });
    expect(check(r.report, 'not-followed-2xx').error).toMatch(/^status 301, expected 2xx/);
    expect(check(r.report, 'loop').error).toMatch(
      /^more than 5 redirects \(the last one to http:\/\/127\.0\.0\.1:\d+\/loop\)$/,
    );
    expect(r.exitCode).toBe(1);
  });

  it('the follow-redirects input applies to the url list', async () => {
    const r = await smokeTest({
      url: server.url('/moved'),
      'follow-redirects': false,
      'expect-status': '3xx',
    });
    expect(r.exitCode).toBe(0);
    expect(r.report.checks[0]).toMatchObject({ passed: true, status: 301 });
  });

  it('fails on refused connections within the deadline, naming the check', async () => {
    const port = await refusedPort();
    const r = await smokeTest({ url: `http://127.0.0.1:${port}/health`, timeout: '3s' });
    expect(r.exitCode).toBe(1);
    const c = r.report.checks[0];
    expect(c).toMatchObject({ passed: false, status: null, latencyMs: null });
    expect(c?.attempts).toBeGreaterThanOrEqual(2);
    expect(c?.error).toMatch(/^connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    expect(r.errors.join('\n')).toContain(
      `- GET http://127.0.0.1:${port}/health (no response, ${c?.attempts} attempts): connection refused`,
    );
    expect(r.log).toMatch(/✗ GET \S+ · attempt 1 at \S+ · no response after \S+ · connection refused/);
    expect(r.summary).toContain('Smoke test failed: 1 of 1 check did not pass within 3.0s');
  });

  it('sends method, headers and body from checks; HEAD works', async () => {
    const r = await smokeTest({
      checks: yaml(
        `- name: post\n  url: ${server.url('/echo')}\n  method: post\n  headers:\n    Content-Type: application/json\n    X-Request: smoke\n  body: '{"ping":true}'\n  json-equals:\n    method: POST\n    body: '{"ping":true}'\n    headers.x-request: smoke`,
        `- name: head\n  url: ${server.url('/health')}\n  method: HEAD\n  status: 200`,
      ),
      timeout: '2s',
    });
    expect(r.exitCode).toBe(0);
    const post = server.hits('/echo').at(-1);
    expect(post?.method).toBe('POST');
    expect(post?.body).toBe('{"ping":true}');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.headers['user-agent']).toBe('ops-actions-smoke-test');
    expect(server.hits('/health').at(-1)?.method).toBe('HEAD');
  });

  it('runs every check at the same time', async () => {
    const s = await startServer({ '/slow': slow(500) });
    try {
      const urls = Array.from({ length: 6 }, (_, i) => `${s.url('/slow')}?n=${i}`);
      const r = await smokeTest({ url: urls.join('\n') });
      expect(r.exitCode).toBe(0);
      expect(s.requests).toHaveLength(6);
      expect(s.maxInFlight).toBe(6);
    } finally {
      await s.close();
    }
  });
});

describe('smoke-test secrets', () => {
  let server: TestServer;
  beforeAll(async () => {
    // echoes the request (its headers too) with a failing status: the worst case for a leak
    server = await startServer({
      '/echo-fail': (req) => ({ ...echo(req), status: 500 }),
      '/echo': echo,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('never prints a header value or URL password, even when the server echoes it', async () => {
    const token = 'tok-7f3a9c1e5b2d4f60';
    const apiKey = 'key-0d9e8f7a6b5c4d3e';
    const password = 'pw-a1b2c3d4e5';
    const basicUrl = server.url('/echo').replace('http://', `http://deployer:${password}@`);
    const r = await smokeTest({
      url: basicUrl,
      headers: `Authorization: Bearer ${token}\nX-Trace: smoke`,
      checks: yaml(
        `- name: echo-fail\n  url: ${server.url('/echo-fail')}\n  headers:\n    X-Api-Key: ${apiKey}`,
        `- name: echo-json\n  url: ${server.url('/echo')}\n  headers:\n    X-Api-Key: ${apiKey}\n  json-equals:\n    headers.x-api-key: wrong`,
      ),
      timeout: '1s',
    });
    expect(r.exitCode).toBe(1);
    // the servers did receive them
    const seen = server.hits('/echo-fail').at(-1);
    expect(seen?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(seen?.headers['x-api-key']).toBe(apiKey);
    const basic = server.hits('/echo').find((h) => h.headers['authorization']?.startsWith('Basic '));
    expect(Buffer.from(basic?.headers['authorization']?.slice(6) ?? '', 'base64').toString()).toBe(
      `deployer:${password}`,
    );
    // …and nothing the action wrote contains them
    const written = [r.log, r.summary, r.outputs['report'] ?? '', r.errors.join('\n')].join('\n');
    for (const secret of [token, apiKey, password]) {
      expect(written).not.toContain(secret);
      expect(r.masked).toContain(secret);
    }
    expect(r.masked).toContain(`Bearer ${token}`);
    expect(check(r.report, 'echo-fail').error).toContain('"x-api-key":"***"');
    expect(check(r.report, 'echo-json').error).toMatch(
      /^JSON headers\.x-api-key is "\*\*\*", expected "wrong"/,
    );
    // the URL is shown without its password
    expect(r.report.checks[0]?.url).toBe(server.url('/echo'));
  });

  it('a malformed headers line is reported by number, not echoed', async () => {
    const r = await runAction('smoke-test', {
      inputs: { url: server.url('/echo'), headers: 'X-Ok: 1\nBearer tok-not-a-header-line' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain("Input 'headers': line 2 is not 'Name: value'");
    expect(r.log).not.toContain('tok-not-a-header-line');
  });
});

describe('smoke-test TLS', () => {
  let tls: TlsFixture;
  let server: TestServer;
  beforeAll(async () => {
    tls = makeTlsFixture();
    server = await startServer(
      { '/health': ok('secure') },
      { tls: { key: tls.serverKey, cert: tls.serverCert } },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('verifies the server with the CA given in ca-cert', async () => {
    const r = await smokeTest({
      url: server.url('/health'),
      'ca-cert': tls.caPem,
      'body-contains': 'secure',
    });
    expect(r.exitCode).toBe(0);
    expect(r.report.checks[0]).toMatchObject({ passed: true, status: 200 });
    expect(r.log).not.toContain('::warning::');
  });

  it('fails an unknown CA, with the fix in the error', async () => {
    const r = await smokeTest({ url: server.url('/health'), 'ca-cert': tls.otherCaPem, timeout: '1s' });
    expect(r.exitCode).toBe(1);
    expect(r.report.checks[0]?.error).toMatch(
      /^TLS: unable to verify the first certificate .* in 'ca-cert'$/,
    );
  });

  it('insecure skips verification, with a warning in the log and the summary', async () => {
    const r = await smokeTest({ url: server.url('/health'), insecure: true });
    expect(r.exitCode).toBe(0);
    expect(r.log).toMatch(/::warning::insecure: true — TLS certificates are NOT verified/);
    expect(r.summary).toContain('TLS certificates were not verified (insecure: true)');
  });
});

describe('smoke-test configuration errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ '/health': ok() });
  });
  afterAll(async () => {
    await server.close();
  });

  const failsBeforeAnyRequest = async (inputs: Inputs): Promise<string> => {
    const r = await runAction('smoke-test', { inputs });
    expect(r.exitCode).toBe(1);
    expect(server.requests).toHaveLength(0);
    expect(r.outputs['passed']).toBeUndefined();
    return r.errors.join('\n');
  };

  it('rejects an unknown key in checks, naming the input and the entry', async () => {
    const error = await failsBeforeAnyRequest({
      checks: `- url: ${server.url('/health')}\n  body_contains: ok`,
    });
    expect(error).toContain(
      'Configuration error — Input \'checks\': is not valid: 0: Unrecognized key: "body_contains"',
    );
    expect(error).toContain('For example:');
  });

  it('rejects a bad status, a bad duration and a bad JSON path in checks', async () => {
    expect(
      await failsBeforeAnyRequest({ checks: `- url: ${server.url('/health')}\n  status: 2xy` }),
    ).toContain("0.status: '2xy' is not a status code (200), a class (2xx) or a range (200-299)");
    expect(
      await failsBeforeAnyRequest({ checks: `- url: ${server.url('/health')}\n  max-latency: fast` }),
    ).toContain("0.max-latency: 'fast' is not a duration");
    expect(
      await failsBeforeAnyRequest({
        checks: `- url: ${server.url('/health')}\n  json-equals:\n    'a..b': 1`,
      }),
    ).toContain("check 1: json-equals: 'a..b' is not a valid JSON path");
  });

  it('needs url or checks, and valid inputs', async () => {
    expect(await failsBeforeAnyRequest({})).toContain("Input 'url': give the URLs to check");
    expect(await failsBeforeAnyRequest({ url: 'ftp://127.0.0.1/x' })).toContain(
      "Input 'url': entry 1: 'ftp://127.0.0.1/x' is not an http:// or https:// URL.",
    );
    expect(await failsBeforeAnyRequest({ url: server.url('/health'), 'expect-status': 'ok' })).toContain(
      "Input 'expect-status': 'ok' is not a status code",
    );
    expect(await failsBeforeAnyRequest({ url: server.url('/health'), timeout: 'soon' })).toContain(
      "Input 'timeout': must be a duration",
    );
    expect(await failsBeforeAnyRequest({ url: server.url('/health'), insecure: 'yes' })).toContain(
      "Input 'insecure': must be 'true' or 'false', got 'yes'.",
    );
    expect(
      await failsBeforeAnyRequest({ url: server.url('/health'), 'ca-cert': '/etc/ssl/ca.pem' }),
    ).toContain("Input 'ca-cert': must be the content of one or more PEM certificates");
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
