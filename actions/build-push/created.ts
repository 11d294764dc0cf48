// The time the OCI `created` label records. Not the clock: a label that changes on every build
// makes every build a new image digest. Like SOURCE_DATE_EPOCH (reproducible-builds.org), it is the
// commit's time, so the same commit builds to the same digest (the layers come from the cache).
import { execFileSync } from 'node:child_process';
import type { Env } from './git-context.js';

export interface CreatedTime {
  date: Date;
  /** Where it came from, for the log. */
  source: string;
}

/**
 * In order: SOURCE_DATE_EPOCH when the job sets it; the commit time of `sha` in the workspace's
 * checkout; a push event's head commit timestamp; else the build time (said in the log).
 */
export function createdTime(
  env: Env,
  payload: unknown,
  sha: string,
  workspace: string,
  now: () => Date = () => new Date(),
): CreatedTime {
  const epoch = env['SOURCE_DATE_EPOCH']?.trim();
  if (epoch && /^\d{1,12}$/.test(epoch)) {
    return { date: new Date(Number(epoch) * 1000), source: `SOURCE_DATE_EPOCH (${epoch})` };
  }
  const fromGit = sha ? gitCommitTime(workspace, sha) : undefined;
  if (fromGit) return { date: fromGit, source: `the commit time of ${sha.slice(0, 7)}` };
  const fromEvent = headCommitTime(payload, sha);
  if (fromEvent) return { date: fromEvent, source: `the commit time of ${sha.slice(0, 7)} (event payload)` };
  return {
    date: now(),
    source:
      'the build time: the commit is not checked out here and SOURCE_DATE_EPOCH is not set, so every build gets a new digest',
  };
}

/** The committer time of `sha` in the checkout at `dir`, or undefined (no git, no repository, no such commit). */
export function gitCommitTime(dir: string, sha: string): Date | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  try {
    const out = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%ct', sha, '--'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    return /^\d+$/.test(out) ? new Date(Number(out) * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** A push event's `head_commit.timestamp` when it is the commit being built. Pure. */
export function headCommitTime(payload: unknown, sha: string): Date | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const head = (payload as { head_commit?: { id?: unknown; timestamp?: unknown } }).head_commit;
  if (!head || head.id !== sha || typeof head.timestamp !== 'string') return undefined;
  const date = new Date(head.timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
