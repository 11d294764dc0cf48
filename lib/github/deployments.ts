// GitHub Deployments for every stage: a deploy stage records "deploying <sha> to <environment>" and
// its outcome; the rollback stage marks the bad deployment and finds the last good one (with the
// release id / image reference the deploy stored in its `payload`) when the server history is gone.
//
// Endpoints (GitHub REST API 2022-11-28, docs.github.com/rest/deployments; the same operations in
// github/rest-api-description, as typed by @octokit/openapi-types):
//   POST /repos/{owner}/{repo}/deployments                         201 deployment | 202 {message} | 409 | 422
//   GET  /repos/{owner}/{repo}/deployments?environment=&per_page=&page=   200 deployment[] + Link
//   GET  /repos/{owner}/{repo}/deployments/{deployment_id}          200 deployment | 404
//   POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses 201 deployment-status | 422
//   GET  /repos/{owner}/{repo}/deployments/{deployment_id}/statuses?per_page=   200 deployment-status[]
// The job needs `permissions: deployments: write` (reading needs `deployments: read`).
//
// Two layers:
//   GitHubDeployments      the API, strict: every failure throws a GitHubApiError.
//   DeploymentBookkeeping  what stages use: never throws. Without a token, or when the token may
//                          not touch deployments (401/403), it logs ONE warning and every later
//                          call is a no-op — deployment bookkeeping never fails a deploy.
//
// The same inputs in every stage (readGithubDeploymentInputs). For action.yml:
//
//   github-token:
//     description: >-
//       Token that records the deploy as a GitHub deployment of `environment`; pass
//       ${{ github.token }} and give the job `permissions: deployments: write`.
//       Default: empty (no GitHub deployment is recorded).
//     required: false
//     default: ""
//   environment:
//     description: >-
//       GitHub environment name the deployment is recorded under (e.g. production, staging).
//       Default: empty (no GitHub deployment is recorded).
//     required: false
//     default: ""
//   environment-url:
//     description: >-
//       URL of the deployed application, shown on the deployment in GitHub (an http(s) URL).
//       Default: empty.
//     required: false
//     default: ""
//
// A stage:
//   const github = githubDeployments(readGithubDeploymentInputs(inputs));
//   const deployment = await github.startDeployment({ payload: { release: plan.releaseId, image } });
//   try { …deploy…; await deployment.succeed(); } catch (e) { await deployment.fail(errorMessage(e)); throw e; }
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { z } from 'zod';
import { errorMessage, OperationError } from '../errors.js';
import { type GitHubDeploymentInputs } from './inputs.js';
import {
  callGitHub,
  createOctokit,
  describeGitHubError,
  GITHUB_API_VERSION,
  GitHubApiError,
  type GitHubCallOptions,
  type GitHubFailure,
  type GitHubRunContext,
  githubRunContext,
  type Octokit,
  parseLinkHeader,
  workflowRunUrl,
} from './client.js';

// The inputs live in ./inputs.ts, which does not load the GitHub client; re-exported for callers.
export {
  GITHUB_DEPLOYMENT_INPUTS,
  type GitHubDeploymentInputs,
  readGithubDeploymentInputs,
} from './inputs.js';

/** Every state a deployment status can have (the API's `state` enum). */
export const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/** GitHub's limit for a deployment status `description`. */
export const STATUS_DESCRIPTION_MAX = 140;

/**
 * The payload key holding a random id of the create request. After a failure whose effect is
 * unknown (a 502, a timeout), the deployment is looked up by it instead of creating a second one.
 */
export const REQUEST_ID_PAYLOAD_KEY = 'ops_actions_request_id';

export interface CreateDeploymentOptions {
  /** The environment name (`production`, `staging`…). */
  environment: string;
  /**
   * What is deployed: a branch, tag or SHA; GitHub records the commit it points to when the
   * deployment is created. Default: GITHUB_SHA — the exact commit of the run, even if the branch
   * has moved on since.
   */
  ref?: string;
  /** Short description of the deployment. */
  description?: string;
  /**
   * Extra data stored with the deployment and returned by every read: the release id, the image
   * reference — what a rollback needs to restore this deployment. JSON-serialisable.
   */
  payload?: Record<string, unknown>;
  /** The `task` (default `deploy`). */
  task?: string;
  /** `transient_environment`: the environment will not exist for ever (review apps). */
  transient?: boolean;
  /** `production_environment` (GitHub's default: true only for an environment named `production`). */
  production?: boolean;
}

export interface DeploymentStatusOptions {
  /** `environment_url`: where the deployed application answers. */
  environmentUrl?: string;
  /** `log_url`. Default: this workflow run's page (GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID). */
  logUrl?: string;
  /** Cut to GitHub's 140 characters. */
  description?: string;
  /**
   * `auto_inactive` (GitHub's default: true): a `success` marks earlier successful deployments of
   * the same non-production, non-transient environment `inactive`.
   */
  autoInactive?: boolean;
}

/** A deployment as the API returns it, reduced to what ops-actions uses. */
export interface DeploymentRecord {
  id: number;
  /** The commit GitHub resolved `ref` to. */
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string;
  /** The payload as stored (an object; a string payload that is JSON is parsed, anything else is `{}`). */
  payload: Record<string, unknown>;
  createdAt: string;
  productionEnvironment: boolean | undefined;
  transientEnvironment: boolean | undefined;
}

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environment: string | undefined;
  environmentUrl: string | undefined;
  logUrl: string | undefined;
  createdAt: string;
}

/** A deployment with its statuses, newest first. */
export interface DeploymentWithStatuses extends DeploymentRecord {
  statuses: DeploymentStatusRecord[];
  /** The newest status's state; undefined when it has none yet. */
  state: DeploymentState | undefined;
}

/** A deployment that counts as successful, and the `success` status that makes it so. */
export interface SuccessfulDeployment extends DeploymentRecord {
  success: DeploymentStatusRecord;
  /** The newest status's state: `success`, or `inactive` when GitHub superseded it. */
  state: DeploymentState;
}

export interface LastSuccessfulOptions {
  /** Deployments to skip, e.g. the one being rolled back from. */
  excludeIds?: readonly number[];
  /**
   * Whether a deployment that succeeded and was then only made `inactive` counts (default true).
   * GitHub marks the previous successful deployment of a non-production environment `inactive`
   * as soon as a newer one succeeds (`auto_inactive`), so without this a staging environment would
   * never have a "previous good" deployment. A deployment marked `failure` or `error` after its
   * success never counts: that is how a rollback marks a release bad.
   */
  countSuperseded?: boolean;
  /** Look at most at this many deployments, newest first (default 100). */
  maxDeployments?: number;
  /** Deployments per page (default 30, at most 100). */
  perPage?: number;
}

export interface GitHubDeploymentsOptions extends GitHubCallOptions {
  /** Default: read from `env` (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA…). */
  context?: GitHubRunContext;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

// ---------------------------------------------------------------------------------------------
// Pure parts: request bodies and reading replies.

/** The body of POST /deployments: no auto-merge, no required status checks (see below). */
export function createDeploymentBody(
  opts: CreateDeploymentOptions,
  ctx: Pick<GitHubRunContext, 'sha' | 'refName'>,
  requestId?: string,
): {
  ref: string;
  task: string;
  auto_merge: boolean;
  required_contexts: string[];
  environment: string;
  payload: Record<string, unknown>;
  description?: string;
  transient_environment?: boolean;
  production_environment?: boolean;
} {
  const ref = opts.ref || ctx.sha || ctx.refName;
  if (!ref) {
    throw new OperationError(
      'Creating a GitHub deployment needs a ref: none was given and GITHUB_SHA is not set.',
    );
  }
  return {
    ref,
    task: opts.task || 'deploy',
    // auto_merge (default true) would merge the default branch into `ref` and answer 202 instead
    // of deploying; required_contexts (default: all) would refuse to deploy while any commit
    // status is not `success`. The pipeline has already decided to deploy this exact commit.
    auto_merge: false,
    required_contexts: [],
    environment: opts.environment,
    payload: { ...opts.payload, ...(requestId ? { [REQUEST_ID_PAYLOAD_KEY]: requestId } : {}) },
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.transient !== undefined ? { transient_environment: opts.transient } : {}),
    ...(opts.production !== undefined ? { production_environment: opts.production } : {}),
  };
}

/** The body of POST /deployments/{id}/statuses. */
export function deploymentStatusBody(
  state: DeploymentState,
  opts: DeploymentStatusOptions,
  ctx: GitHubRunContext,
): {
  state: DeploymentState;
  log_url?: string;
  description?: string;
  environment_url?: string;
  auto_inactive?: boolean;
} {
  const logUrl = opts.logUrl ?? workflowRunUrl(ctx);
  return {
    state,
    ...(logUrl ? { log_url: logUrl } : {}),
    ...(opts.description ? { description: truncateDescription(opts.description) } : {}),
    ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
    ...(opts.autoInactive !== undefined ? { auto_inactive: opts.autoInactive } : {}),
  };
}

/** One line, at most 140 characters (GitHub refuses longer status descriptions). */
export function truncateDescription(text: string, max = STATUS_DESCRIPTION_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** The payload as an object: GitHub returns what was stored, an object or a string. */
export function parsePayload(payload: unknown): Record<string, unknown> {
  if (typeof payload === 'string') {
    if (payload.trim() === '') return {};
    try {
      return parsePayload(JSON.parse(payload) as unknown);
    } catch {
      return {};
    }
  }
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

/**
 * The `success` status that makes a deployment count as successful, or undefined. Statuses in any
 * order. The newest status must be `success` — or, with `countSuperseded`, `inactive` with the
 * newest non-`inactive` status before it being `success`.
 */
export function successOf(
  statuses: readonly DeploymentStatusRecord[],
  countSuperseded = true,
): DeploymentStatusRecord | undefined {
  const newestFirst = [...statuses].sort((a, b) => b.id - a.id);
  const latest = newestFirst[0];
  if (!latest) return undefined;
  if (latest.state === 'success') return latest;
  if (!countSuperseded || latest.state !== 'inactive') return undefined;
  const lastReal = newestFirst.find((s) => s.state !== 'inactive');
  return lastReal?.state === 'success' ? lastReal : undefined;
}

const deploymentSchema = z.looseObject({
  id: z.number(),
  sha: z.string(),
  ref: z.string(),
  task: z.string().nullish(),
  environment: z.string(),
  description: z.string().nullish(),
  payload: z.unknown(),
  created_at: z.string(),
  production_environment: z.boolean().nullish(),
  transient_environment: z.boolean().nullish(),
});

const statusSchema = z.looseObject({
  id: z.number(),
  state: z.enum(DEPLOYMENT_STATES),
  description: z.string().nullish(),
  environment: z.string().nullish(),
  environment_url: z.string().nullish(),
  log_url: z.string().nullish(),
  created_at: z.string(),
});

/** Reads a deployment from a reply; throws an OperationError naming the missing field. */
export function toDeploymentRecord(data: unknown): DeploymentRecord {
  const d = parseReply(deploymentSchema, data, 'deployment');
  return {
    id: d.id,
    sha: d.sha,
    ref: d.ref,
    task: d.task ?? 'deploy',
    environment: d.environment,
    description: d.description ?? '',
    payload: parsePayload(d.payload),
    createdAt: d.created_at,
    productionEnvironment: d.production_environment ?? undefined,
    transientEnvironment: d.transient_environment ?? undefined,
  };
}

/** Reads a deployment status from a reply. */
export function toDeploymentStatusRecord(data: unknown): DeploymentStatusRecord {
  const s = parseReply(statusSchema, data, 'deployment status');
  return {
    id: s.id,
    state: s.state,
    description: s.description ?? '',
    environment: s.environment || undefined,
    environmentUrl: s.environment_url || undefined,
    logUrl: s.log_url || undefined,
    createdAt: s.created_at,
  };
}

function parseReply<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
  throw new OperationError(`GitHub API: unexpected ${what} in the reply (${where}).`);
}

// ---------------------------------------------------------------------------------------------
// The API.

const API_HEADERS = { 'x-github-api-version': GITHUB_API_VERSION };

/** The deployment endpoints, strict: every failure throws a GitHubApiError (after retries). */
export class GitHubDeployments {
  readonly context: GitHubRunContext;
  private readonly octokit: Octokit;

  constructor(
    private readonly token: string,
    private readonly options: GitHubDeploymentsOptions = {},
  ) {
    if (!token) throw new Error('GitHubDeployments: a token is required');
    this.context = options.context ?? githubRunContext(options.env);
    this.octokit = createOctokit(token, this.context.apiUrl);
  }

  /** `owner/repo`. */
  get repository(): string {
    return `${this.context.owner}/${this.context.repo}`;
  }

  /**
   * POST /repos/{owner}/{repo}/deployments → the created deployment (201). A 202 ("merged branch"
   * response: GitHub merged the default branch into `ref` instead of creating a deployment, body
   * `{message}`) cannot happen with `auto_merge: false`, but is an error if it does. Retried after a
   * failure of unknown effect only once the deployment was looked up and not found.
   */
  async createDeployment(opts: CreateDeploymentOptions): Promise<DeploymentRecord> {
    const requestId = randomUUID();
    const body = createDeploymentBody(opts, this.context, requestId);
    return this.call(
      'POST',
      '/repos/{owner}/{repo}/deployments',
      'create',
      async (signal) => {
        const res = await this.octokit.rest.repos.createDeployment({
          ...this.repo(),
          ...body,
          headers: API_HEADERS,
          request: { signal },
        });
        if (res.status !== 201 || !('id' in res.data)) {
          const message = 'message' in res.data && res.data.message ? `: ${res.data.message}` : '';
          throw new OperationError(
            `GitHub answered ${res.status} to creating a deployment of '${body.ref}' and created none${message}`,
          );
        }
        return toDeploymentRecord(res.data);
      },
      () => this.findByRequestId(opts.environment, requestId),
    );
  }

  /** POST /repos/{owner}/{repo}/deployments/{id}/statuses → the created status (201). */
  async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    opts: DeploymentStatusOptions = {},
  ): Promise<DeploymentStatusRecord> {
    const body = deploymentStatusBody(state, opts, this.context);
    // Repeating a status is harmless (the same state twice): retried like a read.
    return this.call(
      'POST',
      `/repos/{owner}/{repo}/deployments/${id}/statuses`,
      'repeatable',
      async (signal) => {
        const res = await this.octokit.rest.repos.createDeploymentStatus({
          ...this.repo(),
          deployment_id: id,
          ...body,
          headers: API_HEADERS,
          request: { signal },
        });
        return toDeploymentStatusRecord(res.data);
      },
    );
  }

  /** GET /repos/{owner}/{repo}/deployments/{id}. */
  async getDeployment(id: number): Promise<DeploymentRecord> {
    return this.call('GET', `/repos/{owner}/{repo}/deployments/${id}`, 'repeatable', async (signal) => {
      const res = await this.octokit.rest.repos.getDeployment({
        ...this.repo(),
        deployment_id: id,
        headers: API_HEADERS,
        request: { signal },
      });
      return toDeploymentRecord(res.data);
    });
  }

  /**
   * GET /repos/{owner}/{repo}/deployments/{id}/statuses?per_page=100 → newest first. One page: a
   * deployment has a handful of statuses; the API lists the newest first, and the page is sorted
   * by id anyway, so the newest is right even if the order changed.
   */
  async listDeploymentStatuses(id: number): Promise<DeploymentStatusRecord[]> {
    return this.call(
      'GET',
      `/repos/{owner}/{repo}/deployments/${id}/statuses`,
      'repeatable',
      async (signal) => {
        const res = await this.octokit.rest.repos.listDeploymentStatuses({
          ...this.repo(),
          deployment_id: id,
          per_page: 100,
          headers: API_HEADERS,
          request: { signal },
        });
        return asArray(res.data)
          .map(toDeploymentStatusRecord)
          .sort((a, b) => b.id - a.id);
      },
    );
  }

  /**
   * The deployments of `environment`, newest first, page by page
   * (GET /repos/{owner}/{repo}/deployments?environment=&per_page=&page=, following the Link header's
   * `next`), at most `maxDeployments` of them. Stop iterating to stop fetching.
   */
  async *deployments(
    environment: string,
    opts: { perPage?: number; maxDeployments?: number } = {},
  ): AsyncGenerator<DeploymentRecord> {
    const perPage = Math.min(Math.max(opts.perPage ?? 30, 1), 100);
    const max = opts.maxDeployments ?? 100;
    let seen = 0;
    for (let page = 1; ; page++) {
      const { items, hasNext } = await this.listPage(environment, perPage, page);
      // Newest first, as the API lists them; sorted within the page in case that ever changes.
      for (const d of items.sort((a, b) => b.id - a.id)) {
        if (seen++ >= max) return;
        yield d;
      }
      if (!hasNext || items.length === 0) return;
    }
  }

  /** The newest deployment of `environment` with its statuses, or undefined when it has none. */
  async latestDeployment(environment: string): Promise<DeploymentWithStatuses | undefined> {
    for await (const d of this.deployments(environment, { perPage: 1, maxDeployments: 1 })) {
      const statuses = await this.listDeploymentStatuses(d.id);
      return { ...d, statuses, state: statuses[0]?.state };
    }
    return undefined;
  }

  /**
   * The newest deployment of `environment` that succeeded and was not marked bad since (see
   * LastSuccessfulOptions.countSuperseded), skipping `excludeIds` — the one being rolled back from,
   * which may itself still be `success`. Undefined when none is found among `maxDeployments`.
   */
  async lastSuccessfulDeployment(
    environment: string,
    opts: LastSuccessfulOptions = {},
  ): Promise<SuccessfulDeployment | undefined> {
    const exclude = new Set(opts.excludeIds ?? []);
    const iterate = this.deployments(environment, {
      ...(opts.perPage !== undefined ? { perPage: opts.perPage } : {}),
      ...(opts.maxDeployments !== undefined ? { maxDeployments: opts.maxDeployments } : {}),
    });
    for await (const d of iterate) {
      if (exclude.has(d.id)) continue;
      const statuses = await this.listDeploymentStatuses(d.id);
      const success = successOf(statuses, opts.countSuperseded ?? true);
      if (success) return { ...d, success, state: statuses[0]?.state ?? 'success' };
    }
    return undefined;
  }

  private async listPage(
    environment: string,
    perPage: number,
    page: number,
    once = false,
  ): Promise<{ items: DeploymentRecord[]; hasNext: boolean }> {
    return this.call(
      'GET',
      '/repos/{owner}/{repo}/deployments',
      once ? 'once' : 'repeatable',
      async (signal) => {
        const res = await this.octokit.rest.repos.listDeployments({
          ...this.repo(),
          environment,
          per_page: perPage,
          page,
          headers: API_HEADERS,
          request: { signal },
        });
        const link = typeof res.headers.link === 'string' ? res.headers.link : undefined;
        return {
          items: asArray(res.data).map(toDeploymentRecord),
          hasNext: parseLinkHeader(link)['next'] !== undefined,
        };
      },
    );
  }

  /** After a create of unknown effect: the deployment that carries `requestId`, if GitHub made it. */
  private async findByRequestId(
    environment: string,
    requestId: string,
  ): Promise<DeploymentRecord | undefined> {
    try {
      // one attempt: this runs inside the create's own retries
      const { items } = await this.listPage(environment, 30, 1, true);
      return items.find((d) => d.payload[REQUEST_ID_PAYLOAD_KEY] === requestId);
    } catch {
      return undefined;
    }
  }

  private repo(): { owner: string; repo: string } {
    return { owner: this.context.owner, repo: this.context.repo };
  }

  /**
   * `repeatable` (reads, statuses: repeating them is harmless): retried on any transient failure.
   * `create`: retried when nothing was applied, or when `recover` did not find what was.
   * `once`: a single attempt.
   */
  private call<T>(
    method: string,
    route: string,
    mode: 'repeatable' | 'create' | 'once',
    fn: (signal: AbortSignal) => Promise<T>,
    recover?: () => Promise<T | undefined>,
  ): Promise<T> {
    return callGitHub(method, route.replace('{owner}/{repo}', this.repository), fn, {
      ...this.options,
      ...(mode === 'once' ? { retry: { ...this.options.retry, maxAttempts: 1 } } : {}),
      idempotent: mode === 'repeatable',
      secrets: [this.token],
      ...(recover ? { recover } : {}),
    });
  }
}

function asArray(data: unknown): unknown[] {
  if (!Array.isArray(data)) throw new OperationError('GitHub API: expected a list in the reply.');
  return data;
}

// ---------------------------------------------------------------------------------------------
// Stage inputs.

// ---------------------------------------------------------------------------------------------
// Bookkeeping: what stages use. Never throws.

/** Where bookkeeping writes. Default: @actions/core. */
export interface DeploymentLog {
  info(line: string): void;
  warning(line: string): void;
}

const coreLog: DeploymentLog = {
  info: (line) => core.info(line),
  warning: (line) => core.warning(line),
};

export interface DeploymentBookkeepingOptions extends GitHubDeploymentsOptions {
  log?: DeploymentLog;
}

const PERMISSION_FIX =
  'give the job `permissions: deployments: write` and pass `github-token: ${{ github.token }}` (or a token that may write deployments)';

/**
 * GitHub deployments for a stage, as bookkeeping: every method swallows failures. The first
 * failure that proves the token cannot be used — no token at all, 401, 403 (not a rate limit), or
 * 404 on the repository's deployments — logs ONE warning naming `permissions: deployments: write`
 * and turns every later call into a no-op. Any other failure (after retries) is a warning for that
 * call only. Nothing here fails the step.
 */
export class DeploymentBookkeeping {
  private disabledReason: string | undefined;
  private readonly log: DeploymentLog;

  constructor(
    private readonly api: GitHubDeployments | undefined,
    private readonly defaults: { environment?: string | undefined; environmentUrl?: string | undefined } = {},
    options: { log?: DeploymentLog; disabledReason?: string } = {},
  ) {
    this.log = options.log ?? coreLog;
    if (!api) this.disabledReason = options.disabledReason ?? 'no github-token';
  }

  /** False once bookkeeping is off (no token, or the token was refused). */
  get enabled(): boolean {
    return this.disabledReason === undefined;
  }

  /** The environment from the inputs. */
  get environment(): string | undefined {
    return this.defaults.environment;
  }

  /** Creates a deployment; undefined when off or on failure. */
  async createDeployment(opts: CreateDeploymentOptions): Promise<DeploymentRecord | undefined> {
    return this.guard(`create a GitHub deployment for '${opts.environment}'`, true, (api) =>
      api.createDeployment(opts),
    );
  }

  /** Sets a status; false when off or on failure. */
  async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    opts: DeploymentStatusOptions = {},
  ): Promise<boolean> {
    const status = await this.guard(`set GitHub deployment ${id} to '${state}'`, false, (api) =>
      api.setDeploymentStatus(id, state, opts),
    );
    if (status)
      this.log.info(`GitHub deployment ${id}: ${state}${opts.description ? ` — ${status.description}` : ''}`);
    return status !== undefined;
  }

  /** See GitHubDeployments.lastSuccessfulDeployment; undefined when off or on failure. */
  async lastSuccessfulDeployment(
    environment: string,
    opts: LastSuccessfulOptions = {},
  ): Promise<SuccessfulDeployment | undefined> {
    return this.guard(`read the GitHub deployments of '${environment}'`, true, (api) =>
      api.lastSuccessfulDeployment(environment, opts),
    );
  }

  /** See GitHubDeployments.latestDeployment; undefined when off or on failure. */
  async latestDeployment(environment: string): Promise<DeploymentWithStatuses | undefined> {
    return this.guard(`read the GitHub deployments of '${environment}'`, true, (api) =>
      api.latestDeployment(environment),
    );
  }

  /**
   * Creates a deployment (environment default: the `environment` input) and sets it `in_progress`.
   * The tracker then sets the outcome. Without an environment, or when off, the tracker does nothing.
   */
  async startDeployment(
    opts: Partial<CreateDeploymentOptions> & { environmentUrl?: string } = {},
  ): Promise<DeploymentTracker> {
    const environment = opts.environment ?? this.defaults.environment;
    const environmentUrl = opts.environmentUrl ?? this.defaults.environmentUrl;
    if (!environment || !this.enabled)
      return new DeploymentTracker(this, undefined, environment, environmentUrl);
    const record = await this.createDeployment({ ...opts, environment });
    if (!record) return new DeploymentTracker(this, undefined, environment, environmentUrl);
    this.log.info(
      `GitHub deployment ${record.id}: ${record.ref === record.sha ? record.sha.slice(0, 12) : `${record.ref} (${record.sha.slice(0, 12)})`} to '${environment}'`,
    );
    const tracker = new DeploymentTracker(this, record.id, environment, environmentUrl, record);
    await tracker.setStatus('in_progress', { description: opts.description ?? 'Deploying' });
    return tracker;
  }

  /** A tracker for an existing deployment (e.g. one a deploy step created, by its id). */
  track(id: number, environment?: string, environmentUrl?: string): DeploymentTracker {
    return new DeploymentTracker(
      this,
      id,
      environment ?? this.defaults.environment,
      environmentUrl ?? this.defaults.environmentUrl,
    );
  }

  private async guard<T>(
    what: string,
    repositoryScoped: boolean,
    fn: (api: GitHubDeployments) => Promise<T>,
  ): Promise<T | undefined> {
    const api = this.api;
    if (!api || this.disabledReason !== undefined) return undefined;
    try {
      return await fn(api);
    } catch (error) {
      const failure: GitHubFailure =
        error instanceof GitHubApiError ? error.failure : describeGitHubError(error);
      if (failure.accessDenied || (repositoryScoped && failure.status === 404)) {
        this.disable(accessWarning(api.repository, failure));
      } else {
        this.log.warning(`Could not ${what}: ${errorMessage(error)}. The deploy itself is not affected.`);
      }
      return undefined;
    }
  }

  private disable(warning: string): void {
    if (this.disabledReason !== undefined) return;
    this.disabledReason = warning;
    this.log.warning(warning);
  }
}

function accessWarning(repository: string, f: GitHubFailure): string {
  const said = `HTTP ${f.status}: ${f.message}`;
  const why =
    f.status === 401
      ? `GitHub rejected the github-token (${said}): it is invalid or expired`
      : f.status === 404
        ? `the github-token cannot see the deployments of ${repository} (${said})`
        : `the github-token may not write the deployments of ${repository} (${said})`;
  return `GitHub deployments are skipped for the rest of this step: ${why}. To record them, ${PERMISSION_FIX}. The deploy itself is not affected.`;
}

/**
 * One deployment's outcome, as a stage reports it. Every method is a no-op when the deployment
 * could not be created or bookkeeping is off; each returns whether GitHub took the status.
 */
export class DeploymentTracker {
  constructor(
    private readonly book: DeploymentBookkeeping,
    /** The deployment id; undefined when none was created. */
    readonly id: number | undefined,
    readonly environment: string | undefined,
    private readonly environmentUrl?: string,
    /** The created deployment (sha GitHub resolved, payload), when this tracker created it. */
    readonly record?: DeploymentRecord,
  ) {}

  /** Whether statuses are still being sent. */
  get active(): boolean {
    return this.id !== undefined && this.book.enabled;
  }

  /** `success` with `environment_url` (default: the `environment-url` input). */
  succeed(
    environmentUrl: string | undefined = this.environmentUrl,
    description = 'Deployed',
  ): Promise<boolean> {
    return this.setStatus('success', { description, ...(environmentUrl ? { environmentUrl } : {}) });
  }

  /** `failure` with a description (cut to 140 characters). */
  fail(description: string): Promise<boolean> {
    return this.setStatus('failure', { description });
  }

  /** `error`: the deploy could not be carried out (as opposed to a deploy that failed). */
  error(description: string): Promise<boolean> {
    return this.setStatus('error', { description });
  }

  /** `inactive`: no longer what runs in the environment. */
  inactive(description?: string): Promise<boolean> {
    return this.setStatus('inactive', description ? { description } : {});
  }

  async setStatus(state: DeploymentState, opts: DeploymentStatusOptions = {}): Promise<boolean> {
    if (this.id === undefined) return false;
    return this.book.setDeploymentStatus(this.id, state, opts);
  }
}

/**
 * Bookkeeping from a stage's inputs. Off (silently) when neither `environment` nor `github-token`
 * is given; off with ONE warning when only one of them is.
 */
export function githubDeployments(
  inputs: GitHubDeploymentInputs,
  options: DeploymentBookkeepingOptions = {},
): DeploymentBookkeeping {
  const { log: givenLog, ...apiOptions } = options;
  const log = givenLog ?? coreLog;
  const defaults = { environment: inputs.environment, environmentUrl: inputs.environmentUrl };
  if (!inputs.token) {
    if (inputs.environment) {
      log.warning(
        `GitHub deployments are skipped: 'environment' is '${inputs.environment}' but no 'github-token' was given. To record them, ${PERMISSION_FIX}. The deploy itself is not affected.`,
      );
    }
    return new DeploymentBookkeeping(undefined, defaults, { log, disabledReason: 'no github-token' });
  }
  if (!inputs.environment) {
    log.warning(
      `GitHub deployments: 'github-token' is set but 'environment' is not, so this deploy is not recorded as a GitHub deployment. Set 'environment' (e.g. production) to record it.`,
    );
  }
  let api: GitHubDeployments;
  try {
    api = new GitHubDeployments(inputs.token, { retryLog: (line) => log.info(line), ...apiOptions });
  } catch (error) {
    log.warning(`GitHub deployments are skipped: ${errorMessage(error)}`);
    return new DeploymentBookkeeping(undefined, defaults, { log, disabledReason: errorMessage(error) });
  }
  return new DeploymentBookkeeping(api, defaults, { log });
}
