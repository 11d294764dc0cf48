export const id = 446;
export const ids = [446];
export const modules = {

/***/ 4446:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy),
  deployError: () => (/* binding */ deployError)
});

// UNUSED EXPORTS: batchReports, hostConfig, previousFrom

// EXTERNAL MODULE: ./build/lib/deploy/fleet.js
var deploy_fleet = __webpack_require__(1826);
// EXTERNAL MODULE: ./build/lib/deploy/history.js
var deploy_history = __webpack_require__(3210);
// EXTERNAL MODULE: ./build/lib/deploy/locked-fleet.js + 1 modules
var locked_fleet = __webpack_require__(3600);
// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var compose = __webpack_require__(8922);
// EXTERNAL MODULE: ./build/lib/deploy/paths.js
var paths = __webpack_require__(4738);
// EXTERNAL MODULE: ./build/lib/deploy/release.js
var release = __webpack_require__(1451);
// EXTERNAL MODULE: ./build/lib/deploy/rolling.js
var rolling = __webpack_require__(9727);
// EXTERNAL MODULE: ./build/lib/deploy/steps.js + 1 modules
var steps = __webpack_require__(5093);
// EXTERNAL MODULE: ./build/lib/deploy/swarm.js
var swarm = __webpack_require__(6450);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(1374);
// EXTERNAL MODULE: ./build/lib/deploy/state.js
var deploy_state = __webpack_require__(5287);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(9386);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(1469);
// EXTERNAL MODULE: ./build/lib/ssh/connection.js
var connection = __webpack_require__(1429);
// EXTERNAL MODULE: ./build/lib/ssh/pool.js
var ssh_pool = __webpack_require__(963);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/lib/deadline.js
var deadline = __webpack_require__(5842);
;// CONCATENATED MODULE: ./build/lib/ssh/sftp.js
// File transfer over the connection's SFTP session (no scp binary, no shell quoting of file names).



/** Runs a transfer within `limits`; giving up ends the SFTP session (a stalled server never answers). */
async function limited(conn, what, limits, work) {
    let sftp;
    return (0,deadline/* withDeadline */.N)((async () => {
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
        const names = (await (0,promises_.readdir)((0,external_node_path_.join)(dir, rel))).sort();
        for (const name of names) {
            const relPath = rel === '' ? name : `${rel}/${name}`;
            const full = (0,external_node_path_.join)(dir, relPath);
            const st = await (0,promises_.lstat)(full);
            const mode = st.mode & 0o7777;
            if (st.isSymbolicLink()) {
                out.push({ path: relPath, kind: 'symlink', mode, size: 0, target: await (0,promises_.readlink)(full) });
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
    const remote = (p) => external_node_path_.posix.join(remoteDir, p);
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
                await new Promise((resolve, reject) => sftp.fastPut((0,external_node_path_.join)(localDir, e.path), remote(e.path), { mode: e.mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remote(e.path))) : resolve()));
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

// EXTERNAL MODULE: ./build/actions/deploy-ssh/plan.js + 3 modules
var plan = __webpack_require__(7524);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/outputs.js
var outputs = __webpack_require__(2127);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js + 1 modules
var strategy_blue_green = __webpack_require__(7636);
// EXTERNAL MODULE: ./build/actions/deploy-ssh/strategy-compose.js
var strategy_compose = __webpack_require__(2821);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/deploy.js
// Executes deploy plans: connect, lock, read what each host runs now, run the strategy's phases
// across hosts (lib/deploy/fleet), undo failures, record the outcome in each host's history and
// release the locks.




















async function deploy(config, opts) {
    const logger = opts.logger ?? connection/* runnerLogger */.hB;
    const started = Date.now();
    const pool = new ssh_pool/* SshPool */.V(config.ssh, { logger, signal: opts.signal });
    const secrets = [config.compose?.login?.password, config.stack?.login?.password];
    const run = (h, step, signal) => runStep(config, h, step, { logger, secrets, signal });
    // every host has the same phases; their commands are planned per host once its state is read
    const template = (0,plan/* planHost */.AF)(config, config.ssh.hosts[0], {
        releaseId: opts.releaseId,
        token: opts.token,
        previous: { known: false },
    });
    const phases = (0,locked_fleet/* connectAndLockPhases */.b)({
        pool,
        logger,
        lockInfo: opts.lockInfo,
        lock: config.lock,
        beforeLock: opts.beforeLock,
        appDir: (h) => h.data.config.appDir,
        readState: (h) => (0,deploy_state/* readStateScript */.Dt)(h.data.config.appDir, stateQuery(h.data.config)),
        onLocked: (h, state) => {
            const c = h.data.config;
            const parsed = (0,deploy_state/* parseState */.Bu)(state);
            // checked under the lock, before anything runs: the same in every strategy
            const reused = (0,deploy_history/* reusedReleaseError */.q8)(parsed.history, opts.releaseId);
            if (reused)
                throw new Error(reused);
            const previous = previousFrom(c, parsed);
            h.data.previous = previous;
            h.data.plan = (0,plan/* planHost */.AF)(c, h.host, { releaseId: opts.releaseId, token: opts.token, previous });
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
    const batches = config.rolling ? (0,rolling/* planBatches */.un)(config.ssh.hosts.length, config.rolling.batch) : undefined;
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
                    name: `Batch ${b + 1}: wait ${(0,duration/* formatDuration */.a)(waitMs)}`,
                    skip: (h) => !inBatch(h),
                    run: (h) => (0,retry/* abortableSleep */.Mf)(waitMs, h.signal),
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
        fleet = await (0,deploy_fleet/* runFleet */.g)({
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
                const record = h.data.started ? (0,deploy_history/* appendHistoryScript */._m)(c.appDir, historyEntry(c, opts, h)) : undefined;
                await (0,locked_fleet/* recordAndUnlock */.T)(h, { appDir: c.appDir, token: opts.token, record, logger });
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
        color: config.compose?.blueGreen && h.data.previous ? (0,strategy_blue_green/* idleColor */.kA)(h.data.previous) : undefined,
        phase: h.status === 'succeeded' ? undefined : h.failedPhase,
        error: h.status === 'succeeded' ? undefined : (0,errors/* errorMessage */.gJ)(h.error),
        pruned: h.data.pruned.length > 0 ? h.data.pruned : undefined,
        outputs: Object.keys(h.data.outputs).length > 0 ? h.data.outputs : undefined,
        stack: h.data.stack,
    }));
    return {
        strategy: config.strategy,
        releaseId: opts.releaseId,
        previousReleaseId: hosts.find((h) => h.previousReleaseId !== undefined)?.previousReleaseId,
        previousImage: hosts.find((h) => h.previousImage !== undefined)?.previousImage,
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
    return (0,paths/* forHost */.cE)(config, host);
}
function need(v) {
    if (v === undefined)
        throw new Error('internal: a previous phase did not complete');
    return v;
}
/** What the host runs now: the `current` link (release), the env file (compose), else the history. */
function previousFrom(config, state) {
    const fromHistory = (0,deploy_history/* currentRelease */.BX)((0,deploy_history/* foldHistory */.E)(state.history));
    const bg = config.compose?.blueGreen;
    if (bg) {
        // the upstream file says which color is live; the history when there is no upstream file yet
        const files = state.files ?? {};
        const recorded = fromHistory?.record.color;
        const color = files['upstream'] !== undefined
            ? (0,strategy_blue_green/* liveColorFromUpstream */.J7)(bg, files['upstream'])
            : recorded === 'blue' || recorded === 'green'
                ? recorded
                : undefined;
        const envText = color ? files[`env-${color}`] : undefined;
        const image = envText === undefined ? undefined : envValue(envText, config.compose?.settings.imageVariable);
        let releaseId = color ? fromHistory?.id : undefined;
        if (fromHistory?.record.image && image && fromHistory.record.image !== image)
            releaseId = undefined;
        return { known: true, releaseId, image, color };
    }
    let releaseId = fromHistory?.id;
    if (config.strategy === 'release')
        releaseId = state.currentRelease;
    // the env file was changed by hand since: the history no longer says what runs
    if (config.strategy === 'compose' &&
        fromHistory?.record.image &&
        state.image &&
        fromHistory.record.image !== state.image) {
        releaseId = undefined;
    }
    return { known: true, releaseId, image: state.image };
}
/** The last `NAME=value` of an env file's text. */
function envValue(text, name = 'IMAGE') {
    let value;
    for (const line of text.split('\n')) {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
        if (m?.[1] === name)
            value = (0,compose/* parseImageLine */.tz)(m[2] ?? '');
    }
    return value;
}
function stateQuery(config) {
    if (config.compose?.blueGreen)
        return { files: (0,strategy_blue_green/* blueGreenStateFiles */.qs)(config) };
    return {
        release: config.strategy === 'release',
        compose: config.strategy === 'compose' ? (0,strategy_compose/* composeSettings */.s)(config) : undefined,
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
        images: config.stack?.rendered.images,
        stack: config.stack?.name,
        color: config.compose?.blueGreen && h.data.previous ? (0,strategy_blue_green/* idleColor */.kA)(h.data.previous) : undefined,
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
        note: ok ? undefined : `${h.failedPhase ?? ''}: ${(0,errors/* errorMessage */.gJ)(h.error).split('\n')[0]}`.slice(0, 500),
    };
}
async function runStep(config, h, step, ctx) {
    const conn = need(h.data.conn);
    if (step.kind === 'stack') {
        await (0,steps/* logStep */.Lc)(ctx.logger, h.host.label, step.title, async () => {
            const r = await conn.exec(step.command, {
                label: `docker stack deploy ${step.stack}`,
                timeoutMs: config.commandTimeoutMs,
                signal: ctx.signal,
                secrets: ctx.secrets,
            });
            for (const line of config.stack?.rendered.defaults ?? [])
                ctx.logger.info(`[${h.host.label}]   set ${line}`);
            const sinceS = Number(r.stdout.split('\n')[0]);
            try {
                h.data.stack = await (0,swarm/* followStack */.OG)(conn, {
                    stack: step.stack,
                    services: step.services,
                    sinceS: Number.isFinite(sinceS) ? sinceS : 0,
                    timeoutMs: step.timeoutMs,
                    intervalMs: step.intervalMs,
                    commandTimeoutMs: config.commandTimeoutMs,
                    signal: ctx.signal,
                    logger: ctx.logger,
                    host: h.host.label,
                });
            }
            catch (error) {
                if (error instanceof swarm/* StackDeployError */.O1)
                    h.data.stack = error.status;
                throw error;
            }
        });
        return;
    }
    if (step.kind === 'upload') {
        await (0,steps/* logStep */.Lc)(ctx.logger, h.host.label, step.title, async () => {
            // the step's abort signal (host-timeout, cancel) and command-timeout end a stalled transfer
            const limits = {
                signal: ctx.signal,
                timeoutMs: config.commandTimeoutMs,
                timeoutInput: 'command-timeout',
            };
            if (step.archive)
                return uploadFile(conn, step.local, step.remote, 0o600, limits);
            const stats = await uploadDirectory(conn, step.local, step.remote, limits);
            ctx.logger.info(`[${h.host.label}] uploaded ${stats.files} files, ${stats.dirs} directories, ${stats.symlinks} symlinks (${(stats.bytes / 1024).toFixed(0)} KiB)`);
        });
        return;
    }
    const r = await (0,steps/* runRemoteStep */.iv)(step, {
        ...ctx,
        conn,
        shell: config.shell,
        env: need(h.data.plan).env,
        commandTimeoutMs: config.commandTimeoutMs,
        registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
        outputs: {
            reserved: outputs/* DEPLOY_OUTPUT_NAMES */.r,
            set: (values) => Object.assign(h.data.outputs, values),
        },
    });
    if (step.kind === 'exec' && step.output === 'pruned' && r)
        h.data.pruned = (0,release/* parsePruned */.E$)(r.stdout);
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
    return new errors/* OperationError */.OK(`Deploy of ${result.releaseId} failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`, { failed: failed.map((h) => h.host) });
}


/***/ })

};
