import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { inputEnvName, parseFileCommand } from '../../harness/run-action.js';

describe('parseFileCommand', () => {
  it('reads name=value lines, values keeping = signs, and skips malformed lines', () => {
    expect(parseFileCommand('a=1\nb=x=y\n\nc=\nnot a pair\n=orphan\n')).toEqual({ a: '1', b: 'x=y', c: '' });
  });

  it('reads name<<DELIM heredocs with multi-line and empty values', () => {
    const text = ['report<<EOF_1', '{"a":1}', 'line 2', 'EOF_1', 'empty<<D', '', 'D', 'after=ok', ''].join(
      '\n',
    );
    expect(parseFileCommand(text)).toEqual({ report: '{"a":1}\nline 2', empty: '', after: 'ok' });
  });

  it('a later value wins, as the runner does', () => {
    expect(parseFileCommand('a=1\na=2')).toEqual({ a: '2' });
  });

  describe('round trip through @actions/core', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('reads back what core.setOutput, saveState and exportVariable wrote', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ops-harness-'));
      for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV']) {
        process.env[name] = join(dir, name);
        writeFileSync(join(dir, name), '');
      }
      const values = {
        simple: 'value',
        multi: 'line 1\nline 2\n\nline 4',
        json: JSON.stringify({ a: 'b=c', list: [1, 2] }),
        empty: '',
        tricky: 'EOF\nghadelimiter\n<<x=y',
      };
      for (const [k, v] of Object.entries(values)) {
        core.setOutput(k, v);
        core.saveState(k, v);
        core.exportVariable(`VAR_${k.toUpperCase()}`, v);
      }
      expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_OUTPUT'), 'utf8'))).toEqual(values);
      expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_STATE'), 'utf8'))).toEqual(values);
      expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_ENV'), 'utf8'))).toEqual(
        Object.fromEntries(Object.entries(values).map(([k, v]) => [`VAR_${k.toUpperCase()}`, v])),
      );
    });
  });
});

describe('inputEnvName', () => {
  it('mangles names as the runner does', () => {
    expect(inputEnvName('private-key')).toBe('INPUT_PRIVATE-KEY');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
    // and core.getInput reads it back
    process.env[inputEnvName('ops-round-trip')] = ' v ';
    expect(core.getInput('ops-round-trip')).toBe('v');
    delete process.env[inputEnvName('ops-round-trip')];
  });
});
