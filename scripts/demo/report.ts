// What the demo tells a person: one progress line per step as it finishes, and at the end a short
// report (each step's result and time, the release history, what served the app's health URL after
// each deploy) plus ONE Markdown file — and its HTML rendering — holding every step's job summary.
import { relative } from 'node:path';
import type { HistoryEntry } from '../../lib/deploy/history.js';
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
      return shortImage(o['image'] ?? '');
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
  history: { path: string; entries: HistoryEntry[] } | undefined;
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

/** How many history lines the report shows (the file grows by four lines a run). */
const HISTORY_LINES = 12;

/** The newest lines of the history file: time, release, event, image, note. */
function historyRows(d: ReportData, shortImages: boolean): string[][] {
  return (d.history?.entries ?? [])
    .slice(-HISTORY_LINES)
    .map((e) => [
      e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      e.id,
      e.outcome,
      shortImages ? shortImage(e.image ?? '') : (e.image ?? ''),
      e.note ?? '',
    ]);
}

function olderLines(d: ReportData): number {
  return Math.max(0, (d.history?.entries.length ?? 0) - HISTORY_LINES);
}

/** `127.0.0.1:5000/ops-demo/app@sha256:ce93e48d5156…` */
export function shortImage(image: string): string {
  return image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]{52}$/, '@sha256:$1…');
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
  const width = Math.max(...d.runs.map((r) => stepTitle(r).length), 20) + 4;
  const lines = ['', headline(d), ''];
  for (const r of d.runs) {
    const { mark, text } = resultText(r);
    lines.push(
      `  ${mark} ${`${r.index}. ${stepTitle(r)}`.padEnd(width)} ${seconds(r.run.durationMs).padStart(6)}  ${text}`,
    );
  }
  for (const s of d.outcome.notRun)
    lines.push(`  · ${`   ${s.stage} ${s.what}`.padEnd(width)}      —  not run`);
  lines.push(`    ${'total'.padEnd(width)} ${seconds(d.outcome.durationMs).padStart(6)}`, '');
  if (d.history) {
    const older = olderLines(d);
    lines.push(
      `Release history, ${sshTarget(d.cfg)}:${d.history.path}${older ? ` (newest lines; ${older} before)` : ''}:`,
    );
    for (const [time = '', id = '', outcome = '', image = '', note = ''] of historyRows(d, true)) {
      lines.push(`  ${time}  ${id.padEnd(22)} ${outcome.padEnd(9)} ${image || note}`);
    }
    lines.push('');
  }
  const servedLines = servedRows(d);
  if (servedLines.length) {
    lines.push('What served the app:');
    const w = Math.max(...servedLines.map(([when = '']) => when.length));
    for (const [when = '', url = '', status = '', body = ''] of servedLines) {
      lines.push(`  ${when.padEnd(w)}  ${url}  ${status}  ${body}`);
    }
    lines.push('');
  }
  const backup = d.runs.find((r) => r.step.stage === 'migrate')?.run.main.outputs['backup-path'];
  lines.push(
    `Job summaries of every step, in one file: ${rel(paths.report)} (and ${rel(paths.reportHtml)})`,
    `Step logs: ${rel(paths.logs)}/`,
  );
  if (backup) lines.push(`Database backup taken by migrate: ${rel(backup)}`);
  return lines.join('\n');
}

/** Moves an embedded job summary's headings below the report's own: its top heading becomes `level`. */
export function demoteHeadings(markdown: string, level: number): string {
  const fences = (line: string): boolean => /^\s*```/.test(line);
  let fenced = false;
  let top = 7;
  for (const line of markdown.split('\n')) {
    if (fences(line)) fenced = !fenced;
    const m = /^(#{1,6})\s/.exec(line);
    if (!fenced && m) top = Math.min(top, (m[1] ?? '').length);
  }
  const by = Math.max(0, level - top);
  fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (fences(line)) fenced = !fenced;
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
    const older = olderLines(d);
    out.push(
      '## Release history',
      '',
      `\`${d.history.path}\` on ${sshTarget(d.cfg)}: what deploy-ssh and rollback recorded, oldest first` +
        `${older ? ` (the newest ${HISTORY_LINES} lines; ${older} before them)` : ''}. A release's state is its newest line.`,
      '',
      markdownTable(['time (UTC)', 'release', 'event', 'image', 'note'], historyRows(d, false)),
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
    out.push(summary ? demoteHeadings(summary, 4) : '_(the step wrote no job summary)_', '');
  }
  return scrub(out.join('\n'), demoSecrets(d.cfg));
}

/** Belt and braces: the stages mask their secrets; the report must never hold one either. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}
