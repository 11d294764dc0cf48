export const id = 9135;
export const ids = [9135,8641];
export const modules = {

/***/ 69135:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: ./build/lib/github/inputs.js
var github_inputs = __webpack_require__(98641);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/provenance/inputs.js
var provenance_inputs = __webpack_require__(77537);
// EXTERNAL MODULE: ./build/lib/koyeb/inputs.js
var koyeb_inputs = __webpack_require__(97620);
// EXTERNAL MODULE: ./build/actions/deploy-koyeb/plan.js
var plan = __webpack_require__(71118);
;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/inputs.js
// Every input of deploy-koyeb, read and validated once, before any request is made.






function parseInputs(inputs = new lib_inputs/* Inputs */.G0()) {
    const { token, apiUrl, service } = (0,koyeb_inputs/* readKoyebServiceInputs */.rt)(inputs);
    const image = (0,plan/* parseImageInput */.bI)(inputs.string('image', { example: plan/* IMAGE_EXAMPLE */.Vj }));
    const env = (0,plan/* parseEnvChanges */.kJ)(inputs.raw('env'));
    const wait = inputs.boolean('wait', true);
    const timeoutMs = inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 });
    const pollIntervalMs = inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 });
    const rollbackOnFailure = inputs.boolean('rollback-on-failure', true);
    const dryRun = inputs.boolean('dry-run', false);
    const github = (0,github_inputs/* readGithubDeploymentInputs */.yo)(inputs);
    const provenance = (0,provenance_inputs/* readProvenanceInputs */.l)(inputs);
    return {
        token,
        apiUrl,
        service,
        image,
        env,
        wait,
        timeoutMs,
        pollIntervalMs,
        rollbackOnFailure,
        dryRun,
        github,
        provenance,
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-koyeb/main.js




async function main() {
    const inputs = parseInputs();
    if (inputs.provenance) {
        // before Koyeb is asked anything: an image without a passing attestation is never deployed,
        // and the digest verified is the digest deployed (a tag is pinned to what it points at now)
        const { verifyImagesProvenance } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(1168), __webpack_require__.e(2904)]).then(__webpack_require__.bind(__webpack_require__, 10523));
        const image = inputs.image.kind === 'digest' ? inputs.image.digest : inputs.image.image;
        const [verified] = await core/* group */.Os('Verify provenance', () => verifyImagesProvenance([image], inputs.provenance, { log: (l) => core/* info */.pq(l) }));
        if (verified && inputs.image.kind === 'reference')
            inputs.image = { kind: 'reference', image: verified.pinned };
    }
    // loaded once the inputs are valid: the Koyeb client (zod) and Octokit are most of a cold start
    const [{ githubDeployments }, { KoyebClient }, { describeServiceRef }, { deployToKoyeb, failureMessage, MaybeAppliedError }, { renderStoppedSummary, renderSummary },] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(1351), __webpack_require__.e(462), __webpack_require__.e(1374)]).then(__webpack_require__.bind(__webpack_require__, 70462)),
        Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(1005)]).then(__webpack_require__.bind(__webpack_require__, 83386)),
        Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3386), __webpack_require__.e(8993)]).then(__webpack_require__.bind(__webpack_require__, 53386)),
        Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3386), __webpack_require__.e(4966)]).then(__webpack_require__.bind(__webpack_require__, 34966)),
        Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3386), __webpack_require__.e(7589)]).then(__webpack_require__.bind(__webpack_require__, 87589)),
    ]);
    const client = new KoyebClient({
        token: inputs.token,
        apiUrl: inputs.apiUrl,
        tokenHint: "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
    });
    // GitHub deployment: created (in_progress) once Koyeb made the new deployment — its id goes in the
    // payload, where rollback looks for it — then success or failure. Never fails the deploy.
    const github = githubDeployments(inputs.github);
    let deployment;
    let report;
    try {
        report = await deployToKoyeb(client, inputs, {
            log: (line) => core/* info */.pq(line),
            warn: (line) => core/* warning */.$e(line),
            group: (name, fn) => core/* group */.Os(name, fn),
            output: (name, value) => setOutput(name, value),
            created: async (deploymentId, image) => {
                deployment = await github.startDeployment({
                    description: `Deploying ${image}`,
                    payload: { release: deploymentId, deployment: deploymentId, image },
                });
            },
        });
    }
    catch (error) {
        core/* setOutput */.uH('github-deployment-id', githubId(deployment));
        await deployment?.fail(oneLine((0,errors/* errorMessage */.gJ)(error)));
        await (0,summary/* writeSummary */.Sy)(renderStoppedSummary(describeServiceRef(inputs.service), (0,errors/* errorMessage */.gJ)(error), error instanceof MaybeAppliedError));
        throw error;
    }
    setOutputs(report);
    core/* setOutput */.uH('github-deployment-id', githubId(deployment));
    await (0,summary/* writeSummary */.Sy)(renderSummary(report));
    const failure = failureMessage(report);
    if (failure) {
        await deployment?.fail(oneLine(failure));
        throw new errors/* OperationError */.OK(failure);
    }
    // wait: false leaves it in_progress: whether Koyeb's deployment gets healthy is not known here
    if (report.outcome === 'healthy') {
        await deployment?.succeed(inputs.github.environmentUrl ?? report.serviceUrl, `Deployed ${report.plan.image}`);
    }
}
function githubId(deployment) {
    return deployment?.id === undefined ? '' : String(deployment.id);
}
/** A deployment status description: one line (the library cuts it to GitHub's 140 characters). */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
function setOutputs(report) {
    const out = {
        'service-id': report.service.id,
        'koyeb-deployment-id': report.deploymentId,
        'previous-koyeb-deployment-id': report.previousDeploymentId,
        status: report.status,
        'service-url': report.serviceUrl,
        'rollback-koyeb-deployment-id': report.rollback?.deploymentId,
        'rollback-status': report.rollback?.status,
    };
    for (const [name, value] of Object.entries(out))
        setOutput(name, value ?? '');
}
/**
 * The names these outputs had before v1.x, kept (same value) until v2: `deployment-id` meant the
 * Koyeb deployment here but the GitHub deployment in deploy-ssh, so every Koyeb id now says so.
 */
const DEPRECATED_OUTPUTS = {
    'koyeb-deployment-id': 'deployment-id',
    'previous-koyeb-deployment-id': 'previous-deployment-id',
    'rollback-koyeb-deployment-id': 'rollback-deployment-id',
};
function setOutput(name, value) {
    core/* setOutput */.uH(name, value);
    const old = DEPRECATED_OUTPUTS[name];
    if (old)
        core/* setOutput */.uH(old, value);
}


/***/ }),

/***/ 71118:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ IMAGE_EXAMPLE),
/* harmony export */   bI: () => (/* binding */ parseImageInput),
/* harmony export */   fw: () => (/* binding */ planDefinition),
/* harmony export */   kJ: () => (/* binding */ parseEnvChanges)
/* harmony export */ });
/* unused harmony exports imageRepository, targetImage, ENV_EXAMPLE, applyEnvChanges, describeEnvChange */
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
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
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('image', `'${t}' is not an image reference: expected [registry/]name[:tag][@sha256:digest] (lower-case name), or a bare sha256:… digest to deploy to the service's current image repository.`, `image: ${IMAGE_EXAMPLE}`);
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
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('image', `is a bare digest (${input.digest}) but the service has no current image to take the repository from; give the full reference.`, `image: ${IMAGE_EXAMPLE}`);
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
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `each line must be KEY=value, KEY=@koyeb-secret-name or !KEY (to remove it), with KEY a variable name; got '${shown}'.`, ENV_EXAMPLE);
        }
        if (seen.has(change.key)) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `sets ${change.key} more than once.`, ENV_EXAMPLE);
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
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(undefined, `The service is deployed from ${source}; deploy-koyeb deploys Docker images (definition.docker). Point 'service-id' (or 'app' + 'service') at a service created from a Docker image.`);
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

/***/ 98641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZX: () => (/* binding */ startGithubDeployment),
/* harmony export */   qq: () => (/* binding */ GITHUB_DEPLOYMENT_INPUTS),
/* harmony export */   yo: () => (/* binding */ readGithubDeploymentInputs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
// The GitHub deployment inputs every stage shares (github-token, environment, environment-url),
// apart from lib/github/deployments.ts so that reading them does not load the GitHub client
// (@actions/github and Octokit): a stage loads that only when a deployment is to be recorded.

/** The input names every stage uses for GitHub deployments. */
const GITHUB_DEPLOYMENT_INPUTS = {
    token: 'github-token',
    environment: 'environment',
    environmentUrl: 'environment-url',
};
/** Reads and validates `github-token`, `environment` and `environment-url`. */
function readGithubDeploymentInputs(inputs) {
    const names = GITHUB_DEPLOYMENT_INPUTS;
    const token = inputs.secret(names.token);
    const environment = inputs.optionalString(names.environment);
    if (environment !== undefined && (environment.length > 255 || /[\r\n\t]/.test(environment))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(names.environment, 'must be one line of at most 255 characters: the name of a GitHub environment.', `${names.environment}: production`);
    }
    const environmentUrl = inputs.optionalString(names.environmentUrl);
    if (environmentUrl !== undefined && !isHttpUrl(environmentUrl)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(names.environmentUrl, `must be an http:// or https:// URL, got '${environmentUrl}'.`, `${names.environmentUrl}: https://shop.example.com`);
    }
    return { token, environment, environmentUrl };
}
function isHttpUrl(text) {
    try {
        const u = new URL(text);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    }
    catch {
        return false;
    }
}
const OFF = {
    id: undefined,
    succeed: () => Promise.resolve(false),
    fail: () => Promise.resolve(false),
};
/**
 * Creates the GitHub deployment and sets it in_progress — loading the GitHub client only when
 * github-token or environment was given; otherwise (the common case) nothing is loaded or sent.
 */
async function startGithubDeployment(github, options) {
    if (!github.token && !github.environment)
        return OFF;
    const { githubDeployments } = await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(1351), __webpack_require__.e(462), __webpack_require__.e(1374)]).then(__webpack_require__.bind(__webpack_require__, 70462));
    return githubDeployments(github).startDeployment(options);
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

/***/ 97620:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rt: () => (/* binding */ readKoyebServiceInputs)
/* harmony export */ });
/* unused harmony exports parseServiceRef, parseApiUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70256);
// The inputs every stage that talks to Koyeb reads (deploy-koyeb, rollback with target: koyeb):
// the API token, the API URL and the service, with the same names, checks and messages.


const SERVICE_ID_EXAMPLE = `service-id: \${{ vars.KOYEB_SERVICE_ID }}`;
/** Reads api-token (required, masked), api-url and the service (service-id, or app + service). */
function readKoyebServiceInputs(inputs) {
    const token = inputs.secret('api-token', { required: true });
    const apiUrl = parseApiUrl(inputs.string('api-url', { default: _types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w }));
    const service = parseServiceRef(inputs);
    return { token, apiUrl, service };
}
/** `service-id`, or `app` and `service` names — exactly one of the two forms. */
function parseServiceRef(inputs) {
    const id = inputs.optionalString('service-id');
    const app = inputs.optionalString('app');
    const name = inputs.optionalString('service');
    if (id !== undefined) {
        if (app !== undefined || name !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('service-id', "give either 'service-id', or 'app' and 'service' — not both.", SERVICE_ID_EXAMPLE);
        }
        return { serviceId: id };
    }
    if (app !== undefined && name !== undefined)
        return { app, service: name };
    if (app !== undefined || name !== undefined) {
        const missing = app === undefined ? 'app' : 'service';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(missing, "is required with the other: a service is named by its app's name and its own name.", 'app: shop\n    service: web');
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('service-id', "is required (or give 'app' and 'service' names instead).", SERVICE_ID_EXAMPLE);
}
/** https only — a token must not travel in clear — except to a loopback address (tests, proxies). */
function parseApiUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', `is not a URL: '${text}'.`, `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', 'must be a base URL without credentials, query or fragment.', `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', `must be an https:// URL (plain http is allowed only for a loopback address), got '${text}'.`, `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    return url.toString().replace(/\/+$/, '');
}


/***/ }),

/***/ 70256:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ DEFAULT_KOYEB_API_URL)
/* harmony export */ });
/* unused harmony export DEPLOYMENT_STATUSES */
// The parts of Koyeb's REST API that ops-actions reads and writes, as published in
// koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json` (Swagger 2.0, host app.koyeb.com).
// Objects keep every field the API returns: a deployment definition is sent back to the API
// as it was read, with only the fields we mean to change replaced.
/** The API's host in the spec. Here, not in client.ts, so that reading the inputs does not load zod. */
const DEFAULT_KOYEB_API_URL = 'https://app.koyeb.com';
/** `Deployment.Status` in the spec, in the spec's order. */
const DEPLOYMENT_STATUSES = (/* unused pure expression or super */ null && ([
    'PENDING',
    'PROVISIONING',
    'SCHEDULED',
    'CANCELING',
    'CANCELED',
    'ALLOCATING',
    'STARTING',
    'HEALTHY',
    'DEGRADED',
    'UNHEALTHY',
    'STOPPING',
    'STOPPED',
    'ERRORING',
    'ERROR',
    'STASHED',
    'SLEEPING',
]));


/***/ }),

/***/ 77537:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ readProvenanceInputs)
/* harmony export */ });
/* unused harmony export PROVENANCE_INPUTS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47182);
// The provenance inputs every deploy stage shares (deploy-ssh, deploy-koyeb, rollback), read and
// checked once with the stage's other inputs, before anything is contacted. Light on purpose: the
// Sigstore libraries load only when `verify-provenance` is true (lib/provenance/gate.ts).




const PROVENANCE_INPUTS = {
    verify: 'verify-provenance',
    repository: 'provenance-repository',
    owner: 'provenance-owner',
    signerWorkflow: 'signer-workflow',
    signerRepo: 'signer-repo',
    sourceRef: 'source-ref',
    predicateType: 'predicate-type',
    issuer: 'cert-oidc-issuer',
    denySelfHosted: 'deny-self-hosted-runners',
    trustedRoot: 'trusted-root',
    token: 'provenance-token',
};
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const OWNER = /^[A-Za-z0-9_.-]+$/;
const WORKFLOW = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[A-Za-z0-9_./-]+\.ya?ml(@[^\s@]+)?$/;
/** undefined when `verify-provenance` is false (the default). */
function readProvenanceInputs(inputs, env = process.env) {
    const n = PROVENANCE_INPUTS;
    if (!inputs.boolean(n.verify, false))
        return undefined;
    const owner = inputs.optionalString(n.owner);
    let repository = inputs.optionalString(n.repository);
    if (owner !== undefined && repository !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.owner, `give '${n.repository}' or '${n.owner}', not both.`, `${n.repository}: acme/shop`);
    }
    if (owner !== undefined && !OWNER.test(owner)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.owner, `'${owner}' is not a GitHub user or organization name.`, `${n.owner}: acme`);
    }
    if (owner === undefined) {
        repository ??= env['GITHUB_REPOSITORY'] || undefined;
        if (repository === undefined || !REPO.test(repository)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.repository, repository === undefined
                ? 'is required outside GitHub Actions (GITHUB_REPOSITORY is not set): the repository whose workflow builds the image.'
                : `'${repository}' is not owner/name.`, `${n.repository}: acme/shop`);
        }
    }
    const signerWorkflow = inputs.optionalString(n.signerWorkflow)?.replace(/^https:\/\/[^/]+\//, '');
    const signerRepo = inputs.optionalString(n.signerRepo);
    if (signerWorkflow !== undefined && signerRepo !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerWorkflow, `give '${n.signerWorkflow}' or '${n.signerRepo}', not both.`, `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`);
    }
    if (signerWorkflow !== undefined && !WORKFLOW.test(signerWorkflow)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerWorkflow, `'${signerWorkflow}' is not owner/repo/.github/workflows/<file>.yml (optionally @<ref>). It is matched exactly, not as a pattern.`, `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`);
    }
    if (signerRepo !== undefined && !REPO.test(signerRepo)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerRepo, `'${signerRepo}' is not owner/name.`, `${n.signerRepo}: acme/build-workflows`);
    }
    const sourceRef = inputs.optionalString(n.sourceRef);
    if (sourceRef !== undefined && !/^refs\/(heads|tags|pull)\/\S+$/.test(sourceRef)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.sourceRef, `'${sourceRef}' is not a full git ref (refs/heads/… or refs/tags/…).`, `${n.sourceRef}: refs/heads/main`);
    }
    const predicateType = inputs.string(n.predicateType, { default: _policy_js__WEBPACK_IMPORTED_MODULE_3__/* .SLSA_PROVENANCE_V1 */ .us });
    if (!/^https?:\/\/\S+$/.test(predicateType)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.predicateType, `'${predicateType}' is not a predicate type URI.`, `${n.predicateType}: ${_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .SLSA_PROVENANCE_V1 */ .us}`);
    }
    const issuer = inputs.string(n.issuer, { default: _policy_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ACTIONS_ISSUER */ .qQ });
    if (!/^https:\/\/\S+$/.test(issuer)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.issuer, `'${issuer}' is not an https:// issuer URL.`, `${n.issuer}: ${_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ACTIONS_ISSUER */ .qQ}`);
    }
    const rootInput = inputs.optionalString(n.trustedRoot);
    let trustedRoot;
    if (rootInput !== undefined) {
        trustedRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rootInput)
            ? rootInput
            : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(env['GITHUB_WORKSPACE'] ?? process.cwd(), rootInput);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(trustedRoot) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(trustedRoot).isFile()) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.trustedRoot, `'${rootInput}' is not a file in the workspace (${trustedRoot}). Check out the repository first, or fix the path.`, `${n.trustedRoot}: .github/trusted_root.jsonl`);
        }
    }
    return {
        policy: {
            repository: owner === undefined ? repository : undefined,
            owner,
            signerWorkflow,
            signerRepo,
            sourceRef,
            predicateType,
            issuer,
            denySelfHostedRunners: inputs.boolean(n.denySelfHosted, true),
            serverUrl: (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, ''),
        },
        trustedRoot,
        token: inputs.secret(n.token) ?? inputs.secret('github-token'),
        apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    };
}


/***/ }),

/***/ 47182:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gu: () => (/* binding */ REFUSAL_ORDER),
/* harmony export */   Uz: () => (/* binding */ evaluatePolicy),
/* harmony export */   qQ: () => (/* binding */ GITHUB_ACTIONS_ISSUER),
/* harmony export */   us: () => (/* binding */ SLSA_PROVENANCE_V1)
/* harmony export */ });
// The provenance policy: what an attestation must say before a digest may be deployed. A pure
// function over facts already read from a cryptographically verified bundle (lib/provenance/verify.ts),
// so every rule is unit-tested without Sigstore. The checks mirror `gh attestation verify`:
// subject digest, predicate type, OIDC issuer, source repository (or owner), signer workflow (or
// signer repository), source ref, and the runner environment. Every identity is compared as an
// exact string (escaped and anchored, as gh's defaults are): no user text is ever a regex.
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
/** How far a refusal got: the attestation that failed latest is the one worth reporting. */
const REFUSAL_ORDER = [
    'no-attestation',
    'bad-signature',
    'untrusted-instance',
    'wrong-subject',
    'wrong-predicate-type',
    'wrong-issuer',
    'wrong-repository',
    'wrong-workflow',
    'wrong-source-ref',
    'self-hosted-runner',
];
const same = (a, b) => a !== undefined && a.toLowerCase() === b.toLowerCase();
/** Checks one verified attestation against the policy for `digest` (`sha256:<hex>`). */
function evaluatePolicy(facts, digest, policy) {
    const server = policy.serverUrl.replace(/\/+$/, '');
    const refuse = (reason, message, fix) => ({
        ok: false,
        reason,
        message,
        fix,
    });
    if (!facts.subjectDigests.some((d) => d.toLowerCase() === digest.toLowerCase())) {
        return refuse('wrong-subject', `the attestation is for ${facts.subjectDigests.join(', ') || 'no subject'}, not for ${digest}.`, 'Deploy the digest build-push attested (its `digest` output), not a rebuilt or retagged image.');
    }
    if (facts.predicateType !== policy.predicateType) {
        return refuse('wrong-predicate-type', `its predicate type is ${facts.predicateType}, not ${policy.predicateType}.`, `Attest with build-push \`attest: true\` (SLSA provenance v1), or set \`predicate-type: ${facts.predicateType}\` if that is intended.`);
    }
    if (facts.issuer !== policy.issuer) {
        return refuse('wrong-issuer', `its certificate was issued for the OIDC issuer ${facts.issuer ?? '(none)'}, not ${policy.issuer}.`, `If your enterprise uses its own issuer, set \`cert-oidc-issuer: ${facts.issuer ?? '…'}\`; otherwise this image was not built by GitHub Actions.`);
    }
    if (policy.owner !== undefined) {
        if (!same(facts.sourceRepositoryOwnerUri, `${server}/${policy.owner}`)) {
            return refuse('wrong-repository', `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from a repository of ${policy.owner}.`, `Deploy an image built by a workflow of ${policy.owner}, or set \`provenance-owner\` to the owner that builds it.`);
        }
    }
    else if (policy.repository !== undefined) {
        if (!same(facts.sourceRepositoryUri, `${server}/${policy.repository}`)) {
            return refuse('wrong-repository', `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from ${server}/${policy.repository}.`, `Deploy an image built by ${policy.repository}'s own workflow, or set \`provenance-repository\` to the repository that builds it.`);
        }
    }
    const workflow = facts.signerWorkflowUri ?? '';
    const workflowOk = signerMatches(workflow, policy, server);
    if (!workflowOk.ok) {
        return refuse('wrong-workflow', `it was signed by ${workflow || '(no workflow)'}, ${workflowOk.expected}.`, workflowOk.fix);
    }
    if (policy.sourceRef !== undefined && facts.sourceRef !== policy.sourceRef) {
        return refuse('wrong-source-ref', `it was built from ${facts.sourceRef ?? '(unknown ref)'}, not ${policy.sourceRef}.`, `Deploy an image built on ${policy.sourceRef}, or change \`source-ref\`.`);
    }
    if (policy.denySelfHostedRunners && facts.runnerEnvironment !== 'github-hosted') {
        return refuse('self-hosted-runner', `it was built on a ${facts.runnerEnvironment ?? 'runner of unknown kind'}, not a GitHub-hosted runner.`, 'Build on a GitHub-hosted runner, or set `deny-self-hosted-runners: false` if you trust your own runners.');
    }
    return {
        ok: true,
        signerWorkflow: workflow.startsWith(`${server}/`) ? workflow.slice(server.length + 1) : workflow,
        sourceRepository: (facts.sourceRepositoryUri ?? '').replace(`${server}/`, ''),
        sourceRef: facts.sourceRef ?? '',
    };
}
function signerMatches(workflowUri, policy, server) {
    const lower = workflowUri.toLowerCase();
    if (policy.signerWorkflow !== undefined) {
        const wanted = `${server}/${policy.signerWorkflow}`.toLowerCase();
        // with @ref: exactly that; without: that file at any ref
        const ok = policy.signerWorkflow.includes('@') ? lower === wanted : lower.startsWith(`${wanted}@`);
        return ok
            ? { ok: true }
            : {
                ok: false,
                expected: `not by ${policy.signerWorkflow}`,
                fix: `Build with the workflow \`signer-workflow\` names, or set \`signer-workflow\` to ${stripRef(workflowUri, server) || 'the workflow that builds the image'}.`,
            };
    }
    const repo = policy.signerRepo ?? policy.repository ?? policy.owner;
    if (repo === undefined)
        return { ok: true };
    const ok = lower.startsWith(`${server}/${repo}/`.toLowerCase());
    if (ok)
        return { ok: true };
    const signer = stripRef(workflowUri, server);
    const signerRepo = signer.split('/').slice(0, 2).join('/');
    return {
        ok: false,
        expected: `not by a workflow of ${repo}`,
        fix: policy.signerRepo !== undefined
            ? `Set \`signer-repo\` to the repository whose workflow signs (${signerRepo || '…'}), or build with ${repo}'s workflow.`
            : `If a reusable workflow of another repository builds and attests, set \`signer-repo: ${signerRepo || 'owner/repo'}\` (or \`signer-workflow: ${signer || 'owner/repo/.github/workflows/build.yml'}\`).`,
    };
}
/** `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main` → `o/r/.github/workflows/x.yml`. */
function stripRef(uri, server) {
    const path = uri.startsWith(`${server}/`) ? uri.slice(server.length + 1) : uri;
    const at = path.indexOf('@');
    return at >= 0 ? path.slice(0, at) : path;
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
