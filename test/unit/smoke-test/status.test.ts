import { describe, expect, it } from 'vitest';
import { parseStatusSpec, statusMatches } from '../../../actions/smoke-test/status.js';

describe('parseStatusSpec', () => {
  it.each([
    ['200', '200', [{ from: 200, to: 200 }]],
    ['2xx', '2xx', [{ from: 200, to: 299 }]],
    ['2XX', '2xx', [{ from: 200, to: 299 }]],
    ['200-204', '200-204', [{ from: 200, to: 204 }]],
    ['200 - 204', '200-204', [{ from: 200, to: 204 }]],
    [
      '200, 3xx',
      '200, 3xx',
      [
        { from: 200, to: 200 },
        { from: 300, to: 399 },
      ],
    ],
  ])('%s', (spec, text, ranges) => {
    expect(parseStatusSpec(spec)).toEqual({ text, ranges });
  });

  it('takes numbers and lists as YAML gives them', () => {
    expect(parseStatusSpec(204).text).toBe('204');
    expect(parseStatusSpec([200, '204', '3xx']).text).toBe('200, 204, 3xx');
  });

  it.each([
    ['2xy', "'2xy' is not a status code (200), a class (2xx) or a range (200-299)."],
    ['20', "'20' is not a status code (200), a class (2xx) or a range (200-299)."],
    ['6xx', "'6xx' is not a status code (200), a class (2xx) or a range (200-299)."],
    ['099', "'099' is not a status code or range between 100 and 599."],
    ['700', "'700' is not a status code or range between 100 and 599."],
    ['299-200', "'299-200' is not a status code or range between 100 and 599."],
    [' , ', 'is empty: give a status such as 200, 2xx or 200-299.'],
  ])('rejects %j', (spec, message) => {
    expect(() => parseStatusSpec(spec)).toThrow(message);
  });
});

describe('statusMatches', () => {
  const exp = parseStatusSpec('200, 3xx, 500-502');
  it.each([
    [200, true],
    [201, false],
    [301, true],
    [399, true],
    [400, false],
    [502, true],
    [503, false],
  ])('%i → %s', (status, want) => {
    expect(statusMatches(exp, status)).toBe(want);
  });
});
