// What a person reads after a deploy: the outputs, the job summary table, the failure message.
import { formatDuration } from '../../lib/duration.js';
import { composeBase } from '../../lib/deploy/compose.js';
import { formatImageLines } from '../../lib/deploy/image-lines.js';
import { details, markdownTable, statusIcon } from '../../lib/summary.js';
import { servicesJson as stackServicesJson, stackStatusLines } from '../../lib/deploy/swarm-report.js';
import type { DeployResult, HostReport } from './deploy.js';
import { colorCompose } from './strategy-blue-green.js';
import type { DeployConfig } from './inputs.js';

export interface DeployOutputs {
  'release-id': string;
  'previous-release-id': string;
  'previous-image': string;
  'previous-images': string;
  'hosts-succeeded': string;
  'hosts-failed': string;
  report: string;
  services: string;
  'compose-command': string;
}

/** The report output: a JSON document other steps (and the rollback stage) can read. */
export function reportJson(config: DeployConfig, result: DeployResult, dryRun = false): string {
  return JSON.stringify({
    strategy: result.strategy,
    releaseId: result.releaseId,
    previousReleaseId: result.previousReleaseId ?? null,
    previousImage: result.previousImage ?? null,
    ...(config.compose ? { previousImages: result.previousImages ?? {} } : {}),
    appDir: config.appDir,
    image: config.compose?.image,
    ...(config.compose ? { images: config.compose.images } : {}),
    dryRun,
    durationMs: result.durationMs,
    hosts: result.hosts.map((h) => ({
      host: h.host,
      result: h.result,
      durationMs: h.durationMs,
      releaseId: h.releaseId,
      previousReleaseId: h.previousReleaseId ?? null,
      ...(h.previousImage ? { previousImage: h.previousImage } : {}),
      ...(h.previousImages ? { previousImages: h.previousImages } : {}),
      ...(h.phase ? { phase: h.phase } : {}),
      ...(h.error ? { error: h.error } : {}),
      ...(h.pruned ? { pruned: h.pruned } : {}),
      ...(h.batch ? { batch: h.batch } : {}),
      ...(h.color ? { color: h.color } : {}),
      ...(h.outputs ? { outputs: h.outputs } : {}),
    })),
    ...(result.batches ? { batches: result.batches } : {}),
    ...(config.stack
      ? { stack: config.stack.name, services: JSON.parse(servicesJson(result)) as unknown }
      : {}),
  });
}

/** strategy stack: each service's replicas running/desired, image and update outcome, as JSON. */
export function servicesJson(result: DeployResult): string {
  return stackServicesJson(result.hosts.find((h) => h.stack)?.stack);
}

export function deployOutputs(config: DeployConfig, result: DeployResult, dryRun = false): DeployOutputs {
  return {
    'release-id': result.releaseId,
    'previous-release-id': result.previousReleaseId ?? '',
    'previous-image': result.previousImage ?? '',
    'previous-images': formatImageLines(result.previousImages),
    'hosts-succeeded': result.hosts
      .filter((h) => h.result === 'succeeded')
      .map((h) => h.host)
      .join(','),
    'hosts-failed': result.hosts
      .filter((h) => h.result !== 'succeeded')
      .map((h) => h.host)
      .join(','),
    report: reportJson(config, result, dryRun),
    services: servicesJson(result),
    'compose-command': liveComposeCommand(config, result),
  };
}

/**
 * strategy compose: the Compose command that reaches the release serving now, run from app-dir —
 * for `docker compose exec` in later steps (migrate's compose-command). zero-downtime: the live
 * color's project and env file (the new color when the deploy went live); else the command with the
 * deploy's compose files and env file. Empty for other strategies, and for zero-downtime when no host
 * went live.
 */
export function liveComposeCommand(config: DeployConfig, result: DeployResult): string {
  const c = config.compose;
  if (!c) return '';
  if (!c.blueGreen) return composeBase({ ...c.settings, appDir: config.appDir });
  const color = result.hosts.find((h) => h.result === 'succeeded' && h.color)?.color;
  return color ? colorCompose(c, c.blueGreen, color) : '';
}

function resultCell(h: HostReport): string {
  if (h.result === 'succeeded') return `${statusIcon('success')} deployed`;
  if (h.result === 'cancelled') return `${statusIcon('skipped')} cancelled`;
  if (h.result === 'rolled-back') return `${statusIcon('failure')} rolled back`;
  return `${statusIcon('failure')} failed${h.phase ? ` (${h.phase})` : ''}`;
}

/** The job summary: one row per host, then the errors. */
export function deploySummary(config: DeployConfig, result: DeployResult): string {
  const ok = result.hosts.filter((h) => h.result === 'succeeded').length;
  const many = config.compose ? Object.keys(config.compose.images).length > 1 : false;
  const what = config.compose
    ? many
      ? ` (${Object.keys(config.compose.images).length} images)`
      : ` \`${config.compose.image}\``
    : config.stack
      ? ` (stack \`${config.stack.name}\`)`
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
      h.result === 'succeeded' ? `${h.releaseId}${h.color ? ` (${h.color})` : ''}` : '—',
      h.previousReleaseId,
    ]),
  );
  const mode = config.compose?.blueGreen ? ' · zero-downtime (blue-green)' : '';
  const parts = [
    head,
    '',
    `Strategy \`${config.strategy}\`${mode} · app-dir \`${config.appDir}\` · ${formatDuration(result.durationMs)}`,
    '',
  ];
  if (result.batches) parts.push(...rolloutSection(result), '');
  if (config.compose) parts.push(...imagesSection(config, result), '');
  parts.push(table);
  const stack = result.hosts.find((h) => h.stack)?.stack;
  if (config.stack) parts.push('', ...stackSection(config, stack));
  const failed = result.hosts.filter((h) => h.result === 'failed');
  if (failed.length > 0) {
    parts.push(
      '',
      details('Errors', failed.map((h) => `${h.host} (${h.phase ?? '?'}):\n${h.error ?? ''}`).join('\n\n')),
    );
  }
  return `${parts.join('\n')}\n`;
}

/** strategy compose: every image this deploy sets, beside the one it replaces (several images: a table). */
function imagesSection(config: DeployConfig, result: DeployResult): string[] {
  const c = config.compose;
  if (!c || Object.keys(c.images).length < 2) return [];
  return [
    markdownTable(
      ['Variable', 'Image', 'Previous'],
      Object.entries(c.images).map(([v, ref]) => [
        v,
        `\`${ref}\``,
        result.previousImages?.[v] ? `\`${result.previousImages[v]}\`` : '—',
      ]),
    ),
  ];
}

/** strategy stack: one row per service, then the update settings we filled in. */
function stackSection(config: DeployConfig, stack: HostReport['stack']): string[] {
  const s = config.stack;
  if (!s) return [];
  const out: string[] = [];
  if (stack) out.push(...stackStatusLines(stack));
  if (s.rendered.defaults.length > 0) {
    out.push(
      '',
      details('Update settings filled in (the stack file did not set them)', s.rendered.defaults.join('\n')),
    );
  }
  return out;
}

const BATCH_ICON: Record<string, string> = {
  deployed: statusIcon('success'),
  failed: statusIcon('failure'),
  'rolled back': statusIcon('failure'),
  'not started': statusIcon('skipped'),
};

/** Rolling deploy: one line saying how far it got, then one row per batch. */
function rolloutSection(result: DeployResult): string[] {
  const batches = result.batches ?? [];
  const failed = batches.find((b) => b.result === 'failed');
  const rolledBack = result.hosts.filter((h) => h.result === 'rolled-back').map((h) => h.host);
  const line = failed
    ? `**Rolling deploy stopped at batch ${failed.batch} of ${batches.length}**` +
      (rolledBack.length > 0 ? `; rolled back: ${rolledBack.join(', ')}` : '; no earlier host to roll back') +
      `; not started: ${
        batches
          .filter((b) => b.result === 'not started')
          .flatMap((b) => b.hosts)
          .join(', ') || 'none'
      }.`
    : `Rolling deploy: ${batches.length} batches, the first host alone as the canary.`;
  const table = markdownTable(
    ['Batch', 'Hosts', 'Result'],
    batches.map((b) => [
      `${b.batch}${b.batch === 1 ? ' (canary)' : ''}`,
      b.hosts.join(', '),
      `${BATCH_ICON[b.result] ?? ''} ${b.result}`,
    ]),
  );
  return [line, '', table];
}

export function dryRunSummary(config: DeployConfig, releaseId: string, planText: string): string {
  return [
    `### ${statusIcon('skipped')} deploy-ssh (dry run): release \`${releaseId}\` to ${config.ssh.hosts.length} host(s) — nothing was changed`,
    '',
    details('Plan', planText),
    '',
  ].join('\n');
}
