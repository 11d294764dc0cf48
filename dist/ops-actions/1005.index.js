export const id = 1005;
export const ids = [1005,1374,8993];
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

/***/ 81374:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J_: () => (/* binding */ RetryError),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Mf: () => (/* binding */ abortableSleep)
/* harmony export */ });
/* unused harmony export backoffDelay */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);

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
            const asked = opts.retryAfterMs?.(error);
            if (asked !== undefined && asked > remaining)
                throw new RetryError(attempt, elapsedMs, error);
            const delayMs = asked ?? Math.min(backoffDelay(attempt, opts, random), remaining);
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


/***/ })

};
