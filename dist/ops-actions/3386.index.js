export const id = 3386;
export const ids = [3386];
export const modules = {

/***/ 83386:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_KOYEB_API_URL: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_5__.w),
/* harmony export */   KoyebApiError: () => (/* binding */ KoyebApiError),
/* harmony export */   KoyebClient: () => (/* binding */ KoyebClient),
/* harmony export */   KoyebNetworkError: () => (/* binding */ KoyebNetworkError),
/* harmony export */   KoyebRequestError: () => (/* binding */ KoyebRequestError),
/* harmony export */   isAmbiguousFailure: () => (/* binding */ isAmbiguousFailure),
/* harmony export */   isRetryableKoyebError: () => (/* binding */ isRetryableKoyebError),
/* harmony export */   parseErrorBody: () => (/* binding */ parseErrorBody),
/* harmony export */   parseRetryAfter: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9691);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81374);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41853);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(70256);
// A small client for the Koyeb REST API (https://app.koyeb.com, `Authorization: Bearer <token>`),
// on the global fetch of Node 20+. Endpoints, bodies and error shapes follow Koyeb's published
// spec, koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json`. Every request has its own timeout;
// transient failures (429 honouring Retry-After, 5xx, network errors) are retried with backoff;
// 401/403/404 and validation errors fail at once. The token is never part of a message.








/** A request that did not get a successful reply: an HTTP error or a network failure. */
class KoyebRequestError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK {
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
const errorBody = zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({
    status: zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig().optional(),
    code: zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig()]).optional(),
    message: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    fields: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ field: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(), description: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() }))
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
const int64 = zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()]).transform((v) => Number(v));
const serviceSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    name: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    app_id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    status: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    active_deployment_id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    latest_deployment_id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
});
const definitionSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({
    docker: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ image: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() }).optional(),
    env: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ key: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() })).optional(),
    routes: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ path: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() })).optional(),
});
const deploymentSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    service_id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    status: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    definition: definitionSchema.optional(),
    messages: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP()).optional(),
});
const appSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({
    id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    name: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    domains: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(), type: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() })).optional(),
});
const paging = {
    limit: int64.optional(),
    offset: int64.optional(),
    count: int64.optional(),
    has_next: zod__WEBPACK_IMPORTED_MODULE_6__/* .boolean */ .zMY().optional(),
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
        this.apiUrl = (opts.apiUrl ?? _types_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_KOYEB_API_URL */ .w).replace(/\/+$/, '');
        this.log = opts.log ?? ((line) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line));
        this.doFetch = opts.fetch ?? fetch;
    }
    /** GET /v1/services/{id} → `service`. */
    async getService(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/services/${encodeURIComponent(id)}`,
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ service: serviceSchema }),
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
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ services: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(serviceSchema).optional(), ...paging }),
            what: 'services',
        });
        return page(reply.services ?? [], reply);
    }
    /** GET /v1/apps/{id} → `app` (with its `domains`). */
    async getApp(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/apps/${encodeURIComponent(id)}`,
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ app: appSchema }),
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
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ apps: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(appSchema).optional(), ...paging }),
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
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ service: serviceSchema.optional() }),
            what: `service '${id}'`,
        });
        if (!reply.service) {
            if (opts.dryRun)
                return { id };
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Koyeb API PUT /v1/services/${id}: the reply has no 'service'.`);
        }
        return reply.service;
    }
    /** GET /v1/deployments/{id} → `deployment` with `status`, `definition`, `messages`. */
    async getDeployment(id) {
        const reply = await this.request({
            method: 'GET',
            path: `/v1/deployments/${encodeURIComponent(id)}`,
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ deployment: deploymentSchema }),
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
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .looseObject */ ._H3({ deployments: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(deploymentSchema).optional(), ...paging }),
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
            schema: zod__WEBPACK_IMPORTED_MODULE_6__/* .unknown */ .L5J(),
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
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(() => this.once(spec, url), {
                deadlineMs: this.opts.retryDeadlineMs ?? 120_000,
                maxAttempts,
                initialDelayMs: this.opts.initialDelayMs ?? 1000,
                maxDelayMs: 15_000,
                isRetryable: (error) => isRetryableKoyebError(error, idempotent),
                onRetry: ({ attempt, error, delayMs }) => {
                    retryAfterMs = error instanceof KoyebApiError ? (error.retryAfterMs ?? 0) : 0;
                    const wait = Math.min(Math.max(delayMs, retryAfterMs), maxRetryAfter);
                    const why = retryAfterMs > 0 ? ` (Retry-After: ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(retryAfterMs)})` : '';
                    this.log(`Koyeb API ${spec.method} ${spec.path}: ${this.safe(errorText(error))}; retrying in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(wait)}${why} (attempt ${attempt + 1} of ${maxAttempts}).`);
                },
                sleep: (ms) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .abortableSleep */ .Mf)(Math.min(Math.max(ms, retryAfterMs), maxRetryAfter)),
            });
        }
        catch (error) {
            if (error instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetryError */ .J_ && error.lastError instanceof KoyebRequestError) {
                const last = error.lastError;
                last.attempts = error.attempts;
                last.message = `${last.message} (gave up after ${error.attempts} attempts in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(error.elapsedMs)})`;
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Koyeb API ${method} ${path}: the reply (HTTP ${status}) is not JSON.`);
        }
        const parsed = spec.schema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`Koyeb API ${method} ${path}: unexpected reply (${where}).`);
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
            return new KoyebNetworkError(`Koyeb API ${method} ${path}: no reply within ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(timeoutMs)}.`, method, path, false, true);
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
        return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(text, [this.token]);
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


/***/ }),

/***/ 53386:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   applyDefinition: () => (/* binding */ applyDefinition),
/* harmony export */   cancelIfCancellable: () => (/* binding */ cancelIfCancellable),
/* harmony export */   describeServiceRef: () => (/* binding */ describeServiceRef),
/* harmony export */   findServiceUrl: () => (/* binding */ findServiceUrl),
/* harmony export */   presentId: () => (/* binding */ presentId),
/* harmony export */   redeployDeployment: () => (/* binding */ redeployDeployment),
/* harmony export */   resolveService: () => (/* binding */ resolveService),
/* harmony export */   serviceUrl: () => (/* binding */ serviceUrl),
/* harmony export */   waitForDeployment: () => (/* binding */ waitForDeployment)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81374);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83386);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61323);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Koyeb has no app named '${ref.app}' that this token can see${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the app name, or give the service id instead.`);
    }
    const services = (await client.listServices({ appId: app.id, name: ref.service, limit: 100 })).items;
    const found = services.find((s) => s.name === ref.service && (s.app_id === undefined || s.app_id === app.id));
    if (!found) {
        const near = services.map((s) => s.name).filter(Boolean);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Koyeb app '${ref.app}' has no service named '${ref.service}'${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the service name, or give the service id instead.`);
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
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L5)(async (attempt) => {
        if (attempt > 1) {
            const now = await client.getService(serviceId);
            const latest = presentId(now.latest_deployment_id);
            if (latest && latest !== opts.knownLatestId) {
                const created = await client.getDeployment(latest);
                if (created.definition?.docker?.image === definition.docker?.image) {
                    opts.log?.(`The update was applied after all: deployment ${latest} carries the new definition.`);
                    return { deploymentId: latest, service: now, reconciled: true };
                }
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Service ${serviceId} got another new deployment (${latest}) while this update was in doubt; not sending it again. Check the service in the Koyeb console.`);
            }
        }
        const service = await client.updateService(serviceId, { definition });
        const deploymentId = presentId(service.latest_deployment_id);
        if (!deploymentId || deploymentId === opts.knownLatestId) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Koyeb accepted the update of service ${serviceId} but reported no new deployment (latest_deployment_id: '${deploymentId ?? ''}').`);
        }
        return { deploymentId, service, reconciled: false };
    }, {
        deadlineMs: 300_000,
        maxAttempts: (opts.attempts ?? 2) + 1,
        initialDelayMs: opts.retryDelayMs ?? 2000,
        isRetryable: _client_js__WEBPACK_IMPORTED_MODULE_3__.isAmbiguousFailure,
        onRetry: ({ error, delayMs }) => opts.log?.(`${error instanceof Error ? error.message : String(error)} — it may or may not have been applied; checking the service in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(delayMs)}.`),
    });
}
/**
 * Follows a deployment with GET /v1/deployments/{id} until it is healthy, failed, or the timeout
 * passes, logging each status change with the elapsed time and Koyeb's messages.
 */
async function waitForDeployment(client, deploymentId, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? ((ms) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .abortableSleep */ .Mf)(ms));
    const started = opts.since ?? now();
    let state = (0,_status_js__WEBPACK_IMPORTED_MODULE_4__/* .newWatch */ .mm)(deploymentId);
    for (;;) {
        const deployment = await client.getDeployment(deploymentId);
        const elapsedMs = now() - started;
        const step = (0,_status_js__WEBPACK_IMPORTED_MODULE_4__/* .observe */ .lB)(state, { status: deployment.status, messages: deployment.messages ?? [], elapsedMs }, opts.timeoutMs);
        state = step.state;
        if (step.entry && opts.log) {
            const unknown = (0,_status_js__WEBPACK_IMPORTED_MODULE_4__/* .statusMeaning */ .uj)(step.entry.status).unknown
                ? ' (a status this action does not know: still waiting)'
                : '';
            opts.log(`[+${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(elapsedMs)}] ${opts.label ?? 'deployment'} ${deploymentId}: ${step.entry.status}${unknown}`);
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
    if (!(0,_status_js__WEBPACK_IMPORTED_MODULE_4__/* .statusMeaning */ .uj)(deployment.status).cancellable)
        return false;
    try {
        await client.cancelDeployment(deployment.id);
        log?.(`Cancelled deployment ${deployment.id} (it was ${deployment.status}).`);
        return true;
    }
    catch (error) {
        if (error instanceof _client_js__WEBPACK_IMPORTED_MODULE_3__.KoyebApiError && (error.status === 400 || error.status === 409)) {
            log?.(`Deployment ${deployment.id} could no longer be cancelled: ${error.apiMessage ?? error.message}`);
            return false;
        }
        throw error;
    }
}
/**
 * Re-deploys the definition of an earlier deployment of the service: reads it with
 * GET /v1/deployments/{id}, checks it belongs to the service, and sends its `definition` with
 * PUT /v1/services/{id} — as it is, or with `docker.image` set to `image` (a verified
 * `repository@sha256:…`, so that a tag that moved since cannot be pulled). This is how a Koyeb
 * service is rolled back.
 */
async function redeployDeployment(client, opts) {
    const source = await client.getDeployment(opts.deploymentId);
    if (source.service_id && source.service_id !== opts.serviceId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Deployment ${opts.deploymentId} belongs to service ${source.service_id}, not to ${opts.serviceId}: refusing to deploy its definition.`);
    }
    if (!source.definition) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Deployment ${opts.deploymentId} has no definition to deploy again.`);
    }
    if (opts.image !== undefined && !source.definition.docker) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Deployment ${opts.deploymentId} does not deploy a Docker image: it cannot be pinned to ${opts.image}.`);
    }
    const definition = opts.image === undefined
        ? source.definition
        : { ...source.definition, docker: { ...source.definition.docker, image: opts.image } };
    const current = await client.getService(opts.serviceId);
    const applied = await applyDefinition(client, {
        serviceId: opts.serviceId,
        definition,
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


/***/ }),

/***/ 61323:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lB: () => (/* binding */ observe),
/* harmony export */   mm: () => (/* binding */ newWatch),
/* harmony export */   uj: () => (/* binding */ statusMeaning)
/* harmony export */ });
/* unused harmony export isDeploymentStatus */
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


/***/ })

};
