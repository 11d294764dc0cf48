// What a person reads after a rollback (the job summary) and what later steps read (the outputs).
import { servicesJson, stackStatusLines } from '../../lib/deploy/swarm-report.js';
import type { StackStatus } from '../../lib/deploy/swarm.js';
import { formatDuration } from '../../lib/duration.js';
import { cell, details, markdownTable, statusIcon } from '../../lib/summary.js';
import { imageOf } from './choose-koyeb.js';
import type { RollbackConfig } from './inputs.js';
import type { MigrateDownResult } from './migrate-down.js';
import type { KoyebRollbackResult } from './rollback-koyeb.js';
import type { HostOutcome, SshRollbackResult } from './rollback-ssh.js';

export interface RollbackOutputs {
  'rolled-back-from': string;
  'rolled-back-to': string;
  'duration-ms': string;
  'migrations-reverted': string;
  services: string;
}

/** What the summary says about the GitHub deployments. */
export interface GithubNote {
  enabled: boolean;
  environment: string | undefined;
  bad: number | undefined;
  restored: number | undefined;
}

export function sshOutputs(
  result: SshRollbackResult | undefined,
  durationMs: number,
  migrate: MigrateDownResult | undefined,
): RollbackOutputs {
  const to = result?.decision?.to;
  return {
    'rolled-back-from': result?.decision?.from.join(',') ?? '',
    'rolled-back-to': to ? (to.id ?? to.image ?? '') : '',
    'duration-ms': String(Math.round(durationMs)),
    'migrations-reverted': migrateOutput(migrate),
    services: stackOf(result) ? servicesJson(stackOf(result)) : '',
  };
}

export function koyebOutputs(
  result: KoyebRollbackResult | undefined,
  durationMs: number,
  migrate: MigrateDownResult | undefined,
): RollbackOutputs {
  return {
    'rolled-back-from': result?.choice.active.id ?? '',
    'rolled-back-to': result?.choice.target.id ?? '',
    'duration-ms': String(Math.round(durationMs)),
    'migrations-reverted': migrateOutput(migrate),
    services: '',
  };
}

/** target swarm: the stack as the rollback last read it. */
function stackOf(result: SshRollbackResult | undefined): StackStatus | undefined {
  return result?.hosts.find((h) => h.stack)?.stack;
}

function migrateOutput(m: MigrateDownResult | undefined): string {
  return m?.reverted === undefined ? '' : JSON.stringify(m.reverted);
}

function resultCell(h: HostOutcome): string {
  switch (h.result) {
    case 'rolled-back':
      return `${statusIcon('success')} rolled back`;
    case 'unchanged':
      return `${statusIcon('skipped')} already on it`;
    case 'cancelled':
      return `${statusIcon('skipped')} cancelled${h.phase ? ` (${h.phase})` : ''}`;
    case 'failed':
      return `${statusIcon('failure')} failed${h.phase ? ` (${h.phase})` : ''}${h.restored === true ? ', restored' : h.restored === false ? ', NOT restored' : ''}`;
  }
}

function githubLine(g: GithubNote): string | undefined {
  if (!g.enabled) return undefined;
  const parts: string[] = [];
  if (g.bad !== undefined) parts.push(`deployment ${g.bad} marked \`failure\``);
  if (g.restored !== undefined) parts.push(`deployment ${g.restored} records the restored release`);
  return parts.length ? `GitHub environment \`${g.environment ?? ''}\`: ${parts.join('; ')}.` : undefined;
}

export function migrateLines(m: MigrateDownResult | undefined): string[] {
  if (!m) return [];
  if (m.mode === 'nothing') return ['migrate-down: the failed release applied no migration.'];
  if (m.mode === 'manual') {
    return [
      `${statusIcon('warning')} migrate-down: **${m.tool} has no down migrations — the schema was not rolled back** ` +
        `(${m.applied.map((a) => `\`${a}\``).join(', ')} still applied).` +
        (m.backupPath ? ` Restore the backup \`${m.backupPath}\` by hand.` : ''),
    ];
  }
  if (m.error) {
    return [`${statusIcon('failure')} migrate-down (${m.tool}) failed: ${cell(m.error)}`];
  }
  return [
    `${statusIcon('success')} migrate-down (${m.tool}): reverted ${(m.reverted ?? []).map((a) => `\`${a}\``).join(', ') || 'none'}.`,
  ];
}

export function sshSummary(
  config: RollbackConfig,
  result: SshRollbackResult,
  error: string | undefined,
  extra: { github: GithubNote; migrate: MigrateDownResult | undefined; durationMs: number },
): string {
  const ssh = config.ssh;
  const to = result.decision?.to;
  const toText = to ? `\`${to.id ?? to.image ?? '?'}\`` : 'nothing';
  const fromText = result.decision?.from.length
    ? result.decision.from.map((f) => `\`${f}\``).join(', ')
    : '—';
  const rolled = result.hosts.filter((h) => h.result === 'rolled-back').length;
  const head = error
    ? `### ${statusIcon('failure')} rollback: ${to ? `${fromText} → ${toText}` : 'refused'} — ${result.decision ? 'failed' : 'nothing was changed'}`
    : rolled === 0
      ? `### ${statusIcon('skipped')} rollback: nothing to do — ${config.onlyFrom ? `no host runs \`${config.onlyFrom}\`` : `every host already runs ${toText}`}`
      : `### ${statusIcon('success')} rollback: ${fromText} → ${toText} on ${rolled} host${rolled === 1 ? '' : 's'}`;
  const parts = [
    head,
    '',
    `Strategy \`${ssh?.strategy ?? '?'}\` · app-dir \`${ssh?.appDir ?? '?'}\` · to: \`${config.to.kind === 'previous' ? 'previous' : config.to.value}\`` +
      `${
        to?.images
          ? ` · images ${Object.entries(to.images)
              .map(([v, ref]) => `\`${v}=${ref}\``)
              .join(', ')}`
          : to?.image && to.image !== to.id
            ? ` · image \`${to.image}\``
            : ''
      }${to?.source === 'github' ? ' · found in the GitHub deployments' : ''} · ${formatDuration(extra.durationMs)}`,
    '',
    `Reason: ${cell(config.reason)}`,
    '',
    markdownTable(
      ['Host', 'Result', 'From', 'To', 'Duration'],
      result.hosts.map((h) => [h.host, resultCell(h), h.from, h.to, formatDuration(h.durationMs)]),
    ),
  ];
  const stack = stackOf(result);
  if (stack) parts.push('', ...stackStatusLines(stack));
  const notes = result.hosts.flatMap((h) => h.notes.map((n) => `- ${h.host}: ${n}`));
  if (notes.length) parts.push('', ...notes);
  const gh = githubLine(extra.github);
  const more = [gh, ...migrateLines(extra.migrate)].filter((x): x is string => x !== undefined);
  if (more.length) parts.push('', ...more);
  if (error) parts.push('', details('Error', error));
  return `${parts.join('\n')}\n`;
}

export function koyebSummary(
  config: RollbackConfig,
  result: KoyebRollbackResult | undefined,
  error: string | undefined,
  extra: { github: GithubNote; migrate: MigrateDownResult | undefined; durationMs: number },
): string {
  if (!result) {
    return `### ${statusIcon('failure')} rollback (Koyeb): nothing was changed\n\n${details('Error', error ?? '')}\n`;
  }
  const { active, target } = result.choice;
  const ok = !error;
  const head =
    result.outcome === 'unchanged'
      ? `### ${statusIcon('skipped')} rollback (Koyeb): nothing to do — ${target.id === active.id ? `the active deployment is not \`${config.onlyFrom ?? '?'}\`` : `the service already runs the definition of \`${target.id}\``}`
      : result.outcome === 'dry-run'
        ? `### ${statusIcon('skipped')} rollback (Koyeb, dry run): would go back to \`${target.id}\` — nothing was changed`
        : `### ${statusIcon(ok ? 'success' : 'failure')} rollback (Koyeb): ${result.serviceName} ${ok ? 'is back on' : 'could not go back to'} \`${imageOf(target) ?? target.id}\``;
  const rows: [string, string][] = [
    ['Service', `${result.serviceName} (\`${result.serviceId}\`)`],
    ['Rolled back from', `\`${active.id}\` ${imageOf(active) ?? ''}`],
    ['Definition of', `\`${target.id}\` ${imageOf(target) ?? ''}`],
    ['New deployment', result.deploymentId ? `\`${result.deploymentId}\` — ${result.status ?? '?'}` : '—'],
    ['Reason', config.reason],
    ['Duration', formatDuration(extra.durationMs)],
  ];
  const parts = [head, '', markdownTable(['', ''], rows)];
  if (result.timeline.length) {
    parts.push(
      '',
      details(
        'Status timeline',
        result.timeline
          .map(
            (t) =>
              `+${formatDuration(t.elapsedMs)} ${t.status}${t.messages.length ? ` — ${t.messages.join(' ')}` : ''}`,
          )
          .join('\n'),
      ),
    );
  }
  const more = [githubLine(extra.github), ...migrateLines(extra.migrate)].filter(
    (x): x is string => x !== undefined,
  );
  if (more.length) parts.push('', ...more);
  if (error) parts.push('', details('Error', error));
  return `${parts.join('\n')}\n`;
}

export function dryRunSummary(title: string, planText: string): string {
  return [
    `### ${statusIcon('skipped')} rollback (dry run): ${title} — nothing was changed`,
    '',
    details('Plan', planText),
    '',
  ].join('\n');
}
