// What a check asserts about a response, and the verdict on one response: pure functions.
import { formatDuration } from '../../lib/duration.js';
import type { ProbeResponse } from './http-probe.js';
import { lookupJsonPath, type PathSegment } from './json-path.js';
import { type StatusExpectation, statusMatches } from './status.js';

export type JsonScalar = string | number | boolean | null;

export interface JsonEquals {
  /** As the user wrote it, for messages. */
  path: string;
  segments: PathSegment[];
  value: JsonScalar;
}

export interface Expectations {
  status: StatusExpectation;
  /** Every one of these substrings must be in the body. */
  bodyContains: string[];
  /** The body must match this regular expression. */
  bodyRegex?: { source: string; flags: string };
  /** Each path must hold exactly this value (same type: `3` is not `"3"`). */
  jsonEquals: JsonEquals[];
  maxLatencyMs?: number;
}

export interface Verdict {
  /** Why the response does not pass; empty when it passes. */
  failures: string[];
  /** A body excerpt would help to understand the failures (status or body assertions). */
  bodyRelevant: boolean;
  /**
   * The service is not ready yet rather than wrong: a 502/503/504 (a proxy or the app saying so), or
   * an answer that is right but too slow. Anything else failing — another status, a wrong body or
   * JSON value — is a wrong answer.
   */
  notReady: boolean;
}

/** Statuses that mean "not ready yet": a gateway with no upstream yet, a service still starting. */
export const NOT_READY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

export function judge(exp: Expectations, res: ProbeResponse): Verdict {
  const failures: string[] = [];
  let bodyRelevant = false;
  const statusOk = statusMatches(exp.status, res.status);
  if (!statusOk) {
    // The body assertions would fail too and only add noise; the excerpt says more.
    failures.push(`status ${res.status}, expected ${exp.status.text}`);
    bodyRelevant = true;
  } else {
    for (const needle of exp.bodyContains) {
      if (!res.body.includes(needle)) failures.push(`body does not contain ${jsonText(needle)}`);
    }
    if (exp.bodyRegex && !new RegExp(exp.bodyRegex.source, exp.bodyRegex.flags).test(res.body)) {
      failures.push(`body does not match /${exp.bodyRegex.source}/${exp.bodyRegex.flags}`);
    }
    if (exp.jsonEquals.length > 0) failures.push(...judgeJson(exp.jsonEquals, res));
    bodyRelevant = failures.length > 0;
  }
  const wrong = failures.length > 0 && (statusOk || !NOT_READY_STATUSES.has(res.status));
  if (exp.maxLatencyMs !== undefined && res.latencyMs > exp.maxLatencyMs) {
    failures.push(
      `latency ${formatDuration(res.latencyMs)} is over max-latency ${formatDuration(exp.maxLatencyMs)}`,
    );
  }
  return { failures, bodyRelevant, notReady: failures.length > 0 && !wrong };
}

function judgeJson(assertions: readonly JsonEquals[], res: ProbeResponse): string[] {
  let data: unknown;
  try {
    data = JSON.parse(res.body);
  } catch (error) {
    const why = res.bodyTruncated
      ? 'it is larger than the 1 MiB read'
      : (error instanceof Error ? error.message : String(error)).slice(0, 80);
    return [`body is not JSON (${why}), so json-equals cannot be checked`];
  }
  const failures: string[] = [];
  for (const a of assertions) {
    const found = lookupJsonPath(data, a.segments);
    if (!found.found) {
      failures.push(
        `JSON ${a.path} not found (nothing at ${found.missingAt}), expected ${jsonText(a.value)}`,
      );
    } else if (found.value !== a.value) {
      failures.push(`JSON ${a.path} is ${jsonText(found.value)}, expected ${jsonText(a.value)}`);
    }
  }
  return failures;
}

/** A JSON value for a message, with its type when that is what differs (`3` vs `"3"`). */
function jsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * At most `max` characters of a body, on one line (control characters and runs of whitespace
 * become one space), so a body can neither flood the log nor start a line that the runner would
 * read as a workflow command.
 */
export function bodyExcerpt(body: string, max = 200): string {
  const flat = body.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `/pattern/flags` or a bare pattern. Throws an Error naming the problem when it does not compile. */
export function parseRegex(text: string): { source: string; flags: string } {
  const m = /^\/(.*)\/([dgimsuvy]*)$/s.exec(text);
  const source = m ? (m[1] as string) : text;
  const flags = m ? (m[2] as string).replace(/[gy]/g, '') : '';
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new Error(`is not a valid regular expression: ${error instanceof Error ? error.message : error}`);
  }
  return { source, flags };
}

/** One line saying what a check expects: `status 2xx, body contains "ok", latency ≤ 500ms`. */
export function describeExpectations(exp: Expectations): string {
  const parts = [`status ${exp.status.text}`];
  for (const n of exp.bodyContains) parts.push(`body contains ${jsonText(n)}`);
  if (exp.bodyRegex) parts.push(`body matches /${exp.bodyRegex.source}/${exp.bodyRegex.flags}`);
  for (const j of exp.jsonEquals) parts.push(`JSON ${j.path} = ${jsonText(j.value)}`);
  if (exp.maxLatencyMs !== undefined) parts.push(`latency ≤ ${formatDuration(exp.maxLatencyMs)}`);
  return parts.join(', ');
}
