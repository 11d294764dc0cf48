export const id = 8523;
export const ids = [8523,8641];
export const modules = {

/***/ 48523:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/deploy/lock.js
var lock = __webpack_require__(2431);
// EXTERNAL MODULE: ./build/lib/deploy/release.js
var deploy_release = __webpack_require__(1451);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/github/inputs.js
var github_inputs = __webpack_require__(98641);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/provenance/inputs.js
var provenance_inputs = __webpack_require__(77537);
// EXTERNAL MODULE: ./build/lib/ssh/inputs.js
var ssh_inputs = __webpack_require__(85648);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./build/lib/deploy/lock-inputs.js
var lock_inputs = __webpack_require__(80765);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/lib/deploy/command-env.js
var command_env = __webpack_require__(58777);
// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var compose = __webpack_require__(98922);
// EXTERNAL MODULE: ./build/lib/deploy/compose-inputs.js
var compose_inputs = __webpack_require__(54546);
// EXTERNAL MODULE: ./build/lib/deploy/health.js
var deploy_health = __webpack_require__(37474);
// EXTERNAL MODULE: ./build/lib/deploy/image-lines.js
var image_lines = __webpack_require__(90473);
// EXTERNAL MODULE: ./build/lib/deploy/paths.js
var paths = __webpack_require__(44738);
// EXTERNAL MODULE: ./build/lib/deploy/rolling.js
var rolling = __webpack_require__(39727);
// EXTERNAL MODULE: ./build/lib/ssh/script.js + 1 modules
var ssh_script = __webpack_require__(66143);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/inputs.js
// Every input of deploy-ssh, parsed and validated into one object before any connection is made.















const STRATEGIES = ['script', 'compose', 'release', 'stack'];
/** Names every user command sees in its environment; `env` may not redefine them. */
const BUILTIN_ENV = [...command_env/* BUILTIN_ENV */.u, 'DEPLOY_COLOR', 'DEPLOY_PORT'];
const COLORS = (/* unused pure expression or super */ null && (['blue', 'green']));
/** The `default:` values action.yml declares for strategy-specific inputs. */
const ACTION_DEFAULTS = {
    'env-file': '.env',
    'image-variable': 'IMAGE',
    'compose-command': 'docker compose',
    'restore-on-failure': 'true',
    'keep-releases': '5',
};
const ONLY_FOR = {
    script: 'script',
    image: ['compose', 'stack'],
    'env-file': 'compose',
    'image-variable': 'compose',
    'compose-file': 'compose',
    'compose-command': 'compose',
    registry: ['compose', 'stack'],
    'registry-username': ['compose', 'stack'],
    'registry-password': ['compose', 'stack'],
    'restore-on-failure': 'compose',
    'zero-downtime': 'compose',
    ports: 'compose',
    'port-variable': 'compose',
    'compose-project': 'compose',
    'upstream-file': 'compose',
    'proxy-reload-command': 'compose',
    'drain-timeout': 'compose',
    source: 'release',
    shared: 'release',
    'before-switch': 'release',
    'after-switch': 'release',
    'keep-releases': 'release',
    'stack-file': 'stack',
    'stack-name': 'stack',
    images: ['compose', 'stack'],
    'converge-timeout': 'stack',
};
function runInfoFromEnv(env = process.env) {
    return {
        sha: env['GITHUB_SHA'],
        ref: env['GITHUB_REF'],
        runId: env['GITHUB_RUN_ID'],
        runAttempt: env['GITHUB_RUN_ATTEMPT'],
        actor: env['GITHUB_ACTOR'],
        repository: env['GITHUB_REPOSITORY'],
        workflow: env['GITHUB_WORKFLOW'],
    };
}
/**
 * Reads and validates every input; throws a ConfigurationError before anything is contacted. Async:
 * ssh2's key parser and the YAML parser (strategy stack) are imported only once an input needs them.
 */
async function readDeployInputs(inputs, env = process.env) {
    const strategy = inputs.choice('strategy', STRATEGIES);
    for (const [name, onlyFor] of Object.entries(ONLY_FOR)) {
        const only = typeof onlyFor === 'string' ? [onlyFor] : onlyFor;
        // The runner passes action.yml's default for every input, so a value equal to its default
        // was not necessarily given by the user: only a different value is a mistake.
        if (!only.includes(strategy) && inputs.has(name) && inputs.raw(name) !== ACTION_DEFAULTS[name]) {
            throw new errors/* ConfigurationError */.j1(name, `is only used by strategy '${only.join("' or '")}', but strategy is '${strategy}'. Remove it or set strategy: ${only[0] ?? ''}.`, `strategy: ${only[0] ?? ''}`);
        }
    }
    const appDir = (0,paths/* parseAppDir */.ME)(inputs.raw('app-dir'));
    const releaseId = inputs.has('release-id') ? (0,deploy_release/* parseReleaseId */.y_)(inputs.raw('release-id')) : undefined;
    const userEnv = (0,command_env/* readCommandEnv */.t)(inputs, 'env', BUILTIN_ENV);
    const shell = {
        shell: (0,ssh_script/* parseShell */.aV)(inputs.raw('shell')),
        login: inputs.boolean('login-shell', false),
    };
    let script;
    let compose;
    let release;
    let stack;
    if (strategy === 'script') {
        script = inputs.string('script', {
            example: '|\n  cd /srv/app\n  git pull --ff-only\n  systemctl --user restart app',
        });
    }
    else if (strategy === 'compose') {
        compose = readCompose(inputs);
        compose.blueGreen = readBlueGreen(inputs, appDir);
        const bg = compose.blueGreen;
        if (bg && compose.images[bg.portVariable] !== undefined) {
            throw new errors/* ConfigurationError */.j1('port-variable', `'${bg.portVariable}' also holds an image (${bg.portVariable}=${compose.images[bg.portVariable]}): it must differ from image-variable and every images variable.`, 'port-variable: PORT');
        }
    }
    else if (strategy === 'stack') {
        stack = await readStack(inputs, appDir, env);
    }
    else {
        release = readRelease(inputs, env);
    }
    const health = (0,deploy_health/* readHealthGate */.w)(inputs);
    if (stack && health) {
        throw new errors/* ConfigurationError */.j1('health-command', "is not used by strategy stack: Swarm gates the update with the service's own health check (healthcheck: in the stack file or HEALTHCHECK in the image) and rolls it back when it fails.", 'healthcheck:\n  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]');
    }
    const ssh = await (0,ssh_inputs/* readSshInputs */.sl)(inputs);
    if (stack && ssh.hosts.length !== 1) {
        throw new errors/* ConfigurationError */.j1('hosts', `strategy stack deploys through one Swarm manager, but ${ssh.hosts.length} hosts are given: Swarm itself places the tasks on its nodes.`, 'hosts: deploy@manager.example.com');
    }
    const github = (0,github_inputs/* readGithubDeploymentInputs */.yo)(inputs);
    return {
        ssh,
        strategy,
        appDir,
        releaseId,
        shell,
        env: userEnv,
        script,
        compose,
        release,
        stack,
        health,
        lock: (0,lock_inputs/* readLockSettings */.p)(inputs),
        parallel: readParallel(inputs),
        rolling: readRolling(inputs),
        failFast: inputs.boolean('fail-fast', true),
        commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
        hostTimeoutMs: inputs.duration('host-timeout', '30m', { min: 1000 }),
        dryRun: inputs.boolean('dry-run', false),
        run: runInfoFromEnv(env),
        github,
    };
}
function readRolling(inputs) {
    if (!inputs.has('rolling-batch')) {
        if (inputs.has('rolling-wait')) {
            throw new errors/* ConfigurationError */.j1('rolling-wait', "is set but 'rolling-batch' is not.", 'rolling-batch: 2');
        }
        return undefined;
    }
    const parallel = inputs.raw('parallel').toLowerCase();
    if (parallel !== '' && parallel !== 'all') {
        throw new errors/* ConfigurationError */.j1('parallel', "and 'rolling-batch' both say how many hosts deploy at once; set only one.", 'rolling-batch: 25%');
    }
    return {
        batch: (0,rolling/* parseBatchSize */.DV)(inputs.raw('rolling-batch')),
        waitMs: inputs.duration('rolling-wait', '0s', { min: 0 }),
    };
}
const BLUE_GREEN_INPUTS = [
    'ports',
    'port-variable',
    'compose-project',
    'upstream-file',
    'proxy-reload-command',
    'drain-timeout',
];
function readBlueGreen(inputs, appDir) {
    if (!inputs.boolean('zero-downtime', false)) {
        for (const name of BLUE_GREEN_INPUTS) {
            if (inputs.has(name)) {
                throw new errors/* ConfigurationError */.j1(name, "is only used with 'zero-downtime: true'.", 'zero-downtime: true');
            }
        }
        return undefined;
    }
    const portsText = inputs.list('ports');
    const ports = (portsText.length === 0 ? ['8081', '8082'] : portsText).map(Number);
    const [blue, green] = ports;
    if (ports.length !== 2 ||
        blue === undefined ||
        green === undefined ||
        blue === green ||
        !ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)) {
        throw new errors/* ConfigurationError */.j1('ports', `must be two different ports, blue then green, got '${inputs.raw('ports')}'.`, 'ports: 8081,8082');
    }
    const portVariable = inputs.string('port-variable', { default: 'PORT' });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portVariable)) {
        throw new errors/* ConfigurationError */.j1('port-variable', `'${portVariable}' is not a variable name.`, 'port-variable: PORT');
    }
    const defaultProject = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    const project = inputs.string('compose-project', { default: defaultProject });
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(project)) {
        throw new errors/* ConfigurationError */.j1('compose-project', `'${project}' is not a Compose project name (lower-case letters, digits, - and _, starting with a letter or digit).`, 'compose-project: shop');
    }
    const upstreamFile = inputs.string('upstream-file', { example: '/etc/nginx/upstreams/shop.conf' });
    checkRelativeFile(upstreamFile, 'upstream-file', 'upstream-file: /etc/nginx/upstreams/shop.conf');
    return {
        ports: { blue, green },
        portVariable,
        project,
        upstreamFile,
        reloadCommand: inputs.string('proxy-reload-command', { default: 'nginx -s reload' }),
        drainMs: inputs.duration('drain-timeout', '10s', { min: 0 }),
    };
}
function readParallel(inputs) {
    const raw = inputs.raw('parallel').toLowerCase();
    if (raw === '' || raw === 'all')
        return 0;
    return inputs.integer('parallel', 0, { min: 1, max: 1000 });
}
/**
 * `image` and `images` together: `image` is one more line, `<image-variable>=<image>`, written
 * first (a one-image workflow adds its second image without rewriting the first); a variable given
 * twice is refused. Neither: refused.
 */
function readCompose(inputs) {
    const settings = (0,compose_inputs/* readComposeSettings */._)(inputs);
    const lines = (0,image_lines/* parseImageLines */.s9)(inputs.list('images'), 'variable');
    const images = {};
    if (inputs.has('image')) {
        const one = (0,compose/* parseImageReference */.o_)(inputs.string('image'));
        if (lines[settings.imageVariable] !== undefined) {
            throw new errors/* ConfigurationError */.j1('images', `line '${settings.imageVariable}=${lines[settings.imageVariable]}' sets ${settings.imageVariable}, which 'image' already sets (image-variable: ${settings.imageVariable}); give that image once, in 'image' or in 'images'.`, (0,image_lines/* imageLinesExample */.pG)('variable'));
        }
        images[settings.imageVariable] = one;
    }
    else if (Object.keys(lines).length === 0) {
        throw new errors/* ConfigurationError */.j1('image', "is required for strategy compose (or 'images', one VARIABLE=image line per image of the compose file).", `image: ghcr.io/acme/shop:\${{ github.sha }}`);
    }
    Object.assign(images, lines);
    const image = Object.values(images)[0] ?? '';
    const shared = (0,compose_inputs/* readRegistryLogin */.T)(inputs);
    let login;
    if (shared) {
        // without a registry input, the image's registry (which may not be a usable host name)
        const registry = shared.registry ?? (0,compose/* registryOf */.Fv)(image);
        if (!/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
            throw new errors/* ConfigurationError */.j1('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
        }
        login = { ...shared, registry };
    }
    return {
        settings,
        image,
        images,
        login,
        restoreOnFailure: inputs.boolean('restore-on-failure', true),
    };
}
function checkRelativeFile(path, input, example) {
    if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
        throw new errors/* ConfigurationError */.j1(input, `'${path}' must be a path relative to app-dir (or absolute), without '..'.`, example);
    }
}
async function readStack(inputs, appDir, env) {
    const fileInput = inputs.string('stack-file', { example: 'deploy/stack.yml' });
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const file = (0,external_node_path_.isAbsolute)(fileInput) ? fileInput : (0,external_node_path_.resolve)(workspace, fileInput);
    if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile()) {
        throw new errors/* ConfigurationError */.j1('stack-file', `'${fileInput}' is not a file in the workspace (${file}). Check out the repository first, or fix the path.`, 'stack-file: deploy/stack.yml');
    }
    const defaultName = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    const name = inputs.string('stack-name', { default: defaultName });
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) {
        throw new errors/* ConfigurationError */.j1('stack-name', `'${name}' is not a stack name (lower-case letters, digits, - and _, starting with a letter or digit).`, 'stack-name: shop');
    }
    const images = (0,image_lines/* parseImageLines */.s9)(inputs.list('images'), 'service');
    const image = inputs.has('image')
        ? (0,compose/* parseImageReference */.o_)(inputs.string('image', { example: 'ghcr.io/acme/shop:1.4.2' }))
        : undefined;
    if (image !== undefined && Object.keys(images).length > 0) {
        throw new errors/* ConfigurationError */.j1('image', "and 'images' both set images; give 'image' for a one-service stack, or 'images' lines.", 'images: |\n  web=ghcr.io/acme/shop-web:1.4.2');
    }
    const { renderStack } = await Promise.all(/* import() */[__webpack_require__.e(8815), __webpack_require__.e(5989)]).then(__webpack_require__.bind(__webpack_require__, 95989));
    const rendered = renderStack((0,external_node_fs_.readFileSync)(file, 'utf8'), { images, image }, `'${fileInput}'`);
    const shared = (0,compose_inputs/* readRegistryLogin */.T)(inputs);
    let login;
    if (shared) {
        const first = Object.values(rendered.images)[0] ?? '';
        const registry = shared.registry ?? (0,compose/* registryOf */.Fv)(first);
        login = { ...shared, registry };
    }
    return {
        name,
        fileInput,
        rendered,
        login,
        convergeTimeoutMs: inputs.duration('converge-timeout', '5m', { min: 1000 }),
        pollIntervalMs: 1000,
    };
}
function readRelease(inputs, env) {
    const sourceInput = inputs.string('source', { example: 'dist/' });
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const source = (0,external_node_path_.isAbsolute)(sourceInput) ? sourceInput : (0,external_node_path_.resolve)(workspace, sourceInput);
    if (!(0,external_node_fs_.existsSync)(source)) {
        throw new errors/* ConfigurationError */.j1('source', `'${sourceInput}' does not exist in the workspace (${source}). Build it in an earlier step.`, 'source: dist/');
    }
    let sourceKind;
    if ((0,external_node_fs_.statSync)(source).isDirectory())
        sourceKind = 'directory';
    else if (/\.(tar|tar\.gz|tgz)$/.test(source))
        sourceKind = 'archive';
    else {
        throw new errors/* ConfigurationError */.j1('source', `'${sourceInput}' must be a directory or a .tar, .tar.gz or .tgz archive.`, 'source: build/app.tar.gz');
    }
    return {
        source,
        sourceInput,
        sourceKind,
        shared: (0,deploy_release/* parseSharedPaths */.jq)(inputs.list('shared')),
        beforeSwitch: inputs.optionalString('before-switch'),
        afterSwitch: inputs.optionalString('after-switch'),
        keepReleases: inputs.integer('keep-releases', 5, { min: 1, max: 100 }),
    };
}

// EXTERNAL MODULE: ./build/actions/deploy-ssh/outputs.js
var outputs = __webpack_require__(92127);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/deploy/swarm-report.js
var swarm_report = __webpack_require__(15905);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js + 1 modules
var strategy_blue_green = __webpack_require__(87636);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/report.js
// What a person reads after a deploy: the outputs, the job summary table, the failure message.






/** The report output: a JSON document other steps (and the rollback stage) can read. */
function reportJson(config, result, dryRun = false) {
    return JSON.stringify({
        strategy: result.strategy,
        releaseId: result.releaseId,
        previousReleaseId: result.previousReleaseId ?? null,
        previousImage: result.previousImage ?? null,
        ...(config.compose ? { previousImages: result.previousImages ?? {} } : {}),
        appDir: config.appDir,
        image: config.compose?.image,
        ...(config.compose ? { images: config.compose.images } : {}),
        dryRun,
        durationMs: result.durationMs,
        hosts: result.hosts.map((h) => ({
            host: h.host,
            result: h.result,
            durationMs: h.durationMs,
            releaseId: h.releaseId,
            previousReleaseId: h.previousReleaseId ?? null,
            ...(h.previousImage ? { previousImage: h.previousImage } : {}),
            ...(h.previousImages ? { previousImages: h.previousImages } : {}),
            ...(h.phase ? { phase: h.phase } : {}),
            ...(h.error ? { error: h.error } : {}),
            ...(h.pruned ? { pruned: h.pruned } : {}),
            ...(h.batch ? { batch: h.batch } : {}),
            ...(h.color ? { color: h.color } : {}),
            ...(h.outputs ? { outputs: h.outputs } : {}),
        })),
        ...(result.batches ? { batches: result.batches } : {}),
        ...(config.stack
            ? { stack: config.stack.name, services: JSON.parse(servicesJson(result)) }
            : {}),
    });
}
/** strategy stack: each service's replicas running/desired, image and update outcome, as JSON. */
function servicesJson(result) {
    return (0,swarm_report/* servicesJson */.n)(result.hosts.find((h) => h.stack)?.stack);
}
function deployOutputs(config, result, dryRun = false) {
    return {
        'release-id': result.releaseId,
        'previous-release-id': result.previousReleaseId ?? '',
        'previous-image': result.previousImage ?? '',
        'previous-images': (0,image_lines/* formatImageLines */.uJ)(result.previousImages),
        'hosts-succeeded': result.hosts
            .filter((h) => h.result === 'succeeded')
            .map((h) => h.host)
            .join(','),
        'hosts-failed': result.hosts
            .filter((h) => h.result !== 'succeeded')
            .map((h) => h.host)
            .join(','),
        report: reportJson(config, result, dryRun),
        services: servicesJson(result),
        'compose-command': liveComposeCommand(config, result),
    };
}
/**
 * strategy compose: the Compose command that reaches the release serving now, run from app-dir —
 * for `docker compose exec` in later steps (migrate's compose-command). zero-downtime: the live
 * color's project and env file (the new color when the deploy went live); else the command with the
 * deploy's compose files and env file. Empty for other strategies, and for zero-downtime when no host
 * went live.
 */
function liveComposeCommand(config, result) {
    const c = config.compose;
    if (!c)
        return '';
    if (!c.blueGreen)
        return (0,compose/* composeBase */.sK)({ ...c.settings, appDir: config.appDir });
    const color = result.hosts.find((h) => h.result === 'succeeded' && h.color)?.color;
    return color ? (0,strategy_blue_green/* colorCompose */.yg)(c, c.blueGreen, color) : '';
}
function resultCell(h) {
    if (h.result === 'succeeded')
        return `${(0,summary/* statusIcon */.I8)('success')} deployed`;
    if (h.result === 'cancelled')
        return `${(0,summary/* statusIcon */.I8)('skipped')} cancelled`;
    if (h.result === 'rolled-back')
        return `${(0,summary/* statusIcon */.I8)('failure')} rolled back`;
    return `${(0,summary/* statusIcon */.I8)('failure')} failed${h.phase ? ` (${h.phase})` : ''}`;
}
/** The job summary: one row per host, then the errors. */
function deploySummary(config, result) {
    const ok = result.hosts.filter((h) => h.result === 'succeeded').length;
    const many = config.compose ? Object.keys(config.compose.images).length > 1 : false;
    const what = config.compose
        ? many
            ? ` (${Object.keys(config.compose.images).length} images)`
            : ` \`${config.compose.image}\``
        : config.stack
            ? ` (stack \`${config.stack.name}\`)`
            : config.release
                ? ` from \`${config.release.sourceInput}\``
                : '';
    const head = ok === result.hosts.length
        ? `### ${(0,summary/* statusIcon */.I8)('success')} deploy-ssh: release \`${result.releaseId}\`${what} is live on ${ok} host${ok === 1 ? '' : 's'}`
        : `### ${(0,summary/* statusIcon */.I8)('failure')} deploy-ssh: release \`${result.releaseId}\`${what} failed on ${result.hosts.length - ok} of ${result.hosts.length} hosts`;
    const table = (0,summary/* markdownTable */.Qj)(['Host', 'Result', 'Duration', 'Release', 'Previous'], result.hosts.map((h) => [
        h.host,
        resultCell(h),
        (0,duration/* formatDuration */.a)(h.durationMs),
        h.result === 'succeeded' ? `${h.releaseId}${h.color ? ` (${h.color})` : ''}` : '—',
        h.previousReleaseId,
    ]));
    const mode = config.compose?.blueGreen ? ' · zero-downtime (blue-green)' : '';
    const parts = [
        head,
        '',
        `Strategy \`${config.strategy}\`${mode} · app-dir \`${config.appDir}\` · ${(0,duration/* formatDuration */.a)(result.durationMs)}`,
        '',
    ];
    if (result.batches)
        parts.push(...rolloutSection(result), '');
    if (config.compose)
        parts.push(...imagesSection(config, result), '');
    parts.push(table);
    const stack = result.hosts.find((h) => h.stack)?.stack;
    if (config.stack)
        parts.push('', ...stackSection(config, stack));
    const failed = result.hosts.filter((h) => h.result === 'failed');
    if (failed.length > 0) {
        parts.push('', (0,summary/* details */.zH)('Errors', failed.map((h) => `${h.host} (${h.phase ?? '?'}):\n${h.error ?? ''}`).join('\n\n')));
    }
    return `${parts.join('\n')}\n`;
}
/** strategy compose: every image this deploy sets, beside the one it replaces (several images: a table). */
function imagesSection(config, result) {
    const c = config.compose;
    if (!c || Object.keys(c.images).length < 2)
        return [];
    return [
        (0,summary/* markdownTable */.Qj)(['Variable', 'Image', 'Previous'], Object.entries(c.images).map(([v, ref]) => [
            v,
            `\`${ref}\``,
            result.previousImages?.[v] ? `\`${result.previousImages[v]}\`` : '—',
        ])),
    ];
}
/** strategy stack: one row per service, then the update settings we filled in. */
function stackSection(config, stack) {
    const s = config.stack;
    if (!s)
        return [];
    const out = [];
    if (stack)
        out.push(...(0,swarm_report/* stackStatusLines */.E)(stack));
    if (s.rendered.defaults.length > 0) {
        out.push('', (0,summary/* details */.zH)('Update settings filled in (the stack file did not set them)', s.rendered.defaults.join('\n')));
    }
    return out;
}
const BATCH_ICON = {
    deployed: (0,summary/* statusIcon */.I8)('success'),
    failed: (0,summary/* statusIcon */.I8)('failure'),
    'rolled back': (0,summary/* statusIcon */.I8)('failure'),
    'not started': (0,summary/* statusIcon */.I8)('skipped'),
};
/** Rolling deploy: one line saying how far it got, then one row per batch. */
function rolloutSection(result) {
    const batches = result.batches ?? [];
    const failed = batches.find((b) => b.result === 'failed');
    const rolledBack = result.hosts.filter((h) => h.result === 'rolled-back').map((h) => h.host);
    const line = failed
        ? `**Rolling deploy stopped at batch ${failed.batch} of ${batches.length}**` +
            (rolledBack.length > 0 ? `; rolled back: ${rolledBack.join(', ')}` : '; no earlier host to roll back') +
            `; not started: ${batches
                .filter((b) => b.result === 'not started')
                .flatMap((b) => b.hosts)
                .join(', ') || 'none'}.`
        : `Rolling deploy: ${batches.length} batches, the first host alone as the canary.`;
    const table = (0,summary/* markdownTable */.Qj)(['Batch', 'Hosts', 'Result'], batches.map((b) => [
        `${b.batch}${b.batch === 1 ? ' (canary)' : ''}`,
        b.hosts.join(', '),
        `${BATCH_ICON[b.result] ?? ''} ${b.result}`,
    ]));
    return [line, '', table];
}
function dryRunSummary(config, releaseId, planText) {
    return [
        `### ${(0,summary/* statusIcon */.I8)('skipped')} deploy-ssh (dry run): release \`${releaseId}\` to ${config.ssh.hosts.length} host(s) — nothing was changed`,
        '',
        (0,summary/* details */.zH)('Plan', planText),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/main.js













async function main() {
    const inputs = new lib_inputs/* Inputs */.G0();
    const config = await readDeployInputs(inputs);
    const provenance = (0,provenance_inputs/* readProvenanceInputs */.l)(inputs);
    // before any host is contacted (and on a dry run too): refuse an image without a passing
    // attestation; deploy the digest that was verified
    if (provenance)
        await verifyDeployImages(config, provenance);
    const releaseId = config.releaseId ?? (0,deploy_release/* defaultReleaseId */.sQ)(new Date(), config.run.sha, config.run);
    const token = (0,lock/* newLockToken */.$I)();
    if (config.dryRun) {
        const { formatPlan, planHost } = await __webpack_require__.e(/* import() */ 5322).then(__webpack_require__.bind(__webpack_require__, 17524));
        const plans = config.ssh.hosts.map((host) => planHost(config, host, { releaseId, token, previous: { known: false } }));
        const text = formatPlan(config, plans);
        await core/* group */.Os('Plan (dry run: nothing is contacted or changed)', async () => core/* info */.pq(text));
        const outputs = deployOutputs(config, { strategy: config.strategy, releaseId, hosts: [], durationMs: 0 }, true);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        setGithubDeploymentId('');
        await (0,summary/* writeSummary */.Sy)(dryRunSummary(config, releaseId, text));
        return;
    }
    // the deploy machinery (fleet, strategies, ssh client) loads once the inputs are valid and it runs
    const { deploy, deployError } = await Promise.all(/* import() */[__webpack_require__.e(5810), __webpack_require__.e(6986)]).then(__webpack_require__.bind(__webpack_require__, 36986));
    // Recorded as a GitHub deployment (in_progress) before any server is touched, while the hosts
    // connect (that changes nothing); the bookkeeping never throws and is off without github-token +
    // environment. Rollback reads release/image from its payload.
    const starting = (0,github_inputs/* startGithubDeployment */.ZX)(config.github, {
        description: `Deploying ${releaseId}`,
        payload: { release: releaseId, image: config.compose?.image, strategy: config.strategy },
    }).then((deployment) => {
        setGithubDeploymentId(deployment.id === undefined ? '' : String(deployment.id));
        return deployment;
    });
    // the runner cancels a job with SIGINT (then SIGTERM): stop, undo, release the locks
    const cancel = new AbortController();
    const onSignal = () => {
        core/* warning */.$e('Cancelled: stopping the running commands, undoing unfinished hosts and releasing the locks.');
        cancel.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
        const result = await deploy(config, {
            releaseId,
            token,
            lockInfo: (0,lock/* lockInfoFromEnv */.rd)(token),
            signal: cancel.signal,
            beforeLock: starting,
            onLocking: (saved) => core/* saveState */.LZ(lock/* LOCK_STATE_KEY */.or, JSON.stringify(saved)),
            onUnlocked: () => core/* saveState */.LZ(lock/* LOCK_RELEASED_STATE_KEY */.My, 'true'),
        }).catch(async (error) => {
            await (await starting).fail(oneLine((0,errors/* errorMessage */.gJ)(error)));
            throw error;
        });
        const deployment = await starting;
        const outputs = deployOutputs(config, result);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        setScriptOutputs(result.hosts);
        for (const h of result.hosts) {
            core/* info */.pq(`${h.host}: ${h.result}${h.phase && h.result !== 'succeeded' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`);
        }
        await (0,summary/* writeSummary */.Sy)(deploySummary(config, result));
        const error = deployError(result);
        if (error) {
            await deployment.fail(oneLine(error.message));
            throw error;
        }
        await deployment.succeed(config.github.environmentUrl, `Deployed ${releaseId}`);
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** github-deployment-id, and deployment-id: its deprecated name, kept with the same value in v1. */
function setGithubDeploymentId(id) {
    core/* setOutput */.uH('github-deployment-id', id);
    core/* setOutput */.uH('deployment-id', id);
}
/** The outputs the hosts' scripts set in $OPS_OUTPUT become step outputs (not masked: not for secrets). */
function setScriptOutputs(hosts) {
    const { values, differing } = (0,outputs/* mergeScriptOutputs */.Y)(hosts);
    for (const [k, v] of Object.entries(values))
        core/* setOutput */.uH(k, v);
    if (differing.length > 0) {
        core/* warning */.$e(`The hosts' scripts set different values for ${differing.map((n) => `'${n}'`).join(', ')} in $OPS_OUTPUT: ` +
            `the step output has the value of the first host (in the order of hosts) that set it; ` +
            `every host's values are in the report output (hosts[].outputs).`);
    }
}
/** A deployment status description: one line (the library cuts it to GitHub's 140 characters). */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
async function post() {
    const saved = (0,lock/* parseSavedLocks */.NE)(core/* getState */.Gu(lock/* LOCK_STATE_KEY */.or));
    if (!saved)
        return;
    if (core/* getState */.Gu(lock/* LOCK_RELEASED_STATE_KEY */.My) === 'true') {
        core/* info */.pq('The deploy released its locks itself.');
        return;
    }
    const ssh = await (0,ssh_inputs/* readSshInputs */.sl)(new lib_inputs/* Inputs */.G0());
    await (0,lock/* releaseSavedLocks */.T_)(ssh, saved);
}
/** verify-provenance: the compose images or the stack's images, pinned to their verified digests. */
async function verifyDeployImages(config, provenance) {
    const images = config.compose
        ? [...new Set(Object.values(config.compose.images))]
        : config.stack
            ? [...new Set(Object.values(config.stack.rendered.images))]
            : [];
    if (images.length === 0) {
        throw new errors/* ConfigurationError */.j1('verify-provenance', `checks the image a deploy runs; strategy '${config.strategy}' deploys no image. Use strategy compose or stack, or remove verify-provenance.`, 'strategy: compose');
    }
    const login = config.compose?.login ?? config.stack?.login;
    const { verifyImagesProvenance } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(1168), __webpack_require__.e(523)]).then(__webpack_require__.bind(__webpack_require__, 10523));
    const verified = await core/* group */.Os('Verify provenance', () => verifyImagesProvenance(images, provenance, {
        log: (line) => core/* info */.pq(line),
        ...(login ? { registry: { username: login.username, password: login.password } } : {}),
    }));
    for (const v of verified) {
        if (config.compose) {
            // every env-file variable that named this image gets the verified digest
            const compose = config.compose;
            for (const [variable, image] of Object.entries(compose.images)) {
                if (image === v.image)
                    compose.images[variable] = v.pinned;
            }
            compose.image = Object.values(compose.images)[0] ?? v.pinned;
        }
        if (config.stack && v.pinned !== v.image) {
            const stack = config.stack.rendered;
            for (const [service, image] of Object.entries(stack.images)) {
                if (image === v.image)
                    stack.images[service] = v.pinned;
            }
            // the whole reference only (not a prefix of a longer one)
            const escaped = v.image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            stack.yaml = stack.yaml.replace(new RegExp(`${escaped}(?=["'\\s]|$)`, 'gm'), v.pinned);
        }
    }
}


/***/ }),

/***/ 92127:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ mergeScriptOutputs),
/* harmony export */   r: () => (/* binding */ DEPLOY_OUTPUT_NAMES)
/* harmony export */ });
// The step's outputs: the action's own (action.yml) and those the hosts' scripts set in $OPS_OUTPUT.
/** The outputs action.yml declares: a script may not set these names (a unit test keeps the two equal). */
const DEPLOY_OUTPUT_NAMES = [
    'release-id',
    'previous-release-id',
    'previous-image',
    'previous-images',
    'hosts-succeeded',
    'hosts-failed',
    'report',
    'services',
    'compose-command',
    'github-deployment-id',
    'deployment-id',
];
/** The step outputs of all hosts' scripts as one set of names. Pure. */
function mergeScriptOutputs(hosts) {
    const values = {};
    const differing = new Set();
    for (const h of hosts) {
        for (const [name, value] of Object.entries(h.outputs ?? {})) {
            if (!(name in values))
                values[name] = value;
            else if (values[name] !== value)
                differing.add(name);
        }
    }
    return { values, differing: [...differing] };
}


/***/ }),

/***/ 87636:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q1: () => (/* binding */ blueGreenPhases),
  qs: () => (/* binding */ blueGreenStateFiles),
  yg: () => (/* binding */ colorCompose),
  kA: () => (/* binding */ idleColor),
  J7: () => (/* binding */ liveColorFromUpstream)
});

// UNUSED EXPORTS: colorDownCommand, colorEnvFile, colorPullCommand, colorUpCommand, writeColorEnvScript

// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var deploy_compose = __webpack_require__(98922);
// EXTERNAL MODULE: ./build/lib/deploy/image-lines.js
var image_lines = __webpack_require__(90473);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
// EXTERNAL MODULE: ./build/lib/deploy/paths.js
var paths = __webpack_require__(44738);
// EXTERNAL MODULE: ./build/lib/deploy/replace-file.js
var replace_file = __webpack_require__(59933);
;// CONCATENATED MODULE: ./build/lib/deploy/proxy-nginx.js
// The nginx side of a blue-green switch: the upstream file the user's nginx config includes inside
// its `upstream { … }` block holds one line, `server 127.0.0.1:<port>;`. Switching is writing that
// file atomically (temporary file + `mv -T`, the old one kept for the undo) and reloading nginx,
// whose old workers finish the requests in flight. Pure builders of the remote commands.



/** What nginx reads: `server 127.0.0.1:8081;` and a comment saying who wrote it. */
function upstreamContent(port, color, releaseId) {
    return `# written by ops-actions deploy-ssh: ${color}, release ${releaseId}\nserver 127.0.0.1:${port};\n`;
}
/** The port of the first `server host:port` line of an upstream file, if any. */
function parseUpstreamPort(text) {
    for (const line of text.split('\n')) {
        const m = /^\s*server\s+[^\s;]*:(\d+)\b[^;]*;/.exec(line);
        if (m)
            return Number(m[1]);
    }
    return undefined;
}
/** Where the upstream file before the last switch is kept (for the undo). */
function upstreamBackupPath(appDir) {
    return `${(0,paths/* stateDir */.Pn)(appDir)}/upstream.previous`;
}
/** The upstream file's path on the server (relative to app-dir unless absolute). */
function upstreamPath(appDir, file) {
    return file.startsWith('/') ? file : `${appDir}/${file}`;
}
/**
 * Points the upstream file at `port`: the old file is copied aside first, the new one written next
 * to it (with the old one's mode) and renamed over it, so nginx never reads half a file and a failed
 * write leaves the old one whole. Pure.
 */
function writeUpstreamScript(appDir, file, port, color, releaseId) {
    const path = upstreamPath(appDir, file);
    const f = (0,quote/* shellQuote */.ZL)(path);
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)((0,paths/* stateDir */.Pn)(appDir))}`,
        `if [ -f ${f} ]; then ${(0,replace_file/* copyFileScript */.PJ)(path, upstreamBackupPath(appDir))} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
        // nginx (often another user) reads it: the old file's mode is kept, a new one gets the umask's
        (0,replace_file/* replaceFileScript */.Ac)(path, `printf '%s' ${(0,quote/* shellQuote */.ZL)(upstreamContent(port, color, releaseId))}`, {
            secret: false,
        }),
    ].join(' && ');
}
/** Puts back the upstream file saved by writeUpstreamScript (atomically). Pure. */
function restoreUpstreamScript(appDir, file) {
    const f = (0,quote/* shellQuote */.ZL)(upstreamPath(appDir, file));
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return `if [ -f ${backup} ]; then ${(0,replace_file/* copyFileScript */.PJ)(upstreamBackupPath(appDir), upstreamPath(appDir, file))}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved upstream file to restore' >&2; exit 1; fi`;
}
/** Prints the upstream file ('' when there is none). Read-only. Pure. */
function readUpstreamScript(appDir, file) {
    const f = shellQuote(upstreamPath(appDir, file));
    return `if [ -f ${f} ]; then cat ${f}; fi`;
}

// EXTERNAL MODULE: ./build/lib/deploy/steps.js + 1 modules
var steps = __webpack_require__(25093);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js
// strategy compose with `zero-downtime: true` (blue-green): the same compose file runs as two
// compose projects, `<project>-blue` and `<project>-green`, each with its own env file
// (`<env-file>.<color>`: the env file's other lines + IMAGE=<image> — or every VAR=<image> of
// `images` — + PORT=<its port>). A deploy starts the idle color with the new images beside the live one and health-checks it on its own
// port; only then the nginx upstream file is pointed at it and nginx reloaded (old workers finish
// the requests in flight); after drain-timeout the old color is stopped. If the new color never
// gets healthy it is removed and the old one keeps serving, untouched.






/** The color that is not live (blue when none is). `undefined` previous: a dry run, not known yet. */
function idleColor(previous) {
    if (!previous.known)
        return undefined;
    return previous.color === 'blue' ? 'green' : 'blue';
}
const IDLE = '<idle color>';
const LIVE = '<live color>';
/** `<env-file>.<color>`, relative to app-dir unless env-file is absolute. */
function colorEnvFile(c, color) {
    return `${c.settings.envFile}.${color}`;
}
/** The compose command of one color's project: `docker compose -p shop-green [-f …] [--env-file …]`. */
function colorCompose(c, bg, color, withEnvFile = true) {
    const args = [...c.settings.command, '-p', `${bg.project}-${color}`];
    for (const f of c.settings.files)
        args.push('-f', f);
    if (withEnvFile)
        args.push('--env-file', colorEnvFile(c, color));
    return (0,quote/* shellJoin */.nZ)(args);
}
function cd(appDir) {
    return `cd ${(0,quote/* shellQuote */.ZL)(appDir)}`;
}
function lineMatcher(variables) {
    return `^[[:space:]]*(export[[:space:]]+)?(${variables.join('|')})[[:space:]]*=`;
}
/**
 * Writes `<env-file>.<color>`: the env file's lines without IMAGE/PORT (every images variable), then
 * IMAGE= (each VAR= of `images`; a string is the one image of image-variable) and PORT=. It
 * holds the env file's secrets, so it gets the env file's mode (0600 when there is no env file),
 * written to a temporary file and renamed into place. Pure.
 */
function writeColorEnvScript(appDir, c, bg, color, image, port) {
    const f = (0,quote/* shellQuote */.ZL)(c.settings.envFile);
    const images = typeof image === 'string' ? { [c.settings.imageVariable]: image } : image;
    const vars = [...Object.keys(images), bg.portVariable];
    const lines = [...Object.entries(images).map(([v, ref]) => `${v}=${ref}`), `${bg.portVariable}=${port}`];
    const producer = `if [ -f ${f} ]; then grep -Ev ${(0,quote/* shellQuote */.ZL)(lineMatcher(vars))} ${f} || true; fi; printf '%s\\n' ${lines.map(quote/* shellQuote */.ZL).join(' ')}`;
    return [
        cd(appDir),
        (0,replace_file/* replaceFileScript */.Ac)(colorEnvFile(c, color), producer, { modeFrom: c.settings.envFile, secret: true }),
    ].join(' && ');
}
/** Pulls the image for a color (the variables are set for this command only). Pure. */
function colorPullCommand(appDir, c, bg, color, port) {
    return `${cd(appDir)} && ${(0,deploy_compose/* imageAssignments */.YB)(c.images)} ${bg.portVariable}=${(0,quote/* shellQuote */.ZL)(String(port))} ${colorCompose(c, bg, color, false)} pull --quiet`;
}
/** `up -d --remove-orphans --wait` for one color. Pure. */
function colorUpCommand(appDir, c, bg, color) {
    const args = ['up', '-d', '--remove-orphans'];
    if (!(0,deploy_compose/* isComposeV1 */.e3)(c.settings))
        args.push('--wait');
    return `${cd(appDir)} && ${colorCompose(c, bg, color)} ${(0,quote/* shellJoin */.nZ)(args)}`;
}
/** Stops and removes one color's containers (with its env file when it exists). Pure. */
function colorDownCommand(appDir, c, bg, color) {
    const ef = (0,quote/* shellQuote */.ZL)(colorEnvFile(c, color));
    return `${cd(appDir)} && if [ -f ${ef} ]; then ${colorCompose(c, bg, color)} down --remove-orphans; else ${colorCompose(c, bg, color, false)} down --remove-orphans; fi`;
}
/** The color the upstream file points at now, from its port. */
function liveColorFromUpstream(bg, upstream) {
    const port = upstream === undefined ? undefined : parseUpstreamPort(upstream);
    if (port === bg.ports.blue)
        return 'blue';
    if (port === bg.ports.green)
        return 'green';
    return undefined;
}
/** Files the deploy reads under the lock to learn the live color and its image. */
function blueGreenStateFiles(config) {
    const c = config.compose;
    const bg = c?.blueGreen;
    if (!c || !bg)
        return {};
    const inApp = (f) => (f.startsWith('/') ? f : `${config.appDir}/${f}`);
    return {
        upstream: upstreamPath(config.appDir, bg.upstreamFile),
        'env-blue': inApp(colorEnvFile(c, 'blue')),
        'env-green': inApp(colorEnvFile(c, 'green')),
    };
}
function blueGreenPhases(config, ctx) {
    const c = config.compose;
    const bg = c?.blueGreen;
    if (!c || !bg)
        throw new Error('blue-green settings missing');
    const app = config.appDir;
    const compose = c.settings.command.join(' ');
    const next = idleColor(ctx.previous);
    const nextName = next ?? IDLE;
    const nextPort = next ? bg.ports[next] : '<idle port>';
    const live = ctx.previous.known ? ctx.previous.color : LIVE;
    const many = Object.keys(c.images).length > 1 || c.images[c.settings.imageVariable] === undefined;
    const listed = many
        ? (0,image_lines/* formatImageLines */.uJ)(c.images).split('\n').join(', ')
        : `${c.settings.imageVariable}=${c.image}`;
    const pull = c.login ? [(0,steps/* registryLoginStep */.tK)(c.login.registry, c.login.username)] : [];
    pull.push({
        kind: 'exec',
        title: `${compose} -p ${bg.project}-${nextName} pull ${many ? listed : c.image}`,
        command: colorPullCommand(app, c, bg, nextName, nextPort),
        registry: true,
    });
    const start = [
        {
            kind: 'exec',
            title: `write ${colorEnvFile(c, nextName)} (${listed}, ${bg.portVariable}=${nextPort})`,
            command: writeColorEnvScript(app, c, bg, nextName, c.images, nextPort),
        },
        {
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${nextName} up -d --remove-orphans${(0,deploy_compose/* isComposeV1 */.e3)(c.settings) ? '' : ' --wait'}`,
            command: colorUpCommand(app, c, bg, nextName),
        },
    ];
    if (config.health) {
        start.push({
            kind: 'health',
            title: `health-command (${nextName} on port ${nextPort})`,
            gate: config.health,
            cwd: app,
        });
    }
    const reload = {
        kind: 'script',
        title: `proxy-reload-command`,
        script: bg.reloadCommand,
        cwd: app,
    };
    const switchSteps = [
        {
            kind: 'exec',
            title: `point ${bg.upstreamFile} at 127.0.0.1:${nextPort} (${nextName})`,
            command: writeUpstreamScript(app, bg.upstreamFile, nextPort, nextName, ctx.releaseId),
        },
        reload,
    ];
    const retire = [];
    if (live !== undefined) {
        if (bg.drainMs > 0) {
            retire.push({
                kind: 'exec',
                title: `drain ${live} for ${bg.drainMs / 1000}s (drain-timeout)`,
                command: `sleep ${Math.ceil(bg.drainMs / 1000)}`,
            });
        }
        retire.push({
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${live} down`,
            command: colorDownCommand(app, c, bg, live),
        });
    }
    const removeNew = {
        kind: 'exec',
        title: `${compose} -p ${bg.project}-${nextName} down (the new color)`,
        command: colorDownCommand(app, c, bg, nextName),
    };
    const undoAfterCommit = [];
    if (live !== undefined) {
        undoAfterCommit.push({
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${live} up (the previous color)`,
            command: colorUpCommand(app, c, bg, live),
        });
    }
    undoAfterCommit.push({
        kind: 'exec',
        title: `restore ${bg.upstreamFile}`,
        command: restoreUpstreamScript(app, bg.upstreamFile),
    }, reload, removeNew);
    return {
        phases: [
            { name: 'Pull', steps: pull },
            { name: 'Start', steps: start },
            { name: 'Switch', commits: true, steps: switchSteps },
            { name: 'Retire', steps: retire },
        ],
        undoBeforeCommit: [removeNew],
        undoAfterCommit,
    };
}


/***/ }),

/***/ 39727:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ parseBatchSize),
/* harmony export */   un: () => (/* binding */ planBatches)
/* harmony export */ });
/* unused harmony export batchHosts */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
// Rolling deploys across hosts: the first host alone (the canary), then the rest in batches of a
// fixed size or a share of the hosts. Pure: which hosts go in which batch.

function parseBatchSize(text, input = 'rolling-batch') {
    const t = text.trim();
    const m = /^(\d+)(%?)$/.exec(t);
    const value = m ? Number(m[1]) : NaN;
    if (!m || value < 1 || (m[2] === '%' && value > 100)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `must be a number of hosts (such as 2) or a percentage of the hosts (such as 25%), got '${text}'.`, `${input}: 2`);
    }
    return m[2] === '%' ? { kind: 'percent', value } : { kind: 'count', value };
}
function batchHosts(size, total) {
    if (size.kind === 'count')
        return size.value;
    return Math.max(1, Math.ceil((total * size.value) / 100));
}
/**
 * Host indexes per batch: the hosts in order, `size` at a time, except that the first host goes
 * alone first (the canary) and the rest of its batch follows it.
 * planBatches(6, {count 2}) → [[0], [1], [2, 3], [4, 5]].
 */
function planBatches(total, size) {
    if (total === 0)
        return [];
    const n = batchHosts(size, total);
    const batches = [];
    for (let i = 0; i < total; i += n) {
        batches.push(Array.from({ length: Math.min(n, total - i) }, (_, k) => i + k));
    }
    const first = batches[0] ?? [];
    return first.length > 1 ? [[0], first.slice(1), ...batches.slice(1)] : batches;
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


/***/ })

};
