import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellExports, shellJoin, shellQuote } from '../../../lib/quote.js';

const hostile = [
  '',
  ' ',
  'plain',
  'two words',
  "it's",
  "''",
  '"double"',
  '$HOME',
  `\${PATH}`,
  '$(touch /tmp/ops-quote-pwned)',
  '`id`',
  'a;b',
  'a && b || c',
  'a|b',
  '>out <in',
  '*',
  '?',
  '[a-z]',
  '~',
  '~root',
  '#comment',
  '!!',
  '-n',
  '--help',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  '\\',
  'back\\slash\\',
  "'; rm -rf / #",
  'ünïcödé ✓',
  'x=1',
  '%s%n',
  '{a,b}',
  'a\u0001b',
];

/** The words bash sees for a command line: each printed as <word> with its length. */
function bashWords(line: string): string[] {
  const out = execFileSync('bash', ['-c', `for w in ${line}; do printf '%s\\0' "$w"; done`, 'bash'], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it.each(hostile)('%j reaches bash as one word, unchanged', (value) => {
    const out = execFileSync('bash', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
    expect(out).toBe(value);
  });

  it('leaves safe words unquoted and quotes the rest', () => {
    expect(shellQuote('deploy@host:/srv/app-1.2_x')).toBe('deploy@host:/srv/app-1.2_x');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('~')).toBe("'~'");
  });
});

describe('shellJoin', () => {
  it('keeps every argument one word', () => {
    expect(bashWords(shellJoin(hostile))).toEqual(hostile);
    expect(existsSync('/tmp/ops-quote-pwned')).toBe(false);
  });
});

describe('shellExports', () => {
  it('exports values that bash reads back exactly', () => {
    const env = { A: "it's $(id)", B_2: 'new\nline', _C: '' };
    const script = `${shellExports(env)}\nprintf '%s\\0' "$A" "$B_2" "$_C"`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual([env.A, env.B_2, env._C]);
  });

  it('rejects a key that is not a variable name', () => {
    expect(() => shellExports({ 'A-B': '1' })).toThrow('not a valid environment variable name: A-B');
    expect(() => shellExports({ 'A;id': '1' })).toThrow('not a valid environment variable name');
  });
});
