import { describe, expect, it } from 'vitest';
import { ConfigurationError, errorMessage, indent, OperationError } from '../../../lib/errors.js';

describe('ConfigurationError', () => {
  it('names the input and shows the example indented', () => {
    const e = new ConfigurationError('hosts', 'is required.', 'hosts: |\n  web1');
    expect(e.message).toBe("Input 'hosts': is required.\n  For example:\n    hosts: |\n      web1");
    expect(e).toMatchObject({ name: 'ConfigurationError', input: 'hosts', problem: 'is required.' });
    expect(new ConfigurationError(undefined, 'no input at all.').message).toBe('no input at all.');
  });
});

describe('OperationError', () => {
  it('carries details', () => {
    expect(new OperationError('remote failed', { exitCode: 2 })).toMatchObject({
      name: 'OperationError',
      message: 'remote failed',
      details: { exitCode: 2 },
    });
  });
});

describe('errorMessage', () => {
  const circular: Record<string, unknown> = {};
  circular['self'] = circular;
  it.each([
    [new Error('boom'), 'boom'],
    [new TypeError(''), 'TypeError'],
    ['a string', 'a string'],
    [undefined, 'unknown error (undefined)'],
    [null, 'unknown error (null)'],
    [{ code: 42 }, '{"code":42}'],
    [42, '42'],
    [circular, '[object Object]'],
  ])('%j → %s', (error, text) => {
    expect(errorMessage(error)).toBe(text);
  });
});

describe('indent', () => {
  it('prefixes every line', () => {
    expect(indent('a\nb', '  ')).toBe('  a\n  b');
  });
});
