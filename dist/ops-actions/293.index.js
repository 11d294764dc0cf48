export const id = 293;
export const ids = [293];
export const modules = {

/***/ 8293:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ../main/node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(4846);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(1087);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(8619);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(7188);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(1456);
// EXTERNAL MODULE: ./build/lib/secrets.js
var secrets = __webpack_require__(5431);
;// CONCATENATED MODULE: ./build/lib/koyeb/client.js
// A small client for the Koyeb REST API (https://app.koyeb.com, `Authorization: Bearer <token>`),
// on the global fetch of Node 20+. Endpoints, bodies and error shapes follow Koyeb's published
// spec, koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json`. Every request has its own timeout;
// transient failures (429 honouring Retry-After, 5xx, network errors) are retried with backoff;
// 401/403/404 and validation errors fail at once. The token is never part of a message.






const DEFAULT_KOYEB_API_URL = 'https://app.koyeb.com';
/** A request that did not get a successful reply: an HTTP error or a network failure. */
class KoyebRequestError extends errors/* OperationError */.OK {
    method;
    path;
    /** How many attempts were made (more than one when retries were exhausted). */
    attempts = 1;
    constructor(message, method, path) {
        super(message, { method, path });
        this.method = method;
        this.path = path;
    }
}
/**
 * An HTTP error reply, parsed from Koyeb's `Error` / `ErrorWithFields` body
 * (`{status, code, message, fields?}`) or the gateway's `google.rpc.Status` (`{code, message}`).
 */
class KoyebApiError extends KoyebRequestError {
    status;
    code;
    apiMessage;
    fields;
    retryAfterMs;
    name = 'KoyebApiError';
    constructor(message, method, path, status, code, apiMessage, fields, retryAfterMs) {
        super(message, method, path);
        this.status = status;
        this.code = code;
        this.apiMessage = apiMessage;
        this.fields = fields;
        this.retryAfterMs = retryAfterMs;
    }
}
/** No HTTP reply at all: connection refused, DNS failure, reset, or the request timed out. */
class KoyebNetworkError extends KoyebRequestError {
    notSent;
    timedOut;
    name = 'KoyebNetworkError';
    constructor(message, method, path, 
    /** True when the request certainly never reached the server (refused, DNS, unreachable). */
    notSent, timedOut) {
        super(message, method, path);
        this.notSent = notSent;
        this.timedOut = timedOut;
    }
}
/** Whether a failed call may be tried again. Calls that change state are retried only when the
 * failure proves nothing was applied (429, 503, a connection never made). */
function isRetryableKoyebError(error, idempotent) {
    if (error instanceof KoyebApiError) {
        if (error.status === 429 || error.status === 503)
            return true;
        return idempotent && error.status >= 500;
    }
    if (error instanceof KoyebNetworkError)
        return idempotent || error.notSent;
    return false;
}
/** Whether a failed state-changing call may or may not have been applied by the server. */
function isAmbiguousFailure(error) {
    if (error instanceof KoyebApiError)
        return error.status >= 500 && error.status !== 503;
    if (error instanceof KoyebNetworkError)
        return !error.notSent;
    return false;
}
/** `Retry-After` in seconds or as an HTTP date → ms; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === null || value.trim() === '')
        return undefined;
    const t = value.trim();
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    const date = Date.parse(t);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
const errorBody = schemas/* looseObject */._H3({
    status: schemas/* number */.aig().optional(),
    code: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).optional(),
    message: schemas/* string */.YjP().optional(),
    fields: schemas/* array */.YOg(schemas/* looseObject */._H3({ field: schemas/* string */.YjP().optional(), description: schemas/* string */.YjP().optional() }))
        .optional(),
});
/** Reads an error reply; a body that is not Koyeb's JSON error is summarised, never dumped. */
function parseErrorBody(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
        return snippet ? { message: snippet, fields: [] } : { fields: [] };
    }
    const parsed = errorBody.safeParse(json);
    if (!parsed.success)
        return { fields: [] };
    const { code, message, fields } = parsed.data;
    return {
        ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
        ...(message ? { message } : {}),
        fields: (fields ?? []).map((f) => ({ field: f.field ?? '', description: f.description ?? '' })),
    };
}
// Replies are checked for the fields this code relies on; everything else passes through.
const int64 = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).transform((v) => Number(v));
const serviceSchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP().optional(),
    app_id: schemas/* string */.YjP().optional(),
    status: schemas/* string */.YjP().optional(),
    active_deployment_id: schemas/* string */.YjP().optional(),
    latest_deployment_id: schemas/* string */.YjP().optional(),
});
const definitionSchema = schemas/* looseObject */._H3({
    docker: schemas/* looseObject */._H3({ image: schemas/* string */.YjP().optional() }).optional(),
    env: schemas/* array */.YOg(schemas/* looseObject */._H3({ key: schemas/* string */.YjP().optional() })).optional(),
    routes: schemas/* array */.YOg(schemas/* looseObject */._H3({ path: schemas/* string */.YjP().optional() })).optional(),
});
const deploymentSchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP().min(1),
    service_id: schemas/* string */.YjP().optional(),
    status: schemas/* string */.YjP().optional(),
    definition: definitionSchema.optional(),
    messages: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
const appSchema = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP().optional(),
    domains: schemas/* array */.YOg(schemas/* looseObject */._H3({ name: schemas/* string */.YjP().optional(), type: schemas/* string */.YjP().optional() })).optional(),
});
const paging = {
    limit: int64.optional(),
    offset: int64.optional(),
    count: int64.optional(),
    has_next: schemas/* boolean */.zMY().optional(),
};
class KoyebClient {
    apiUrl;
    token;
    opts;
    log;
    doFetch;
    constructor(opts) {
        if (!opts.token)
            throw new Error('KoyebClient: a token is required');
        this.opts = opts;
        this.token = opts.token;
        this.apiUrl = (opts.apiUrl ?? DEFAULT_KOYEB_API_URL).replace(/\/+$/, '');
        this.log = opts.log ?? ((line) => core/* info */.pq(line));
        this.doFetch = opts.fetch ?? fetch;
    }
    /** GET /v1/services/{id} → `service`. */
    async getService(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/services/${encodeURIComponent(id)}`,
            schema: schemas/* looseObject */._H3({ service: serviceSchema }),
            what: `service '${id}'`,
        });
        return reply.service;
    }
    /** GET /v1/services?app_id=&name=&limit=&offset= → `services` (the `name` filter is the API's). */
    async listServices(filter = {}) {
        const reply = await this.request({
            method: 'GET',
            path: '/v1/services',
            query: { app_id: filter.appId, name: filter.name, limit: filter.limit, offset: filter.offset },
            schema: schemas/* looseObject */._H3({ services: schemas/* array */.YOg(serviceSchema).optional(), ...paging }),
            what: 'services',
        });
        return page(reply.services ?? [], reply);
    }
    /** GET /v1/apps/{id} → `app` (with its `domains`). */
    async getApp(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/apps/${encodeURIComponent(id)}`,
            schema: schemas/* looseObject */._H3({ app: appSchema }),
            what: `app '${id}'`,
        });
        return reply.app;
    }
    /** GET /v1/apps?name=&limit=&offset= → `apps`. */
    async listApps(filter = {}) {
        const reply = await this.request({
            method: 'GET',
            path: '/v1/apps',
            query: { name: filter.name, limit: filter.limit, offset: filter.offset },
            schema: schemas/* looseObject */._H3({ apps: schemas/* array */.YOg(appSchema).optional(), ...paging }),
            what: 'apps',
        });
        return page(reply.apps ?? [], reply);
    }
    /**
     * PUT /v1/services/{id} with an `UpdateService` body → the updated `service`, whose
     * `latest_deployment_id` is the deployment this update created. `dryRun` only validates.
     * Not retried when the failure leaves it unknown whether the update was applied.
     */
    async updateService(id, body, opts = {}) {
        const reply = await this.request({
            method: 'PUT',
            path: `/v1/services/${encodeURIComponent(id)}`,
            query: { dry_run: opts.dryRun ? true : undefined },
            body,
            schema: schemas/* looseObject */._H3({ service: serviceSchema.optional() }),
            what: `service '${id}'`,
        });
        if (!reply.service) {
            if (opts.dryRun)
                return { id };
            throw new errors/* OperationError */.OK(`Koyeb API PUT /v1/services/${id}: the reply has no 'service'.`);
        }
        return reply.service;
    }
    /** GET /v1/deployments/{id} → `deployment` with `status`, `definition`, `messages`. */
    async getDeployment(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/deployments/${encodeURIComponent(id)}`,
            schema: schemas/* looseObject */._H3({ deployment: deploymentSchema }),
            what: `deployment '${id}'`,
        });
        return reply.deployment;
    }
    /** GET /v1/deployments?service_id=&limit=&offset=&statuses= → `deployments`, newest first. */
    async listDeployments(filter = {}) {
        const reply = await this.request({
            method: 'GET',
            path: '/v1/deployments',
            query: {
                service_id: filter.serviceId,
                app_id: filter.appId,
                statuses: filter.statuses,
                limit: filter.limit,
                offset: filter.offset,
            },
            schema: schemas/* looseObject */._H3({ deployments: schemas/* array */.YOg(deploymentSchema).optional(), ...paging }),
            what: 'deployments',
        });
        return page(reply.deployments ?? [], reply);
    }
    /** POST /v1/deployments/{id}/cancel — allowed while PENDING, PROVISIONING or SCHEDULED. */
    async cancelDeployment(id) {
        await this.request({
            method: 'POST',
            path: `/v1/deployments/${encodeURIComponent(id)}/cancel`,
            body: {},
            schema: schemas/* unknown */.L5J(),
            what: `deployment '${id}'`,
        });
    }
    async request(spec) {
        const url = this.url(spec.path, spec.query);
        const idempotent = spec.method === 'GET';
        const maxAttempts = this.opts.maxAttempts ?? 6;
        const maxRetryAfter = this.opts.maxRetryAfterMs ?? 60_000;
        let retryAfterMs = 0;
        try {
            return await (0,retry/* retry */.L5)(() => this.once(spec, url), {
                deadlineMs: this.opts.retryDeadlineMs ?? 120_000,
                maxAttempts,
                initialDelayMs: this.opts.initialDelayMs ?? 1000,
                maxDelayMs: 15_000,
                isRetryable: (error) => isRetryableKoyebError(error, idempotent),
                onRetry: ({ attempt, error, delayMs }) => {
                    retryAfterMs = error instanceof KoyebApiError ? (error.retryAfterMs ?? 0) : 0;
                    const wait = Math.min(Math.max(delayMs, retryAfterMs), maxRetryAfter);
                    const why = retryAfterMs > 0 ? ` (Retry-After: ${(0,duration/* formatDuration */.a)(retryAfterMs)})` : '';
                    this.log(`Koyeb API ${spec.method} ${spec.path}: ${this.safe(errorText(error))}; retrying in ${(0,duration/* formatDuration */.a)(wait)}${why} (attempt ${attempt + 1} of ${maxAttempts}).`);
                },
                sleep: (ms) => (0,retry/* abortableSleep */.Mf)(Math.min(Math.max(ms, retryAfterMs), maxRetryAfter)),
            });
        }
        catch (error) {
            if (error instanceof retry/* RetryError */.J_ && error.lastError instanceof KoyebRequestError) {
                const last = error.lastError;
                last.attempts = error.attempts;
                last.message = `${last.message} (gave up after ${error.attempts} attempts in ${(0,duration/* formatDuration */.a)(error.elapsedMs)})`;
                throw last;
            }
            throw error;
        }
    }
    async once(spec, url) {
        const { method, path } = spec;
        const timeoutMs = this.opts.requestTimeoutMs ?? 30_000;
        let status;
        let text;
        let retryAfter;
        try {
            const res = await this.doFetch(url, {
                method,
                headers: {
                    authorization: `Bearer ${this.token}`,
                    accept: 'application/json',
                    'user-agent': 'ops-actions (+https://github.com/features/actions)',
                    ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
                },
                ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
                signal: AbortSignal.timeout(timeoutMs),
            });
            status = res.status;
            retryAfter = res.headers.get('retry-after');
            text = await res.text();
        }
        catch (error) {
            throw this.networkError(method, path, error, timeoutMs);
        }
        if (status < 200 || status > 299)
            throw this.apiError(spec, status, text, retryAfter);
        let json;
        try {
            json = text.trim() === '' ? {} : JSON.parse(text);
        }
        catch {
            throw new errors/* OperationError */.OK(`Koyeb API ${method} ${path}: the reply (HTTP ${status}) is not JSON.`);
        }
        const parsed = spec.schema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
            throw new errors/* OperationError */.OK(`Koyeb API ${method} ${path}: unexpected reply (${where}).`);
        }
        return parsed.data;
    }
    apiError(spec, status, text, retryAfter) {
        const { method, path } = spec;
        const body = parseErrorBody(text);
        const detail = [body.code, body.message].filter(Boolean).join(': ');
        const fields = body.fields
            .map((f) => `\n  - ${f.field || '(request)'}: ${f.description || 'invalid'}`)
            .join('');
        const hint = this.opts.tokenHint ? ` ${this.opts.tokenHint}` : '';
        let lead;
        if (status === 401)
            lead = `Koyeb rejected the API token (HTTP 401): it is missing, invalid or revoked.${hint}`;
        else if (status === 403)
            lead = `The API token may not access ${spec.what} (HTTP 403): it belongs to another organization or lacks the permission.${hint}`;
        else if (status === 404)
            lead = `Koyeb has no ${spec.what} (HTTP 404).`;
        else if (status === 400)
            lead = `Koyeb refused the request as invalid (HTTP 400).`;
        else if (status === 429)
            lead = `Koyeb is rate limiting this token (HTTP 429).`;
        else
            lead = `HTTP ${status}.`;
        const message = `Koyeb API ${method} ${path}: ${lead}${detail ? ` Koyeb says: ${detail}.` : ''}${fields}`;
        return new KoyebApiError(this.safe(message), method, path, status, body.code, body.message === undefined ? undefined : this.safe(body.message), body.fields.map((f) => ({ field: f.field, description: this.safe(f.description) })), parseRetryAfter(retryAfter));
    }
    networkError(method, path, error, timeoutMs) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'TimeoutError' || name === 'AbortError') {
            return new KoyebNetworkError(`Koyeb API ${method} ${path}: no reply within ${(0,duration/* formatDuration */.a)(timeoutMs)}.`, method, path, false, true);
        }
        const cause = error instanceof Error ? error.cause : undefined;
        const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
        const what = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
        const notSent = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code);
        return new KoyebNetworkError(this.safe(`Koyeb API ${method} ${path}: could not reach ${this.apiUrl}: ${what}`), method, path, notSent, false);
    }
    url(path, query = {}) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) {
            if (v === undefined)
                continue;
            if (Array.isArray(v))
                for (const item of v)
                    params.append(k, item);
            else
                params.append(k, String(v));
        }
        const qs = params.toString();
        return `${this.apiUrl}${path}${qs ? `?${qs}` : ''}`;
    }
    /** Belt and braces: nothing built from a reply may carry the token. */
    safe(text) {
        return (0,secrets/* redact */.E$)(text, [this.token]);
    }
}
function page(items, reply) {
    return {
        items,
        limit: reply.limit ?? items.length,
        offset: reply.offset ?? 0,
        count: reply.count ?? items.length,
        hasNext: reply.has_next ?? false,
    };
}
function errorText(error) {
    if (error instanceof KoyebApiError) {
        return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}${error.apiMessage ? ` (${error.apiMessage})` : ''}`;
    }
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./build/lib/koyeb/status.js
// What a Koyeb deployment status means for someone waiting on it: still on its way, healthy, or
// failed — and whether it can still be cancelled. Pure; the statuses are `Deployment.Status` of
// Koyeb's spec (see ./types.ts).

const PENDING = new Set([
    'PENDING',
    'PROVISIONING',
    'SCHEDULED',
    'ALLOCATING',
    'STARTING',
]);
// HEALTHY is success. SLEEPING is a healthy deployment scaled to zero (scale-to-zero services
// sleep once idle), so it counts as success too.
const HEALTHY = new Set(['HEALTHY', 'SLEEPING']);
// Everything else cannot become healthy any more: ERROR/ERRORING (failed to build or start),
// DEGRADED/UNHEALTHY (health checks failing), CANCELING/CANCELED, STOPPING/STOPPED (replaced
// or stopped), STASHED (saved without being deployed).
const FAILED = new Set([
    'CANCELING',
    'CANCELED',
    'DEGRADED',
    'UNHEALTHY',
    'STOPPING',
    'STOPPED',
    'ERRORING',
    'ERROR',
    'STASHED',
]);
const CANCELLABLE = new Set(['PENDING', 'PROVISIONING', 'SCHEDULED']);
function isDeploymentStatus(value) {
    return DEPLOYMENT_STATUSES.includes(value);
}
function statusMeaning(status) {
    const s = (status ?? 'PENDING').toUpperCase();
    const cancellable = CANCELLABLE.has(s);
    if (HEALTHY.has(s))
        return { phase: 'healthy', cancellable, unknown: false };
    if (FAILED.has(s))
        return { phase: 'failed', cancellable, unknown: false };
    return { phase: 'pending', cancellable, unknown: !PENDING.has(s) };
}
function newWatch(deploymentId) {
    return { deploymentId, timeline: [], lastStatus: undefined, messagesSeen: 0 };
}
/**
 * Folds one observation into the watch: a changed status or new messages add a timeline entry
 * (returned, for logging), then decides: healthy and failed end the watch; a pending status
 * past the timeout is a timeout; otherwise wait for the next poll.
 */
function observe(state, observation, timeoutMs) {
    const status = (observation.status ?? 'PENDING').toUpperCase();
    const messages = observation.messages ?? [];
    // The API returns the deployment's messages so far; report only those not reported yet.
    const fresh = messages.length >= state.messagesSeen ? messages.slice(state.messagesSeen) : [...messages];
    let entry;
    if (status !== state.lastStatus || fresh.length > 0) {
        entry = { deploymentId: state.deploymentId, status, elapsedMs: observation.elapsedMs, messages: fresh };
    }
    const next = {
        deploymentId: state.deploymentId,
        timeline: entry ? [...state.timeline, entry] : state.timeline,
        lastStatus: status,
        messagesSeen: messages.length,
    };
    const { phase } = statusMeaning(status);
    let decision;
    if (phase === 'healthy')
        decision = { kind: 'healthy', status };
    else if (phase === 'failed')
        decision = { kind: 'failed', status };
    else if (observation.elapsedMs >= timeoutMs)
        decision = { kind: 'timeout', status };
    else
        decision = { kind: 'wait' };
    return { state: next, entry, decision };
}

;// CONCATENATED MODULE: ./build/lib/koyeb/deploy.js
// Deploying on Koyeb with the REST API, for every stage that does it (deploy-koyeb, rollback):
// finding a service by id or by app + service name, sending a definition with PUT without ever
// applying it twice, following a deployment until it is healthy or failed, cancelling it, and
// re-deploying an earlier deployment's definition — Koyeb has no rollback endpoint.





function describeServiceRef(ref) {
    return 'serviceId' in ref ? `service '${ref.serviceId}'` : `service '${ref.app}/${ref.service}'`;
}
/**
 * The service, read with GET /v1/services/{id}. Names are resolved with GET /v1/apps?name= and
 * GET /v1/services?app_id=&name= (exact match: the API's `name` is only a filter).
 */
async function resolveService(client, ref) {
    if ('serviceId' in ref)
        return client.getService(ref.serviceId);
    const apps = (await client.listApps({ name: ref.app, limit: 100 })).items;
    const app = apps.find((a) => a.name === ref.app);
    if (!app) {
        const near = apps.map((a) => a.name).filter(Boolean);
        throw new errors/* OperationError */.OK(`Koyeb has no app named '${ref.app}' that this token can see${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the app name, or give the service id instead.`);
    }
    const services = (await client.listServices({ appId: app.id, name: ref.service, limit: 100 })).items;
    const found = services.find((s) => s.name === ref.service && (s.app_id === undefined || s.app_id === app.id));
    if (!found) {
        const near = services.map((s) => s.name).filter(Boolean);
        throw new errors/* OperationError */.OK(`Koyeb app '${ref.app}' has no service named '${ref.service}'${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the service name, or give the service id instead.`);
    }
    return client.getService(found.id);
}
/** An id the API returns, or undefined for a missing or empty one (proto3 JSON may send ''). */
function presentId(id) {
    return id ? id : undefined;
}
/**
 * Sends `definition` with PUT /v1/services/{id}, which creates a deployment. A failure that leaves
 * it unknown whether the update was applied (a 5xx, a lost connection) is never blindly repeated:
 * the service is read first, and if its latest deployment is new and carries our image, that is
 * the deployment; if nothing changed, the PUT is sent again.
 */
async function applyDefinition(client, opts) {
    const { serviceId, definition } = opts;
    return (0,retry/* retry */.L5)(async (attempt) => {
        if (attempt > 1) {
            const now = await client.getService(serviceId);
            const latest = presentId(now.latest_deployment_id);
            if (latest && latest !== opts.knownLatestId) {
                const created = await client.getDeployment(latest);
                if (created.definition?.docker?.image === definition.docker?.image) {
                    opts.log?.(`The update was applied after all: deployment ${latest} carries the new definition.`);
                    return { deploymentId: latest, service: now, reconciled: true };
                }
                throw new errors/* OperationError */.OK(`Service ${serviceId} got another new deployment (${latest}) while this update was in doubt; not sending it again. Check the service in the Koyeb console.`);
            }
        }
        const service = await client.updateService(serviceId, { definition });
        const deploymentId = presentId(service.latest_deployment_id);
        if (!deploymentId || deploymentId === opts.knownLatestId) {
            throw new errors/* OperationError */.OK(`Koyeb accepted the update of service ${serviceId} but reported no new deployment (latest_deployment_id: '${deploymentId ?? ''}').`);
        }
        return { deploymentId, service, reconciled: false };
    }, {
        deadlineMs: 300_000,
        maxAttempts: (opts.attempts ?? 2) + 1,
        initialDelayMs: opts.retryDelayMs ?? 2000,
        isRetryable: isAmbiguousFailure,
        onRetry: ({ error, delayMs }) => opts.log?.(`${error instanceof Error ? error.message : String(error)} — it may or may not have been applied; checking the service in ${(0,duration/* formatDuration */.a)(delayMs)}.`),
    });
}
/**
 * Follows a deployment with GET /v1/deployments/{id} until it is healthy, failed, or the timeout
 * passes, logging each status change with the elapsed time and Koyeb's messages.
 */
async function waitForDeployment(client, deploymentId, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? ((ms) => (0,retry/* abortableSleep */.Mf)(ms));
    const started = opts.since ?? now();
    let state = newWatch(deploymentId);
    for (;;) {
        const deployment = await client.getDeployment(deploymentId);
        const elapsedMs = now() - started;
        const step = observe(state, { status: deployment.status, messages: deployment.messages ?? [], elapsedMs }, opts.timeoutMs);
        state = step.state;
        if (step.entry && opts.log) {
            const unknown = statusMeaning(step.entry.status).unknown
                ? ' (a status this action does not know: still waiting)'
                : '';
            opts.log(`[+${(0,duration/* formatDuration */.a)(elapsedMs)}] ${opts.label ?? 'deployment'} ${deploymentId}: ${step.entry.status}${unknown}`);
            for (const m of step.entry.messages)
                opts.log(`    ${m}`);
        }
        if (step.decision.kind !== 'wait') {
            return { decision: step.decision, deployment, timeline: state.timeline, elapsedMs };
        }
        const remaining = opts.timeoutMs - elapsedMs;
        await sleep(Math.max(0, Math.min(opts.pollIntervalMs, remaining)));
    }
}
/**
 * Cancels a deployment with POST /v1/deployments/{id}/cancel when its status allows it (pending,
 * provisioning, scheduled). Returns whether it was cancelled; a refusal because it moved on in
 * the meantime is not an error.
 */
async function cancelIfCancellable(client, deployment, log) {
    if (!statusMeaning(deployment.status).cancellable)
        return false;
    try {
        await client.cancelDeployment(deployment.id);
        log?.(`Cancelled deployment ${deployment.id} (it was ${deployment.status}).`);
        return true;
    }
    catch (error) {
        if (error instanceof KoyebApiError && (error.status === 400 || error.status === 409)) {
            log?.(`Deployment ${deployment.id} could no longer be cancelled: ${error.apiMessage ?? error.message}`);
            return false;
        }
        throw error;
    }
}
/**
 * Re-deploys the definition of an earlier deployment of the service: reads it with
 * GET /v1/deployments/{id}, checks it belongs to the service, and sends its `definition` as it
 * is with PUT /v1/services/{id}. This is how a Koyeb service is rolled back.
 */
async function redeployDeployment(client, opts) {
    const source = await client.getDeployment(opts.deploymentId);
    if (source.service_id && source.service_id !== opts.serviceId) {
        throw new errors/* OperationError */.OK(`Deployment ${opts.deploymentId} belongs to service ${source.service_id}, not to ${opts.serviceId}: refusing to deploy its definition.`);
    }
    if (!source.definition) {
        throw new errors/* OperationError */.OK(`Deployment ${opts.deploymentId} has no definition to deploy again.`);
    }
    const current = await client.getService(opts.serviceId);
    const applied = await applyDefinition(client, {
        serviceId: opts.serviceId,
        definition: source.definition,
        knownLatestId: presentId(current.latest_deployment_id),
        ...(opts.log ? { log: opts.log } : {}),
    });
    return { ...applied, source };
}
/**
 * The public URL of a web service: its app's custom domain (the first ACTIVE one) or else its
 * auto-assigned `<app>-<org>.koyeb.app` domain, plus the first route's path. Undefined when the
 * service has no routes (a worker) or the app has no domain.
 */
function serviceUrl(app, definition) {
    const routes = definition?.routes ?? [];
    if (routes.length === 0)
        return undefined;
    const domains = (app.domains ?? []).filter((d) => d.name);
    const domain = domains.find((d) => d.type === 'CUSTOM' && d.status === 'ACTIVE') ??
        domains.find((d) => d.type === undefined || d.type === 'AUTOASSIGNED');
    if (!domain?.name)
        return undefined;
    const path = routes[0]?.path ?? '/';
    return `https://${domain.name}${path === '/' ? '' : path.startsWith('/') ? path : `/${path}`}`;
}
/** serviceUrl, reading the app with GET /v1/apps/{id}; undefined (never an error) when unknown. */
async function findServiceUrl(client, appId, definition, log) {
    if (!appId || !definition?.routes?.length)
        return undefined;
    try {
        return serviceUrl(await client.getApp(appId), definition);
    }
    catch (error) {
        log?.(`Could not read the app's domains for the service URL: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3190);
;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/plan.js
// The deploy plan, as data: which image, which environment changes, and the definition that
// results from applying them to the service's current definition. Pure functions only.

const DIGEST = /^sha256:[a-f0-9]{64}$/;
// [registry[:port]/]path[:tag][@sha256:digest] — lower-case path components as Docker requires.
const REFERENCE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const IMAGE_EXAMPLE = 'ghcr.io/acme/shop@sha256:… (or ghcr.io/acme/shop:1.4.2)';
function parseImageInput(text) {
    const t = text.trim();
    if (DIGEST.test(t))
        return { kind: 'digest', digest: t };
    // `sha256:xyz` would parse as image `sha256` tag `xyz`: surely a mistyped digest
    if (t.startsWith('sha256:') || !REFERENCE.test(t)) {
        throw new errors/* ConfigurationError */.j1('image', `'${t}' is not an image reference: expected [registry/]name[:tag][@sha256:digest] (lower-case name), or a bare sha256:… digest to deploy to the service's current image repository.`, `image: ${IMAGE_EXAMPLE}`);
    }
    return { kind: 'reference', image: t };
}
/** `ghcr.io/acme/shop:1.2@sha256:…` → `ghcr.io/acme/shop`. */
function imageRepository(image) {
    const noDigest = image.split('@')[0] ?? image;
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
/** The image to deploy: the reference as given, or the digest on the current image's repository. */
function targetImage(input, currentImage) {
    if (input.kind === 'reference')
        return input.image;
    if (!currentImage) {
        throw new errors/* ConfigurationError */.j1('image', `is a bare digest (${input.digest}) but the service has no current image to take the repository from; give the full reference.`, `image: ${IMAGE_EXAMPLE}`);
    }
    return `${imageRepository(currentImage)}@${input.digest}`;
}
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_EXAMPLE = 'env: |\n  LOG_LEVEL=info\n  DATABASE_URL=@shop-database-url\n  !OLD_FLAG';
/**
 * Parses the `env` input, one change per line (blank lines and `#` comments ignored):
 * `KEY=value` sets a plain value, `KEY=@name` makes KEY read the Koyeb secret `name`, `!KEY`
 * removes KEY — the notation of the Koyeb CLI's `--env`.
 */
function parseEnvChanges(text, input = 'env') {
    const changes = [];
    const seen = new Set();
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        let change;
        if (line.startsWith('!')) {
            const key = line.slice(1).trim();
            if (ENV_KEY.test(key))
                change = { kind: 'remove', key };
        }
        else {
            const eq = line.indexOf('=');
            const key = eq > 0 ? line.slice(0, eq).trim() : '';
            const value = line.slice(eq + 1);
            if (ENV_KEY.test(key)) {
                if (value.startsWith('@')) {
                    const secret = value.slice(1).trim();
                    if (secret !== '')
                        change = { kind: 'secret', key, secret };
                }
                else {
                    change = { kind: 'set', key, value };
                }
            }
        }
        if (!change) {
            // never echo the line: its value may be a secret
            const shown = line.startsWith('!') ? line.slice(0, 40) : `${line.split('=')[0]?.slice(0, 40) ?? ''}=…`;
            throw new errors/* ConfigurationError */.j1(input, `each line must be KEY=value, KEY=@koyeb-secret-name or !KEY (to remove it), with KEY a variable name; got '${shown}'.`, ENV_EXAMPLE);
        }
        if (seen.has(change.key)) {
            throw new errors/* ConfigurationError */.j1(input, `sets ${change.key} more than once.`, ENV_EXAMPLE);
        }
        seen.add(change.key);
        changes.push(change);
    }
    return changes;
}
/**
 * Applies env changes to a definition's `env`: a changed key keeps its place and its `scopes`
 * (every entry of that key is changed); a new key is added unscoped at the end; a removed key
 * disappears. Other entries are untouched.
 */
function applyEnvChanges(env, changes) {
    let out = env.map((e) => ({ ...e }));
    for (const change of changes) {
        if (change.kind === 'remove') {
            out = out.filter((e) => e.key !== change.key);
            continue;
        }
        const apply = (e) => {
            const { value: _value, secret: _secret, ...rest } = e;
            return change.kind === 'set'
                ? { ...rest, key: change.key, value: change.value }
                : { ...rest, key: change.key, secret: change.secret };
        };
        if (out.some((e) => e.key === change.key))
            out = out.map((e) => (e.key === change.key ? apply(e) : e));
        else
            out.push(apply({ key: change.key }));
    }
    return out;
}
/** One line of "what this deploy changes", for the log and the summary (never a value). */
function describeEnvChange(change, before) {
    const existed = before.some((e) => e.key === change.key);
    if (change.kind === 'remove')
        return existed ? `remove ${change.key}` : `remove ${change.key} (not set)`;
    const verb = existed ? 'change' : 'add';
    return change.kind === 'secret'
        ? `${verb} ${change.key} (from Koyeb secret '${change.secret}')`
        : `${verb} ${change.key}`;
}
/** The new definition: a deep copy of `current` with `docker.image` (and `env` if asked) replaced. */
function planDefinition(current, image, envChanges) {
    if (!current.docker) {
        const source = current.git ? 'a git repository' : current['archive'] ? 'an archive' : 'no Docker image';
        throw new errors/* ConfigurationError */.j1(undefined, `The service is deployed from ${source}; deploy-koyeb deploys Docker images (definition.docker). Point 'service-id' (or 'app' + 'service') at a service created from a Docker image.`);
    }
    const definition = structuredClone(current);
    const previousImage = current.docker.image || undefined;
    const next = targetImage(image, previousImage);
    definition.docker = { ...definition.docker, image: next };
    const changes = [];
    changes.push(previousImage === next
        ? `image ${next} (unchanged: redeploy)`
        : `image ${previousImage ?? '(none)'} → ${next}`);
    if (envChanges.length > 0) {
        const before = current.env ?? [];
        definition.env = applyEnvChanges(before, envChanges);
        for (const c of envChanges)
            changes.push(`env: ${describeEnvChange(c, before)}`);
    }
    return { definition, image: next, previousImage, changes };
}

;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/deploy.js
// The deploy-koyeb flow: read the service and its current definition, PUT the definition with the
// new image, follow the new deployment, and on failure or timeout cancel it and re-deploy the
// definition of the deployment that was active before. Returns a report; never half-reports.







/** A PUT failed in a way that leaves it unknown whether Koyeb applied it. */
class MaybeAppliedError extends errors/* OperationError */.OK {
    name = 'MaybeAppliedError';
}
async function deployToKoyeb(client, inputs, hooks) {
    const { log, warn, group } = hooks;
    const output = hooks.output ?? (() => { });
    const watchOpts = { timeoutMs: inputs.timeoutMs, pollIntervalMs: inputs.pollIntervalMs, log };
    const read = await group(`Read ${describeServiceRef(inputs.service)}`, async () => {
        const service = await resolveService(client, inputs.service);
        const activeId = presentId(service.active_deployment_id);
        const latestId = presentId(service.latest_deployment_id);
        log(`Service ${service.name ?? service.id} (${service.id}): ${service.status ?? 'status unknown'}; active deployment ${activeId ?? 'none'}, latest ${latestId ?? 'none'}.`);
        if (!latestId) {
            throw new errors/* OperationError */.OK(`Service ${service.name ?? service.id} has no deployment yet, so there is no definition to update. Deploy it once from the Koyeb console or CLI.`);
        }
        // Like the Koyeb CLI and console, start from the latest deployment's definition: it holds
        // the service's current configuration, including changes saved without deploying.
        const latest = await client.getDeployment(latestId);
        if (!latest.definition)
            throw new errors/* OperationError */.OK(`Deployment ${latestId} has no definition.`);
        if (latestId !== activeId && statusMeaning(latest.status).phase === 'pending') {
            warn(`Deployment ${latestId} is still ${latest.status}; this deploy replaces it.`);
        }
        if (!activeId)
            warn('The service has no active (healthy) deployment: there is nothing to roll back to.');
        const plan = planDefinition(latest.definition, inputs.image, inputs.env);
        for (const change of plan.changes)
            log(`Plan: ${change}`);
        return { service, activeId, latestId, plan };
    });
    const report = {
        service: { id: read.service.id, name: read.service.name, appId: read.service.app_id },
        plan: read.plan,
        outcome: 'dry-run',
        previousDeploymentId: read.activeId,
        messages: [],
        timeline: [],
        cancelled: false,
        timeoutMs: inputs.timeoutMs,
    };
    output('service-id', report.service.id);
    output('previous-deployment-id', report.previousDeploymentId ?? '');
    if (inputs.dryRun) {
        await group('Validate (dry run)', async () => {
            await client.updateService(read.service.id, { definition: read.plan.definition }, { dryRun: true });
            log('Koyeb validated the new definition (dry_run=true); nothing was deployed.');
        });
        return report;
    }
    // the timeline counts from here; the timeout counts from each deployment's creation
    const deployStarted = Date.now();
    const applied = await group('Deploy', async () => {
        try {
            const result = await applyDefinition(client, {
                serviceId: read.service.id,
                definition: read.plan.definition,
                knownLatestId: read.latestId,
                log,
            });
            log(`Koyeb created deployment ${result.deploymentId} with image ${read.plan.image}.`);
            return result;
        }
        catch (error) {
            if (isAmbiguousFailure(error) || error instanceof retry/* RetryError */.J_) {
                throw new MaybeAppliedError(`${(0,errors/* errorMessage */.gJ)(error)}\nThe update may or may not have been applied: check service ${read.service.name ?? read.service.id} in the Koyeb console.`);
            }
            throw error;
        }
    });
    report.deploymentId = applied.deploymentId;
    output('deployment-id', applied.deploymentId);
    if (!inputs.wait) {
        const deployment = await client.getDeployment(applied.deploymentId);
        report.status = deployment.status;
        report.outcome = 'not-waited';
        log(`Not waiting (wait: false): deployment ${applied.deploymentId} is ${deployment.status}.`);
        return report;
    }
    let last;
    try {
        const watch = await group(`Wait for deployment ${applied.deploymentId}`, () => waitForDeployment(client, applied.deploymentId, { ...watchOpts, since: deployStarted }));
        report.timeline = watch.timeline;
        report.status = watch.decision.status;
        report.outcome = watch.decision.kind;
        last = watch.deployment;
    }
    catch (error) {
        // The API stopped answering (after retries): the deployment's fate is unknown, so it is left
        // alone rather than rolled back blind.
        report.outcome = 'watch-error';
        report.error = (0,errors/* errorMessage */.gJ)(error);
        return report;
    }
    if (report.outcome === 'healthy') {
        report.serviceUrl = await findServiceUrl(client, read.service.app_id, read.plan.definition, warn);
        log(`Deployment ${applied.deploymentId} is ${report.status}.${report.serviceUrl ? ` ${report.serviceUrl}` : ''}`);
        return report;
    }
    report.messages = (last.messages ?? []).slice(-5);
    await group('Roll back', async () => {
        if (report.outcome === 'timeout') {
            warn(`Deployment ${applied.deploymentId} is still ${report.status} after ${(0,duration/* formatDuration */.a)(inputs.timeoutMs)}.`);
        }
        else {
            warn(`Deployment ${applied.deploymentId} ended ${report.status}.`);
        }
        try {
            report.cancelled = await cancelIfCancellable(client, last, log);
            if (report.cancelled) {
                const after = await client.getDeployment(applied.deploymentId);
                const status = after.status ?? 'CANCELING';
                report.timeline = [
                    ...report.timeline,
                    { deploymentId: applied.deploymentId, status, elapsedMs: Date.now() - deployStarted, messages: [] },
                ];
            }
        }
        catch (error) {
            warn(`Could not cancel deployment ${applied.deploymentId}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        report.rollback = await rollBack(client, inputs, read.service.id, read.activeId, watchOpts, log, deployStarted);
    });
    return report;
}
async function rollBack(client, inputs, serviceId, previousId, watchOpts, log, since) {
    const base = { fromDeploymentId: previousId, timeline: [] };
    if (!inputs.rollbackOnFailure)
        return { ...base, outcome: 'skipped', reason: "'rollback-on-failure' is false" };
    if (!previousId) {
        return { ...base, outcome: 'skipped', reason: 'the service had no active deployment before this deploy' };
    }
    let deploymentId;
    try {
        log(`Re-deploying the definition of deployment ${previousId}, which was active before.`);
        const redeployed = await redeployDeployment(client, { serviceId, deploymentId: previousId, log });
        deploymentId = redeployed.deploymentId;
        log(`Rollback deployment ${deploymentId} created.`);
        // the rollback gets a full timeout of its own; its timeline continues the deploy's
        const watch = await waitForDeployment(client, deploymentId, {
            ...watchOpts,
            label: 'rollback',
            since,
            timeoutMs: Date.now() - since + watchOpts.timeoutMs,
        });
        return {
            ...base,
            outcome: watch.decision.kind,
            deploymentId,
            status: watch.decision.status,
            timeline: watch.timeline,
        };
    }
    catch (error) {
        return {
            ...base,
            outcome: 'error',
            ...(deploymentId ? { deploymentId } : {}),
            reason: (0,errors/* errorMessage */.gJ)(error),
        };
    }
}
/** The message that fails the step, or undefined when the deploy succeeded. */
function failureMessage(report) {
    const name = report.service.name ?? report.service.id;
    const id = report.deploymentId;
    switch (report.outcome) {
        case 'healthy':
        case 'not-waited':
        case 'dry-run':
            return undefined;
        case 'watch-error':
            return `Deployment ${id} of service ${name} was created, but following it failed: ${report.error}\nIt was neither cancelled nor rolled back; check it in the Koyeb console (the previous deployment was ${report.previousDeploymentId ?? 'none'}).`;
        default:
            break;
    }
    const what = report.outcome === 'timeout'
        ? `Deployment ${id} of service ${name} was still ${report.status} after the ${(0,duration/* formatDuration */.a)(report.timeoutMs)} timeout${report.cancelled ? ' and was cancelled' : ''}.`
        : `Deployment ${id} of service ${name} ended ${report.status}${report.cancelled ? ' (cancelled)' : ''}.`;
    const said = report.messages.length ? `\nKoyeb says: ${report.messages.join(' / ')}` : '';
    return `${what}${said}\n${rollbackSentence(report.rollback)}`;
}
function rollbackSentence(rollback) {
    if (!rollback)
        return 'No rollback was attempted.';
    const from = rollback.fromDeploymentId;
    switch (rollback.outcome) {
        case 'healthy':
            return `Rolled back: the definition of deployment ${from} was deployed again as deployment ${rollback.deploymentId}, which is ${rollback.status}.`;
        case 'skipped':
            return `Not rolled back: ${rollback.reason}.`;
        case 'error':
            return `The rollback to deployment ${from} failed: ${rollback.reason} — the service needs attention now.`;
        case 'timeout':
            return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) was still ${rollback.status} at the timeout — the service needs attention now.`;
        default:
            return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) ended ${rollback.status} too — the service needs attention now.`;
    }
}

// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(2929);
;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/inputs.js
// Every input of deploy-koyeb, read and validated once, before any request is made.




// biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, shown to the user as it is
const SERVICE_ID_EXAMPLE = 'service-id: ${{ vars.KOYEB_SERVICE_ID }}';
function parseInputs(inputs = new lib_inputs/* Inputs */.G0()) {
    const token = inputs.secret('api-token', { required: true });
    const apiUrl = parseApiUrl(inputs.string('api-url', { default: DEFAULT_KOYEB_API_URL }));
    const service = parseServiceRef(inputs);
    const image = parseImageInput(inputs.string('image', { example: IMAGE_EXAMPLE }));
    const env = parseEnvChanges(inputs.raw('env'));
    const wait = inputs.boolean('wait', true);
    const timeoutMs = inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 });
    const pollIntervalMs = inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 });
    const rollbackOnFailure = inputs.boolean('rollback-on-failure', true);
    const dryRun = inputs.boolean('dry-run', false);
    return { token, apiUrl, service, image, env, wait, timeoutMs, pollIntervalMs, rollbackOnFailure, dryRun };
}
function parseServiceRef(inputs) {
    const id = inputs.optionalString('service-id');
    const app = inputs.optionalString('app');
    const name = inputs.optionalString('service');
    if (id !== undefined) {
        if (app !== undefined || name !== undefined) {
            throw new errors/* ConfigurationError */.j1('service-id', "give either 'service-id', or 'app' and 'service' — not both.", SERVICE_ID_EXAMPLE);
        }
        return { serviceId: id };
    }
    if (app !== undefined && name !== undefined)
        return { app, service: name };
    if (app !== undefined || name !== undefined) {
        const missing = app === undefined ? 'app' : 'service';
        throw new errors/* ConfigurationError */.j1(missing, "is required with the other: a service is named by its app's name and its own name.", 'app: shop\n    service: web');
    }
    throw new errors/* ConfigurationError */.j1('service-id', "is required (or give 'app' and 'service' names instead).", SERVICE_ID_EXAMPLE);
}
/** https only — a token must not travel in clear — except to a loopback address (tests, proxies). */
function parseApiUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors/* ConfigurationError */.j1('api-url', `is not a URL: '${text}'.`, `api-url: ${DEFAULT_KOYEB_API_URL}`);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new errors/* ConfigurationError */.j1('api-url', 'must be a base URL without credentials, query or fragment.', `api-url: ${DEFAULT_KOYEB_API_URL}`);
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new errors/* ConfigurationError */.j1('api-url', `must be an https:// URL (plain http is allowed only for a loopback address), got '${text}'.`, `api-url: ${DEFAULT_KOYEB_API_URL}`);
    }
    return url.toString().replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/summary.js
// The job summary of deploy-koyeb, as a pure function of the report.




const code = (s) => (s ? `\`${s}\`` : undefined);
function renderSummary(report) {
    const name = report.service.name ?? report.service.id;
    const failed = failureMessage(report) !== undefined;
    const title = {
        healthy: `${(0,summary/* statusIcon */.I8)('success')} Koyeb: ${name} deployed`,
        'not-waited': `${(0,summary/* statusIcon */.I8)('warning')} Koyeb: ${name} deployment started (not waited for)`,
        'dry-run': `${(0,summary/* statusIcon */.I8)('skipped')} Koyeb: ${name} dry run — nothing deployed`,
        failed: `${(0,summary/* statusIcon */.I8)('failure')} Koyeb: ${name} deployment failed`,
        timeout: `${(0,summary/* statusIcon */.I8)('failure')} Koyeb: ${name} deployment timed out`,
        'watch-error': `${(0,summary/* statusIcon */.I8)('failure')} Koyeb: ${name} deployment could not be followed`,
    };
    const rows = [
        ['Service', `${code(name)} (${code(report.service.id)})`],
        [
            'Image',
            report.plan.previousImage && report.plan.previousImage !== report.plan.image
                ? `${code(report.plan.image)} (was ${code(report.plan.previousImage)})`
                : code(report.plan.image),
        ],
        [
            'Deployment',
            report.deploymentId ? `${code(report.deploymentId)} — ${report.status ?? '?'}` : undefined,
        ],
        ['Previous deployment', code(report.previousDeploymentId)],
        ['Service URL', report.serviceUrl],
    ];
    const env = report.plan.changes.filter((c) => c.startsWith('env: ')).map((c) => c.slice(5));
    if (env.length)
        rows.push(['Environment', env.join('<br>')]);
    if (report.rollback) {
        const r = report.rollback;
        const icon = r.outcome === 'healthy'
            ? (0,summary/* statusIcon */.I8)('success')
            : r.outcome === 'skipped'
                ? (0,summary/* statusIcon */.I8)('skipped')
                : (0,summary/* statusIcon */.I8)('failure');
        rows.push(['Rollback', `${icon} ${rollbackSentence(r)}`]);
    }
    const parts = [
        `## ${title[report.outcome]}`,
        '',
        (0,summary/* markdownTable */.Qj)(['What', 'Details'], rows.filter(([, v]) => v !== undefined)),
    ];
    if (failed)
        parts.push('', `> ${failureMessage(report)?.split('\n').join('\n> ')}`);
    const timeline = [...report.timeline, ...(report.rollback?.timeline ?? [])];
    if (timeline.length) {
        parts.push('', '### Status timeline', '', timelineTable(timeline, report.rollback?.deploymentId));
    }
    if (report.previousDeploymentId && report.outcome !== 'dry-run') {
        parts.push('', `To restore the previous version later, pass \`previous-deployment-id\` (\`${report.previousDeploymentId}\`) to \`actions/rollback\` with \`target: koyeb\`.`);
    }
    return `${parts.join('\n')}\n`;
}
function timelineTable(entries, rollbackId) {
    return (0,summary/* markdownTable */.Qj)(['Deployment', 'Status', 'Elapsed', 'Messages'], entries.map((e) => [
        `${code(e.deploymentId)}${e.deploymentId === rollbackId ? ' (rollback)' : ''}`,
        `${icon(e.status)} ${e.status}`,
        `+${(0,duration/* formatDuration */.a)(e.elapsedMs)}`,
        e.messages.join('\n'),
    ]));
}
function icon(status) {
    const { phase } = statusMeaning(status);
    return phase === 'healthy' ? (0,summary/* statusIcon */.I8)('success') : phase === 'pending' ? '⏳' : (0,summary/* statusIcon */.I8)('failure');
}
/** The summary of a deploy that stopped before it could follow a deployment. */
function renderStoppedSummary(serviceLabel, message, maybeApplied) {
    const after = maybeApplied
        ? 'The update may or may not have been applied: check the service in the Koyeb console.'
        : 'Nothing was changed on Koyeb.';
    return `## ${(0,summary/* statusIcon */.I8)('failure')} Koyeb: ${serviceLabel} not deployed\n\n> ${message.split('\n').join('\n> ')}\n\n${after}\n`;
}

;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/main.js








async function main() {
    const inputs = parseInputs();
    const client = new KoyebClient({
        token: inputs.token,
        apiUrl: inputs.apiUrl,
        tokenHint: "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
    });
    let report;
    try {
        report = await deployToKoyeb(client, inputs, {
            log: (line) => core/* info */.pq(line),
            warn: (line) => core/* warning */.$e(line),
            group: (name, fn) => core/* group */.Os(name, fn),
            output: (name, value) => core/* setOutput */.uH(name, value),
        });
    }
    catch (error) {
        await (0,summary/* writeSummary */.Sy)(renderStoppedSummary(describeServiceRef(inputs.service), (0,errors/* errorMessage */.gJ)(error), error instanceof MaybeAppliedError));
        throw error;
    }
    setOutputs(report);
    await (0,summary/* writeSummary */.Sy)(renderSummary(report));
    const failure = failureMessage(report);
    if (failure)
        throw new errors/* OperationError */.OK(failure);
}
function setOutputs(report) {
    const out = {
        'service-id': report.service.id,
        'deployment-id': report.deploymentId,
        'previous-deployment-id': report.previousDeploymentId,
        status: report.status,
        'service-url': report.serviceUrl,
        'rollback-deployment-id': report.rollback?.deploymentId,
        'rollback-status': report.rollback?.status,
    };
    for (const [name, value] of Object.entries(out))
        core/* setOutput */.uH(name, value ?? '');
}


/***/ }),

/***/ 7188:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Parses `500ms`, `30s`, `5m`, `1h`, `1m30s`, or a plain number of `defaultUnit` (seconds unless
 * told otherwise). Returns milliseconds, or undefined when the text is not a duration.
 */
function parseDuration(text, defaultUnit = 's') {
    const t = text.trim().toLowerCase();
    if (t === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * (UNITS[defaultUnit] ?? 1000));
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
    let total = 0;
    let consumed = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
        total += Number(m[1]) * (UNITS[m[2]] ?? 0);
        consumed = re.lastIndex;
    }
    if (consumed !== t.length || consumed === 0)
        return undefined;
    return Math.round(total);
}
/** `1234` → `1.2s`, `65000` → `1m5s`, `800` → `800ms`: for logs and summaries. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '?';
    // Each branch takes the values that still read right after its own rounding: 999.6 ms is
    // `1.0s` (not `1000ms`), 59 999 ms is `1m` (not `60.0s`), 119 600 ms is `2m` (not `1m60s`).
    if (Math.round(ms) < 1000)
        return `${Math.round(ms)}ms`;
    if (Math.round(ms / 100) < 600)
        return `${(ms / 1000).toFixed(1)}s`;
    const total = Math.round(ms / 1000);
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s ? `${m}m${s}s` : `${m}m`;
}


/***/ }),

/***/ 2929:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   PJ: () => (/* binding */ parseYamlInput),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* unused harmony exports runnerInputs, recordInputs */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4846);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3439);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7188);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1087);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5431);





/** The runner's inputs (`INPUT_<NAME>` variables), trimmed, as `core.getInput` reads them. */
const runnerInputs = (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name);
/** Inputs from a plain record — for unit tests and for building inputs in code. */
function recordInputs(record) {
    return (name) => (record[name] ?? '').trim();
}
/**
 * Typed, validated access to an action's inputs. Every method throws a ConfigurationError that
 * names the input and shows a valid example, so a stage parses all its inputs up front and
 * fails before it touches anything.
 */
class Inputs {
    read;
    constructor(read = runnerInputs) {
        this.read = read;
    }
    /** The raw value, '' when absent. */
    raw(name) {
        return this.read(name);
    }
    has(name) {
        return this.read(name) !== '';
    }
    string(name, opts = {}) {
        const v = this.read(name);
        if (v !== '')
            return v;
        if (opts.default !== undefined)
            return opts.default;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required but was not given.', opts.example ? `${name}: ${opts.example}` : undefined);
    }
    optionalString(name) {
        const v = this.read(name);
        return v === '' ? undefined : v;
    }
    /** A secret: masked in the log as soon as it is read (every line of a multi-line value too). */
    secret(name, opts = {}) {
        const v = this.read(name);
        if (v === '') {
            if (opts.required) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required but was not given. Store the value as a repository or environment secret.', `${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}`);
            }
            return undefined;
        }
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(v);
        return v;
    }
    /** Strictly `true` or `false` (any case); anything else is an error, not a guess. */
    boolean(name, defaultValue) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        const l = v.toLowerCase();
        if (l === 'true')
            return true;
        if (l === 'false')
            return false;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be 'true' or 'false', got '${v}'.`, `${name}: ${!defaultValue}`);
    }
    integer(name, defaultValue, opts = {}) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        if (!/^-?\d+$/.test(v)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be a whole number, got '${v}'.`, `${name}: ${defaultValue}`);
        }
        const n = Number(v);
        checkRange(name, n, opts, String(defaultValue));
        return n;
    }
    /** A duration such as `30s`, `5m`, `1m30s`, `500ms` or a plain number of seconds; returns ms. */
    duration(name, defaultValue, opts = {}) {
        const v = this.read(name) || defaultValue;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E)(v);
        if (ms === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got '${v}'.`, `${name}: ${defaultValue}`);
        }
        checkRange(name, ms, opts, defaultValue, 'ms');
        return ms;
    }
    choice(name, values, defaultValue) {
        const v = this.read(name);
        if (v === '') {
            if (defaultValue !== undefined)
                return defaultValue;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is required: one of ${values.join(', ')}.`, `${name}: ${values[0]}`);
        }
        const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
        if (found === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be one of ${values.join(', ')}, got '${v}'.`, `${name}: ${values[0]}`);
        }
        return found;
    }
    /** A list separated by newlines or commas; blank items and `#` comment lines are dropped. */
    list(name, opts = {}) {
        const items = splitList(this.read(name));
        if (items.length === 0 && opts.required) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required: give one or more values, one per line or separated by commas.', opts.example ? `${name}: |\n${opts.example}` : undefined);
        }
        return items;
    }
    /** `KEY=value` lines (values may contain `=`); keys must be valid environment variable names. */
    keyValues(name) {
        const out = {};
        for (const line of this.read(name).split(/\r?\n/)) {
            const t = line.trim();
            if (t === '' || t.startsWith('#'))
                continue;
            const eq = t.indexOf('=');
            const key = eq > 0 ? t.slice(0, eq).trim() : '';
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `each line must be KEY=value with KEY a valid variable name; got '${t.slice(0, 40)}'.`, `${name}: |\n  APP_ENV=production\n  LOG_LEVEL=info`);
            }
            out[key] = t.slice(eq + 1);
        }
        return out;
    }
    /** A YAML (or JSON) value validated by a zod schema; errors name the path inside the value. */
    yaml(name, schema, example) {
        const text = this.read(name);
        if (text === '')
            return undefined;
        return parseYamlInput(name, text, schema, example);
    }
}
function parseYamlInput(name, text, schema, example) {
    let data;
    try {
        data = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is not valid YAML: ${msg}`, example);
    }
    const result = schema.safeParse(data);
    if (!result.success) {
        const issues = result.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
            .join('; ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is not valid: ${issues}.`, example);
    }
    return result.data;
}
function splitList(text) {
    return text
        .split(/\r?\n/)
        .filter((l) => !l.trim().startsWith('#'))
        .flatMap((l) => l.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
function checkRange(name, n, { min, max }, example, unit = '') {
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        const range = `${min ?? '-∞'}${unit} to ${max ?? '∞'}${unit}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be between ${range}, got ${n}${unit}.`, `${name}: ${example}`);
    }
}


/***/ }),

/***/ 1456:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   J_: () => (/* binding */ RetryError),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Mf: () => (/* binding */ abortableSleep)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1087);

class RetryError extends Error {
    attempts;
    elapsedMs;
    lastError;
    name = 'RetryError';
    constructor(attempts, elapsedMs, lastError) {
        super(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs)}ms: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(lastError)}`);
        this.attempts = attempts;
        this.elapsedMs = elapsedMs;
        this.lastError = lastError;
    }
}
/** The delay before attempt `attempt + 1` (attempt counts from 1): exponential with jitter. */
function backoffDelay(attempt, opts, random = Math.random) {
    const initial = opts.initialDelayMs ?? 500;
    const max = opts.maxDelayMs ?? 10_000;
    const factor = opts.factor ?? 2;
    const jitter = Math.min(Math.max(opts.jitter ?? 0.2, 0), 1);
    const base = Math.min(max, initial * factor ** (attempt - 1));
    return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random())));
}
/**
 * Runs `fn` until it succeeds, a non-retryable error is thrown, the attempts run out or the
 * deadline passes. The last delay is shortened so the deadline is kept; the thrown RetryError
 * carries the last error. A non-retryable error is rethrown as it is.
 */
async function retry(fn, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? ((ms) => abortableSleep(ms, opts.signal));
    const random = opts.random ?? Math.random;
    const start = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (opts.isRetryable && !opts.isRetryable(error))
                throw error;
            const elapsedMs = now() - start;
            const remaining = opts.deadlineMs - elapsedMs;
            if ((opts.maxAttempts !== undefined && attempt >= opts.maxAttempts) ||
                remaining <= 0 ||
                opts.signal?.aborted) {
                throw new RetryError(attempt, elapsedMs, error);
            }
            const delayMs = Math.min(backoffDelay(attempt, opts, random), remaining);
            opts.onRetry?.({ attempt, error, delayMs, elapsedMs });
            await sleep(delayMs);
        }
    }
}
function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ }),

/***/ 5431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   E$: () => (/* binding */ redact)
/* harmony export */ });
/* unused harmony export maskUrlCredentials */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4846);

/**
 * Masks a secret in the runner's log. The runner masks line by line, so a multi-line secret (a
 * private key) is masked whole and each of its lines on its own.
 */
function maskSecret(value) {
    if (!value)
        return;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    for (const line of lines)
        if (line.length >= 4 && line !== value)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line);
}
/**
 * Masks the credentials inside a URL (`postgres://user:pass@host/db`): the password alone, its
 * URL-decoded form, and the whole URL.
 */
function maskUrlCredentials(url) {
    if (!url)
        return;
    maskSecret(url);
    const password = urlPassword(url);
    if (password) {
        maskSecret(password);
        try {
            maskSecret(decodeURIComponent(password));
        }
        catch {
            /* not percent-encoded */
        }
    }
}
function urlPassword(url) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url);
    return m?.[1] || undefined;
}
/**
 * Replaces every occurrence of each secret with `***` — for text we build ourselves. Like
 * maskSecret, each line (4+ characters) of a multi-line secret is replaced on its own too, since
 * output is logged line by line; longer values go first, so an overlap is replaced whole.
 */
function redact(text, secrets) {
    const needles = new Set();
    for (const s of secrets) {
        if (!s)
            continue;
        needles.add(s);
        if (!/[\r\n]/.test(s))
            continue;
        for (const line of s.split(/\r?\n/).map((l) => l.trim()))
            if (line.length >= 4)
                needles.add(line);
    }
    let out = text;
    for (const n of [...needles].sort((a, b) => b.length - a.length))
        out = out.split(n).join('***');
    return out;
}


/***/ }),

/***/ 3190:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I8: () => (/* binding */ statusIcon),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony export cell */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4846);

/** Escapes text for a Markdown table cell: pipes and newlines would break the row. */
function cell(value) {
    if (value === undefined || value === null || value === '')
        return '—';
    return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/** A GitHub-flavoured Markdown table. */
function markdownTable(headers, rows) {
    const head = `| ${headers.map((h) => cell(h)).join(' | ')} |`;
    const sep = `| ${headers.map(() => '---').join(' | ')} |`;
    const body = rows.map((r) => `| ${headers.map((_, i) => cell(r[i])).join(' | ')} |`);
    return [head, sep, ...body].join('\n');
}
/** ✅ / ❌ / ⚠️ / ⏭️ for a result, so a person reads the summary at a glance. */
function statusIcon(status) {
    if (status === true || status === 'success')
        return '✅';
    if (status === false || status === 'failure')
        return '❌';
    if (status === 'warning')
        return '⚠️';
    return '⏭️';
}
/** `<details>` block for long content (logs, JSON) that should not crowd the summary. */
function details(summaryLine, body, lang = '') {
    return `<details><summary>${summaryLine}</summary>\n\n\`\`\`${lang}\n${body}\n\`\`\`\n\n</details>`;
}
/**
 * Appends Markdown to the job summary. Does nothing (and never fails the step) when the runner
 * gives no summary file, e.g. when run outside Actions.
 */
async function writeSummary(markdown) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown.endsWith('\n') ? markdown : `${markdown}\n`).write();
    }
    catch (error) {
        // core.summary keeps unwritten text in its buffer: drop it, or the next write repeats it
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.emptyBuffer();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
}


/***/ })

};
