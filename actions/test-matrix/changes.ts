import { errorMessage } from '../../lib/errors.js';
import { retry } from '../../lib/retry.js';
import { type ChangeBase, short } from './base.js';
import { diffNames, fetchMissing, mergeBase } from './git.js';
import type { Changes } from './select.js';

/** The GitHub API lists at most this many files of a pull request. */
export const API_FILE_LIMIT = 3000;

export interface PullRequestApi {
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise Server, or a local fake in tests). */
  baseUrl: string;
  owner: string;
  repo: string;
}

export interface ChangeSourceOptions {
  /** A folder inside the git work tree (for the git commands). */
  cwd: string;
  /** Present when a token and repository are known: pull requests are listed through the API. */
  api?: PullRequestApi;
  /** Total time for the API calls, retries included (ms). */
  apiDeadlineMs?: number;
  info: (line: string) => void;
  warning: (line: string) => void;
}

/**
 * The files changed for a base that is not `all`:
 * - a pull request: the GitHub API (`GET /repos/{owner}/{repo}/pulls/{n}/files`, paginated) —
 *   it needs no git history, and it is what GitHub shows as the PR's files; when the API is not
 *   reachable, has no token, or the PR has 3000 files or more, git `base...head`;
 * - commits (push, merge queue): git `base head`, fetching the two commits from origin if the
 *   checkout is shallow.
 * When neither works the answer is `all`, with the reason: a test run is never skipped because
 * we could not tell what changed.
 */
export async function listChanges(
  base: Exclude<ChangeBase, { mode: 'all' }>,
  opts: ChangeSourceOptions,
): Promise<Changes> {
  if (base.mode === 'pull-request') {
    if (opts.api) {
      try {
        const files = await listPullRequestFiles(opts.api, base.number, opts.apiDeadlineMs ?? 60_000);
        if (files.length < API_FILE_LIMIT) {
          return { kind: 'files', files, description: `${base.reason} (GitHub API, ${count(files)})` };
        }
        opts.warning(
          `The GitHub API lists at most ${API_FILE_LIMIT} files of a pull request and #${base.number} has more; asking git instead.`,
        );
      } catch (error) {
        opts.warning(
          `Could not list the files of pull request #${base.number} through the GitHub API (${errorMessage(error)}); asking git instead.`,
        );
      }
    } else {
      opts.info('No github-token or repository: listing the pull request files with git.');
    }
    return fromGit(base, 'three-dot', opts);
  }
  return fromGit(base, 'two-dot', opts);
}

async function fromGit(
  base: Exclude<ChangeBase, { mode: 'all' }>,
  kind: 'two-dot' | 'three-dot',
  opts: ChangeSourceOptions,
): Promise<Changes> {
  const range = `${short(base.base)}${kind === 'two-dot' ? '..' : '...'}${short(base.head)}`;
  try {
    // Comparing two trees needs the two commits only; a merge base needs their history.
    const missing = await fetchMissing(opts.cwd, [base.base, base.head], kind === 'two-dot' ? 1 : undefined);
    if (missing.length > 0) {
      throw new Error(
        `commit ${missing.map(short).join(' and ')} is not in the checkout and could not be fetched from origin`,
      );
    }
    if (kind === 'three-dot' && !(await mergeBase(opts.cwd, base.base, base.head))) {
      throw new Error(`${short(base.base)} and ${short(base.head)} have no common ancestor in the checkout`);
    }
    const files = await diffNames(opts.cwd, base.base, base.head, kind);
    return { kind: 'files', files, description: `${base.reason} (git diff ${range}, ${count(files)})` };
  } catch (error) {
    const hint =
      kind === 'three-dot'
        ? ' Give the action a github-token with pull-requests: read, or check out with fetch-depth: 0.'
        : ' Check out with fetch-depth: 0 (or 2) so the previous commit is there.';
    const message = `Could not list the changed files with git diff ${range}: ${errorMessage(error).split('\n')[0]}.${hint}`;
    opts.warning(message);
    return { kind: 'all', reason: `changed files unknown (git diff ${range} failed): testing everything` };
  }
}

/**
 * All files of a pull request, through @actions/github's paginating Octokit, with retries on
 * network errors, 5xx and rate limiting. A renamed file counts under its old and new names.
 */
export async function listPullRequestFiles(
  api: PullRequestApi,
  number: number,
  deadlineMs: number,
): Promise<string[]> {
  // Octokit loads only for a pull request's file list, not on every run
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(api.token, { baseUrl: api.baseUrl });
  return retry(
    async () => {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        owner: api.owner,
        repo: api.repo,
        pull_number: number,
        per_page: 100,
        request: { signal: AbortSignal.timeout(Math.min(deadlineMs, 30_000)) },
      });
      const out: string[] = [];
      for (const f of files) {
        out.push(f.filename);
        if (f.previous_filename && f.previous_filename !== f.filename) out.push(f.previous_filename);
      }
      return out;
    },
    { deadlineMs, maxAttempts: 4, initialDelayMs: 1000, isRetryable: isRetryableApiError },
  );
}

function isRetryableApiError(error: unknown): boolean {
  const status =
    typeof error === 'object' && error !== null && 'status' in error
      ? Number((error as { status: unknown }).status)
      : 0;
  if (!status) return true; // network error, timeout
  return status >= 500 || status === 429;
}

function count(files: readonly string[]): string {
  return `${files.length} file${files.length === 1 ? '' : 's'}`;
}
