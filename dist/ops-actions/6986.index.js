export const id = 6986;
export const ids = [6986];
export const modules = {

/***/ 36986:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploy: () => (/* binding */ deploy),
/* harmony export */   deployError: () => (/* binding */ deployError)
/* harmony export */ });
/* unused harmony exports batchReports, hostConfig, previousFrom */
/* harmony import */ var _lib_deploy_fleet_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31826);
/* harmony import */ var _lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83210);
/* harmony import */ var _lib_deploy_locked_fleet_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3600);
/* harmony import */ var _lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98922);
/* harmony import */ var _lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90473);
/* harmony import */ var _lib_deploy_paths_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(44738);
/* harmony import */ var _lib_deploy_release_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1451);
/* harmony import */ var _lib_deploy_rolling_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39727);
/* harmony import */ var _lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(25093);
/* harmony import */ var _lib_deploy_swarm_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(96450);
/* harmony import */ var _lib_retry_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(81374);
/* harmony import */ var _lib_deploy_state_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(85287);
/* harmony import */ var _lib_duration_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(39386);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(61469);
/* harmony import */ var _lib_ssh_connection_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(41429);
/* harmony import */ var _lib_ssh_pool_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(90963);
/* harmony import */ var _lib_ssh_sftp_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(27788);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(17524);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_20__ = __webpack_require__(92127);
/* harmony import */ var _strategy_blue_green_js__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(87636);
/* harmony import */ var _strategy_compose_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(52821);
// Executes deploy plans: connect, lock, read what each host runs now, run the strategy's phases
// across hosts (lib/deploy/fleet), undo failures, record the outcome in each host's history and
// release the locks.





















async function deploy(config, opts) {
    const logger = opts.logger ?? _lib_ssh_connection_js__WEBPACK_IMPORTED_MODULE_14__/* .runnerLogger */ .hB;
    const started = Date.now();
    const pool = new _lib_ssh_pool_js__WEBPACK_IMPORTED_MODULE_15__/* .SshPool */ .V(config.ssh, { logger, signal: opts.signal });
    const secrets = [config.compose?.login?.password, config.stack?.login?.password];
    const run = (h, step, signal) => runStep(config, h, step, { logger, secrets, signal });
    // every host has the same phases; their commands are planned per host once its state is read
    const template = (0,_plan_js__WEBPACK_IMPORTED_MODULE_17__.planHost)(config, config.ssh.hosts[0], {
        releaseId: opts.releaseId,
        token: opts.token,
        previous: { known: false },
    });
    const phases = (0,_lib_deploy_locked_fleet_js__WEBPACK_IMPORTED_MODULE_2__/* .connectAndLockPhases */ .b)({
        pool,
        logger,
        lockInfo: opts.lockInfo,
        lock: config.lock,
        beforeLock: opts.beforeLock,
        appDir: (h) => h.data.config.appDir,
        readState: (h) => (0,_lib_deploy_state_js__WEBPACK_IMPORTED_MODULE_11__/* .readStateScript */ .Dt)(h.data.config.appDir, stateQuery(h.data.config)),
        onLocked: (h, state) => {
            const c = h.data.config;
            const parsed = (0,_lib_deploy_state_js__WEBPACK_IMPORTED_MODULE_11__/* .parseState */ .Bu)(state);
            // checked under the lock, before anything runs: the same in every strategy
            const reused = (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .reusedReleaseError */ .q8)(parsed.history, opts.releaseId);
            if (reused)
                throw new Error(reused);
            const previous = previousFrom(c, parsed);
            h.data.previous = previous;
            h.data.plan = (0,_plan_js__WEBPACK_IMPORTED_MODULE_17__.planHost)(c, h.host, { releaseId: opts.releaseId, token: opts.token, previous });
            return `; running now: ${previous.releaseId ?? 'no release yet'}${previous.image ? ` (${previous.image})` : ''}`;
        },
    });
    const strategyPhase = (name, commits) => ({
        name,
        commits,
        run: async (h) => {
            const phase = need(h.data.plan).phases.find((p) => p.name === name);
            if (!phase)
                return;
            h.data.started = true;
            for (const step of phase.steps) {
                await run(h, step, h.signal);
                h.data.changed = true;
                if (h.committed)
                    h.data.live = true;
            }
        },
    });
    const batches = config.rolling ? (0,_lib_deploy_rolling_js__WEBPACK_IMPORTED_MODULE_7__/* .planBatches */ .un)(config.ssh.hosts.length, config.rolling.batch) : undefined;
    const rollout = {};
    if (!batches) {
        phases.push(...template.phases.map((p) => strategyPhase(p.name, p.commits)));
    }
    else {
        const waitMs = config.rolling?.waitMs ?? 0;
        batches.forEach((_, b) => {
            const inBatch = (h) => h.data.batch === b && rollout.failedBatch === undefined;
            if (b > 0 && waitMs > 0) {
                phases.push({
                    name: `Batch ${b + 1}: wait ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_12__/* .formatDuration */ .a)(waitMs)}`,
                    skip: (h) => !inBatch(h),
                    run: (h) => (0,_lib_retry_js__WEBPACK_IMPORTED_MODULE_10__/* .abortableSleep */ .Mf)(waitMs, h.signal),
                });
            }
            for (const p of template.phases) {
                const inner = strategyPhase(p.name, p.commits);
                phases.push({
                    name: `Batch ${b + 1}${b === 0 ? ' (canary)' : ''}: ${p.name}`,
                    commits: p.commits,
                    skip: (h) => !inBatch(h),
                    run: async (h) => {
                        try {
                            await inner.run(h);
                        }
                        catch (error) {
                            rollout.failedBatch ??= b;
                            throw error;
                        }
                    },
                });
            }
        });
        phases.push({
            name: 'Roll back',
            skip: () => rollout.failedBatch === undefined,
            run: async (h) => {
                const failed = (rollout.failedBatch ?? 0) + 1;
                if (!h.data.started) {
                    h.data.rollout = 'not-started';
                    throw new Error(`not deployed: batch ${failed} failed, the rollout stopped`);
                }
                const plan = need(h.data.plan);
                if (plan.undoAfterCommit.length === 0) {
                    logger.warning(`${h.host.label}: batch ${failed} failed, but strategy ${config.strategy} has nothing to undo: this host keeps ${opts.releaseId}.`);
                    return;
                }
                logger.info(`[${h.host.label}] rolling back (batch ${failed} failed): ${plan.undoAfterCommit.map((s) => s.title).join('; ')}`);
                h.data.rollout = 'rollback-failed';
                for (const step of plan.undoAfterCommit)
                    await run(h, step, h.signal);
                h.data.rollout = 'rolled-back';
                throw new Error(`rolled back to ${h.data.previous?.releaseId ?? 'the state before the deploy'}: batch ${failed} failed`);
            },
        });
    }
    opts.onLocking?.({ appDir: config.appDir, token: opts.token, hosts: config.ssh.hosts.map((h) => h.label) });
    let fleet;
    try {
        fleet = await (0,_lib_deploy_fleet_js__WEBPACK_IMPORTED_MODULE_0__/* .runFleet */ .g)({
            hosts: config.ssh.hosts,
            init: (host) => ({
                locked: false,
                started: false,
                changed: false,
                live: false,
                pruned: [],
                outputs: {},
                config: hostConfig(config, host),
                batch: batches?.findIndex((b) => b.includes(config.ssh.hosts.indexOf(host))),
            }),
            phases,
            parallel: batches ? 0 : config.parallel,
            failFast: config.failFast,
            hostTimeoutMs: config.hostTimeoutMs,
            logger,
            group: opts.group,
            signal: opts.signal,
            undo: async (h) => {
                const plan = h.data.plan;
                if (h.data.rollout)
                    return; // the rollback already ran its undo
                if (h.data.lockLost)
                    return; // another deploy holds the lock now: its changes are not ours to undo
                if (!plan || !h.data.changed || !h.data.conn || h.data.conn.isClosed)
                    return;
                // a failure in the very first step of going live (e.g. the switch itself) left nothing live
                const steps = h.data.live ? plan.undoAfterCommit : plan.undoBeforeCommit;
                if (steps.length === 0)
                    return;
                logger.info(`[${h.host.label}] undoing: ${steps.map((s) => s.title).join('; ')}`);
                for (const step of steps)
                    await run(h, step, undefined);
            },
            finishName: 'Record and unlock',
            finish: async (h) => {
                const c = h.data.config;
                const record = h.data.started ? (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .appendHistoryScript */ ._m)(c.appDir, historyEntry(c, opts, h)) : undefined;
                await (0,_lib_deploy_locked_fleet_js__WEBPACK_IMPORTED_MODULE_2__/* .recordAndUnlock */ .T)(h, { appDir: c.appDir, token: opts.token, record, logger });
            },
        });
    }
    finally {
        await pool.closeAll();
    }
    if (fleet.every((h) => !h.data.locked))
        opts.onUnlocked?.();
    const hosts = fleet.map((h) => ({
        host: h.host.label,
        result: h.status === 'succeeded'
            ? 'succeeded'
            : h.data.rollout === 'rolled-back'
                ? 'rolled-back'
                : h.status === 'cancelled' || h.data.rollout === 'not-started'
                    ? 'cancelled'
                    : 'failed',
        batch: h.data.batch === undefined ? undefined : h.data.batch + 1,
        durationMs: h.durationMs,
        releaseId: opts.releaseId,
        previousReleaseId: h.data.previous?.releaseId,
        previousImage: h.data.previous?.image,
        previousImages: h.data.previous?.images && Object.keys(h.data.previous.images).length > 0
            ? h.data.previous.images
            : undefined,
        color: config.compose?.blueGreen && h.data.previous ? (0,_strategy_blue_green_js__WEBPACK_IMPORTED_MODULE_18__/* .idleColor */ .kA)(h.data.previous) : undefined,
        phase: h.status === 'succeeded' ? undefined : h.failedPhase,
        error: h.status === 'succeeded' ? undefined : (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_13__/* .errorMessage */ .gJ)(h.error),
        pruned: h.data.pruned.length > 0 ? h.data.pruned : undefined,
        outputs: Object.keys(h.data.outputs).length > 0 ? h.data.outputs : undefined,
        stack: h.data.stack,
    }));
    return {
        strategy: config.strategy,
        releaseId: opts.releaseId,
        previousReleaseId: hosts.find((h) => h.previousReleaseId !== undefined)?.previousReleaseId,
        previousImage: hosts.find((h) => h.previousImage !== undefined)?.previousImage,
        previousImages: hosts.find((h) => h.previousImages !== undefined)?.previousImages,
        hosts,
        durationMs: Date.now() - started,
        batches: batches ? batchReports(batches, hosts) : undefined,
    };
}
/** How each batch ended, from its hosts' results. Pure. */
function batchReports(batches, hosts) {
    return batches.map((indexes, b) => {
        const hs = indexes.map((i) => hosts[i]).filter((h) => h !== undefined);
        const result = hs.every((h) => h.result === 'succeeded')
            ? 'deployed'
            : hs.some((h) => h.result === 'failed')
                ? 'failed'
                : hs.some((h) => h.result === 'rolled-back')
                    ? 'rolled back'
                    : 'not started';
        return { batch: b + 1, hosts: hs.map((h) => h.host), result };
    });
}
/** The configuration for one host: `{host}` and `{port}` in app-dir replaced. */
function hostConfig(config, host) {
    return (0,_lib_deploy_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .forHost */ .cE)(config, host);
}
function need(v) {
    if (v === undefined)
        throw new Error('internal: a previous phase did not complete');
    return v;
}
/** What the host runs now: the `current` link (release), the env file (compose), else the history. */
function previousFrom(config, state) {
    const fromHistory = (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .currentRelease */ .BX)((0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_1__/* .foldHistory */ .E)(state.history));
    const c = config.compose;
    const recorded = c && fromHistory ? (0,_lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .composeImagesOf */ .ET)(fromHistory.record, c.settings.imageVariable) : undefined;
    const bg = c?.blueGreen;
    if (c && bg) {
        // the upstream file says which color is live; the history when there is no upstream file yet
        const files = state.files ?? {};
        const recordedColor = fromHistory?.record.color;
        const color = files['upstream'] !== undefined
            ? (0,_strategy_blue_green_js__WEBPACK_IMPORTED_MODULE_18__/* .liveColorFromUpstream */ .J7)(bg, files['upstream'])
            : recordedColor === 'blue' || recordedColor === 'green'
                ? recordedColor
                : undefined;
        const envText = color ? files[`env-${color}`] : undefined;
        const images = envText === undefined ? {} : envValues(envText, Object.keys(c.images));
        let releaseId = color ? fromHistory?.id : undefined;
        if (recorded &&
            !sameImages(recorded, envText === undefined ? {} : envValues(envText, Object.keys(recorded))))
            releaseId = undefined;
        return { known: true, releaseId, image: firstImage(c, images), images, color };
    }
    let releaseId = fromHistory?.id;
    if (config.strategy === 'release')
        releaseId = state.currentRelease;
    if (!c)
        return { known: true, releaseId, image: state.image };
    const env = { ...(state.images ?? {}) };
    if (state.image !== undefined)
        env[c.settings.imageVariable] = state.image;
    // the env file was changed by hand since: the history no longer says what runs
    if (recorded && !sameImages(recorded, env))
        releaseId = undefined;
    const images = Object.fromEntries(Object.keys(c.images)
        .filter((v) => env[v] !== undefined)
        .map((v) => [v, env[v]]));
    return { known: true, releaseId, image: firstImage(c, images), images };
}
/** The previous value of the deploy's first variable (image-variable when `image` is given). */
function firstImage(c, images) {
    return images[Object.keys(c.images)[0] ?? c.settings.imageVariable];
}
/** Whether the env file still holds what the release recorded (a variable it no longer has is not a change). */
function sameImages(recorded, env) {
    return Object.entries(recorded).every(([v, ref]) => env[v] === undefined || env[v] === ref);
}
/** The last `NAME=value` of each of `names` in an env file's text. */
function envValues(text, names) {
    const out = {};
    for (const line of text.split('\n')) {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
        const value = m?.[1] && names.includes(m[1]) ? (0,_lib_deploy_compose_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImageLine */ .tz)(m[2] ?? '') : undefined;
        if (m?.[1] && value !== undefined)
            out[m[1]] = value;
    }
    return out;
}
function stateQuery(config) {
    if (config.compose?.blueGreen)
        return { files: (0,_strategy_blue_green_js__WEBPACK_IMPORTED_MODULE_18__/* .blueGreenStateFiles */ .qs)(config) };
    return {
        release: config.strategy === 'release',
        compose: config.strategy === 'compose' ? (0,_strategy_compose_js__WEBPACK_IMPORTED_MODULE_19__/* .composeSettings */ .s)(config) : undefined,
        variables: config.compose ? Object.keys(config.compose.images) : undefined,
    };
}
function historyEntry(config, opts, h) {
    const ok = h.status === 'succeeded';
    return {
        id: opts.releaseId,
        outcome: ok ? 'deployed' : h.data.rollout === 'rolled-back' ? 'rolled-back' : 'failed',
        time: (opts.now?.() ?? new Date()).toISOString(),
        strategy: config.strategy,
        image: config.compose?.image,
        // compose records its images only when it set more than image-variable: entries of one image
        // stay as they always were
        images: config.stack?.rendered.images ?? composeImagesRecord(config),
        stack: config.stack?.name,
        color: config.compose?.blueGreen && h.data.previous ? (0,_strategy_blue_green_js__WEBPACK_IMPORTED_MODULE_18__/* .idleColor */ .kA)(h.data.previous) : undefined,
        artifact: config.release?.sourceInput,
        sha: config.run.sha,
        ref: config.run.ref,
        runId: config.run.runId,
        runAttempt: config.run.runAttempt,
        actor: config.run.actor,
        repository: config.run.repository,
        previous: h.data.previous?.releaseId,
        host: h.host.label,
        durationMs: h.durationMs || Date.now() - h.startedAt,
        note: ok ? undefined : `${h.failedPhase ?? ''}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_13__/* .errorMessage */ .gJ)(h.error).split('\n')[0]}`.slice(0, 500),
    };
}
function composeImagesRecord(config) {
    const c = config.compose;
    if (!c)
        return undefined;
    const names = Object.keys(c.images);
    return names.length === 1 && names[0] === c.settings.imageVariable ? undefined : c.images;
}
async function runStep(config, h, step, ctx) {
    const conn = need(h.data.conn);
    if (step.kind === 'stack') {
        await (0,_lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_8__/* .logStep */ .Lc)(ctx.logger, h.host.label, step.title, async () => {
            try {
                h.data.stack = await (0,_lib_deploy_swarm_js__WEBPACK_IMPORTED_MODULE_9__/* .runStackStep */ .u2)(conn, step, {
                    ...ctx,
                    commandTimeoutMs: config.commandTimeoutMs,
                    notes: config.stack?.rendered.defaults,
                });
            }
            catch (error) {
                if (error instanceof _lib_deploy_swarm_js__WEBPACK_IMPORTED_MODULE_9__/* .StackDeployError */ .O1)
                    h.data.stack = error.status;
                throw error;
            }
        });
        return;
    }
    if (step.kind === 'upload') {
        await (0,_lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_8__/* .logStep */ .Lc)(ctx.logger, h.host.label, step.title, async () => {
            // the step's abort signal (host-timeout, cancel) and command-timeout end a stalled transfer
            const limits = {
                signal: ctx.signal,
                timeoutMs: config.commandTimeoutMs,
                timeoutInput: 'command-timeout',
            };
            if (step.archive)
                return (0,_lib_ssh_sftp_js__WEBPACK_IMPORTED_MODULE_16__/* .uploadFile */ .QM)(conn, step.local, step.remote, 0o600, limits);
            const stats = await (0,_lib_ssh_sftp_js__WEBPACK_IMPORTED_MODULE_16__/* .uploadDirectory */ .zA)(conn, step.local, step.remote, limits);
            ctx.logger.info(`[${h.host.label}] uploaded ${stats.files} files, ${stats.dirs} directories, ${stats.symlinks} symlinks (${(stats.bytes / 1024).toFixed(0)} KiB)`);
        });
        return;
    }
    const r = await (0,_lib_deploy_steps_js__WEBPACK_IMPORTED_MODULE_8__/* .runRemoteStep */ .iv)(step, {
        ...ctx,
        conn,
        shell: config.shell,
        env: need(h.data.plan).env,
        commandTimeoutMs: config.commandTimeoutMs,
        registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
        outputs: {
            reserved: _outputs_js__WEBPACK_IMPORTED_MODULE_20__/* .DEPLOY_OUTPUT_NAMES */ .r,
            set: (values) => Object.assign(h.data.outputs, values),
        },
    });
    if (step.kind === 'exec' && step.output === 'pruned' && r)
        h.data.pruned = (0,_lib_deploy_release_js__WEBPACK_IMPORTED_MODULE_6__/* .parsePruned */ .E$)(r.stdout);
}
/** The error main throws when some hosts failed: names each failed host and its reason. */
function deployError(result) {
    const failed = result.hosts.filter((h) => h.result !== 'succeeded');
    if (failed.length === 0)
        return undefined;
    const lines = failed.map((h) => {
        const error = (h.error ?? '').startsWith(`${h.host}: `)
            ? (h.error ?? '').slice(h.host.length + 2)
            : (h.error ?? '');
        return `  ${h.host} (${h.result}${h.phase ? ` in ${h.phase}` : ''}): ${error.split('\n').join('\n    ')}`;
    });
    return new _lib_errors_js__WEBPACK_IMPORTED_MODULE_13__/* .OperationError */ .OK(`Deploy of ${result.releaseId} failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`, { failed: failed.map((h) => h.host) });
}


/***/ }),

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

/***/ 27788:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PE: () => (/* binding */ downloadFile),
/* harmony export */   QM: () => (/* binding */ uploadFile),
/* harmony export */   zA: () => (/* binding */ uploadDirectory)
/* harmony export */ });
/* unused harmony exports listLocalTree, summarizeTree, writeRemoteFile */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95842);
// File transfer over the connection's SFTP session (no scp binary, no shell quoting of file names).



/** Runs a transfer within `limits`; giving up ends the SFTP session (a stalled server never answers). */
async function limited(conn, what, limits, work) {
    let sftp;
    return (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .withDeadline */ .N)((async () => {
        sftp = await conn.sftp();
        return work();
    })(), {
        ...limits,
        what: `${conn.host.label}: ${what}`,
        onGiveUp: () => {
            try {
                sftp?.end();
            }
            catch {
                /* already closed */
            }
        },
    });
}
/** Every file, directory and symlink under `dir`, parents before children, sorted. */
async function listLocalTree(dir) {
    const out = [];
    async function walk(rel) {
        const names = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, rel))).sort();
        for (const name of names) {
            const relPath = rel === '' ? name : `${rel}/${name}`;
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, relPath);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(full);
            const mode = st.mode & 0o7777;
            if (st.isSymbolicLink()) {
                out.push({ path: relPath, kind: 'symlink', mode, size: 0, target: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(full) });
            }
            else if (st.isDirectory()) {
                out.push({ path: relPath, kind: 'dir', mode, size: 0 });
                await walk(relPath);
            }
            else if (st.isFile()) {
                out.push({ path: relPath, kind: 'file', mode, size: st.size });
            }
            // sockets, fifos and devices are not deployable: skipped
        }
    }
    await walk('');
    return out;
}
function summarizeTree(entries) {
    return {
        files: entries.filter((e) => e.kind === 'file').length,
        dirs: entries.filter((e) => e.kind === 'dir').length,
        symlinks: entries.filter((e) => e.kind === 'symlink').length,
        bytes: entries.reduce((n, e) => n + e.size, 0),
    };
}
/**
 * Uploads the contents of `localDir` into `remoteDir` (which must exist), keeping permission bits
 * and symlinks. Directories are created first, then files go `concurrency` at a time over the
 * connection's one SFTP session.
 */
async function uploadDirectory(conn, localDir, remoteDir, opts = {}) {
    return limited(conn, `SFTP upload to ${remoteDir}`, opts, () => uploadTree(conn, localDir, remoteDir, opts));
}
async function uploadTree(conn, localDir, remoteDir, opts) {
    const sftp = await conn.sftp();
    const entries = opts.entries ?? (await listLocalTree(localDir));
    const remote = (p) => node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(remoteDir, p);
    for (const e of entries.filter((x) => x.kind === 'dir')) {
        await new Promise((resolve, reject) => sftp.mkdir(remote(e.path), { mode: e.mode | 0o700 }, (err) => err ? reject(sftpError(conn, err, 'mkdir', remote(e.path))) : resolve()));
    }
    const files = entries.filter((x) => x.kind !== 'dir');
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < files.length; i = next++) {
            if (opts.signal?.aborted)
                return; // given up: start no more transfers
            const e = files[i];
            if (e.kind === 'symlink') {
                await new Promise((resolve, reject) => sftp.symlink(e.target ?? '', remote(e.path), (err) => err ? reject(sftpError(conn, err, 'symlink', remote(e.path))) : resolve()));
            }
            else {
                await new Promise((resolve, reject) => sftp.fastPut((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(localDir, e.path), remote(e.path), { mode: e.mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remote(e.path))) : resolve()));
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, Math.max(files.length, 1)) }, worker));
    return summarizeTree(entries);
}
/** Uploads one file. */
async function uploadFile(conn, localPath, remotePath, mode = 0o644, limits = {}) {
    await limited(conn, `SFTP upload to ${remotePath}`, limits, async () => {
        const sftp = await conn.sftp();
        await new Promise((resolve, reject) => sftp.fastPut(localPath, remotePath, { mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remotePath)) : resolve()));
    });
}
/**
 * Downloads one remote file to `localPath`: written to `<localPath>.partial` (created with `mode`
 * before the first byte arrives) and renamed only once the whole file is there, so a file at
 * localPath is always complete. Same limits as the uploads: a stalled server is given up on at the
 * deadline, and the partial file is removed. Returns the bytes written.
 */
async function downloadFile(conn, remotePath, localPath, mode = 0o600, limits = {}) {
    const partial = `${localPath}.partial`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(partial, { force: true });
        await (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(partial, 'wx', mode)).close();
        await limited(conn, `SFTP download of ${remotePath}`, limits, async () => {
            const sftp = await conn.sftp();
            await new Promise((resolve, reject) => sftp.fastGet(remotePath, partial, { mode }, (err) => err ? reject(sftpError(conn, err, 'download', remotePath)) : resolve()));
        });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(partial, mode);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(partial, localPath);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(partial, { force: true });
        throw error;
    }
    return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(localPath)).size;
}
/** Writes `content` to a remote file (created or truncated). */
async function writeRemoteFile(conn, remotePath, content, mode = 0o644, limits = {}) {
    await limited(conn, `SFTP write of ${remotePath}`, limits, async () => {
        const sftp = await conn.sftp();
        await new Promise((resolve, reject) => sftp.writeFile(remotePath, content, { mode }, (err) => err ? reject(sftpError(conn, err, 'write', remotePath)) : resolve()));
    });
}
function sftpError(conn, err, op, path) {
    return new Error(`${conn.host.label}: SFTP ${op} ${path} failed: ${err.message}`);
}


/***/ })

};
