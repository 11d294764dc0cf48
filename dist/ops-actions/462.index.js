export const id = 462;
export const ids = [462];
export const modules = {

/***/ 20835:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ workflowRunUrl),
/* harmony export */   No: () => (/* binding */ parseLinkHeader),
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   Qi: () => (/* binding */ createOctokit),
/* harmony export */   a9: () => (/* binding */ GITHUB_API_VERSION),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError),
/* harmony export */   oO: () => (/* binding */ githubRunContext),
/* harmony export */   ur: () => (/* binding */ callGitHub)
/* harmony export */ });
/* unused harmony exports DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_SERVER_URL, isRetryableGitHubError, isAmbiguousGitHubFailure, failureText */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81374);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41853);
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





const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
const DEFAULT_GITHUB_SERVER_URL = 'https://github.com';
/** Sent as `X-GitHub-Api-Version` on every request: the REST API version the code was written to. */
const GITHUB_API_VERSION = '2022-11-28';
/**
 * Reads the run context from the environment. GITHUB_REPOSITORY is required (the runner always sets
 * it); the URLs default to github.com's.
 */
function githubRunContext(env = process.env) {
    const repository = env['GITHUB_REPOSITORY'] ?? '';
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
    if (!m?.[1] || !m[2]) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`GITHUB_REPOSITORY is ${repository ? `'${repository}', not owner/name` : 'not set'}: the GitHub API helpers run inside GitHub Actions, which sets it.`);
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
function workflowRunUrl(ctx) {
    if (!ctx.runId)
        return undefined;
    return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`;
}
/** An Octokit for `apiUrl` (never the import-time default). Quiet: failures reach the caller as errors. */
function createOctokit(token, apiUrl) {
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__.getOctokit)(token, {
        baseUrl: apiUrl,
        userAgent: 'ops-actions',
        log: { debug: () => { }, info: () => { }, warn: () => { }, error: () => { } },
    });
}
/**
 * Classifies a thrown value. Octokit turns every HTTP error into a RequestError with `status` and
 * `response`, and every network failure into one with status 500 and no `response` (its `cause` is
 * fetch's error); an abort/timeout is rethrown as the AbortError itself with status 500.
 */
function describeGitHubError(error) {
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
            notSent: /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code),
            rateLimited: false,
            rateLimitExhausted: false,
            accessDenied: false,
        };
    }
    const status = typeof response['status'] === 'number' ? response['status'] : (rawStatus ?? 0);
    const headers = isObject(response['headers']) ? response['headers'] : {};
    const data = response['data'];
    const apiMessage = isObject(data) && typeof data['message'] === 'string'
        ? data['message']
        : typeof data === 'string' && data.trim() !== ''
            ? data.trim().slice(0, 200)
            : '';
    const remaining = headerValue(headers, 'x-ratelimit-remaining');
    const rateLimitExhausted = (status === 403 || status === 429) && remaining === '0';
    const rateLimited = status === 429 ||
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
function isRetryableGitHubError(error, idempotent) {
    const f = describeGitHubError(error);
    if (f.rateLimitExhausted)
        return false;
    if (f.rateLimited)
        return true;
    if (f.network)
        return idempotent || f.notSent;
    if (f.status !== undefined && f.status >= 500)
        return idempotent || f.status === 503;
    return false;
}
/** A failed call whose effect is unknown: it may or may not have been applied by GitHub. */
function isAmbiguousGitHubFailure(error) {
    const f = describeGitHubError(error);
    if (f.network)
        return !f.notSent;
    return f.status !== undefined && f.status >= 500 && f.status !== 503;
}
/** A GitHub API call failed (after its retries). `failure` says how; the token is never in the message. */
class GitHubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK {
    method;
    route;
    failure;
    attempts;
    name = 'GitHubApiError';
    constructor(message, method, route, failure, attempts) {
        super(message, { method, route, status: failure.status, attempts });
        this.method = method;
        this.route = route;
        this.failure = failure;
        this.attempts = attempts;
    }
    get status() {
        return this.failure.status;
    }
}
/**
 * Runs one GitHub API call with a per-request timeout and retries. `call` receives the AbortSignal
 * to pass as `request: { signal }`. Failures come out as a GitHubApiError naming the route, the
 * status and GitHub's message, with `secrets` redacted.
 */
async function callGitHub(method, route, call, opts) {
    const timeoutMs = opts.requestTimeoutMs ?? 10_000;
    const secrets = opts.secrets ?? [];
    let lastError;
    try {
        return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(async (attempt) => {
            if (attempt > 1 && opts.recover && isAmbiguousGitHubFailure(lastError)) {
                const found = await opts.recover(lastError);
                if (found !== undefined)
                    return found;
            }
            try {
                return await call(AbortSignal.timeout(timeoutMs), attempt);
            }
            catch (error) {
                lastError = error;
                throw error;
            }
        }, {
            deadlineMs: 20_000,
            maxAttempts: 4,
            initialDelayMs: 1000,
            maxDelayMs: 8000,
            ...opts.retry,
            isRetryable: (error) => isRetryableGitHubError(error, opts.idempotent) ||
                (opts.recover !== undefined && isAmbiguousGitHubFailure(error)),
            onRetry: ({ attempt, error, delayMs }) => opts.retryLog?.((0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(`GitHub API ${method} ${route}: ${failureText(describeGitHubError(error))}; retrying in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(delayMs)} (attempt ${attempt + 1}).`, secrets)),
        });
    }
    catch (error) {
        const last = error instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryError */ .J_ ? error.lastError : error;
        const attempts = error instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryError */ .J_ ? error.attempts : 1;
        const failure = describeGitHubError(last);
        const after = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
        throw new GitHubApiError((0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(`GitHub API ${method} ${route}: ${failureText(failure)}${after}`, secrets), method, route, { ...failure, message: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(failure.message, secrets) }, attempts);
    }
}
/** `HTTP 403: Resource not accessible by integration` / `network error: connect ECONNREFUSED …`. */
function failureText(f) {
    if (f.network)
        return `network error: ${f.message}`;
    return f.status !== undefined ? `HTTP ${f.status}: ${f.message}` : f.message;
}
/** The `rel` → URL map of a `Link` header (`<url>; rel="next", <url>; rel="last"`). */
function parseLinkHeader(link) {
    const out = {};
    if (!link)
        return out;
    for (const part of link.split(',')) {
        const m = /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
        if (m?.[1] !== undefined && m[2])
            for (const rel of m[2].split(/\s+/))
                out[rel] = m[1];
    }
    return out;
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
function isObject(v) {
    return typeof v === 'object' && v !== null;
}
function headerValue(headers, name) {
    for (const [k, v] of Object.entries(headers)) {
        if (k.toLowerCase() === name && v !== undefined && v !== null)
            return String(v);
    }
    return undefined;
}
function chainHas(error, test) {
    let e = error;
    for (let i = 0; i < 5 && isObject(e); i++) {
        if (test(e))
            return true;
        e = e['cause'];
    }
    return false;
}
/** The system error code (ECONNREFUSED…) anywhere in the cause chain. */
function networkCode(error) {
    let e = error;
    for (let i = 0; i < 5 && isObject(e); i++) {
        if (typeof e['code'] === 'string' && /^E[A-Z_]+$|^UND_ERR_[A-Z_]+$/.test(e['code']))
            return e['code'];
        e = e['cause'];
    }
    return '';
}
/** The most specific message in the cause chain (fetch's "fetch failed" says little). */
function causeMessage(error) {
    let e = error;
    let message = errorText(error);
    for (let i = 0; i < 5 && isObject(e); i++) {
        if (typeof e['message'] === 'string' && e['message'] !== '' && e['message'] !== 'fetch failed') {
            message = e['message'];
        }
        e = e['cause'];
    }
    return message;
}
function errorText(error) {
    if (error instanceof Error)
        return error.message || error.name;
    return String(error);
}


/***/ }),

/***/ 70462:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEPLOYMENT_STATES: () => (/* binding */ DEPLOYMENT_STATES),
/* harmony export */   DeploymentBookkeeping: () => (/* binding */ DeploymentBookkeeping),
/* harmony export */   DeploymentTracker: () => (/* binding */ DeploymentTracker),
/* harmony export */   GITHUB_DEPLOYMENT_INPUTS: () => (/* reexport safe */ _inputs_js__WEBPACK_IMPORTED_MODULE_3__.qq),
/* harmony export */   GitHubDeployments: () => (/* binding */ GitHubDeployments),
/* harmony export */   REQUEST_ID_PAYLOAD_KEY: () => (/* binding */ REQUEST_ID_PAYLOAD_KEY),
/* harmony export */   STATUS_DESCRIPTION_MAX: () => (/* binding */ STATUS_DESCRIPTION_MAX),
/* harmony export */   createDeploymentBody: () => (/* binding */ createDeploymentBody),
/* harmony export */   deploymentStatusBody: () => (/* binding */ deploymentStatusBody),
/* harmony export */   githubDeployments: () => (/* binding */ githubDeployments),
/* harmony export */   parsePayload: () => (/* binding */ parsePayload),
/* harmony export */   readGithubDeploymentInputs: () => (/* reexport safe */ _inputs_js__WEBPACK_IMPORTED_MODULE_3__.yo),
/* harmony export */   successOf: () => (/* binding */ successOf),
/* harmony export */   toDeploymentRecord: () => (/* binding */ toDeploymentRecord),
/* harmony export */   toDeploymentStatusRecord: () => (/* binding */ toDeploymentStatusRecord),
/* harmony export */   truncateDescription: () => (/* binding */ truncateDescription)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98641);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(20835);
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






// The inputs live in ./inputs.ts, which does not load the GitHub client; re-exported for callers.

/** Every state a deployment status can have (the API's `state` enum). */
const DEPLOYMENT_STATES = [
    'error',
    'failure',
    'inactive',
    'in_progress',
    'queued',
    'pending',
    'success',
];
/** GitHub's limit for a deployment status `description`. */
const STATUS_DESCRIPTION_MAX = 140;
/**
 * The payload key holding a random id of the create request. After a failure whose effect is
 * unknown (a 502, a timeout), the deployment is looked up by it instead of creating a second one.
 */
const REQUEST_ID_PAYLOAD_KEY = 'ops_actions_request_id';
// ---------------------------------------------------------------------------------------------
// Pure parts: request bodies and reading replies.
/** The body of POST /deployments: no auto-merge, no required status checks (see below). */
function createDeploymentBody(opts, ctx, requestId) {
    const ref = opts.ref || ctx.sha || ctx.refName;
    if (!ref) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK('Creating a GitHub deployment needs a ref: none was given and GITHUB_SHA is not set.');
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
function deploymentStatusBody(state, opts, ctx) {
    const logUrl = opts.logUrl ?? (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .workflowRunUrl */ .CX)(ctx);
    return {
        state,
        ...(logUrl ? { log_url: logUrl } : {}),
        ...(opts.description ? { description: truncateDescription(opts.description) } : {}),
        ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
        ...(opts.autoInactive !== undefined ? { auto_inactive: opts.autoInactive } : {}),
    };
}
/** One line, at most 140 characters (GitHub refuses longer status descriptions). */
function truncateDescription(text, max = STATUS_DESCRIPTION_MAX) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
/** The payload as an object: GitHub returns what was stored, an object or a string. */
function parsePayload(payload) {
    if (typeof payload === 'string') {
        if (payload.trim() === '')
            return {};
        try {
            return parsePayload(JSON.parse(payload));
        }
        catch {
            return {};
        }
    }
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
        ? payload
        : {};
}
/**
 * The `success` status that makes a deployment count as successful, or undefined. Statuses in any
 * order. The newest status must be `success` — or, with `countSuperseded`, `inactive` with the
 * newest non-`inactive` status before it being `success`.
 */
function successOf(statuses, countSuperseded = true) {
    const newestFirst = [...statuses].sort((a, b) => b.id - a.id);
    const latest = newestFirst[0];
    if (!latest)
        return undefined;
    if (latest.state === 'success')
        return latest;
    if (!countSuperseded || latest.state !== 'inactive')
        return undefined;
    const lastReal = newestFirst.find((s) => s.state !== 'inactive');
    return lastReal?.state === 'success' ? lastReal : undefined;
}
const deploymentSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
    sha: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    ref: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    task: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    payload: zod__WEBPACK_IMPORTED_MODULE_5__/* .unknown */ .L5J(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    production_environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().nullish(),
    transient_environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().nullish(),
});
const statusSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
    state: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(DEPLOYMENT_STATES),
    description: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    environment_url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    log_url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
});
/** Reads a deployment from a reply; throws an OperationError naming the missing field. */
function toDeploymentRecord(data) {
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
function toDeploymentStatusRecord(data) {
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
function parseReply(schema, data, what) {
    const parsed = schema.safeParse(data);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`GitHub API: unexpected ${what} in the reply (${where}).`);
}
// ---------------------------------------------------------------------------------------------
// The API.
const API_HEADERS = { 'x-github-api-version': _client_js__WEBPACK_IMPORTED_MODULE_4__/* .GITHUB_API_VERSION */ .a9 };
/** The deployment endpoints, strict: every failure throws a GitHubApiError (after retries). */
class GitHubDeployments {
    token;
    options;
    context;
    octokit;
    constructor(token, options = {}) {
        this.token = token;
        this.options = options;
        if (!token)
            throw new Error('GitHubDeployments: a token is required');
        this.context = options.context ?? (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .githubRunContext */ .oO)(options.env);
        this.octokit = (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .createOctokit */ .Qi)(token, this.context.apiUrl);
    }
    /** `owner/repo`. */
    get repository() {
        return `${this.context.owner}/${this.context.repo}`;
    }
    /**
     * POST /repos/{owner}/{repo}/deployments → the created deployment (201). A 202 ("merged branch"
     * response: GitHub merged the default branch into `ref` instead of creating a deployment, body
     * `{message}`) cannot happen with `auto_merge: false`, but is an error if it does. Retried after a
     * failure of unknown effect only once the deployment was looked up and not found.
     */
    async createDeployment(opts) {
        const requestId = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
        const body = createDeploymentBody(opts, this.context, requestId);
        return this.call('POST', '/repos/{owner}/{repo}/deployments', 'create', async (signal) => {
            const res = await this.octokit.rest.repos.createDeployment({
                ...this.repo(),
                ...body,
                headers: API_HEADERS,
                request: { signal },
            });
            if (res.status !== 201 || !('id' in res.data)) {
                const message = 'message' in res.data && res.data.message ? `: ${res.data.message}` : '';
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`GitHub answered ${res.status} to creating a deployment of '${body.ref}' and created none${message}`);
            }
            return toDeploymentRecord(res.data);
        }, () => this.findByRequestId(opts.environment, requestId));
    }
    /** POST /repos/{owner}/{repo}/deployments/{id}/statuses → the created status (201). */
    async setDeploymentStatus(id, state, opts = {}) {
        const body = deploymentStatusBody(state, opts, this.context);
        // Repeating a status is harmless (the same state twice): retried like a read.
        return this.call('POST', `/repos/{owner}/{repo}/deployments/${id}/statuses`, 'repeatable', async (signal) => {
            const res = await this.octokit.rest.repos.createDeploymentStatus({
                ...this.repo(),
                deployment_id: id,
                ...body,
                headers: API_HEADERS,
                request: { signal },
            });
            return toDeploymentStatusRecord(res.data);
        });
    }
    /** GET /repos/{owner}/{repo}/deployments/{id}. */
    async getDeployment(id) {
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
    async listDeploymentStatuses(id) {
        return this.call('GET', `/repos/{owner}/{repo}/deployments/${id}/statuses`, 'repeatable', async (signal) => {
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
        });
    }
    /**
     * The deployments of `environment`, newest first, page by page
     * (GET /repos/{owner}/{repo}/deployments?environment=&per_page=&page=, following the Link header's
     * `next`), at most `maxDeployments` of them. Stop iterating to stop fetching.
     */
    async *deployments(environment, opts = {}) {
        const perPage = Math.min(Math.max(opts.perPage ?? 30, 1), 100);
        const max = opts.maxDeployments ?? 100;
        let seen = 0;
        for (let page = 1;; page++) {
            const { items, hasNext } = await this.listPage(environment, perPage, page);
            // Newest first, as the API lists them; sorted within the page in case that ever changes.
            for (const d of items.sort((a, b) => b.id - a.id)) {
                if (seen++ >= max)
                    return;
                yield d;
            }
            if (!hasNext || items.length === 0)
                return;
        }
    }
    /** The newest deployment of `environment` with its statuses, or undefined when it has none. */
    async latestDeployment(environment) {
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
    async lastSuccessfulDeployment(environment, opts = {}) {
        const exclude = new Set(opts.excludeIds ?? []);
        const iterate = this.deployments(environment, {
            ...(opts.perPage !== undefined ? { perPage: opts.perPage } : {}),
            ...(opts.maxDeployments !== undefined ? { maxDeployments: opts.maxDeployments } : {}),
        });
        for await (const d of iterate) {
            if (exclude.has(d.id))
                continue;
            const statuses = await this.listDeploymentStatuses(d.id);
            const success = successOf(statuses, opts.countSuperseded ?? true);
            if (success)
                return { ...d, success, state: statuses[0]?.state ?? 'success' };
        }
        return undefined;
    }
    async listPage(environment, perPage, page, once = false) {
        return this.call('GET', '/repos/{owner}/{repo}/deployments', once ? 'once' : 'repeatable', async (signal) => {
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
                hasNext: (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLinkHeader */ .No)(link)['next'] !== undefined,
            };
        });
    }
    /** After a create of unknown effect: the deployment that carries `requestId`, if GitHub made it. */
    async findByRequestId(environment, requestId) {
        try {
            // one attempt: this runs inside the create's own retries
            const { items } = await this.listPage(environment, 30, 1, true);
            return items.find((d) => d.payload[REQUEST_ID_PAYLOAD_KEY] === requestId);
        }
        catch {
            return undefined;
        }
    }
    repo() {
        return { owner: this.context.owner, repo: this.context.repo };
    }
    /**
     * `repeatable` (reads, statuses: repeating them is harmless): retried on any transient failure.
     * `create`: retried when nothing was applied, or when `recover` did not find what was.
     * `once`: a single attempt.
     */
    call(method, route, mode, fn, recover) {
        return (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .callGitHub */ .ur)(method, route.replace('{owner}/{repo}', this.repository), fn, {
            ...this.options,
            ...(mode === 'once' ? { retry: { ...this.options.retry, maxAttempts: 1 } } : {}),
            idempotent: mode === 'repeatable',
            secrets: [this.token],
            ...(recover ? { recover } : {}),
        });
    }
}
function asArray(data) {
    if (!Array.isArray(data))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK('GitHub API: expected a list in the reply.');
    return data;
}
const coreLog = {
    info: (line) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(line),
    warning: (line) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(line),
};
const PERMISSION_FIX = 'give the job `permissions: deployments: write` and pass `github-token: ${{ github.token }}` (or a token that may write deployments)';
/**
 * GitHub deployments for a stage, as bookkeeping: every method swallows failures. The first
 * failure that proves the token cannot be used — no token at all, 401, 403 (not a rate limit), or
 * 404 on the repository's deployments — logs ONE warning naming `permissions: deployments: write`
 * and turns every later call into a no-op. Any other failure (after retries) is a warning for that
 * call only. Nothing here fails the step.
 */
class DeploymentBookkeeping {
    api;
    defaults;
    disabledReason;
    log;
    constructor(api, defaults = {}, options = {}) {
        this.api = api;
        this.defaults = defaults;
        this.log = options.log ?? coreLog;
        if (!api)
            this.disabledReason = options.disabledReason ?? 'no github-token';
    }
    /** False once bookkeeping is off (no token, or the token was refused). */
    get enabled() {
        return this.disabledReason === undefined;
    }
    /** The environment from the inputs. */
    get environment() {
        return this.defaults.environment;
    }
    /** Creates a deployment; undefined when off or on failure. */
    async createDeployment(opts) {
        return this.guard(`create a GitHub deployment for '${opts.environment}'`, true, (api) => api.createDeployment(opts));
    }
    /** Sets a status; false when off or on failure. */
    async setDeploymentStatus(id, state, opts = {}) {
        const status = await this.guard(`set GitHub deployment ${id} to '${state}'`, false, (api) => api.setDeploymentStatus(id, state, opts));
        if (status)
            this.log.info(`GitHub deployment ${id}: ${state}${opts.description ? ` — ${status.description}` : ''}`);
        return status !== undefined;
    }
    /** See GitHubDeployments.lastSuccessfulDeployment; undefined when off or on failure. */
    async lastSuccessfulDeployment(environment, opts = {}) {
        return this.guard(`read the GitHub deployments of '${environment}'`, true, (api) => api.lastSuccessfulDeployment(environment, opts));
    }
    /** See GitHubDeployments.latestDeployment; undefined when off or on failure. */
    async latestDeployment(environment) {
        return this.guard(`read the GitHub deployments of '${environment}'`, true, (api) => api.latestDeployment(environment));
    }
    /**
     * Creates a deployment (environment default: the `environment` input) and sets it `in_progress`.
     * The tracker then sets the outcome. Without an environment, or when off, the tracker does nothing.
     */
    async startDeployment(opts = {}) {
        const environment = opts.environment ?? this.defaults.environment;
        const environmentUrl = opts.environmentUrl ?? this.defaults.environmentUrl;
        if (!environment || !this.enabled)
            return new DeploymentTracker(this, undefined, environment, environmentUrl);
        const record = await this.createDeployment({ ...opts, environment });
        if (!record)
            return new DeploymentTracker(this, undefined, environment, environmentUrl);
        this.log.info(`GitHub deployment ${record.id}: ${record.ref === record.sha ? record.sha.slice(0, 12) : `${record.ref} (${record.sha.slice(0, 12)})`} to '${environment}'`);
        const tracker = new DeploymentTracker(this, record.id, environment, environmentUrl, record);
        await tracker.setStatus('in_progress', { description: opts.description ?? 'Deploying' });
        return tracker;
    }
    /** A tracker for an existing deployment (e.g. one a deploy step created, by its id). */
    track(id, environment, environmentUrl) {
        return new DeploymentTracker(this, id, environment ?? this.defaults.environment, environmentUrl ?? this.defaults.environmentUrl);
    }
    async guard(what, repositoryScoped, fn) {
        const api = this.api;
        if (!api || this.disabledReason !== undefined)
            return undefined;
        try {
            return await fn(api);
        }
        catch (error) {
            const failure = error instanceof _client_js__WEBPACK_IMPORTED_MODULE_4__/* .GitHubApiError */ .OS ? error.failure : (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .describeGitHubError */ .dZ)(error);
            if (failure.accessDenied || (repositoryScoped && failure.status === 404)) {
                this.disable(accessWarning(api.repository, failure));
            }
            else {
                this.log.warning(`Could not ${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}. The deploy itself is not affected.`);
            }
            return undefined;
        }
    }
    disable(warning) {
        if (this.disabledReason !== undefined)
            return;
        this.disabledReason = warning;
        this.log.warning(warning);
    }
}
function accessWarning(repository, f) {
    const said = `HTTP ${f.status}: ${f.message}`;
    const why = f.status === 401
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
class DeploymentTracker {
    book;
    id;
    environment;
    environmentUrl;
    record;
    constructor(book, 
    /** The deployment id; undefined when none was created. */
    id, environment, environmentUrl, 
    /** The created deployment (sha GitHub resolved, payload), when this tracker created it. */
    record) {
        this.book = book;
        this.id = id;
        this.environment = environment;
        this.environmentUrl = environmentUrl;
        this.record = record;
    }
    /** Whether statuses are still being sent. */
    get active() {
        return this.id !== undefined && this.book.enabled;
    }
    /** `success` with `environment_url` (default: the `environment-url` input). */
    succeed(environmentUrl = this.environmentUrl, description = 'Deployed') {
        return this.setStatus('success', { description, ...(environmentUrl ? { environmentUrl } : {}) });
    }
    /** `failure` with a description (cut to 140 characters). */
    fail(description) {
        return this.setStatus('failure', { description });
    }
    /** `error`: the deploy could not be carried out (as opposed to a deploy that failed). */
    error(description) {
        return this.setStatus('error', { description });
    }
    /** `inactive`: no longer what runs in the environment. */
    inactive(description) {
        return this.setStatus('inactive', description ? { description } : {});
    }
    async setStatus(state, opts = {}) {
        if (this.id === undefined)
            return false;
        return this.book.setDeploymentStatus(this.id, state, opts);
    }
}
/**
 * Bookkeeping from a stage's inputs. Off (silently) when neither `environment` nor `github-token`
 * is given; off with ONE warning when only one of them is.
 */
function githubDeployments(inputs, options = {}) {
    const { log: givenLog, ...apiOptions } = options;
    const log = givenLog ?? coreLog;
    const defaults = { environment: inputs.environment, environmentUrl: inputs.environmentUrl };
    if (!inputs.token) {
        if (inputs.environment) {
            log.warning(`GitHub deployments are skipped: 'environment' is '${inputs.environment}' but no 'github-token' was given. To record them, ${PERMISSION_FIX}. The deploy itself is not affected.`);
        }
        return new DeploymentBookkeeping(undefined, defaults, { log, disabledReason: 'no github-token' });
    }
    if (!inputs.environment) {
        log.warning(`GitHub deployments: 'github-token' is set but 'environment' is not, so this deploy is not recorded as a GitHub deployment. Set 'environment' (e.g. production) to record it.`);
    }
    let api;
    try {
        api = new GitHubDeployments(inputs.token, { retryLog: (line) => log.info(line), ...apiOptions });
    }
    catch (error) {
        log.warning(`GitHub deployments are skipped: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        return new DeploymentBookkeeping(undefined, defaults, { log, disabledReason: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error) });
    }
    return new DeploymentBookkeeping(api, defaults, { log });
}


/***/ })

};
