export const id = 6160;
export const ids = [6160,1374,8993];
export const modules = {

/***/ 38594:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S4: () => (/* binding */ judge),
/* harmony export */   T2: () => (/* binding */ describeExpectations),
/* harmony export */   kG: () => (/* binding */ bodyExcerpt),
/* harmony export */   rG: () => (/* binding */ parseRegex)
/* harmony export */ });
/* unused harmony export NOT_READY_STATUSES */
/* harmony import */ var _lib_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _json_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99391);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40999);
// What a check asserts about a response, and the verdict on one response: pure functions.



/** Statuses that mean "not ready yet": a gateway with no upstream yet, a service still starting. */
const NOT_READY_STATUSES = new Set([502, 503, 504]);
function judge(exp, res) {
    const failures = [];
    let bodyRelevant = false;
    const statusOk = (0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .statusMatches */ .W)(exp.status, res.status);
    if (!statusOk) {
        // The body assertions would fail too and only add noise; the excerpt says more.
        failures.push(`status ${res.status}, expected ${exp.status.text}`);
        bodyRelevant = true;
    }
    else {
        for (const needle of exp.bodyContains) {
            if (!res.body.includes(needle))
                failures.push(`body does not contain ${jsonText(needle)}`);
        }
        if (exp.bodyRegex && !new RegExp(exp.bodyRegex.source, exp.bodyRegex.flags).test(res.body)) {
            failures.push(`body does not match /${exp.bodyRegex.source}/${exp.bodyRegex.flags}`);
        }
        if (exp.jsonEquals.length > 0)
            failures.push(...judgeJson(exp.jsonEquals, res));
        bodyRelevant = failures.length > 0;
    }
    const wrong = failures.length > 0 && (statusOk || !NOT_READY_STATUSES.has(res.status));
    if (exp.maxLatencyMs !== undefined && res.latencyMs > exp.maxLatencyMs) {
        failures.push(`latency ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(res.latencyMs)} is over max-latency ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(exp.maxLatencyMs)}`);
    }
    return { failures, bodyRelevant, notReady: failures.length > 0 && !wrong };
}
function judgeJson(assertions, res) {
    let data;
    try {
        data = JSON.parse(res.body);
    }
    catch (error) {
        const why = res.bodyTruncated
            ? 'it is larger than the 1 MiB read'
            : (error instanceof Error ? error.message : String(error)).slice(0, 80);
        return [`body is not JSON (${why}), so json-equals cannot be checked`];
    }
    const failures = [];
    for (const a of assertions) {
        const found = (0,_json_path_js__WEBPACK_IMPORTED_MODULE_2__/* .lookupJsonPath */ .cM)(data, a.segments);
        if (!found.found) {
            failures.push(`JSON ${a.path} not found (nothing at ${found.missingAt}), expected ${jsonText(a.value)}`);
        }
        else if (found.value !== a.value) {
            failures.push(`JSON ${a.path} is ${jsonText(found.value)}, expected ${jsonText(a.value)}`);
        }
    }
    return failures;
}
/** A JSON value for a message, with its type when that is what differs (`3` vs `"3"`). */
function jsonText(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
/**
 * At most `max` characters of a body, on one line (control characters and runs of whitespace
 * become one space), so a body can neither flood the log nor start a line that the runner would
 * read as a workflow command.
 */
function bodyExcerpt(body, max = 200) {
    const flat = body.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
    if (flat === '')
        return '(empty body)';
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
/** `/pattern/flags` or a bare pattern. Throws an Error naming the problem when it does not compile. */
function parseRegex(text) {
    const m = /^\/(.*)\/([dgimsuvy]*)$/s.exec(text);
    const source = m ? m[1] : text;
    const flags = m ? m[2].replace(/[gy]/g, '') : '';
    try {
        new RegExp(source, flags);
    }
    catch (error) {
        throw new Error(`is not a valid regular expression: ${error instanceof Error ? error.message : error}`);
    }
    return { source, flags };
}
/** One line saying what a check expects: `status 2xx, body contains "ok", latency ≤ 500ms`. */
function describeExpectations(exp) {
    const parts = [`status ${exp.status.text}`];
    for (const n of exp.bodyContains)
        parts.push(`body contains ${jsonText(n)}`);
    if (exp.bodyRegex)
        parts.push(`body matches /${exp.bodyRegex.source}/${exp.bodyRegex.flags}`);
    for (const j of exp.jsonEquals)
        parts.push(`JSON ${j.path} = ${jsonText(j.value)}`);
    if (exp.maxLatencyMs !== undefined)
        parts.push(`latency ≤ ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(exp.maxLatencyMs)}`);
    return parts.join(', ');
}


/***/ }),

/***/ 99391:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ parseJsonPath),
/* harmony export */   cM: () => (/* binding */ lookupJsonPath)
/* harmony export */ });
/* unused harmony exports JsonPathSyntaxError, formatJsonPath */
class JsonPathSyntaxError extends Error {
    name = 'JsonPathSyntaxError';
}
function parseJsonPath(path) {
    const p = path.trim();
    if (p === '')
        throw new JsonPathSyntaxError('a JSON path must not be empty (use $ for the whole body).');
    const segments = [];
    let i = 0;
    const fail = (why) => {
        throw new JsonPathSyntaxError(`'${path}' is not a valid JSON path: ${why} at position ${i + 1}.`);
    };
    // 'start': a key or [ may come; 'dot': a key must come; 'segment': '.', '[' or the end must come
    let state = 'start';
    if (p[0] === '$') {
        i = 1;
        state = 'segment';
    }
    while (i < p.length) {
        const c = p[i];
        if (c === '[') {
            if (state === 'dot')
                fail("expected a key after '.'");
            i++;
            const q = p[i];
            if (q === '"' || q === "'") {
                let key = '';
                for (i++; i < p.length && p[i] !== q; i++) {
                    if (p[i] === '\\' && i + 1 < p.length)
                        i++;
                    key += p[i];
                }
                if (p[i] !== q)
                    fail('unterminated quoted key');
                i++;
                segments.push(key);
            }
            else {
                const digits = /^\d+/.exec(p.slice(i))?.[0];
                if (digits === undefined)
                    fail('expected an index such as [0] or a quoted key such as ["a.b"]');
                segments.push(Number(digits));
                i += digits.length;
            }
            if (p[i] !== ']')
                fail("expected ']'");
            i++;
            state = 'segment';
        }
        else if (c === '.') {
            if (state !== 'segment')
                fail('expected a key');
            i++;
            state = 'dot';
        }
        else if (c === ']') {
            fail("unexpected ']'");
        }
        else {
            if (state === 'segment')
                fail("expected '.' or '['");
            const key = /^[^.[\]]+/.exec(p.slice(i))[0];
            segments.push(key);
            i += key.length;
            state = 'segment';
        }
    }
    if (state === 'dot')
        fail('expected a key after the dot');
    return segments;
}
/**
 * The value at `segments` in `data`. An index also reads an object's numeric key and a numeric
 * key reads an array's element, so `items.0` and `items[0]` are the same.
 */
function lookupJsonPath(data, segments) {
    let current = data;
    for (let n = 0; n < segments.length; n++) {
        const seg = segments[n];
        if (Array.isArray(current)) {
            const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
            if (index < 0 || index >= current.length) {
                return { found: false, missingAt: formatJsonPath(segments.slice(0, n + 1)) };
            }
            current = current[index];
        }
        else if (typeof current === 'object' && current !== null && Object.hasOwn(current, String(seg))) {
            current = current[String(seg)];
        }
        else {
            return { found: false, missingAt: formatJsonPath(segments.slice(0, n + 1)) };
        }
    }
    return { found: true, value: current };
}
/** The canonical text of a path: `data.items[0]["a.b"]`, `$` for the root. */
function formatJsonPath(segments) {
    if (segments.length === 0)
        return '$';
    let out = '';
    for (const seg of segments) {
        if (typeof seg === 'number')
            out += `[${seg}]`;
        else if (/^[^.[\]"'$\s][^.[\]]*$/.test(seg) && seg.trim() === seg)
            out += out === '' ? seg : `.${seg}`;
        else
            out += `[${JSON.stringify(seg)}]`;
    }
    return out;
}


/***/ }),

/***/ 56160:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/cancel.js
var lib_cancel = __webpack_require__(65916);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/inputs.js
var inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/secrets.js
var secrets = __webpack_require__(41853);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
// EXTERNAL MODULE: ./build/actions/smoke-test/expectations.js
var expectations = __webpack_require__(38594);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./build/actions/smoke-test/http-probe.js
// One HTTP(S) request as a smoke test sends it: node:http/https directly (not fetch), so the
// trusted CAs, certificate verification, redirects, the timeout of the whole attempt and the
// latency are ours to control. Each attempt opens a fresh connection (no keep-alive pool): a
// smoke test should see what a new client sees — DNS, TCP and TLS included.






/** The request got no HTTP response to assert on: refused, reset, timed out, TLS, DNS, redirects. */
class ProbeError extends Error {
    code;
    latencyMs;
    name = 'ProbeError';
    constructor(message, code, latencyMs) {
        super(message);
        this.code = code;
        this.latencyMs = latencyMs;
    }
}
const DEFAULT_MAX_BODY = 1024 * 1024;
const SENSITIVE_ON_OTHER_ORIGIN = ['authorization', 'proxy-authorization', 'cookie'];
async function probe(req) {
    const started = external_node_perf_hooks_.performance.now();
    const elapsed = () => external_node_perf_hooks_.performance.now() - started;
    const deadline = started + req.timeoutMs;
    let url = new URL(req.url);
    let method = req.method;
    let body = req.body;
    let headers = { ...req.headers };
    const redirects = [];
    for (;;) {
        const res = await send(url, method, headers, body, req, deadline - external_node_perf_hooks_.performance.now(), elapsed);
        const location = res.location;
        if (!req.followRedirects || !isRedirect(res.status) || location === undefined) {
            return {
                status: res.status,
                contentType: res.contentType,
                body: res.body,
                bodyTruncated: res.bodyTruncated,
                latencyMs: elapsed(),
                redirects,
            };
        }
        if (redirects.length >= req.maxRedirects) {
            throw new ProbeError(`more than ${req.maxRedirects} redirects (the last one to ${redirects.at(-1)})`, 'TOO_MANY_REDIRECTS', elapsed());
        }
        let next;
        try {
            next = new URL(location, url);
        }
        catch {
            throw new ProbeError(`redirect ${res.status} to an invalid Location`, 'BAD_REDIRECT', elapsed());
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new ProbeError(`redirect ${res.status} to a ${next.protocol} URL`, 'BAD_REDIRECT', elapsed());
        }
        // As browsers and curl do: 303 (and 301/302 after a POST) continue with a GET without body.
        if (res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST') {
            method = 'GET';
            body = undefined;
            headers = withoutHeaders(headers, ['content-type', 'content-length']);
        }
        // Credentials never follow a redirect to another origin (curl without --location-trusted).
        if (next.origin !== url.origin)
            headers = withoutHeaders(headers, SENSITIVE_ON_OTHER_ORIGIN);
        url = next;
        redirects.push(displayUrl(url));
    }
}
function isRedirect(status) {
    return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
function withoutHeaders(headers, names) {
    return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}
/** A URL as it may be shown: without user:password. */
function displayUrl(url) {
    const u = new URL(String(url));
    u.username = '';
    u.password = '';
    return u.toString();
}
function send(url, method, headers, body, opts, timeoutMs, elapsed) {
    return new Promise((resolve, reject) => {
        const maxBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
        const outgoing = { ...headers };
        if (body !== undefined)
            outgoing['content-length'] = String(Buffer.byteLength(body));
        const options = {
            method,
            headers: outgoing,
            agent: false,
            ...(url.protocol === 'https:'
                ? { rejectUnauthorized: !opts.tls.insecure, secureContext: secureContext(opts.tls.extraCa) }
                : {}),
        };
        let settled = false;
        let stream;
        const onAbort = () => fail(new ProbeError('stopped', 'ABORTED', elapsed()));
        const fail = (error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', onAbort);
            request.destroy();
            stream?.destroy();
            reject(toProbeError(error, elapsed()));
        };
        const timer = setTimeout(() => fail(new ProbeError(`no complete response within ${(0,duration/* formatDuration */.a)(opts.timeoutMs)}`, 'TIMEOUT', elapsed())), Math.max(0, timeoutMs));
        const request = (url.protocol === 'https:' ? external_node_https_ : external_node_http_).request(url, options, (res) => {
            const status = res.statusCode ?? 0;
            stream = decoded(res);
            const chunks = [];
            let size = 0;
            const finish = (truncated) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                opts.signal?.removeEventListener('abort', onAbort);
                if (truncated) {
                    request.destroy();
                    stream?.destroy();
                }
                resolve({
                    status,
                    location: res.headers.location,
                    contentType: res.headers['content-type'],
                    body: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'),
                    bodyTruncated: truncated,
                });
            };
            stream.on('data', (chunk) => {
                chunks.push(chunk);
                size += chunk.length;
                if (size > maxBytes)
                    finish(true);
            });
            stream.on('end', () => finish(false));
            stream.on('error', fail);
            res.on('error', fail);
            res.on('close', () => {
                if (!res.complete)
                    fail(new ProbeError('the connection closed mid-response', 'ECONNRESET', elapsed()));
            });
        });
        request.on('error', fail);
        if (opts.signal?.aborted)
            onAbort();
        else
            opts.signal?.addEventListener('abort', onAbort, { once: true });
        request.end(body);
    });
}
const contexts = new Map();
/** Node's roots plus the extra CAs, built once per set of CAs rather than once per request. */
function secureContext(extraCa) {
    const key = extraCa.join('\n');
    if (!contexts.has(key)) {
        contexts.set(key, extraCa.length ? external_node_tls_.createSecureContext({ ca: [...external_node_tls_.rootCertificates, ...extraCa] }) : undefined);
    }
    return contexts.get(key);
}
function decoded(res) {
    const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
    if (encoding === 'gzip' || encoding === 'x-gzip')
        return res.pipe(external_node_zlib_.createGunzip());
    if (encoding === 'deflate')
        return res.pipe(external_node_zlib_.createInflate());
    if (encoding === 'br')
        return res.pipe(external_node_zlib_.createBrotliDecompress());
    return res;
}
/** Certificate chain errors: trusting the right CA ('ca-cert') is the fix. */
const UNTRUSTED_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_UNTRUSTED',
]);
/** A readable, stable description of a network error (Node's AggregateError has no message). */
function toProbeError(error, latencyMs) {
    if (error instanceof ProbeError)
        return error;
    const e = error;
    const code = typeof e?.code === 'string' ? e.code : 'ERROR';
    let message = e instanceof Error ? e.message : String(error);
    if (!message && Array.isArray(e?.errors)) {
        message = e.errors.map((x) => (x instanceof Error ? x.message : String(x))).join('; ');
    }
    if (code === 'ECONNREFUSED')
        message = `connection refused (${message})`;
    else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        message = `host not found in DNS (${message})`;
    else if (code === 'ECONNRESET')
        message = `connection reset (${message})`;
    else if (UNTRUSTED_CODES.has(code)) {
        // Node 24 adds "; if the root CA is installed locally, try running Node.js with --use-system-ca":
        // a workflow cannot pass flags to an action's node, so the fix we name is the one that applies.
        message = message.replace(/;\s*if the root CA is installed locally.*$/s, '');
        message = `TLS: ${message} (${code}) — give the CA that signed the server certificate in 'ca-cert'`;
    }
    else if (/^(ERR_TLS_|ERR_SSL_|CERT_)/.test(code))
        message = `TLS: ${message} (${code})`;
    return new ProbeError(message || code, code, latencyMs);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./build/actions/smoke-test/json-path.js
var json_path = __webpack_require__(99391);
// EXTERNAL MODULE: ./build/actions/smoke-test/status.js
var smoke_test_status = __webpack_require__(40999);
;// CONCATENATED MODULE: ./build/actions/smoke-test/inputs.js
// The smoke-test inputs, parsed and validated up front into one plan: the checks to run and
// the rules of the gate. Nothing here sends a request or prints a value.







const MAX_REDIRECTS = 5;
const DEFAULT_HEADERS = {
    'user-agent': 'ops-actions-smoke-test',
    accept: '*/*',
};
/** Shorter values are not masked: `core.setSecret('on')` would hide every "on" in the job log. */
const MIN_SECRET_LENGTH = 4;
const CHECKS_EXAMPLE = `checks: |
  - name: API health
    url: https://api.example.com/health
    headers:
      Authorization: Bearer \${{ secrets.API_TOKEN }}
    status: 200
    json-equals:
      status: ok
    max-latency: 500ms
  - url: https://www.example.com/
    body-contains: Welcome`;
const DEFAULTS = {
    expectStatus: '2xx',
    requestTimeout: '10s',
    timeout: '2m',
    interval: '1s',
    failureThreshold: 3,
    watch: '0',
};
/** The longest `watch`: a job that watches longer holds its runner (and the deploy's lock) idle. */
const MAX_WATCH_MS = 3_600_000;
/** Parses and validates every input; throws a ConfigurationError naming the input. */
async function readSmokeTestInputs(inputs) {
    const urls = splitUrls(inputs.raw('url'));
    // the YAML parser and the schema (zod) load only when `checks` is given: a `url` list is the common case
    const entries = inputs.has('checks')
        ? ((await Promise.all(/* import() */[__webpack_require__.e(8815), __webpack_require__.e(4568)]).then(__webpack_require__.bind(__webpack_require__, 84568))).yamlInput(inputs, 'checks', (await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3210)]).then(__webpack_require__.bind(__webpack_require__, 23210))).checksSchema, CHECKS_EXAMPLE) ?? [])
        : [];
    if (urls.length === 0 && entries.length === 0) {
        throw new errors/* ConfigurationError */.j1('url', "give the URLs to check in 'url' (one per line), or checks with assertions in 'checks'.", 'url: |\n  https://example.com/health\n  https://api.example.com/ready');
    }
    const globalHeaders = parseHeaderLines(inputs.raw('headers'));
    const expectStatus = inputs.string('expect-status', { default: DEFAULTS.expectStatus });
    let status;
    try {
        status = (0,smoke_test_status/* parseStatusSpec */.L)(expectStatus);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1('expect-status', (0,errors/* errorMessage */.gJ)(error), 'expect-status: 200, 204');
    }
    const defaults = {
        status,
        bodyContains: inputs.optionalString('body-contains'),
        maxLatencyMs: inputs.has('max-latency') ? inputs.duration('max-latency', '1s', { min: 1 }) : undefined,
        followRedirects: inputs.boolean('follow-redirects', true),
        requestTimeoutMs: inputs.duration('request-timeout', DEFAULTS.requestTimeout, {
            min: 100,
            max: 600_000,
        }),
        headers: globalHeaders,
    };
    const secrets = new Set();
    for (const [name, value] of Object.entries(globalHeaders))
        addHeaderSecrets(secrets, name, value);
    const checks = [
        ...urls.map((url, i) => buildCheck({ url }, defaults, secrets, `entry ${i + 1}`, 'url')),
        ...entries.map((entry, i) => buildCheck(entry, defaults, secrets, `check ${i + 1}`, 'checks')),
    ];
    const seen = new Set();
    for (const c of checks) {
        if (seen.has(c.name)) {
            throw new errors/* ConfigurationError */.j1(entries.length > 0 ? 'checks' : 'url', `two checks are named '${c.name}': list each URL once, and give checks distinct names (name: …).`);
        }
        seen.add(c.name);
    }
    const insecure = inputs.boolean('insecure', false);
    const extraCa = parseCaCert(inputs.raw('ca-cert'));
    if (insecure && extraCa.length > 0) {
        throw new errors/* ConfigurationError */.j1('insecure', "is true while 'ca-cert' is given: with the CA the certificate can be verified, so drop 'insecure'.", 'insecure: false');
    }
    const intervalMs = inputs.duration('interval', DEFAULTS.interval, { min: 0, max: 600_000 });
    return {
        checks,
        timeoutMs: inputs.duration('timeout', DEFAULTS.timeout, { min: 1000, max: 6 * 3_600_000 }),
        consecutivePasses: inputs.integer('consecutive-passes', 1, { min: 1, max: 100 }),
        intervalMs,
        failureThreshold: inputs.integer('failure-threshold', DEFAULTS.failureThreshold, { min: 1, max: 1000 }),
        watchMs: readWatch(inputs, intervalMs),
        tls: { extraCa, insecure },
        secrets: [...secrets].sort((a, b) => b.length - a.length),
    };
}
/** `watch`: 0 (off), or a duration of at least one `interval` and at most MAX_WATCH_MS. */
function readWatch(inputs, intervalMs) {
    const text = inputs.string('watch', { default: DEFAULTS.watch });
    const ms = (0,duration/* parseDuration */.E)(text);
    const example = 'watch: 5m # with interval: 10s, 30 rounds after the gate passed';
    if (ms === undefined) {
        throw new errors/* ConfigurationError */.j1('watch', `must be a duration such as 5m or 90s (0 turns the watch off), got '${text}'.`, example);
    }
    if (ms === 0)
        return 0;
    if (ms < Math.max(intervalMs, 1000)) {
        throw new errors/* ConfigurationError */.j1('watch', `is ${(0,duration/* formatDuration */.a)(ms)}, shorter than one round: give at least 'interval' (${(0,duration/* formatDuration */.a)(intervalMs)}) and 1s, or 0 to turn it off.`, example);
    }
    if (ms > MAX_WATCH_MS) {
        throw new errors/* ConfigurationError */.j1('watch', `is ${text}, over the 1h cap: the job holds its runner while it watches. Watch for longer with an external monitor.`, example);
    }
    return ms;
}
function buildCheck(entry, defaults, secrets, where, input) {
    const url = parseHttpUrl(entry.url, where, input);
    // precedence: the check's own headers, then credentials in its URL, then the headers input
    const headers = { ...DEFAULT_HEADERS, ...defaults.headers };
    if (url.username || url.password) {
        const user = safeDecode(url.username);
        const password = safeDecode(url.password);
        for (const s of [url.password, password])
            if (s.length >= MIN_SECRET_LENGTH)
                secrets.add(s);
        headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
        addHeaderSecrets(secrets, 'authorization', headers['authorization']);
    }
    for (const [rawName, rawValue] of Object.entries(entry.headers ?? {})) {
        const name = rawName.trim().toLowerCase();
        if (!HEADER_NAME.test(name)) {
            throw new errors/* ConfigurationError */.j1(input, `${where}: '${rawName}' is not a valid header name.`, CHECKS_EXAMPLE);
        }
        const value = String(rawValue);
        if (BAD_HEADER_VALUE.test(value)) {
            // the value is not echoed: it may hold a token
            throw new errors/* ConfigurationError */.j1(input, `${where}: the value of header '${rawName}' has a character HTTP does not allow (a line break, a control character or one beyond Latin-1).`, CHECKS_EXAMPLE);
        }
        headers[name] = value;
        addHeaderSecrets(secrets, name, headers[name]);
    }
    const shownUrl = displayUrl(url);
    const method = entry.method ?? 'GET';
    const bodyContains = entry['body-contains'] ?? defaults.bodyContains;
    const jsonEquals = Object.entries(entry['json-equals'] ?? {}).map(([path, value]) => {
        try {
            return { path, segments: (0,json_path/* parseJsonPath */.Hf)(path), value: value };
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(input, `${where}: json-equals: ${(0,errors/* errorMessage */.gJ)(error)}`, CHECKS_EXAMPLE);
        }
    });
    return {
        name: entry.name ?? `${method} ${shownUrl}`,
        method,
        url: shownUrl,
        headers,
        body: entry.body,
        followRedirects: entry['follow-redirects'] ?? defaults.followRedirects,
        requestTimeoutMs: entry['request-timeout'] ?? defaults.requestTimeoutMs,
        expect: {
            status: entry.status ?? defaults.status,
            bodyContains: bodyContains === undefined ? [] : Array.isArray(bodyContains) ? bodyContains : [bodyContains],
            bodyRegex: entry['body-regex'],
            jsonEquals,
            maxLatencyMs: entry['max-latency'] ?? defaults.maxLatencyMs,
        },
    };
}
/** URLs separated by newlines or spaces (a URL has no spaces; commas stay, `?ids=1,2` is one URL). */
function splitUrls(text) {
    return text
        .split(/\r?\n/)
        .filter((l) => !l.trim().startsWith('#'))
        .flatMap((l) => l.trim().split(/\s+/))
        .filter((s) => s !== '');
}
function parseHttpUrl(text, where, input) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        // never echo credentials a malformed URL may carry
        const shown = text
            .trim()
            .replace(/\/\/[^/@\s]*@/, '//***@')
            .slice(0, 100);
        throw new errors/* ConfigurationError */.j1(input, `${where}: '${shown}' is not an http:// or https:// URL.`, input === 'url' ? 'url: https://example.com/health' : CHECKS_EXAMPLE);
    }
    return url;
}
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** What Node refuses to send in a header value (it would fail every attempt until the deadline). */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** The `headers` input: `Name: value` lines (blank lines and `# comments` skipped). */
function parseHeaderLines(text) {
    const out = {};
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const colon = line.indexOf(':');
        const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
        if (!HEADER_NAME.test(name) || BAD_HEADER_VALUE.test(line)) {
            // the line is not echoed: it may hold a token
            throw new errors/* ConfigurationError */.j1('headers', `line ${i + 1} is not 'Name: value' with a valid header name and a value without control characters.`, `headers: |\n  Authorization: Bearer \${{ secrets.API_TOKEN }}\n  X-Smoke-Test: 1`);
        }
        out[name] = line.slice(colon + 1).trim();
    }
    return out;
}
/** Every header value is treated as secret; for Authorization also the credentials after the scheme. */
function addHeaderSecrets(secrets, name, value) {
    if (value.length >= MIN_SECRET_LENGTH)
        secrets.add(value);
    if (name === 'authorization' || name === 'proxy-authorization') {
        const credentials = /^[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1];
        if (credentials && credentials.length >= MIN_SECRET_LENGTH)
            secrets.add(credentials);
    }
}
/** `ca-cert`: one or more PEM certificates, each checked now rather than at the first request. */
function parseCaCert(text) {
    if (text.trim() === '')
        return [];
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) {
        throw new errors/* ConfigurationError */.j1('ca-cert', 'must be the content of one or more PEM certificates (-----BEGIN CERTIFICATE----- …), not a file path or a key.', `ca-cert: \${{ secrets.INTERNAL_CA_PEM }}`);
    }
    return blocks.map((pem, i) => {
        try {
            new external_node_crypto_.X509Certificate(pem);
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1('ca-cert', `certificate ${i + 1} cannot be read: ${(0,errors/* errorMessage */.gJ)(error)}.`);
        }
        return `${pem}\n`;
    });
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/** The plan, one line per check, for the log (no header values). */
function describePlan(plan) {
    return plan.checks.map((c) => {
        const request = `${c.method} ${c.url}`;
        return `${c.name === request ? request : `${c.name}: ${request}`} → ${(0,expectations/* describeExpectations */.T2)(c.expect)}`;
    });
}

;// CONCATENATED MODULE: ./build/actions/smoke-test/gate.js
// The gate: every check runs at once and is polled every `interval` until it has passed
// `consecutivePasses` times in a row. A failed attempt is one of two kinds. "Not ready yet" — no
// answer (refused, reset, timed out), a 502/503/504, or a right answer that is too slow — is
// waited for until the gate's deadline. "Wrong" — any other status, a wrong body or JSON value —
// fails the check after `failureThreshold` such answers in a row, and the first check that fails
// for good stops the gate: a rollback need not wait for the deadline.






/** The last attempt, started just before the deadline, still gets this long to answer. */
const MIN_ATTEMPT_TIMEOUT_MS = 1000;
/** The shortest wait after a failed attempt, whatever `interval` says: no busy loop on a refusing port. */
const MIN_RETRY_DELAY_MS = 100;
/** The error of a check that had not passed yet when another check failed for good. */
const STOPPED = 'stopped: another check failed for good';
const realDeps = (log) => ({
    send: probe,
    sleep: (ms, signal) => (0,retry/* abortableSleep */.Mf)(ms, signal),
    now: () => performance.now(),
    log,
});
async function runGate(plan, deps) {
    const start = deps.now();
    const stop = new AbortController();
    const checks = await Promise.all(plan.checks.map((check) => runCheck(check, plan, deps, start, stop)));
    const passed = checks.every((c) => c.passed);
    return {
        passed,
        elapsedMs: deps.now() - start,
        checks,
        ...(stop.signal.aborted ? { failedFast: true } : {}),
    };
}
async function runCheck(check, plan, deps, gateStart, stop) {
    const deadline = gateStart + plan.timeoutMs;
    const need = plan.consecutivePasses;
    let streak = 0;
    let wrongInRow = 0;
    let lastFailure;
    for (let attempt = 1;; attempt++) {
        const timeoutMs = Math.min(check.requestTimeoutMs, Math.max(deadline - deps.now(), MIN_ATTEMPT_TIMEOUT_MS));
        const last = await attemptOnce(check, plan, deps, attempt, timeoutMs, gateStart, stop.signal);
        if (stop.signal.aborted && !last.passed) {
            deps.log(line(check, last, 'the gate failed on another check: stopped'));
            return result(check, last, streak, attempt, gateStart, deps, STOPPED);
        }
        let waitMs;
        let progress = '';
        if (last.passed) {
            streak++;
            wrongInRow = 0;
            if (streak >= need) {
                deps.log(line(check, last, need > 1 ? `pass ${streak} of ${need}: passed` : 'passed'));
                return result(check, last, streak, attempt, gateStart, deps, undefined);
            }
            waitMs = plan.intervalMs;
            progress = `pass ${streak} of ${need}; `;
        }
        else {
            streak = 0;
            lastFailure = last.error;
            wrongInRow = last.wrong ? wrongInRow + 1 : 0;
            if (wrongInRow >= plan.failureThreshold) {
                deps.log(line(check, last, `wrong ${wrongInRow} times in a row: failed`));
                stop.abort();
                const error = `${last.error ?? 'failed'} — wrong ${wrongInRow} times in a row (failure-threshold: ${plan.failureThreshold}): ` +
                    'a wrong answer, not a service still starting, so the gate fails now rather than at the deadline';
                return result(check, last, streak, attempt, gateStart, deps, error);
            }
            if (last.wrong)
                progress = `wrong ${wrongInRow} of ${plan.failureThreshold}; `;
            waitMs = Math.max(plan.intervalMs, MIN_RETRY_DELAY_MS);
        }
        const remaining = deadline - deps.now();
        if (remaining <= 0) {
            deps.log(line(check, last, `${progress}deadline reached: failed`));
            const error = last.passed
                ? `passed ${streak} of the ${need} times in a row it must before the deadline` +
                    (lastFailure ? `; the failure before: ${lastFailure}` : '')
                : last.error;
            return result(check, last, streak, attempt, gateStart, deps, error);
        }
        waitMs = Math.min(waitMs, remaining);
        deps.log(line(check, last, `${progress}next attempt in ${(0,duration/* formatDuration */.a)(waitMs)}`));
        await deps.sleep(waitMs, stop.signal);
        if (stop.signal.aborted) {
            deps.log(`${check.name}: the gate failed on another check: stopped`);
            return result(check, last, streak, attempt, gateStart, deps, STOPPED);
        }
    }
}
/** One request of a check, judged: used by the gate and by the watch. */
async function attemptOnce(check, plan, deps, attempt, timeoutMs, gateStart, signal) {
    const request = {
        method: check.method,
        url: check.url,
        headers: check.headers,
        body: check.body,
        followRedirects: check.followRedirects,
        maxRedirects: MAX_REDIRECTS,
        timeoutMs,
        tls: plan.tls,
        signal,
    };
    try {
        const res = await deps.send(request);
        const verdict = (0,expectations/* judge */.S4)(check.expect, res);
        const atMs = deps.now() - gateStart;
        const base = { attempt, atMs, status: res.status, latencyMs: res.latencyMs };
        if (verdict.failures.length === 0)
            return { ...base, passed: true };
        const excerpt = verdict.bodyRelevant ? ` — body: ${(0,expectations/* bodyExcerpt */.kG)(res.body)}` : '';
        // a server may echo a request header (a token) back in its body or in a JSON value
        return {
            ...base,
            passed: false,
            wrong: !verdict.notReady,
            error: (0,secrets/* redact */.E$)(verdict.failures.join('; ') + excerpt, plan.secrets),
        };
    }
    catch (error) {
        // no answer at all (refused, reset, timed out, TLS): not ready yet
        const e = toProbeError(error, 0);
        return {
            attempt,
            atMs: deps.now() - gateStart,
            passed: false,
            wrong: false,
            latencyMs: e.latencyMs || undefined,
            error: (0,secrets/* redact */.E$)((0,expectations/* bodyExcerpt */.kG)(e.message, 300), plan.secrets),
        };
    }
}
function result(check, last, streak, attempts, gateStart, deps, error) {
    return {
        name: check.name,
        method: check.method,
        url: check.url,
        passed: error === undefined,
        attempts,
        consecutivePasses: streak,
        status: last.status,
        // the time until a refusal or a timeout is not a latency
        latencyMs: last.status === undefined ? undefined : last.latencyMs,
        error,
        elapsedMs: deps.now() - gateStart,
    };
}
/** `✗ API health · attempt 2 at 3.1s · 503 in 12ms · status 503, expected 2xx — next attempt in 2.0s` */
function line(check, a, outcome) {
    const got = a.status !== undefined
        ? `${a.status} in ${(0,duration/* formatDuration */.a)(a.latencyMs ?? 0)}`
        : `no response${a.latencyMs ? ` after ${(0,duration/* formatDuration */.a)(a.latencyMs)}` : ''}`;
    const why = a.error ? ` · ${a.error}` : '';
    return `${a.passed ? '✓' : '✗'} ${check.name} · attempt ${a.attempt} at ${(0,duration/* formatDuration */.a)(a.atMs)} · ${got}${why} — ${outcome}`;
}

;// CONCATENATED MODULE: ./build/actions/smoke-test/watch.js
// The watch: after the gate passed — the release is live and was healthy — every check runs again
// once per round, one round every `interval`, for `watch`. A round fails when any check fails, and
// here "not ready" (no answer, 502/503/504, too slow) is as much a failure as a wrong answer: the
// service was up, so it going away is the breakage the watch is for. `failureThreshold` failed
// rounds in a row end the watch at once and fail the step, so a rollback with `if: failure()`
// starts now. The log gets a line for a failed round, for a recovery, and one a minute otherwise.


/** While every round passes, one line this often says the watch is still on. */
const HEARTBEAT_MS = 60_000;
async function runWatch(plan, deps, cancel) {
    const start = deps.now();
    const deadline = start + plan.watchMs;
    const waitMs = Math.max(plan.intervalMs, MIN_RETRY_DELAY_MS);
    let rounds = 0;
    let passedRounds = 0;
    let failedInRow = 0;
    let failingSinceMs;
    let lastHeartbeat = start;
    const done = (outcome, failures = [], failedAtMs) => ({
        watchMs: plan.watchMs,
        outcome,
        rounds,
        passedRounds,
        elapsedMs: deps.now() - start,
        ...(failedAtMs !== undefined ? { failedAtMs, failingSinceMs } : {}),
        failures,
    });
    for (;;) {
        const now = deps.now();
        if (now >= deadline)
            break;
        // rounds start every `interval` from go-live (a slow round does not push the later ones back);
        // the last one at the end of the watch
        const next = Math.min(start + (rounds + 1) * waitMs, deadline);
        await deps.sleep(Math.max(next - now, 0), cancel);
        if (cancel.aborted)
            return done('cancelled');
        const attempts = await Promise.all(plan.checks.map((check) => attemptOnce(check, plan, deps, rounds + 1, check.requestTimeoutMs, start, cancel)));
        if (cancel.aborted)
            return done('cancelled');
        rounds++;
        const at = deps.now() - start;
        const failing = attempts
            .map((a, i) => ({ a, name: plan.checks[i]?.name ?? '?' }))
            .filter(({ a }) => !a.passed)
            .map(({ a, name }) => toFailure(name, a));
        if (failing.length === 0) {
            passedRounds++;
            if (failedInRow > 0) {
                deps.log(`✓ watch round ${rounds} at ${(0,duration/* formatDuration */.a)(at)}: every check passes again`);
                lastHeartbeat = deps.now();
            }
            else if (deps.now() - lastHeartbeat >= HEARTBEAT_MS) {
                deps.log(`✓ watch: ${passedRounds} of ${rounds} rounds passed, ${(0,duration/* formatDuration */.a)(at)} since go-live, ${(0,duration/* formatDuration */.a)(Math.max(deadline - deps.now(), 0))} left`);
                lastHeartbeat = deps.now();
            }
            failedInRow = 0;
            failingSinceMs = undefined;
            continue;
        }
        failedInRow++;
        failingSinceMs ??= at;
        const what = failing.map(describeFailure).join('; ');
        if (failedInRow >= plan.failureThreshold) {
            deps.log(`✗ watch round ${rounds} at ${(0,duration/* formatDuration */.a)(at)} · ${what} — failed ${failedInRow} rounds in a row: the watch fails`);
            return done('failed', failing, at);
        }
        deps.log(`✗ watch round ${rounds} at ${(0,duration/* formatDuration */.a)(at)} · ${what} — failed round ${failedInRow} of ${plan.failureThreshold}`);
    }
    return done('passed');
}
function toFailure(name, a) {
    return {
        name,
        ...(a.status !== undefined ? { status: a.status, latencyMs: a.latencyMs } : {}),
        error: a.error ?? 'failed',
    };
}
/** `health: 500 in 3ms, status 500, expected 2xx` or `health: no response, connect ECONNREFUSED …` */
function describeFailure(f) {
    const got = f.status !== undefined ? `${f.status} in ${(0,duration/* formatDuration */.a)(f.latencyMs ?? 0)}` : 'no response';
    return `${f.name}: ${got}, ${f.error}`;
}

;// CONCATENATED MODULE: ./build/actions/smoke-test/report.js
// What the gate's result becomes: the `report` output, the job summary and the failure message.



/** Whether the step passed: the gate, then the watch when one ran. */
function overallPassed(result, watch) {
    return result.passed && (watch === undefined || watch.outcome === 'passed');
}
/**
 * The `report` output: stable keys, null rather than missing, whole milliseconds. A check that
 * broke during the watch reads as failed, with what it answered then — so a reader of `checks`
 * (notify) names it without knowing about the watch.
 */
function buildReport(result, watch) {
    const broke = new Map((watch?.outcome === 'failed' ? watch.failures : []).map((f) => [f.name, f]));
    return {
        passed: overallPassed(result, watch),
        elapsedMs: Math.round(result.elapsedMs),
        checks: result.checks.map((c) => {
            const f = broke.get(c.name);
            return {
                name: c.name,
                method: c.method,
                url: c.url,
                passed: c.passed && f === undefined,
                attempts: c.attempts,
                consecutivePasses: c.consecutivePasses,
                status: (f ? f.status : c.status) ?? null,
                latencyMs: roundOrNull(f ? f.latencyMs : c.latencyMs),
                error: f && watch ? watchError(f, watch) : (c.error ?? null),
            };
        }),
        watch: watch
            ? {
                watchMs: watch.watchMs,
                outcome: watch.outcome,
                rounds: watch.rounds,
                passedRounds: watch.passedRounds,
                elapsedMs: Math.round(watch.elapsedMs),
                failedAtMs: roundOrNull(watch.failedAtMs),
                failingSinceMs: roundOrNull(watch.failingSinceMs),
                failures: watch.failures.map((f) => ({
                    name: f.name,
                    status: f.status ?? null,
                    latencyMs: roundOrNull(f.latencyMs),
                    error: f.error,
                })),
            }
            : null,
    };
}
/** `broke during the watch, 12.3s after go-live: status 500, expected 2xx (8 rounds passed before)` */
function watchError(f, watch) {
    const since = watch.failingSinceMs ?? watch.failedAtMs ?? 0;
    return `broke during the watch, ${(0,duration/* formatDuration */.a)(since)} after go-live: ${f.error} (${watch.passedRounds} of ${watch.rounds} rounds passed)`;
}
function roundOrNull(ms) {
    return ms === undefined ? null : Math.round(ms);
}
/** The watch's outcome in one sentence, for the summary, the failure message and the log. */
function watchSentence(watch, plan) {
    const rounds = `${watch.passedRounds} of ${watch.rounds} round${plural(watch.rounds)} passed`;
    if (watch.outcome === 'passed') {
        return `Watched ${(0,duration/* formatDuration */.a)(watch.watchMs)} after go-live: ${rounds}, every ${(0,duration/* formatDuration */.a)(plan.intervalMs)}.`;
    }
    if (watch.outcome === 'cancelled') {
        return `The watch was cancelled ${(0,duration/* formatDuration */.a)(watch.elapsedMs)} after go-live (of ${(0,duration/* formatDuration */.a)(watch.watchMs)}): ${rounds} until then.`;
    }
    const since = watch.failingSinceMs ?? watch.failedAtMs ?? 0;
    return (`The release broke ${(0,duration/* formatDuration */.a)(since)} after go-live: ${plan.failureThreshold} round${plural(plan.failureThreshold)} in a row failed ` +
        `(failure-threshold), the last at ${(0,duration/* formatDuration */.a)(watch.failedAtMs ?? 0)}; ${rounds} of the ${(0,duration/* formatDuration */.a)(watch.watchMs)} watch. ` +
        `What broke: ${watch.failures.map(describeFailure).join('; ')}`);
}
function summaryMarkdown(result, plan, watch) {
    const failed = result.checks.filter((c) => !c.passed).length;
    const n = `${result.checks.length} check${plural(result.checks.length)}`;
    const headline = !result.passed
        ? `### ${(0,summary/* statusIcon */.I8)(false)} Smoke test failed: ${failed} of ${n} ${notPassed(result, plan)}`
        : watch?.outcome === 'failed'
            ? `### ${(0,summary/* statusIcon */.I8)(false)} Smoke test failed during the watch: ${watch.failures.map((f) => f.name).join(', ')} broke ${(0,duration/* formatDuration */.a)(watch.failingSinceMs ?? watch.failedAtMs ?? 0)} after go-live`
            : watch?.outcome === 'cancelled'
                ? `### ${(0,summary/* statusIcon */.I8)(false)} Smoke test passed, then its watch was cancelled after ${(0,duration/* formatDuration */.a)(watch.elapsedMs)}`
                : `### ${(0,summary/* statusIcon */.I8)(true)} Smoke test passed: ${n} in ${(0,duration/* formatDuration */.a)(result.elapsedMs)}${watch ? `, then watched for ${(0,duration/* formatDuration */.a)(watch.watchMs)}` : ''}`;
    const rows = result.checks.map((c) => [
        c.name,
        `${(0,summary/* statusIcon */.I8)(c.passed)} ${c.passed ? 'passed' : 'failed'}`,
        c.attempts,
        c.status ?? '—',
        c.latencyMs === undefined ? '—' : (0,duration/* formatDuration */.a)(c.latencyMs),
        c.error ? truncate(c.error, 300) : '',
    ]);
    const rules = [
        plan.consecutivePasses > 1
            ? `each check must pass ${plan.consecutivePasses} times in a row, ${(0,duration/* formatDuration */.a)(plan.intervalMs)} apart`
            : 'each check must pass once',
        `polled every ${(0,duration/* formatDuration */.a)(plan.intervalMs)}, not ready waited for until ${(0,duration/* formatDuration */.a)(plan.timeoutMs)}, failed after ${plan.failureThreshold} wrong answer${plural(plan.failureThreshold)} in a row`,
        plan.watchMs > 0
            ? `then watched ${(0,duration/* formatDuration */.a)(plan.watchMs)}, where no answer or a 502/503/504 fails a round too (the release was live and healthy), and ${plan.failureThreshold} failed round${plural(plan.failureThreshold)} in a row fail the step`
            : '',
        plan.tls.insecure ? '⚠️ TLS certificates were not verified (insecure: true)' : '',
    ].filter(Boolean);
    return [
        headline,
        '',
        (0,summary/* markdownTable */.Qj)(['Check', 'Result', 'Attempts', 'Last status', 'Latency', 'Error'], rows),
        '',
        ...(watch ? [watchSummary(watch, plan), ''] : []),
        `<sub>${rules.join('; ')}.</sub>`,
        '',
    ].join('\n');
}
/** The watch below the gate's table: the sentence, and a row per check that broke. */
function watchSummary(watch, plan) {
    const head = `**Watch** (${(0,duration/* formatDuration */.a)(watch.watchMs)} after go-live, every ${(0,duration/* formatDuration */.a)(plan.intervalMs)}): ${watchSentence(watch, plan).replace(/ What broke: .*$/, '')}`;
    if (watch.failures.length === 0)
        return head;
    const rows = watch.failures.map((f) => [
        f.name,
        f.status ?? 'no response',
        f.latencyMs === undefined ? '—' : (0,duration/* formatDuration */.a)(f.latencyMs),
        truncate(f.error, 300),
    ]);
    return [head, '', (0,summary/* markdownTable */.Qj)(['Check that broke', 'Status', 'Latency', 'Error'], rows)].join('\n');
}
/** The step's failure: every failing check with its last status and error, or what broke in the watch. */
function failureMessage(result, plan, watch) {
    if (result.passed && watch && watch.outcome !== 'passed') {
        const lead = watch.outcome === 'cancelled'
            ? 'Smoke test passed, then its watch was cancelled (nothing is rolled back on cancel: check the release).'
            : 'Smoke test passed at first, then failed its watch.';
        return `${lead} ${watchSentence(watch, plan)}`;
    }
    const failing = result.checks.filter((c) => !c.passed);
    const lines = failing.map((c) => `  - ${c.name} (${c.status ?? 'no response'}, ${c.attempts} attempt${plural(c.attempts)}): ${c.error ?? 'failed'}`);
    return [
        `Smoke test failed: ${failing.length} of ${result.checks.length} check${plural(result.checks.length)} ${notPassed(result, plan)}:`,
        ...lines,
    ].join('\n');
}
/** How the gate ended: at its deadline, or early on wrong answers. */
function notPassed(result, plan) {
    return result.failedFast
        ? `did not pass: a wrong answer ended the gate after ${(0,duration/* formatDuration */.a)(result.elapsedMs)} (failure-threshold), before the ${(0,duration/* formatDuration */.a)(plan.timeoutMs)} deadline`
        : `did not pass within ${(0,duration/* formatDuration */.a)(plan.timeoutMs)}`;
}
function plural(n) {
    return n === 1 ? '' : 's';
}
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

;// CONCATENATED MODULE: ./build/actions/smoke-test/main.js











async function main() {
    const plan = await readSmokeTestInputs(new inputs/* Inputs */.G0());
    for (const secret of plan.secrets)
        (0,secrets/* maskSecret */.$l)(secret);
    if (plan.tls.insecure) {
        core/* warning */.$e("insecure: true — TLS certificates are NOT verified, so this gate cannot tell the real server from an impostor. Give the server's CA in 'ca-cert' instead.");
    }
    const title = `Smoke test: ${plan.checks.length} check${plan.checks.length === 1 ? '' : 's'} at once, deadline ${(0,duration/* formatDuration */.a)(plan.timeoutMs)}`;
    const deps = realDeps((line) => core/* info */.pq(line));
    const result = await core/* group */.Os(title, async () => {
        for (const line of describePlan(plan))
            core/* info */.pq(`• ${line}`);
        return runGate(plan, deps);
    });
    for (const c of result.checks) {
        const detail = c.passed ? `${c.status} in ${(0,duration/* formatDuration */.a)(c.latencyMs ?? 0)}` : (c.error ?? 'failed');
        core/* info */.pq(`${(0,summary/* statusIcon */.I8)(c.passed)} ${c.name}: ${detail} (${c.attempts} attempt${c.attempts === 1 ? '' : 's'})`);
    }
    let watch;
    if (result.passed && plan.watchMs > 0) {
        const cancel = (0,lib_cancel/* stepCancelSignal */.X)();
        watch = await core/* group */.Os(`Watch: every check every ${(0,duration/* formatDuration */.a)(plan.intervalMs)} for ${(0,duration/* formatDuration */.a)(plan.watchMs)} after go-live`, () => runWatch(plan, deps, cancel));
        core/* info */.pq(`${(0,summary/* statusIcon */.I8)(watch.outcome === 'passed')} ${watchSentence(watch, plan)}`);
    }
    const passed = overallPassed(result, watch);
    core/* setOutput */.uH('passed', String(passed));
    core/* setOutput */.uH('report', JSON.stringify(buildReport(result, watch)));
    core/* setOutput */.uH('watch-rounds', String(watch?.rounds ?? 0));
    core/* setOutput */.uH('watch-failed-at-ms', watch?.failedAtMs === undefined ? '' : String(Math.round(watch.failedAtMs)));
    await (0,summary/* writeSummary */.Sy)(summaryMarkdown(result, plan, watch));
    if (!passed)
        throw new errors/* OperationError */.OK(failureMessage(result, plan, watch));
}


/***/ }),

/***/ 40999:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ parseStatusSpec),
/* harmony export */   W: () => (/* binding */ statusMatches)
/* harmony export */ });
const ITEM = /^(?:(\d{3})|([1-5])xx|(\d{3})-(\d{3}))$/i;
/**
 * Parses `200`, `2xx`, `200-299`, or a list of them (`200, 204`, `[200, 3xx]`). Throws an Error
 * whose message names the bad item — the caller adds which input or check it came from.
 */
function parseStatusSpec(spec) {
    const items = (Array.isArray(spec) ? spec : [spec])
        .flatMap((s) => String(s)
        .replace(/\s*-\s*/g, '-')
        .split(/[\s,]+/))
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (items.length === 0)
        throw new Error('is empty: give a status such as 200, 2xx or 200-299.');
    const ranges = [];
    const texts = [];
    for (const item of items) {
        const m = ITEM.exec(item);
        if (!m) {
            throw new Error(`'${item}' is not a status code (200), a class (2xx) or a range (200-299).`);
        }
        const [, code, klass, lo, hi] = m;
        let range;
        if (code !== undefined)
            range = { from: Number(code), to: Number(code) };
        else if (klass !== undefined)
            range = { from: Number(klass) * 100, to: Number(klass) * 100 + 99 };
        else
            range = { from: Number(lo), to: Number(hi) };
        if (range.from < 100 || range.to > 599 || range.from > range.to) {
            throw new Error(`'${item}' is not a status code or range between 100 and 599.`);
        }
        ranges.push(range);
        texts.push(klass !== undefined ? `${klass}xx` : code !== undefined ? code : `${lo}-${hi}`);
    }
    return { text: texts.join(', '), ranges };
}
function statusMatches(expected, status) {
    return expected.ranges.some((r) => status >= r.from && status <= r.to);
}


/***/ }),

/***/ 65916:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ stepCancelSignal)
/* harmony export */ });
// The step's cancel signal: the runner cancels a job with SIGINT (then SIGTERM). Stages whose waits
// have no other abort signal (test-matrix's git) take this one, so a cancelled step stops waiting.
let controller;
/** Aborted on the first SIGINT or SIGTERM (listening starts on the first call). */
function stepCancelSignal() {
    if (!controller) {
        const ac = new AbortController();
        controller = ac;
        const onSignal = (name) => ac.abort(new Error(`the step was cancelled (${name})`));
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
    }
    return controller.signal;
}


/***/ }),

/***/ 39386:
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

/***/ 52307:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* unused harmony exports runnerInputs, recordInputs */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41853);




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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required but was not given.', opts.example ? `${name}: ${opts.example}` : undefined);
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
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required but was not given. Store the value as a repository or environment secret.', `${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}`);
            }
            return undefined;
        }
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(v);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be 'true' or 'false', got '${v}'.`, `${name}: ${!defaultValue}`);
    }
    integer(name, defaultValue, opts = {}) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        if (!/^-?\d+$/.test(v)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be a whole number, got '${v}'.`, `${name}: ${defaultValue}`);
        }
        const n = Number(v);
        checkRange(name, n, opts, String(defaultValue));
        return n;
    }
    /** A duration such as `30s`, `5m`, `1m30s`, `500ms` or a plain number of seconds; returns ms. */
    duration(name, defaultValue, opts = {}) {
        const v = this.read(name) || defaultValue;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(v);
        if (ms === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got '${v}'.`, `${name}: ${defaultValue}`);
        }
        checkRange(name, ms, opts, defaultValue, 'ms');
        return ms;
    }
    choice(name, values, defaultValue) {
        const v = this.read(name);
        if (v === '') {
            if (defaultValue !== undefined)
                return defaultValue;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `is required: one of ${values.join(', ')}.`, `${name}: ${values[0]}`);
        }
        const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
        if (found === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be one of ${values.join(', ')}, got '${v}'.`, `${name}: ${values[0]}`);
        }
        return found;
    }
    /** A list separated by newlines or commas; blank items and `#` comment lines are dropped. */
    list(name, opts = {}) {
        const items = splitList(this.read(name));
        if (items.length === 0 && opts.required) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required: give one or more values, one per line or separated by commas.', opts.example ? `${name}: |\n${opts.example}` : undefined);
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
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `each line must be KEY=value with KEY a valid variable name; got '${t.slice(0, 40)}'.`, `${name}: |\n  APP_ENV=production\n  LOG_LEVEL=info`);
            }
            out[key] = t.slice(eq + 1);
        }
        return out;
    }
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be between ${range}, got ${n}${unit}.`, `${name}: ${example}`);
    }
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


/***/ }),

/***/ 41853:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   gn: () => (/* binding */ maskUrlCredentials)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

/**
 * Masks a secret in the runner's log. The runner masks line by line, so a multi-line secret (a
 * private key) is masked whole and each of its lines on its own.
 */
function maskSecret(value) {
    if (!value)
        return;
    mask(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    for (const line of lines)
        if (line.length >= 4 && line !== value)
            mask(line);
}
/** Values already registered with the runner: each is sent once (a key read twice is not re-sent). */
const masked = new Set();
function mask(value) {
    if (masked.has(value))
        return;
    masked.add(value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
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

/***/ 3476:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   I8: () => (/* binding */ statusIcon),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

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
