// The GitHub REST client the shared GitHub helpers use: @actions/github's Octokit, pointed at
// GITHUB_API_URL and the repository in GITHUB_REPOSITORY, with a timeout on every request, retries
// (lib/retry.ts) for failures that are worth retrying, and errors sorted into "no permission",
// "GitHub is having a bad minute" and "the request itself is wrong".
//
// Why the base URL is passed explicitly: @actions/github reads GITHUB_API_URL once, when its module
// is first imported (`defaults.baseUrl` in its utils.js). On the runner that is the same value, but
// anything that sets the variable later (a test, a wrapper) would silently talk to api.github.com.
// So the context is read when a client is made, and `baseUrl` is always given to getOctokit.
// (The proxy-aware fetch @actions/github installs is still chosen from the import-time URL; on the
// runner both agree.)
import { getOctokit } from '@actions/github';
import { formatDuration } from '../duration.js';
import { OperationError } from '../errors.js';
import { RetryError, type RetryOptions, retry } from '../retry.js';
import { redact } from '../secrets.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_GITHUB_SERVER_URL = 'https://github.com';
/** Sent as `X-GitHub-Api-Version` on every request: the REST API version the code was written to. */
export const GITHUB_API_VERSION = '2022-11-28';

/** Where the job runs, read from the runner's GITHUB_* variables. */
export interface GitHubRunContext {
  /** GITHUB_API_URL without a trailing slash (GHES: `https://ghe.example.com/api/v3`). */
  apiUrl: string;
  /** GITHUB_SERVER_URL without a trailing slash. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** GITHUB_RUN_ID, when running in Actions. */
  runId: string | undefined;
  /** GITHUB_SHA: the commit the workflow run is for. */
  sha: string | undefined;
  /** GITHUB_REF_NAME: the branch or tag the workflow run is for. */
  refName: string | undefined;
}

/**
 * Reads the run context from the environment. GITHUB_REPOSITORY is required (the runner always sets
 * it); the URLs default to github.com's.
 */
export function githubRunContext(env: NodeJS.ProcessEnv = process.env): GitHubRunContext {
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
  if (!m?.[1] || !m[2]) {
    throw new OperationError(
      `GITHUB_REPOSITORY is ${repository ? `'${repository}', not owner/name` : 'not set'}: the GitHub API helpers run inside GitHub Actions, which sets it.`,
    );
  }
  return {
    apiUrl: trimSlash(env['GITHUB_API_URL'] || DEFAULT_GITHUB_API_URL),
    serverUrl: trimSlash(env['GITHUB_SERVER_URL'] || DEFAULT_GITHUB_SERVER_URL),
    owner: m[1],
    repo: m[2],
    runId: env['GITHUB_RUN_ID'] || undefined,
    sha: env['GITHUB_SHA'] || undefined,
    refName: env['GITHUB_REF_NAME'] || undefined,
  };
}

/** The web page of the current workflow run (`…/owner/repo/actions/runs/123`), when known. */
export function workflowRunUrl(ctx: GitHubRunContext): string | undefined {
  if (!ctx.runId) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}

export type Octokit = ReturnType<typeof getOctokit>;

/** An Octokit for `apiUrl` (never the import-time default). Quiet: failures reach the caller as errors. */
export function createOctokit(token: string, apiUrl: string): Octokit {
  return getOctokit(token, {
    baseUrl: apiUrl,
    userAgent: 'ops-actions',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** What went wrong with one GitHub API call, read from an Octokit RequestError or anything else. */
export interface GitHubFailure {
  /** The HTTP status of the reply; undefined when there was no reply. */
  status: number | undefined;
  /** GitHub's `message`, or the network error's text. */
  message: string;
  /** No HTTP reply: connection refused or reset, DNS failure, timeout. */
  network: boolean;
  /** The request certainly never reached GitHub (refused, DNS, unreachable): safe to repeat. */
  notSent: boolean;
  /** A rate limit: 429, or 403 with `x-ratelimit-remaining: 0` / `retry-after` / a rate-limit message. */
  rateLimited: boolean;
  /** The primary rate limit is used up (`x-ratelimit-remaining: 0`): retrying soon is pointless. */
  rateLimitExhausted: boolean;
  /** 401, or a 403 that is not a rate limit: the token, not the moment, is the problem. */
  accessDenied: boolean;
}

/**
 * Classifies a thrown value. Octokit turns every HTTP error into a RequestError with `status` and
 * `response`, and every network failure into one with status 500 and no `response` (its `cause` is
 * fetch's error); an abort/timeout is rethrown as the AbortError itself with status 500.
 */
export function describeGitHubError(error: unknown): GitHubFailure {
  const e = isObject(error) ? error : {};
  const response = isObject(e['response']) ? e['response'] : undefined;
  const rawStatus = typeof e['status'] === 'number' ? e['status'] : undefined;
  if (!response) {
    // Octokit reports a failure to get any reply as status 500 without a response (or rethrows
    // the AbortError); anything else without a response is not an HTTP failure at all.
    const timedOut = chainHas(error, (x) => x['name'] === 'AbortError' || x['name'] === 'TimeoutError');
    const code = networkCode(error);
    const network = rawStatus === 500 || timedOut || code !== '';
    return {
      status: network ? undefined : rawStatus,
      message: timedOut ? 'no reply before the request timed out' : causeMessage(error),
      network,
      notSent: /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(
        code,
      ),
      rateLimited: false,
      rateLimitExhausted: false,
      accessDenied: false,
    };
  }
  const status = typeof response['status'] === 'number' ? response['status'] : (rawStatus ?? 0);
  const headers = isObject(response['headers']) ? response['headers'] : {};
  const data = response['data'];
  const apiMessage =
    isObject(data) && typeof data['message'] === 'string'
      ? data['message']
      : typeof data === 'string' && data.trim() !== ''
        ? data.trim().slice(0, 200)
        : '';
  const remaining = headerValue(headers, 'x-ratelimit-remaining');
  const rateLimitExhausted = (status === 403 || status === 429) && remaining === '0';
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (rateLimitExhausted ||
        headerValue(headers, 'retry-after') !== undefined ||
        /rate limit/i.test(apiMessage)));
  return {
    status,
    message: apiMessage || `HTTP ${status}`,
    network: false,
    notSent: false,
    rateLimited,
    rateLimitExhausted,
    accessDenied: status === 401 || (status === 403 && !rateLimited),
  };
}

/**
 * Whether a failed call may be tried again: network failures, 5xx and secondary rate limits.
 * A call that creates something (`idempotent: false`) is repeated only when the failure proves
 * nothing was created (a 503, a 429, a connection never made) — unless the caller can find out
 * (see `GitHubDeployments.createDeployment`).
 */
export function isRetryableGitHubError(error: unknown, idempotent: boolean): boolean {
  const f = describeGitHubError(error);
  if (f.rateLimitExhausted) return false;
  if (f.rateLimited) return true;
  if (f.network) return idempotent || f.notSent;
  if (f.status !== undefined && f.status >= 500) return idempotent || f.status === 503;
  return false;
}

/** A failed call whose effect is unknown: it may or may not have been applied by GitHub. */
export function isAmbiguousGitHubFailure(error: unknown): boolean {
  const f = describeGitHubError(error);
  if (f.network) return !f.notSent;
  return f.status !== undefined && f.status >= 500 && f.status !== 503;
}

/** A GitHub API call failed (after its retries). `failure` says how; the token is never in the message. */
export class GitHubApiError extends OperationError {
  override readonly name: string = 'GitHubApiError';
  constructor(
    message: string,
    readonly method: string,
    readonly route: string,
    readonly failure: GitHubFailure,
    readonly attempts: number,
  ) {
    super(message, { method, route, status: failure.status, attempts });
  }

  get status(): number | undefined {
    return this.failure.status;
  }
}

export interface GitHubCallOptions {
  /** Timeout of one HTTP request in ms (default 10 000). */
  requestTimeoutMs?: number;
  /**
   * Retry tuning (lib/retry.ts). Default: up to 4 attempts within 20 s, starting at 1 s — deployment
   * bookkeeping must never hold a deploy up for long.
   */
  retry?: Partial<Omit<RetryOptions, 'isRetryable' | 'onRetry'>>;
  /** Where retry notices go (default: nowhere). */
  retryLog?: (line: string) => void;
}

/**
 * Runs one GitHub API call with a per-request timeout and retries. `call` receives the AbortSignal
 * to pass as `request: { signal }`. Failures come out as a GitHubApiError naming the route, the
 * status and GitHub's message, with `secrets` redacted.
 */
export async function callGitHub<T>(
  method: string,
  route: string,
  call: (signal: AbortSignal, attempt: number) => Promise<T>,
  opts: GitHubCallOptions & {
    idempotent: boolean;
    secrets?: readonly (string | undefined)[];
    /** Called before a retry that follows a failure of unknown effect; may return the result. */
    recover?: (lastError: unknown) => Promise<T | undefined>;
  },
): Promise<T> {
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const secrets = opts.secrets ?? [];
  let lastError: unknown;
  try {
    return await retry(
      async (attempt) => {
        if (attempt > 1 && opts.recover && isAmbiguousGitHubFailure(lastError)) {
          const found = await opts.recover(lastError);
          if (found !== undefined) return found;
        }
        try {
          return await call(AbortSignal.timeout(timeoutMs), attempt);
        } catch (error) {
          lastError = error;
          throw error;
        }
      },
      {
        deadlineMs: 20_000,
        maxAttempts: 4,
        initialDelayMs: 1000,
        maxDelayMs: 8000,
        ...opts.retry,
        isRetryable: (error) =>
          isRetryableGitHubError(error, opts.idempotent) ||
          (opts.recover !== undefined && isAmbiguousGitHubFailure(error)),
        onRetry: ({ attempt, error, delayMs }) =>
          opts.retryLog?.(
            redact(
              `GitHub API ${method} ${route}: ${failureText(describeGitHubError(error))}; retrying in ${formatDuration(delayMs)} (attempt ${attempt + 1}).`,
              secrets,
            ),
          ),
      },
    );
  } catch (error) {
    const last = error instanceof RetryError ? error.lastError : error;
    const attempts = error instanceof RetryError ? error.attempts : 1;
    const failure = describeGitHubError(last);
    const after = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    throw new GitHubApiError(
      redact(`GitHub API ${method} ${route}: ${failureText(failure)}${after}`, secrets),
      method,
      route,
      { ...failure, message: redact(failure.message, secrets) },
      attempts,
    );
  }
}

/** `HTTP 403: Resource not accessible by integration` / `network error: connect ECONNREFUSED …`. */
export function failureText(f: GitHubFailure): string {
  if (f.network) return `network error: ${f.message}`;
  return f.status !== undefined ? `HTTP ${f.status}: ${f.message}` : f.message;
}

/** The `rel` → URL map of a `Link` header (`<url>; rel="next", <url>; rel="last"`). */
export function parseLinkHeader(link: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!link) return out;
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m?.[1] !== undefined && m[2]) for (const rel of m[2].split(/\s+/)) out[rel] = m[1];
  }
  return out;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name && v !== undefined && v !== null) return String(v);
  }
  return undefined;
}

function chainHas(error: unknown, test: (e: Record<string, unknown>) => boolean): boolean {
  let e: unknown = error;
  for (let i = 0; i < 5 && isObject(e); i++) {
    if (test(e)) return true;
    e = e['cause'];
  }
  return false;
}

/** The system error code (ECONNREFUSED…) anywhere in the cause chain. */
function networkCode(error: unknown): string {
  let e: unknown = error;
  for (let i = 0; i < 5 && isObject(e); i++) {
    if (typeof e['code'] === 'string' && /^E[A-Z_]+$|^UND_ERR_[A-Z_]+$/.test(e['code'])) return e['code'];
    e = e['cause'];
  }
  return '';
}

/** The most specific message in the cause chain (fetch's "fetch failed" says little). */
function causeMessage(error: unknown): string {
  let e: unknown = error;
  let message = errorText(error);
  for (let i = 0; i < 5 && isObject(e); i++) {
    if (typeof e['message'] === 'string' && e['message'] !== '' && e['message'] !== 'fetch failed') {
      message = e['message'];
    }
    e = e['cause'];
  }
  return message;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
