import { describe, expect, it } from 'vitest';
import { parseScriptOutputs } from '../../../lib/ssh/script-outputs.js';

describe('parseScriptOutputs ($OPS_OUTPUT, the GITHUB_OUTPUT format)', () => {
  it('reads name=value and name<<DELIM blocks; a value may hold = and <<; the last of a name wins', () => {
    const text = [
      'version=1.4.2',
      'url=http://x/?a=b&c=d',
      'empty=',
      'shift=a<<b',
      'notes<<EOF',
      'first = line',
      '',
      'third<<line',
      'EOF',
      'version=1.4.3',
      '',
    ].join('\n');
    const { values, problems } = parseScriptOutputs(text);
    expect(problems).toEqual([]);
    expect(values).toEqual({
      version: '1.4.3',
      url: 'http://x/?a=b&c=d',
      empty: '',
      shift: 'a<<b',
      notes: 'first = line\n\nthird<<line',
    });
    // the order names were first set
    expect(Object.keys(values)).toEqual(['version', 'url', 'empty', 'shift', 'notes']);
  });

  it('reads CRLF files and ignores blank lines', () => {
    expect(parseScriptOutputs('a=1\r\n\r\nb<<X\r\nv\r\nX\r\n')).toEqual({
      values: { a: '1', b: 'v' },
      problems: [],
    });
    expect(parseScriptOutputs('')).toEqual({ values: {}, problems: [] });
  });

  it('keeps every good value and names each bad line, with how to fix it', () => {
    const { values, problems } = parseScriptOutputs(
      ['ok=1', 'just text', '9lives=x', 'a b=c', 'report=mine', 'open<<END', 'never closed'].join('\n'),
      ['release-id', 'report'],
    );
    expect(values).toEqual({ ok: '1' });
    expect(problems).toEqual([
      "line 2: 'just text' is neither name=value nor name<<DELIMITER",
      "line 3: '9lives' is not an output name (letters, digits, _ and -, not starting with a digit or -)",
      "line 4: 'a b' is not an output name (letters, digits, _ and -, not starting with a digit or -)",
      "line 5: 'report' is an output of the action itself (release-id, report); choose another name, e.g. script-report",
      "line 6: 'open<<END' has no closing 'END' line; end the value with a line holding only END",
    ]);
  });
});
