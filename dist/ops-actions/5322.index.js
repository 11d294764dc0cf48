export const id = 5322;
export const ids = [5322];
export const modules = {

/***/ 17524:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pP: () => (/* binding */ UNKNOWN_PREVIOUS),
  formatPlan: () => (/* binding */ formatPlan),
  _3: () => (/* binding */ healthSteps),
  planHost: () => (/* binding */ planHost)
});

// UNUSED EXPORTS: commandEnv

// EXTERNAL MODULE: ./build/lib/deploy/rolling.js
var rolling = __webpack_require__(39727);
// EXTERNAL MODULE: ./build/lib/deploy/steps.js + 1 modules
var steps = __webpack_require__(25093);
// EXTERNAL MODULE: ./build/lib/deploy/swarm.js
var swarm = __webpack_require__(96450);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js + 1 modules
var strategy_blue_green = __webpack_require__(87636);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/strategy-compose.js
var strategy_compose = __webpack_require__(52821);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/lib/deploy/release.js
var release = __webpack_require__(1451);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-release.js
// strategy: release — upload the build to releases/<id> (SFTP), link shared paths, run
// before-switch and the health command inside the new release, then switch `current` atomically and
// run after-switch. Before the switch a failure just deletes the new release; after it, `current`
// goes back to the previous release (and after-switch runs again for it).




function releasePhases(config, ctx) {
    const r = config.release;
    if (!r)
        throw new Error('release settings missing');
    const app = config.appDir;
    const id = ctx.releaseId;
    const dir = (0,release/* releaseDir */.ZI)(app, id);
    const partial = (0,release/* partialDir */.$v)(app, id, ctx.token);
    const upload = [
        { kind: 'exec', title: `create ${partial}`, command: (0,release/* prepareReleaseScript */.oA)(app, id, ctx.token) },
    ];
    if (r.sourceKind === 'directory') {
        upload.push({
            kind: 'upload',
            title: `upload ${r.sourceInput}`,
            local: r.source,
            remote: partial,
            archive: false,
        });
    }
    else {
        const remoteArchive = `${partial}.${(0,external_node_path_.basename)(r.source)}`;
        upload.push({
            kind: 'upload',
            title: `upload ${r.sourceInput}`,
            local: r.source,
            remote: remoteArchive,
            archive: true,
        });
        upload.push({
            kind: 'exec',
            title: `extract ${(0,external_node_path_.basename)(r.source)}`,
            command: (0,release/* extractArchiveScript */.nC)(remoteArchive, partial),
        });
    }
    upload.push({ kind: 'exec', title: `rename to ${dir}`, command: (0,release/* finishUploadScript */.mw)(app, id, ctx.token) });
    const prepare = [];
    if (r.shared.length > 0) {
        prepare.push({
            kind: 'exec',
            title: `link shared ${r.shared.map((s) => s.path + (s.directory ? '/' : '')).join(', ')}`,
            command: (0,release/* linkSharedScript */.RX)(app, id, r.shared),
        });
    }
    if (r.beforeSwitch)
        prepare.push({ kind: 'script', title: 'before-switch', script: r.beforeSwitch, cwd: dir });
    prepare.push(...healthSteps(config, dir));
    const activate = [
        {
            kind: 'exec',
            title: `switch current → releases/${id}`,
            command: (0,release/* switchCurrentScript */.lI)(app, id, ctx.token),
        },
    ];
    if (r.afterSwitch)
        activate.push({ kind: 'script', title: 'after-switch', script: r.afterSwitch, cwd: dir });
    const phases = [{ name: 'Upload', steps: upload }];
    if (prepare.length > 0)
        phases.push({ name: 'Prepare', steps: prepare });
    phases.push({ name: 'Activate', commits: true, steps: activate });
    phases.push({
        name: 'Clean up',
        steps: [
            {
                kind: 'exec',
                title: `keep the newest ${r.keepReleases} releases`,
                command: (0,release/* pruneReleasesScript */.Ch)(app, r.keepReleases),
                output: 'pruned',
            },
        ],
    });
    const removeNew = {
        kind: 'exec',
        title: `remove releases/${id}`,
        command: `rm -rf ${(0,quote/* shellQuote */.ZL)(partial)} && ${(0,release/* removeReleaseScript */.JA)(app, id)}`,
    };
    const previous = ctx.previous.known ? ctx.previous.releaseId : UNKNOWN_PREVIOUS;
    const undoAfterCommit = [];
    if (previous !== undefined) {
        undoAfterCommit.push({
            kind: 'exec',
            title: `switch current back → releases/${previous}`,
            command: (0,release/* switchCurrentScript */.lI)(app, previous, ctx.token),
        });
        if (r.afterSwitch) {
            const prevDir = (0,release/* releaseDir */.ZI)(app, previous);
            undoAfterCommit.push({
                kind: 'script',
                title: 'after-switch (previous release)',
                script: r.afterSwitch,
                cwd: prevDir,
                env: { RELEASE_ID: previous, RELEASE_DIR: prevDir, PREVIOUS_RELEASE_ID: id },
            });
        }
    }
    else {
        undoAfterCommit.push({
            kind: 'exec',
            title: 'remove current (there was no previous release)',
            command: (0,release/* removeCurrentScript */.te)(app),
        });
    }
    undoAfterCommit.push(removeNew);
    return { phases, undoBeforeCommit: [removeNew], undoAfterCommit };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-script.js

function scriptPhases(config, _ctx) {
    const steps = [
        { kind: 'script', title: 'script', script: config.script ?? '', cwd: config.appDir },
        ...healthSteps(config, config.appDir),
    ];
    const phases = [{ name: 'Run script', commits: true, steps }];
    // a script's effects are its own: there is nothing generic to undo
    return { phases, undoBeforeCommit: [], undoAfterCommit: [] };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-stack.js
// strategy: stack — a Docker Swarm stack deployed through one manager: log in (our login reaches
// the agents through --with-registry-auth), write the stack file (images set, safe update defaults
// filled in) to the app dir, `docker stack deploy`, then follow every service until it converged.
// Swarm itself rolls a failing update back (failure_action: rollback); when the deploy times out,
// the services still updating are rolled back.


function stackPhases(config, ctx) {
    const s = config.stack;
    if (!s)
        throw new Error('stack settings missing');
    const file = (0,swarm/* stackFilePath */.k2)(config.appDir, ctx.releaseId);
    const prepare = s.login ? [(0,steps/* registryLoginStep */.tK)(s.login.registry, s.login.username)] : [];
    prepare.push({
        kind: 'exec',
        title: `write the stack file ${file} (${s.rendered.services.length} service(s))`,
        command: (0,swarm/* writeStackFileCommand */.v2)(file, s.rendered.yaml),
    });
    const deploy = {
        kind: 'stack',
        title: `docker stack deploy ${s.name}, then follow ${s.rendered.services.join(', ')} until converged (up to ${s.convergeTimeoutMs / 1000}s)`,
        command: (0,swarm/* stackDeployCommand */.F0)({ stack: s.name, file }),
        stack: s.name,
        services: s.rendered.services,
        timeoutMs: s.convergeTimeoutMs,
        intervalMs: s.pollIntervalMs,
    };
    return {
        phases: [
            { name: 'Prepare', steps: prepare },
            { name: 'Deploy stack', commits: true, steps: [deploy] },
        ],
        undoBeforeCommit: [],
        undoAfterCommit: [
            {
                kind: 'exec',
                title: `roll back the services of ${s.name} still updating`,
                command: (0,swarm/* rollbackUnfinishedScript */.RZ)(s.name),
            },
        ],
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/plan.js
// A deploy is data before it is anything else: for each host, the phases and the exact remote
// commands, plus what to run to undo a failure. `dry-run` prints this; the executor runs it.









/** How a previous release/image is shown in a dry run, where it is not known yet. */
const UNKNOWN_PREVIOUS = '<previous>';
function commandEnv(config, host, ctx) {
    const env = {
        ...config.env,
        RELEASE_ID: ctx.releaseId,
        PREVIOUS_RELEASE_ID: ctx.previous.known ? (ctx.previous.releaseId ?? '') : UNKNOWN_PREVIOUS,
        APP_DIR: config.appDir,
        DEPLOY_HOST: host.label,
        GIT_SHA: config.run.sha ?? '',
    };
    if (config.strategy === 'release')
        env['RELEASE_DIR'] = `${config.appDir}/releases/${ctx.releaseId}`;
    if (config.compose)
        env['DEPLOY_IMAGE'] = config.compose.image;
    const bg = config.compose?.blueGreen;
    if (bg) {
        const color = (0,strategy_blue_green/* idleColor */.kA)(ctx.previous);
        env['DEPLOY_COLOR'] = color ?? '<idle color>';
        env['DEPLOY_PORT'] = color ? String(bg.ports[color]) : '<idle port>';
    }
    return env;
}
/** The health gate step, run in `cwd` (app-dir, or the new release), when health-command is set. */
function healthSteps(config, cwd) {
    if (!config.health)
        return [];
    return [{ kind: 'health', title: 'health-command', gate: config.health, cwd }];
}
/** The plan for one host. Pure: the same inputs give the same plan. */
function planHost(config, host, ctx) {
    const strategy = config.strategy === 'compose'
        ? config.compose?.blueGreen
            ? (0,strategy_blue_green/* blueGreenPhases */.Q1)(config, ctx)
            : (0,strategy_compose/* composePhases */.$)(config, ctx)
        : config.strategy === 'release'
            ? releasePhases(config, ctx)
            : config.strategy === 'stack'
                ? stackPhases(config, ctx)
                : scriptPhases(config, ctx);
    return {
        host,
        releaseId: ctx.releaseId,
        previous: ctx.previous,
        env: commandEnv(config, host, ctx),
        ...strategy,
    };
}
function describeStep(step) {
    if (step.kind === 'upload')
        return `${step.title}: ${step.local} → ${step.remote} (SFTP${step.archive ? ', one archive' : ''})`;
    if (step.kind === 'stack')
        return (0,swarm/* describeStackStep */.c_)(step);
    return (0,steps/* describeRemoteStep */.yA)(step);
}
/** The full plan of every host as text: what `dry-run: true` prints. */
function formatPlan(config, plans) {
    const out = [];
    const first = plans[0];
    out.push(`Strategy ${config.strategy}, release ${first?.releaseId ?? '?'}, app-dir ${config.appDir}, ` +
        `${plans.length} host(s), parallel ${config.parallel === 0 ? 'all' : config.parallel}, fail-fast ${config.failFast}.`);
    if (config.ssh.jump)
        out.push(`Every connection goes through the jump host ${config.ssh.jump.host.label}.`);
    if (config.rolling) {
        const batches = (0,rolling/* planBatches */.un)(plans.length, config.rolling.batch);
        out.push(`Rolling: batches ${batches.map((b) => `[${b.map((i) => plans[i]?.host.label ?? '?').join(', ')}]`).join(' → ')}` +
            `${config.rolling.waitMs > 0 ? `, ${config.rolling.waitMs / 1000}s between batches` : ''}; ` +
            'a failing batch stops the rollout and rolls back the hosts of earlier batches.');
    }
    for (const plan of plans) {
        out.push('', `Host ${plan.host.label}`);
        out.push(`  1. Connect (key ${config.ssh.keyFingerprint}; retry transient failures for up to ${config.ssh.connectTimeoutMs / 1000}s)`);
        out.push(`  2. Lock ${config.appDir}/.ops-actions/lock (wait up to ${config.lock.timeoutMs / 1000}s; ` +
            `break it when older than ${config.lock.staleAfterMs > 0 ? `${config.lock.staleAfterMs / 1000}s` : 'never'}), read the release history`);
        let n = 3;
        for (const phase of plan.phases) {
            out.push(`  ${n++}. ${phase.name}${phase.commits ? ' (goes live here)' : ''}`);
            for (const step of phase.steps)
                out.push(`     - ${describeStep(step)}`);
        }
        out.push(`  ${n}. Append the outcome to ${config.appDir}/.ops-actions/history.jsonl, release the lock`);
        if (plan.undoBeforeCommit.length > 0) {
            out.push('  On failure before going live:');
            for (const step of plan.undoBeforeCommit)
                out.push(`     - ${describeStep(step)}`);
        }
        if (plan.undoAfterCommit.length > 0) {
            out.push('  On failure after going live:');
            for (const step of plan.undoAfterCommit)
                out.push(`     - ${describeStep(step)}`);
        }
    }
    if (config.stack) {
        out.push('', `The stack file as it is deployed (${config.stack.fileInput}, images and update settings set):`);
        out.push((0,quote/* indentLines */.eT)(config.stack.rendered.yaml.replace(/\n+$/, ''), '  '));
    }
    out.push('', `Environment of user commands: ${Object.keys(first?.env ?? {}).join(', ')}.`);
    if (!first?.previous.known)
        out.push(`${UNKNOWN_PREVIOUS} is what the host runs when the deploy starts.`);
    return out.join('\n');
}


/***/ }),

/***/ 52821:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ composePhases),
/* harmony export */   s: () => (/* binding */ composeSettings)
/* harmony export */ });
/* harmony import */ var _lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98922);
/* harmony import */ var _lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90473);
/* harmony import */ var _lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25093);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17524);
// strategy: compose — pull the new images everywhere first (nothing changes yet), then on each host
// write every image reference into the env file (one file, one rename), `up -d --remove-orphans
// --wait` and run the health command. A failure there puts the previous env file back — every
// previous image at once — and brings them up again.




function composeSettings(config) {
    if (!config.compose)
        throw new Error('compose settings missing');
    return { ...config.compose.settings, appDir: config.appDir };
}
function composePhases(config, ctx) {
    const c = config.compose;
    if (!c)
        throw new Error('compose settings missing');
    const s = composeSettings(config);
    const compose = s.command.join(' ');
    const many = Object.keys(c.images).length > 1 || c.images[s.imageVariable] === undefined;
    const listed = many ? (0,_lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageLines */ .uJ)(c.images).split('\n').join(', ') : `${s.imageVariable}=${c.image}`;
    const pull = c.login ? [(0,_lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_2__/* .registryLoginStep */ .tK)(c.login.registry, c.login.username)] : [];
    pull.push({
        kind: 'exec',
        title: `${compose} pull ${many ? listed : c.image}`,
        command: (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .pullCommand */ .TW)(s, c.images),
        registry: true,
    });
    const activate = [
        {
            kind: 'exec',
            title: `set ${listed} in ${s.envFile}`,
            command: (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .setImagesScript */ .qh)(s, c.images),
        },
        {
            kind: 'exec',
            title: `${compose} up -d --remove-orphans${s.command[0] === 'docker-compose' ? '' : ' --wait'}`,
            command: (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .upCommand */ .Pl)(s),
        },
    ];
    activate.push(...(0,_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .healthSteps */ ._3)(config, config.appDir));
    const undoAfterCommit = [];
    if (c.restoreOnFailure) {
        const previous = ctx.previous.known
            ? many
                ? (0,_lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageLines */ .uJ)(ctx.previous.images).split('\n').join(', ') || undefined
                : ctx.previous.image
            : _plan_js__WEBPACK_IMPORTED_MODULE_3__/* .UNKNOWN_PREVIOUS */ .pP;
        undoAfterCommit.push({
            kind: 'exec',
            title: many
                ? `restore ${s.envFile} (${previous ?? 'no images'})`
                : `restore ${s.envFile} (${s.imageVariable}=${previous ?? 'none'})`,
            command: (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .restoreImageScript */ .$h)(s),
        });
        // with no previous image there is nothing to bring back up
        if (previous !== undefined) {
            undoAfterCommit.push({
                kind: 'exec',
                title: `${compose} up the previous image${many ? 's' : ''} ${previous}`,
                command: (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .upCommand */ .Pl)(s),
            });
        }
    }
    return {
        phases: [
            { name: 'Pull', steps: pull },
            { name: 'Activate', commits: true, steps: activate },
        ],
        undoBeforeCommit: [],
        undoAfterCommit,
    };
}


/***/ }),

/***/ 96450:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F0: () => (/* binding */ stackDeployCommand),
/* harmony export */   O1: () => (/* binding */ StackDeployError),
/* harmony export */   RZ: () => (/* binding */ rollbackUnfinishedScript),
/* harmony export */   c_: () => (/* binding */ describeStackStep),
/* harmony export */   k2: () => (/* binding */ stackFilePath),
/* harmony export */   u2: () => (/* binding */ runStackStep),
/* harmony export */   v2: () => (/* binding */ writeStackFileCommand),
/* harmony export */   xG: () => (/* binding */ stackFilesDir)
/* harmony export */ });
/* unused harmony exports readStackScript, withoutDigest, parseStackStatus, stackOutcome, followStack */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44738);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51328);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81374);
// Docker Swarm stacks (deploy-ssh strategy stack): the `docker stack deploy` command, and following
// every service of the stack until it has converged, Swarm rolled it back, or the time is up. The
// stack file itself (images set, safe update defaults filled in) is stack-file.ts.
//
// Measured on Docker 20.10 (single node, host networking, --bridge=none): a task only counts as
// running once its health check passed, so the health check of the image or stack gates the
// update. With `order: start-first` on the host network the new task cannot bind the port the old
// one holds (`task: non-zero exit (1)`), the update fails and Swarm rolls it back: services on the
// host network get `stop-first` unless the stack file says otherwise (we cannot see whether the app
// binds with SO_REUSEPORT, which lets start-first work there: bench/swarm, 0 failed requests).




/** Prints the server's time (seconds), then deploys; `--with-registry-auth` passes our login to the agents. */
function stackDeployCommand(s) {
    // no --detach: the 20.10 CLI has no such flag and 26+ detaches by default; we follow the services ourselves
    return `date -u +%s && ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellJoin */ .nZ)(['docker', 'stack', 'deploy', '--with-registry-auth', '--compose-file', s.file, s.stack])}`;
}
/** The stack file, written atomically from base64 (its text never passes through a shell). */
function writeStackFileCommand(path, yaml) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    const tmp = (0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(`${path}.tmp`);
    return [
        `mkdir -p ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(dir)}`,
        `(umask 077 && printf '%s' ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(Buffer.from(yaml).toString('base64'))} | base64 -d > ${tmp})`,
        `mv -f ${tmp} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(path)}`,
    ].join(' && ');
}
/** Rolls back the services of a stack whose update is still running or paused (a deploy that timed out). */
function rollbackUnfinishedScript(stack) {
    const st = (0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(stack);
    return [
        `for s in $(docker stack services -q ${st}); do`,
        `  state=$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$s")`,
        '  case "$state" in updating|paused) echo "rolling back $s ($state)"; docker service rollback --detach "$s" >/dev/null;; esac',
        'done',
    ].join('\n');
}
const MARK = '@@ops-actions-swarm:tasks';
/** One read of the whole stack: the services' inspect JSON, then its tasks, one JSON per line. */
function readStackScript(stack) {
    const st = (0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(stack);
    return [
        `ids=$(docker stack services -q ${st})`,
        'if [ -n "$ids" ]; then docker service inspect $ids; else echo "[]"; fi',
        `echo '${MARK}'`,
        `docker stack ps --no-trunc --format '{{json .}}' ${st} 2>/dev/null || true`,
    ].join('\n');
}
/** `name@sha256:…` → `name`. */
function withoutDigest(image) {
    return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}
/**
 * The status of a stack's services from readStackScript's output. Updates that started before
 * `sinceS` (epoch seconds, the server's clock) belong to an earlier deploy and are ignored. Pure.
 */
function parseStackStatus(stack, text, sinceS) {
    const at = text.indexOf(MARK);
    const inspectText = at < 0 ? text : text.slice(0, at);
    const taskText = at < 0 ? '' : text.slice(at + MARK.length);
    const inspected = JSON.parse(inspectText.trim() || '[]');
    const tasks = taskText
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
    const prefix = `${stack}_`;
    return inspected.map((s) => {
        const full = s.Spec?.Name ?? '?';
        const service = full.startsWith(prefix) ? full.slice(prefix.length) : full;
        const specImage = s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
        // `docker stack ps` names tasks <service>.<slot> (or <service>.<node> for global services)
        const own = tasks.filter((t) => (t.Name ?? '').startsWith(`${full}.`));
        const live = own.filter((t) => t.DesiredState === 'Running');
        const running = live.filter((t) => (t.CurrentState ?? '').startsWith('Running') && t.Image === specImage).length;
        const desired = s.Spec?.Mode?.Replicated?.Replicas ?? live.length;
        const u = s.UpdateStatus;
        const started = u?.StartedAt ? Date.parse(u.StartedAt.replace(/(\.\d{3})\d+/, '$1')) / 1000 : NaN;
        const ours = u?.State !== undefined && (Number.isNaN(started) || started >= sinceS - 1);
        return {
            service,
            image: withoutDigest(specImage),
            running,
            desired,
            update: ours ? (u?.State ?? 'none') : 'none',
            updateMessage: ours ? u?.Message : undefined,
            taskErrors: own
                .filter((t) => (t.Error ?? '') !== '')
                .map((t) => `${t.Name ?? '?'} (${withoutDigest(t.Image ?? '?')}): ${t.Error ?? ''}`),
        };
    });
}
/** Where a stack stands: done (converged or failed) or still moving. Pure. */
function stackOutcome(services) {
    if (services.some((s) => s.update === 'paused' || s.update === 'rollback_paused'))
        return 'paused';
    // one service rolled back: wait for the others to settle too, so the report says where each ended
    if (services.some((s) => s.update === 'rollback_started' || s.update === 'updating'))
        return 'moving';
    // rolled back: done once the previous spec runs its replicas again (the previous release serves)
    if (services.some((s) => s.update === 'rollback_completed')) {
        return services.every((s) => s.running === s.desired) ? 'rolled-back' : 'moving';
    }
    const settled = services.every((s) => (s.update === 'none' || s.update === 'completed') && s.running === s.desired);
    return settled ? 'converged' : 'moving';
}
class StackDeployError extends Error {
    status;
    name = 'StackDeployError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/**
 * Polls the stack until every service has converged (returns its status), Swarm rolled an update
 * back or paused it, or timeoutMs passed (throws a StackDeployError naming each service that did
 * not converge and its tasks' errors).
 */
async function followStack(conn, o) {
    const t0 = Date.now();
    let last = '';
    let services = [];
    for (;;) {
        const r = await conn.exec(readStackScript(o.stack), {
            label: `read stack ${o.stack}`,
            silent: true,
            timeoutMs: o.commandTimeoutMs,
            signal: o.signal,
        });
        const read = parseStackStatus(o.stack, r.stdout, o.sinceS);
        services = o.services.flatMap((name) => read.filter((s) => s.service === name));
        const line = services
            .map((s) => `${s.service} ${s.running}/${s.desired}${s.update === 'none' ? '' : ` ${s.update}`}`)
            .join(', ');
        if (line !== last)
            o.logger.info(`[${o.host}]   ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(Date.now() - t0)}: ${line}`);
        last = line;
        const outcome = stackOutcome(services);
        const missing = o.services.filter((name) => !services.some((s) => s.service === name));
        if (outcome === 'converged' && missing.length === 0) {
            return { stack: o.stack, services, outcome };
        }
        if (outcome === 'rolled-back' || outcome === 'paused') {
            throw stackError(o.stack, services, outcome);
        }
        if (Date.now() - t0 >= o.timeoutMs) {
            throw stackError(o.stack, services, 'timed-out', o.timeoutMs);
        }
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .abortableSleep */ .Mf)(o.intervalMs, o.signal);
    }
}
function stackError(stack, services, outcome, timeoutMs) {
    const bad = services.filter((s) => !(s.update === 'none' || s.update === 'completed') || s.running !== s.desired);
    const head = outcome === 'rolled-back'
        ? `Swarm rolled the update of stack ${stack} back (failure_action: rollback); the previous spec runs again.`
        : outcome === 'paused'
            ? `Swarm paused the update of stack ${stack} (failure_action: pause); fix the service or run docker service rollback.`
            : `stack ${stack} did not converge within converge-timeout (${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(timeoutMs ?? 0)}); the services still updating are rolled back.`;
    const lines = bad.map((s) => {
        const errors = s.taskErrors.slice(0, 3);
        return [
            `service ${s.service}: ${s.running}/${s.desired} running, update ${s.update}${s.updateMessage ? ` (${s.updateMessage})` : ''}`,
            ...errors.map((e) => `  task ${e}`),
        ].join('\n');
    });
    return new StackDeployError([head, ...lines].join('\n'), { stack, services, outcome });
}
/** Where deploy-ssh keeps the stack file each release deployed, on the manager: `<app-dir>/.ops-actions/stacks`. */
function stackFilesDir(appDir) {
    return `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .stateDir */ .Pn)(appDir)}/stacks`;
}
/** The stack file release `releaseId` deployed. */
function stackFilePath(appDir, releaseId) {
    return `${stackFilesDir(appDir)}/${releaseId}.yml`;
}
/**
 * Runs a stack step on the manager: `docker stack deploy`, then followStack. Returns the
 * converged status; throws a StackDeployError (carrying the status) when Swarm rolled back, paused
 * or the time ran out.
 */
async function runStackStep(conn, step, ctx) {
    const host = conn.host.label;
    const r = await conn.exec(step.command, {
        label: `docker stack deploy ${step.stack}`,
        timeoutMs: ctx.commandTimeoutMs,
        signal: ctx.signal,
        secrets: ctx.secrets,
    });
    for (const line of ctx.notes ?? [])
        ctx.logger.info(`[${host}]   set ${line}`);
    const sinceS = Number(r.stdout.split('\n')[0]);
    return followStack(conn, {
        stack: step.stack,
        services: step.services,
        sinceS: Number.isFinite(sinceS) ? sinceS : 0,
        timeoutMs: step.timeoutMs,
        intervalMs: step.intervalMs,
        commandTimeoutMs: ctx.commandTimeoutMs,
        signal: ctx.signal,
        logger: ctx.logger,
        host,
    });
}
/** A stack step as dry-run prints it. */
function describeStackStep(step) {
    return `${step.title}\n        ${step.command}`;
}


/***/ })

};
