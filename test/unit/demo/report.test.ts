// The pure parts of the demo's report: headings of embedded job summaries, the HTML rendering of
// the summaries' Markdown (never turning a value into markup), short image references.
import { describe, expect, it } from 'vitest';
import { escapeHtml, inline, markdownBody } from '../../../scripts/demo/markdown-html.js';
import { demoteHeadings, scrub, shortImage } from '../../../scripts/demo/report.js';
import { compactUtc } from '../../../scripts/demo/scenario.js';

describe('demoteHeadings', () => {
  it("puts the summary's top heading at the given level and keeps the rest below it", () => {
    expect(demoteHeadings('### ✅ done\n\ntext\n#### details', 4)).toBe(
      '#### ✅ done\n\ntext\n##### details',
    );
    expect(demoteHeadings('# a\n## b', 4)).toBe('#### a\n##### b');
  });
  it('never goes past h6, leaves code blocks and deeper summaries alone', () => {
    expect(demoteHeadings('# a\n#### b', 4)).toBe('#### a\n###### b');
    expect(demoteHeadings('## a\n```\n# comment\n```', 4)).toBe('#### a\n```\n# comment\n```');
    expect(demoteHeadings('###### already deep', 4)).toBe('###### already deep');
  });
});

describe('markdownBody', () => {
  it('renders the tables, headings, lists and code the stages write', () => {
    const html = markdownBody(
      [
        '### ✅ Smoke test passed',
        '',
        '| Check | Result |',
        '| --- | --- |',
        '| health \\| home | ✅ `200`<br>again |',
        '',
        '- `127.0.0.1:5000/app@sha256:abc`',
        '- **Deploy** by digest',
        '',
        '<details><summary>log</summary>',
        '',
        '```',
        'a < b',
        '```',
        '',
        '</details>',
      ].join('\n'),
    );
    expect(html).toBe(
      [
        '<h3>✅ Smoke test passed</h3>',
        '<table>',
        '<thead><tr><th>Check</th><th>Result</th></tr></thead>',
        '<tbody>',
        '<tr><td>health | home</td><td>✅ <code>200</code><br>again</td></tr>',
        '</tbody>',
        '</table>',
        '<ul>',
        '<li><code>127.0.0.1:5000/app@sha256:abc</code></li>',
        '<li><strong>Deploy</strong> by digest</li>',
        '</ul>',
        '<details><summary>log</summary>',
        '<pre><code>a &lt; b</code></pre>',
        '</details>',
      ].join('\n'),
    );
  });

  it('escapes every other tag, attribute and entity: a value in a summary never becomes markup', () => {
    expect(inline('<script>alert(1)</script> <img src=x onerror=y> &amp;')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=y&gt; &amp;amp;',
    );
    expect(inline('<br onload="x">')).toBe('&lt;br onload=&quot;x&quot;&gt;');
    expect(inline('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
    expect(inline('[docs](https://example.com/a)')).toBe('<a href="https://example.com/a">docs</a>');
    expect(escapeHtml('"<&>')).toBe('&quot;&lt;&amp;&gt;');
  });

  it('joins the lines of a paragraph and separates paragraphs', () => {
    expect(markdownBody('one\ntwo\n\nthree')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>');
  });
});

describe('small helpers', () => {
  it('shortImage keeps 12 hex digits of a digest', () => {
    expect(shortImage(`127.0.0.1:5000/ops-demo/app@sha256:${'a'.repeat(12)}${'b'.repeat(52)}`)).toBe(
      '127.0.0.1:5000/ops-demo/app@sha256:aaaaaaaaaaaa…',
    );
    expect(shortImage('app:v1')).toBe('app:v1');
  });
  it('scrub replaces every secret', () => {
    expect(scrub('pw=s3cret and s3cret', ['s3cret'])).toBe('pw=*** and ***');
  });
  it('compactUtc is a release id prefix', () => {
    expect(compactUtc(new Date('2026-11-23T16:35:00.123Z'))).toBe('20261123T163500Z');
  });
});
