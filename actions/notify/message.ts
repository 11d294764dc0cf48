// What a notification says, independent of where it goes: the title, the lines under it, the facts
// (name → value) and the template's field values — all from the job status, the stage reports and
// the run's own context, never typed by hand. A pure function: the renderers turn it into payloads.
import { formatDuration } from '../../lib/duration.js';
import type { JobStatus } from './inputs.js';
import type { PipelineReports, SmokeFacts } from './reports.js';
import type { FieldValues, Template } from './template.js';

/** The run, from the variables the runner sets. */
export interface RunContext {
  repository?: string;
  ref?: string;
  sha?: string;
  actor?: string;
  workflow?: string;
  runUrl?: string;
  commitUrl?: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const repo = env['GITHUB_REPOSITORY'] || undefined;
  const runId = env['GITHUB_RUN_ID'];
  const attempt = env['GITHUB_RUN_ATTEMPT'];
  const sha = env['GITHUB_SHA'] || undefined;
  return {
    repository: repo,
    ref: env['GITHUB_REF_NAME'] || undefined,
    sha,
    actor: env['GITHUB_TRIGGERING_ACTOR'] || env['GITHUB_ACTOR'] || undefined,
    workflow: env['GITHUB_WORKFLOW'] || undefined,
    runUrl:
      repo && runId
        ? `${server}/${repo}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
        : undefined,
    commitUrl: repo && sha ? `${server}/${repo}/commit/${sha}` : undefined,
  };
}

export interface Fact {
  name: string;
  value: string;
}

export interface Message {
  status: JobStatus;
  /** ✅ ❌ ⚪ ⏭️ */
  icon: string;
  /** One line: what happened to what, where. */
  title: string;
  /** Lines under the title: why it failed, what the rollback did. Empty on a plain success. */
  lines: string[];
  facts: Fact[];
  run: RunContext;
  values: FieldValues;
  template?: Template;
  /** The stage reports as given, for the generic webhook's payload. */
  reports: PipelineReports;
}

const ICON: Record<JobStatus, string> = { success: '✅', failure: '❌', cancelled: '⚪', skipped: '⏭️' };

export interface MessageInput {
  status: JobStatus;
  environment?: string;
  image?: string;
  reports: PipelineReports;
  template?: Template;
  run: RunContext;
}

export function buildMessage(input: MessageInput): Message {
  const { status, environment, reports, run } = input;
  const { deploy, smokeTest, rollback, migrate } = reports;
  const image = input.image ?? deploy?.image;
  const rolledBackTo = rollback?.to ?? deploy?.autoRollback?.deploymentId;
  const outcome =
    status === 'success'
      ? 'deployed'
      : status === 'failure'
        ? rolledBackTo
          ? 'rolled back'
          : 'failed'
        : status;

  const repo = run.repository ? `${run.repository}: ` : '';
  const where = environment ? ` to ${environment}` : '';
  let title: string;
  if (deploy?.releaseId) {
    const what = `release ${deploy.releaseId}`;
    title =
      status === 'success'
        ? `${repo}${what} deployed${where}`
        : status === 'failure'
          ? `${repo}deploy of ${what}${where} failed${rolledBackTo ? ` — rolled back to ${rolledBackTo}` : ''}`
          : `${repo}deploy of ${what}${where} was ${status}`;
  } else {
    const what = run.workflow ?? 'deploy';
    const word = {
      success: 'succeeded',
      failure: 'failed',
      cancelled: 'was cancelled',
      skipped: 'was skipped',
    }[status];
    title = `${repo}${what} ${word}${environment ? ` (${environment})` : ''}${status === 'failure' && rolledBackTo ? ` — rolled back to ${rolledBackTo}` : ''}`;
  }

  const smokeText = smokeTest ? describeSmoke(smokeTest) : '';
  const failedChecks = (smokeTest?.failed ?? []).map(
    (c) =>
      `${c.name} (${c.status === null ? 'no response' : `HTTP ${c.status}`}): ${oneLine(c.error ?? 'failed')}`,
  );
  const migrationsText = migrate
    ? migrate.failedMigration || migrate.outcome === 'failure'
      ? `failed${migrate.failedMigration ? ` at ${migrate.failedMigration}` : ''}`
      : migrate.applied.length > 0
        ? `${migrate.applied.length} applied (${migrate.applied.join(', ')})`
        : (migrate.outcome ?? '')
    : '';
  const rollbackDuration = rollback?.durationMs !== undefined ? formatDuration(rollback.durationMs) : '';
  const rollbackText = rollback?.to
    ? `rolled back to ${rollback.to}${rollback.from ? ` from ${rollback.from}` : ''}${rollbackDuration ? ` in ${rollbackDuration}` : ''}${rollback.migrationsReverted.length > 0 ? `; migrations reverted: ${rollback.migrationsReverted.join(', ')}` : ''}`
    : deploy?.autoRollback
      ? `Koyeb rolled back automatically (deployment ${deploy.autoRollback.deploymentId ?? '?'}${deploy.autoRollback.status ? `: ${deploy.autoRollback.status}` : ''})`
      : '';

  const lines: string[] = [];
  if (deploy && deploy.hostsFailed.length > 0) {
    for (const h of deploy.hostsFailed) {
      lines.push(
        `Host ${h.host} ${h.result}${h.phase ? ` (${h.phase})` : ''}${h.error ? `: ${oneLine(h.error)}` : ''}`,
      );
    }
  }
  if (deploy?.koyebStatus && deploy.koyebStatus !== 'HEALTHY' && status !== 'success') {
    lines.push(`Koyeb deployment ${deploy.releaseId ?? ''} ended ${deploy.koyebStatus}`.replace('  ', ' '));
  }
  if (migrate && migrationsText.startsWith('failed')) lines.push(`Migration ${migrationsText}`);
  if (smokeTest && !smokeTest.passed) {
    lines.push(`Smoke test ${smokeText}:`, ...failedChecks.map((c) => `• ${c}`));
  }
  if (rollbackText) lines.push(capitalize(rollbackText));

  const hostsOk = deploy?.hostsSucceeded ?? [];
  const hostsBad = deploy?.hostsFailed.map((h) => h.host) ?? [];
  const facts: Fact[] = [
    { name: 'Environment', value: environment ?? '' },
    { name: deploy?.strategy === 'koyeb' ? 'Deployment' : 'Release', value: deploy?.releaseId ?? '' },
    { name: 'Previous', value: deploy?.previousReleaseId ?? '' },
    { name: 'Image', value: image ?? '' },
    { name: 'Previous image', value: deploy?.previousImage ?? '' },
    {
      name: 'Hosts',
      value: [
        hostsOk.length > 0 ? `${hostsOk.length} live: ${hostsOk.join(', ')}` : '',
        hostsBad.length > 0 ? `${hostsBad.length} failed: ${hostsBad.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    },
    { name: 'Service URL', value: deploy?.serviceUrl ?? '' },
    { name: 'Migrations', value: migrationsText },
    { name: 'Smoke test', value: smokeText },
    { name: 'Rollback', value: rollbackText },
    { name: 'Commit', value: run.sha ? `${run.sha.slice(0, 7)}${run.ref ? ` (${run.ref})` : ''}` : '' },
    { name: 'Actor', value: run.actor ?? '' },
  ].filter((f) => f.value !== '');

  const values: FieldValues = {
    title,
    status,
    outcome,
    environment: environment ?? '',
    repository: run.repository ?? '',
    ref: run.ref ?? '',
    commit: run.sha ?? '',
    commit_short: run.sha?.slice(0, 7) ?? '',
    commit_url: run.commitUrl ?? '',
    actor: run.actor ?? '',
    workflow: run.workflow ?? '',
    run_url: run.runUrl ?? '',
    release: deploy?.releaseId ?? '',
    previous_release: deploy?.previousReleaseId ?? '',
    image: image ?? '',
    previous_image: deploy?.previousImage ?? '',
    hosts_succeeded: hostsOk.join(', '),
    hosts_failed: hostsBad.join(', '),
    smoke_test: smokeText,
    failed_checks: failedChecks.join('; '),
    migrations: migrationsText,
    rollback: rollbackText,
    rolled_back_to: rolledBackTo ?? '',
    rollback_duration: rollbackDuration,
  };

  return {
    status,
    icon: ICON[status],
    title,
    lines,
    facts,
    run,
    values,
    ...(input.template ? { template: input.template } : {}),
    reports,
  };
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 300 ? `${t.slice(0, 299)}…` : t;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `passed (3 checks in 1.2s, watched 5m: 30 rounds)`, `failed: 1 of 3 checks`, or, when it broke
 * after go-live, `failed during the watch, 2m10s after go-live: 1 of 3 checks (12 of 15 rounds passed)`.
 */
function describeSmoke(smoke: SmokeFacts): string {
  const checks = `${smoke.total} check${smoke.total === 1 ? '' : 's'}`;
  const w = smoke.watch;
  const rounds =
    w?.passedRounds !== undefined && w.rounds !== undefined
      ? `${w.passedRounds} of ${w.rounds} round${w.rounds === 1 ? '' : 's'} passed`
      : '';
  if (smoke.passed) {
    const watched =
      w?.watchMs !== undefined
        ? `, watched ${formatDuration(w.watchMs)}${w.rounds !== undefined ? `: ${w.rounds} rounds` : ''}`
        : '';
    return `passed (${checks}${smoke.elapsedMs !== undefined ? ` in ${formatDuration(smoke.elapsedMs)}` : ''}${watched})`;
  }
  const failed = `${smoke.failed.length} of ${checks}`;
  if (w?.outcome === 'failed') {
    const since = w.failingSinceMs ?? w.failedAtMs;
    return `failed during the watch${since !== undefined ? `, ${formatDuration(since)} after go-live` : ''}: ${failed}${rounds ? ` (${rounds})` : ''}`;
  }
  if (w?.outcome === 'cancelled')
    return `passed, then its watch was cancelled${rounds ? ` (${rounds})` : ''}`;
  return `failed: ${failed}`;
}
