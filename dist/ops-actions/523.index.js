export const id = 523;
export const ids = [523];
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

/***/ 10523:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyImagesProvenance: () => (/* binding */ verifyImagesProvenance)
});

// UNUSED EXPORTS: ProvenanceRefusedError

// EXTERNAL MODULE: ./build/lib/errors.js
var lib_errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/github/client.js
var client = __webpack_require__(20835);
;// CONCATENATED MODULE: ./build/lib/provenance/attestations-api.js
// Reads the attestations GitHub stores for a subject digest: "List attestations" of the REST API,
// GET /repos/{owner}/{repo}/attestations/{subject_digest} (or /orgs/{org}/… and /users/{user}/…
// for an owner). Reply: `{ "attestations": [{ "bundle": {…Sigstore bundle…}, "repository_id": 1,
// "bundle_url": "…" }] }`; 404 when there are none. A bundle left out of the listing (`bundle`
// null) is read from its `bundle_url`. Nothing here is trusted: every bundle is verified after.


/** The bundles GitHub has for `digest` (`sha256:…`): [] when it has none. */
async function fetchAttestationBundles(source, digest) {
    const paths = source.repository
        ? [`/repos/${source.repository}/attestations/${digest}`]
        : [
            `/orgs/${source.owner ?? ''}/attestations/${digest}`,
            `/users/${source.owner ?? ''}/attestations/${digest}`,
        ];
    for (const path of paths) {
        const reply = await get(source, `${source.apiUrl}${path}?per_page=100`);
        if (reply.status === 404)
            continue;
        const list = reply.body.attestations ?? [];
        const bundles = [];
        for (const a of list) {
            if (a.bundle)
                bundles.push(a.bundle);
            else if (a.bundle_url)
                bundles.push((await get(source, a.bundle_url, false)).body);
        }
        return bundles;
    }
    return [];
}
async function get(source, url, authenticated = true) {
    let res;
    try {
        res = await fetch(url, {
            headers: {
                Accept: 'application/vnd.github+json',
                'X-GitHub-Api-Version': client/* GITHUB_API_VERSION */.a9,
                'User-Agent': 'ops-actions',
                ...(authenticated && source.token ? { Authorization: `Bearer ${source.token}` } : {}),
            },
            signal: AbortSignal.timeout(source.timeoutMs ?? 30_000),
        });
    }
    catch (error) {
        throw new lib_errors/* OperationError */.OK(`Could not read the attestations from GitHub (${new URL(url).origin}): ${(0,lib_errors/* errorMessage */.gJ)(error)}.`);
    }
    if (res.status === 404)
        return { status: 404, body: undefined };
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
        throw new lib_errors/* OperationError */.OK(`GitHub answered ${res.status} to ${new URL(url).pathname}: the token cannot read attestations. ` +
            'Give the job `permissions: attestations: read` (and `contents: read`) and pass `provenance-token: ${{ github.token }}` (the default).');
    }
    if (res.status !== 200) {
        throw new lib_errors/* OperationError */.OK(`GitHub answered ${res.status} to ${new URL(url).pathname}: ${text.slice(0, 200)}`);
    }
    try {
        return { status: 200, body: JSON.parse(text) };
    }
    catch {
        throw new lib_errors/* OperationError */.OK(`GitHub's reply to ${new URL(url).pathname} is not JSON.`);
    }
}

// EXTERNAL MODULE: ./build/lib/provenance/resolve-digest.js
var resolve_digest = __webpack_require__(45551);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var dist = __webpack_require__(19654);
;// CONCATENATED MODULE: ./build/lib/provenance/trusted-root.js
// The Sigstore trusted roots a bundle is verified against. Either a recorded file (`trusted-root`:
// one trusted root as JSON, or several as JSON lines — what `gh attestation trusted-root` prints),
// or Sigstore's public-good root through TUF (@sigstore/tuf, with the root of trust it ships).
// @sigstore/tuf's seeds hold public-good's TUF repository only, none for GitHub's own instance
// (tuf-repo.github.com): private repositories' attestations need the recorded file, and a bundle of
// GitHub's instance without it is refused saying so (lib/provenance/verify.ts, untrustedInstance).





const TRUSTED_ROOT_INPUT = 'trusted-root';
/** Parses a trusted-root file: one JSON document, or one per line. */
function parseTrustedRoots(text, where) {
    const docs = [];
    try {
        docs.push(JSON.parse(text));
    }
    catch {
        for (const line of text.split(/\r?\n/)) {
            if (line.trim() === '')
                continue;
            try {
                docs.push(JSON.parse(line));
            }
            catch {
                throw new lib_errors/* ConfigurationError */.j1(TRUSTED_ROOT_INPUT, `${where} is neither a trusted root (JSON) nor trusted roots one per line (JSON lines).`, `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl   # gh attestation trusted-root > .github/trusted_root.jsonl`);
            }
        }
    }
    const roots = docs.map((d) => dist.TrustedRoot.fromJSON(d));
    if (roots.length === 0 || roots.some((r) => r.certificateAuthorities.length === 0)) {
        throw new lib_errors/* ConfigurationError */.j1(TRUSTED_ROOT_INPUT, `${where} holds no certificate authority: it is not a Sigstore trusted root.`, `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl`);
    }
    return roots;
}
/** The roots: from `file` when given, else public-good through TUF (needs the network). */
async function loadTrustedRoots(file) {
    if (file !== undefined)
        return parseTrustedRoots((0,external_node_fs_.readFileSync)(file, 'utf8'), `'${file}'`);
    try {
        const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(3694)]).then(__webpack_require__.t.bind(__webpack_require__, 84423, 19));
        const cachePath = (0,external_node_path_.join)(process.env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'ops-actions-sigstore-tuf');
        return [await getTrustedRoot({ cachePath })];
    }
    catch (error) {
        throw new lib_errors/* OperationError */.OK(`Could not get Sigstore's trusted root through TUF: ${(0,lib_errors/* errorMessage */.gJ)(error)}. ` +
            `Give a recorded one with '${TRUSTED_ROOT_INPUT}' (gh attestation trusted-root > trusted_root.jsonl).`);
    }
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
;// CONCATENATED MODULE: ./build/lib/provenance/facts.js

const FULCIO = '1.3.6.1.4.1.57264.1';
const OID = {
    issuerV1: `${FULCIO}.1`,
    issuer: `${FULCIO}.8`,
    runnerEnvironment: `${FULCIO}.11`,
    sourceRepositoryUri: `${FULCIO}.12`,
    sourceRef: `${FULCIO}.14`,
    sourceRepositoryOwnerUri: `${FULCIO}.16`,
};
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The facts of a verified bundle; throws when it holds no in-toto statement or no certificate. */
function attestationFacts(bundle) {
    const cert = core_dist.X509Certificate.parse(Buffer.from(leafCertificate(bundle)));
    const statement = inTotoStatement(bundle);
    return {
        subjectDigests: statement.subjectDigests,
        predicateType: statement.predicateType,
        issuer: utf8Extension(cert, OID.issuer) ?? rawExtension(cert, OID.issuerV1),
        signerWorkflowUri: cert.subjectAltName,
        sourceRepositoryUri: utf8Extension(cert, OID.sourceRepositoryUri),
        sourceRepositoryOwnerUri: utf8Extension(cert, OID.sourceRepositoryOwnerUri),
        sourceRef: utf8Extension(cert, OID.sourceRef),
        runnerEnvironment: utf8Extension(cert, OID.runnerEnvironment),
    };
}
/** The signing certificate of a bundle (DER); throws for a key-signed bundle. */
function leafCertificate(bundle) {
    const content = bundle.verificationMaterial.content;
    if (content.$case === 'certificate')
        return content.certificate.rawBytes;
    if (content.$case === 'x509CertificateChain') {
        const first = content.x509CertificateChain.certificates[0];
        if (first)
            return first.rawBytes;
    }
    throw new Error('the bundle is signed with a key, not a Fulcio certificate: it says nothing about who built the image');
}
function inTotoStatement(bundle) {
    if (bundle.content.$case !== 'dsseEnvelope') {
        throw new Error('the bundle signs a message, not an in-toto statement');
    }
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
        throw new Error(`the bundle's payload is ${envelope.payloadType}, not an in-toto statement`);
    }
    const statement = JSON.parse(envelope.payload.toString('utf8'));
    const subjectDigests = (statement.subject ?? []).flatMap((s) => Object.entries(s.digest ?? {}).map(([alg, hex]) => `${alg.toLowerCase()}:${String(hex).toLowerCase()}`));
    return { subjectDigests, predicateType: statement.predicateType ?? '' };
}
/** A Fulcio v2 extension: its value is a DER UTF8String. */
function utf8Extension(cert, oid) {
    const ext = cert.extension(oid);
    return ext?.valueObj.subs[0]?.value.toString('utf8') ?? undefined;
}
/** A Fulcio v1 extension: its value is the raw string. */
function rawExtension(cert, oid) {
    return cert.extension(oid)?.value.toString('utf8');
}

// EXTERNAL MODULE: ./build/lib/provenance/policy.js
var provenance_policy = __webpack_require__(47182);
;// CONCATENATED MODULE: ./build/lib/provenance/verify.js
// Verifies that a digest may be deployed: fetches its attestations from GitHub, verifies each
// bundle with @sigstore/verify (certificate chain to a trusted Fulcio CA at the signing time,
// the transparency-log entry or signed timestamp, the signature over the DSSE envelope) and then
// checks what the verifier does not: the in-toto subject is this digest, the predicate type, and
// the identity policy (lib/provenance/policy.ts). One attestation that passes everything is enough.






/** One verifier per trusted root: public-good needs a Rekor entry; an instance without a
 * transparency log (GitHub's own) needs a signed timestamp instead, as `gh attestation verify` does. */
function verifiersFor(roots) {
    return {
        verifiers: roots.map((root) => root.tlogs.length > 0
            ? new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root))
            : new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 })),
        caSubjects: roots.flatMap((root) => root.certificateAuthorities.flatMap((ca) => (ca.certChain?.certificates ?? []).map((c) => core_dist.X509Certificate.parse(Buffer.from(c.rawBytes)).subject))),
    };
}
/** The verdict for one bundle (JSON as GitHub stores it). */
function verifyBundle(json, digest, policy, trust) {
    let bundle;
    try {
        bundle = (0,bundle_dist/* bundleFromJSON */.vw)(json);
    }
    catch (error) {
        return badSignature(`the bundle is malformed (${(0,lib_errors/* errorMessage */.gJ)(error)}).`);
    }
    const errors = [];
    let verified = false;
    for (const verifier of trust.verifiers) {
        try {
            verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle));
            verified = true;
            break;
        }
        catch (error) {
            errors.push((0,lib_errors/* errorMessage */.gJ)(error));
        }
    }
    if (!verified)
        return untrustedInstance(bundle, trust) ?? badSignature(`${[...new Set(errors)].join('; ')}.`);
    let facts;
    try {
        facts = attestationFacts(bundle);
    }
    catch (error) {
        return {
            ok: false,
            reason: 'wrong-predicate-type',
            message: `${(0,lib_errors/* errorMessage */.gJ)(error)}.`,
            fix: 'Attest the image with build-push `attest: true` (SLSA provenance for the pushed digest).',
        };
    }
    return (0,provenance_policy/* evaluatePolicy */.Uz)(facts, digest, policy);
}
/**
 * A bundle whose certificate was issued by a CA none of the trusted roots holds was not tampered
 * with: it comes from another Sigstore instance — for a private repository, GitHub's own, whose
 * root @sigstore/tuf does not ship (its seeds hold only public-good's TUF repository).
 */
function untrustedInstance(bundle, trust) {
    let issuer;
    try {
        issuer = core_dist.X509Certificate.parse(Buffer.from(leafCertificate(bundle))).issuer;
    }
    catch {
        return undefined; // a key-signed bundle or a broken certificate: a bad signature
    }
    if (trust.caSubjects.some((s) => s.equals(issuer)))
        return undefined;
    const name = distinguishedName(issuer);
    if (/\bO=GitHub, Inc\./.test(name)) {
        return {
            ok: false,
            reason: 'untrusted-instance',
            message: `it was signed by GitHub's own Sigstore instance (${name}), which private repositories' attestations use, and the trusted root does not hold it: without \`trusted-root\` only Sigstore public-good is trusted.`,
            fix: "Record GitHub's trusted roots in the repository with `gh attestation trusted-root > .github/trusted_root.jsonl` (public-good and GitHub's instance, one per line), commit it, and set `trusted-root: .github/trusted_root.jsonl`.",
        };
    }
    return {
        ok: false,
        reason: 'untrusted-instance',
        message: `its certificate was issued by ${name || 'an unnamed CA'}, which no trusted root holds.`,
        fix: "Give `trusted-root` with that Sigstore instance's trusted root, or build with GitHub Actions' attestations (public-good, or GitHub's instance: `gh attestation trusted-root`).",
    };
}
const DN_NAMES = {
    '2.5.4.3': 'CN',
    '2.5.4.6': 'C',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
};
/** `O=GitHub, Inc., CN=Fulcio Intermediate l1` from a Name's DER content (its RDN sets, as X509Certificate gives it). */
function distinguishedName(rdns) {
    const n = rdns.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    try {
        return core_dist.ASN1Obj.parseBuffer(Buffer.concat([Buffer.from([0x30, ...length]), rdns]))
            .subs.flatMap((set) => set.subs)
            .map((attr) => {
            const [oid, value] = attr.subs;
            if (!oid || !value)
                return '';
            return `${DN_NAMES[oid.toOID()] ?? oid.toOID()}=${value.value.toString('utf8')}`;
        })
            .filter((part) => part !== '')
            .join(', ');
    }
    catch {
        return '';
    }
}
function badSignature(message) {
    return {
        ok: false,
        reason: 'bad-signature',
        message: `its signature does not verify against the trusted root: ${message}`,
        fix: "The attestation was altered or signed by an untrusted Sigstore instance. Re-run the build with `attest: true`; for a private repository (GitHub's Sigstore instance) give `trusted-root` from `gh attestation trusted-root`.",
    };
}
/** The best verdict over all bundles: the first that passes, else the refusal that got furthest. */
function verifyBundles(bundles, digest, policy, trust) {
    if (bundles.length === 0) {
        return {
            ok: false,
            reason: 'no-attestation',
            message: `GitHub has no attestation for ${digest}${policy.repository ? ` in ${policy.repository}` : policy.owner ? ` under ${policy.owner}` : ''}.`,
            fix: 'Build and push the image with build-push `attest: true` (job permissions `id-token: write`, `attestations: write`) and deploy its `digest` output.',
        };
    }
    let best;
    for (const json of bundles) {
        const verdict = verifyBundle(json, digest, policy, trust);
        if (verdict.ok)
            return verdict;
        if (!best || provenance_policy/* REFUSAL_ORDER */.Gu.indexOf(verdict.reason) > provenance_policy/* REFUSAL_ORDER */.Gu.indexOf(best.reason))
            best = verdict;
    }
    return best;
}

;// CONCATENATED MODULE: ./build/lib/provenance/gate.js
// What a deploy stage calls before it touches any server: for each image, resolve it to a digest,
// fetch and verify its attestations, and refuse with the reason and what to change — or log who
// built it and hand back the digest-pinned reference to deploy. Loaded lazily (only when
// `verify-provenance: true`), so stages that do not verify never load the Sigstore libraries.





/** A refused image: `reason` says why, the message what to change. Nothing was deployed. */
class ProvenanceRefusedError extends lib_errors/* OperationError */.OK {
    image;
    reason;
    name = 'ProvenanceRefusedError';
    constructor(image, reason, message) {
        super(message, { image, reason });
        this.image = image;
        this.reason = reason;
    }
}
const TITLES = {
    'no-attestation': 'no attestation',
    'bad-signature': 'bad signature',
    'untrusted-instance': 'signed by a Sigstore instance the trusted root does not hold',
    'wrong-subject': 'attestation for another digest',
    'wrong-predicate-type': 'wrong predicate type',
    'wrong-issuer': 'wrong issuer',
    'wrong-repository': 'wrong repository',
    'wrong-workflow': 'wrong signer workflow',
    'wrong-source-ref': 'wrong source ref',
    'self-hosted-runner': 'built on a self-hosted runner',
};
/** Verifies every image (in order); throws ProvenanceRefusedError at the first that fails. */
async function verifyImagesProvenance(images, inputs, options) {
    const trust = verifiersFor(await loadTrustedRoots(inputs.trustedRoot));
    const out = [];
    for (const image of images) {
        const bare = /^sha256:[a-f0-9]{64}$/.test(image);
        const digest = bare ? image : await (0,resolve_digest/* resolveDigest */.j)(image, options.registry);
        const bundles = await fetchAttestationBundles({
            apiUrl: inputs.apiUrl,
            token: inputs.token,
            repository: inputs.policy.repository,
            owner: inputs.policy.owner,
        }, digest);
        const verdict = verifyBundles(bundles, digest, inputs.policy, trust);
        if (!verdict.ok) {
            throw new ProvenanceRefusedError(image, verdict.reason, `Refused to deploy ${image}${image.endsWith(digest) ? '' : ` (${digest})`}: ${TITLES[verdict.reason]} — ` +
                `${verdict.message} Nothing was deployed.\n  To fix: ${verdict.fix}`);
        }
        const pinned = bare ? digest : `${(0,resolve_digest/* imageParts */.C)(image).repository}@${digest}`;
        options.log(`Provenance verified: ${pinned} was built by ${verdict.signerWorkflow} from ${verdict.sourceRepository} at ${verdict.sourceRef}.`);
        out.push({
            image,
            digest,
            pinned,
            signerWorkflow: verdict.signerWorkflow,
            sourceRepository: verdict.sourceRepository,
            sourceRef: verdict.sourceRef,
        });
    }
    return out;
}


/***/ }),

/***/ 45551:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ imageParts),
/* harmony export */   j: () => (/* binding */ resolveDigest)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
// An image given by tag is resolved to its digest before it is verified — and that digest is what
// gets deployed, so the tag cannot move between the check and the pull. One HEAD of the manifest
// (distribution spec: the `Docker-Content-Digest` header), with basic credentials or the
// bearer-token challenge flow (Docker Hub, GHCR, …).

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** Splits `[registry/]path[:tag][@sha256:…]`; Docker Hub names get `docker.io` and `library/`. */
function imageParts(image) {
    const at = image.indexOf('@');
    const digest = at >= 0 ? image.slice(at + 1) : undefined;
    const rest = at >= 0 ? image.slice(0, at) : image;
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    const tag = colon > slash ? rest.slice(colon + 1) : undefined;
    const repository = colon > slash ? rest.slice(0, colon) : rest;
    const first = repository.split('/')[0] ?? '';
    const hasRegistry = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    const registry = hasRegistry ? first : 'docker.io';
    let path = hasRegistry ? repository.slice(first.length + 1) : repository;
    if (!hasRegistry && !path.includes('/'))
        path = `library/${path}`;
    return { registry, path, tag, digest, repository };
}
/** The digest `image` names: its own `@sha256:…`, or what its tag points at now. */
async function resolveDigest(image, creds, timeoutMs = 15_000) {
    const parts = imageParts(image);
    if (parts.digest !== undefined) {
        if (!DIGEST.test(parts.digest))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`'${image}' has a digest that is not sha256:<64 hex>.`);
        return parts.digest;
    }
    const host = parts.registry === 'docker.io' ? 'registry-1.docker.io' : parts.registry;
    const bare = host.replace(/:\d+$/, '');
    const loopback = bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare);
    const url = `${loopback ? 'http' : 'https'}://${host}/v2/${parts.path}/manifests/${parts.tag ?? 'latest'}`;
    const basic = creds
        ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
        : undefined;
    const head = (authorization) => fetch(url, {
        method: 'HEAD',
        headers: { Accept: ACCEPT, ...(authorization ? { Authorization: authorization } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
    });
    const fail = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`Could not resolve ${image} to a digest (${why}): provenance is verified for a digest. ` +
        "Deploy by digest (build-push's `digest` output, e.g. ghcr.io/acme/shop@sha256:…), or give registry credentials.");
    try {
        let res = await head(basic);
        if (res.status === 401) {
            const challenge = /^Bearer\s+(.*)$/i.exec(res.headers.get('www-authenticate') ?? '');
            const params = Object.fromEntries([...(challenge?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]?.toLowerCase(), m[2]]));
            if (params['realm']) {
                const tokenUrl = new URL(params['realm']);
                if (params['service'])
                    tokenUrl.searchParams.set('service', params['service']);
                tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${parts.path}:pull`);
                const t = await fetch(tokenUrl, {
                    headers: basic && tokenUrl.protocol === 'https:' ? { Authorization: basic } : {},
                    signal: AbortSignal.timeout(timeoutMs),
                });
                if (!t.ok)
                    throw fail(`token request: HTTP ${t.status}`);
                const body = (await t.json());
                res = await head(`Bearer ${body.token ?? body.access_token ?? ''}`);
            }
        }
        if (!res.ok)
            throw fail(`HEAD ${url}: HTTP ${res.status}`);
        const digest = res.headers.get('docker-content-digest') ?? '';
        if (!DIGEST.test(digest))
            throw fail('the registry sent no Docker-Content-Digest');
        return digest;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK)
            throw error;
        throw fail(error instanceof Error ? error.message : String(error));
    }
}


/***/ })

};
