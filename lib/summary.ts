import * as core from '@actions/core';

export type Cell = string | number | boolean | undefined | null;

/** Escapes text for a Markdown table cell: pipes and newlines would break the row. */
export function cell(value: Cell): string {
  if (value === undefined || value === null || value === '') return '—';
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const head = `| ${headers.map((h) => cell(h)).join(' | ')} |`;
  const sep = `| ${headers.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${headers.map((_, i) => cell(r[i])).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

/** ✅ / ❌ / ⚠️ / ⏭️ for a result, so a person reads the summary at a glance. */
export function statusIcon(status: 'success' | 'failure' | 'warning' | 'skipped' | boolean): string {
  if (status === true || status === 'success') return '✅';
  if (status === false || status === 'failure') return '❌';
  if (status === 'warning') return '⚠️';
  return '⏭️';
}

/** `<details>` block for long content (logs, JSON) that should not crowd the summary. */
export function details(summaryLine: string, body: string, lang = ''): string {
  return `<details><summary>${summaryLine}</summary>\n\n\`\`\`${lang}\n${body}\n\`\`\`\n\n</details>`;
}

/**
 * Appends Markdown to the job summary. Does nothing (and never fails the step) when the runner
 * gives no summary file, e.g. when run outside Actions.
 */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  try {
    await core.summary.addRaw(markdown.endsWith('\n') ? markdown : `${markdown}\n`).write();
  } catch (error) {
    // core.summary keeps unwritten text in its buffer: drop it, or the next write repeats it
    core.summary.emptyBuffer();
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
