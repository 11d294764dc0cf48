export const id = 8431;
export const ids = [8431,1374,8993];
export const modules = {

/***/ 78431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
;// CONCATENATED MODULE: ./build/actions/build-push/attest.js
// attest: true — a SLSA build provenance attestation for each pushed digest, made with GitHub's
// own library (@actions/attest `attestProvenance`): it reads the job's OIDC token, signs the
// in-toto statement with Sigstore (public-good for public repositories, GitHub's instance for
// private ones) and stores it with the repository's attestations API, where deploy stages'
// verify-provenance finds it. Needs `permissions: id-token: write, attestations: write`.

const PERMISSIONS = 'permissions:\n  contents: read\n  id-token: write\n  attestations: write';
/** undefined unless `attest: true`; checked before anything is built. */
function readAttestInputs(inputs, push, dryRun, env = process.env, login = {
    username: undefined,
    password: undefined,
}) {
    const attestPush = inputs.boolean('attest-push', false);
    if (!inputs.boolean('attest', false)) {
        if (attestPush) {
            throw new errors/* ConfigurationError */.j1('attest-push', 'pushes the attestation that attest: true makes, but attest is false. Set attest: true too, or attest-push: false.', 'attest: true\nattest-push: true');
        }
        return undefined;
    }
    if (!push) {
        throw new errors/* ConfigurationError */.j1('attest', 'attests the pushed digest, but push is false: there is no registry digest to attest. Set push: true, or attest: false.', 'push: true');
    }
    const token = inputs.secret('attest-token') ?? env['GITHUB_TOKEN'];
    let registryLogin;
    if (attestPush) {
        if (!login.username || !login.password) {
            throw new errors/* ConfigurationError */.j1('attest-push', "pushes the attestation to the image's repository with the registry login, but username/password are not set. Give the credentials build-push pushes with, or set attest-push: false.", 'username: ${{ github.actor }}\npassword: ${{ secrets.GITHUB_TOKEN }}');
        }
        registryLogin = { username: login.username, password: login.password };
    }
    if (dryRun)
        return { token: token ?? '', push: registryLogin };
    if (!env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
        throw new errors/* ConfigurationError */.j1('attest', "needs the job's OIDC token to sign, but ACTIONS_ID_TOKEN_REQUEST_URL is not set: give the job `id-token: write` (and `attestations: write` to store the attestation).", PERMISSIONS);
    }
    if (!token) {
        throw new errors/* ConfigurationError */.j1('attest-token', 'is required with attest: true: the token that stores the attestation (attestations: write).', 'attest-token: ${{ github.token }}');
    }
    return { token, push: registryLogin };
}
/** Attests `name@digest` (name without tag); throws with what to change when signing or storing fails. */
async function attestImage(name, digest, settings, env = process.env) {
    const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
    if (!m?.[1])
        throw new errors/* OperationError */.OK(`attest: '${digest}' is not a sha256 digest.`);
    const { attestProvenance } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(8275), __webpack_require__.e(4403), __webpack_require__.e(9735), __webpack_require__.e(4476)]).then(__webpack_require__.bind(__webpack_require__, 4476));
    let id;
    let bundle;
    try {
        const attestation = await attestProvenance({
            subjects: [{ name, digest: { sha256: m[1] } }],
            token: settings.token,
        });
        id = attestation.attestationID;
        bundle = attestation.bundle;
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`attest: could not attest ${name}@${digest}: ${(0,errors/* errorMessage */.gJ)(error)}. ` +
            `The image was pushed but has no attestation. Check the job's ${PERMISSIONS.replace(/\n\s*/g, ' ')}.`);
    }
    const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
    const repository = env['GITHUB_REPOSITORY'];
    return {
        image: name,
        digest,
        attestationId: id,
        attestationUrl: id && repository ? `${server}/${repository}/attestations/${id}` : undefined,
        bundle,
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./build/actions/build-push/created.js
// The time the OCI `created` label records. Not the clock: a label that changes on every build
// makes every build a new image digest. Like SOURCE_DATE_EPOCH (reproducible-builds.org), it is the
// commit's time, so the same commit builds to the same digest (the layers come from the cache).

/**
 * In order: SOURCE_DATE_EPOCH when the job sets it; the commit time of `sha` in the workspace's
 * checkout; a push event's head commit timestamp; else the build time (said in the log).
 */
function createdTime(env, payload, sha, workspace, now = () => new Date()) {
    const epoch = env['SOURCE_DATE_EPOCH']?.trim();
    if (epoch && /^\d{1,12}$/.test(epoch)) {
        return { date: new Date(Number(epoch) * 1000), source: `SOURCE_DATE_EPOCH (${epoch})` };
    }
    const fromGit = sha ? gitCommitTime(workspace, sha) : undefined;
    if (fromGit)
        return { date: fromGit, source: `the commit time of ${sha.slice(0, 7)}` };
    const fromEvent = headCommitTime(payload, sha);
    if (fromEvent)
        return { date: fromEvent, source: `the commit time of ${sha.slice(0, 7)} (event payload)` };
    return {
        date: now(),
        source: 'the build time: the commit is not checked out here and SOURCE_DATE_EPOCH is not set, so every build gets a new digest',
    };
}
/** The committer time of `sha` in the checkout at `dir`, or undefined (no git, no repository, no such commit). */
function gitCommitTime(dir, sha) {
    if (!/^[0-9a-f]{7,64}$/i.test(sha))
        return undefined;
    try {
        const out = (0,external_node_child_process_.execFileSync)('git', ['-C', dir, 'log', '-1', '--format=%ct', sha, '--'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 10_000,
        }).trim();
        return /^\d+$/.test(out) ? new Date(Number(out) * 1000) : undefined;
    }
    catch {
        return undefined;
    }
}
/** A push event's `head_commit.timestamp` when it is the commit being built. Pure. */
function headCommitTime(payload, sha) {
    if (typeof payload !== 'object' || payload === null)
        return undefined;
    const head = payload.head_commit;
    if (!head || head.id !== sha || typeof head.timestamp !== 'string')
        return undefined;
    const date = new Date(head.timestamp);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

;// CONCATENATED MODULE: ./build/actions/build-push/image-name.js
const DOCKER_HUB = 'docker.io';
const DOMAIN = /^(?:localhost|\[[0-9a-fA-F:]+\]|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d{1,5})?$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/**
 * Parses an image name without tag or digest. Returns a problem description instead of the
 * name when it is not valid, so the caller can name the input it came from.
 */
function parseImageName(text) {
    const name = text.trim();
    if (name === '')
        return { problem: 'is empty' };
    if (name.includes('@')) {
        return { problem: `'${name}' has a digest; give the repository name only (tags come from 'tags')` };
    }
    const parts = name.split('/');
    const first = parts[0] ?? '';
    const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const registry = hasDomain ? first : DOCKER_HUB;
    const pathParts = hasDomain ? parts.slice(1) : parts;
    const last = pathParts[pathParts.length - 1] ?? '';
    if (last.includes(':')) {
        return {
            problem: `'${name}' has a tag; give the repository name only and put tags in the 'tags' input`,
        };
    }
    if (hasDomain && !DOMAIN.test(registry))
        return { problem: `'${registry}' is not a valid registry host` };
    for (const c of pathParts) {
        if (!COMPONENT.test(c)) {
            const hint = c !== c.toLowerCase() ? ' (repository names must be lowercase)' : '';
            return { problem: `'${name}' is not a valid image name: bad part '${c}'${hint}` };
        }
    }
    const path = !hasDomain && pathParts.length === 1 ? `library/${pathParts[0]}` : pathParts.join('/');
    if (name.length > 255)
        return { problem: `'${name}' is longer than 255 characters` };
    return { name, registry, path };
}
/** The registry name `docker login` expects: Docker Hub's is left to docker's default. */
function loginServer(registry) {
    return registry === DOCKER_HUB || registry === 'index.docker.io' || registry === 'registry-1.docker.io'
        ? DOCKER_HUB
        : registry;
}
/**
 * The keys a docker config file may use for a registry's credentials. Docker Hub's credentials
 * live under its historical index URL.
 */
function credentialKeys(registry) {
    return loginServer(registry) === DOCKER_HUB
        ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io']
        : [registry];
}
/** `name:tag`. */
function taggedRef(name, tag) {
    return `${name}:${tag}`;
}

;// CONCATENATED MODULE: ./build/actions/build-push/docker-config.js




/**
 * The action logs in with a docker client config of its own (DOCKER_CONFIG in RUNNER_TEMP), so
 * the registry password is never written to the runner user's ~/.docker/config.json, a
 * self-hosted runner keeps no credentials after the job, and the post step's clean-up is
 * removing one directory. The user's config is copied in, so credentials from an earlier
 * docker/login-action step, the selected buildx builder, contexts and CLI plugins still work.
 */
/** The directory docker reads by default: $DOCKER_CONFIG or ~/.docker. */
function userDockerConfigDir(env = process.env) {
    return env['DOCKER_CONFIG'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker');
}
/**
 * The private config's config.json (pure): the user's config, with the credentials of
 * `registry` forced into this file (a `credHelpers` entry of "" overrides a `credsStore` such as
 * `desktop` or `secretservice` for that registry alone, so nothing reaches the keychain).
 */
function privateConfigJson(userConfig, registry) {
    let config = {};
    if (userConfig) {
        try {
            const parsed = JSON.parse(userConfig);
            if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
                config = { ...parsed };
            }
        }
        catch {
            config = {};
        }
    }
    if (registry) {
        const helpers = typeof config['credHelpers'] === 'object' && config['credHelpers'] !== null
            ? { ...config['credHelpers'] }
            : {};
        const auths = typeof config['auths'] === 'object' && config['auths'] !== null
            ? { ...config['auths'] }
            : {};
        for (const key of credentialKeys(registry)) {
            helpers[key] = '';
            delete auths[key];
        }
        config['credHelpers'] = helpers;
        config['auths'] = auths;
    }
    return `${JSON.stringify(config, null, 2)}\n`;
}
/** Entries of the user's docker config directory that the private one links to. */
const SHARED_ENTRIES = ['buildx', 'cli-plugins', 'contexts'];
/** Creates the private DOCKER_CONFIG directory under `parent`; returns its path. */
function createPrivateDockerConfig(opts) {
    (0,external_node_fs_.mkdirSync)(opts.parent, { recursive: true });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(opts.parent, 'ops-build-push-docker-'));
    const userConfigPath = (0,external_node_path_.join)(opts.userDir, 'config.json');
    const userConfig = (0,external_node_fs_.existsSync)(userConfigPath) ? (0,external_node_fs_.readFileSync)(userConfigPath, 'utf8') : undefined;
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config.json'), privateConfigJson(userConfig, opts.registry), { mode: 0o600 });
    for (const entry of SHARED_ENTRIES) {
        const target = (0,external_node_path_.join)(opts.userDir, entry);
        if ((0,external_node_fs_.existsSync)(target))
            (0,external_node_fs_.symlinkSync)(target, (0,external_node_path_.join)(dir, entry));
    }
    return dir;
}
function removePrivateDockerConfig(dir) {
    (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
}

// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/exec.js
var exec = __webpack_require__(38511);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
;// CONCATENATED MODULE: ./build/actions/build-push/build-result.js
const DIGEST = /^sha256:[0-9a-f]{64}$/;
function parseMetadataFile(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return { digest: undefined, configDigest: undefined };
    }
    const get = (k) => {
        if (typeof data !== 'object' || data === null)
            return undefined;
        const v = data[k];
        return typeof v === 'string' && DIGEST.test(v) ? v : undefined;
    };
    return { digest: get('containerimage.digest'), configDigest: get('containerimage.config.digest') };
}
/**
 * The compressed size of a pushed image from its raw manifest (pure): config plus layers. A
 * multi-platform index has no single size: undefined, with the number of platforms.
 */
function manifestSize(rawManifest) {
    let m;
    try {
        m = JSON.parse(rawManifest);
    }
    catch {
        return { bytes: undefined, platforms: 0 };
    }
    if (typeof m !== 'object' || m === null)
        return { bytes: undefined, platforms: 0 };
    const o = m;
    if (Array.isArray(o.manifests))
        return { bytes: undefined, platforms: o.manifests.length };
    if (!Array.isArray(o.layers))
        return { bytes: undefined, platforms: 0 };
    let bytes = typeof o.config?.size === 'number' ? o.config.size : 0;
    for (const l of o.layers) {
        const size = typeof l === 'object' && l !== null ? l.size : undefined;
        if (typeof size === 'number')
            bytes += size;
    }
    return { bytes, platforms: 1 };
}
/** 1064337 → `1.0 MiB`. */
function formatBytes(n) {
    if (n === undefined)
        return undefined;
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let u = -1;
    do {
        v /= 1024;
        u++;
    } while (v >= 1024 && u < units.length - 1);
    return `${v.toFixed(1)} ${units[u]}`;
}

;// CONCATENATED MODULE: ./build/actions/build-push/buildx-plan.js
/** The `docker` argv for one build (pure; `dry-run` prints it). */
function buildxArgs(b, o) {
    const args = ['buildx', 'build'];
    if (o.builder)
        args.push('--builder', o.builder);
    args.push('--progress', 'plain', '--file', b.file);
    if (b.target)
        args.push('--target', b.target);
    if (b.platforms.length)
        args.push('--platform', b.platforms.join(','));
    if (b.network)
        args.push('--network', b.network);
    for (const [k, v] of Object.entries(b.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(b.labels))
        args.push('--label', `${k}=${v}`);
    for (const t of b.tags)
        args.push('--tag', `${b.image.name}:${t}`);
    for (const s of b.secretEnvs)
        args.push('--secret', `id=${s.id},env=${s.env}`);
    for (const s of b.secretFiles)
        args.push('--secret', `id=${s.id},src=${s.src}`);
    for (const c of o.cache.from)
        args.push('--cache-from', c);
    if (!o.buildOnly) {
        for (const c of o.cache.to)
            args.push('--cache-to', c);
        if (o.push)
            args.push('--push');
        // The docker driver keeps every build in the daemon's image store, and refuses --load
        // together with --push; other drivers need --load to hand the image to the daemon.
        if (o.load && !(o.push && o.driver === 'docker'))
            args.push('--load');
        if (o.metadataFile)
            args.push('--metadata-file', o.metadataFile);
    }
    args.push(b.context);
    return args;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/actions/build-push/cache.js

const CACHE_MODES = ['none', 'gha', 'registry', 'local'];
const SETUP_HINT = "To keep a cache between runs, run 'docker/setup-buildx-action' before this step (it creates a docker-container builder).";
/** The --cache-from / --cache-to values for one image (pure). */
function cachePlan(mode, c) {
    const none = (effective, warnings = []) => ({
        mode,
        effective,
        from: [],
        to: [],
        warnings,
    });
    if (mode === 'none')
        return none('none');
    const dockerDriver = !c.builder.cacheExport;
    const cannot = `cache: ${mode} needs a builder that can export a build cache, but builder '${c.builder.name}' uses the docker driver`;
    switch (mode) {
        case 'gha': {
            if (dockerDriver) {
                return none('none (docker driver: daemon layer cache only)', [
                    `${cannot}; building with the Docker daemon's own layer cache only. ${SETUP_HINT}`,
                ]);
            }
            if (!c.ghaAvailable) {
                return none('none (no Actions cache service)', [
                    'cache: gha needs the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL), which this run does not have; building without it.',
                ]);
            }
            const scope = cacheScope(c.imageName);
            return {
                mode,
                effective: `gha (scope ${scope})`,
                from: [`type=gha,scope=${scope}`],
                to: [`type=gha,scope=${scope},mode=max`],
                warnings: [],
            };
        }
        case 'registry': {
            const ref = `${c.imageName}:buildcache`;
            if (dockerDriver) {
                // Inline cache: the cache metadata travels inside the pushed image; the next build
                // imports it from this image's moving tags (branch, latest, pr-N — not sha-*).
                const moving = c.tags.filter((t) => !t.startsWith('sha-')).map((t) => `${c.imageName}:${t}`);
                return {
                    mode,
                    effective: 'inline (docker driver)',
                    from: [`type=registry,ref=${ref}`, ...moving.map((r) => `type=registry,ref=${r}`)],
                    to: c.push ? ['type=inline'] : [],
                    warnings: [],
                };
            }
            return {
                mode,
                effective: `registry (${ref})`,
                from: [`type=registry,ref=${ref}`],
                // pull-request style builds that do not push only read the cache
                to: c.push ? [`type=registry,ref=${ref},mode=max`] : [],
                warnings: [],
            };
        }
        case 'local': {
            if (dockerDriver) {
                return none('none (docker driver: daemon layer cache only)', [
                    `${cannot}; building with the Docker daemon's own layer cache only. ${SETUP_HINT}`,
                ]);
            }
            if (!c.localDir)
                return none('none');
            const dest = `${c.localDir}-new`;
            return {
                mode,
                effective: 'local (actions/cache)',
                from: [`type=local,src=${c.localDir}`],
                to: [`type=local,dest=${dest},mode=max`],
                warnings: [],
                local: { src: c.localDir, dest },
            };
        }
    }
}
/** A gha cache scope per image, so a backend and a frontend do not overwrite each other's cache. */
function cacheScope(imageName) {
    return imageName.replace(/[^A-Za-z0-9_.-]+/g, '-');
}
/** The files whose content decides the `local` cache key, looked for at the root of each context. */
const LOCKFILES = [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'requirements.txt',
    'poetry.lock',
    'Pipfile.lock',
    'uv.lock',
    'go.sum',
    'Cargo.lock',
    'Gemfile.lock',
    'composer.lock',
];
/**
 * The @actions/cache key for the `local` cache (pure): the runner platform, the set of image
 * names, and the content of each image's Dockerfile and lockfiles. A run whose Dockerfile or
 * lockfiles changed gets a new key but starts from the newest cache of the same images
 * (restore key prefix).
 */
function localCacheKey(p) {
    const names = p.images.map((i) => i.name).sort();
    const namesHash = sha256(names.join('\n')).slice(0, 12);
    const content = p.images
        .map((i) => [
        i.name,
        ...[...i.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}=${f.sha256}`),
    ].join('\n'))
        .join('\n\n');
    const prefix = `ops-build-push-${p.platform}-${namesHash}-`;
    return { key: prefix + sha256(content).slice(0, 32), restoreKeys: [prefix] };
}
function sha256(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

;// CONCATENATED MODULE: ./build/actions/build-push/local-cache.js




/** @actions/cache, loaded only when `cache: local` is used (it is large). */
const actionsCache = {
    isFeatureAvailable: async () => (await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(142)]).then(__webpack_require__.bind(__webpack_require__, 60142))).isFeatureAvailable(),
    restoreCache: async (paths, key, restoreKeys) => (await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(142)]).then(__webpack_require__.bind(__webpack_require__, 60142))).restoreCache(paths, key, restoreKeys),
    saveCache: async (paths, key) => (await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(142)]).then(__webpack_require__.bind(__webpack_require__, 60142))).saveCache(paths, key),
};
/**
 * Restores the buildx cache directory. Never fails the build: a cache that cannot be restored
 * means a slower build, so every failure becomes a warning and a `miss`.
 */
async function restoreLocalCache(svc, dir, key, warn) {
    if (!(await svc.isFeatureAvailable().catch(() => false))) {
        const reason = 'the GitHub Actions cache service is not available to this run';
        warn(`cache: local: ${reason}; building without a restored cache (nothing will be saved).`);
        return { status: 'unavailable', reason };
    }
    try {
        const hit = await svc.restoreCache([dir], key.key, key.restoreKeys);
        if (hit === undefined)
            return { status: 'miss' };
        return hit === key.key ? { status: 'hit', key: hit } : { status: 'partial', key: hit };
    }
    catch (error) {
        warn(`cache: local: restoring ${key.key} failed (${(0,errors/* errorMessage */.gJ)(error)}); building without it.`);
        return { status: 'miss' };
    }
}
/** Saves the cache directory unless the exact key was restored (cache entries are immutable). */
async function saveLocalCache(svc, dir, key, restored, warn) {
    if (restored.status === 'hit')
        return 'unchanged';
    if (restored.status === 'unavailable' || !(0,external_node_fs_.existsSync)(dir))
        return 'skipped';
    try {
        await svc.saveCache([dir], key);
        return 'saved';
    }
    catch (error) {
        warn(`cache: local: saving ${key} failed (${(0,errors/* errorMessage */.gJ)(error)}); the next run builds without it.`);
        return 'failed';
    }
}
/**
 * buildx appends to a local cache forever; writing to `dest` and replacing `src` with it keeps
 * only what this build used.
 */
function rotateLocalCacheDir(local) {
    if (!(0,external_node_fs_.existsSync)(local.dest))
        return;
    (0,external_node_fs_.rmSync)(local.src, { recursive: true, force: true });
    (0,external_node_fs_.renameSync)(local.dest, local.src);
}
/** The Dockerfile and the lockfiles at the root of the context, with their content hashes. */
function keyFiles(context, file, workspace) {
    const paths = [file, ...LOCKFILES.map((f) => (0,external_node_path_.join)(context, f)).filter((p) => (0,external_node_fs_.existsSync)(p))];
    return paths.map((p) => ({ path: (0,external_node_path_.relative)(workspace, p) || p, sha256: sha256((0,external_node_fs_.readFileSync)(p)) }));
}

// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
;// CONCATENATED MODULE: ./build/actions/build-push/labels.js
const OCI = 'org.opencontainers.image';
/**
 * The standard OCI annotations for an image built from this run (pure): where the source is,
 * which commit, when, which version. `extra` (the `labels` input) wins over computed ones.
 */
function ociLabels(ctx, opts) {
    const labels = {};
    const repoUrl = ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : undefined;
    labels[`${OCI}.title`] = opts.imageName.split('/').pop() ?? opts.imageName;
    if (ctx.description)
        labels[`${OCI}.description`] = ctx.description;
    if (repoUrl) {
        labels[`${OCI}.source`] = repoUrl;
        labels[`${OCI}.url`] = repoUrl;
    }
    if (ctx.sha)
        labels[`${OCI}.revision`] = ctx.sha;
    labels[`${OCI}.version`] = opts.version;
    labels[`${OCI}.created`] = opts.created.toISOString();
    if (ctx.license)
        labels[`${OCI}.licenses`] = ctx.license;
    return { ...labels, ...opts.extra };
}

// EXTERNAL MODULE: ./build/lib/registry-errors.js
var registry_errors = __webpack_require__(94745);
;// CONCATENATED MODULE: ./build/actions/build-push/registry-errors.js
/**
 * Reading docker's and buildx's error text: which failures are worth another attempt (the
 * registry or the network hiccuped) and which are not (wrong credentials, a failing RUN step).
 */


/** The error buildx reported: its last `ERROR:` line, or the last non-empty line. */
function finalError(output) {
    const lines = output
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i] ?? '';
        if (/^ERROR:/.test(l) || /^Error response from daemon:/.test(l) || /^Error:/.test(l))
            return l;
    }
    return lines[lines.length - 1] ?? '';
}
/**
 * A failure of a build step itself (a RUN command exiting non-zero, a missing file, a Dockerfile
 * syntax error): another attempt would fail the same way, whatever the text inside says.
 */
function isBuildStepFailure(error) {
    return /did not complete successfully|executor failed running|failed to compute cache key|dockerfile parse error|failed to read dockerfile|not found: not found/i.test(error);
}
/** A registry or network failure that another attempt may get past. Never auth or build failures. */
function isTransientRegistryError(error) {
    return !isBuildStepFailure(error) && (0,registry_errors/* isTransientRegistryError */.WG)(error);
}
/** buildx is not installed for this docker CLI. */
function isBuildxMissing(output) {
    return /'buildx' is not a docker command|unknown command: docker buildx|unknown command "buildx"/i.test(output);
}
const BUILDX_MISSING_HELP = "Docker Buildx is not installed: 'docker buildx' is not a docker command here. " +
    "On GitHub-hosted runners it is preinstalled; on a self-hosted runner add '- uses: docker/setup-buildx-action@v3' " +
    "before this step, or install the buildx plugin (Debian/Ubuntu package 'docker-buildx' or 'docker-buildx-plugin' from Docker's apt repository).";

;// CONCATENATED MODULE: ./build/actions/build-push/login.js






const LOGIN_ATTEMPT_TIMEOUT_MS = 30_000;
/** `docker login` argv (pure): the password goes to stdin, never to argv. */
function loginArgs(server, username) {
    return ['login', '--username', username, '--password-stdin', server];
}
/** The text of a failed docker command: what it printed on stderr, or the error message. */
function failureText(error) {
    if (error instanceof exec/* ProcessError */.yI && error.result) {
        if (error.result.timedOut)
            return `timed out after ${(0,duration/* formatDuration */.a)(error.result.durationMs)}`;
        return finalError(`${error.result.stdout}\n${error.result.stderr}`);
    }
    return (0,errors/* errorMessage */.gJ)(error);
}
function isTransientFailure(error) {
    if (error instanceof exec/* ProcessError */.yI && error.result?.timedOut)
        return true;
    return isTransientRegistryError(failureText(error));
}
/**
 * Logs in to the registry with the password on stdin, retrying connection failures, timeouts and
 * 5xx answers with backoff, but not a rejected password: that fails at once, naming the inputs.
 */
async function registryLogin(opts) {
    const started = Date.now();
    let attempts = 0;
    try {
        await (0,retry/* retry */.L5)(async (attempt) => {
            attempts = attempt;
            await (0,exec/* runProcess */.R3)('docker', loginArgs(opts.server, opts.username), {
                env: { DOCKER_CONFIG: opts.dockerConfig },
                input: opts.password,
                secrets: [opts.password],
                timeoutMs: LOGIN_ATTEMPT_TIMEOUT_MS,
                silent: true,
            });
        }, {
            deadlineMs: 10 * 60_000,
            maxAttempts: opts.policy.retries + 1,
            initialDelayMs: opts.policy.initialDelayMs,
            maxDelayMs: opts.policy.maxDelayMs,
            isRetryable: isTransientFailure,
            onRetry: ({ attempt, error, delayMs }) => core/* info */.pq(`Login to ${opts.server}: attempt ${attempt}/${opts.policy.retries + 1} failed (${failureText(error)}); retrying in ${(0,duration/* formatDuration */.a)(delayMs)}`),
        });
    }
    catch (error) {
        const last = error instanceof retry/* RetryError */.J_ ? error.lastError : error;
        const why = failureText(last);
        if ((0,registry_errors/* isAuthFailure */.Xg)(why)) {
            throw new errors/* ConfigurationError */.j1(undefined, `registry ${opts.server} rejected the login of user '${opts.username}' (${why}). ` +
                `Check the 'username' and 'password' inputs: the password must be a valid password or access token for that user ` +
                `(Docker Hub: an access token; GHCR: \${{ secrets.GITHUB_TOKEN }} with 'packages: write' permission).`);
        }
        const tries = error instanceof retry/* RetryError */.J_ ? ` after ${attempts} attempts` : '';
        throw new errors/* OperationError */.OK(`Login to registry ${opts.server} failed${tries}: ${why}`, {
            server: opts.server,
            attempts,
        });
    }
    return { attempts, durationMs: Date.now() - started };
}
/** Removes the credentials (post step); never throws. */
async function registryLogout(server, dockerConfig) {
    try {
        await (0,exec/* runProcess */.R3)('docker', ['logout', server], {
            env: { DOCKER_CONFIG: dockerConfig },
            timeoutMs: 30_000,
            silent: true,
        });
        return true;
    }
    catch (error) {
        core/* warning */.$e(`docker logout ${server} failed: ${failureText(error)}`);
        return false;
    }
}

;// CONCATENATED MODULE: ./build/actions/build-push/git-context.js

/** Builds the context from the runner's variables and the parsed event payload (pure). */
function gitContextFromEnv(env, payload, defaultBranchOverride) {
    const eventName = env['GITHUB_EVENT_NAME'] ?? '';
    const ref = env['GITHUB_REF'] ?? '';
    const isPr = isPullRequestEvent(eventName);
    const prHeadSha = isPr ? str(payload, 'pull_request', 'head', 'sha') : undefined;
    const spdx = str(payload, 'repository', 'license', 'spdx_id');
    return {
        eventName,
        ref,
        sha: prHeadSha ?? env['GITHUB_SHA'] ?? '',
        repository: env['GITHUB_REPOSITORY'] ?? '',
        serverUrl: (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, ''),
        defaultBranch: defaultBranchOverride || str(payload, 'repository', 'default_branch'),
        prNumber: isPr ? prNumber(payload, ref) : undefined,
        description: str(payload, 'repository', 'description') || undefined,
        license: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
    };
}
function isPullRequestEvent(eventName) {
    return eventName === 'pull_request' || eventName === 'pull_request_target';
}
/** The event payload at GITHUB_EVENT_PATH; `{}` when there is none or it cannot be read. */
function readEventPayload(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return {};
    }
}
function prNumber(payload, ref) {
    const n = num(payload, 'pull_request', 'number') ?? num(payload, 'number');
    if (n !== undefined)
        return n;
    const m = /^refs\/pull\/(\d+)\//.exec(ref);
    return m ? Number(m[1]) : undefined;
}
function at(value, path) {
    let v = value;
    for (const key of path) {
        if (typeof v !== 'object' || v === null)
            return undefined;
        v = v[key];
    }
    return v;
}
function str(value, ...path) {
    const v = at(value, path);
    return typeof v === 'string' ? v : undefined;
}
function num(value, ...path) {
    const v = at(value, path);
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

;// CONCATENATED MODULE: ./build/actions/build-push/tags.js


const TAG_RULE_NAMES = ['sha', 'branch', 'tag', 'semver', 'latest', 'pr'];
/** Used when the `tags` input is empty. */
const DEFAULT_TAG_RULES = 'sha, branch, semver, pr, latest';
/** Docker's tag grammar: a word character, then up to 127 word characters, dots and dashes. */
const VALID_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
function isValidTag(tag) {
    return VALID_TAG.test(tag);
}
/** Parses the `tags` spec. Returns the rules, or a problem naming the rule that is wrong. */
function parseTagRules(text) {
    const rules = [];
    for (const item of (0,lib_inputs/* splitList */.ry)(text)) {
        const eq = item.indexOf('=');
        if (eq >= 0) {
            const key = item.slice(0, eq).trim().toLowerCase();
            const value = item.slice(eq + 1).trim();
            if (key !== 'raw')
                return { problem: `unknown tag rule '${item}'` };
            if (!isValidTag(value)) {
                return {
                    problem: `'${value}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')`,
                };
            }
            rules.push({ kind: 'raw', value });
            continue;
        }
        const kind = TAG_RULE_NAMES.find((n) => n === item.toLowerCase());
        if (!kind)
            return { problem: `unknown tag rule '${item}'` };
        rules.push({ kind });
    }
    if (rules.length === 0)
        return { problem: 'gives no tag rule' };
    return rules;
}
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** `v1.2.3`, `1.2.3-rc.1`, `v2.0.0+build.7` → its parts; anything else → undefined. */
function parseSemver(text) {
    const m = SEMVER.exec(text);
    if (!m)
        return undefined;
    return {
        major: Number(m[1]),
        minor: Number(m[2]),
        patch: Number(m[3]),
        prerelease: m[4],
        build: m[5],
    };
}
/** `1.2.3-rc.1`; build metadata is kept with `_` for `+`, which tags cannot contain. */
function semverVersion(v) {
    return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.build ? `_${v.build}` : ''}`;
}
/**
 * A branch or git tag name made into a valid image tag: lowercase, `/` and every other
 * character a tag cannot hold become `-`, no leading `.`/`-`, at most 128 characters.
 * Undefined when nothing is left.
 */
function sanitizeTag(name) {
    const t = name
        .toLowerCase()
        .replace(/[^a-z0-9_.-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
    return t === '' ? undefined : t;
}
function branchName(ctx) {
    if (isPullRequestEvent(ctx.eventName))
        return undefined;
    return ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined;
}
function gitTagName(ctx) {
    return ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : undefined;
}
function isDefaultBranch(ctx) {
    const branch = branchName(ctx);
    return branch !== undefined && ctx.defaultBranch !== undefined && branch === ctx.defaultBranch;
}
/** The tags the rules give for this event (pure). */
function computeTags(rules, ctx) {
    const tags = [];
    const notes = [];
    const add = (t) => {
        if (t !== undefined && !tags.includes(t))
            tags.push(t);
    };
    for (const rule of rules) {
        switch (rule.kind) {
            case 'sha':
                if (/^[0-9a-f]{7,}$/i.test(ctx.sha))
                    add(`sha-${ctx.sha.slice(0, 7).toLowerCase()}`);
                else
                    notes.push(`'sha' gave no tag: GITHUB_SHA is not set`);
                break;
            case 'branch': {
                const b = branchName(ctx);
                if (b !== undefined)
                    add(sanitizeTag(b));
                break;
            }
            case 'tag': {
                const t = gitTagName(ctx);
                if (t !== undefined)
                    add(sanitizeTag(t));
                break;
            }
            case 'semver': {
                const t = gitTagName(ctx);
                const v = t === undefined ? undefined : parseSemver(t);
                if (!v)
                    break;
                add(semverVersion(v));
                if (v.prerelease)
                    break; // 1.2.3-rc.1 must not move 1.2 or 1
                add(`${v.major}.${v.minor}`);
                if (v.major > 0)
                    add(`${v.major}`); // 0.x makes no stability promise
                break;
            }
            case 'latest':
                if (isDefaultBranch(ctx))
                    add('latest');
                else if (ctx.defaultBranch === undefined && branchName(ctx) !== undefined) {
                    notes.push(`'latest' gave no tag: the default branch is unknown (no event payload); set the 'default-branch' input`);
                }
                break;
            case 'pr':
                if (isPullRequestEvent(ctx.eventName) && ctx.prNumber !== undefined)
                    add(`pr-${ctx.prNumber}`);
                break;
            case 'raw':
                add(rule.value);
                break;
        }
    }
    return { tags, notes };
}
/**
 * The version this build stands for (the OCI `version` label and the `version` output): the
 * semver version of a release tag, else the tag, the branch, `pr-<n>`, or `sha-<short>`.
 */
function eventVersion(ctx) {
    const t = gitTagName(ctx);
    if (t !== undefined) {
        const v = parseSemver(t);
        if (v)
            return semverVersion(v);
        const s = sanitizeTag(t);
        if (s)
            return s;
    }
    const b = branchName(ctx);
    const sb = b === undefined ? undefined : sanitizeTag(b);
    if (sb)
        return sb;
    if (isPullRequestEvent(ctx.eventName) && ctx.prNumber !== undefined)
        return `pr-${ctx.prNumber}`;
    return ctx.sha ? `sha-${ctx.sha.slice(0, 7).toLowerCase()}` : 'unknown';
}

;// CONCATENATED MODULE: ./build/actions/build-push/plan.js








/** The environment variable that carries build secret `index` to buildx (never argv). */
function secretEnvName(index) {
    return `OPS_BUILD_SECRET_${index}`;
}
/** The @actions/cache directory for `cache: local` (stable across runs: part of the cache version). */
function localCacheRoot(runnerTemp) {
    return (0,external_node_path_.join)(runnerTemp, 'ops-build-push-cache');
}
/**
 * Turns the validated inputs and the git context into the builds to run (pure): tags, OCI
 * labels, cache flags and buildx arguments for every image.
 */
function planBuilds(p) {
    const { inputs, ctx, builder } = p;
    const notes = [];
    const warnings = [];
    if (inputs.platforms.length > 1 && !builder.cacheExport) {
        throw new errors/* OperationError */.OK(`Building for several platforms (${inputs.platforms.join(', ')}) needs a builder with the docker-container driver, ` +
            `but builder '${builder.name}' uses the docker driver. Add 'docker/setup-qemu-action' and 'docker/setup-buildx-action' before this step.`);
    }
    const version = eventVersion(ctx);
    const images = inputs.images.map((img, i) => {
        const computed = computeTags(img.tagRules, ctx);
        for (const n of computed.notes)
            if (!notes.includes(n))
                notes.push(n);
        if (computed.tags.length === 0) {
            throw new errors/* ConfigurationError */.j1(inputs.images.length > 1 ? 'images' : 'tags', `the tag rules of ${img.image.name} give no tag for this run (event '${ctx.eventName}', ref '${ctx.ref}'). ` +
                `Add 'sha' (always gives a tag) or a 'raw=<tag>' rule.`, 'tags: |\n  sha\n  branch\n  semver');
        }
        const build = {
            image: img.image,
            context: img.context,
            file: img.file,
            target: img.target,
            buildArgs: img.buildArgs,
            labels: ociLabels(ctx, {
                imageName: img.image.name,
                version,
                created: p.created,
                extra: inputs.labels,
            }),
            tags: computed.tags,
            platforms: inputs.platforms,
            network: inputs.network,
            secretEnvs: inputs.secrets.map((s, si) => ({ id: s.id, env: secretEnvName(si) })),
            secretFiles: inputs.secretFiles,
        };
        const cache = cachePlan(inputs.cache, {
            builder,
            imageName: img.image.name,
            tags: computed.tags,
            push: inputs.push,
            ghaAvailable: p.ghaAvailable,
            localDir: (0,external_node_path_.join)(localCacheRoot(p.runnerTemp), cacheScope(img.image.name)),
        });
        for (const w of cache.warnings)
            if (!warnings.includes(w))
                warnings.push(w);
        return {
            build,
            cache,
            refs: computed.tags.map((t) => `${img.image.name}:${t}`),
            version,
            metadataFile: (0,external_node_path_.join)(p.workDir, `metadata-${i}.json`),
        };
    });
    return { images, twoPhase: inputs.push && images.length > 1, notes, warnings };
}
function buildxOptions(inputs, builder, img, buildOnly = false) {
    return {
        builder: inputs.builder,
        driver: builder.driver,
        push: inputs.push,
        load: inputs.load,
        cache: img.cache,
        metadataFile: img.metadataFile,
        buildOnly,
    };
}
/** The commands the plan runs, as shell lines (what `dry-run` prints; no secret values). */
function planCommands(inputs, builder, plan) {
    const lines = [];
    if (inputs.registry && inputs.username) {
        lines.push(`${(0,quote/* shellJoin */.nZ)(['docker', ...loginArgs(inputs.registry, inputs.username)])}   # password on stdin`);
    }
    if (plan.twoPhase) {
        for (const img of plan.images) {
            lines.push(formatCommand(['docker', ...buildxArgs(img.build, buildxOptions(inputs, builder, img, true))]));
        }
    }
    for (const img of plan.images) {
        lines.push(formatCommand(['docker', ...buildxArgs(img.build, buildxOptions(inputs, builder, img))]));
    }
    return lines;
}
const VALUELESS_FLAGS = new Set(['--push', '--load', '--password-stdin']);
/**
 * A shell-quoted command with one option per line (`\` continuations), so a long buildx command
 * reads at a glance and can be pasted into a shell.
 */
function formatCommand(argv) {
    const groups = [];
    let open; // a flag waiting for its value
    for (const a of argv) {
        if (open) {
            open.push(a);
            open = undefined;
        }
        else if (a.startsWith('--')) {
            const g = [a];
            groups.push(g);
            if (!VALUELESS_FLAGS.has(a) && !a.includes('='))
                open = g;
        }
        else if (groups.length === 0 || (groups.length === 1 && !(groups[0]?.[0] ?? '').startsWith('--'))) {
            // the command words: docker buildx build
            if (groups.length === 0)
                groups.push([]);
            groups[0]?.push(a);
        }
        else {
            groups.push([a]);
        }
    }
    return groups.map((g) => (0,quote/* shellJoin */.nZ)(g)).join(' \\\n    ');
}

;// CONCATENATED MODULE: ./build/actions/build-push/progress.js
/**
 * Counts cache hits in buildx's `--progress plain` output (pure). A Dockerfile step is a vertex
 * named `[n/m] …` or `[stage n/m] …` (FROM excluded); it was a hit when the same vertex printed `CACHED`.
 */
function parseCacheStats(output) {
    const steps = new Set();
    const cached = new Set();
    for (const line of output.split(/\r?\n/)) {
        const step = /^#(\d+) \[(?:[^\]\s]+ )?\d+\/\d+\] (\S+)/.exec(line);
        if (step?.[1]) {
            // a base image (FROM) is resolved, not built: it is never reported as CACHED
            if (step[2] !== 'FROM')
                steps.add(step[1]);
            continue;
        }
        const hit = /^#(\d+) CACHED\s*$/.exec(line);
        if (hit?.[1])
            cached.add(hit[1]);
    }
    let n = 0;
    for (const id of cached)
        if (steps.has(id))
            n++;
    return { steps: steps.size, cached: n };
}
function formatCacheStats(s) {
    if (s.steps === 0)
        return 'no steps';
    return `${s.cached}/${s.steps} steps cached`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
;// CONCATENATED MODULE: ./build/actions/build-push/registry-api.js



const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** The API base URL: Docker Hub's API host; plain http for a loopback registry, as docker uses. */
function registryBaseUrl(registry) {
    if (registry === DOCKER_HUB)
        return 'https://registry-1.docker.io';
    const host = registry.replace(/:\d+$/, '');
    const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
    return `${loopback ? 'http' : 'https'}://${registry}`;
}
/** Parses a WWW-Authenticate challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const m = /^\s*(\w+)\s*(.*)$/.exec(header);
    if (!m?.[1])
        return undefined;
    const params = {};
    for (const p of (m[2] ?? '').matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
        if (p[1])
            params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
    }
    return { scheme: m[1].toLowerCase(), params };
}
function basic(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
/**
 * One GET over node:http(s) on a connection of its own, closed afterwards. (Not fetch: loading
 * undici and its keep-alive pool costs a few hundred milliseconds of process lifetime.)
 */
function httpGet(url, headers, timeoutMs) {
    const get = url.protocol === 'https:' ? external_node_https_.get : external_node_http_.get;
    return new Promise((resolve, reject) => {
        const req = get(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
                body += chunk;
                if (body.length > 4_000_000)
                    req.destroy(new Error('response too large'));
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs}ms`)));
        req.on('error', reject);
    });
}
function header(a, name) {
    const v = a.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
/** GETs a manifest (by digest or tag) as raw JSON text. Throws on any failure. */
async function fetchManifest(image, reference, creds, timeoutMs = 10_000) {
    const url = new URL(`${registryBaseUrl(image.registry)}/v2/${image.path}/manifests/${reference}`);
    const get = (authorization) => httpGet(url, { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: authorization } : {}) }, timeoutMs);
    // Basic credentials up front: one request instead of two on registries that take them; a
    // token registry answers 401 with its challenge all the same.
    let r = await get(creds ? basic(creds) : undefined);
    if (r.status === 401) {
        const challenge = parseChallenge(header(r, 'www-authenticate') ?? null);
        if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
            const tokenUrl = new URL(challenge.params['realm']);
            // credentials only over TLS (or to this machine), as docker does
            const safe = tokenUrl.protocol === 'https:' || registryBaseUrl(tokenUrl.host).startsWith('http:');
            if (challenge.params['service'])
                tokenUrl.searchParams.set('service', challenge.params['service']);
            tokenUrl.searchParams.set('scope', challenge.params['scope'] ?? `repository:${image.path}:pull`);
            const t = await httpGet(tokenUrl, creds && safe ? { Authorization: basic(creds) } : {}, timeoutMs);
            if (t.status !== 200)
                throw new Error(`token request: HTTP ${t.status}`);
            const body = JSON.parse(t.body);
            const token = body.token ?? body.access_token;
            if (!token)
                throw new Error('token request: no token');
            r = await get(`Bearer ${token}`);
        }
    }
    if (r.status !== 200)
        throw new Error(`GET ${url.href}: HTTP ${r.status}`);
    return r.body;
}

;// CONCATENATED MODULE: ./build/actions/build-push/execute.js














/**
 * Runs `docker buildx build`, retrying when the registry or network failed (connection refused or
 * reset, timeouts, 5xx, 429) — the layers are cached by then, so a retry only redoes the push.
 * A failing build step or a rejected login is not retried.
 */
async function runBuildx(label, args, env, policy, secrets) {
    let firstOutput;
    let attempts = 0;
    const reason = (error) => error instanceof exec/* ProcessError */.yI && error.result
        ? finalError(`${error.result.stdout}\n${error.result.stderr}`)
        : String(error);
    try {
        const result = await (0,retry/* retry */.L5)(async (attempt) => {
            attempts = attempt;
            try {
                const r = await (0,exec/* runProcess */.R3)('docker', args, { env, prefix: label, secrets });
                firstOutput ??= r.stderr + r.stdout;
                return r;
            }
            catch (error) {
                if (error instanceof exec/* ProcessError */.yI && error.result) {
                    firstOutput ??= error.result.stderr + error.result.stdout;
                }
                throw error;
            }
        }, {
            deadlineMs: 6 * 3_600_000,
            maxAttempts: policy.retries + 1,
            initialDelayMs: policy.initialDelayMs,
            maxDelayMs: policy.maxDelayMs,
            isRetryable: (error) => isTransientRegistryError(reason(error)),
            onRetry: ({ attempt, error, delayMs }) => core/* info */.pq(`${label}: attempt ${attempt}/${policy.retries + 1} failed on a registry or network error (${reason(error)}); retrying in ${(0,duration/* formatDuration */.a)(delayMs)}`),
        });
        return { result, firstOutput: firstOutput ?? '', attempts };
    }
    catch (error) {
        const last = error instanceof retry/* RetryError */.J_ ? error.lastError : error;
        const out = last instanceof exec/* ProcessError */.yI && last.result ? `${last.result.stdout}\n${last.result.stderr}` : '';
        if (isBuildxMissing(out))
            throw new errors/* OperationError */.OK(BUILDX_MISSING_HELP);
        const why = reason(last);
        const tries = error instanceof retry/* RetryError */.J_ ? ` after ${attempts} attempts` : '';
        if ((0,registry_errors/* isAuthFailure */.Xg)(why) || (0,registry_errors/* isDenied */.GZ)(why)) {
            throw new errors/* OperationError */.OK(`${label}: the registry refused the push${tries}: ${why}. Check that 'username' may push to this repository ` +
                `(or log in with 'username' and 'password' if no earlier step did).`);
        }
        throw new errors/* OperationError */.OK(`${label}: docker buildx build failed${tries}: ${why}`, { attempts });
    }
}
/** The environment of the buildx build processes: the build secrets, by variable name. */
function secretEnv(inputs) {
    const env = {};
    inputs.secrets.forEach((s, i) => {
        env[secretEnvName(i)] = s.value;
    });
    return env;
}
/**
 * Builds (and pushes) every image of the plan in order. With several images and `push`, every
 * image is built first and only then pushed, so a failing second image leaves no first image
 * half-released under its tags.
 */
async function executePlan(p) {
    const { inputs, plan, builder, env, policy } = p;
    // the secrets reach the build processes only, never login, inspect or imagetools
    const buildEnv = { ...env, ...secretEnv(inputs) };
    const secrets = [...inputs.secrets.map((s) => s.value), inputs.password];
    const label = (img) => img.build.image.name.split('/').slice(-1)[0] ?? img.build.image.name;
    // the first pass's time and output (the real build, with its cache hits) count for the image
    const firstPass = new Map();
    if (plan.twoPhase) {
        for (const img of plan.images) {
            await core/* group */.Os(`Build ${img.build.image.name} (push after every image has built)`, async () => {
                const started = Date.now();
                const args = buildxArgs(img.build, buildxOptions(inputs, builder, img, true));
                const run = await runBuildx(label(img), args, buildEnv, policy, secrets);
                firstPass.set(img, { ms: Date.now() - started, output: run.firstOutput });
            });
        }
    }
    const results = [];
    for (const img of plan.images) {
        const verb = inputs.push ? 'Build and push' : 'Build';
        const result = await core/* group */.Os(`${verb} ${img.build.image.name}`, async () => {
            const started = Date.now();
            (0,external_node_fs_.rmSync)(img.metadataFile, { force: true });
            const args = buildxArgs(img.build, buildxOptions(inputs, builder, img));
            const run = await runBuildx(label(img), args, buildEnv, policy, secrets);
            if (img.cache.local)
                rotateLocalCacheDir(img.cache.local);
            const meta = (0,external_node_fs_.existsSync)(img.metadataFile)
                ? parseMetadataFile((0,external_node_fs_.readFileSync)(img.metadataFile, 'utf8'))
                : { digest: undefined, configDigest: undefined };
            if (inputs.push && !meta.digest) {
                throw new errors/* OperationError */.OK(`${img.build.image.name} was pushed but buildx reported no digest in ${img.metadataFile}; cannot give the 'image' output.`);
            }
            const digest = inputs.push ? meta.digest : undefined;
            const first = firstPass.get(img);
            const stats = parseCacheStats(first?.output ?? run.firstOutput);
            const r = {
                name: img.build.image.name,
                image: digest ? `${img.build.image.name}@${digest}` : undefined,
                digest,
                imageId: meta.configDigest ?? (inputs.push ? undefined : meta.digest),
                tags: img.refs,
                version: img.version,
                labels: img.build.labels,
                pushed: inputs.push,
                sizeBytes: undefined,
                platforms: img.build.platforms,
                cache: { mode: img.cache.mode, effective: img.cache.effective, stats },
                attempts: run.attempts,
                durationMs: Date.now() - started + (first?.ms ?? 0),
            };
            core/* info */.pq(`${r.name}: ${r.pushed ? `pushed ${r.image}` : 'built'} in ${(0,duration/* formatDuration */.a)(r.durationMs)}; cache ${img.cache.effective}, ${formatCacheStats(stats)}${r.attempts > 1 ? `; ${r.attempts} attempts` : ''}`);
            return r;
        });
        results.push(result);
    }
    return results;
}
/**
 * Fills in the registry size of pushed images (best effort: a failure leaves it unknown). With
 * the action's own credentials the manifest is read in-process; otherwise through buildx.
 */
async function addSizes(results, env, creds, registry) {
    await Promise.all(results.map(async (r) => {
        if (!r.image || !r.digest)
            return;
        const name = parseImageName(r.name);
        if ('problem' in name)
            return;
        let raw;
        if (creds && registry && loginServer(name.registry) === registry) {
            raw = await fetchManifest(name, r.digest, creds).catch(() => undefined);
        }
        if (raw === undefined) {
            const out = await (0,exec/* runProcess */.R3)('docker', ['buildx', 'imagetools', 'inspect', '--raw', r.image], {
                env,
                silent: true,
                allowFailure: true,
                timeoutMs: 30_000,
            }).catch(() => undefined);
            if (out && out.exitCode === 0)
                raw = out.stdout;
        }
        if (raw !== undefined)
            r.sizeBytes = manifestSize(raw).bytes;
    }));
}

// EXTERNAL MODULE: ./build/lib/secrets.js
var lib_secrets = __webpack_require__(41853);
;// CONCATENATED MODULE: ./build/actions/build-push/inputs.js








const IMAGES_EXAMPLE = `images: |
  - name: ghcr.io/acme/shop-api
    context: ./backend
  - name: ghcr.io/acme/shop-web
    context: ./frontend
    file: ./frontend/Dockerfile.prod
    target: runtime
    build-args:
      NODE_ENV: production`;
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
/** Reads and validates every input; throws a ConfigurationError before anything is touched. */
async function parseInputs(inputs = new lib_inputs/* Inputs */.G0(), workspace = process.cwd()) {
    const password = inputs.secret('password');
    let username = inputs.optionalString('username');
    const dryRun = inputs.boolean('dry-run', false);
    const push = inputs.boolean('push', true);
    const load = inputs.boolean('load', false);
    const retries = inputs.integer('retries', 3, { min: 0, max: 10 });
    const cache = inputs.choice('cache', CACHE_MODES, 'none');
    const networkChoice = inputs.choice('network', ['default', 'host', 'none'], 'default');
    const builder = inputs.optionalString('builder');
    const defaultBranch = inputs.optionalString('default-branch');
    const tagsText = inputs.raw('tags') || DEFAULT_TAG_RULES;
    const commonRules = tagRules('tags', tagsText);
    const commonBuildArgs = inputs.keyValues('build-args');
    const labels = keyValueLines(inputs, 'labels', /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'org.opencontainers.image.vendor=Acme');
    const platforms = inputs.list('platforms');
    for (const p of platforms) {
        if (!PLATFORM.test(p)) {
            throw new errors/* ConfigurationError */.j1('platforms', `'${p}' is not a platform such as linux/amd64.`, 'platforms: linux/amd64,linux/arm64');
        }
    }
    // the YAML parser and the schema (zod) are loaded only when `images` is used: one image is the common case
    const list = inputs.has('images')
        ? (await Promise.all(/* import() */[__webpack_require__.e(8815), __webpack_require__.e(4568)]).then(__webpack_require__.bind(__webpack_require__, 84568))).yamlInput(inputs, 'images', (await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(844)]).then(__webpack_require__.bind(__webpack_require__, 80844))).imagesSchema, IMAGES_EXAMPLE)
        : undefined;
    const images = readImages(inputs, list, workspace, commonRules, commonBuildArgs);
    const secrets = keyValueLines(inputs, 'secrets', SECRET_ID, `npm_token=\${{ secrets.NPM_TOKEN }}`).map(([id, value]) => {
        (0,lib_secrets/* maskSecret */.$l)(value);
        return { id, value };
    });
    const secretFiles = keyValueLines(inputs, 'secret-files', SECRET_ID, `gcp_key=\${{ runner.temp }}/gcp.json`).map(([id, path]) => {
        const src = (0,external_node_path_.resolve)(workspace, path);
        if (!(0,external_node_fs_.existsSync)(src) || !(0,external_node_fs_.statSync)(src).isFile()) {
            throw new errors/* ConfigurationError */.j1('secret-files', `'${path}' (secret '${id}') is not a file.`);
        }
        return { id, src };
    });
    const ids = [...secrets.map((s) => s.id), ...secretFiles.map((s) => s.id)];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup)
        throw new errors/* ConfigurationError */.j1('secrets', `secret id '${dup}' is given twice.`);
    const notices = [];
    if (username !== undefined && password === undefined && !push) {
        // a pull request from a fork gets no secrets: it can still build, it cannot push anyway
        notices.push("'password' is empty (a pull request from a fork gets no secrets): building without logging in.");
        username = undefined;
    }
    if ((username === undefined) !== (password === undefined)) {
        throw new errors/* ConfigurationError */.j1(username === undefined ? 'username' : 'password', "'username' and 'password' go together: give both to log in, or neither to use the runner's existing docker login.", `username: \${{ github.actor }}\npassword: \${{ secrets.GITHUB_TOKEN }}`);
    }
    let registry;
    if (username !== undefined) {
        const given = inputs.optionalString('registry');
        registry = given ? normaliseRegistry(given) : loginServer(images[0]?.image.registry ?? 'docker.io');
    }
    return {
        notices,
        images,
        labels: Object.fromEntries(labels),
        platforms,
        network: networkChoice === 'default' ? undefined : networkChoice,
        secrets,
        secretFiles,
        push,
        load,
        registry,
        username,
        password,
        cache,
        builder,
        defaultBranch,
        retries,
        dryRun,
    };
}
function readImages(inputs, list, workspace, commonRules, commonBuildArgs) {
    if (list === undefined) {
        const name = inputs.string('image', { example: 'ghcr.io/acme/shop-api' });
        return [
            imageInput('image', workspace, {
                name,
                context: inputs.optionalString('context'),
                file: inputs.optionalString('file'),
                target: inputs.optionalString('target'),
                buildArgs: commonBuildArgs,
                rules: commonRules,
            }),
        ];
    }
    for (const single of ['image', 'context', 'file', 'target']) {
        if (inputs.has(single)) {
            throw new errors/* ConfigurationError */.j1(single, `cannot be combined with 'images': put '${single === 'image' ? 'name' : single}' in each entry of 'images'.`, IMAGES_EXAMPLE);
        }
    }
    const result = list.map((entry, i) => {
        const where = `images[${i}]`;
        let buildArgs = { ...commonBuildArgs };
        const own = entry['build-args'];
        if (Array.isArray(own)) {
            for (const line of own) {
                const eq = line.indexOf('=');
                if (eq <= 0)
                    throw new errors/* ConfigurationError */.j1('images', `${where}.build-args: '${line}' is not KEY=value.`, IMAGES_EXAMPLE);
                buildArgs[line.slice(0, eq).trim()] = line.slice(eq + 1);
            }
        }
        else if (own) {
            buildArgs = { ...buildArgs, ...own };
        }
        const rules = entry.tags === undefined
            ? commonRules
            : tagRules(`images`, Array.isArray(entry.tags) ? entry.tags.join('\n') : entry.tags, `${where}.tags: `);
        return imageInput('images', workspace, {
            name: entry.name,
            context: entry.context,
            file: entry.file,
            target: entry.target,
            buildArgs,
            rules,
            where: `${where}: `,
        });
    });
    const names = result.map((r) => r.image.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup)
        throw new errors/* ConfigurationError */.j1('images', `image '${dup}' is listed twice.`, IMAGES_EXAMPLE);
    return result;
}
function imageInput(input, workspace, e) {
    const where = e.where ?? '';
    const example = input === 'images' ? IMAGES_EXAMPLE : `${input}: ghcr.io/acme/shop-api`;
    const parsed = parseImageName(e.name);
    if ('problem' in parsed)
        throw new errors/* ConfigurationError */.j1(input, `${where}${parsed.problem}.`, example);
    const contextGiven = e.context ?? '.';
    const context = (0,external_node_path_.resolve)(workspace, contextGiven);
    if (!(0,external_node_fs_.existsSync)(context) || !(0,external_node_fs_.statSync)(context).isDirectory()) {
        throw new errors/* ConfigurationError */.j1(input === 'images' ? 'images' : 'context', `${where}build context '${contextGiven}' is not a directory (relative paths start at the workspace: ${workspace}).`, input === 'images' ? IMAGES_EXAMPLE : 'context: ./backend');
    }
    const file = e.file ? (0,external_node_path_.resolve)(workspace, e.file) : (0,external_node_path_.join)(context, 'Dockerfile');
    if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile()) {
        throw new errors/* ConfigurationError */.j1(input === 'images' ? 'images' : 'file', `${where}Dockerfile '${e.file ?? (0,external_node_path_.join)(contextGiven, 'Dockerfile')}' does not exist.`, input === 'images' ? IMAGES_EXAMPLE : 'file: ./backend/Dockerfile');
    }
    return { image: parsed, context, file, target: e.target, buildArgs: e.buildArgs, tagRules: e.rules };
}
function tagRules(input, text, where = '') {
    const rules = parseTagRules(text);
    if ('problem' in rules) {
        throw new errors/* ConfigurationError */.j1(input, `${where}${rules.problem}. Rules: sha, branch, tag, semver, latest, pr, raw=<tag>.`, 'tags: |\n  sha\n  branch\n  semver\n  latest\n  raw=stable');
    }
    return rules;
}
/** `key=value` lines whose keys match `keyPattern` (which, unlike build-args, may hold dots or dashes). */
function keyValueLines(inputs, name, keyPattern, example) {
    const out = [];
    const lines = inputs.raw(name).split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
        const t = line.trim();
        if (t === '' || t.startsWith('#'))
            continue;
        const eq = t.indexOf('=');
        const key = eq > 0 ? t.slice(0, eq).trim() : '';
        if (!keyPattern.test(key)) {
            // never echo a line back: it may be a secret's value
            throw new errors/* ConfigurationError */.j1(name, `line ${i + 1} is not key=value with a key of letters, digits, '.', '_' or '-'.`, `${name}: |\n  ${example}`);
        }
        out.push([key, t.slice(eq + 1)]);
    }
    return out;
}
/** `https://ghcr.io/` → `ghcr.io`. */
function normaliseRegistry(text) {
    return loginServer(text
        .trim()
        .replace(/^https?:\/\//, '')
        .replace(/\/+$/, '')
        .replace(/\/v[12]$/, ''));
}

;// CONCATENATED MODULE: ./build/actions/build-push/local-cache-step.js




/**
 * `cache: local`: restores the buildx cache directory with @actions/cache before the builds and
 * saves it after they all succeeded. Both steps only warn on failure. Other modes: runs `build`.
 */
async function restoreAndSaveAround(plan, where, build, svc = actionsCache) {
    const locals = plan.images.filter((i) => i.cache.local);
    if (locals.length === 0)
        return build();
    const key = localCacheKey({
        platform: `${process.platform}-${process.arch}`,
        images: locals.map((i) => ({
            name: i.build.image.name,
            files: keyFiles(i.build.context, i.build.file, where.workspace),
        })),
    });
    const dir = localCacheRoot(where.runnerTemp);
    const restored = await core/* group */.Os('Restore the build cache (actions/cache)', async () => {
        const r = await restoreLocalCache(svc, dir, key, (m) => core/* warning */.$e(m));
        core/* info */.pq(r.status === 'hit' || r.status === 'partial'
            ? `Restored ${r.key}${r.status === 'partial' ? ` (wanted ${key.key})` : ''}`
            : `No cache restored (${r.status === 'unavailable' ? r.reason : `no entry for ${key.key}`})`);
        return r;
    });
    const results = await build();
    const label = restored.status === 'hit'
        ? 'exact key'
        : restored.status === 'partial'
            ? 'older key'
            : restored.status === 'miss'
                ? 'miss'
                : 'unavailable';
    for (const r of results)
        if (plan.images.find((i) => i.build.image.name === r.name)?.cache.local)
            r.cache.restored = label;
    const saved = await saveLocalCache(svc, dir, key.key, restored, (m) => core/* warning */.$e(m));
    core/* info */.pq(`Build cache ${key.key}: ${saved}`);
    return results;
}

;// CONCATENATED MODULE: ./build/actions/build-push/outputs.js
/** The step outputs (pure): the first image is the primary one; `metadata` describes them all. */
function stepOutputs(results) {
    const primary = results[0];
    return {
        image: primary?.image ?? '',
        digest: primary?.digest ?? '',
        tags: (primary?.tags ?? []).join('\n'),
        version: primary?.version ?? '',
        metadata: JSON.stringify(results.map(metadataEntry)),
    };
}
function metadataEntry(r) {
    return {
        name: r.name,
        image: r.image ?? null,
        digest: r.digest ?? null,
        imageId: r.imageId ?? null,
        tags: r.tags,
        version: r.version,
        labels: r.labels,
        pushed: r.pushed,
        size: r.sizeBytes ?? null,
        platforms: r.platforms,
        cache: {
            mode: r.cache.mode,
            effective: r.cache.effective,
            steps: r.cache.stats.steps,
            cached: r.cache.stats.cached,
            restored: r.cache.restored ?? null,
        },
        attempts: r.attempts,
        durationMs: r.durationMs,
    };
}
/** What a dry run reports for each image: tags and labels, nothing built. */
function plannedResults(plan) {
    return plan.images.map((img) => ({
        name: img.build.image.name,
        image: undefined,
        digest: undefined,
        imageId: undefined,
        tags: img.refs,
        version: img.version,
        labels: img.build.labels,
        pushed: false,
        sizeBytes: undefined,
        platforms: img.build.platforms,
        cache: { mode: img.cache.mode, effective: img.cache.effective, stats: { steps: 0, cached: 0 } },
        attempts: 0,
        durationMs: 0,
    }));
}

;// CONCATENATED MODULE: ./build/actions/build-push/builder.js







/** Parses `docker buildx inspect` output (pure). */
function parseBuilderInspect(text) {
    const name = /^Name:\s*(\S+)/m.exec(text)?.[1];
    const driver = /^Driver:\s*(\S+)/m.exec(text)?.[1];
    return name && driver ? { name, driver } : undefined;
}
/** Whether the Docker engine stores images in containerd, which lets the docker driver export caches. */
function usesContainerdStore(driverStatusJson) {
    return driverStatusJson.includes('io.containerd.snapshotter');
}
/**
 * Which builder buildx will use and what it can do. Fails with a clear message when buildx is
 * not installed or the named builder does not exist.
 */
async function inspectBuilder(opts) {
    const storeCheck = engineDriverStatus(opts.env);
    if (usesImplicitDefaultBuilder({ ...process.env, ...opts.env }, opts.builder)) {
        // nothing selects another builder: buildx uses the docker context's default builder, whose
        // driver is always `docker` — no need to start buildx just to be told so
        const status = await storeCheck;
        return {
            name: 'default',
            driver: 'docker',
            cacheExport: status !== undefined && usesContainerdStore(status),
        };
    }
    const args = ['buildx', 'inspect', ...(opts.builder ? ['--builder', opts.builder] : [])];
    let text;
    try {
        const r = await (0,exec/* runProcess */.R3)('docker', args, { env: opts.env, silent: true, timeoutMs: 60_000 });
        text = r.stdout;
    }
    catch (error) {
        await storeCheck;
        throw builderError(error, opts.builder);
    }
    const parsed = parseBuilderInspect(text);
    if (!parsed)
        throw new errors/* OperationError */.OK(`Could not read the builder from 'docker ${args.join(' ')}':\n${text}`);
    const status = await storeCheck;
    const cacheExport = parsed.driver !== 'docker' || (status !== undefined && usesContainerdStore(status));
    return { ...parsed, cacheExport };
}
function builderError(error, builder) {
    if (error instanceof exec/* ProcessError */.yI && error.result) {
        const out = `${error.result.stdout}\n${error.result.stderr}`;
        if (isBuildxMissing(out))
            return new errors/* OperationError */.OK(BUILDX_MISSING_HELP);
        const last = finalError(out);
        if (builder && /no builder .* found/i.test(last)) {
            return new errors/* OperationError */.OK(`Buildx builder '${builder}' does not exist (${last}). Give the name docker/setup-buildx-action printed ` +
                `(its 'name' output), or leave the 'builder' input empty to use the current builder.`);
        }
        return new errors/* OperationError */.OK(`docker buildx inspect failed: ${last}`);
    }
    return error instanceof Error ? error : new errors/* OperationError */.OK(String(error));
}
/**
 * The engine's storage driver status (JSON), which tells whether it uses the containerd image
 * store. Asked over the local socket when docker talks to it (no CLI process: this runs on every
 * build with a cache), else through `docker info`. Undefined when it cannot be known.
 */
async function engineDriverStatus(env) {
    const socket = localEngineSocket({ ...process.env, ...env });
    if (socket) {
        const viaSocket = await new Promise((resolve) => {
            const req = (0,external_node_http_.get)({ socketPath: socket, path: '/info', timeout: 10_000 }, (res) => {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (c) => {
                    body += c;
                });
                res.on('end', () => {
                    try {
                        resolve(res.statusCode === 200
                            ? JSON.stringify(JSON.parse(body).DriverStatus ?? null)
                            : undefined);
                    }
                    catch {
                        resolve(undefined);
                    }
                });
            });
            req.on('timeout', () => req.destroy());
            req.on('error', () => resolve(undefined));
        });
        if (viaSocket !== undefined)
            return viaSocket;
    }
    const r = await (0,exec/* runProcess */.R3)('docker', ['info', '--format', '{{json .DriverStatus}}'], {
        env,
        silent: true,
        allowFailure: true,
        timeoutMs: 30_000,
    }).catch(() => undefined);
    return r && r.exitCode === 0 ? r.stdout : undefined;
}
/**
 * The unix socket the docker CLI would use, when that is plainly the local default: no
 * DOCKER_HOST other than unix://, no DOCKER_CONTEXT, no non-default context in the config.
 */
function localEngineSocket(env) {
    const host = env['DOCKER_HOST'];
    if (env['DOCKER_CONTEXT'] && env['DOCKER_CONTEXT'] !== 'default')
        return undefined;
    const configDir = env['DOCKER_CONFIG'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker');
    try {
        const config = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(configDir, 'config.json'), 'utf8'));
        if (typeof config.currentContext === 'string' &&
            config.currentContext !== '' &&
            config.currentContext !== 'default') {
            return undefined;
        }
    }
    catch {
        /* no config: the default context */
    }
    if (!host)
        return '/var/run/docker.sock';
    return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}
/**
 * True when buildx will certainly use the default builder of the local docker context (docker
 * driver): no `builder` input, no BUILDX_BUILDER / BUILDX_CONFIG, the local engine, and no
 * selected builder in buildx's state (no `current` file, or one naming the default). Anything
 * else — docker/setup-buildx-action's builder among them — is asked of `docker buildx inspect`.
 */
function usesImplicitDefaultBuilder(env, builder) {
    if (builder || env['BUILDX_BUILDER'] || env['BUILDX_CONFIG'])
        return false;
    if (!localEngineSocket(env))
        return false;
    const current = (0,external_node_path_.join)(env['DOCKER_CONFIG'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'buildx', 'current');
    if (!(0,external_node_fs_.existsSync)(current))
        return true;
    try {
        const c = JSON.parse((0,external_node_fs_.readFileSync)(current, 'utf8'));
        return c.Name === '' || c.Name === 'default';
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./build/actions/build-push/prepare.js






const STATE_DOCKER_CONFIG = 'docker-config';
const STATE_REGISTRY = 'registry';
/** When the builder is not inspected (the chosen options do not depend on it). */
const CURRENT_BUILDER = { name: 'current', driver: 'unknown', cacheExport: true };
/** Whether the plan depends on the builder's driver: cache modes, several platforms, push + load. */
function needsBuilderInfo(inputs) {
    return inputs.cache !== 'none' || inputs.platforms.length > 1 || (inputs.push && inputs.load);
}
/**
 * Logs in (private DOCKER_CONFIG, remembered for the post step) and inspects the builder, both at
 * once. A login failure is reported first: it is the one the user most likely has to fix.
 */
async function prepareDocker(inputs, runnerTemp, policy) {
    const dockerConfig = privateConfigForLogin(inputs, runnerTemp);
    const env = dockerConfig ? { DOCKER_CONFIG: dockerConfig } : {};
    const needsBuilder = needsBuilderInfo(inputs);
    const [builder, login] = await Promise.allSettled([
        needsBuilder ? inspectBuilder({ builder: inputs.builder, env }) : Promise.resolve(CURRENT_BUILDER),
        dockerConfig && inputs.registry && inputs.username && inputs.password
            ? registryLogin({
                server: inputs.registry,
                username: inputs.username,
                password: inputs.password,
                dockerConfig,
                policy,
            })
            : Promise.resolve(undefined),
    ]);
    if (login.status === 'rejected')
        throw login.reason;
    if (builder.status === 'rejected')
        throw builder.reason;
    if (login.value) {
        const a = login.value.attempts;
        core/* info */.pq(`Logged in to ${inputs.registry} as ${inputs.username}${a > 1 ? ` (after ${a} attempts)` : ''} in ${(0,duration/* formatDuration */.a)(login.value.durationMs)}`);
    }
    const b = builder.value;
    if (needsBuilder) {
        core/* info */.pq(`Builder '${b.name}': ${b.driver} driver${b.cacheExport ? '' : ' (cannot export a build cache)'}`);
    }
    return { builder: b, env };
}
/** For a dry run: the builder if it can be inspected, else planning as for a docker-container builder. */
async function dryRunBuilder(inputs) {
    if (!needsBuilderInfo(inputs))
        return CURRENT_BUILDER;
    return inspectBuilder({ builder: inputs.builder, env: {} }).catch((error) => {
        core/* info */.pq(`Dry run: could not inspect the builder (${(0,errors/* errorMessage */.gJ)(error)}); planning for a docker-container builder.`);
        return { name: inputs.builder ?? 'current', driver: 'unknown', cacheExport: true };
    });
}
function privateConfigForLogin(inputs, runnerTemp) {
    if (!inputs.registry || !inputs.username || !inputs.password)
        return undefined;
    const dir = createPrivateDockerConfig({
        parent: runnerTemp,
        userDir: userDockerConfigDir(),
        registry: inputs.registry,
    });
    core/* saveState */.LZ(STATE_DOCKER_CONFIG, dir);
    core/* saveState */.LZ(STATE_REGISTRY, inputs.registry);
    return dir;
}

;// CONCATENATED MODULE: ./build/actions/build-push/summary.js




const code = (s) => `\`${s}\``;
function tagList(refs) {
    return refs.map((r) => code(r.slice(r.lastIndexOf(':') + 1))).join('<br>');
}
function shortDigest(d) {
    return d ? code(`${d.slice(0, 19)}…`) : undefined;
}
/** The job summary after a build (pure). */
function resultSummary(results, opts) {
    const n = results.length;
    const what = opts.push ? 'pushed' : 'built (not pushed)';
    const where = opts.push && opts.registry ? ` to ${opts.registry}` : '';
    const lines = [
        `### ${(0,summary/* statusIcon */.I8)(true)} build-push: ${n} image${n === 1 ? '' : 's'} ${what}${where} in ${(0,duration/* formatDuration */.a)(opts.totalMs)}`,
        '',
        (0,summary/* markdownTable */.Qj)(['Image', 'Tags', 'Digest', 'Size', 'Duration', 'Cache'], results.map((r) => [
            code(r.name),
            tagList(r.tags),
            shortDigest(r.digest),
            r.sizeBytes !== undefined
                ? formatBytes(r.sizeBytes)
                : r.platforms.length > 1
                    ? `${r.platforms.length} platforms`
                    : undefined,
            `${(0,duration/* formatDuration */.a)(r.durationMs)}${r.attempts > 1 ? ` (${r.attempts} attempts)` : ''}`,
            `${formatCacheStats(r.cache.stats)} · ${r.cache.effective}${r.cache.restored ? ` · restored: ${r.cache.restored}` : ''}`,
        ])),
    ];
    const deployable = results.filter((r) => r.image);
    if (deployable.length) {
        lines.push('', '**Deploy by digest:**', '', ...deployable.map((r) => `- ${code(r.image ?? '')}`));
    }
    if (opts.warnings.length) {
        lines.push('', ...opts.warnings.map((w) => `> ${(0,summary/* statusIcon */.I8)('warning')} ${w}`));
    }
    return `${lines.join('\n')}\n`;
}
/** The job summary of a dry run: the tags and the exact commands, nothing executed (pure). */
function dryRunSummary(plan, commands) {
    return [
        `### ${(0,summary/* statusIcon */.I8)('skipped')} build-push: dry run — nothing was built, pushed or logged in`,
        '',
        (0,summary/* markdownTable */.Qj)(['Image', 'Tags', 'Cache'], plan.images.map((i) => [code(i.build.image.name), tagList(i.refs), i.cache.effective])),
        '',
        (0,summary/* details */.zH)('Commands', commands.join('\n'), 'sh'),
        ...(plan.warnings.length ? ['', ...plan.warnings.map((w) => `> ${(0,summary/* statusIcon */.I8)('warning')} ${w}`)] : []),
        '',
    ].join('\n');
}
function failureSummary(message) {
    return `### ${(0,summary/* statusIcon */.I8)(false)} build-push failed\n\n\`\`\`\n${message}\n\`\`\`\n`;
}

;// CONCATENATED MODULE: ./build/actions/build-push/main.js



















async function main() {
    const started = Date.now();
    const env = process.env;
    const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
    const inputs = await parseInputs(new lib_inputs/* Inputs */.G0(), workspace);
    for (const n of inputs.notices)
        core/* info */.pq(n);
    const attest = readAttestInputs(new lib_inputs/* Inputs */.G0(), inputs.push, inputs.dryRun, env, inputs);
    const payload = readEventPayload(env['GITHUB_EVENT_PATH']);
    const ctx = gitContextFromEnv(env, payload, inputs.defaultBranch);
    const created = createdTime(env, payload, ctx.sha, workspace);
    core/* info */.pq(`created: ${created.source}`);
    const runnerTemp = env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)();
    (0,external_node_fs_.mkdirSync)(runnerTemp, { recursive: true });
    const workDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(runnerTemp, 'ops-build-push-'));
    const policy = { retries: inputs.retries, initialDelayMs: 1000, maxDelayMs: 15_000 };
    const ghaAvailable = Boolean(env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']));
    const planFor = (builder) => planBuilds({ inputs, ctx, builder, created: created.date, workDir, runnerTemp, ghaAvailable });
    try {
        if (inputs.dryRun) {
            const builder = await dryRunBuilder(inputs);
            const plan = planFor(builder);
            const commands = planCommands(inputs, builder, plan);
            logPlan(plan, commands);
            if (attest)
                core/* info */.pq('attest: true — each pushed digest would get a SLSA provenance attestation.');
            if (attest?.push)
                core/* info */.pq("attest-push: true — each attestation would be pushed to its image's repository.");
            setOutputs(plannedResults(plan));
            await (0,summary/* writeSummary */.Sy)(dryRunSummary(plan, commands));
            return;
        }
        debugTime('inputs', started);
        const docker = await prepareDocker(inputs, runnerTemp, policy);
        debugTime('login and builder', started);
        const plan = planFor(docker.builder);
        logPlan(plan, planCommands(inputs, docker.builder, plan));
        const results = await restoreAndSaveAround(plan, { runnerTemp, workspace }, () => executePlan({ inputs, plan, builder: docker.builder, env: docker.env, policy }));
        debugTime('builds', started);
        const creds = inputs.username && inputs.password
            ? { username: inputs.username, password: inputs.password }
            : undefined;
        await addSizes(results, docker.env, creds, inputs.registry);
        debugTime('sizes', started);
        setOutputs(results);
        if (attest)
            await attestPushed(results, attest, inputs.retries);
        await (0,summary/* writeSummary */.Sy)(resultSummary(results, {
            push: inputs.push,
            warnings: plan.warnings,
            registry: inputs.registry ?? results[0]?.name.split('/')[0],
            totalMs: Date.now() - started,
        }));
    }
    catch (error) {
        await (0,summary/* writeSummary */.Sy)(failureSummary((0,errors/* errorMessage */.gJ)(error)));
        throw error;
    }
    finally {
        (0,external_node_fs_.rmSync)(workDir, { recursive: true, force: true });
    }
}
/** Runs at the end of the job: logs out and removes the private docker config. */
async function post() {
    const dir = core/* getState */.Gu(STATE_DOCKER_CONFIG);
    const registry = core/* getState */.Gu(STATE_REGISTRY);
    if (!dir) {
        core/* info */.pq('No registry login to undo.');
        return;
    }
    if ((0,external_node_fs_.existsSync)(dir)) {
        const ok = registry ? await registryLogout(registry, dir) : true;
        removePrivateDockerConfig(dir);
        core/* info */.pq(`${ok ? `Logged out of ${registry}; removed` : 'Removed'} the private docker config ${dir}`);
    }
}
/** Phase timings for the debug log (ACTIONS_STEP_DEBUG), to see where a slow run spent its time. */
function debugTime(phase, started) {
    core/* debug */.Yz(`${phase} done at ${Date.now() - started}ms (uptime ${Math.round(process.uptime() * 1000)}ms)`);
}
function logPlan(plan, commands) {
    for (const img of plan.images) {
        core/* info */.pq(`${img.build.image.name}: tags ${img.refs.map((r) => r.slice(r.lastIndexOf(':') + 1)).join(', ')}`);
    }
    for (const n of plan.notes)
        core/* info */.pq(n);
    for (const w of plan.warnings)
        core/* warning */.$e(w);
    core/* startGroup */.Oh('Commands');
    for (const c of commands)
        core/* info */.pq(c);
    core/* endGroup */.N4();
}
function setOutputs(results) {
    for (const [name, value] of Object.entries(stepOutputs(results)))
        core/* setOutput */.uH(name, value);
}
/** attest: true — one attestation per pushed digest; outputs name the first image's. */
async function attestPushed(results, settings, retries) {
    const done = [];
    const ociDigests = [];
    try {
        await core/* group */.Os('Attest build provenance', async () => {
            for (const r of results) {
                if (!r.pushed || !r.digest)
                    continue;
                const a = await attestImage(r.name, r.digest, settings);
                core/* info */.pq(`${a.image}@${a.digest}: attestation ${a.attestationId ?? '(not stored)'} ${a.attestationUrl ?? ''}`);
                done.push(a);
                if (settings.push) {
                    const { pushAttestation } = await __webpack_require__.e(/* import() */ 1186).then(__webpack_require__.bind(__webpack_require__, 1186));
                    const started = Date.now();
                    const oci = await pushAttestation({
                        name: a.image,
                        digest: a.digest,
                        bundle: a.bundle,
                        credentials: settings.push,
                        retries,
                    });
                    core/* info */.pq(`${a.image}@${a.digest}: attestation pushed to the registry as ${a.image}@${oci} (${Date.now() - started} ms)`);
                    ociDigests.push(oci);
                }
            }
        });
    }
    finally {
        core/* setOutput */.uH('attestation-id', done[0]?.attestationId ?? '');
        core/* setOutput */.uH('attestation-url', done[0]?.attestationUrl ?? '');
        core/* setOutput */.uH('attestation-oci-digest', ociDigests[0] ?? '');
    }
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

/***/ 51328:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZL: () => (/* binding */ shellQuote),
/* harmony export */   eT: () => (/* binding */ indentLines),
/* harmony export */   nZ: () => (/* binding */ shellJoin),
/* harmony export */   sJ: () => (/* binding */ shellExports)
/* harmony export */ });
/**
 * Quotes a value for a POSIX shell so it is passed as one word, whatever it contains: quotes,
 * `$()`, backticks, newlines, `;`. Single quotes stop every expansion; an embedded single quote
 * becomes `'\''`.
 */
function shellQuote(value) {
    if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/** Joins a command and its arguments into one shell-safe command line. */
function shellJoin(args) {
    return args.map(shellQuote).join(' ');
}
/** `export KEY='value'` lines for a script prologue; keys must be valid variable names. */
function shellExports(env) {
    return Object.entries(env)
        .map(([k, v]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            throw new Error(`not a valid environment variable name: ${k}`);
        return `export ${k}=${shellQuote(v)}`;
    })
        .join('\n');
}
/** Prefixes each line of a script or command (to nest it in another script, or print it under a title). */
function indentLines(text, prefix) {
    return text
        .split('\n')
        .map((l) => prefix + l)
        .join('\n');
}


/***/ }),

/***/ 94745:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GZ: () => (/* binding */ isDenied),
/* harmony export */   WG: () => (/* binding */ isTransientRegistryError),
/* harmony export */   Xg: () => (/* binding */ isAuthFailure)
/* harmony export */ });
// Reading docker's error text about registries: which failures another attempt may get past (the
// registry or the network hiccuped) and which it will not (wrong credentials, no access, an image or
// registry that does not exist). Shared by build-push (push, login on the runner) and deploy-ssh /
// rollback (login and pull on the server).
const TRANSIENT = [
    /connection refused/i,
    /connection reset/i,
    /broken pipe/i,
    /unexpected EOF/i,
    /: EOF\b/,
    /i\/o timeout/i,
    /TLS handshake timeout/i,
    /context deadline exceeded/i,
    /Client\.Timeout exceeded/i,
    /timeout awaiting response headers/i,
    /temporary failure in name resolution/i,
    /server misbehaving/i,
    /network is unreachable/i,
    /no route to host/i,
    /\b50[0-4]\b/,
    /Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
    /\b429\b|toomanyrequests|too many requests/i,
];
const AUTH = [
    /\b401\b/,
    /unauthorized/i,
    /incorrect username or password/i,
    /no basic auth credentials/i,
    /authentication required/i,
];
const DENIED = [/\b403\b/, /denied/i, /forbidden/i];
/** The image, the tag or the registry does not exist, or the reference is malformed. */
const MISSING = [/manifest unknown/i, /not found/i, /invalid reference format/i, /no such host/i];
function isAuthFailure(error) {
    return AUTH.some((re) => re.test(error));
}
function isDenied(error) {
    return DENIED.some((re) => re.test(error));
}
function isMissing(error) {
    return MISSING.some((re) => re.test(error));
}
/** A registry or network failure another attempt may get past: never auth, denial or a missing image. */
function isTransientRegistryError(error) {
    if (isAuthFailure(error) || isDenied(error) || isMissing(error))
        return false;
    return TRANSIENT.some((re) => re.test(error));
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
