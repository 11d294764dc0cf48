import { describe, expect, it } from 'vitest';
import { formatJsonPath, lookupJsonPath, parseJsonPath } from '../../../actions/smoke-test/json-path.js';

describe('parseJsonPath', () => {
  it.each([
    ['status', ['status']],
    ['data.items[0].status', ['data', 'items', 0, 'status']],
    ['$', []],
    ['$.data.version', ['data', 'version']],
    ['$[0]', [0]],
    ['[2].name', [2, 'name']],
    ['checks["db.primary"].ok', ['checks', 'db.primary', 'ok']],
    ["checks['a]b'][1]", ['checks', 'a]b', 1]],
    ['a["say \\"hi\\""]', ['a', 'say "hi"']],
    ['matrix[1][0]', ['matrix', 1, 0]],
    ['headers.x-api-key', ['headers', 'x-api-key']],
    ['  padded  ', ['padded']],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each([
    ['', 'a JSON path must not be empty (use $ for the whole body).'],
    ['a..b', "'a..b' is not a valid JSON path: expected a key at position 3."],
    ['.a', "'.a' is not a valid JSON path: expected a key at position 1."],
    ['a.', "'a.' is not a valid JSON path: expected a key after the dot at position 3."],
    ['$.', "'$.' is not a valid JSON path: expected a key after the dot at position 3."],
    ['$a', "'$a' is not a valid JSON path: expected '.' or '[' at position 2."],
    [
      'a[x]',
      '\'a[x]\' is not a valid JSON path: expected an index such as [0] or a quoted key such as ["a.b"] at position 3.',
    ],
    ['a[0', "'a[0' is not a valid JSON path: expected ']' at position 4."],
    ['a["b]', "'a[\"b]' is not a valid JSON path: unterminated quoted key at position 6."],
    ['a]', "'a]' is not a valid JSON path: unexpected ']' at position 2."],
    ['a[0]b', "'a[0]b' is not a valid JSON path: expected '.' or '[' at position 5."],
    ['a.[0]', "'a.[0]' is not a valid JSON path: expected a key after '.' at position 3."],
    [
      'a[-1]',
      '\'a[-1]\' is not a valid JSON path: expected an index such as [0] or a quoted key such as ["a.b"] at position 3.',
    ],
  ])('rejects %j', (path, message) => {
    expect(() => parseJsonPath(path)).toThrow(message);
  });
});

describe('lookupJsonPath', () => {
  const doc = {
    status: 'ok',
    data: { items: [{ status: 'up' }, { status: null }], count: 0, flag: false },
    'db.primary': { ok: true },
    '0': 'zero key',
  };
  it.each([
    ['status', 'ok'],
    ['data.items[0].status', 'up'],
    ['data.items.1.status', null],
    ['data.count', 0],
    ['data.flag', false],
    ['["db.primary"].ok', true],
    ['[0]', 'zero key'],
    ['$', doc],
  ])('%s', (path, value) => {
    expect(lookupJsonPath(doc, parseJsonPath(path))).toEqual({ found: true, value });
  });

  it.each([
    ['missing', 'missing'],
    ['data.items[2].status', 'data.items[2]'],
    ['data.items[0].status.deeper', 'data.items[0].status.deeper'],
    ['data.items.x', 'data.items.x'],
    ['status.length', 'status.length'],
    ['data.toString', 'data.toString'],
  ])('%s is not found (at %s)', (path, missingAt) => {
    expect(lookupJsonPath(doc, parseJsonPath(path))).toEqual({ found: false, missingAt });
  });

  it('reads scalars and arrays at the root', () => {
    expect(lookupJsonPath([1, 2], [1])).toEqual({ found: true, value: 2 });
    expect(lookupJsonPath('text', [])).toEqual({ found: true, value: 'text' });
    expect(lookupJsonPath(null, ['a'])).toEqual({ found: false, missingAt: 'a' });
  });
});

describe('formatJsonPath', () => {
  it.each([
    [[], '$'],
    [['a', 'b'], 'a.b'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0], '[0]'],
    [['db.primary', 'ok'], '["db.primary"].ok'],
    [['a b '], '["a b "]'],
    [['$schema'], '["$schema"]'],
  ])('%j → %s', (segments, text) => {
    expect(formatJsonPath(segments)).toBe(text);
    expect(parseJsonPath(text)).toEqual(segments);
  });
});
