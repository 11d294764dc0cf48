// What the demo tells a person: one progress line per step as it finishes, and at the end a short
// report (each step's result and time, the release history, what served the app's health URL after
// each deploy) plus ONE Markdown file — and its HTML rendering — holding every step's job summary.
import { relative } from 'node:path';
import type { Release } from '../../lib/deploy/history.js';
import { formatDuration } from '../../lib/duration.js';
import { markdownTable } from '../../lib/summary.js';
import { repoRoot } from '../../test/harness/run-action.js';
import type { HealthAnswer } from './app.js';
import { type DemoConfig, demoPaths, demoSecrets, sshTarget } from './config.js';
import { type ScenarioOutcome, type StepRun, stepFileName } from './scenario.js';

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** ✓ / ✗ and what the step's result means in the scenario. */
export function resultText(r: StepRun): { mark: string; text: string } {
  const passed = r.run.exitCode === 0;
  if (r.step.expect === 'failure') {
    return passed
      ? { mark: '✗', text: 'passed — but it should have failed' }
      : { mark: '✗', text: 'failed, as designed' };
  }
  return passed ? { mark: '✓', text: 'passed' } : { mark: '✗', text: 'FAILED' };
}

/** The gist of an error message: its first two lines, on one line. */
function gist(text: string | undefined): string {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const g = lines.slice(0, 2).join(' ');
  return g.length > 200 ? `${g.slice(0, 199)}…` : g;
}

/** One short fact about what the step did, from its outputs. */
export function stepDetail(r: StepRun): string {
  const o = r.run.main.outputs;
  if (r.run.exitCode !== 0) {
    return gist(r.run.main.errors[0] ?? r.run.post?.errors[0]);
  }
  switch (r.step.stage) {
    case 'build-push':
      return o['image'] ?? '';
    case 'deploy-ssh':
      return `release ${o['release-id'] ?? '?'}${served(r.served)}`;
    case 'migrate': {
      const backup = o['backup-path'] ? `, backup ${o['backup-size'] ?? '?'} bytes` : ', no backup';
      return `${o['outcome'] ?? '?'}: ${o['applied-count'] ?? '?'} applied${backup}`;
    }
    case 'smoke-test':
      return o['passed'] === 'true' ? 'every check passed' : '';
    case 'rollback':
      return `${o['rolled-back-from'] ?? '?'} → ${o['rolled-back-to'] ?? '?'}${served(r.served)}`;
  }
}

function served(a: HealthAnswer | undefined): string {
  if (!a) return '';
  if (a.status === undefined) return '; nothing answers';
  return `; serves ${a.version ?? '?'} (HTTP ${a.status})`;
}

export function stepTitle(r: Pick<StepRun, 'step'>): string {
  return `${r.step.stage} ${r.step.what}`;
}

/** The line printed when a step finishes. */
export function progressLine(r: StepRun): string {
  const { mark, text } = resultText(r);
  const title = `${String(r.index).padStart(2)}. ${stepTitle(r)}`.padEnd(44);
  return `  ${mark} ${title} ${seconds(r.run.durationMs).padStart(6)}  ${text}${detailSuffix(r)}`;
}

function detailSuffix(r: StepRun): string {
  const d = stepDetail(r);
  return d ? ` — ${d}` : '';
}

export interface ReportData {
  cfg: DemoConfig;
  runs: readonly StepRun[];
  outcome: ScenarioOutcome;
  history: { path: string; releases: Release[] } | undefined;
  schema: { tables: string[]; indexes: string[] } | undefined;
}

export function headline(d: ReportData): string {
  if (d.outcome.asDesigned) {
    return 'As designed: v1 deployed and passed its smoke test; broken v2 failed it and was rolled back; v1 serves again.';
  }
  const wrong = d.runs.find((r) => !r.asExpected);
  return wrong
    ? `NOT as designed: ${stepTitle(wrong)} ${resultText(wrong).text}.`
    : 'NOT as designed: v1 does not serve again after the rollback.';
}

function historyRows(d: ReportData): string[][] {
  return (d.history?.releases ?? []).map((rel) => [
    rel.id,
    rel.outcome,
    rel.record.image ?? rel.record.artifact ?? '',
    rel.record.time,
    rel.events
      .map((e) => e.note)
      .filter(Boolean)
      .join('; '),
  ]);
}

function servedRows(d: ReportData): string[][] {
  return d.runs
    .filter((r) => r.served)
    .map((r) => {
      const a = r.served as HealthAnswer;
      return [
        `after ${stepTitle(r)}`,
        a.url,
        a.status === undefined ? 'no answer' : `HTTP ${a.status}`,
        a.body,
      ];
    });
}

/** The report printed at the end. */
export function consoleReport(d: ReportData): string {
  const paths = demoPaths(d.cfg);
  const rel = (p: string): string => relative(process.cwd(), p) || p;
  const lines = ['', headline(d), ''];
  for (const r of d.runs) {
    const { mark, text } = resultText(r);
    lines.push(
      `  ${mark} ${`${r.index}. ${stepTitle(r)}`.padEnd(40)} ${seconds(r.run.durationMs).padStart(6)}  ${text}`,
    );
  }
  for (const s of d.outcome.notRun) lines.push(`  · ${`-. ${s.stage} ${s.what}`.padEnd(40)}      —  not run`);
  lines.push(`  total ${seconds(d.outcome.durationMs)}`, '');
  if (d.history) {
    lines.push(`Release history (${sshTarget(d.cfg)}:${d.history.path}):`);
    for (const [id = '', outcome = '', image = ''] of historyRows(d)) {
      lines.push(`  ${id.padEnd(24)} ${outcome.padEnd(12)} ${image}`);
    }
    lines.push('');
  }
  const servedLines = servedRows(d);
  if (servedLines.length) {
    lines.push('What served the app:');
    for (const [when = '', url = '', status = '', body = ''] of servedLines) {
      lines.push(`  ${when.padEnd(36)} ${url}  ${status}  ${body}`);
    }
    lines.push('');
  }
  lines.push(
    `Job summaries of every step: ${rel(paths.report)} (HTML: ${rel(paths.reportHtml)})`,
    `Step logs: ${rel(paths.logs)}/`,
  );
  return lines.join('\n');
}

/** Headings of an embedded job summary go below the report's own (## → ####). */
export function demoteHeadings(markdown: string, by: number): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (fenced) return line;
      const m = /^(#{1,6})(\s.*)$/.exec(line);
      return m ? `${'#'.repeat(Math.min(6, (m[1] ?? '').length + by))}${m[2] ?? ''}` : line;
    })
    .join('\n');
}

/** The one Markdown file with the whole run: the scenario table, history, and every job summary. */
export function markdownReport(d: ReportData, when = new Date()): string {
  const paths = demoPaths(d.cfg);
  const out: string[] = [
    `# ops-actions demo — ${when.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '',
    `**${headline(d)}**`,
    '',
    'Each step ran its bundled action (`dist/<stage>/index.js`) as a workflow step does: `INPUT_*` ' +
      'variables, the `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` / `GITHUB_STATE` files, and the post step.',
    '',
    '## Steps',
    '',
    markdownTable(
      ['#', 'step', 'result', 'time', 'detail'],
      [
        ...d.runs.map((r) => [
          r.index,
          `\`${r.step.stage}\` ${r.step.what}`,
          `${resultText(r).mark} ${resultText(r).text}`,
          seconds(r.run.durationMs),
          stepDetail(r),
        ]),
        ...d.outcome.notRun.map((s) => ['—', `\`${s.stage}\` ${s.what}`, 'not run', '', '']),
      ],
    ),
    '',
    `Total: ${seconds(d.outcome.durationMs)}.`,
    '',
  ];
  if (d.history) {
    out.push(
      '## Release history',
      '',
      `\`${d.history.path}\` on ${sshTarget(d.cfg)} — what deploy-ssh and rollback recorded, oldest first:`,
      '',
      markdownTable(['release', 'outcome', 'image', 'deployed at', 'notes'], historyRows(d)),
      '',
    );
  }
  const servedLines = servedRows(d);
  if (servedLines.length) {
    out.push('## What served the app', '', markdownTable(['when', 'URL', 'status', 'body'], servedLines), '');
  }
  if (d.schema) {
    out.push(
      `## Database \`${d.cfg.database}\``,
      '',
      `Tables: ${d.schema.tables.map((t) => `\`${t}\``).join(', ') || 'none'}. ` +
        `Indexes: ${d.schema.indexes.map((t) => `\`${t}\``).join(', ') || 'none'}.`,
      '',
    );
  }
  out.push('## Job summaries', '');
  for (const r of d.runs) {
    const { mark, text } = resultText(r);
    out.push(
      `### ${r.index}. ${stepTitle(r)} — ${mark} ${text}, ${formatDuration(r.run.durationMs)}`,
      '',
      `Log: \`${relative(repoRoot, paths.logs)}/${stepFileName(r)}.log\``,
      '',
    );
    const summary = `${r.run.main.summary}${r.run.post?.summary ?? ''}`.trim();
    out.push(summary ? demoteHeadings(summary, 3) : '_(the step wrote no job summary)_', '');
  }
  return scrub(out.join('\n'), demoSecrets(d.cfg));
}

/** Belt and braces: the stages mask their secrets; the report must never hold one either. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}
