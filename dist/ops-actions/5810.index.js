export const id = 5810;
export const ids = [5810];
export const modules = {

/***/ 31826:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ runFleet)
/* harmony export */ });
/* unused harmony export mapLimit */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41429);
// Runs the phases of a deploy across many hosts: each phase on every host still in the running
// (`parallel` at a time, lines prefixed by host, one log group per phase), with fail-fast,
// per-host timeouts and a per-host undo. Stage-agnostic: deploy-ssh and rollback both use it.




/** Runs up to `limit` of `items` at once (0 = all). */
async function mapLimit(items, limit, fn) {
    const n = limit <= 0 ? items.length : Math.min(limit, items.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < items.length; i = next++)
            await fn(items[i]);
    };
    await Promise.all(Array.from({ length: n }, worker));
}
async function runFleet(opts) {
    const logger = opts.logger ?? _ssh_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .runnerLogger */ .hB;
    const group = opts.group ?? ((name, fn) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn));
    const start = Date.now();
    const controllers = new Map();
    const timers = [];
    const hosts = opts.hosts.map((host) => {
        const ac = new AbortController();
        const h = {
            host,
            status: 'running',
            committed: false,
            signal: ac.signal,
            timedOut: false,
            abort(reason) {
                h.stoppedBy ??= reason;
                ac.abort(reason);
            },
            startedAt: start,
            durationMs: 0,
            data: opts.init(host),
        };
        controllers.set(h, ac);
        if (opts.hostTimeoutMs && opts.hostTimeoutMs > 0) {
            const t = setTimeout(() => {
                h.timedOut = true;
                ac.abort(new Error(`host-timeout (${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(opts.hostTimeoutMs ?? 0)}) exceeded`));
            }, opts.hostTimeoutMs);
            t.unref();
            timers.push(t);
        }
        return h;
    });
    const onCancel = () => {
        for (const ac of controllers.values())
            ac.abort(new Error('the run was cancelled'));
    };
    opts.signal?.addEventListener('abort', onCancel, { once: true });
    let tripped;
    const undo = async (h) => {
        if (!opts.undo)
            return;
        try {
            await opts.undo(h);
        }
        catch (error) {
            logger.warning(`${h.host.label}: undoing the failed deploy did not complete: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        }
    };
    try {
        for (const phase of opts.phases) {
            const active = hosts.filter((h) => h.status === 'running' && !phase.skip?.(h));
            if (active.length === 0)
                continue;
            await group(`${phase.name} (${active.length} host${active.length === 1 ? '' : 's'})`, async () => {
                await mapLimit(active, opts.parallel, async (h) => {
                    if (h.status !== 'running')
                        return;
                    if (tripped && opts.failFast && !h.committed) {
                        h.status = 'cancelled';
                        h.failedPhase = phase.name;
                        h.error = new Error(`cancelled: ${tripped.host.label} failed and fail-fast is on`);
                        logger.info(`[${h.host.label}] ⏭ ${phase.name}: cancelled (fail-fast: ${tripped.host.label} failed)`);
                        await undo(h);
                        h.durationMs = Date.now() - h.startedAt;
                        return;
                    }
                    if (phase.commits)
                        h.committed = true;
                    const t0 = Date.now();
                    try {
                        if (h.signal.aborted)
                            throw h.signal.reason ?? new Error('aborted');
                        await phase.run(h);
                        logger.info(`[${h.host.label}] ✓ ${phase.name} (${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(Date.now() - t0)})`);
                        h.durationMs = Date.now() - h.startedAt;
                    }
                    catch (error) {
                        h.status = 'failed';
                        h.failedPhase = phase.name;
                        h.error = h.stoppedBy
                            ? h.stoppedBy
                            : h.timedOut && !/host-timeout/.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error))
                                ? new Error(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)} (host-timeout exceeded)`)
                                : error;
                        logger.info(`[${h.host.label}] ✗ ${phase.name} failed after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(Date.now() - t0)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(h.error).split('\n').join(`\n[${h.host.label}]   `)}`);
                        tripped ??= h;
                        await undo(h);
                        h.durationMs = Date.now() - h.startedAt;
                    }
                });
            });
        }
        for (const h of hosts)
            if (h.status === 'running')
                h.status = 'succeeded';
        if (opts.finish) {
            const finish = opts.finish;
            await group(opts.finishName ?? 'Finish', async () => {
                await mapLimit(hosts, opts.parallel, async (h) => {
                    try {
                        await finish(h);
                    }
                    catch (error) {
                        logger.warning(`${h.host.label}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
                    }
                    h.durationMs = Date.now() - h.startedAt;
                });
            });
        }
    }
    finally {
        for (const t of timers)
            clearTimeout(t);
        opts.signal?.removeEventListener('abort', onCancel);
    }
    return hosts;
}


/***/ }),

/***/ 83210:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ currentRelease),
/* harmony export */   E: () => (/* binding */ foldHistory),
/* harmony export */   _m: () => (/* binding */ appendHistoryScript),
/* harmony export */   ae: () => (/* binding */ historyPath),
/* harmony export */   gj: () => (/* binding */ markEntry),
/* harmony export */   i6: () => (/* binding */ parseHistory),
/* harmony export */   q8: () => (/* binding */ reusedReleaseError),
/* harmony export */   u_: () => (/* binding */ readHistoryScript)
/* harmony export */ });
/* unused harmony exports RELEASE_OUTCOMES, HISTORY_FILE, historyLine, rollbackTarget, readHistory, appendHistory, markRelease */
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51328);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44738);
/* harmony import */ var _replace_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59933);
// The release history each server keeps in its app directory: an append-only JSON-lines file the
// deploy stage writes and the rollback stage reads. One line per event; a release's outcome is
// the outcome of its newest line, so marking a release bad never rewrites the file.



const RELEASE_OUTCOMES = ['deployed', 'failed', 'rolled-back', 'bad'];
const HISTORY_FILE = 'history.jsonl';
/** `<app-dir>/.ops-actions/history.jsonl` */
function historyPath(appDir) {
    return `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(appDir)}/${HISTORY_FILE}`;
}
/** One JSON line (no newline inside: JSON.stringify escapes them). Undefined fields are left out. */
function historyLine(entry) {
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== ''));
    return JSON.stringify(clean);
}
/**
 * The remote script that appends one entry (creates the directory and file when missing): a copy
 * with the line added is renamed over the file, so a failed write (a full disk) leaves no half line
 * that would spoil the next one.
 */
function appendHistoryScript(appDir, entry) {
    const dir = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(appDir));
    // Hosts that share app-dir (one server listed twice, a shared filesystem) append at the same time:
    // one at a time under flock (when the server has it), or one copy-and-rename would drop another's line.
    const guard = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`${(0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .stateDir */ .Pn)(appDir)}/history.guard`);
    return [
        `{ [ -d ${dir} ] || mkdir -p ${dir}; }`,
        `( if command -v flock >/dev/null 2>&1; then exec 9>>${guard} && flock -w 30 9 || { echo 'ops-actions: could not take history.guard' >&2; exit 1; }; fi; ` +
            `${(0,_replace_file_js__WEBPACK_IMPORTED_MODULE_2__/* .appendFileScript */ .es)(historyPath(appDir), `${historyLine(entry)}\n`, { secret: false })} )`,
    ].join(' && ');
}
/** The remote script that prints the history file ('' when there is none yet). */
function readHistoryScript(appDir) {
    const path = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(historyPath(appDir));
    return `if [ -f ${path} ]; then cat ${path}; fi`;
}
/** Parses history.jsonl; lines that are not valid entries are skipped and their numbers returned. */
function parseHistory(text) {
    const entries = [];
    const invalidLines = [];
    text.split('\n').forEach((line, i) => {
        if (line.trim() === '')
            return;
        try {
            const v = JSON.parse(line);
            if (isEntry(v))
                entries.push(v);
            else
                invalidLines.push(i + 1);
        }
        catch {
            invalidLines.push(i + 1);
        }
    });
    return { entries, invalidLines };
}
function isEntry(v) {
    if (typeof v !== 'object' || v === null)
        return false;
    const o = v;
    return (typeof o['id'] === 'string' &&
        o['id'] !== '' &&
        typeof o['time'] === 'string' &&
        RELEASE_OUTCOMES.includes(o['outcome']));
}
/** Folds lines into releases, in the order they were first deployed (oldest first). */
function foldHistory(entries) {
    const byId = new Map();
    entries.forEach((e, i) => {
        let r = byId.get(e.id);
        if (!r) {
            r = { id: e.id, outcome: e.outcome, record: e, events: [], firstIndex: i, lastDeployedIndex: -1 };
            byId.set(e.id, r);
        }
        r.events.push(e);
        r.outcome = e.outcome;
        if (e.strategy && !r.record.strategy)
            r.record = e;
        if (e.outcome === 'deployed')
            r.lastDeployedIndex = i;
    });
    return [...byId.values()].sort((a, b) => a.firstIndex - b.firstIndex);
}
/**
 * The release running now: the one deployed most recently (a later `bad` mark does not change
 * what is running; a failed deploy that was undone never became current).
 */
function currentRelease(releases) {
    let best;
    for (const r of releases)
        if (r.lastDeployedIndex >= 0 && (!best || r.lastDeployedIndex > best.lastDeployedIndex))
            best = r;
    return best;
}
/**
 * Where a rollback goes: the newest release deployed before `current` whose outcome is still
 * `deployed` — releases marked bad, rolled back or failed are skipped.
 */
function rollbackTarget(releases, current = currentRelease(releases)) {
    const before = current ? releases.filter((r) => r.firstIndex < current.firstIndex) : [...releases];
    for (let i = before.length - 1; i >= 0; i--) {
        const r = before[i];
        if (r.outcome === 'deployed' && r.id !== current?.id)
            return r;
    }
    return undefined;
}
/**
 * Why `id` may not be deployed again on a host with this history, or undefined when it may: an id
 * names one deploy. Reusing one that went live would record the release as its own previous (and
 * confuse rollback); a deploy that failed and was undone never went live, so a re-run may reuse it.
 */
function reusedReleaseError(entries, id) {
    const live = entries.find((e) => e.id === id && e.outcome !== 'failed');
    if (!live)
        return undefined;
    const first = entries.find((e) => e.id === id && e.outcome === 'deployed') ?? live;
    const by = first.runId ? ` by run ${first.runId}` : '';
    return (`release ${id} already exists on this host (${first.outcome} at ${first.time}${by}): ` +
        `give each deploy its own release-id (leave it empty for a unique default), ` +
        `or roll back to ${id} with the rollback action`);
}
/** A line that changes a release's outcome (mark bad, rolled back). */
function markEntry(id, outcome, meta = {}) {
    return { ...meta, id, outcome, time: meta.time ?? new Date().toISOString() };
}
// --- executors ---------------------------------------------------------------------------------
/** Reads and parses a host's history (empty when the file does not exist yet). */
async function readHistory(conn, appDir) {
    const r = await conn.exec(readHistoryScript(appDir), { silent: true, label: 'read release history' });
    return parseHistory(r.stdout).entries;
}
async function appendHistory(conn, appDir, entry) {
    await conn.exec(appendHistoryScript(appDir, entry), { silent: true, label: 'append to release history' });
}
/** Appends a line marking release `id` as `outcome` (bad, rolled-back). */
async function markRelease(conn, appDir, id, outcome, meta = {}) {
    await appendHistory(conn, appDir, markEntry(id, outcome, meta));
}


/***/ }),

/***/ 3600:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ connectAndLockPhases),
  T: () => (/* binding */ recordAndUnlock)
});

// EXTERNAL MODULE: ./build/lib/deploy/lock.js
var deploy_lock = __webpack_require__(2431);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
;// CONCATENATED MODULE: ./build/lib/deploy/lock-heartbeat.js
// The deploy lock's heartbeat: while a deploy holds a host's lock it refreshes the lock's age on an
// interval, so only a dead holder's lock grows older than lock-stale-after and gets broken. A
// holder that finds its lock taken (broken, or removed by hand) — or that cannot refresh it for
// long enough that another deploy may break it — is told at once, to stop before it writes more.



/** The lock this deploy held was taken by another deploy, or may be: the host must stop. */
class LockLostError extends errors/* OperationError */.OK {
    name = 'LockLostError';
}
/** Between refreshes: a third of lock-stale-after, between 1 s and 1 min (1 min when it is 0: never). */
function heartbeatIntervalMs(staleAfterMs) {
    if (staleAfterMs <= 0)
        return 60_000;
    return Math.max(1000, Math.min(60_000, Math.floor(staleAfterMs / 3)));
}
function startHeartbeat(conn, opts) {
    const intervalMs = opts.intervalMs ?? heartbeatIntervalMs(opts.staleAfterMs);
    const ac = new AbortController();
    let lost;
    let lastOk = Date.now();
    let busy = false;
    const lose = (message) => {
        if (lost)
            return;
        lost = new LockLostError(`${conn.host.label}: ${message}`, { host: conn.host.label });
        clearInterval(timer);
        opts.onLost(lost);
    };
    const beat = async () => {
        try {
            const r = await (0,deploy_lock/* refreshLock */.nM)(conn, opts.appDir, opts.token, {
                timeoutMs: intervalMs,
                signal: ac.signal,
            });
            if (ac.signal.aborted)
                return;
            if (r.status === 'refreshed') {
                lastOk = Date.now();
                return;
            }
            if (r.status === 'absent' && opts.releasedByThisDeploy?.()) {
                clearInterval(timer);
                return;
            }
            lose(r.status === 'taken'
                ? `the deploy lock on ${opts.appDir} was taken by ${(0,deploy_lock/* describeHolder */.sG)(r.holder)} while this deploy held it ` +
                    '(broken as stale, or removed by hand): this host was stopped and nothing more was done or undone on it. ' +
                    'Another deploy may be changing it now: check the host before deploying again.'
                : `the deploy lock on ${opts.appDir} was removed while this deploy held it (${(0,deploy_lock/* lockPath */.HZ)(opts.appDir)} is gone): ` +
                    'this host was stopped and nothing more was done or undone on it; check the host before deploying again.');
        }
        catch (error) {
            if (ac.signal.aborted)
                return;
            const since = Date.now() - lastOk;
            // another deploy may break it once it is lock-stale-after old: stop well before that
            if (opts.staleAfterMs > 0 && since >= (opts.staleAfterMs * 2) / 3) {
                lose(`could not refresh the deploy lock on ${opts.appDir} for ${(0,duration/* formatDuration */.a)(since)} (${(0,errors/* errorMessage */.gJ)(error)}); ` +
                    `another deploy may break it after lock-stale-after (${(0,duration/* formatDuration */.a)(opts.staleAfterMs)}), so this host was stopped.`);
            }
        }
    };
    const timer = setInterval(() => {
        if (busy || lost || ac.signal.aborted)
            return;
        busy = true;
        void beat().finally(() => {
            busy = false;
        });
    }, intervalMs);
    timer.unref();
    return {
        stop() {
            clearInterval(timer);
            ac.abort();
        },
        get lost() {
            return lost;
        },
    };
}

;// CONCATENATED MODULE: ./build/lib/deploy/locked-fleet.js


/**
 * The app directories (with the deploy's token) that several hosts of this deploy share (the same
 * server twice, NFS): the lock there is one, so a host finding it gone after another host released
 * it is not a loss. Known once every host passed Lock (before any release).
 */
const sharedHere = new Set();
const sharedKey = (token, appDir) => `${token}\0${appDir}`;
/** The `Connect` and `Lock` phases. */
function connectAndLockPhases(o) {
    return [
        {
            name: 'Connect',
            run: async (h) => {
                h.data.conn = await o.pool.connect(h.host, { signal: h.signal });
                o.logger.info(`[${h.host.label}] connected (host key ${h.data.conn.hostKeyFingerprint})`);
            },
        },
        {
            name: 'Lock',
            run: async (h) => {
                const conn = h.data.conn;
                if (!conn)
                    throw new Error('internal: the host is not connected');
                await o.beforeLock;
                const appDir = o.appDir(h);
                h.data.locked = true; // from here on, the finish step tries to release it
                const lock = await (0,deploy_lock/* acquireLock */.IZ)(conn, {
                    appDir,
                    info: o.lockInfo,
                    timeoutMs: o.lock.timeoutMs,
                    staleAfterMs: o.lock.staleAfterMs,
                    after: o.readState(h),
                    logger: o.logger,
                    signal: h.signal,
                });
                if (lock.shared)
                    sharedHere.add(sharedKey(o.lockInfo.token, appDir));
                // from here on the lock's age is refreshed, so only a dead holder's lock goes stale
                h.data.heartbeat = startHeartbeat(conn, {
                    appDir,
                    token: o.lockInfo.token,
                    staleAfterMs: o.lock.staleAfterMs,
                    intervalMs: o.lock.heartbeatMs,
                    releasedByThisDeploy: () => sharedHere.has(sharedKey(o.lockInfo.token, appDir)),
                    onLost: (error) => {
                        h.data.lockLost = error;
                        o.logger.warning(error.message);
                        h.abort(error);
                    },
                });
                const note = o.onLocked(h, lock.after ?? '');
                o.logger.info(`[${h.host.label}] locked ${appDir}${note}`);
            },
        },
    ];
}
/**
 * The finish step: runs `record` (history lines to append; may be undefined) and releases the lock
 * in one round trip, the lock even if recording failed. Nothing to do on a host that was never
 * locked or whose connection is gone (the post step releases what is left).
 */
async function recordAndUnlock(h, o) {
    h.data.heartbeat?.stop();
    if (h.data.lockLost) {
        // another deploy holds it now: its history and its lock are left alone
        h.data.locked = false;
        failHost(h, h.data.lockLost);
        return false;
    }
    const conn = h.data.conn;
    if (!conn || conn.isClosed || !h.data.locked)
        return false;
    const released = await (0,deploy_lock/* releaseLock */.x_)(conn, o.appDir, o.token, { before: o.record, logger: o.logger });
    h.data.locked = false;
    if (released === 'released')
        o.logger.info(`[${h.host.label}] released the deploy lock`);
    // (a host that never got the lock — it failed in Lock — finds another deploy's: nothing lost;
    // another host of this deploy sharing the directory may have released it already)
    else if (h.data.heartbeat && !(released === 'absent' && sharedHere.has(sharedKey(o.token, o.appDir)))) {
        // the lock was taken (or removed) before the heartbeat noticed: this deploy did not hold it to the end
        const error = new LockLostError(`${h.host.label}: the deploy lock on ${o.appDir} was ${released === 'not-ours' ? 'taken by another deploy' : 'removed'} ` +
            'before this deploy released it: another deploy may have changed this host meanwhile. Check the host before deploying again.', { host: h.host.label });
        o.logger.warning(error.message);
        failHost(h, error);
    }
    return true;
}
/** The lost lock is what the host reports, whatever else happened to it. */
function failHost(h, error) {
    if (h.status !== 'failed')
        h.failedPhase ??= 'Record and unlock';
    h.status = 'failed';
    h.error = error;
}


/***/ }),

/***/ 85287:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   Dt: () => (/* binding */ readStateScript)
/* harmony export */ });
/* unused harmony export readState */
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51328);
/* harmony import */ var _compose_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98922);
/* harmony import */ var _history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83210);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1451);
// What a host runs now, read in one round trip: its release history, where `current` points
// (release layout) and the image reference in the compose env file. Deploy reads it under the lock
// (lock.ts `after`), rollback reads it to choose where to go back to.




const MARK = '@@ops-actions-state:';
/** The remote script printing each part after a marker line. Read-only. Pure. */
function readStateScript(appDir, query = {}) {
    const parts = [`echo '${MARK}history'`, (0,_history_js__WEBPACK_IMPORTED_MODULE_1__/* .readHistoryScript */ .u_)(appDir)];
    if (query.release)
        parts.push(`echo '${MARK}current'`, (0,_release_js__WEBPACK_IMPORTED_MODULE_2__/* .readCurrentScript */ .Bu)(appDir));
    if (query.compose) {
        const c = query.compose;
        const variables = [...new Set([c.imageVariable, ...(query.variables ?? [])])];
        parts.push(`echo '${MARK}image'`, `(${(0,_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .readImageScript */ .PF)(c)})`);
        parts.push(`echo '${MARK}images'`, `(${(0,_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .readImagesScript */ .Ej)(c, variables, (0,_history_js__WEBPACK_IMPORTED_MODULE_1__/* .historyPath */ .ae)(appDir))})`);
    }
    for (const [name, path] of Object.entries(query.files ?? {})) {
        if (!/^[A-Za-z0-9_.-]+$/.test(name))
            throw new Error(`invalid state file name: ${name}`);
        const f = (0,_quote_js__WEBPACK_IMPORTED_MODULE_3__/* .shellQuote */ .ZL)(path);
        parts.push(`if [ -f ${f} ]; then echo '${MARK}file:${name}'; cat ${f}; echo; fi`);
    }
    return parts.join('\n');
}
/** Parses what readStateScript printed. */
function parseState(stdout) {
    const sections = new Map();
    let current;
    for (const line of stdout.split('\n')) {
        if (line.startsWith(MARK)) {
            current = [];
            sections.set(line.slice(MARK.length).trim(), current);
        }
        else {
            current?.push(line);
        }
    }
    const text = (name) => sections.get(name)?.join('\n');
    const currentRelease = text('current')?.trim();
    const files = {};
    for (const [name, lines] of sections) {
        if (name.startsWith('file:'))
            files[name.slice(5)] = lines.join('\n').replace(/\n$/, '');
    }
    return {
        ...(Object.keys(files).length > 0 ? { files } : {}),
        history: (0,_history_js__WEBPACK_IMPORTED_MODULE_1__/* .parseHistory */ .i6)(text('history') ?? '').entries,
        currentRelease: currentRelease ? currentRelease : undefined,
        image: (0,_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImageLine */ .tz)(text('image') ?? ''),
        ...(sections.has('images') ? { images: (0,_compose_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImagesOutput */ .PY)(text('images') ?? '') } : {}),
    };
}
async function readState(conn, appDir, query = {}) {
    const r = await conn.exec(readStateScript(appDir, query), {
        silent: true,
        label: 'read the release state',
    });
    return parseState(r.stdout);
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
