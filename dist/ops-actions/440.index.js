export const id = 440;
export const ids = [440,1374,8993];
export const modules = {

/***/ 88662:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ SERVICES),
/* harmony export */   Hp: () => (/* binding */ DEFAULT_SERVICE_IMAGES),
/* harmony export */   Yj: () => (/* binding */ LANGUAGES),
/* harmony export */   mm: () => (/* binding */ detection)
/* harmony export */ });
const LANGUAGES = ['node', 'python', 'go', 'other'];
const SERVICES = ['postgres', 'redis'];
/** Images used when a component needs a service and does not name one. */
const DEFAULT_SERVICE_IMAGES = {
    postgres: 'postgres:16-alpine',
    redis: 'redis:7-alpine',
};
/** `idle` when the detected component has no command to run. */
function detection(detected, workspaceRoot, idleReason) {
    const runs = detected.testCommand || detected.lintCommand || detected.typecheckCommand || detected.buildCommand;
    return runs
        ? { kind: 'component', detected, workspaceRoot }
        : { kind: 'idle', detected, reason: idleReason, workspaceRoot };
}


/***/ }),

/***/ 10440:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_STATE: () => (/* binding */ CACHE_STATE),
  main: () => (/* binding */ main),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./build/actions/test-matrix/cache-key.js


/** Bump when what goes into a cache changes, so old entries are not restored. */
const CACHE_VERSION = 'v1';
/**
 * A component's cache key: the runner OS, language, package manager and name in clear (so keys are
 * readable in the cache list), then a hash of those, the runtime version and the lockfiles'
 * contents (`lockHash`). Any lockfile change, a new Node/Python/Go version or another OS gives a
 * new key.
 */
function cacheKeys(component, os) {
    const osName = (os || 'unknown').toLowerCase();
    const prefix = [
        'test-matrix',
        osName,
        component.language,
        component.packageManager || 'none',
        slug(component.name),
    ].join('-');
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update([
        CACHE_VERSION,
        osName,
        component.language,
        component.packageManager,
        component.runtimeVersion,
        component.lockHash,
    ].join('\n'))
        .digest('hex')
        .slice(0, 32);
    return { key: `${prefix}-${digest}`, restoreKey: `${prefix}-` };
}
/**
 * The component's cache folders as the workflow sees them: `~/…` stays, a project folder becomes
 * relative to the workspace (`rootPrefix` is the discovery root relative to the workspace).
 */
function cachePaths(component, rootPrefix) {
    return component.cacheDirs.map((d) => d.startsWith('~/') || rootPrefix === '' || rootPrefix === '.' ? d : external_node_path_.posix.join(rootPrefix, d));
}
/** Absolute paths for @actions/cache: `~` is the home folder, the rest is under the workspace. */
function resolveCachePaths(paths, home, workspace) {
    return paths.map((p) => p.startsWith('~/') ? (0,external_node_path_.join)(home, p.slice(2)) : (0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.join)(workspace, p));
}
function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}

// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
;// CONCATENATED MODULE: ./build/actions/test-matrix/inputs.js


const DEFAULT_CONFIG = '.ops-actions/components.yml';
const DEFAULT_ALWAYS_INCLUDE = ['.github/workflows/**', '.github/actions/**', '.ops-actions/**'];
/** Reads and validates every input before anything is discovered or fetched. */
async function parseTestMatrixInputs(inputs) {
    const workingDirectory = inputs.string('working-directory', { default: '.' });
    if (workingDirectory.split(/[\\/]/).includes('..')) {
        throw new errors/* ConfigurationError */.j1('working-directory', `must be a folder inside the workspace, got '${workingDirectory}'.`, 'working-directory: services');
    }
    const componentsText = inputs.optionalString('components');
    const component = inputs.optionalString('component');
    const cache = inputs.boolean('cache', false);
    if (cache && !component) {
        throw new errors/* ConfigurationError */.j1('cache', 'caches the dependencies of one component, in the job that tests it: give component too.', `component: \${{ matrix.name }}\n    cache: 'true'`);
    }
    const configFile = inputs.string('config', { default: DEFAULT_CONFIG });
    // the YAML parser and the schema (zod) load only when there is a config to parse
    const components = componentsText
        ? (await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(8815), __webpack_require__.e(5631)]).then(__webpack_require__.bind(__webpack_require__, 35631))).parseComponentsConfig('components', componentsText, "the 'components' input")
        : undefined;
    return {
        workingDirectory,
        configFile,
        configGiven: normalize(configFile) !== DEFAULT_CONFIG,
        components,
        changedOnly: inputs.boolean('changed-only', false),
        alwaysInclude: inputs.has('always-include') ? inputs.list('always-include') : DEFAULT_ALWAYS_INCLUDE,
        exclude: inputs.list('exclude'),
        detectServices: inputs.boolean('detect-services', true),
        nodeVersion: version(inputs, 'node-version', '22'),
        pythonVersion: version(inputs, 'python-version', '3.12'),
        githubToken: inputs.secret('github-token'),
        component,
        cache,
    };
}
function version(inputs, name, defaultValue) {
    const v = inputs.string(name, { default: defaultValue });
    if (!/^[A-Za-z0-9][A-Za-z0-9.*x/+-]*$/.test(v)) {
        throw new errors/* ConfigurationError */.j1(name, `must be a version such as ${defaultValue}, got '${v}'.`, `${name}: '${defaultValue}'`);
    }
    return v;
}
/** `./.ops-actions/components.yml` and `.ops-actions//components.yml` are the default path too. */
function normalize(path) {
    return external_node_path_.posix.normalize(path.replace(/\\/g, '/'));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./build/actions/test-matrix/base.js
const ZERO_SHA = /^0+$/;
const PULL_REQUEST_EVENTS = new Set([
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment',
]);
/**
 * @param eventName GITHUB_EVENT_NAME (in a reusable workflow, the caller's event).
 * @param payload the parsed event payload ({} when there is none).
 * @param ref GITHUB_REF, e.g. `refs/heads/main` or `refs/tags/v1.2.0`.
 * @param sha GITHUB_SHA, used when a push payload has no `after`.
 */
function detectChangeBase(eventName, payload, ref, sha = '') {
    const p = asRecord(payload);
    if (PULL_REQUEST_EVENTS.has(eventName)) {
        const pr = asRecord(p['pull_request']);
        const base = str(asRecord(pr['base'])['sha']);
        const head = str(asRecord(pr['head'])['sha']);
        const number = typeof pr['number'] === 'number' ? pr['number'] : Number(p['number']);
        if (!base || !head || !Number.isInteger(number) || number <= 0) {
            return {
                mode: 'all',
                reason: `${eventName} event without pull_request.base.sha, head.sha and number in its payload: testing everything`,
            };
        }
        return {
            mode: 'pull-request',
            base,
            head,
            number,
            reason: `pull request #${number}: files changed between ${base_short(base)} (base) and ${base_short(head)} (head)`,
        };
    }
    if (eventName === 'merge_group') {
        const mg = asRecord(p['merge_group']);
        const base = str(mg['base_sha']);
        const head = str(mg['head_sha']);
        if (!base || !head) {
            return { mode: 'all', reason: 'merge_group event without base_sha/head_sha: testing everything' };
        }
        return {
            mode: 'commits',
            base,
            head,
            reason: `merge queue: files changed between ${base_short(base)} and ${base_short(head)}`,
        };
    }
    if (eventName === 'push') {
        if (ref.startsWith('refs/tags/')) {
            return {
                mode: 'all',
                reason: `tag push (${ref.slice('refs/tags/'.length)}): a release tests everything`,
            };
        }
        const before = str(p['before']);
        const after = str(p['after']) || sha;
        if (p['deleted'] === true || (after !== '' && ZERO_SHA.test(after))) {
            return { mode: 'all', reason: 'push that deleted the branch: nothing to compare, testing everything' };
        }
        if (!before) {
            return { mode: 'all', reason: 'push event without `before` in its payload: testing everything' };
        }
        if (ZERO_SHA.test(before) || p['created'] === true) {
            return {
                mode: 'all',
                reason: `new branch (${branchName(ref)}): no previous commit to compare with, testing everything`,
            };
        }
        if (!after) {
            return { mode: 'all', reason: 'push event without `after` or GITHUB_SHA: testing everything' };
        }
        return {
            mode: 'commits',
            base: before,
            head: after,
            reason: `push to ${branchName(ref)}: files changed between ${base_short(before)} and ${base_short(after)}`,
        };
    }
    const what = eventName ? `${eventName} event` : 'unknown event (GITHUB_EVENT_NAME is not set)';
    return { mode: 'all', reason: `${what}: testing everything` };
}
function branchName(ref) {
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref || 'an unknown ref';
}
function base_short(sha) {
    return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
function asRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}
function str(v) {
    return typeof v === 'string' ? v.trim() : '';
}

// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
// EXTERNAL MODULE: ./build/lib/cancel.js
var cancel = __webpack_require__(65916);
// EXTERNAL MODULE: ./build/lib/deadline.js
var deadline = __webpack_require__(95842);
// EXTERNAL MODULE: ./build/lib/exec.js
var exec = __webpack_require__(38511);
;// CONCATENATED MODULE: ./build/actions/test-matrix/git.js



/**
 * The few read-only git commands change detection needs. Output is captured, not logged; a
 * failure is returned as undefined or thrown as a ProcessError naming the command.
 */
const TIMEOUT_MS = 60_000;
/** Runs git; a cancelled step throws instead of reading a killed git's output as an answer. */
async function runGit(cwd, args, opts = {}) {
    const { signal = (0,cancel/* stepCancelSignal */.X)(), ...rest } = opts;
    if (signal.aborted)
        throw signal.reason;
    // the signal also ends the wait itself: a killed git's helper (git-remote-http) can keep its
    // output pipe open, and the process's close would wait for it
    const r = await (0,deadline/* withDeadline */.N)((0,exec/* runProcess */.R3)('git', args, { timeoutMs: TIMEOUT_MS, ...rest, cwd, silent: true, signal }), { signal, timeoutMs: (rest.timeoutMs ?? TIMEOUT_MS) + 10_000, what: `git ${args[0] ?? ''}` });
    if (signal.aborted)
        throw signal.reason;
    return r;
}
async function git(cwd, args, limits = {}) {
    return (await runGit(cwd, args, limits)).stdout;
}
/** The repository's top-level folder, or undefined when `cwd` is not in a git work tree. */
async function gitTopLevel(cwd) {
    try {
        return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
async function hasCommit(cwd, sha, limits = {}) {
    const r = await runGit(cwd, ['cat-file', '-e', `${sha}^{commit}`], { allowFailure: true, ...limits });
    return r.exitCode === 0;
}
/**
 * Fetches commits a shallow checkout lacks (actions/checkout fetches one commit by default) from
 * `origin`. `depth` 1 is enough to compare two trees; finding a merge base needs their history.
 * Returns what is still missing afterwards.
 */
async function fetchMissing(cwd, shas, depth, limits = {}) {
    const missing = [];
    for (const sha of shas)
        if (!(await hasCommit(cwd, sha, limits)))
            missing.push(sha);
    if (missing.length === 0)
        return [];
    const origin = await runGit(cwd, ['remote', 'get-url', 'origin'], { allowFailure: true, ...limits });
    if (origin.exitCode !== 0)
        return missing;
    const args = [
        'fetch',
        '--no-tags',
        '--quiet',
        ...(depth ? [`--depth=${depth}`] : []),
        'origin',
        ...missing,
    ];
    await runGit(cwd, args, { allowFailure: true, timeoutMs: 5 * TIMEOUT_MS, ...limits });
    const still = [];
    for (const sha of missing)
        if (!(await hasCommit(cwd, sha, limits)))
            still.push(sha);
    return still;
}
/**
 * The merge base of two commits. In a shallow checkout the history that leads to it is usually
 * missing: then the rest of the history is fetched from origin once (`--unshallow`) and we ask
 * again. Undefined when there is none.
 */
async function mergeBase(cwd, a, b, limits = {}) {
    const ask = async () => {
        const r = await runGit(cwd, ['merge-base', a, b], { allowFailure: true, ...limits });
        return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
    };
    const found = await ask();
    if (found)
        return found;
    const shallow = await runGit(cwd, ['rev-parse', '--is-shallow-repository'], {
        allowFailure: true,
        ...limits,
    });
    if (shallow.stdout.trim() !== 'true')
        return undefined;
    await runGit(cwd, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], {
        allowFailure: true,
        timeoutMs: 5 * TIMEOUT_MS,
        ...limits,
    });
    return ask();
}
/**
 * Files that differ, relative to the repository root. `two-dot`: between the two trees
 * (`git diff base head`, what a push changed); `three-dot`: what `head` changed since it forked
 * from `base` (`git diff base...head`, a pull request's files). Renames count as a deletion and
 * an addition, so both paths are listed.
 */
async function diffNames(cwd, base, head, kind) {
    const range = kind === 'two-dot' ? [base, head] : [`${base}...${head}`];
    const out = await git(cwd, [
        '-c',
        'core.quotePath=false',
        'diff',
        '--name-only',
        '--no-renames',
        '-z',
        ...range,
        '--',
    ]);
    return out.split('\0').filter((f) => f !== '');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/changes.js




/** The GitHub API lists at most this many files of a pull request. */
const API_FILE_LIMIT = 3000;
/**
 * The files changed for a base that is not `all`:
 * - a pull request: the GitHub API (`GET /repos/{owner}/{repo}/pulls/{n}/files`, paginated) —
 *   it needs no git history, and it is what GitHub shows as the PR's files; when the API is not
 *   reachable, has no token, or the PR has 3000 files or more, git `base...head`;
 * - commits (push, merge queue): git `base head`, fetching the two commits from origin if the
 *   checkout is shallow.
 * When neither works the answer is `all`, with the reason: a test run is never skipped because
 * we could not tell what changed.
 */
async function listChanges(base, opts) {
    if (base.mode === 'pull-request') {
        if (opts.api) {
            try {
                const files = await listPullRequestFiles(opts.api, base.number, opts.apiDeadlineMs ?? 60_000);
                if (files.length < API_FILE_LIMIT) {
                    return { kind: 'files', files, description: `${base.reason} (GitHub API, ${count(files)})` };
                }
                opts.warning(`The GitHub API lists at most ${API_FILE_LIMIT} files of a pull request and #${base.number} has more; asking git instead.`);
            }
            catch (error) {
                opts.warning(`Could not list the files of pull request #${base.number} through the GitHub API (${(0,errors/* errorMessage */.gJ)(error)}); asking git instead.`);
            }
        }
        else {
            opts.info('No github-token or repository: listing the pull request files with git.');
        }
        return fromGit(base, 'three-dot', opts);
    }
    return fromGit(base, 'two-dot', opts);
}
async function fromGit(base, kind, opts) {
    const range = `${base_short(base.base)}${kind === 'two-dot' ? '..' : '...'}${base_short(base.head)}`;
    try {
        // Comparing two trees needs the two commits only; a merge base needs their history.
        const missing = await fetchMissing(opts.cwd, [base.base, base.head], kind === 'two-dot' ? 1 : undefined);
        if (missing.length > 0) {
            throw new Error(`commit ${missing.map(base_short).join(' and ')} is not in the checkout and could not be fetched from origin`);
        }
        if (kind === 'three-dot' && !(await mergeBase(opts.cwd, base.base, base.head))) {
            throw new Error(`${base_short(base.base)} and ${base_short(base.head)} have no common ancestor in the checkout`);
        }
        const files = await diffNames(opts.cwd, base.base, base.head, kind);
        return { kind: 'files', files, description: `${base.reason} (git diff ${range}, ${count(files)})` };
    }
    catch (error) {
        const hint = kind === 'three-dot'
            ? ' Give the action a github-token with pull-requests: read, or check out with fetch-depth: 0.'
            : ' Check out with fetch-depth: 0 (or 2) so the previous commit is there.';
        const message = `Could not list the changed files with git diff ${range}: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}.${hint}`;
        opts.warning(message);
        return { kind: 'all', reason: `changed files unknown (git diff ${range} failed): testing everything` };
    }
}
/**
 * All files of a pull request, through @actions/github's paginating Octokit, with retries on
 * network errors, 5xx and rate limiting. A renamed file counts under its old and new names.
 */
async function listPullRequestFiles(api, number, deadlineMs) {
    // Octokit loads only for a pull request's file list, not on every run
    const { getOctokit } = await __webpack_require__.e(/* import() */ 1351).then(__webpack_require__.bind(__webpack_require__, 61351));
    const octokit = getOctokit(api.token, { baseUrl: api.baseUrl });
    return (0,retry/* retry */.L5)(async () => {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
            owner: api.owner,
            repo: api.repo,
            pull_number: number,
            per_page: 100,
            request: { signal: AbortSignal.timeout(Math.min(deadlineMs, 30_000)) },
        });
        const out = [];
        for (const f of files) {
            out.push(f.filename);
            if (f.previous_filename && f.previous_filename !== f.filename)
                out.push(f.previous_filename);
        }
        return out;
    }, { deadlineMs, maxAttempts: 4, initialDelayMs: 1000, isRetryable: isRetryableApiError });
}
function isRetryableApiError(error) {
    const status = typeof error === 'object' && error !== null && 'status' in error
        ? Number(error.status)
        : 0;
    if (!status)
        return true; // network error, timeout
    return status >= 500 || status === 429;
}
function count(files) {
    return `${files.length} file${files.length === 1 ? '' : 's'}`;
}

// EXTERNAL MODULE: ./build/actions/test-matrix/component.js
var component = __webpack_require__(88662);
;// CONCATENATED MODULE: ./build/actions/test-matrix/folder.js



function readFolder(root, dir) {
    const files = new Set();
    const subdirs = new Set();
    for (const e of (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, dir), { withFileTypes: true })) {
        if (e.isFile())
            files.add(e.name);
        else if (e.isDirectory())
            subdirs.add(e.name);
    }
    return { root, dir, files, subdirs };
}
/** `dir/name` relative to the root, without a leading `./`. */
function rel(dir, name) {
    return dir === '.' ? name : external_node_path_.posix.join(dir, name);
}
/** Reads a file relative to the root; undefined when it does not exist or is not readable. */
function readText(root, path) {
    try {
        return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, path), 'utf8');
    }
    catch {
        return undefined;
    }
}
function isFile(root, path) {
    try {
        return (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, path)).isFile();
    }
    catch {
        return false;
    }
}
function isDir(root, path) {
    return (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, path)) && (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, path)).isDirectory();
}
/** The folder's ancestors up to the root, nearest first: `a/b/c` → `a/b`, `a`, `.`. */
function ancestors(dir) {
    const out = [];
    let d = dir;
    while (d !== '.') {
        d = external_node_path_.posix.dirname(d);
        out.push(d);
    }
    return out;
}
/**
 * The first line of a version file (`.nvmrc`, `.python-version`) in the folder or, failing that,
 * the nearest ancestor: `v20.11.0` → `20.11.0`, `lts/iron` stays.
 */
function versionFile(root, dir, names) {
    for (const d of [dir, ...ancestors(dir)]) {
        for (const name of names) {
            const text = readText(root, rel(d, name));
            const first = text
                ?.split(/\r?\n/)
                .map((l) => l.replace(/#.*/, '').trim())
                .find((l) => l !== '');
            if (first)
                return first.replace(/^v(?=\d)/, '');
        }
    }
    return undefined;
}
/**
 * sha256 of the files' names and contents, in the order given (callers sort). A missing file
 * counts as its name alone, so adding it later changes the hash.
 */
function hashFiles(root, paths) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const p of paths) {
        h.update(`${p}\0`);
        try {
            h.update((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, p)));
        }
        catch {
            /* counted by name */
        }
        h.update('\0');
    }
    return h.digest('hex');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/glob.js
/**
 * Path globs for `always-include`, `exclude` and a component's `paths`, matched against a whole
 * POSIX path relative to the repository (or working-directory) root:
 *
 *   `**`      any number of folders (also none): `.github/**`, `**\/*.md`
 *   `*`       any characters except `/`: `docker-compose*.yml`
 *   `?`       one character except `/`
 *   `{a,b}`   either alternative: `{package,pnpm-lock}.*`
 *   `dir/`    a trailing slash means everything below the folder (`dir/**`)
 *
 * Dot files match like any other (`*` matches `.env`), and matching is case-sensitive, as paths in
 * git are. We write the ten lines ourselves rather than import minimatch, which is only present as
 * a transitive dependency.
 */
function globToRegExp(glob) {
    let pattern = glob.trim().replace(/^\.\//, '');
    if (pattern.endsWith('/'))
        pattern += '**';
    let re = '';
    let braces = 0;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*') {
            if (pattern[i + 1] === '*') {
                const atStart = i === 0 || pattern[i - 1] === '/';
                const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
                if (atStart && atEnd) {
                    // `**/` matches zero or more whole folders; a final `**` matches everything below.
                    if (i + 2 === pattern.length)
                        re += '.*';
                    else
                        re += '(?:[^/]+/)*';
                    i += 2; // also skip the '/' after '**' (the loop's i++ skips one more)
                    if (i >= pattern.length)
                        break;
                    continue;
                }
                re += '[^/]*';
                i++;
                continue;
            }
            re += '[^/]*';
        }
        else if (c === '?')
            re += '[^/]';
        else if (c === '{') {
            braces++;
            re += '(?:';
        }
        else if (c === '}' && braces > 0) {
            braces--;
            re += ')';
        }
        else if (c === ',' && braces > 0)
            re += '|';
        else
            re += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}
/** A matcher for a list of globs: true when any of them matches the path. */
function globMatcher(globs) {
    const res = globs.filter((g) => g.trim() !== '').map(globToRegExp);
    return (path) => res.some((re) => re.test(path));
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/services.js

/**
 * Dependencies that mean "the tests talk to this server". A heuristic: a component that lists
 * one gets a PostgreSQL or Redis service container; the config file's `services:` replaces the
 * guess (`services: []` turns it off), and `detect-services: false` turns guessing off everywhere.
 */
const HINTS = {
    node: {
        pg: 'postgres',
        postgres: 'postgres',
        'pg-promise': 'postgres',
        redis: 'redis',
        ioredis: 'redis',
        '@redis/client': 'redis',
        bull: 'redis',
        bullmq: 'redis',
    },
    python: {
        psycopg: 'postgres',
        'psycopg-binary': 'postgres',
        psycopg2: 'postgres',
        'psycopg2-binary': 'postgres',
        asyncpg: 'postgres',
        redis: 'redis',
        'django-redis': 'redis',
        rq: 'redis',
        celery: 'redis',
    },
    go: {
        'github.com/jackc/pgx': 'postgres',
        'github.com/lib/pq': 'postgres',
        'github.com/redis/go-redis': 'redis',
        'github.com/go-redis/redis': 'redis',
        'github.com/gomodule/redigo': 'redis',
    },
};
/**
 * The services the dependencies hint at. `deps` maps a dependency name (normalised as the
 * language does: lower case for Python, module path for Go) to the file that declares it.
 */
function servicesFromDependencies(language, deps) {
    const out = {};
    for (const [dep, file] of deps) {
        const service = HINTS[language][language === 'go' ? goModuleRoot(dep) : dep];
        if (service && !out[service]) {
            out[service] = { image: component/* DEFAULT_SERVICE_IMAGES */.Hp[service], because: `${dep} in ${file}` };
        }
    }
    return out;
}
/** `github.com/jackc/pgx/v5` → `github.com/jackc/pgx`; `github.com/redis/go-redis/v9` likewise. */
function goModuleRoot(module) {
    return module.replace(/\/v\d+$/, '');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/go.js



/**
 * A folder with go.mod: `go test ./...` (which stops at nested modules, so a nested go.mod is a
 * component of its own), `go vet ./...` as lint, the Go version from the `go` directive.
 */
function detectGo(folder, opts) {
    const { root, dir, files } = folder;
    if (!files.has('go.mod'))
        return undefined;
    const goMod = readText(root, rel(dir, 'go.mod')) ?? '';
    const version = /^go\s+(\d+(?:\.\d+){1,2})\s*$/m.exec(goMod)?.[1] ?? 'stable';
    const lockfiles = files.has('go.sum') ? [rel(dir, 'go.sum')] : [];
    const deps = new Map(goRequires(goMod).map((m) => [m, rel(dir, 'go.mod')]));
    return (0,component/* detection */.mm)({
        dir,
        language: 'go',
        packageManager: 'go',
        installCommand: 'go mod download',
        testCommand: 'go test ./...',
        lintCommand: 'go vet ./...',
        typecheckCommand: '',
        buildCommand: 'go build ./...',
        runtimeVersion: version,
        lockfiles,
        lockHash: hashFiles(root, [rel(dir, 'go.mod'), ...lockfiles]),
        cacheDirs: ['~/go/pkg/mod', '~/.cache/go-build'],
        services: opts.detectServices ? servicesFromDependencies('go', deps) : {},
    }, false, 'nothing to run');
}
/** Module paths in `require` lines and blocks. */
function goRequires(goMod) {
    const out = [];
    let inBlock = false;
    for (const raw of goMod.split(/\r?\n/)) {
        const line = raw.replace(/\/\/.*$/, '').trim();
        if (inBlock) {
            if (line === ')')
                inBlock = false;
            else if (line)
                out.push(line.split(/\s+/)[0] ?? '');
            continue;
        }
        if (/^require\s*\($/.test(line))
            inBlock = true;
        else {
            const m = /^require\s+(\S+)\s+\S+/.exec(line);
            if (m?.[1])
                out.push(m[1]);
        }
    }
    return out.filter((m) => m !== '');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/node.js



/** Lockfiles in the order we trust them when several are present. */
const LOCKFILES = [
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lock', 'bun'],
    ['bun.lockb', 'bun'],
    ['package-lock.json', 'npm'],
    ['npm-shrinkwrap.json', 'npm'],
];
const NODE_PMS = ['npm', 'pnpm', 'yarn', 'bun'];
const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc'];
/** What `npm init` writes: not a test suite. */
const NPM_PLACEHOLDER_TEST = /no test specified/;
/** A folder with a package.json: package manager from the lockfile, commands from `scripts`. */
function detectNode(folder, opts) {
    if (!folder.files.has('package.json'))
        return undefined;
    const { root, dir } = folder;
    const pkg = parsePackageJson(readText(root, rel(dir, 'package.json')) ?? '');
    const workspaceRoot = pkg.workspaces || folder.files.has('pnpm-workspace.yaml');
    if (!pkg.valid) {
        return { kind: 'invalid', reason: 'package.json is not valid JSON', workspaceRoot: false };
    }
    const own = LOCKFILES.filter(([name]) => folder.files.has(name));
    const inherited = own.length === 0 ? workspaceLockfile(root, dir) : undefined;
    const lockDir = inherited?.dir ?? dir;
    const lock = own[0] ?? inherited?.lock;
    const pm = choosePackageManager(opts.packageManager, pkg.packageManager, lock?.[1]);
    const lockfiles = lock ? [rel(lockDir, lock[0])] : [];
    const berry = pm === 'yarn' &&
        (isFile(root, rel(lockDir, '.yarnrc.yml')) || /^yarn@[2-9]/.test(pkg.packageManager ?? ''));
    const script = (names) => {
        const found = names.find((n) => (pkg.scripts[n] ?? '').trim() !== '');
        return found ? `${pm} run ${found}` : '';
    };
    const testScript = pkg.scripts['test'] ?? '';
    const testCommand = testScript.trim() !== '' && !NPM_PLACEHOLDER_TEST.test(testScript) ? `${pm} run test` : '';
    const lintCommand = script(['lint']);
    const typecheckCommand = script(TYPECHECK_SCRIPTS);
    const buildCommand = script(['build']);
    const depFile = rel(dir, 'package.json');
    const deps = new Map(pkg.deps.map((d) => [d, depFile]));
    const services = opts.detectServices ? servicesFromDependencies('node', deps) : {};
    if (opts.detectServices && !services.postgres && (deps.has('prisma') || deps.has('@prisma/client'))) {
        const schema = prismaSchemaPath(root, dir, pkg.prismaSchema);
        if (schema && /provider\s*=\s*"postgres(ql)?"/.test(readText(root, schema) ?? '')) {
            services.postgres = {
                image: component/* DEFAULT_SERVICE_IMAGES */.Hp.postgres,
                because: `prisma datasource postgresql in ${schema}`,
            };
        }
    }
    return (0,component/* detection */.mm)({
        dir,
        language: 'node',
        packageManager: pm,
        installCommand: installCommand(pm, lockfiles.length > 0, berry),
        testCommand,
        lintCommand,
        typecheckCommand,
        buildCommand,
        runtimeVersion: versionFile(root, dir, ['.nvmrc', '.node-version']) ?? opts.nodeVersion,
        lockfiles,
        lockHash: hashFiles(root, lockfiles.length ? lockfiles : [depFile]),
        cacheDirs: nodeCacheDirs(pm, berry, lockDir),
        services,
    }, workspaceRoot, 'package.json has no test, lint, typecheck or build script');
}
function choosePackageManager(forced, declared, fromLock) {
    if (forced)
        return forced;
    // `"packageManager": "pnpm@9.1.0"` (corepack) is the project saying which one it uses.
    const name = declared?.split('@')[0] ?? '';
    if (NODE_PMS.includes(name))
        return name;
    return fromLock ?? 'npm';
}
function installCommand(pm, hasLockfile, berry) {
    switch (pm) {
        case 'pnpm':
            return hasLockfile ? 'pnpm install --frozen-lockfile' : 'pnpm install';
        case 'yarn':
            if (!hasLockfile)
                return 'yarn install';
            return berry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
        case 'bun':
            return hasLockfile ? 'bun install --frozen-lockfile' : 'bun install';
        default:
            return hasLockfile ? 'npm ci' : 'npm install';
    }
}
/** The package manager's download cache (what actions/setup-node caches too). */
function nodeCacheDirs(pm, berry, lockDir) {
    switch (pm) {
        case 'pnpm':
            return ['~/.local/share/pnpm/store'];
        case 'yarn':
            return berry ? ['~/.yarn/berry/cache', rel(lockDir, '.yarn/cache')] : ['~/.cache/yarn'];
        case 'bun':
            return ['~/.bun/install/cache'];
        default:
            return ['~/.npm'];
    }
}
/**
 * A workspace package has no lockfile of its own: the workspace root's (an ancestor with
 * `workspaces` in package.json or a pnpm-workspace.yaml) pins its dependencies.
 */
function workspaceLockfile(root, dir) {
    for (const d of ancestors(dir)) {
        const isWorkspaceRoot = isFile(root, rel(d, 'pnpm-workspace.yaml')) ||
            parsePackageJson(readText(root, rel(d, 'package.json')) ?? '').workspaces;
        if (!isWorkspaceRoot)
            continue;
        const lock = LOCKFILES.find(([name]) => isFile(root, rel(d, name)));
        return lock ? { dir: d, lock } : undefined;
    }
    return undefined;
}
function prismaSchemaPath(root, dir, declared) {
    const candidates = [declared, 'prisma/schema.prisma', 'schema.prisma'].filter((c) => typeof c === 'string' && c !== '');
    return candidates.map((c) => rel(dir, c.replace(/^\.\//, ''))).find((p) => isFile(root, p));
}
function parsePackageJson(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return { valid: false, scripts: {}, deps: [], workspaces: false };
    }
    const o = record(data);
    const scripts = {};
    for (const [k, v] of Object.entries(record(o['scripts'])))
        if (typeof v === 'string')
            scripts[k] = v;
    const deps = [
        ...Object.keys(record(o['dependencies'])),
        ...Object.keys(record(o['devDependencies'])),
        ...Object.keys(record(o['optionalDependencies'])),
    ];
    const ws = o['workspaces'];
    const workspaces = (Array.isArray(ws) && ws.length > 0) || Array.isArray(record(ws)['packages']) === true;
    const pm = o['packageManager'];
    const prisma = record(o['prisma'])['schema'];
    return {
        valid: true,
        scripts,
        deps,
        workspaces,
        packageManager: typeof pm === 'string' ? pm : undefined,
        prismaSchema: typeof prisma === 'string' ? prisma : undefined,
    };
}
function record(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/python.js



const PYTHON_PMS = ['pip', 'poetry', 'uv'];
/** Extra requirement files pip installs next to requirements.txt, when present. */
const DEV_REQUIREMENTS = [
    'requirements-dev.txt',
    'requirements-test.txt',
    'requirements_dev.txt',
    'requirements_test.txt',
    'dev-requirements.txt',
    'test-requirements.txt',
];
/**
 * A folder with pyproject.toml or requirements.txt. Package manager: poetry.lock or
 * `[tool.poetry]` → poetry, uv.lock → uv, otherwise pip. Tests run with pytest when the folder
 * looks like it has tests (pytest configured or listed, conftest.py, a tests/ or test/ folder);
 * ruff and mypy run when they are among the dependencies (so the install step installs them).
 */
function detectPython(folder, opts) {
    const { root, dir, files } = folder;
    if (!files.has('pyproject.toml') && !files.has('requirements.txt'))
        return undefined;
    const pyproject = files.has('pyproject.toml') ? (readText(root, rel(dir, 'pyproject.toml')) ?? '') : '';
    const sections = tomlSections(pyproject);
    const workspaceRoot = sections.has('tool.uv.workspace');
    const requirementFiles = ['requirements.txt', ...DEV_REQUIREMENTS].filter((f) => files.has(f));
    const deps = new Map();
    for (const f of requirementFiles) {
        for (const d of requirementNames(readText(root, rel(dir, f)) ?? ''))
            if (!deps.has(d))
                deps.set(d, rel(dir, f));
    }
    for (const d of pyprojectDependencyNames(pyproject))
        if (!deps.has(d))
            deps.set(d, rel(dir, 'pyproject.toml'));
    let uvLock = files.has('uv.lock') ? rel(dir, 'uv.lock') : undefined;
    if (!uvLock && !files.has('poetry.lock'))
        uvLock = uvWorkspaceLock(root, dir);
    const pm = opts.packageManager && PYTHON_PMS.includes(opts.packageManager)
        ? opts.packageManager
        : files.has('poetry.lock') || sections.has('tool.poetry')
            ? 'poetry'
            : uvLock
                ? 'uv'
                : 'pip';
    const lockfiles = pm === 'poetry' && files.has('poetry.lock')
        ? [rel(dir, 'poetry.lock')]
        : pm === 'uv' && uvLock
            ? [uvLock]
            : pm === 'pip'
                ? requirementFiles.map((f) => rel(dir, f))
                : [];
    const run = pm === 'pip' ? 'python -m ' : `${pm} run `;
    const hasTests = deps.has('pytest') ||
        sections.has('tool.pytest.ini_options') ||
        files.has('pytest.ini') ||
        files.has('conftest.py') ||
        folder.subdirs.has('tests') ||
        folder.subdirs.has('test') ||
        /^\[tool:pytest\]/m.test(readText(root, rel(dir, 'setup.cfg')) ?? '');
    const testCommand = hasTests ? `${run}pytest` : '';
    const lintCommand = deps.has('ruff') ? `${run}ruff check .` : '';
    const typecheckCommand = deps.has('mypy') ? `${run}mypy .` : '';
    let installCommand;
    if (pm === 'poetry')
        installCommand = 'poetry install --no-interaction';
    else if (pm === 'uv')
        installCommand = uvLock ? 'uv sync --frozen' : 'uv sync';
    else {
        const parts = ['python -m pip install'];
        if (requirementFiles.length)
            parts.push(...requirementFiles.map((f) => `-r ${f}`));
        else {
            const extras = optionalDependencyGroups(pyproject).filter((g) => g === 'test' || g === 'dev');
            parts.push(extras.length ? `-e '.[${extras.join(',')}]'` : '-e .');
        }
        // pytest is the test runner we chose for the component: make sure it is there.
        if (testCommand && !deps.has('pytest'))
            parts.push('pytest');
        installCommand = parts.join(' ');
    }
    return (0,component/* detection */.mm)({
        dir,
        language: 'python',
        packageManager: pm,
        installCommand,
        testCommand,
        lintCommand,
        typecheckCommand,
        buildCommand: '',
        runtimeVersion: versionFile(root, dir, ['.python-version']) ?? opts.pythonVersion,
        lockfiles,
        lockHash: hashFiles(root, lockfiles.length
            ? lockfiles
            : [rel(dir, files.has('pyproject.toml') ? 'pyproject.toml' : 'requirements.txt')]),
        cacheDirs: [pm === 'poetry' ? '~/.cache/pypoetry' : pm === 'uv' ? '~/.cache/uv' : '~/.cache/pip'],
        services: opts.detectServices ? servicesFromDependencies('python', deps) : {},
    }, workspaceRoot, 'no tests found (no pytest configuration, conftest.py, tests/ or test/ folder) and no ruff or mypy dependency');
}
/** uv workspaces keep one uv.lock at the workspace root (`[tool.uv.workspace]`). */
function uvWorkspaceLock(root, dir) {
    for (const d of ancestors(dir)) {
        if (!tomlSections(readText(root, rel(d, 'pyproject.toml')) ?? '').has('tool.uv.workspace'))
            continue;
        return readText(root, rel(d, 'uv.lock')) !== undefined ? rel(d, 'uv.lock') : undefined;
    }
    return undefined;
}
/** PEP 503 normalisation: `Psycopg2_Binary` → `psycopg2-binary`. */
function normalizeName(name) {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
}
/** The name at the start of a PEP 508 requirement: `celery[redis]>=5` → `celery`. */
function requirementName(spec) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
    return m?.[1] ? normalizeName(m[1]) : undefined;
}
/** Names in a requirements file; options (`-r`, `-e`, `--index-url`) and comments skipped. */
function requirementNames(text) {
    const out = [];
    for (const line of text.split(/\r?\n/)) {
        const t = line.replace(/(^|\s)#.*$/, '').trim();
        if (t === '' || t.startsWith('-'))
            continue;
        const name = requirementName(t);
        if (name)
            out.push(name);
    }
    return out;
}
/** `[a.b]` and `[[a.b]]` table names in a TOML file. */
function tomlSections(text) {
    const out = new Set();
    for (const m of text.matchAll(/^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/gm))
        if (m[1])
            out.add(m[1]);
    return out;
}
/**
 * Dependency names in a pyproject.toml, without a TOML parser: the strings of the arrays
 * `[project] dependencies`, `[project.optional-dependencies] *`, `[dependency-groups] *` and
 * `[tool.uv] dev-dependencies`, and the keys of the `[tool.poetry.*dependencies]` tables.
 */
function pyprojectDependencyNames(text) {
    const out = [];
    let section = '';
    let inArray = false;
    for (const raw of text.split(/\r?\n/)) {
        const line = stripTomlComment(raw).trim();
        if (line === '')
            continue;
        const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
        if (header && !inArray) {
            section = header[1] ?? '';
            continue;
        }
        if (inArray) {
            collectStrings(line, out);
            if (closesArray(line))
                inArray = false;
            continue;
        }
        const kv = /^([A-Za-z0-9_.\-"']+)\s*=\s*(.*)$/.exec(line);
        if (!kv)
            continue;
        const key = (kv[1] ?? '').replace(/["']/g, '');
        const value = kv[2] ?? '';
        if (/^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(section)) {
            if (key !== 'python')
                out.push(normalizeName(key));
            continue;
        }
        const arrayOfDeps = (section === 'project' && key === 'dependencies') ||
            section === 'project.optional-dependencies' ||
            section === 'dependency-groups' ||
            (section === 'tool.uv' && key === 'dev-dependencies');
        if (arrayOfDeps && value.startsWith('[')) {
            collectStrings(value, out);
            if (!closesArray(value.slice(1)))
                inArray = true;
        }
    }
    return out;
}
/** The group names of `[project.optional-dependencies]` (`pip install '.[test]'`). */
function optionalDependencyGroups(text) {
    const out = [];
    let section = '';
    for (const raw of text.split(/\r?\n/)) {
        const line = stripTomlComment(raw).trim();
        const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
        if (header)
            section = header[1] ?? '';
        else if (section === 'project.optional-dependencies') {
            const key = /^([A-Za-z0-9_.-]+)\s*=/.exec(line)?.[1];
            if (key)
                out.push(key);
        }
    }
    return out;
}
function collectStrings(text, out) {
    for (const m of text.matchAll(/"([^"]*)"|'([^']*)'/g)) {
        const name = requirementName(m[1] ?? m[2] ?? '');
        if (name)
            out.push(name);
    }
}
/** A `]` outside strings (`"psycopg[binary]"` does not close the array). */
function closesArray(text) {
    return text.replace(/"[^"]*"|'[^']*'/g, '').includes(']');
}
/** Drops a `# comment` that is not inside a string. */
function stripTomlComment(line) {
    let quote = '';
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote)
                quote = '';
        }
        else if (c === '"' || c === "'")
            quote = c;
        else if (c === '#')
            return line.slice(0, i);
    }
    return line;
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/discover.js









/**
 * Folders never searched: dependencies, build output, virtualenvs, and every folder whose name
 * starts with a dot (.git, .github, .venv, .next, .yarn, .tox). A component listed in the config
 * file is found wherever it is.
 */
const SKIPPED_FOLDERS = new Set([
    'node_modules',
    'bower_components',
    'vendor',
    'dist',
    'build',
    'out',
    'target',
    'coverage',
    '__pycache__',
    'venv',
    'site-packages',
]);
const DETECTORS = [detectNode, detectPython, detectGo];
/**
 * Finds the components under `root`: every folder with a package.json (with something to run),
 * pyproject.toml/requirements.txt or go.mod, then the config file's additions, changes and skips.
 *
 * Nested components are components of their own (a monorepo's `apps/web` and `apps/api`); a file
 * belongs to the deepest component that contains it (see select.ts). A workspace root (npm/yarn
 * `workspaces`, pnpm-workspace.yaml, `[tool.uv.workspace]`) with member components is not a
 * component itself: its members are, and they share its lockfile.
 */
function discoverComponents(root, opts) {
    const found = [];
    if (opts.config?.discover !== false) {
        const excluded = globMatcher(opts.exclude);
        const stack = ['.'];
        while (stack.length > 0) {
            const dir = stack.pop();
            const folder = readFolder(root, dir);
            for (const detect of DETECTORS) {
                const detection = detect(folder, opts);
                if (detection)
                    found.push({ detection, dir });
            }
            for (const sub of [...folder.subdirs].sort().reverse()) {
                const path = dir === '.' ? sub : `${dir}/${sub}`;
                if (sub.startsWith('.') || SKIPPED_FOLDERS.has(sub) || excluded(path) || excluded(`${path}/`))
                    continue;
                stack.push(path);
            }
        }
    }
    const detected = [];
    const ignored = [];
    for (const { detection, dir } of found) {
        if (detection.workspaceRoot) {
            const language = detection.detected.language;
            const hasMembers = found.some((f) => f.detection.kind === 'component' &&
                isBelow(f.dir, dir) &&
                f.detection.detected.language === language);
            if (hasMembers) {
                ignored.push({ dir, reason: 'workspace root: its member packages are components of their own' });
                continue;
            }
        }
        if (detection.kind === 'component')
            detected.push(detection.detected);
        else
            ignored.push({ dir, reason: detection.reason });
    }
    const entries = opts.config?.components ?? [];
    const named = applyConfig(root, detected, ignored, entries, opts);
    return { components: nameComponents(named, opts.config), ignored };
}
function applyConfig(root, detected, ignored, entries, opts) {
    const origin = opts.config?.origin ?? 'the config';
    const input = opts.config?.input ?? 'components';
    const out = detected.map((d) => ({ ...d, paths: [], source: 'discovered' }));
    /** The config decided about this folder: drop what discovery said about it. */
    const forget = (dir) => {
        for (let i = ignored.length - 1; i >= 0; i--)
            if (ignored[i]?.dir === dir)
                ignored.splice(i, 1);
    };
    entries.forEach((entry, i) => {
        const where = `components[${i}] (path '${entry.path}')`;
        const dir = normalizeDir(entry.path);
        if (dir === undefined) {
            throw new errors/* ConfigurationError */.j1(input, `${origin}: ${where}: the path must be a folder inside working-directory, without '..'.`);
        }
        const matches = out
            .map((c, index) => ({ c, index }))
            .filter(({ c }) => c.dir === dir && (!entry.language || c.language === entry.language));
        if (entry.skip) {
            for (const { index } of matches.reverse())
                out.splice(index, 1);
            forget(dir);
            ignored.push({ dir, reason: `skipped in ${origin}` });
            return;
        }
        if (matches.length > 1) {
            throw new errors/* ConfigurationError */.j1(input, `${origin}: ${where}: the folder has ${matches.map(({ c }) => c.language).join(' and ')} components; say which with language:.`);
        }
        const match = matches[0];
        if (match && !entry['package-manager']) {
            out[match.index] = withEntry(match.c, entry, 'discovered+config', origin);
            return;
        }
        if (!isDir(root, dir)) {
            throw new errors/* ConfigurationError */.j1(input, `${origin}: ${where}: there is no such folder.`);
        }
        // Listed but not discovered (excluded, skipped folder, discovery off), or a different package
        // manager asked for: detect the folder now with what the entry says.
        const detection = detectFolder(root, dir, entry, opts);
        const hasCommand = [
            entry['test-command'],
            entry['lint-command'],
            entry['typecheck-command'],
            entry['build-command'],
        ].some((c) => c !== undefined && c.trim() !== '');
        let base;
        if (detection?.kind === 'component')
            base = detection.detected;
        else if (detection?.kind === 'idle' && hasCommand)
            base = detection.detected;
        else if (!detection && hasCommand)
            base = fromEntryOnly(dir, entry);
        if (!base) {
            const why = detection && detection.kind !== 'component'
                ? detection.reason
                : 'no package.json, pyproject.toml, requirements.txt or go.mod';
            throw new errors/* ConfigurationError */.j1(input, `${origin}: ${where}: nothing to test found there (${why}). Give test-command (and language).`);
        }
        const component = withEntry({ ...base, paths: [], source: 'config' }, entry, 'config', origin);
        forget(dir);
        if (match)
            out[match.index] = { ...component, source: 'discovered+config' };
        else
            out.push(component);
    });
    return out.sort((a, b) => compareDirs(a.dir, b.dir) || a.language.localeCompare(b.language));
}
function detectFolder(root, dir, entry, opts) {
    const folder = readFolder(root, dir);
    const detectOpts = { ...opts, packageManager: entry['package-manager'] };
    const byLanguage = {
        node: detectNode,
        python: detectPython,
        go: detectGo,
    };
    const detectors = entry.language ? [byLanguage[entry.language]].filter((d) => d !== undefined) : DETECTORS;
    let fallback;
    for (const detect of detectors) {
        const d = detect(folder, detectOpts);
        if (d?.kind === 'component')
            return d;
        if (d?.kind === 'idle' || !fallback)
            fallback = d;
    }
    return fallback;
}
/** A component the config file describes completely (any language, e.g. `other`). */
function fromEntryOnly(dir, entry) {
    const language = entry.language ?? 'other';
    return {
        dir,
        language,
        packageManager: entry['package-manager'] ?? '',
        installCommand: '',
        testCommand: '',
        lintCommand: '',
        typecheckCommand: '',
        buildCommand: '',
        runtimeVersion: '',
        lockfiles: [],
        lockHash: (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(entry)).digest('hex'),
        cacheDirs: [],
        services: {},
    };
}
function withEntry(c, e, source, origin) {
    const versionKey = `${c.language}-version`;
    return {
        ...c,
        name: e.name ?? c.name,
        packageManager: e['package-manager'] ?? c.packageManager,
        installCommand: e['install-command'] ?? c.installCommand,
        testCommand: e['test-command'] ?? c.testCommand,
        lintCommand: e['lint-command'] ?? c.lintCommand,
        typecheckCommand: e['typecheck-command'] ?? c.typecheckCommand,
        buildCommand: e['build-command'] ?? c.buildCommand,
        runtimeVersion: (c.language !== 'other' ? e[versionKey] : undefined) ?? c.runtimeVersion,
        services: e.services ? servicesFromEntry(e.services, origin) : c.services,
        paths: e.paths ?? c.paths,
        source,
    };
}
function servicesFromEntry(services, origin) {
    const out = {};
    const because = `declared in ${origin}`;
    if (Array.isArray(services)) {
        for (const s of services)
            out[s] = { image: component/* DEFAULT_SERVICE_IMAGES */.Hp[s], because };
    }
    else {
        for (const [s, image] of Object.entries(services))
            out[s] = { image, because };
    }
    return out;
}
/**
 * Names: the folder's name (`root` for the root folder); when two components would share a
 * name, their paths (`apps-web`, `services-web`); when they share a folder, plus the language.
 */
function nameComponents(list, config) {
    const taken = new Set(list.map((c) => c.name).filter((n) => n !== undefined));
    const auto = list.filter((c) => c.name === undefined);
    const base = (c) => (c.dir === '.' ? 'root' : external_node_path_.posix.basename(c.dir));
    const byPath = (c) => (c.dir === '.' ? 'root' : c.dir.replace(/\//g, '-'));
    const count = (f, name) => auto.filter((c) => f(c) === name).length + (taken.has(name) ? 1 : 0);
    const named = list.map((c) => {
        if (c.name !== undefined)
            return { ...c, name: c.name };
        let name = base(c);
        if (count(base, name) > 1)
            name = byPath(c);
        if (count(byPath, name) > 1 || taken.has(name))
            name = `${name}-${c.language}`;
        return { ...c, name };
    });
    const seen = new Map();
    for (const c of named) {
        const other = seen.get(c.name);
        if (other !== undefined) {
            throw new errors/* ConfigurationError */.j1(config?.input ?? 'components', `${config?.origin ?? 'the config'}: two components are named '${c.name}' (${other} and ${c.dir}); give one of them another name:.`);
        }
        seen.set(c.name, c.dir);
    }
    return named;
}
/** `./backend/` → `backend`, `.` → `.`; undefined for absolute paths and paths with `..`. */
function normalizeDir(path) {
    const p = path.trim().replace(/\\/g, '/');
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p))
        return undefined;
    const n = external_node_path_.posix.normalize(p).replace(/\/+$/, '');
    if (n === '..' || n.startsWith('../'))
        return undefined;
    return n === '' ? '.' : n;
}
function isBelow(dir, parent) {
    return dir !== parent && (parent === '.' || dir.startsWith(`${parent}/`));
}
function compareDirs(a, b) {
    if (a === b)
        return 0;
    if (a === '.')
        return -1;
    if (b === '.')
        return 1;
    return a < b ? -1 : 1;
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/matrix.js



/**
 * @param rootPrefix the discovery root relative to the workspace ('' or '.' when it is the workspace).
 * @param os the runner OS (RUNNER_OS), part of the cache key.
 */
function matrixEntry(c, rootPrefix, os) {
    const inWorkspace = (p) => rootPrefix === '' || rootPrefix === '.' ? p : external_node_path_.posix.normalize(external_node_path_.posix.join(rootPrefix, p));
    const keys = cacheKeys(c, os);
    const services = component/* SERVICES */.Bg.filter((s) => c.services[s] !== undefined);
    const version = c.language === 'other' ? {} : { [`${c.language}-version`]: c.runtimeVersion };
    return {
        name: c.name,
        path: inWorkspace(c.dir),
        language: c.language,
        'package-manager': c.packageManager,
        'install-command': c.installCommand,
        'test-command': c.testCommand,
        'lint-command': c.lintCommand,
        'typecheck-command': c.typecheckCommand,
        'build-command': c.buildCommand,
        ...version,
        lockfile: c.lockfiles[0] ? inWorkspace(c.lockfiles[0]) : '',
        'cache-key': keys.key,
        'cache-restore-key': keys.restoreKey,
        'cache-paths': cachePaths(c, rootPrefix).join('\n'),
        services,
        'postgres-image': c.services.postgres?.image ?? '',
        'redis-image': c.services.redis?.image ?? '',
    };
}
function buildMatrix(components, rootPrefix, os) {
    return { include: components.map((c) => matrixEntry(c, rootPrefix, os)) };
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/select.js


/**
 * Which components to test. With `all` every component is in. With a list of changed files,
 * a component is in when one of them
 * - lies in its folder and not in a deeper component's folder (a change in `apps/web/` is
 *   `apps/web`'s, not the root component's),
 * - is one of its lockfiles (a workspace's shared lockfile belongs to every member), or
 * - matches one of its `paths` globs from the config file;
 * and every component is in when a changed file matches `always-include`.
 */
function selectComponents(components, changes, opts) {
    if (changes.kind === 'all') {
        return components.map((component) => ({
            component,
            selected: true,
            reason: changes.reason,
            matched: [],
        }));
    }
    const shared = globMatcher(opts.alwaysInclude);
    const sharedHits = changes.files.filter((f) => shared(f));
    if (sharedHits.length > 0) {
        const reason = `shared file changed: ${listFiles(sharedHits)} (always-include)`;
        return components.map((component) => ({ component, selected: true, reason, matched: sharedHits }));
    }
    const byDir = groupBy(components, (c) => [c.dir]);
    const byLockfile = groupBy(components, (c) => c.lockfiles);
    const withPaths = components
        .filter((c) => c.paths.length > 0)
        .map((c) => [c, globMatcher(c.paths)]);
    const matched = new Map(components.map((c) => [c, []]));
    for (const file of changes.files) {
        const local = toRootRelative(file, opts.rootPrefix);
        if (local === undefined)
            continue;
        const owners = new Set(deepestOwners(byDir, local));
        for (const c of byLockfile.get(local) ?? [])
            owners.add(c);
        for (const [c, matches] of withPaths)
            if (matches(local))
                owners.add(c);
        for (const c of owners)
            matched.get(c)?.push(file);
    }
    return components.map((component) => {
        const files = matched.get(component) ?? [];
        const where = component.dir === '.' ? 'the root folder' : `${component.dir}/`;
        return files.length > 0
            ? { component, selected: true, reason: `changed: ${listFiles(files)}`, matched: files }
            : { component, selected: false, reason: `no changed file in ${where}`, matched: [] };
    });
}
/** The components whose folder contains the file most closely (several when they share a folder). */
function deepestOwners(byDir, file) {
    for (let dir = external_node_path_.posix.dirname(file);; dir = external_node_path_.posix.dirname(dir)) {
        const owners = byDir.get(dir);
        if (owners)
            return owners;
        if (dir === '.')
            return [];
    }
}
function groupBy(components, keys) {
    const out = new Map();
    for (const c of components) {
        for (const k of keys(c)) {
            const list = out.get(k);
            if (list)
                list.push(c);
            else
                out.set(k, [c]);
        }
    }
    return out;
}
/** A repository-relative path made relative to the discovery root; undefined when outside it. */
function toRootRelative(file, rootPrefix) {
    if (rootPrefix === '' || rootPrefix === '.')
        return file;
    return file.startsWith(`${rootPrefix}/`) ? file.slice(rootPrefix.length + 1) : undefined;
}
/** `a, b, c (+4 more)`. */
function listFiles(files, max = 3) {
    const shown = files.slice(0, max).join(', ');
    return files.length > max ? `${shown} (+${files.length - max} more)` : shown;
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/resolve.js










function runnerContext(env, log) {
    return {
        workspace: env['GITHUB_WORKSPACE'] || process.cwd(),
        eventName: env['GITHUB_EVENT_NAME'] ?? '',
        eventPath: env['GITHUB_EVENT_PATH'] ?? '',
        ref: env['GITHUB_REF'] ?? '',
        sha: env['GITHUB_SHA'] ?? '',
        repository: env['GITHUB_REPOSITORY'] ?? '',
        apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
        os: env['RUNNER_OS'] ?? '',
        ...log,
    };
}
/**
 * Discovers the components, works out what changed, and decides which to test: everything the
 * action does besides writing outputs, the summary and the cache.
 */
async function resolveTestMatrix(inputs, ctx) {
    const root = (0,external_node_path_.resolve)(ctx.workspace, inputs.workingDirectory);
    if (!isDirectory(root)) {
        throw new errors/* ConfigurationError */.j1('working-directory', `'${inputs.workingDirectory}' is not a folder in the workspace (${ctx.workspace}). Did the job run actions/checkout first?`, 'working-directory: .');
    }
    const config = inputs.components ?? (await loadConfigFile(root, inputs));
    if (inputs.components && readText(root, inputs.configFile) !== undefined) {
        ctx.info(`The 'components' input replaces ${inputs.configFile}.`);
    }
    const { components, ignored } = discoverComponents(root, {
        exclude: inputs.exclude,
        config,
        nodeVersion: inputs.nodeVersion,
        pythonVersion: inputs.pythonVersion,
        detectServices: inputs.detectServices,
    });
    const rootInWorkspace = posixRelative(ctx.workspace, root);
    let base;
    let changes;
    let rootInRepo = rootInWorkspace;
    let alwaysInclude = inputs.alwaysInclude;
    let listed = components;
    if (inputs.component !== undefined) {
        const one = components.filter((c) => c.name === inputs.component);
        if (one.length === 0) {
            throw new errors/* ConfigurationError */.j1('component', `there is no component named '${inputs.component}'; found: ${components.map((c) => c.name).join(', ') || 'none'}.`, `component: \${{ matrix.name }}`);
        }
        listed = one;
        base = { mode: 'all', reason: `component '${inputs.component}' asked for` };
        changes = { kind: 'all', reason: base.reason };
    }
    else if (!inputs.changedOnly) {
        base = { mode: 'all', reason: 'changed-only is false: testing everything' };
        changes = { kind: 'all', reason: base.reason };
    }
    else {
        base = detectChangeBase(ctx.eventName, readPayload(ctx), ctx.ref, ctx.sha);
        if (base.mode === 'all')
            changes = { kind: 'all', reason: base.reason };
        else {
            // Changed files are relative to the repository; git prints its real path, so compare it with
            // the real path of the root (a symlinked workspace). Without git, the workspace is the repository.
            const top = await gitTopLevel(root);
            const repoRoot = top ?? ctx.workspace;
            const rootReal = top ? (0,external_node_fs_.realpathSync)(root) : root;
            rootInRepo = posixRelative(repoRoot, rootReal);
            // The config file decides what the components are: a change to it changes every one of them.
            if (config && !inputs.components) {
                alwaysInclude = [...alwaysInclude, posixRelative(repoRoot, (0,external_node_path_.join)(rootReal, inputs.configFile))];
            }
            changes = await listChanges(base, {
                cwd: root,
                api: pullRequestApi(inputs, ctx),
                info: ctx.info,
                warning: ctx.warning,
            });
        }
    }
    const decisions = selectComponents(listed, changes, {
        alwaysInclude,
        rootPrefix: rootInRepo === '.' ? '' : rootInRepo,
    });
    const selected = decisions.filter((d) => d.selected).map((d) => d.component);
    return {
        root: rootInWorkspace,
        components,
        ignored,
        configOrigin: config?.origin,
        base,
        changes,
        decisions,
        matrix: buildMatrix(selected, rootInWorkspace, ctx.os),
    };
}
async function loadConfigFile(root, inputs) {
    const text = readText(root, inputs.configFile);
    if (text === undefined) {
        if (inputs.configGiven) {
            throw new errors/* ConfigurationError */.j1('config', `${inputs.configFile} does not exist in working-directory (${root}).`, `config: ${inputs.configFile === '.ops-actions/components.yml' ? 'ci/components.yml' : '.ops-actions/components.yml'}`);
        }
        return undefined;
    }
    // the YAML parser and the schema (zod) load only when there is a config file
    return (await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(8815), __webpack_require__.e(5631)]).then(__webpack_require__.bind(__webpack_require__, 35631))).parseComponentsConfig('config', text, inputs.configFile);
}
function readPayload(ctx) {
    if (!ctx.eventPath) {
        ctx.warning('GITHUB_EVENT_PATH is not set: the event payload is unknown, so every component is tested.');
        return {};
    }
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(ctx.eventPath, 'utf8'));
    }
    catch (error) {
        ctx.warning(`Could not read the event payload ${ctx.eventPath}: ${(0,errors/* errorMessage */.gJ)(error)}.`);
        return {};
    }
}
function pullRequestApi(inputs, ctx) {
    const [owner, repo, ...rest] = ctx.repository.split('/');
    if (!inputs.githubToken || !owner || !repo || rest.length > 0)
        return undefined;
    return { token: inputs.githubToken, baseUrl: ctx.apiUrl.replace(/\/+$/, ''), owner, repo };
}
function isDirectory(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/** `to` relative to `from` with forward slashes; '.' when they are the same folder. */
function posixRelative(from, to) {
    const r = (0,external_node_path_.relative)(from, to);
    if (r === '')
        return '.';
    if ((0,external_node_path_.isAbsolute)(r))
        return r;
    return r.split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/summary.js

const MAX_FILES_SHOWN = 100;
/** The job summary: every component, in or out and why, then what was ignored and what changed. */
function renderSummary(r) {
    const selected = r.decisions.filter((d) => d.selected).length;
    const lines = [
        `## Test matrix: ${selected} of ${r.decisions.length} component${r.decisions.length === 1 ? '' : 's'}`,
        '',
    ];
    lines.push(`**Changes:** ${r.changes.kind === 'all' ? r.changes.reason : r.changes.description}`, '');
    if (r.decisions.length === 0) {
        lines.push(`No components found in \`${r.root}\`: no folder with a package.json (with a test, lint, typecheck or build script), pyproject.toml, requirements.txt or go.mod, and none in the config.`, '');
    }
    else {
        lines.push((0,summary/* markdownTable */.Qj)(['In', 'Component', 'Path', 'Toolchain', 'Runs', 'Services', 'Why'], r.decisions.map((d) => [
            (0,summary/* statusIcon */.I8)(d.selected ? 'success' : 'skipped'),
            d.component.name,
            d.component.dir,
            toolchain(d.component),
            runs(d.component),
            services(d.component),
            d.reason,
        ])), '');
    }
    if (r.ignored.length > 0) {
        lines.push(`**Not components:** ${r.ignored.map((i) => `\`${i.dir}\` (${i.reason})`).join('; ')}`, '');
    }
    if (r.configOrigin)
        lines.push(`Configuration: ${r.configOrigin}.`, '');
    if (r.changes.kind === 'files' && r.changes.files.length > 0) {
        const shown = r.changes.files.slice(0, MAX_FILES_SHOWN);
        const more = r.changes.files.length - shown.length;
        lines.push((0,summary/* details */.zH)(`${r.changes.files.length} changed file${r.changes.files.length === 1 ? '' : 's'}`, shown.join('\n') + (more > 0 ? `\n… and ${more} more` : '')), '');
    }
    return lines.join('\n');
}
function toolchain(c) {
    return [c.language, c.packageManager, c.runtimeVersion].filter((x) => x !== '').join(' ');
}
function runs(c) {
    const parts = [];
    if (c.testCommand)
        parts.push(`test: \`${c.testCommand}\``);
    if (c.lintCommand)
        parts.push('lint');
    if (c.typecheckCommand)
        parts.push('typecheck');
    if (c.buildCommand)
        parts.push('build');
    return parts.join(', ');
}
function services(c) {
    return Object.entries(c.services)
        .map(([name, need]) => `${name} (${need.because})`)
        .join(', ');
}

;// CONCATENATED MODULE: ./build/actions/test-matrix/main.js








const CACHE_STATE = 'test-matrix-cache';
/** GitHub's limit on the jobs one matrix generates. */
const MAX_MATRIX_JOBS = 256;
async function main() {
    const inputs = await parseTestMatrixInputs(new lib_inputs/* Inputs */.G0());
    const ctx = runnerContext(process.env, { info: (l) => core/* info */.pq(l), warning: (l) => core/* warning */.$e(l) });
    const result = await core/* group */.Os('Find the components and what changed', () => resolveTestMatrix(inputs, ctx));
    for (const d of result.decisions) {
        core/* info */.pq(`${d.selected ? 'in ' : 'out'}  ${d.component.name} (${d.component.dir}): ${d.reason}`);
    }
    const names = result.matrix.include.map((e) => e.name);
    core/* setOutput */.uH('matrix', JSON.stringify(result.matrix));
    core/* setOutput */.uH('components', JSON.stringify(names));
    core/* setOutput */.uH('has-components', String(names.length > 0));
    core/* setOutput */.uH('base', result.base.mode === 'all' ? '' : result.base.base);
    if (names.length === 0)
        core/* info */.pq('No component to test: has-components is false.');
    if (names.length > MAX_MATRIX_JOBS) {
        core/* warning */.$e(`${names.length} components selected: a matrix runs at most ${MAX_MATRIX_JOBS} jobs. Group components in the config file or use exclude.`);
    }
    const component = result.decisions[0]?.component;
    if (inputs.cache && component) {
        // @actions/cache and the Azure SDK under it (2.4 MB) load only when caching is on
        const { restoreDependencies } = await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(142), __webpack_require__.e(1771)]).then(__webpack_require__.bind(__webpack_require__, 61771));
        const keys = cacheKeys(component, ctx.os);
        const state = await core/* group */.Os(`Restore the dependency cache of ${component.name}`, () => restoreDependencies({
            component: component.name,
            ...keys,
            paths: resolveCachePaths(cachePaths(component, result.root), (0,external_node_os_.homedir)(), ctx.workspace),
        }, { info: (l) => core/* info */.pq(l), warning: (l) => core/* warning */.$e(l) }));
        core/* saveState */.LZ(CACHE_STATE, JSON.stringify(state));
        core/* setOutput */.uH('cache-hit', String(state.restoredKey === state.key));
    }
    await (0,summary/* writeSummary */.Sy)(renderSummary(result));
}
/** Saves the dependency cache restored (or missed) by main, when `cache` was on. */
async function post() {
    const raw = core/* getState */.Gu(CACHE_STATE);
    if (!raw)
        return;
    const state = JSON.parse(raw);
    const { saveDependencies } = await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(142), __webpack_require__.e(1771)]).then(__webpack_require__.bind(__webpack_require__, 61771));
    await saveDependencies(state, { info: (l) => core/* info */.pq(l), warning: (l) => core/* warning */.$e(l) });
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

/***/ 95842:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ withDeadline)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// A wait that ends: whatever `work` is waiting on (a stalled server that never answers, a callback
// that never comes), the caller gets an error once the deadline passes or the signal aborts.


function withDeadline(work, opts) {
    if (opts.timeoutMs === undefined && opts.signal === undefined)
        return work;
    return new Promise((resolve, reject) => {
        let done = false;
        const finish = (fn) => {
            if (done)
                return;
            done = true;
            if (timer)
                clearTimeout(timer);
            opts.signal?.removeEventListener('abort', onAbort);
            fn();
        };
        const giveUp = (why) => finish(() => {
            opts.onGiveUp?.();
            reject(new Error(`${opts.what} stopped: ${why}`));
        });
        const onAbort = () => giveUp((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(opts.signal?.reason ?? 'aborted'));
        const timer = opts.timeoutMs !== undefined
            ? setTimeout(() => giveUp(`no end after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(opts.timeoutMs ?? 0)}${opts.timeoutInput ? ` (${opts.timeoutInput})` : ''}`), opts.timeoutMs)
            : undefined;
        if (opts.signal?.aborted) {
            onAbort();
            return;
        }
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        work.then((v) => finish(() => resolve(v)), (e) => finish(() => reject(e instanceof Error ? e : new Error((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)))));
    });
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

/***/ 38511:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R3: () => (/* binding */ runProcess),
/* harmony export */   hT: () => (/* binding */ lineEmitter),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yI: () => (/* binding */ ProcessError)
/* harmony export */ });
/* unused harmony export KILL_GRACE_MS */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41853);




/** How long a command has to end after SIGTERM before its process group gets SIGKILL. */
const KILL_GRACE_MS = 5000;
/**
 * Runs a program (no shell), streaming its output line by line with a prefix, capturing stdout
 * and stderr. Throws a ProcessError naming the command, exit code and last stderr lines on a
 * non-zero exit unless `allowFailure`.
 *
 * The program runs in a process group of its own (spawned detached), so a timeout or an abort ends
 * the command with everything it started — `sh -c 'cd backend && alembic upgrade head'` kills
 * alembic, not only the shell — and the step does not wait for an orphan holding the output open.
 */
function runProcess(file, args, opts = {}) {
    const command = [file, ...args].join(' ');
    const shown = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(command, opts.secrets ?? []);
    const log = opts.log ?? ((l) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(l));
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
            cwd: opts.cwd,
            env: { ...process.env, ...opts.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            // its own process group (POSIX: a new session), so the whole group can be signalled
            detached: process.platform !== 'win32',
        });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        const emit = lineEmitter((line) => {
            if (!opts.silent)
                log(opts.prefix
                    ? `[${opts.prefix}] ${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(line, opts.secrets ?? [])}`
                    : (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(line, opts.secrets ?? []));
        });
        const outEmit = emit();
        const errEmit = emit();
        child.stdout.on('data', (d) => {
            const s = d.toString('utf8');
            stdout += s;
            outEmit.push(s);
        });
        child.stderr.on('data', (d) => {
            const s = d.toString('utf8');
            stderr += s;
            errEmit.push(s);
        });
        let killTimer;
        let exited = false;
        child.on('exit', () => {
            exited = true;
        });
        const signalGroup = (sig) => {
            try {
                if (child.pid !== undefined && process.platform !== 'win32')
                    process.kill(-child.pid, sig);
                else
                    child.kill(sig);
            }
            catch {
                /* the group is gone already */
            }
        };
        const kill = () => {
            if (killTimer)
                return;
            signalGroup('SIGTERM');
            killTimer = setTimeout(() => {
                signalGroup('SIGKILL');
                // a process that left the group (setsid) may still hold the output open: stop waiting for it
                killTimer = setTimeout(() => {
                    if (exited) {
                        child.stdout.destroy();
                        child.stderr.destroy();
                    }
                }, 1000);
                killTimer.unref();
            }, KILL_GRACE_MS);
            killTimer.unref();
        };
        const timer = opts.timeoutMs !== undefined
            ? setTimeout(() => {
                timedOut = true;
                kill();
            }, opts.timeoutMs)
            : undefined;
        const onAbort = () => kill();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        child.on('error', (error) => {
            if (timer)
                clearTimeout(timer);
            opts.signal?.removeEventListener('abort', onAbort);
            const hint = error.code === 'ENOENT' ? ` — '${file}' is not installed or not on PATH` : '';
            reject(new ProcessError(`could not start '${shown}': ${error.message}${hint}`, undefined));
        });
        child.on('close', (code, signal) => {
            if (timer)
                clearTimeout(timer);
            if (killTimer)
                clearTimeout(killTimer);
            opts.signal?.removeEventListener('abort', onAbort);
            outEmit.flush();
            errEmit.flush();
            const result = {
                command: shown,
                exitCode: code ?? 128,
                signal,
                stdout: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(stdout, opts.secrets ?? []),
                stderr: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(stderr, opts.secrets ?? []),
                durationMs: Date.now() - started,
                timedOut,
            };
            if (result.exitCode === 0 || opts.allowFailure)
                resolve(result);
            else
                reject(ProcessError.fromResult(result));
        });
        child.stdin.on('error', () => {
            /* the process may exit before reading its input */
        });
        if (opts.input !== undefined)
            child.stdin.end(opts.input);
        else
            child.stdin.end();
    });
}
class ProcessError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK {
    result;
    name = 'ProcessError';
    constructor(message, result) {
        super(message, result ? { command: result.command, exitCode: result.exitCode } : {});
        this.result = result;
    }
    static fromResult(r) {
        const why = r.timedOut
            ? `timed out after ${r.durationMs}ms`
            : `exited with code ${r.exitCode}${r.signal ? ` (${r.signal})` : ''}`;
        const tail = lastLines(r.stderr || r.stdout, 10);
        return new ProcessError(`'${r.command}' ${why}${tail ? `:\n${tail}` : ''}`, r);
    }
}
/** The last `n` non-empty lines of a text, for error messages. */
function lastLines(text, n) {
    return text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .slice(-n)
        .join('\n');
}
/** Splits chunks into whole lines (a partial last line is kept until more arrives or flush). */
function lineEmitter(onLine) {
    return () => {
        let buf = '';
        return {
            push(chunk) {
                buf += chunk;
                let i = buf.indexOf('\n');
                while (i >= 0) {
                    onLine(buf.slice(0, i).replace(/\r$/, ''));
                    buf = buf.slice(i + 1);
                    i = buf.indexOf('\n');
                }
            },
            flush() {
                if (buf !== '')
                    onLine(buf.replace(/\r$/, ''));
                buf = '';
            },
        };
    };
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
