import { formatDuration } from '../../lib/duration.js';
import { details, markdownTable, statusIcon } from '../../lib/summary.js';
import { formatBytes } from './build-result.js';
import type { ImageResult } from './execute.js';
import type { BuildPlan } from './plan.js';
import { formatCacheStats } from './progress.js';

const code = (s: string): string => `\`${s}\``;

function tagList(refs: readonly string[]): string {
  return refs.map((r) => code(r.slice(r.lastIndexOf(':') + 1))).join('<br>');
}

function shortDigest(d: string | undefined): string | undefined {
  return d ? code(`${d.slice(0, 19)}…`) : undefined;
}

/** The job summary after a build (pure). */
export function resultSummary(
  results: readonly ImageResult[],
  opts: { push: boolean; warnings: readonly string[]; registry: string | undefined; totalMs: number },
): string {
  const n = results.length;
  const what = opts.push ? 'pushed' : 'built (not pushed)';
  const where = opts.push && opts.registry ? ` to ${opts.registry}` : '';
  const lines = [
    `### ${statusIcon(true)} build-push: ${n} image${n === 1 ? '' : 's'} ${what}${where} in ${formatDuration(opts.totalMs)}`,
    '',
    markdownTable(
      ['Image', 'Tags', 'Digest', 'Size', 'Duration', 'Cache'],
      results.map((r) => [
        code(r.name),
        tagList(r.tags),
        shortDigest(r.digest),
        r.sizeBytes !== undefined
          ? formatBytes(r.sizeBytes)
          : r.platforms.length > 1
            ? `${r.platforms.length} platforms`
            : undefined,
        `${formatDuration(r.durationMs)}${r.attempts > 1 ? ` (${r.attempts} attempts)` : ''}`,
        `${formatCacheStats(r.cache.stats)} · ${r.cache.effective}${r.cache.restored ? ` · restored: ${r.cache.restored}` : ''}`,
      ]),
    ),
  ];
  const deployable = results.filter((r) => r.image);
  if (deployable.length) {
    lines.push('', '**Deploy by digest:**', '', ...deployable.map((r) => `- ${code(r.image ?? '')}`));
  }
  if (opts.warnings.length) {
    lines.push('', ...opts.warnings.map((w) => `> ${statusIcon('warning')} ${w}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The job summary of a dry run: the tags and the exact commands, nothing executed (pure). */
export function dryRunSummary(plan: BuildPlan, commands: readonly string[]): string {
  return [
    `### ${statusIcon('skipped')} build-push: dry run — nothing was built, pushed or logged in`,
    '',
    markdownTable(
      ['Image', 'Tags', 'Cache'],
      plan.images.map((i) => [code(i.build.image.name), tagList(i.refs), i.cache.effective]),
    ),
    '',
    details('Commands', commands.join('\n'), 'sh'),
    ...(plan.warnings.length ? ['', ...plan.warnings.map((w) => `> ${statusIcon('warning')} ${w}`)] : []),
    '',
  ].join('\n');
}

export function failureSummary(message: string): string {
  return `### ${statusIcon(false)} build-push failed\n\n\`\`\`\n${message}\n\`\`\`\n`;
}
