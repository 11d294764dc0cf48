// What a migrate run tells the workflow (outputs) and the person reading the job (summary).
import { formatDuration } from '../../lib/duration.js';
import { markdownTable, statusIcon } from '../../lib/summary.js';
import { formatBytes } from './backup.js';
import type { MigrateReport } from './migrate.js';

/**
 * The step's outputs. Lists are JSON arrays (`["0001_init","0002_orders"]`, usable with
 * fromJSON); a list the tool does not report is '' rather than a guessed `[]`.
 */
export function migrateOutputs(r: MigrateReport): Record<string, string> {
  const list = (ids: readonly string[] | undefined): string => (ids === undefined ? '' : JSON.stringify(ids));
  return {
    outcome: r.outcome,
    applied: r.direction === 'up' ? list(r.applied) : '[]',
    'applied-count':
      r.direction === 'up' && r.applied !== undefined
        ? String(r.applied.length)
        : r.direction === 'up'
          ? ''
          : '0',
    reverted: r.direction === 'down' ? list(r.applied) : '[]',
    'pending-before': list(r.pendingBefore),
    current: r.current ?? '',
    'backup-path': r.backup.state === 'taken' ? (r.backup.result?.path ?? '') : '',
    'backup-size': r.backup.state === 'taken' ? String(r.backup.result?.sizeBytes ?? '') : '',
    'backup-local-path': r.backup.state === 'taken' ? (r.backup.result?.localPath ?? '') : '',
    'backup-artifact-id':
      r.backup.state === 'taken' && r.backup.result?.artifact ? String(r.backup.result.artifact.id) : '',
    'backup-artifact-name': r.backup.state === 'taken' ? (r.backup.result?.artifact?.name ?? '') : '',
    'failed-migration': r.failedMigration ?? '',
  };
}

const OUTCOME_TEXT: Record<MigrateReport['outcome'], string> = {
  success: 'migrated',
  'up-to-date': 'already up to date',
  'dry-run': 'dry-run: nothing applied',
  failure: 'failed',
};

/** The job summary: one table a person reads at a glance, then the migrations, then what to do on failure. */
export function migrateSummary(r: MigrateReport): string {
  const icon =
    r.outcome === 'failure'
      ? statusIcon('failure')
      : r.outcome === 'dry-run'
        ? statusIcon('skipped')
        : statusIcon('success');
  const verb = r.direction === 'up' ? 'Applied' : 'Reverted';
  const ids = (x: readonly string[] | undefined): string =>
    x === undefined ? 'not reported by the tool' : x.length === 0 ? 'none' : `${x.length}: ${x.join(', ')}`;
  const lock = r.lock.taken
    ? `held${r.lock.waitedMs !== undefined && r.lock.waitedMs >= 1000 ? ` (waited ${formatDuration(r.lock.waitedMs)}${r.lock.waitedFor ? ` for ${r.lock.waitedFor}` : ''})` : ''}`
    : `not taken${r.lock.note ? ` (${r.lock.note})` : ''}`;
  const rows: [string, string][] = [
    ['Result', `${icon} ${OUTCOME_TEXT[r.outcome]}`],
    ['Tool', `${r.tool} (${r.direction}) on ${r.where}`],
    ['Database', r.database ?? '—'],
    ['Migration lock', lock],
    ['Backup', backupText(r)],
    ['Pending before', ids(r.pendingBefore)],
    [
      r.dryRun ? `Would ${r.direction === 'up' ? 'apply' : 'revert'}` : verb,
      r.dryRun ? ids(r.steps.map((s) => s.id)) : ids(r.applied),
    ],
    ['Current', r.current === undefined ? 'not reported' : r.current || '(none)'],
    ['Duration', formatDuration(r.durationMs)],
  ];
  const parts = [`### ${icon} Database migration (${r.tool})`, '', markdownTable(['Item', 'Detail'], rows)];
  if (r.steps.length > 0 && !r.dryRun) {
    parts.push(
      '',
      markdownTable(
        ['Migration', 'Status', 'Time'],
        r.steps.map((s) => [
          `\`${s.id}\``,
          `${s.status === 'failed' ? statusIcon('failure') : s.status === 'pending' || s.status === 'to revert' ? statusIcon('skipped') : statusIcon('success')} ${s.status === 'pending' ? 'not run' : s.status}`,
          s.durationMs === undefined ? '' : formatDuration(s.durationMs),
        ]),
      ),
    );
  }
  if (r.outcome === 'failure') {
    const lines = [''];
    if (r.failedMigration) lines.push(`**Failed migration:** \`${r.failedMigration}\``);
    if (r.error) lines.push('', '```', r.error.slice(0, 2000), '```');
    if (r.backup.state === 'taken' && r.backup.result) {
      lines.push(
        '',
        `**Backup taken before migrating:** \`${r.backup.result.path}\` on the ${r.where === 'runner' ? 'runner' : `server ${r.where}`}. ` +
          'To restore it into the database: `pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" <file>`.',
      );
    }
    parts.push(...lines);
  }
  return `${parts.join('\n')}\n`;
}

function backupText(r: MigrateReport): string {
  switch (r.backup.state) {
    case 'off':
      return 'off (backup: false)';
    case 'skipped':
      return `not taken${r.backup.note ? ` (${r.backup.note})` : ''}`;
    case 'failed':
      return `${statusIcon('failure')} failed: ${r.backup.note ?? ''}`;
    case 'taken': {
      const b = r.backup.result;
      if (!b) return 'taken';
      const copies = [
        b.localPath && b.localPath !== b.path ? `runner copy \`${b.localPath}\`` : '',
        b.artifact ? `artifact \`${b.artifact.name}\` (id ${b.artifact.id})` : '',
      ].filter(Boolean);
      return `\`${b.path}\` (${formatBytes(b.sizeBytes)}, ${formatDuration(b.durationMs)})${copies.length > 0 ? `; ${copies.join(', ')}` : ''}`;
    }
  }
}
