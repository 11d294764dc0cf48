import { describe, expect, it } from 'vitest';
import {
  bodyExcerpt,
  describeExpectations,
  type Expectations,
  judge,
  parseRegex,
} from '../../../actions/smoke-test/expectations.js';
import type { ProbeResponse } from '../../../actions/smoke-test/http-probe.js';
import { parseJsonPath } from '../../../actions/smoke-test/json-path.js';
import { parseStatusSpec } from '../../../actions/smoke-test/status.js';

const exp = (over: Partial<Expectations> = {}): Expectations => ({
  status: parseStatusSpec('2xx'),
  bodyContains: [],
  jsonEquals: [],
  ...over,
});
const res = (over: Partial<ProbeResponse> = {}): ProbeResponse => ({
  status: 200,
  contentType: 'application/json',
  body: '{"status":"ok","data":{"version":3,"items":[{"state":"up"}]}}',
  bodyTruncated: false,
  latencyMs: 120,
  redirects: [],
  ...over,
});
const eq = (path: string, value: string | number | boolean | null) => ({
  path,
  segments: parseJsonPath(path),
  value,
});

describe('judge', () => {
  it('passes a response that meets every expectation', () => {
    const e = exp({
      bodyContains: ['"ok"', 'version'],
      bodyRegex: parseRegex('/"VERSION":\\d/i'),
      jsonEquals: [eq('status', 'ok'), eq('data.version', 3), eq('data.items[0].state', 'up')],
      maxLatencyMs: 500,
    });
    expect(judge(e, res())).toEqual({ failures: [], bodyRelevant: false, notReady: false });
  });

  it('reports only the status when it is wrong (body assertions would add noise), with the body relevant', () => {
    const e = exp({ bodyContains: ['nope'], jsonEquals: [eq('status', 'x')] });
    expect(judge(e, res({ status: 503, body: 'down' }))).toEqual({
      failures: ['status 503, expected 2xx'],
      bodyRelevant: true,
      notReady: true,
    });
    // a status other than 502/503/504 is a wrong answer, not a service still starting
    expect(judge(e, res({ status: 500, body: 'boom' })).notReady).toBe(false);
    expect(judge(e, res({ status: 404, body: 'nope' })).notReady).toBe(false);
    expect(judge(e, res({ status: 502 })).notReady).toBe(true);
    expect(judge(e, res({ status: 504 })).notReady).toBe(true);
  });

  it('reports every failing body assertion', () => {
    const e = exp({
      bodyContains: ['"ok"', 'missing-1', 'missing-2'],
      bodyRegex: parseRegex('version":4'),
      jsonEquals: [
        eq('status', 'degraded'),
        eq('data.version', '3'),
        eq('data.items[1].state', 'up'),
        eq('data', 1),
      ],
    });
    expect(judge(e, res())).toEqual({
      failures: [
        'body does not contain "missing-1"',
        'body does not contain "missing-2"',
        'body does not match /version":4/',
        'JSON status is "ok", expected "degraded"',
        'JSON data.version is 3, expected "3"',
        'JSON data.items[1].state not found (nothing at data.items[1]), expected "up"',
        'JSON data is {"version":3,"items":[{"state":"up"}]}, expected 1',
      ],
      bodyRelevant: true,
      notReady: false,
    });
  });

  it('compares null, booleans and numbers by type', () => {
    const body = '{"a":null,"b":false,"c":0,"d":"null"}';
    const pass = exp({ jsonEquals: [eq('a', null), eq('b', false), eq('c', 0), eq('d', 'null')] });
    expect(judge(pass, res({ body })).failures).toEqual([]);
    const fail = exp({ jsonEquals: [eq('a', 'null'), eq('b', 0), eq('c', false)] });
    expect(judge(fail, res({ body })).failures).toEqual([
      'JSON a is null, expected "null"',
      'JSON b is false, expected 0',
      'JSON c is 0, expected false',
    ]);
  });

  it('says when the body is not JSON, or too large to be read whole', () => {
    const e = exp({ jsonEquals: [eq('status', 'ok')] });
    expect(judge(e, res({ body: '<html>' })).failures[0]).toMatch(
      /^body is not JSON \(.+\), so json-equals cannot be checked$/,
    );
    expect(judge(e, res({ body: '{"a":', bodyTruncated: true })).failures).toEqual([
      'body is not JSON (it is larger than the 1 MiB read), so json-equals cannot be checked',
    ]);
  });

  it('fails a slow response on its own, and with a wrong status too', () => {
    const e = exp({ maxLatencyMs: 100 });
    expect(judge(e, res({ latencyMs: 250 }))).toEqual({
      failures: ['latency 250ms is over max-latency 100ms'],
      bodyRelevant: false,
      notReady: true, // right but slow: not ready yet (warming up), waited for until the deadline
    });
    expect(judge(e, res({ latencyMs: 250, status: 500 })).notReady).toBe(false);
    expect(judge(e, res({ latencyMs: 250, status: 500 })).failures).toEqual([
      'status 500, expected 2xx',
      'latency 250ms is over max-latency 100ms',
    ]);
    expect(judge(e, res({ latencyMs: 100 })).failures).toEqual([]);
  });

  it('a global regex flag does not make repeated judging stateful', () => {
    const e = exp({ bodyRegex: parseRegex('/ok/g') });
    expect(judge(e, res()).failures).toEqual([]);
    expect(judge(e, res()).failures).toEqual([]);
  });
});

describe('parseRegex', () => {
  it.each([
    ['ok', { source: 'ok', flags: '' }],
    ['/ok/i', { source: 'ok', flags: 'i' }],
    ['/a/b/ms', { source: 'a/b', flags: 'ms' }],
    ['/x/gy', { source: 'x', flags: '' }],
    ['/not closed', { source: '/not closed', flags: '' }],
  ])('%s', (text, want) => {
    expect(parseRegex(text)).toEqual(want);
  });

  it('rejects a pattern that does not compile', () => {
    expect(() => parseRegex('build (')).toThrow(/^is not a valid regular expression: .*Unterminated group/);
  });
});

describe('bodyExcerpt', () => {
  it('flattens whitespace and control characters to one line', () => {
    expect(bodyExcerpt('line 1\r\n\tline 2\n::error::x\u0000\u001b[31m')).toBe(
      'line 1 line 2 ::error::x [31m',
    );
  });
  it('cuts at max characters', () => {
    expect(bodyExcerpt('a'.repeat(250))).toBe(`${'a'.repeat(200)}…`);
    expect(bodyExcerpt('abcdef', 3)).toBe('abc…');
  });
  it('names an empty body', () => {
    expect(bodyExcerpt(' \n ')).toBe('(empty body)');
  });
});

describe('describeExpectations', () => {
  it('says every expectation in one line', () => {
    const e = exp({
      status: parseStatusSpec('200, 204'),
      bodyContains: ['ok'],
      bodyRegex: parseRegex('/v\\d/i'),
      jsonEquals: [eq('data.ready', true)],
      maxLatencyMs: 1500,
    });
    expect(describeExpectations(e)).toBe(
      'status 200, 204, body contains "ok", body matches /v\\d/i, JSON data.ready = true, latency ≤ 1.5s',
    );
  });
});
