// Renders the demo report to a standalone HTML page. Only the Markdown the stages' job summaries
// use (lib/summary.ts): headings, GitHub tables, lists, fenced code, paragraphs, `code`, **bold**,
// [links](url), and the few HTML tags summaries contain (<details>, <summary>, <br>). Everything
// else is escaped, so a value in a summary can never become markup.

const ALLOWED_TAG = /&lt;(\/?)(br|details|summary|b|strong|em|i|code|sub|sup|kbd)(\s*\/?)&gt;/gi;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline Markdown of one line of text. */
export function inline(text: string): string {
  const parts = text.split(/(`[^`]*`)/);
  return parts
    .map((part) => {
      if (part.length >= 2 && part.startsWith('`') && part.endsWith('`')) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      return escapeHtml(part)
        .replace(ALLOWED_TAG, (_m, close: string, tag: string) => `<${close}${tag.toLowerCase()}>`)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(
          /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g,
          (_m, label: string, url: string) => `<a href="${url}">${label}</a>`,
        );
    })
    .join('');
}

function tableCells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && body[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

const isTableSeparator = (line: string | undefined): boolean =>
  line !== undefined && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);

/** Markdown (the subset above) to HTML body markup. */
export function markdownBody(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>\n')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```(\S*)\s*$/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i++) code.push(lines[i] ?? '');
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] ?? '#').length;
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
      continue;
    }
    if (line.trim().startsWith('|') && isTableSeparator(lines[i + 1])) {
      flush();
      const head = tableCells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && (lines[i] ?? '').trim().startsWith('|'); i++) {
        rows.push(tableCells(lines[i] ?? ''));
      }
      i--;
      out.push(
        '<table>',
        `<thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...rows.map((r) => `<tr>${head.map((_, j) => `<td>${inline(r[j] ?? '')}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      );
      continue;
    }
    const item = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const m = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(lines[i] ?? '');
        if (!m) break;
        items.push(`<li>${inline(m[1] ?? '')}</li>`);
      }
      i--;
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>`, ...items, `</${tag}>`);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (/^\s*<\/?(details|summary)\b/i.test(line)) {
      // a block of its own (a collapsed log in a summary), not a paragraph
      flush();
      out.push(inline(line));
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{background:#f6f8fa;padding:.1rem .3rem;border-radius:4px;font-size:90%}
pre{background:#f6f8fa;padding:.75rem;overflow:auto}pre code{background:none;padding:0}
h3{border-top:1px solid #d0d7de;padding-top:1rem;margin-top:2rem}details{margin:.5rem 0}`;

/** A standalone page: open it in a browser. */
export function markdownToHtml(markdown: string, title: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    markdownBody(markdown),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
