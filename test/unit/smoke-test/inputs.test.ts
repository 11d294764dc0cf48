import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEADERS,
  describePlan,
  parseCaCert,
  parseHeaderLines,
  readSmokeTestInputs,
  type SmokeTestPlan,
  splitUrls,
} from '../../../actions/smoke-test/inputs.js';
import { parseJsonPath } from '../../../actions/smoke-test/json-path.js';
import { parseStatusSpec } from '../../../actions/smoke-test/status.js';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { makeTlsFixture } from '../../helpers/http-servers.js';

const plan = (record: Record<string, string>): Promise<SmokeTestPlan> =>
  readSmokeTestInputs(new Inputs(recordInputs(record)));

async function configError(record: Record<string, string>): Promise<ConfigurationError> {
  try {
    await plan(record);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readSmokeTestInputs', () => {
  it('turns a url list into GET checks with the documented defaults', async () => {
    expect(await plan({ url: 'https://example.com/health\nhttps://api.example.com/ready?ids=1,2' })).toEqual({
      checks: [
        {
          name: 'GET https://example.com/health',
          method: 'GET',
          url: 'https://example.com/health',
          headers: { ...DEFAULT_HEADERS },
          body: undefined,
          followRedirects: true,
          requestTimeoutMs: 10_000,
          expect: {
            status: parseStatusSpec('2xx'),
            bodyContains: [],
            bodyRegex: undefined,
            jsonEquals: [],
            maxLatencyMs: undefined,
          },
        },
        expect.objectContaining({
          name: 'GET https://api.example.com/ready?ids=1,2',
          url: 'https://api.example.com/ready?ids=1,2',
        }),
      ],
      timeoutMs: 120_000,
      consecutivePasses: 1,
      intervalMs: 1000,
      failureThreshold: 3,
      watchMs: 0,
      tls: { extraCa: [], insecure: false },
      secrets: [],
    });
  });

  it('reads watch: off by default and at 0, a duration of at least interval and 1s, at most 1h', async () => {
    expect((await plan({ url: 'https://a/', watch: '0' })).watchMs).toBe(0);
    expect((await plan({ url: 'https://a/', watch: '5m' })).watchMs).toBe(300_000);
    expect((await plan({ url: 'https://a/', watch: '10s', interval: '10s' })).watchMs).toBe(10_000);
    expect((await plan({ url: 'https://a/', watch: '1h' })).watchMs).toBe(3_600_000);
    const notDuration = await configError({ url: 'https://a/', watch: 'five minutes' });
    expect(notDuration.input).toBe('watch');
    expect(notDuration.message).toContain(
      "must be a duration such as 5m or 90s (0 turns the watch off), got 'five minutes'",
    );
    const short = await configError({ url: 'https://a/', watch: '5s', interval: '10s' });
    expect(short.input).toBe('watch');
    expect(short.message).toContain("shorter than one round: give at least 'interval' (10.0s) and 1s");
    expect((await configError({ url: 'https://a/', watch: '500ms', interval: '100ms' })).input).toBe('watch');
    const long = await configError({ url: 'https://a/', watch: '2h' });
    expect(long.input).toBe('watch');
    expect(long.message).toContain('is 2h, over the 1h cap');
  });

  it('applies global inputs to url checks and as defaults of checks, which override them', async () => {
    const p = await plan({
      url: 'https://a.example/',
      'expect-status': '200, 204',
      'body-contains': 'ok',
      'max-latency': '800ms',
      'follow-redirects': 'false',
      'request-timeout': '5s',
      headers: 'Authorization: Bearer global-token\nX-Env: staging',
      checks: `
- name: api
  url: https://api.example/health
  method: post
  headers:
    authorization: Bearer own-token
    X-Count: 3
  body: '{"ping":1}'
  status: [201, 3xx]
  body-contains: [a, b]
  body-regex: /ready/i
  json-equals:
    data.items[0].status: up
    count: 2
    ok: true
    gone: null
  max-latency: 2
  follow-redirects: true
  request-timeout: 1m
`,
      timeout: '90s',
      'consecutive-passes': '3',
      interval: '500ms',
    });
    const [url, api] = p.checks;
    expect(url).toMatchObject({
      name: 'GET https://a.example/',
      headers: { ...DEFAULT_HEADERS, authorization: 'Bearer global-token', 'x-env': 'staging' },
      followRedirects: false,
      requestTimeoutMs: 5000,
      expect: { status: parseStatusSpec('200, 204'), bodyContains: ['ok'], maxLatencyMs: 800 },
    });
    expect(api).toEqual({
      name: 'api',
      method: 'POST',
      url: 'https://api.example/health',
      headers: {
        ...DEFAULT_HEADERS,
        authorization: 'Bearer own-token',
        'x-env': 'staging',
        'x-count': '3',
      },
      body: '{"ping":1}',
      followRedirects: true,
      requestTimeoutMs: 60_000,
      expect: {
        status: parseStatusSpec('201, 3xx'),
        bodyContains: ['a', 'b'],
        bodyRegex: { source: 'ready', flags: 'i' },
        jsonEquals: [
          { path: 'data.items[0].status', segments: parseJsonPath('data.items[0].status'), value: 'up' },
          { path: 'count', segments: ['count'], value: 2 },
          { path: 'ok', segments: ['ok'], value: true },
          { path: 'gone', segments: ['gone'], value: null },
        ],
        maxLatencyMs: 2000,
      },
    });
    expect(p).toMatchObject({ timeoutMs: 90_000, consecutivePasses: 3, intervalMs: 500 });
  });

  it('collects every header value as a secret, the token after an auth scheme too, longest first', async () => {
    const p = await plan({
      url: 'https://a.example/',
      headers: 'Authorization: Bearer global-token\nX-Short: abc\nX-Env: staging',
      checks: '- url: https://b.example/\n  headers:\n    X-Api-Key: key-123456',
    });
    expect(p.secrets).toEqual(['Bearer global-token', 'global-token', 'key-123456', 'staging']);
  });

  it('turns URL credentials into Basic auth, keeps them out of the URL and name, and masks them', async () => {
    const p = await plan({ url: 'https://deploy%40acme:p%40ss-word@example.com/health' });
    const check = p.checks[0];
    expect(check?.url).toBe('https://example.com/health');
    expect(check?.name).toBe('GET https://example.com/health');
    const basic = Buffer.from('deploy@acme:p@ss-word').toString('base64');
    expect(check?.headers['authorization']).toBe(`Basic ${basic}`);
    expect(p.secrets).toEqual(expect.arrayContaining(['p%40ss-word', 'p@ss-word', basic, `Basic ${basic}`]));
  });

  it('a check header beats URL credentials, which beat the headers input', async () => {
    const p = await plan({
      headers: 'Authorization: Bearer global',
      url: 'https://u:pw-1234@a.example/',
      checks: '- url: https://u:pw-1234@b.example/\n  headers:\n    Authorization: Bearer mine',
    });
    expect(p.checks[0]?.headers['authorization']).toMatch(/^Basic /);
    expect(p.checks[1]?.headers['authorization']).toBe('Bearer mine');
  });

  it('reads ca-cert and insecure', async () => {
    const tls = makeTlsFixture();
    expect((await plan({ url: 'https://a/', 'ca-cert': tls.caPem + tls.otherCaPem })).tls).toEqual({
      extraCa: [`${tls.caPem.trim()}\n`, `${tls.otherCaPem.trim()}\n`],
      insecure: false,
    });
    expect((await plan({ url: 'https://a/', insecure: 'true' })).tls).toEqual({
      extraCa: [],
      insecure: true,
    });
    expect((await configError({ url: 'https://a/', insecure: 'true', 'ca-cert': tls.caPem })).input).toBe(
      'insecure',
    );
  });

  describe('errors name the input and do not echo secrets', () => {
    it.each([
      [{}, 'url', "give the URLs to check in 'url'"],
      [
        { url: 'example.com/health' },
        'url',
        "entry 1: 'example.com/health' is not an http:// or https:// URL.",
      ],
      [
        { url: 'https://a/ ftp://u:s3cr3t-pw@b/' },
        'url',
        "entry 2: 'ftp://***@b/' is not an http:// or https:// URL.",
      ],
      [{ url: 'https://a/ https://a/' }, 'url', "two checks are named 'GET https://a/'"],
      [
        { checks: '- url: https://a/\n  name: x\n- url: https://b/\n  name: x' },
        'checks',
        "two checks are named 'x'",
      ],
      [{ checks: '- url: https://a/\n  bodycontains: x' }, 'checks', '0: Unrecognized key: "bodycontains"'],
      [
        { checks: 'url: https://a/' },
        'checks',
        '(top level): Invalid input: expected array, received object',
      ],
      [{ checks: '[]' }, 'checks', '(top level): give at least one check'],
      [{ checks: '- url: [' }, 'checks', 'is not valid YAML'],
      [{ checks: '- url: https://a/\n  method: "GET /x"' }, 'checks', '0.method: must be an HTTP method'],
      [{ checks: '- url: https://a/\n  status: 2xy' }, 'checks', "0.status: '2xy' is not a status code"],
      [
        { checks: '- url: https://a/\n  body-regex: "("' },
        'checks',
        '0.body-regex: is not a valid regular expression',
      ],
      [
        { checks: '- url: https://a/\n  request-timeout: soon' },
        'checks',
        "0.request-timeout: 'soon' is not a duration",
      ],
      [
        { checks: '- url: https://a/\n  json-equals:\n    a: [1]' },
        'checks',
        '0.json-equals.a: Invalid input',
      ],
      [
        { checks: '- url: https://a/\n  json-equals:\n    "a[": 1' },
        'checks',
        "check 1: json-equals: 'a[' is not a valid JSON path",
      ],
      [
        { checks: '- url: https://a/\n  headers:\n    "Bad Name": v' },
        'checks',
        "check 1: 'Bad Name' is not a valid header name.",
      ],
      [
        { checks: '- url: https://a/\n  headers:\n    X-Token: "token-abc\\r\\nX-Evil: 1"' },
        'checks',
        "check 1: the value of header 'X-Token' has a character HTTP does not allow",
      ],
      [{ checks: '- url: https://a/\n  headers:\n    X-Token: "token-abc ✓"' }, 'checks', "header 'X-Token'"],
      [
        { checks: '- url: https://a/\n  follow-redirects: "yes"' },
        'checks',
        '0.follow-redirects: Invalid input: expected boolean',
      ],
      [{ url: 'https://a/', 'expect-status': 'ok' }, 'expect-status', "'ok' is not a status code"],
      [{ url: 'https://a/', 'max-latency': 'fast' }, 'max-latency', 'must be a duration'],
      [
        { url: 'https://a/', 'request-timeout': '50ms' },
        'request-timeout',
        'must be between 100ms to 600000ms, got 50ms.',
      ],
      [{ url: 'https://a/', timeout: '7h' }, 'timeout', 'must be between 1000ms to 21600000ms'],
      [
        { url: 'https://a/', 'consecutive-passes': '0' },
        'consecutive-passes',
        'must be between 1 to 100, got 0.',
      ],
      [{ url: 'https://a/', interval: 'x' }, 'interval', 'must be a duration'],
      [
        { url: 'https://a/', 'follow-redirects': 'no' },
        'follow-redirects',
        "must be 'true' or 'false', got 'no'.",
      ],
      [{ url: 'https://a/', headers: 'no colon token-abc' }, 'headers', "line 1 is not 'Name: value'"],
      [
        { url: 'https://a/', 'ca-cert': '/etc/ssl/ca.pem' },
        'ca-cert',
        'must be the content of one or more PEM certificates',
      ],
      [
        { url: 'https://a/', 'ca-cert': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
        'ca-cert',
        'certificate 1 cannot be read',
      ],
    ])('%j', async (record, input, message) => {
      const e = await configError(record);
      expect(e.input).toBe(input);
      expect(e.message).toContain(message);
      expect(e.message).not.toContain('s3cr3t');
      expect(e.message).not.toContain('token-abc');
    });
  });
});

describe('splitUrls', () => {
  it('splits on newlines and spaces, keeps commas, skips comments and blanks', () => {
    expect(splitUrls('  https://a/?x=1,2  https://b/\n\n# https://skipped/\n\thttps://c/\r\n')).toEqual([
      'https://a/?x=1,2',
      'https://b/',
      'https://c/',
    ]);
  });
});

describe('parseHeaderLines', () => {
  it('reads Name: value lines, lower-cases names, keeps colons in values', () => {
    expect(
      parseHeaderLines('Authorization: Bearer a:b\n# comment\n\nX-Empty:\nHost:example.com:8080'),
    ).toEqual({
      authorization: 'Bearer a:b',
      'x-empty': '',
      host: 'example.com:8080',
    });
  });
  it('rejects a line with a character HTTP does not allow, by number', () => {
    expect(() => parseHeaderLines('X-Ok: 1\nX-Bad: a\u0000b')).toThrow("line 2 is not 'Name: value'");
  });
  it('rejects a line without a valid name, by number', () => {
    expect(() => parseHeaderLines('X-Ok: 1\n: value')).toThrow(
      "Input 'headers': line 2 is not 'Name: value'",
    );
    expect(() => parseHeaderLines('Bad Name: v')).toThrow('line 1');
  });
});

describe('parseCaCert', () => {
  it('is empty without input', () => {
    expect(parseCaCert('  ')).toEqual([]);
  });
});

describe('describePlan', () => {
  it('one line per check, the name only when it says more than the request', async () => {
    const p = await plan({
      url: 'https://a.example/',
      checks: '- name: api\n  url: https://b.example/\n  json-equals:\n    ok: true',
    });
    expect(describePlan(p)).toEqual([
      'GET https://a.example/ → status 2xx',
      'api: GET https://b.example/ → status 2xx, JSON ok = true',
    ]);
  });
});
