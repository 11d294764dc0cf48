/** An inclusive range of HTTP status codes: `200` is 200..200, `2xx` is 200..299. */
export interface StatusRange {
  from: number;
  to: number;
}

/** What a check accepts as the response status, and how to say it in a log line. */
export interface StatusExpectation {
  /** Normalised text: `2xx`, `200, 204`, `200-299, 301`. */
  text: string;
  ranges: StatusRange[];
}

/** The kinds of value a status expectation is written as in an input or a `checks` entry. */
export type StatusSpec = string | number | readonly (string | number)[];

const ITEM = /^(?:(\d{3})|([1-5])xx|(\d{3})-(\d{3}))$/i;

/**
 * Parses `200`, `2xx`, `200-299`, or a list of them (`200, 204`, `[200, 3xx]`). Throws an Error
 * whose message names the bad item — the caller adds which input or check it came from.
 */
export function parseStatusSpec(spec: StatusSpec): StatusExpectation {
  const items = (Array.isArray(spec) ? spec : [spec])
    .flatMap((s) =>
      String(s)
        .replace(/\s*-\s*/g, '-')
        .split(/[\s,]+/),
    )
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new Error('is empty: give a status such as 200, 2xx or 200-299.');
  const ranges: StatusRange[] = [];
  const texts: string[] = [];
  for (const item of items) {
    const m = ITEM.exec(item);
    if (!m) {
      throw new Error(`'${item}' is not a status code (200), a class (2xx) or a range (200-299).`);
    }
    const [, code, klass, lo, hi] = m;
    let range: StatusRange;
    if (code !== undefined) range = { from: Number(code), to: Number(code) };
    else if (klass !== undefined) range = { from: Number(klass) * 100, to: Number(klass) * 100 + 99 };
    else range = { from: Number(lo), to: Number(hi) };
    if (range.from < 100 || range.to > 599 || range.from > range.to) {
      throw new Error(`'${item}' is not a status code or range between 100 and 599.`);
    }
    ranges.push(range);
    texts.push(klass !== undefined ? `${klass}xx` : code !== undefined ? code : `${lo}-${hi}`);
  }
  return { text: texts.join(', '), ranges };
}

export function statusMatches(expected: StatusExpectation, status: number): boolean {
  return expected.ranges.some((r) => status >= r.from && status <= r.to);
}
