// The smoke-test inputs, parsed and validated up front into one plan: the checks to run and
// the rules of the gate. Nothing here sends a request or prints a value.
import { X509Certificate } from 'node:crypto';
import { formatDuration, parseDuration } from '../../lib/duration.js';
import { ConfigurationError, errorMessage } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';
import type { CheckEntry } from './checks-schema.js';
import { describeExpectations, type Expectations, type JsonScalar } from './expectations.js';
import { displayUrl, type TlsSettings } from './http-probe.js';
import { parseJsonPath } from './json-path.js';
import { parseStatusSpec, type StatusExpectation } from './status.js';

export interface Check {
  /** Unique among the checks: `GET https://example.com/health` unless named. */
  name: string;
  method: string;
  /** Without user:password (those became an Authorization header). */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
  followRedirects: boolean;
  requestTimeoutMs: number;
  expect: Expectations;
}

export interface SmokeTestPlan {
  checks: Check[];
  /** Deadline for the whole gate, from its start. */
  timeoutMs: number;
  /** Passes in a row each check needs. */
  consecutivePasses: number;
  /** Wait between two attempts of a check (after a pass when more are needed, after a failure). */
  intervalMs: number;
  /** Wrong answers in a row (not "not ready yet") that fail a check before the deadline. */
  failureThreshold: number;
  /**
   * After the gate passed, keep running every check each `interval` for this long (0: no watch);
   * `failureThreshold` failed rounds in a row — not ready counts too — fail the step.
   */
  watchMs: number;
  tls: TlsSettings;
  /** Header values and URL passwords: masked, and replaced by *** in everything the action prints. */
  secrets: string[];
}

export const MAX_REDIRECTS = 5;
export const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  'user-agent': 'ops-actions-smoke-test',
  accept: '*/*',
};
/** Shorter values are not masked: `core.setSecret('on')` would hide every "on" in the job log. */
const MIN_SECRET_LENGTH = 4;

const CHECKS_EXAMPLE = `checks: |
  - name: API health
    url: https://api.example.com/health
    headers:
      Authorization: Bearer \${{ secrets.API_TOKEN }}
    status: 200
    json-equals:
      status: ok
    max-latency: 500ms
  - url: https://www.example.com/
    body-contains: Welcome`;

const DEFAULTS = {
  expectStatus: '2xx',
  requestTimeout: '10s',
  timeout: '2m',
  interval: '1s',
  failureThreshold: 3,
  watch: '0',
} as const;

/** The longest `watch`: a job that watches longer holds its runner (and the deploy's lock) idle. */
export const MAX_WATCH_MS = 3_600_000;

/** Parses and validates every input; throws a ConfigurationError naming the input. */
export async function readSmokeTestInputs(inputs: Inputs): Promise<SmokeTestPlan> {
  const urls = splitUrls(inputs.raw('url'));
  // the YAML parser and the schema (zod) load only when `checks` is given: a `url` list is the common case
  const entries = inputs.has('checks')
    ? ((await import('../../lib/yaml-input.js')).yamlInput(
        inputs,
        'checks',
        (await import('./checks-schema.js')).checksSchema,
        CHECKS_EXAMPLE,
      ) ?? [])
    : [];
  if (urls.length === 0 && entries.length === 0) {
    throw new ConfigurationError(
      'url',
      "give the URLs to check in 'url' (one per line), or checks with assertions in 'checks'.",
      'url: |\n  https://example.com/health\n  https://api.example.com/ready',
    );
  }

  const globalHeaders = parseHeaderLines(inputs.raw('headers'));
  const expectStatus = inputs.string('expect-status', { default: DEFAULTS.expectStatus });
  let status: StatusExpectation;
  try {
    status = parseStatusSpec(expectStatus);
  } catch (error) {
    throw new ConfigurationError('expect-status', errorMessage(error), 'expect-status: 200, 204');
  }
  const defaults: CheckDefaults = {
    status,
    bodyContains: inputs.optionalString('body-contains'),
    maxLatencyMs: inputs.has('max-latency') ? inputs.duration('max-latency', '1s', { min: 1 }) : undefined,
    followRedirects: inputs.boolean('follow-redirects', true),
    requestTimeoutMs: inputs.duration('request-timeout', DEFAULTS.requestTimeout, {
      min: 100,
      max: 600_000,
    }),
    headers: globalHeaders,
  };

  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(globalHeaders)) addHeaderSecrets(secrets, name, value);
  const checks = [
    ...urls.map((url, i) => buildCheck({ url }, defaults, secrets, `entry ${i + 1}`, 'url')),
    ...entries.map((entry, i) => buildCheck(entry, defaults, secrets, `check ${i + 1}`, 'checks')),
  ];
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.name)) {
      throw new ConfigurationError(
        entries.length > 0 ? 'checks' : 'url',
        `two checks are named '${c.name}': list each URL once, and give checks distinct names (name: …).`,
      );
    }
    seen.add(c.name);
  }

  const insecure = inputs.boolean('insecure', false);
  const extraCa = parseCaCert(inputs.raw('ca-cert'));
  if (insecure && extraCa.length > 0) {
    throw new ConfigurationError(
      'insecure',
      "is true while 'ca-cert' is given: with the CA the certificate can be verified, so drop 'insecure'.",
      'insecure: false',
    );
  }

  const intervalMs = inputs.duration('interval', DEFAULTS.interval, { min: 0, max: 600_000 });
  return {
    checks,
    timeoutMs: inputs.duration('timeout', DEFAULTS.timeout, { min: 1000, max: 6 * 3_600_000 }),
    consecutivePasses: inputs.integer('consecutive-passes', 1, { min: 1, max: 100 }),
    intervalMs,
    failureThreshold: inputs.integer('failure-threshold', DEFAULTS.failureThreshold, { min: 1, max: 1000 }),
    watchMs: readWatch(inputs, intervalMs),
    tls: { extraCa, insecure },
    secrets: [...secrets].sort((a, b) => b.length - a.length),
  };
}

/** `watch`: 0 (off), or a duration of at least one `interval` and at most MAX_WATCH_MS. */
function readWatch(inputs: Inputs, intervalMs: number): number {
  const text = inputs.string('watch', { default: DEFAULTS.watch });
  const ms = parseDuration(text);
  const example = 'watch: 5m # with interval: 10s, 30 rounds after the gate passed';
  if (ms === undefined) {
    throw new ConfigurationError(
      'watch',
      `must be a duration such as 5m or 90s (0 turns the watch off), got '${text}'.`,
      example,
    );
  }
  if (ms === 0) return 0;
  if (ms < Math.max(intervalMs, 1000)) {
    throw new ConfigurationError(
      'watch',
      `is ${formatDuration(ms)}, shorter than one round: give at least 'interval' (${formatDuration(intervalMs)}) and 1s, or 0 to turn it off.`,
      example,
    );
  }
  if (ms > MAX_WATCH_MS) {
    throw new ConfigurationError(
      'watch',
      `is ${text}, over the 1h cap: the job holds its runner while it watches. Watch for longer with an external monitor.`,
      example,
    );
  }
  return ms;
}

interface CheckDefaults {
  status: StatusExpectation;
  bodyContains: string | undefined;
  maxLatencyMs: number | undefined;
  followRedirects: boolean;
  requestTimeoutMs: number;
  headers: Record<string, string>;
}

function buildCheck(
  entry: CheckEntry,
  defaults: CheckDefaults,
  secrets: Set<string>,
  where: string,
  input: 'url' | 'checks',
): Check {
  const url = parseHttpUrl(entry.url, where, input);
  // precedence: the check's own headers, then credentials in its URL, then the headers input
  const headers: Record<string, string> = { ...DEFAULT_HEADERS, ...defaults.headers };
  if (url.username || url.password) {
    const user = safeDecode(url.username);
    const password = safeDecode(url.password);
    for (const s of [url.password, password]) if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    addHeaderSecrets(secrets, 'authorization', headers['authorization']);
  }
  for (const [rawName, rawValue] of Object.entries(entry.headers ?? {})) {
    const name = rawName.trim().toLowerCase();
    if (!HEADER_NAME.test(name)) {
      throw new ConfigurationError(
        input,
        `${where}: '${rawName}' is not a valid header name.`,
        CHECKS_EXAMPLE,
      );
    }
    const value = String(rawValue);
    if (BAD_HEADER_VALUE.test(value)) {
      // the value is not echoed: it may hold a token
      throw new ConfigurationError(
        input,
        `${where}: the value of header '${rawName}' has a character HTTP does not allow (a line break, a control character or one beyond Latin-1).`,
        CHECKS_EXAMPLE,
      );
    }
    headers[name] = value;
    addHeaderSecrets(secrets, name, headers[name]);
  }
  const shownUrl = displayUrl(url);
  const method = entry.method ?? 'GET';
  const bodyContains = entry['body-contains'] ?? defaults.bodyContains;
  const jsonEquals = Object.entries(entry['json-equals'] ?? {}).map(([path, value]) => {
    try {
      return { path, segments: parseJsonPath(path), value: value as JsonScalar };
    } catch (error) {
      throw new ConfigurationError(input, `${where}: json-equals: ${errorMessage(error)}`, CHECKS_EXAMPLE);
    }
  });
  return {
    name: entry.name ?? `${method} ${shownUrl}`,
    method,
    url: shownUrl,
    headers,
    body: entry.body,
    followRedirects: entry['follow-redirects'] ?? defaults.followRedirects,
    requestTimeoutMs: entry['request-timeout'] ?? defaults.requestTimeoutMs,
    expect: {
      status: entry.status ?? defaults.status,
      bodyContains:
        bodyContains === undefined ? [] : Array.isArray(bodyContains) ? bodyContains : [bodyContains],
      bodyRegex: entry['body-regex'],
      jsonEquals,
      maxLatencyMs: entry['max-latency'] ?? defaults.maxLatencyMs,
    },
  };
}

/** URLs separated by newlines or spaces (a URL has no spaces; commas stay, `?ids=1,2` is one URL). */
export function splitUrls(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.trim().split(/\s+/))
    .filter((s) => s !== '');
}

function parseHttpUrl(text: string, where: string, input: 'url' | 'checks'): URL {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // never echo credentials a malformed URL may carry
    const shown = text
      .trim()
      .replace(/\/\/[^/@\s]*@/, '//***@')
      .slice(0, 100);
    throw new ConfigurationError(
      input,
      `${where}: '${shown}' is not an http:// or https:// URL.`,
      input === 'url' ? 'url: https://example.com/health' : CHECKS_EXAMPLE,
    );
  }
  return url;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** What Node refuses to send in a header value (it would fail every attempt until the deadline). */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** The `headers` input: `Name: value` lines (blank lines and `# comments` skipped). */
export function parseHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (!HEADER_NAME.test(name) || BAD_HEADER_VALUE.test(line)) {
      // the line is not echoed: it may hold a token
      throw new ConfigurationError(
        'headers',
        `line ${i + 1} is not 'Name: value' with a valid header name and a value without control characters.`,
        `headers: |\n  Authorization: Bearer \${{ secrets.API_TOKEN }}\n  X-Smoke-Test: 1`,
      );
    }
    out[name] = line.slice(colon + 1).trim();
  }
  return out;
}

/** Every header value is treated as secret; for Authorization also the credentials after the scheme. */
function addHeaderSecrets(secrets: Set<string>, name: string, value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  if (name === 'authorization' || name === 'proxy-authorization') {
    const credentials = /^[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1];
    if (credentials && credentials.length >= MIN_SECRET_LENGTH) secrets.add(credentials);
  }
}

/** `ca-cert`: one or more PEM certificates, each checked now rather than at the first request. */
export function parseCaCert(text: string): string[] {
  if (text.trim() === '') return [];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new ConfigurationError(
      'ca-cert',
      'must be the content of one or more PEM certificates (-----BEGIN CERTIFICATE----- …), not a file path or a key.',
      `ca-cert: \${{ secrets.INTERNAL_CA_PEM }}`,
    );
  }
  return blocks.map((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (error) {
      throw new ConfigurationError('ca-cert', `certificate ${i + 1} cannot be read: ${errorMessage(error)}.`);
    }
    return `${pem}\n`;
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The plan, one line per check, for the log (no header values). */
export function describePlan(plan: SmokeTestPlan): string[] {
  return plan.checks.map((c) => {
    const request = `${c.method} ${c.url}`;
    return `${c.name === request ? request : `${c.name}: ${request}`} → ${describeExpectations(c.expect)}`;
  });
}
