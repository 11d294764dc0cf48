import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cell, details, markdownTable, statusIcon, writeSummary } from '../../../lib/summary.js';
import { captureStdout } from '../../helpers/capture-stdout.js';

describe('cell', () => {
  it.each([
    [undefined, '—'],
    [null, '—'],
    ['', '—'],
    [0, '0'],
    [false, 'false'],
    ['a|b', 'a\\|b'],
    ['line 1\nline 2\r\nline 3', 'line 1<br>line 2<br>line 3'],
  ])('%j → %s', (value, text) => {
    expect(cell(value)).toBe(text);
  });
});

describe('markdownTable', () => {
  it('a header, a separator and one row per item; short rows are padded', () => {
    expect(markdownTable(['Host', 'Result'], [['web1', '✅'], ['web|2', undefined], ['web3']])).toBe(
      ['| Host | Result |', '| --- | --- |', '| web1 | ✅ |', '| web\\|2 | — |', '| web3 | — |'].join('\n'),
    );
  });
});

describe('statusIcon', () => {
  it.each([
    [true, '✅'],
    ['success', '✅'],
    [false, '❌'],
    ['failure', '❌'],
    ['warning', '⚠️'],
    ['skipped', '⏭️'],
  ] as const)('%s → %s', (status, icon) => {
    expect(statusIcon(status)).toBe(icon);
  });
});

describe('details', () => {
  it('wraps a body in a collapsible code block', () => {
    expect(details('Plan', '{"a":1}', 'json')).toBe(
      '<details><summary>Plan</summary>\n\n```json\n{"a":1}\n```\n\n</details>',
    );
  });
});

describe('writeSummary', () => {
  const saved = process.env['GITHUB_STEP_SUMMARY'];
  afterEach(() => {
    if (saved === undefined) delete process.env['GITHUB_STEP_SUMMARY'];
    else process.env['GITHUB_STEP_SUMMARY'] = saved;
  });

  // First: @actions/core caches the summary path once a write succeeds (it never changes in a
  // real step), so the unwritable path must be tried before any other test writes.
  it('warns, and does not fail, when the file cannot be written', async () => {
    process.env['GITHUB_STEP_SUMMARY'] = '/nonexistent-dir/summary.md';
    const out = await captureStdout(() => writeSummary('x'));
    expect(out.some((l) => l.startsWith('::warning::Could not write the job summary'))).toBe(true);
  });

  it('appends Markdown, ending each write with a newline', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ops-summary-')), 'summary.md');
    writeFileSync(file, 'before\n');
    process.env['GITHUB_STEP_SUMMARY'] = file;
    await writeSummary('### One');
    await writeSummary('two\n');
    expect(readFileSync(file, 'utf8')).toBe('before\n### One\ntwo\n');
  });

  it('does nothing without a summary file', async () => {
    delete process.env['GITHUB_STEP_SUMMARY'];
    expect(await captureStdout(() => writeSummary('x'))).toEqual([]);
  });
});
