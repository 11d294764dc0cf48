/**
 * A small path into a JSON document, for `json-equals` assertions:
 *
 *   status                    a top-level key
 *   data.items[0].status      nested keys and array indexes
 *   checks["db.primary"].ok   a key with dots or brackets, quoted ("…" or '…', \ escapes)
 *   $.data.version            an optional leading `$` (JSONPath habit); `$` alone is the whole body
 *
 * No wildcards, filters or slices: a smoke test asserts one value at one place.
 */
export type PathSegment = string | number;

export class JsonPathSyntaxError extends Error {
  override readonly name: string = 'JsonPathSyntaxError';
}

export function parseJsonPath(path: string): PathSegment[] {
  const p = path.trim();
  if (p === '') throw new JsonPathSyntaxError('a JSON path must not be empty (use $ for the whole body).');
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new JsonPathSyntaxError(`'${path}' is not a valid JSON path: ${why} at position ${i + 1}.`);
  };
  // 'start': a key or [ may come; 'dot': a key must come; 'segment': '.', '[' or the end must come
  let state: 'start' | 'dot' | 'segment' = 'start';
  if (p[0] === '$') {
    i = 1;
    state = 'segment';
  }
  while (i < p.length) {
    const c = p[i];
    if (c === '[') {
      if (state === 'dot') fail("expected a key after '.'");
      i++;
      const q = p[i];
      if (q === '"' || q === "'") {
        let key = '';
        for (i++; i < p.length && p[i] !== q; i++) {
          if (p[i] === '\\' && i + 1 < p.length) i++;
          key += p[i];
        }
        if (p[i] !== q) fail('unterminated quoted key');
        i++;
        segments.push(key);
      } else {
        const digits = /^\d+/.exec(p.slice(i))?.[0];
        if (digits === undefined) fail('expected an index such as [0] or a quoted key such as ["a.b"]');
        segments.push(Number(digits));
        i += (digits as string).length;
      }
      if (p[i] !== ']') fail("expected ']'");
      i++;
      state = 'segment';
    } else if (c === '.') {
      if (state !== 'segment') fail('expected a key');
      i++;
      state = 'dot';
    } else if (c === ']') {
      fail("unexpected ']'");
    } else {
      if (state === 'segment') fail("expected '.' or '['");
      const key = (/^[^.[\]]+/.exec(p.slice(i)) as RegExpExecArray)[0];
      segments.push(key);
      i += key.length;
      state = 'segment';
    }
  }
  if (state === 'dot') fail('expected a key after the dot');
  return segments;
}

export type PathLookup = { found: true; value: unknown } | { found: false; missingAt: string };

/**
 * The value at `segments` in `data`. An index also reads an object's numeric key and a numeric
 * key reads an array's element, so `items.0` and `items[0]` are the same.
 */
export function lookupJsonPath(data: unknown, segments: readonly PathSegment[]): PathLookup {
  let current: unknown = data;
  for (let n = 0; n < segments.length; n++) {
    const seg = segments[n] as PathSegment;
    if (Array.isArray(current)) {
      const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0 || index >= current.length) {
        return { found: false, missingAt: formatJsonPath(segments.slice(0, n + 1)) };
      }
      current = current[index];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, String(seg))) {
      current = (current as Record<string, unknown>)[String(seg)];
    } else {
      return { found: false, missingAt: formatJsonPath(segments.slice(0, n + 1)) };
    }
  }
  return { found: true, value: current };
}

/** The canonical text of a path: `data.items[0]["a.b"]`, `$` for the root. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '$';
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[^.[\]"'$\s][^.[\]]*$/.test(seg) && seg.trim() === seg) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
