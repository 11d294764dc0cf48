import { describe, expect, it } from 'vitest';
import { maskSecret, maskUrlCredentials, redact } from '../../../lib/secrets.js';
import { captureStdout } from '../../helpers/capture-stdout.js';

describe('maskSecret', () => {
  it('masks the whole value and each line of a multi-line one', async () => {
    const key = '-----BEGIN KEY-----\r\n  abcdef  \nxy\n-----END KEY-----\n';
    const out = await captureStdout(() => maskSecret(key));
    expect(out).toEqual([
      '::add-mask::-----BEGIN KEY-----%0D%0A  abcdef  %0Axy%0A-----END KEY-----%0A',
      '::add-mask::-----BEGIN KEY-----',
      '::add-mask::abcdef',
      '::add-mask::-----END KEY-----',
    ]);
  });

  it('masks a one-line value once; nothing for empty or undefined', async () => {
    expect(await captureStdout(() => maskSecret('hunter2-pass'))).toEqual(['::add-mask::hunter2-pass']);
    expect(await captureStdout(() => maskSecret(''))).toEqual([]);
    expect(await captureStdout(() => maskSecret(undefined))).toEqual([]);
  });

  it('sends a value the runner already masks only once (a key read by two inputs parsers)', async () => {
    const key = '-----BEGIN K-----\nline-one-of-key\n-----END K-----';
    const first = await captureStdout(() => maskSecret(key));
    expect(first).toHaveLength(4);
    expect(await captureStdout(() => maskSecret(key))).toEqual([]);
    // the same lines inside another value: only the new whole value is sent
    expect(await captureStdout(() => maskSecret(`${key}\n`))).toEqual([
      '::add-mask::-----BEGIN K-----%0Aline-one-of-key%0A-----END K-----%0A',
    ]);
  });
});

describe('maskUrlCredentials', () => {
  it('masks the URL, the password and its decoded form', async () => {
    const out = await captureStdout(() => maskUrlCredentials('postgres://ops:p%40ss%2Fword@db:5432/app'));
    expect(out).toEqual([
      '::add-mask::postgres://ops:p%2540ss%252Fword@db:5432/app',
      '::add-mask::p%2540ss%252Fword',
      '::add-mask::p@ss/word',
    ]);
  });

  it('masks only the URL when it has no password; a bad escape is masked as it is', async () => {
    expect(await captureStdout(() => maskUrlCredentials('https://example.com/x'))).toEqual([
      '::add-mask::https://example.com/x',
    ]);
    const out = await captureStdout(() => maskUrlCredentials('redis://:bad%zz@cache:6379'));
    expect(out).toEqual(['::add-mask::redis://:bad%25zz@cache:6379', '::add-mask::bad%25zz']);
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('token=abc123; again abc123', ['abc123'])).toBe('token=***; again ***');
    expect(redact('nothing here', ['abc123', undefined, ''])).toBe('nothing here');
  });

  it('replaces the longer of two overlapping secrets whole, whatever their order', () => {
    expect(redact('Bearer tok-1234', ['tok-1234', 'Bearer tok-1234'])).toBe('***');
  });

  it('replaces each line of a multi-line secret found on its own (output is logged line by line)', () => {
    const key = '-----BEGIN KEY-----\nAAAAbbbbCCCC\nxy\n-----END KEY-----';
    expect(redact(`got:\n${key}\n`, [key])).toBe('got:\n***\n');
    expect(redact('line: AAAAbbbbCCCC', [key])).toBe('line: ***');
    // lines shorter than 4 characters are not secrets on their own (as maskSecret)
    expect(redact('xy', [key])).toBe('xy');
  });
});
