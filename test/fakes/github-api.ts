// A fake GitHub REST API for tests: a real HTTP server on 127.0.0.1 (ephemeral port) that serves
// the deployment endpoints of GitHub's published REST API (docs.github.com/rest/deployments,
// github/rest-api-description as typed by @octokit/openapi-types) for ONE repository, with GitHub's
// paths, status codes, JSON shapes, pagination and error bodies. Reach it through GITHUB_API_URL.
//
//   const gh = await startFakeGitHub({ repository: 'acme/shop' });
//   process.env.GITHUB_API_URL = gh.url;            // or pass a context with apiUrl: gh.url
//   … code under test, with token gh.token …
//   gh.requests                                     // every request: method, path, query, body, status
//   gh.deployments                                  // the live state, oldest first, each with .statuses
//   await gh.close();
//
// Endpoints (also under /repositories/{id}/…, the form GitHub's Link headers use):
//   POST /repos/{owner}/{repo}/deployments                 201 deployment; 202 {message} when
//        `auto_merge` is not false and `behindDefaultBranch`; 409 when `required_contexts` is not []
//        and `failingContexts` is set; 422 on a missing `ref`, an unknown ref (with `refs`) or bad types
//   GET  /repos/{owner}/{repo}/deployments                 200 list, newest first; filters sha, ref,
//        task, environment; per_page (default 30, max 100), page; `Link` with next/last/first/prev
//   GET  /repos/{owner}/{repo}/deployments/{id}            200 | 404
//   POST /repos/{owner}/{repo}/deployments/{id}/statuses   201 status (+ Location); 422 on a bad
//        `state` or a description over 140 characters; 404 for an unknown deployment. A `success`
//        with `auto_inactive` not false adds an `inactive` status to every earlier deployment of the
//        same environment that is non-transient, non-production and whose latest state is `success`
//   GET  /repos/{owner}/{repo}/deployments/{id}/statuses   200 list, newest first; per_page, page, Link
//
// Auth: `Authorization: token X` or `Bearer X`. No header → 401 "Requires authentication"; an unknown
// token → 401 "Bad credentials"; a `readOnlyTokens` token → 403 "Resource not accessible by
// integration" on POST (like GITHUB_TOKEN with `deployments: read`); a `forbiddenTokens` token →
// that 403 on every request (no deployments permission at all). Error bodies are GitHub's:
// `{"message", "documentation_url", "status"}` (status as a string).
//
// Time is a deterministic clock (2024-01-01T00:00:00Z, +1 s per created object) unless `now` is given.
// `failNext()` answers the next matching request(s) with an error (or drops the connection) instead,
// before or after carrying the request out.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// From the spec (`state` of "Create a deployment status"), on purpose not imported from lib/: the fake
// checks the library against GitHub's API, not against itself.
export const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
] as const;
export type FakeDeploymentState = (typeof DEPLOYMENT_STATES)[number];

const DOCS = 'https://docs.github.com/rest/deployments';
const DOC = {
  createDeployment: `${DOCS}/deployments#create-a-deployment`,
  listDeployments: `${DOCS}/deployments#list-deployments`,
  getDeployment: `${DOCS}/deployments#get-a-deployment`,
  createStatus: `${DOCS}/statuses#create-a-deployment-status`,
  listStatuses: `${DOCS}/statuses#list-deployment-statuses`,
  root: 'https://docs.github.com/rest',
};

export interface FakeGitHubOptions {
  /** `owner/name` of the one repository served (default `acme/shop`). */
  repository?: string;
  /** Its numeric id, used in Link URLs (default 1296269). */
  repositoryId?: number;
  /** Tokens with `deployments: write` (default: [`FAKE_GITHUB_TOKEN`]). */
  tokens?: readonly string[];
  /** Tokens that may read but get 403 on every POST. */
  readOnlyTokens?: readonly string[];
  /** Tokens that get 403 on every request. */
  forbiddenTokens?: readonly string[];
  /**
   * Ref (branch/tag name) → commit SHA. When given, a ref that is neither listed nor a 40-hex SHA
   * is refused with 422 "No ref found for: …". Default: any ref resolves to sha1(ref).
   */
  refs?: Record<string, string>;
  /** Commit status contexts that are not `success`: a create without `required_contexts: []` gets 409. */
  failingContexts?: readonly string[];
  /** The ref is behind the default branch: a create with `auto_merge` not false gets 202. */
  behindDefaultBranch?: boolean;
  /** The default branch, named in the 202 message (default `main`). */
  defaultBranch?: string;
  /** Clock for created_at/updated_at. */
  now?: () => Date;
  /** Answer every request this much later (GitHub's own latency is a few hundred ms). */
  latencyMs?: number;
  /**
   * Stored attestations, served by "List attestations" (docs.github.com/rest/repos/attestations):
   * GET /repos/{owner}/{repo}/attestations/{subject_digest} → 200 `{ attestations: [{ bundle,
   * repository_id, bundle_url }] }`, 404 when the repository has none for that digest. Any
   * repository name is served (attestations are looked up in the repository the policy names).
   */
  attestations?: readonly FakeAttestation[];
}

export interface FakeAttestation {
  /** `owner/name` it is stored in. */
  repository: string;
  /** `sha256:…`. */
  digest: string;
  /** The Sigstore bundle (JSON). */
  bundle: unknown;
}

export interface FakeStatus {
  url: string;
  id: number;
  node_id: string;
  state: FakeDeploymentState;
  creator: FakeUser;
  description: string;
  environment: string;
  target_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  environment_url: string;
  log_url: string;
  performed_via_github_app: null;
}

export interface FakeDeployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: FakeUser;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
  performed_via_github_app: null;
  /** Not part of the reply: every status, oldest first. */
  statuses: FakeStatus[];
}

export interface FakeUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: string;
  site_admin: boolean;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Query parameters (the last value when repeated). */
  query: Record<string, string>;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** `token`, `bearer` or undefined: the scheme of the Authorization header (its value is never kept). */
  authScheme: 'token' | 'bearer' | undefined;
  /** Which kind of token it was. */
  access: 'none' | 'unknown' | 'write' | 'read-only' | 'forbidden';
  /** The `X-GitHub-Api-Version` header, if sent. */
  apiVersion: string | undefined;
  /** The HTTP status the fake answered (0: the connection was dropped). */
  status: number;
  /** When the answer was sent (ms since the epoch; 0: not answered). */
  answeredAt: number;
}

/** An answer given instead of the real one, `times` times (default 1), to matching requests. */
export interface InjectedFailure {
  method?: string;
  /** Exact path or a pattern; any path when omitted. */
  path?: string | RegExp;
  /** The HTTP status, or `'drop'` to destroy the connection without a reply. */
  status: number | 'drop';
  /** Default: GitHub's error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
  /**
   * Carry the request out first, then answer the failure instead of the real reply: a reply lost
   * on the way back (the client cannot tell whether the request was applied).
   */
  afterApplying?: boolean;
}

/** A deployment to put straight into the fake's state (history for a test). */
export interface SeedDeployment {
  environment: string;
  ref?: string;
  sha?: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  description?: string;
  transient?: boolean;
  production?: boolean;
  /** States to add, oldest first (no auto_inactive is applied). */
  states?: readonly FakeDeploymentState[];
}

export interface FakeGitHub {
  /** The API base URL, for GITHUB_API_URL (`http://127.0.0.1:PORT`). */
  url: string;
  /** The first write token. */
  token: string;
  repository: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** The live state, oldest first. */
  deployments: FakeDeployment[];
  /** Adds a deployment (and its statuses) directly; returns it. */
  seedDeployment(seed: SeedDeployment): FakeDeployment;
  /** Answers matching requests with an error instead of the real reply. */
  failNext(failure: InjectedFailure): void;
  /** The states of a deployment's statuses, oldest first. */
  statesOf(id: number): FakeDeploymentState[];
  /** Requests matching a method and a path pattern. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  close(): Promise<void>;
}

export const FAKE_GITHUB_TOKEN = 'ghs_fakeGitHubWriteToken0000000000000';

type Access = RecordedRequest['access'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly doc: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const repository = options.repository ?? 'acme/shop';
  const repositoryId = options.repositoryId ?? 1296269;
  const writeTokens = new Set(options.tokens ?? [FAKE_GITHUB_TOKEN]);
  const readOnly = new Set(options.readOnlyTokens ?? []);
  const forbidden = new Set(options.forbiddenTokens ?? []);
  const defaultBranch = options.defaultBranch ?? 'main';
  const requests: RecordedRequest[] = [];
  const deployments: FakeDeployment[] = [];
  const failures: (InjectedFailure & { times: number })[] = [];
  let nextDeploymentId = 1;
  let nextStatusId = 1;
  let tick = 0;
  const clock = options.now ?? (() => new Date(Date.UTC(2024, 0, 1) + tick++ * 1000));
  const stamp = (): string =>
    clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  let base = '';
  const repoApi = (): string => `${base}/repos/${repository}`;

  const user: FakeUser = botUser('http://127.0.0.1');

  function resolveRef(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
    if (options.refs) return options.refs[ref];
    return createHash('sha1').update(ref).digest('hex');
  }

  function addDeployment(d: {
    environment: string;
    ref: string;
    sha: string;
    task: string;
    payload: Record<string, unknown> | string;
    description: string | null;
    transient: boolean;
    production: boolean | undefined;
  }): FakeDeployment {
    const id = nextDeploymentId++;
    const now = stamp();
    const deployment: FakeDeployment = {
      url: `${repoApi()}/deployments/${id}`,
      id,
      node_id: nodeId('DE', id),
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: user,
      created_at: now,
      updated_at: now,
      statuses_url: `${repoApi()}/deployments/${id}/statuses`,
      repository_url: repoApi(),
      transient_environment: d.transient,
      production_environment: d.production ?? d.environment === 'production',
      performed_via_github_app: null,
      statuses: [],
    };
    deployments.push(deployment);
    return deployment;
  }

  function addStatus(
    deployment: FakeDeployment,
    s: {
      state: FakeDeploymentState;
      description?: string;
      environment?: string;
      environmentUrl?: string;
      logUrl?: string;
    },
  ): FakeStatus {
    const id = nextStatusId++;
    const now = stamp();
    const previous = deployment.statuses.at(-1);
    const status: FakeStatus = {
      url: `${repoApi()}/deployments/${deployment.id}/statuses/${id}`,
      id,
      node_id: nodeId('DES', id),
      state: s.state,
      creator: user,
      description: s.description ?? '',
      // "If not defined, the environment of the previous status on the deployment will be used,
      // if it exists. Otherwise, the environment of the deployment will be used."
      environment: s.environment ?? previous?.environment ?? deployment.environment,
      target_url: s.logUrl ?? '',
      created_at: now,
      updated_at: now,
      deployment_url: deployment.url,
      repository_url: repoApi(),
      environment_url: s.environmentUrl ?? '',
      log_url: s.logUrl ?? '',
      performed_via_github_app: null,
    };
    deployment.statuses.push(status);
    deployment.updated_at = now;
    return status;
  }

  // -------------------------------------------------------------------------------------------
  // Handlers.

  function createDeployment(body: unknown): Reply {
    const b = requireObject(body, DOC.createDeployment);
    if (typeof b['ref'] !== 'string' || b['ref'] === '') {
      throw new HttpError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', DOC.createDeployment);
    }
    const ref = b['ref'];
    for (const [field, type] of [
      ['task', 'string'],
      ['environment', 'string'],
      ['auto_merge', 'boolean'],
      ['transient_environment', 'boolean'],
      ['production_environment', 'boolean'],
    ] as const) {
      if (b[field] !== undefined && typeof b[field] !== type) {
        throw new HttpError(
          422,
          `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(b[field])} is not a ${type}.`,
          DOC.createDeployment,
        );
      }
    }
    if (b['description'] !== undefined && b['description'] !== null && typeof b['description'] !== 'string') {
      throw new HttpError(
        422,
        "Invalid request.\n\nFor 'properties/description', not a string.",
        DOC.createDeployment,
      );
    }
    const payload = b['payload'] ?? {};
    if (
      typeof payload !== 'string' &&
      (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    ) {
      throw new HttpError(
        422,
        "Invalid request.\n\nFor 'properties/payload', not an object or a string.",
        DOC.createDeployment,
      );
    }
    const requiredContexts = b['required_contexts'];
    if (requiredContexts !== undefined && !isStringArray(requiredContexts)) {
      throw new HttpError(
        422,
        "Invalid request.\n\nFor 'properties/required_contexts', not an array of strings.",
        DOC.createDeployment,
      );
    }
    const sha = resolveRef(ref);
    if (sha === undefined) throw new HttpError(422, `No ref found for: ${ref}`, DOC.createDeployment);
    if (b['auto_merge'] !== false && options.behindDefaultBranch) {
      return { status: 202, body: { message: `Auto-merged ${defaultBranch} into ${ref} on deployment.` } };
    }
    const failing = options.failingContexts ?? [];
    const checked =
      requiredContexts === undefined ? failing : failing.filter((c) => requiredContexts.includes(c));
    if (checked.length > 0) {
      throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, DOC.createDeployment, {
        errors: [
          {
            contexts: checked.map((context) => ({ context, state: 'failure' })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
          },
        ],
      });
    }
    const environment = typeof b['environment'] === 'string' ? b['environment'] : 'production';
    const d = addDeployment({
      environment,
      ref,
      sha,
      task: typeof b['task'] === 'string' ? b['task'] : 'deploy',
      payload: payload as Record<string, unknown> | string,
      description: typeof b['description'] === 'string' ? b['description'] : '',
      transient: b['transient_environment'] === true,
      production: typeof b['production_environment'] === 'boolean' ? b['production_environment'] : undefined,
    });
    return { status: 201, body: deploymentJson(d) };
  }

  function listDeployments(url: URL): Reply {
    const q = url.searchParams;
    let list = [...deployments].reverse();
    for (const key of ['sha', 'ref', 'task', 'environment'] as const) {
      const v = q.get(key);
      if (v !== null && v !== '') list = list.filter((d) => d[key] === v);
    }
    return paginate(url, list.map(deploymentJson));
  }

  function createStatus(deployment: FakeDeployment, body: unknown): Reply {
    const b = requireObject(body, DOC.createStatus);
    const state = b['state'];
    if (typeof state !== 'string' || !(DEPLOYMENT_STATES as readonly string[]).includes(state)) {
      throw new HttpError(422, 'Validation Failed', DOC.createStatus, {
        errors: [
          {
            resource: 'DeploymentStatus',
            code: 'custom',
            field: 'state',
            message: 'state is not included in the list',
          },
        ],
      });
    }
    for (const field of ['description', 'environment', 'environment_url', 'log_url', 'target_url']) {
      if (b[field] !== undefined && typeof b[field] !== 'string') {
        throw new HttpError(
          422,
          `Invalid request.\n\nFor 'properties/${field}', not a string.`,
          DOC.createStatus,
        );
      }
    }
    if (b['auto_inactive'] !== undefined && typeof b['auto_inactive'] !== 'boolean') {
      throw new HttpError(
        422,
        "Invalid request.\n\nFor 'properties/auto_inactive', not a boolean.",
        DOC.createStatus,
      );
    }
    const description = b['description'] as string | undefined;
    if (description !== undefined && description.length > 140) {
      throw new HttpError(422, 'Validation Failed', DOC.createStatus, {
        errors: [
          {
            resource: 'DeploymentStatus',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 140 characters)',
          },
        ],
      });
    }
    for (const field of ['environment_url', 'log_url', 'target_url']) {
      const v = b[field];
      if (typeof v === 'string' && v !== '' && !isUrl(v)) {
        throw new HttpError(422, 'Validation Failed', DOC.createStatus, {
          errors: [
            { resource: 'DeploymentStatus', code: 'custom', field, message: `${field} must be a valid URL` },
          ],
        });
      }
    }
    const logUrl = (b['log_url'] as string | undefined) ?? (b['target_url'] as string | undefined);
    const status = addStatus(deployment, {
      state: state as FakeDeploymentState,
      ...(description !== undefined ? { description } : {}),
      ...(typeof b['environment'] === 'string' ? { environment: b['environment'] } : {}),
      ...(typeof b['environment_url'] === 'string' ? { environmentUrl: b['environment_url'] } : {}),
      ...(logUrl !== undefined ? { logUrl } : {}),
    });
    if (state === 'success' && b['auto_inactive'] !== false) autoInactivate(deployment);
    return { status: 201, body: status, headers: { location: status.url } };
  }

  // "Adds a new inactive status to all prior non-transient, non-production environment deployments
  // with the same repository and environment name as the created status's deployment. An inactive
  // status is only added to deployments that had a success state."
  function autoInactivate(current: FakeDeployment): void {
    for (const d of deployments) {
      if (d.id >= current.id || d.environment !== current.environment) continue;
      if (d.transient_environment || d.production_environment) continue;
      if (d.statuses.at(-1)?.state !== 'success') continue;
      addStatus(d, { state: 'inactive' });
    }
  }

  function paginate(url: URL, all: unknown[]): Reply {
    const perPage = clampInt(url.searchParams.get('per_page'), 30, 1, 100);
    const page = clampInt(url.searchParams.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    const linkTo = (p: number): string => {
      // GitHub's pagination links name the repository by id: /repositories/{id}/deployments?…
      const u = new URL(
        `${base}${url.pathname.replace(`/repos/${repository}`, `/repositories/${repositoryId}`)}`,
      );
      for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.set(k, v);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    if (page > 1) links.push(`<${linkTo(Math.min(page - 1, lastPage))}>; rel="prev"`);
    if (page < lastPage) links.push(`<${linkTo(page + 1)}>; rel="next"`, `<${linkTo(lastPage)}>; rel="last"`);
    if (page > 1) links.push(`<${linkTo(1)}>; rel="first"`);
    return { status: 200, body: items, headers: links.length ? { link: links.join(', ') } : {} };
  }

  function route(method: string, url: URL, body: unknown, access: Access): Reply {
    let path = url.pathname.replace(/\/+$/, '');
    const att = /^\/repos\/([^/]+\/[^/]+)\/attestations\/([^/]+)$/.exec(path);
    if (att && method === 'GET') {
      const found = (options.attestations ?? []).filter(
        (a) =>
          a.repository.toLowerCase() === att[1]?.toLowerCase() &&
          a.digest === decodeURIComponent(att[2] ?? ''),
      );
      if (found.length === 0)
        throw new HttpError(404, 'Not Found', `${DOCS.replace('deployments', 'repos')}/attestations`);
      return {
        status: 200,
        body: {
          attestations: found.map((a) => ({
            bundle: a.bundle,
            repository_id: repositoryId,
            bundle_url: null,
          })),
        },
      };
    }
    const byId = `/repositories/${repositoryId}`;
    if (path.startsWith(`${byId}/`)) path = `/repos/${repository}${path.slice(byId.length)}`;
    const prefix = `/repos/${repository}/deployments`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) {
      throw new HttpError(404, 'Not Found', DOC.root);
    }
    const rest = path.slice(prefix.length).split('/').filter(Boolean);
    const doc =
      rest.length === 0
        ? method === 'POST'
          ? DOC.createDeployment
          : DOC.listDeployments
        : rest.length === 1
          ? DOC.getDeployment
          : method === 'POST'
            ? DOC.createStatus
            : DOC.listStatuses;
    if (access === 'forbidden' || (access === 'read-only' && method !== 'GET')) {
      throw new HttpError(403, 'Resource not accessible by integration', doc);
    }
    if (rest.length === 0) {
      if (method === 'POST') return createDeployment(body);
      if (method === 'GET') return listDeployments(url);
      throw new HttpError(404, 'Not Found', DOC.root);
    }
    const id = /^\d+$/.test(rest[0] ?? '') ? Number(rest[0]) : Number.NaN;
    const deployment = deployments.find((d) => d.id === id);
    if (rest.length === 1 && method === 'GET') {
      if (!deployment) throw new HttpError(404, 'Not Found', DOC.getDeployment);
      return { status: 200, body: deploymentJson(deployment) };
    }
    if (rest.length === 2 && rest[1] === 'statuses') {
      if (!deployment) throw new HttpError(404, 'Not Found', doc);
      if (method === 'POST') return createStatus(deployment, body);
      if (method === 'GET') return paginate(url, [...deployment.statuses].reverse());
    }
    throw new HttpError(404, 'Not Found', DOC.root);
  }

  // -------------------------------------------------------------------------------------------
  // The server.

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (options.latencyMs) setTimeout(() => handle(req, res, text), options.latencyMs);
      else handle(req, res, text);
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', base);
    const auth = req.headers.authorization ?? '';
    const m = /^(token|bearer)\s+(\S+)$/i.exec(auth.trim());
    const scheme = m?.[1]?.toLowerCase() as 'token' | 'bearer' | undefined;
    const token = m?.[2];
    const access: Access = !token
      ? 'none'
      : writeTokens.has(token)
        ? 'write'
        : readOnly.has(token)
          ? 'read-only'
          : forbidden.has(token)
            ? 'forbidden'
            : 'unknown';
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const apiVersion = req.headers['x-github-api-version'];
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authScheme: scheme,
      access,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
      status: 0,
      answeredAt: 0,
    };
    requests.push(record);
    res.once('finish', () => {
      record.answeredAt = Date.now();
    });

    const injected = takeFailure(method, url.pathname);
    if (injected && !injected.afterApplying) {
      answerFailure(req, res, record, injected);
      return;
    }

    let reply: Reply;
    try {
      if (access === 'none') throw new HttpError(401, 'Requires authentication', DOC.root);
      if (access === 'unknown') throw new HttpError(401, 'Bad credentials', DOC.root);
      if (typeof body === 'string') throw new HttpError(400, 'Problems parsing JSON', DOC.root);
      reply = route(method, url, body, access);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = {
        status: error.status,
        body: { ...errorBody(error.status, error.message, error.doc), ...error.extra },
      };
    }
    if (injected) {
      answerFailure(req, res, record, injected);
      return;
    }
    record.status = reply.status;
    send(res, reply.status, reply.body, reply.headers);
  }

  function answerFailure(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    failure: InjectedFailure,
  ): void {
    if (failure.status === 'drop') {
      req.socket.destroy();
      return;
    }
    record.status = failure.status;
    send(
      res,
      failure.status,
      failure.body ?? errorBody(failure.status, statusText(failure.status), DOC.root),
      failure.headers,
    );
  }

  function takeFailure(method: string, path: string): InjectedFailure | undefined {
    const i = failures.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    const f = failures[i];
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) failures.splice(i, 1);
    return f;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  Object.assign(user, botUser(base));

  return {
    url: base,
    token: [...writeTokens][0] ?? FAKE_GITHUB_TOKEN,
    repository,
    requests,
    deployments,
    seedDeployment(seed) {
      const ref = seed.ref ?? seed.sha ?? 'main';
      const d = addDeployment({
        environment: seed.environment,
        ref,
        sha: seed.sha ?? resolveRef(ref) ?? createHash('sha1').update(ref).digest('hex'),
        task: seed.task ?? 'deploy',
        payload: seed.payload ?? {},
        description: seed.description ?? '',
        transient: seed.transient ?? false,
        production: seed.production,
      });
      for (const state of seed.states ?? []) addStatus(d, { state });
      return d;
    },
    failNext(failure) {
      failures.push({ ...failure, times: failure.times ?? 1 });
    },
    statesOf(id) {
      return deployments.find((d) => d.id === id)?.statuses.map((s) => s.state) ?? [];
    },
    requestsTo(method, path) {
      return requests.filter(
        (r) =>
          r.method === method.toUpperCase() &&
          (typeof path === 'string' ? r.path === path : path.test(r.path)),
      );
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    ...headers,
  });
  res.end(text);
}

function errorBody(status: number, message: string, doc: string): Record<string, unknown> {
  return { message, documentation_url: doc, status: String(status) };
}

/** A deployment as the API returns it (without the fake's own `statuses`). */
function deploymentJson(d: FakeDeployment): Omit<FakeDeployment, 'statuses'> {
  const { statuses: _statuses, ...json } = d;
  return json;
}

function requireObject(body: unknown, doc: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'Invalid request.\n\nInvalid input: the body must be a JSON object.', doc);
  }
  return body as Record<string, unknown>;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isUrl(v: string): boolean {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function clampInt(raw: string | null, dflt: number, min: number, max: number): number {
  const n = raw === null || !/^\d+$/.test(raw) ? dflt : Number(raw);
  return Math.min(Math.max(n, min), max);
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

function statusText(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Bad credentials',
      403: 'Forbidden',
      404: 'Not Found',
      409: 'Conflict',
      422: 'Validation Failed',
      429: 'API rate limit exceeded',
      500: 'Internal Server Error',
      502: 'Server Error',
      503: 'Service Unavailable',
    }[status] ?? 'Error'
  );
}

function botUser(base: string): FakeUser {
  const login = 'github-actions[bot]';
  const url = `${base}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id: 41898282,
    node_id: 'MDM6Qm90NDE4OTgyODI=',
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    gravatar_id: '',
    url,
    html_url: 'https://github.com/apps/github-actions',
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'Bot',
    site_admin: false,
  };
}
