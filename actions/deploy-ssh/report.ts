// What a person reads after a deploy: the outputs, the job summary table, the failure message.
import { formatDuration } from '../../lib/duration.js';
import { details, markdownTable, statusIcon } from '../../lib/summary.js';
import type { DeployResult, HostReport } from './deploy.js';
import type { DeployConfig } from './inputs.js';

export interface DeployOutputs {
  'release-id': string;
  'previous-release-id': string;
  'hosts-succeeded': string;
  'hosts-failed': string;
  report: string;
}

/** The report output: a JSON document other steps (and the rollback stage) can read. */
export function reportJson(config: DeployConfig, result: DeployResult, dryRun = false): string {
  return JSON.stringify({
    strategy: result.strategy,
    releaseId: result.releaseId,
    previousReleaseId: result.previousReleaseId ?? null,
    appDir: config.appDir,
    image: config.compose?.image,
    dryRun,
    durationMs: result.durationMs,
    hosts: result.hosts.map((h) => ({
      host: h.host,
      result: h.result,
      durationMs: h.durationMs,
      releaseId: h.releaseId,
      previousReleaseId: h.previousReleaseId ?? null,
      ...(h.phase ? { phase: h.phase } : {}),
      ...(h.error ? { error: h.error } : {}),
      ...(h.pruned ? { pruned: h.pruned } : {}),
    })),
  });
}

export function deployOutputs(config: DeployConfig, result: DeployResult, dryRun = false): DeployOutputs {
  return {
    'release-id': result.releaseId,
    'previous-release-id': result.previousReleaseId ?? '',
    'hosts-succeeded': result.hosts
      .filter((h) => h.result === 'succeeded')
      .map((h) => h.host)
      .join(','),
    'hosts-failed': result.hosts
      .filter((h) => h.result !== 'succeeded')
      .map((h) => h.host)
      .join(','),
    report: reportJson(config, result, dryRun),
  };
}

function resultCell(h: HostReport): string {
  if (h.result === 'succeeded') return `${statusIcon('success')} deployed`;
  if (h.result === 'cancelled') return `${statusIcon('skipped')} cancelled`;
  return `${statusIcon('failure')} failed${h.phase ? ` (${h.phase})` : ''}`;
}

/** The job summary: one row per host, then the errors. */
export function deploySummary(config: DeployConfig, result: DeployResult): string {
  const ok = result.hosts.filter((h) => h.result === 'succeeded').length;
  const what = config.compose
    ? ` \`${config.compose.image}\``
    : config.release
      ? ` from \`${config.release.sourceInput}\``
      : '';
  const head =
    ok === result.hosts.length
      ? `### ${statusIcon('success')} deploy-ssh: release \`${result.releaseId}\`${what} is live on ${ok} host${ok === 1 ? '' : 's'}`
      : `### ${statusIcon('failure')} deploy-ssh: release \`${result.releaseId}\`${what} failed on ${result.hosts.length - ok} of ${result.hosts.length} hosts`;
  const table = markdownTable(
    ['Host', 'Result', 'Duration', 'Release', 'Previous'],
    result.hosts.map((h) => [
      h.host,
      resultCell(h),
      formatDuration(h.durationMs),
      h.result === 'succeeded' ? h.releaseId : '—',
      h.previousReleaseId,
    ]),
  );
  const parts = [
    head,
    '',
    `Strategy \`${config.strategy}\` · app-dir \`${config.appDir}\` · ${formatDuration(result.durationMs)}`,
    '',
    table,
  ];
  const failed = result.hosts.filter((h) => h.result === 'failed');
  if (failed.length > 0) {
    parts.push(
      '',
      details('Errors', failed.map((h) => `${h.host} (${h.phase ?? '?'}):\n${h.error ?? ''}`).join('\n\n')),
    );
  }
  return `${parts.join('\n')}\n`;
}

export function dryRunSummary(config: DeployConfig, releaseId: string, planText: string): string {
  return [
    `### ${statusIcon('skipped')} deploy-ssh (dry run): release \`${releaseId}\` to ${config.ssh.hosts.length} host(s) — nothing was changed`,
    '',
    details('Plan', planText),
    '',
  ].join('\n');
}
