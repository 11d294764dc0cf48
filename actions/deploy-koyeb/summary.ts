// The job summary of deploy-koyeb, as a pure function of the report.
import { formatDuration } from '../../lib/duration.js';
import { statusMeaning, type TimelineEntry } from '../../lib/koyeb/status.js';
import { markdownTable, statusIcon } from '../../lib/summary.js';
import { type DeployReport, failureMessage, rollbackSentence } from './deploy.js';

const code = (s: string | undefined): string | undefined => (s ? `\`${s}\`` : undefined);

export function renderSummary(report: DeployReport): string {
  const name = report.service.name ?? report.service.id;
  const failed = failureMessage(report) !== undefined;
  const title: Record<DeployReport['outcome'], string> = {
    healthy: `${statusIcon('success')} Koyeb: ${name} deployed`,
    'not-waited': `${statusIcon('warning')} Koyeb: ${name} deployment started (not waited for)`,
    'dry-run': `${statusIcon('skipped')} Koyeb: ${name} dry run — nothing deployed`,
    failed: `${statusIcon('failure')} Koyeb: ${name} deployment failed`,
    timeout: `${statusIcon('failure')} Koyeb: ${name} deployment timed out`,
    'watch-error': `${statusIcon('failure')} Koyeb: ${name} deployment could not be followed`,
  };
  const rows: [string, string | undefined][] = [
    ['Service', `${code(name)} (${code(report.service.id)})`],
    [
      'Image',
      report.plan.previousImage && report.plan.previousImage !== report.plan.image
        ? `${code(report.plan.image)} (was ${code(report.plan.previousImage)})`
        : code(report.plan.image),
    ],
    [
      'Deployment',
      report.deploymentId ? `${code(report.deploymentId)} — ${report.status ?? '?'}` : undefined,
    ],
    ['Previous deployment', code(report.previousDeploymentId)],
    ['Service URL', report.serviceUrl],
  ];
  const env = report.plan.changes.filter((c) => c.startsWith('env: ')).map((c) => c.slice(5));
  if (env.length) rows.push(['Environment', env.join('<br>')]);
  if (report.rollback) {
    const r = report.rollback;
    const icon =
      r.outcome === 'healthy'
        ? statusIcon('success')
        : r.outcome === 'skipped'
          ? statusIcon('skipped')
          : statusIcon('failure');
    rows.push(['Rollback', `${icon} ${rollbackSentence(r)}`]);
  }

  const parts = [
    `## ${title[report.outcome]}`,
    '',
    markdownTable(
      ['What', 'Details'],
      rows.filter(([, v]) => v !== undefined),
    ),
  ];
  if (failed) parts.push('', `> ${failureMessage(report)?.split('\n').join('\n> ')}`);
  const timeline = [...report.timeline, ...(report.rollback?.timeline ?? [])];
  if (timeline.length) {
    parts.push('', '### Status timeline', '', timelineTable(timeline, report.rollback?.deploymentId));
  }
  if (report.previousDeploymentId && report.outcome !== 'dry-run') {
    parts.push(
      '',
      `To restore the previous version later, pass \`previous-koyeb-deployment-id\` (\`${report.previousDeploymentId}\`) to \`actions/rollback\` with \`target: koyeb\`.`,
    );
  }
  return `${parts.join('\n')}\n`;
}

function timelineTable(entries: readonly TimelineEntry[], rollbackId: string | undefined): string {
  return markdownTable(
    ['Deployment', 'Status', 'Elapsed', 'Messages'],
    entries.map((e) => [
      `${code(e.deploymentId)}${e.deploymentId === rollbackId ? ' (rollback)' : ''}`,
      `${icon(e.status)} ${e.status}`,
      `+${formatDuration(e.elapsedMs)}`,
      e.messages.join('\n'),
    ]),
  );
}

function icon(status: string): string {
  const { phase } = statusMeaning(status);
  return phase === 'healthy' ? statusIcon('success') : phase === 'pending' ? '⏳' : statusIcon('failure');
}

/** The summary of a deploy that stopped before it could follow a deployment. */
export function renderStoppedSummary(serviceLabel: string, message: string, maybeApplied: boolean): string {
  const after = maybeApplied
    ? 'The update may or may not have been applied: check the service in the Koyeb console.'
    : 'Nothing was changed on Koyeb.';
  return `## ${statusIcon('failure')} Koyeb: ${serviceLabel} not deployed\n\n> ${message.split('\n').join('\n> ')}\n\n${after}\n`;
}
