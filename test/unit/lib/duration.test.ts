import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../lib/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['1.5s', 1500],
    ['0.5m', 30_000],
    ['45', 45_000],
    ['2.5', 2500],
    ['0', 0],
    [' 10S ', 10_000],
    ['5M', 300_000],
  ])('%j → %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads a plain number in the default unit', () => {
    expect(parseDuration('250', 'ms')).toBe(250);
    expect(parseDuration('2', 'm')).toBe(120_000);
  });

  it.each(['', '  ', 'soon', '-5s', '5 s', '1m 30s', '5d', '1e3', 's', 'ms5', '5s!', '.5s'])(
    '%j is not a duration',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [800, '800ms'],
    [999.4, '999ms'],
    [999.6, '1.0s'],
    [1234, '1.2s'],
    [59_940, '59.9s'],
    [59_999, '1m'],
    [60_000, '1m'],
    [65_000, '1m5s'],
    [119_600, '2m'],
    [3_600_000, '60m'],
  ])('%d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('%d → ?', (ms) => {
    expect(formatDuration(ms)).toBe('?');
  });
});
