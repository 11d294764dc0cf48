import { readFileSync } from 'node:fs';

/**
 * What the tags and labels are computed from: the workflow run's git facts, read from the
 * runner's GITHUB_* variables and the event payload. A plain value, so tag rules are pure
 * functions of it.
 */
export interface GitContext {
  /** `push`, `pull_request`, `workflow_dispatch`, … */
  eventName: string;
  /** `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/42/merge`. */
  ref: string;
  /** The commit the image is built from: for a pull request its head commit, not the merge commit. */
  sha: string;
  /** `owner/name`. */
  repository: string;
  /** `https://github.com`. */
  serverUrl: string;
  /** The repository's default branch, when known (event payload or the `default-branch` input). */
  defaultBranch: string | undefined;
  /** The pull request number for pull_request events. */
  prNumber: number | undefined;
  /** From the event payload, for the OCI labels; undefined when the payload has none. */
  description: string | undefined;
  license: string | undefined;
}

export type Env = Record<string, string | undefined>;

/** Builds the context from the runner's variables and the parsed event payload (pure). */
export function gitContextFromEnv(env: Env, payload: unknown, defaultBranchOverride?: string): GitContext {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const ref = env['GITHUB_REF'] ?? '';
  const isPr = isPullRequestEvent(eventName);
  const prHeadSha = isPr ? str(payload, 'pull_request', 'head', 'sha') : undefined;
  const spdx = str(payload, 'repository', 'license', 'spdx_id');
  return {
    eventName,
    ref,
    sha: prHeadSha ?? env['GITHUB_SHA'] ?? '',
    repository: env['GITHUB_REPOSITORY'] ?? '',
    serverUrl: (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, ''),
    defaultBranch: defaultBranchOverride || str(payload, 'repository', 'default_branch'),
    prNumber: isPr ? prNumber(payload, ref) : undefined,
    description: str(payload, 'repository', 'description') || undefined,
    license: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
  };
}

export function isPullRequestEvent(eventName: string): boolean {
  return eventName === 'pull_request' || eventName === 'pull_request_target';
}

/** The event payload at GITHUB_EVENT_PATH; `{}` when there is none or it cannot be read. */
export function readEventPayload(path: string | undefined): unknown {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return {};
  }
}

function prNumber(payload: unknown, ref: string): number | undefined {
  const n = num(payload, 'pull_request', 'number') ?? num(payload, 'number');
  if (n !== undefined) return n;
  const m = /^refs\/pull\/(\d+)\//.exec(ref);
  return m ? Number(m[1]) : undefined;
}

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function str(value: unknown, ...path: string[]): string | undefined {
  const v = at(value, path);
  return typeof v === 'string' ? v : undefined;
}

function num(value: unknown, ...path: string[]): number | undefined {
  const v = at(value, path);
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
