export const id = 2963;
export const ids = [2963];
export const modules = {

/***/ 22963:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ migrateTarget),
  migrateWithInputs: () => (/* binding */ migrateWithInputs)
});

// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/actions/migrate/backup-artifact.js
var backup_artifact = __webpack_require__(17213);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
;// CONCATENATED MODULE: ./build/actions/migrate/lock.js
// The migration lock: a PostgreSQL session-level advisory lock, held on a dedicated connection for
// the whole run (backup and migrations), so two pipelines never migrate one database at once.
// It lives in the database itself, so it works whichever runner or server the runs start from,
// and PostgreSQL releases it if the holder's connection dies (a cancelled job leaves no stale lock).




/** The lock's name; its key is derived from it (stable across versions of the action). */
const LOCK_NAME = 'ops-actions/migrate';
/**
 * The signed 64-bit key pg_try_advisory_lock(bigint) takes: the first 8 bytes of SHA-256 of the
 * name. Different from the keys the tools take themselves (node-pg-migrate's 7241865325823964),
 * so our lock never blocks a tool we run under it.
 */
function advisoryLockKey(name = LOCK_NAME) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(name, 'utf8').digest();
    return digest.readBigInt64BE(0);
}
/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits), objsubid 1. */
function lockKeyParts(key) {
    return {
        classid: BigInt.asUintN(32, key >> 32n).toString(),
        objid: BigInt.asUintN(32, key).toString(),
    };
}
/** "pid 4242 (ops-actions migrate (acme/shop run 1000.1), user app, from 10.0.0.5, connected 42s ago)". */
function describeHolder(h) {
    const parts = [
        h.applicationName ? `'${h.applicationName}'` : 'no application_name',
        h.user ? `user ${h.user}` : '',
        h.clientAddr ? `from ${h.clientAddr}` : '',
        `connected ${(0,duration/* formatDuration */.a)(h.connectedForS * 1000)} ago`,
    ].filter(Boolean);
    return `pid ${h.pid} (${parts.join(', ')})`;
}
/** The `application_name` our connections use, so a waiting run can say who holds the lock. */
function applicationName(env = process.env) {
    const repo = env['GITHUB_REPOSITORY'];
    const runId = env['GITHUB_RUN_ID'];
    const attempt = env['GITHUB_RUN_ATTEMPT'];
    const run = runId ? ` run ${runId}${attempt && attempt !== '1' ? `.${attempt}` : ''}` : '';
    const name = `ops-actions migrate (${repo ?? 'local'}${run})`;
    // PostgreSQL keeps NAMEDATALEN-1 = 63 bytes of it.
    return name.length <= 63 ? name : `${name.slice(0, 59)}...)`;
}
class LockBusy extends Error {
    holder;
    constructor(holder) {
        super(holder ? `held by ${holder}` : 'held by another session');
        this.holder = holder;
    }
}
/**
 * Takes the lock, polling pg_try_advisory_lock with backoff until `timeoutMs`. While it waits it
 * logs who holds it (pid, application_name, user, client address — from pg_locks and
 * pg_stat_activity), once and again whenever the holder changes.
 */
async function acquireMigrationLock(client, opts) {
    const key = opts.key ?? advisoryLockKey();
    const started = Date.now();
    let lastHolder;
    let logged;
    try {
        await (0,retry/* retry */.L5)(async () => {
            const r = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
                key.toString(),
            ]);
            if (r.rows[0]?.ok)
                return;
            const holders = await lockHolders(client, key).catch(() => []);
            const holder = holders[0] ? describeHolder(holders[0]) : undefined;
            lastHolder = holder ?? lastHolder;
            const said = holder?.replace(/, connected [^,)]* ago/, '');
            if (said !== logged) {
                opts.log(`Waiting for the migration lock: another migration of this database is running — held by ${holder ?? 'a session that is just releasing it'}. ` +
                    `Waiting up to ${(0,duration/* formatDuration */.a)(opts.timeoutMs)} (lock-timeout).`);
                logged = said;
            }
            throw new LockBusy(holder);
        }, {
            deadlineMs: opts.timeoutMs,
            initialDelayMs: opts.pollInitialMs ?? 250,
            maxDelayMs: opts.pollMaxMs ?? 2000,
            factor: 1.5,
            isRetryable: (e) => e instanceof LockBusy,
        });
    }
    catch (error) {
        if (error instanceof retry/* RetryError */.J_ && error.lastError instanceof LockBusy) {
            throw new errors/* OperationError */.OK(`Timed out after ${(0,duration/* formatDuration */.a)(Date.now() - started)} waiting for the migration lock (lock-timeout ${(0,duration/* formatDuration */.a)(opts.timeoutMs)}): ` +
                `it is ${error.lastError.message}. Another migration of this database is still running; ` +
                'let it finish and re-run this job, or raise lock-timeout. Nothing was backed up or migrated.', { holder: error.lastError.holder });
        }
        throw new errors/* OperationError */.OK(`Could not take the migration lock: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const waitedMs = Date.now() - started;
    let released = false;
    return {
        key,
        waitedMs,
        waitedFor: lastHolder,
        async release() {
            if (released)
                return;
            released = true;
            await client.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
        },
    };
}
/** The sessions holding the advisory lock `key` in the current database. */
async function lockHolders(client, key) {
    const { classid, objid } = lockKeyParts(key);
    const r = await client.query(`SELECT a.pid, a.application_name, a.usename, host(a.client_addr) AS client_addr,
            extract(epoch FROM now() - a.backend_start)::bigint::text AS connected_s, a.state
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::text = $1 AND l.objid::text = $2 AND l.objsubid = 1`, [classid, objid]);
    return r.rows.map((row) => ({
        pid: row.pid,
        applicationName: row.application_name ?? '',
        user: row.usename ?? '',
        clientAddr: row.client_addr,
        connectedForS: Number(row.connected_s ?? 0),
        state: row.state,
    }));
}
/** The lock's session ended or no longer holds the lock: another run may migrate at the same time. */
class LockLostError extends errors/* OperationError */.OK {
    name = 'LockLostError';
}
/** The longest pause between two queries on the lock's session. */
const KEEPALIVE_MAX_MS = 5000;
/**
 * Keeps the lock's session busy and watched while the migration runs: a cheap query on an interval
 * (so `idle_session_timeout` never ends it) that also checks the session still holds the lock. When
 * the session dies (a killed backend, a failover, a dropped tunnel) or a check gets no answer, the
 * returned signal is aborted, so the caller stops the tool.
 */
async function watchMigrationLock(client, key, opts = {}) {
    const { classid, objid } = lockKeyParts(key);
    const ac = new AbortController();
    const lose = (why) => {
        if (ac.signal.aborted)
            return;
        ac.abort(new LockLostError(`The migration lock was lost while the migration ran (${why}): another run may have migrated at the same time. ` +
            'The tool was stopped. Check what the database has applied (the tool’s status) before re-running this job.'));
    };
    const intervalMs = opts.intervalMs ?? (await keepaliveInterval(client));
    const checkTimeoutMs = opts.checkTimeoutMs ?? 15_000;
    const onError = (e) => lose(`its database session failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
    const onEnd = () => lose('its database session ended');
    client.on('error', onError);
    client.on('end', onEnd);
    let running = false;
    const check = async () => {
        if (ac.signal.aborted)
            throw ac.signal.reason;
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${(0,duration/* formatDuration */.a)(checkTimeoutMs)}`)), checkTimeoutMs);
        });
        try {
            const r = await Promise.race([
                client.query(`SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
              AND classid::text = $1 AND objid::text = $2 AND objsubid = 1) AS held`, [classid, objid]),
                timeout,
            ]);
            if (!r.rows[0]?.held)
                lose('its database session no longer holds it');
        }
        catch (error) {
            lose(`its database session did not answer: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        finally {
            clearTimeout(timer);
        }
        if (ac.signal.aborted)
            throw ac.signal.reason;
    };
    const timer = setInterval(() => {
        if (running || ac.signal.aborted)
            return;
        running = true;
        check()
            .catch(() => undefined)
            .finally(() => {
            running = false;
        });
    }, intervalMs);
    timer.unref();
    ac.signal.addEventListener('abort', () => opts.log?.((0,errors/* errorMessage */.gJ)(ac.signal.reason)), { once: true });
    return {
        signal: ac.signal,
        verify: check,
        stop() {
            clearInterval(timer);
            client.off('error', onError);
            client.off('end', onEnd);
        },
    };
}
/** A third of the session's idle_session_timeout (PostgreSQL 14+), at most KEEPALIVE_MAX_MS. */
async function keepaliveInterval(client) {
    const r = await client
        .query("SELECT (SELECT setting FROM pg_settings WHERE name = 'idle_session_timeout') AS ms")
        .catch(() => undefined);
    const ms = Number(r?.rows[0]?.ms ?? 0);
    return ms > 0 ? Math.max(100, Math.min(KEEPALIVE_MAX_MS, Math.floor(ms / 3))) : KEEPALIVE_MAX_MS;
}

// EXTERNAL MODULE: ./build/lib/exec.js
var exec = __webpack_require__(38511);
// EXTERNAL MODULE: ./build/actions/migrate/backup.js
var backup = __webpack_require__(83822);
;// CONCATENATED MODULE: ./build/actions/migrate/pg-dump-check.js
// The backup's precheck, run before the migration lock is taken and before any migration: is there
// a pg_dump where the backup will run (the runner, the server, or the backup compose service), and
// is it new enough for the database server (pg_dump refuses a server of a newer major version)?
// A missing or too old pg_dump fails the step here, saying how to install one or to set backup: false.

/** The major version in `pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` (9.6.24 → 9); undefined if not understood. */
function parsePgDumpMajor(versionText) {
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionText);
    if (!m)
        return undefined;
    return Number(m[1]);
}
/** The major version from `server_version_num` (160004 → 16, 90624 → 9). */
function serverMajorOf(serverVersionNum) {
    return Math.floor(serverVersionNum / 10_000);
}
function placeName(p) {
    switch (p.kind) {
        case 'runner':
            return 'on the runner';
        case 'host':
            return `on ${p.host}`;
        case 'compose':
            return `in compose service '${p.service}' on ${p.host} (backup-compose-service)`;
    }
}
function installHint(p, major) {
    const pkg = `postgresql-client-${major ?? '<server major>'}`;
    const apt = `\`sudo apt-get install -y ${pkg}\` (every major is in the PostgreSQL apt repository, https://wiki.postgresql.org/wiki/Apt; ` +
        `on Alpine \`apk add postgresql${major ?? ''}-client\`)`;
    switch (p.kind) {
        case 'runner':
            return `install it in a step before this one: ${apt}`;
        case 'host':
            return `install it on ${p.host}: ${apt}, or run pg_dump in the database's own container with backup-compose-service: db`;
        case 'compose':
            return `give backup-compose-service a service whose image has pg_dump (the database's own, e.g. postgres:${major ?? '<server major>'}), or install ${pkg} in its image`;
    }
}
/**
 * Throws a ConfigurationError (input `backup`) when the probe found no pg_dump, or one older than
 * the server; returns the line to log otherwise.
 */
function checkPgDump(probe, serverVersionNum, place) {
    const serverMajor = serverVersionNum === undefined ? undefined : serverMajorOf(serverVersionNum);
    const off = 'or set backup: false to migrate without a backup (not recommended: a failed migration then has nothing to restore).';
    if (!probe.found) {
        throw new errors/* ConfigurationError */.j1('backup', `is true (the default), but there is no pg_dump ${placeName(place)}${probe.detail ? ` (${probe.detail.trim().split('\n').slice(-1)[0]})` : ''}. ` +
            `Nothing was changed: the migration lock was not taken and no migration ran. To take the backup, ${installHint(place, serverMajor)}; ${off}`, 'backup: false   # only if you take backups another way');
    }
    const major = parsePgDumpMajor(probe.versionText);
    const version = probe.versionText.trim().split('\n')[0] ?? '';
    if (major !== undefined && serverMajor !== undefined && major < serverMajor) {
        throw new errors/* ConfigurationError */.j1('backup', `needs a pg_dump of major version ${serverMajor} or newer ${placeName(place)}, but it is ${major} ('${version}'), and pg_dump refuses to dump a newer server ` +
            `(the server is PostgreSQL ${serverMajor}). Nothing was changed: the migration lock was not taken and no migration ran. ` +
            `To take the backup, ${installHint(place, serverMajor)}; ${off}`, 'backup: false   # only if you take backups another way');
    }
    return `pg_dump ${placeName(place)}: ${version}${serverMajor !== undefined ? ` (server: PostgreSQL ${serverMajor})` : ''}.`;
}

// EXTERNAL MODULE: ./build/actions/migrate/sql-plan.js
var sql_plan = __webpack_require__(32444);
// EXTERNAL MODULE: ./build/actions/migrate/sql-runner.js
var sql_runner = __webpack_require__(5297);
// EXTERNAL MODULE: ./build/actions/migrate/tools.js
var tools = __webpack_require__(59153);
;// CONCATENATED MODULE: ./build/actions/migrate/migrate.js









/**
 * Refuses to go down unless the database's newest migration is the failed release's newest (and,
 * for sql, the ones to revert are exactly its migrations). Runs under the migration lock, in the
 * run that reverts, so nothing can migrate between the check and the revert. Throws OperationError.
 */
function checkDownGuard(guard, tool, current, toRevert, log) {
    const newest = guard.applied[guard.applied.length - 1];
    const n = guard.applied.length;
    if (current === undefined) {
        if (guard.allowUnknownCurrent) {
            log(`migrate-down: ${tool} does not say which migration is the newest, so it cannot be checked; reverting ${n} step(s) with migrate-down-command as given.`);
            return;
        }
        throw new errors/* OperationError */.OK(`the database's newest migration cannot be read (${tool} did not say), so going down ${n} step(s) might revert other migrations than ${guard.applied.join(', ')}. ` +
            'Nothing was reverted; revert by hand, or give migrate-down-command to revert with your own command.');
    }
    const planned = toRevert === undefined ? undefined : toRevert.join(',');
    if (current !== newest || (planned !== undefined && planned !== [...guard.applied].reverse().join(','))) {
        throw new errors/* OperationError */.OK(`the database's newest migration is ${current || '(none)'}, not ${newest ?? '?'} which the failed release applied: ` +
            `something migrated since, so going down ${n} step(s) would revert other migrations. Nothing was reverted; revert by hand.`);
    }
}
function newReport(cfg, where, database) {
    return {
        tool: cfg.tool,
        direction: cfg.direction,
        dryRun: cfg.dryRun,
        where,
        database,
        outcome: 'failure',
        lock: { taken: false },
        backup: { state: cfg.backup ? 'skipped' : 'off' },
        pendingBefore: undefined,
        applied: undefined,
        current: undefined,
        steps: [],
        commands: [],
        failedMigration: undefined,
        error: undefined,
        durationMs: 0,
    };
}
/**
 * Runs the migration and fills `report` as it goes, so a failure still leaves a report saying
 * how far it got (which migration failed, where the backup is). Throws the tool's own error.
 */
async function runMigrate(cfg, deps, report) {
    const started = Date.now();
    let lockClient;
    let lock;
    let watch;
    try {
        // Files are checked before anything connects: a bad folder is the user's to fix, not a lock to wait for.
        const folder = cfg.tool === 'sql' && cfg.sqlDir ? await (0,sql_runner/* readSqlFolder */.Zf)(cfg.sqlDir) : undefined;
        if (deps.connect) {
            lockClient = await deps.connect();
            // a backup that cannot be taken fails here: before the lock, before any migration
            if (cfg.backup)
                await precheckBackup(deps, lockClient, report);
            if (cfg.dryRun) {
                report.lock = { taken: false, note: 'dry-run only reads' };
            }
            else {
                const client = lockClient;
                lock = await deps.group('Migration lock', async () => {
                    const held = await acquireMigrationLock(client, { timeoutMs: cfg.lockTimeoutMs, log: deps.log });
                    deps.log(held.waitedMs >= 1000
                        ? `Took the migration lock after waiting ${(0,duration/* formatDuration */.a)(held.waitedMs)}.`
                        : 'Took the migration lock.');
                    return held;
                });
                report.lock = { taken: true, waitedMs: lock.waitedMs, waitedFor: lock.waitedFor };
                // from here on the lock's session is kept busy and watched: losing it stops the tool
                watch = await watchMigrationLock(client, lock.key, { log: deps.log });
            }
        }
        else {
            report.lock = { taken: false, note: 'no database-url: no lock' };
            deps.log('No database-url: migrating without the migration lock (nothing stops a concurrent run) and without a backup.');
        }
        const ctx = { cfg, deps, report, lockClient, folder, signal: watch?.signal };
        if (cfg.tool === 'sql')
            await runSql(ctx);
        else
            await runTool(ctx);
        // still ours at the end: nothing ran while another run could hold it
        await watch?.verify();
    }
    catch (error) {
        report.outcome = 'failure';
        // the tool failed because it was stopped: the lost lock is the cause to report
        const cause = watch?.signal.aborted ? watch.signal.reason : error;
        report.error = (0,errors/* errorMessage */.gJ)(cause);
        throw cause;
    }
    finally {
        watch?.stop();
        if (lock) {
            await lock
                .release()
                .catch((e) => deps.log(`Could not release the migration lock: ${(0,errors/* errorMessage */.gJ)(e)} (it is released when the connection closes).`));
        }
        await lockClient?.end().catch(() => undefined);
        report.durationMs = Date.now() - started;
    }
}
/** pg_dump is there where the backup runs, and not older than the server (else: ConfigurationError). */
async function precheckBackup(deps, client, report) {
    const probe = deps.probeBackupTool;
    if (!probe)
        return;
    await deps.group('Backup precheck (pg_dump --version)', async () => {
        const r = await client.query('SHOW server_version_num');
        const num = Number(r.rows[0]?.server_version_num);
        try {
            deps.log(checkPgDump(await probe(), Number.isFinite(num) ? num : undefined, deps.backupPlace));
        }
        catch (error) {
            report.backup = { state: 'failed', note: (0,errors/* errorMessage */.gJ)(error) };
            throw error;
        }
    });
}
async function migrate_backup(ctx) {
    const { cfg, deps, report } = ctx;
    if (!cfg.backup)
        return;
    if (!deps.backup)
        throw new errors/* ConfigurationError */.j1('backup', 'needs database-url to know which database to dump.');
    const take = deps.backup;
    try {
        const result = await deps.group('Backup (pg_dump --format=custom)', async () => {
            const r = await take();
            deps.log(`Backup written: ${r.path} (${(0,backup/* formatBytes */.z3)(r.sizeBytes)}${r.entries === undefined ? '' : `, ${r.entries} archive entries`}, ${(0,duration/* formatDuration */.a)(r.durationMs)}).`);
            return r;
        });
        report.backup = { state: 'taken', result };
    }
    catch (error) {
        report.backup = { state: 'failed', note: (0,errors/* errorMessage */.gJ)(error) };
        throw new BackupError(`The backup failed, so no migration was run: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** The backup failed: nothing was migrated. */
class BackupError extends errors/* OperationError */.OK {
    name = 'BackupError';
}
function logPending(deps, pending, what = 'Pending') {
    if (pending === undefined)
        deps.log(`${what}: not reported by the tool.`);
    else if (pending.length === 0)
        deps.log(`${what}: none.`);
    else
        deps.log(`${what} (${pending.length}): ${pending.join(', ')}`);
}
// ---------------------------------------------------------------------------------------- sql
async function runSql(ctx) {
    const { cfg, deps, report } = ctx;
    const folder = ctx.folder;
    if (!folder || !deps.connect) {
        throw new errors/* ConfigurationError */.j1('database-url', "is required with tool 'sql'.");
    }
    const client = await deps.connect();
    // the lock is lost: end the session, so the running migration fails and its transaction rolls back
    const stop = () => void client.end().catch(() => undefined);
    ctx.signal?.addEventListener('abort', stop, { once: true });
    try {
        const history = await sql_runner/* SqlHistory */.xc.open(client);
        const plan = await deps.group('Status', async () => {
            const p = await (0,sql_runner/* planFolderUp */.JZ)(history, folder);
            deps.log(`${folder.migrations.length} migration file(s) in ${folder.dir}; current: ${p.current || '(none)'}.`);
            if (p.missing.length > 0) {
                deps.log(`Applied but no longer in the folder (left as they are): ${p.missing.join(', ')}`);
            }
            logPending(deps, p.pending.map((m) => m.id));
            return p;
        });
        report.pendingBefore = plan.pending.map((m) => m.id);
        report.current = plan.current;
        if (cfg.direction === 'up') {
            report.steps = plan.pending.map((m) => ({ id: m.id, status: 'pending' }));
            if (cfg.dryRun) {
                report.outcome = 'dry-run';
                return;
            }
            if (plan.pending.length === 0) {
                report.applied = [];
                report.outcome = 'up-to-date';
                if (cfg.backup)
                    report.backup = { state: 'skipped', note: 'nothing to migrate' };
                return;
            }
            await migrate_backup(ctx);
            await history.ensureTable();
            report.applied = [];
            await deps.group(`Migrate (${plan.pending.length} file(s))`, async () => {
                for (const [i, m] of plan.pending.entries()) {
                    try {
                        const r = await (0,sql_runner/* applySqlMigration */.Rb)(client, history, folder, m, deps.appliedBy, {
                            durable: i === plan.pending.length - 1,
                        });
                        report.applied?.push(m.id);
                        report.current = m.id;
                        report.steps[i] = { id: m.id, status: 'applied', durationMs: r.durationMs };
                        deps.log(`✓ ${m.file} (${(0,duration/* formatDuration */.a)(r.durationMs)})`);
                    }
                    catch (error) {
                        report.steps[i] = { id: m.id, status: 'failed' };
                        report.failedMigration = m.id;
                        deps.log(`✗ ${m.file}`);
                        throw error;
                    }
                }
            });
            report.outcome = 'success';
            return;
        }
        // down
        const toRevert = await (0,sql_runner/* planFolderDown */.Em)(history, folder, cfg.steps);
        report.steps = toRevert.map((m) => ({ id: m.id, status: 'to revert' }));
        deps.log(`To revert (${toRevert.length}): ${toRevert.map((m) => m.id).join(', ')}`);
        if (cfg.downGuard) {
            checkDownGuard(cfg.downGuard, cfg.tool, report.current, toRevert.map((m) => m.id), deps.log);
        }
        if (cfg.dryRun) {
            report.outcome = 'dry-run';
            return;
        }
        await migrate_backup(ctx);
        report.applied = [];
        await deps.group(`Revert (${toRevert.length} file(s))`, async () => {
            for (const [i, m] of toRevert.entries()) {
                try {
                    const r = await (0,sql_runner/* revertSqlMigration */.vw)(client, history, folder, m);
                    report.applied?.push(m.id);
                    report.steps[i] = { id: m.id, status: 'reverted', durationMs: r.durationMs };
                    deps.log(`✓ reverted ${m.id} with ${m.downFile} (${(0,duration/* formatDuration */.a)(r.durationMs)})`);
                }
                catch (error) {
                    report.steps[i] = { id: m.id, status: 'failed' };
                    report.failedMigration = m.id;
                    throw error;
                }
                finally {
                    report.current = (0,sql_plan/* newestApplied */.kB)(folder.migrations, await history.applied().catch(() => []));
                }
            }
        });
        report.outcome = 'success';
    }
    finally {
        ctx.signal?.removeEventListener('abort', stop);
        await client.end().catch(() => undefined);
    }
}
// ------------------------------------------------------------------------------ external tools
async function runTool(ctx) {
    const { cfg, deps, report } = ctx;
    const before = await deps.group('Status', async () => {
        const s = await migrate_status(ctx, 'status');
        logPending(deps, s?.pending);
        return s;
    });
    report.pendingBefore = before?.pending;
    report.current = before?.current ?? (await queryCurrent(ctx));
    if (report.current !== undefined)
        deps.log(`Current: ${report.current || '(none)'}`);
    if (cfg.direction === 'down' && cfg.downGuard) {
        checkDownGuard(cfg.downGuard, cfg.tool, report.current, undefined, deps.log);
    }
    const cmd = cfg.direction === 'up' ? cfg.commands.up : cfg.commands.down;
    if (!cmd) {
        throw new errors/* ConfigurationError */.j1(cfg.direction, `tool '${cfg.tool}' has no ${cfg.direction} command: give one.`, `${cfg.direction}: ${cfg.direction === 'up' ? './scripts/migrate.sh' : 'npx prisma migrate resolve --rolled-back <name>'}`);
    }
    if (cfg.dryRun) {
        deps.log(`dry-run: would run '${(0,tools/* commandLine */.ay)(cmd)}'${cfg.backup ? ' after a pg_dump backup' : ''}.`);
        report.steps = (before?.pending ?? []).map((id) => ({ id, status: 'pending' }));
        report.outcome = 'dry-run';
        return;
    }
    if (cfg.direction === 'up' && before && before.pending.length === 0) {
        deps.log(`Nothing pending: '${(0,tools/* commandLine */.ay)(cmd)}' not run.`);
        report.applied = [];
        report.outcome = 'up-to-date';
        if (cfg.backup)
            report.backup = { state: 'skipped', note: 'nothing to migrate' };
        return;
    }
    await migrate_backup(ctx);
    const label = cfg.direction === 'up' ? 'Migrate' : 'Revert';
    let output = '';
    try {
        await deps.group(`${label} (${(0,tools/* commandLine */.ay)(cmd)})`, async () => {
            const r = await migrate_exec(ctx, cmd, cfg.tool);
            output = `${r.stdout}\n${r.stderr}`;
        });
    }
    catch (error) {
        const failedOutput = error instanceof exec/* ProcessError */.yI && error.result ? `${error.result.stdout}\n${error.result.stderr}` : '';
        report.failedMigration = (0,tools/* parseFailedMigration */.Pk)(cfg.tool, failedOutput);
        // What stuck (a tool without transactional DDL may have applied some) — best effort.
        const after = await migrate_status(ctx, 'status after failure').catch(() => undefined);
        fillAfter(ctx, before, after, undefined);
        if (report.current === undefined || after === undefined)
            report.current = (await queryCurrent(ctx).catch(() => undefined)) ?? report.current;
        throw error;
    }
    const reported = (0,tools/* parseApplied */.lC)(cfg.tool, cfg.direction, output);
    const after = await deps.group('Status after', async () => {
        const s = await migrate_status(ctx, 'status');
        logPending(deps, s?.pending, 'Still pending');
        return s;
    });
    fillAfter(ctx, before, after, reported);
    const queried = await queryCurrent(ctx);
    if (after?.current === undefined && queried !== undefined)
        report.current = queried;
    report.steps = (report.applied ?? []).map((id) => ({
        id,
        status: cfg.direction === 'up' ? 'applied' : 'reverted',
    }));
    report.outcome = 'success';
}
function fillAfter(ctx, before, after, reported) {
    const { cfg, report } = ctx;
    if (reported !== undefined)
        report.applied = reported;
    else if (before && after) {
        report.applied =
            cfg.direction === 'up'
                ? before.pending.filter((id) => !after.pending.includes(id))
                : after.pending.filter((id) => !before.pending.includes(id));
    }
    if (after?.current !== undefined)
        report.current = after.current;
    else if (cfg.direction === 'up' && report.applied && report.applied.length > 0) {
        report.current = report.applied[report.applied.length - 1];
    }
}
async function migrate_exec(ctx, cmd, label, allowFailure = false) {
    const { cfg, deps, report } = ctx;
    const r = await deps.runner
        .run(cmd, { env: deps.toolEnv, timeoutMs: cfg.timeoutMs, allowFailure, label, signal: ctx.signal })
        .catch((error) => {
        if (error instanceof exec/* ProcessError */.yI && error.result) {
            report.commands.push({
                label,
                command: (0,tools/* commandLine */.ay)(cmd),
                exitCode: error.result.exitCode,
                durationMs: error.result.durationMs,
            });
        }
        throw error;
    });
    report.commands.push({ label, command: (0,tools/* commandLine */.ay)(cmd), exitCode: r.exitCode, durationMs: r.durationMs });
    return r;
}
/** Runs the status command and reads it; undefined when there is none or its output is not understood. */
async function migrate_status(ctx, label) {
    const { cfg, deps } = ctx;
    const cmd = cfg.commands.status;
    if (!cmd)
        return undefined;
    const r = await migrate_exec(ctx, cmd, label === 'status' ? `${cfg.tool} status` : label, true);
    const parsed = (0,tools/* parseStatus */.i$)(cfg.tool, `${r.stdout}\n${r.stderr}`);
    if (r.exitCode !== 0 && parsed === undefined) {
        throw exec/* ProcessError */.yI.fromResult(r);
    }
    if (parsed === undefined)
        deps.log(`(the status output does not list migrations the way ${cfg.tool} does: pending is unknown)`);
    return parsed;
}
/** The newest applied migration from the tool's own history table, for tools whose status does not say it. */
async function queryCurrent(ctx) {
    const sql = (0,tools/* currentMigrationQuery */.wk)(ctx.cfg.tool);
    const table = (0,tools/* historyTableOf */.ac)(ctx.cfg.tool);
    if (!sql || !table || !ctx.lockClient)
        return undefined;
    try {
        const exists = await ctx.lockClient.query('SELECT to_regclass($1)::text AS t', [
            table,
        ]);
        if (!exists.rows[0]?.t)
            return '';
        const r = await ctx.lockClient.query(sql);
        return r.rows[0]?.id ?? '';
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/lib/ssh/connection.js
var connection = __webpack_require__(41429);
// EXTERNAL MODULE: ./build/lib/ssh/pool.js
var ssh_pool = __webpack_require__(90963);
// EXTERNAL MODULE: ./build/lib/ssh/sftp.js
var sftp = __webpack_require__(27788);
// EXTERNAL MODULE: ./build/lib/ssh/script.js + 1 modules
var script = __webpack_require__(66143);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
;// CONCATENATED MODULE: ./build/actions/migrate/database.js
// Connections to the database being migrated (node-postgres), with retries for a database that is
// still starting and no retries for a wrong password.



/** PostgreSQL errors worth retrying: the server is starting, shutting down or out of connections. */
const RETRYABLE_SQLSTATE = new Set(['57P03', '53300', '08006', '08001', '08004']);
const RETRYABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN']);
function isRetryableConnectError(error) {
    const code = typeof error === 'object' && error !== null ? error.code : undefined;
    if (typeof code === 'string')
        return RETRYABLE_SQLSTATE.has(code) || RETRYABLE_ERRNO.has(code);
    return /timeout|terminated unexpectedly/i.test((0,errors/* errorMessage */.gJ)(error));
}
async function connectDatabase(db, opts) {
    try {
        return await (0,retry/* retry */.L5)(async () => {
            const client = new esm/* default.Client */.Ay.Client({
                connectionString: db.url,
                application_name: opts.applicationName,
                connectionTimeoutMillis: 15_000,
                // a peer that vanished (a dropped tunnel, a failover) is noticed on an idle session too
                keepAlive: true,
            });
            // A connection that dies later must not crash the process: the next query fails instead.
            client.on('error', () => undefined);
            try {
                await client.connect();
                return client;
            }
            catch (error) {
                await client.end().catch(() => undefined);
                throw error;
            }
        }, {
            deadlineMs: opts.deadlineMs ?? 30_000,
            isRetryable: isRetryableConnectError,
            onRetry: ({ attempt, error, delayMs }) => opts.log?.(`Connecting to ${db.display} failed (attempt ${attempt}: ${(0,errors/* errorMessage */.gJ)(error)}); retrying in ${delayMs}ms.`),
        });
    }
    catch (error) {
        throw new errors/* OperationError */.OK(`Cannot connect to the database ${db.display}${db.user ? ` as ${db.user}` : ''}: ${(0,errors/* errorMessage */.gJ)(error)}. ` +
            'Check database-url (host, port, user, password) and that the database accepts connections from here.');
    }
}

// EXTERNAL MODULE: ./build/actions/migrate/database-url.js
var database_url = __webpack_require__(47401);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
;// CONCATENATED MODULE: ./build/actions/migrate/remote-plan.js
// What the migrate stage runs on a server (where: ssh), as pure functions: the tool's command on the
// host or inside a compose service, and the backup script. Executed by ssh-target.ts.



/**
 * A one-off container of a Swarm service's image, the way teams run `alembic upgrade head` on
 * Swarm: the image, environment and network are read from `docker service inspect` on the
 * manager, then `docker run --rm` runs the command with them (and with the variables in `envNames`,
 * passed by name so their values stay out of the command line). The service's environment goes
 * through a file readable only by the SSH user, removed afterwards. The container joins the
 * service's first network (host, or an overlay network that is `attachable: true`); Swarm secrets
 * and configs are not mounted (`docker run` cannot): give the tool what it needs through env.
 */
function swarmRunScript(t, envNames, inner) {
    const svc = (0,quote/* shellQuote */.ZL)(t.service);
    const e = envNames.map((n) => `-e ${(0,quote/* shellQuote */.ZL)(n)}`).join(' ');
    return [
        `image=$(docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' ${svc}) || { echo ${(0,quote/* shellQuote */.ZL)(`swarm-service: no Swarm service ${t.service} on this host (is it a manager?)`)} >&2; exit 1; }`,
        'envfile=$(umask 077 && mktemp)',
        `trap 'rm -f "$envfile"' EXIT`,
        `docker service inspect --format '{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}' ${svc} > "$envfile"`,
        `net=$(docker service inspect --format '{{range .Spec.TaskTemplate.Networks}}{{.Target}} {{end}}' ${svc} | cut -d' ' -f1)`,
        'netopt=""',
        `if [ -n "$net" ]; then netopt="--network=$(docker network inspect --format '{{.Name}}' "$net")"; fi`,
        `echo "one-off container of ${t.service.replace(/[^A-Za-z0-9_.-]/g, '')}: $image $netopt" >&2`,
        `docker run --rm -i --env-file "$envfile" ${e} $netopt "\${image%@sha256:*}" ${inner}`,
    ].join('\n');
}
/** `docker compose -f a.yml exec -T`: the start of every command run inside a service. */
function composeExecPrefix(c, envNames) {
    const words = [...c.command];
    for (const f of c.files)
        words.push('-f', f);
    words.push('exec', '-T');
    for (const name of envNames)
        words.push('-e', name);
    words.push(c.service);
    return (0,quote/* shellJoin */.nZ)(words);
}
/**
 * The command line run on the server for a tool command: as it is on the host, or through
 * `docker compose exec -T <service>` — the variables in `envNames` are passed into the container by
 * name (`-e NAME`), so their values stay out of the command line.
 */
function remoteToolCommand(cmd, compose, envNames, swarm) {
    if (!compose && !swarm)
        return (0,tools/* commandLine */.ay)(cmd);
    const inner = 'argv' in cmd ? (0,quote/* shellJoin */.nZ)(cmd.argv) : `sh -c ${(0,quote/* shellQuote */.ZL)(cmd.shell)}`;
    if (swarm)
        return swarmRunScript(swarm, envNames, inner);
    return `${composeExecPrefix(compose, envNames)} ${inner}`;
}
/** Markers the backup script prints for the action to read back. */
const BACKUP_PATH_MARK = 'ops-actions-backup-path=';
const BACKUP_SIZE_MARK = 'ops-actions-backup-size=';
const BACKUP_ENTRIES_MARK = 'ops-actions-backup-entries=';
const BACKUP_SHA256_MARK = 'ops-actions-backup-sha256=';
/** Printed by the pg_dump probe when the host has none. */
const NO_PG_DUMP_MARK = 'ops-actions-no-pg-dump';
/**
 * `pg_dump --version` where the backup runs: on the host (a marker when it has none), or inside
 * the backup compose service (its exit status says whether it could run).
 */
function pgDumpProbeCommand(compose) {
    if (compose)
        return `${composeExecPrefix(compose, [])} pg_dump --version`;
    return `if command -v pg_dump >/dev/null 2>&1; then pg_dump --version; else echo ${NO_PG_DUMP_MARK}; fi`;
}
/**
 * pg_dump on the server into `<dir>/<fileName>` (dir '' = $HOME/ops-actions-backups; created, umask 077: the dump is readable by the
 * SSH user only). Written to `.partial` and moved into place only when pg_dump succeeded. With a
 * compose service, pg_dump runs inside it (its own pg_dump, matching the server's version) and its
 * output is written on the host.
 */
function remoteBackupPlan(db, opts) {
    const dump = opts.compose
        ? `${composeExecPrefix(opts.compose, ['PGPASSWORD', 'PGAPPNAME', 'PGCONNECT_TIMEOUT'])} ${(0,quote/* shellJoin */.nZ)(['pg_dump', ...(0,backup/* pgDumpArgs */.vy)(db, undefined)])}`
        : (0,quote/* shellJoin */.nZ)(['pg_dump', ...(0,backup/* pgDumpArgs */.vy)(db, undefined)]);
    const script = [
        'umask 077',
        `dir=${opts.dir ? (0,quote/* shellQuote */.ZL)(opts.dir) : '"$HOME/ops-actions-backups"'}`,
        'mkdir -p -- "$dir"',
        `file="$(cd -- "$dir" && pwd)"/${(0,quote/* shellQuote */.ZL)(opts.fileName)}`,
        'trap \'rm -f -- "$file.partial"\' EXIT',
        `${dump} > "$file.partial"`,
        'mv -- "$file.partial" "$file"',
        `echo "${BACKUP_PATH_MARK}$file"`,
        `echo "${BACKUP_SIZE_MARK}$(wc -c < "$file" | tr -d ' ')"`,
        // the runner checks a downloaded copy against it
        `if command -v sha256sum >/dev/null 2>&1; then echo "${BACKUP_SHA256_MARK}$(sha256sum < "$file" | cut -d ' ' -f 1)"; fi`,
        // read back the archive's table of contents where pg_restore is installed on the host
        `if command -v pg_restore >/dev/null 2>&1; then echo "${BACKUP_ENTRIES_MARK}$(pg_restore --list "$file" | grep -c '^[0-9]*;' || true)"; fi`,
    ].join('\n');
    return { script };
}
/** Reads the markers the backup script printed. */
function parseRemoteBackup(stdout) {
    const value = (mark) => stdout
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.startsWith(mark))
        ?.slice(mark.length);
    const path = value(BACKUP_PATH_MARK);
    const size = value(BACKUP_SIZE_MARK);
    if (!path || size === undefined || !/^\d+$/.test(size)) {
        throw new Error(`the backup script did not report the dump's path and size (output: ${stdout.slice(-300)})`);
    }
    const entries = value(BACKUP_ENTRIES_MARK);
    const sha256 = value(BACKUP_SHA256_MARK);
    return {
        sha256: sha256 !== undefined && /^[0-9a-f]{64}$/.test(sha256) ? sha256 : undefined,
        path,
        sizeBytes: Number(size),
        entries: entries !== undefined && /^\d+$/.test(entries) ? Number(entries) : undefined,
    };
}

;// CONCATENATED MODULE: ./build/actions/migrate/ssh-target.js
// where: ssh — the tool runs on the server (on the host, or inside a compose service), through the
// shared SSH layer (lib/ssh). The migration lock and the sql tool still need a PostgreSQL session:
// it is opened from the runner through the same SSH connection (a local port forwarded to the
// database as the server reaches it), so the lock is held for the whole run exactly as on the
// runner. The backup is taken on the server; with backup-download it is also brought back to the
// runner over SFTP (and checked against the server's sha256), so a dead server does not take the
// only backup with it.














const SHELL = { shell: 'sh', login: false };
/** Runs tool commands on the server through one SSH connection. */
class RemoteCommandRunner {
    conn;
    settings;
    secrets;
    where;
    constructor(conn, settings, secrets) {
        this.conn = conn;
        this.settings = settings;
        this.secrets = secrets;
        this.where = settings.host.label;
    }
    async run(cmd, opts) {
        const conn = await this.conn();
        const line = remoteToolCommand(cmd, this.settings.compose, Object.keys(opts.env), this.settings.swarm);
        return (0,script/* runScript */.j3)(conn, line, SHELL, {
            title: opts.label,
            env: opts.env,
            cwd: this.settings.workingDirectory || undefined,
            timeoutMs: opts.timeoutMs,
            allowFailure: opts.allowFailure,
            secrets: this.secrets,
            signal: opts.signal,
            silent: opts.silent,
        });
    }
}
function sshTarget(settings, opts) {
    const pool = new ssh_pool/* SshPool */.V(settings.ssh, { logger: connection/* runnerLogger */.hB });
    const conn = () => pool.connect(settings.host);
    const db = settings.database;
    const secrets = (0,database_url/* secretsOf */.Fj)(db);
    const tunnels = [];
    return {
        where: settings.host.label,
        deps: {
            runner: new RemoteCommandRunner(conn, settings, secrets),
            // the server's own configuration (the container's DATABASE_URL) is what the tool uses there
            toolEnv: { PGAPPNAME: opts.appName, ...settings.env },
            connect: db
                ? async () => {
                    const tunnel = await openTunnel(await conn(), db.host, db.port);
                    tunnels.push(tunnel);
                    try {
                        return await connectDatabase((0,database_url/* withHostPort */.Qx)(db, '127.0.0.1', tunnel.port), {
                            applicationName: opts.appName,
                            log: opts.log,
                            deadlineMs: 10_000,
                        });
                    }
                    catch (error) {
                        const why = tunnel.lastError ? (0,errors/* errorMessage */.gJ)(tunnel.lastError) : (0,errors/* errorMessage */.gJ)(error);
                        throw new errors/* OperationError */.OK(`Cannot reach the database ${db.display} from ${settings.host.label} through the SSH connection: ${why}. ` +
                            'With where: ssh, database-url is the database as the server reaches it (e.g. postgres://app:…@127.0.0.1:5432/app ' +
                            "with the port published on the server's loopback), and the server's sshd must allow TCP forwarding (AllowTcpForwarding yes).");
                    }
                }
                : undefined,
            backup: db
                ? async () => {
                    const started = Date.now();
                    const fileName = (0,backup/* backupFileName */.iP)(db.database, (opts.now ?? (() => new Date()))(), opts.runId);
                    const plan = remoteBackupPlan(db, {
                        dir: settings.backupDir,
                        fileName,
                        compose: settings.backupCompose,
                    });
                    const r = await (0,script/* runScript */.j3)(await conn(), plan.script, SHELL, {
                        title: 'backup',
                        env: (0,backup/* pgEnv */.TS)(db, opts.appName),
                        // where the compose file is; a relative backup-dir is from there too
                        cwd: settings.workingDirectory || undefined,
                        timeoutMs: settings.timeoutMs,
                        secrets,
                        silent: true,
                    });
                    const { sha256, ...parsed } = parseRemoteBackup(r.stdout);
                    if (!settings.backupDownload)
                        return { ...parsed, durationMs: Date.now() - started };
                    const localPath = await downloadBackup(await conn(), parsed.path, parsed.sizeBytes, sha256, settings);
                    opts.log(`Downloaded the dump to the runner over SFTP: ${localPath}.`);
                    return { ...parsed, localPath, durationMs: Date.now() - started };
                }
                : undefined,
            probeBackupTool: async () => {
                const r = await (0,script/* runScript */.j3)(await conn(), pgDumpProbeCommand(settings.backupCompose), SHELL, {
                    title: 'pg_dump --version',
                    cwd: settings.workingDirectory || undefined,
                    timeoutMs: 60_000,
                    allowFailure: true,
                    silent: true,
                });
                if (r.exitCode !== 0 || r.stdout.includes(NO_PG_DUMP_MARK) || !r.stdout.includes('pg_dump')) {
                    return { found: false, detail: (r.stderr || r.stdout).trim() || undefined };
                }
                return { found: true, versionText: r.stdout.trim() };
            },
            backupPlace: settings.backupCompose
                ? { kind: 'compose', host: settings.host.label, service: settings.backupCompose.service }
                : { kind: 'host', host: settings.host.label },
        },
        close: async () => {
            for (const t of tunnels.splice(0))
                await t.close();
            await pool.closeAll();
        },
    };
}
/**
 * Copies the server's dump to the runner (0600, in a 0700 directory) and checks it is the same
 * file: its size, and its sha256 where the server has sha256sum.
 */
async function downloadBackup(conn, remotePath, size, sha256, settings) {
    await (0,promises_.mkdir)(settings.localBackupDir, { recursive: true, mode: 0o700 });
    const localPath = (0,external_node_path_.join)(settings.localBackupDir, remotePath.split('/').pop() ?? 'backup.dump');
    const got = await (0,sftp/* downloadFile */.PE)(conn, remotePath, localPath, 0o600, {
        timeoutMs: settings.timeoutMs,
        timeoutInput: 'timeout',
    });
    if (got !== size) {
        throw new errors/* OperationError */.OK(`the downloaded dump ${localPath} has ${got} bytes, the server's ${remotePath} has ${size}.`);
    }
    if (sha256 !== undefined) {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for await (const chunk of (0,external_node_fs_.createReadStream)(localPath))
            hash.update(chunk);
        const local = hash.digest('hex');
        if (local !== sha256) {
            throw new errors/* OperationError */.OK(`the downloaded dump ${localPath} (sha256 ${local}) differs from the server's ${remotePath} (sha256 ${sha256}).`);
        }
    }
    return localPath;
}
/**
 * A local TCP port (127.0.0.1, random) whose connections are forwarded by the SSH server to
 * host:port — node-postgres connects to it as to any database.
 */
async function openTunnel(conn, host, port) {
    const sockets = new Set();
    const tunnel = { port: 0, lastError: undefined, close: async () => undefined };
    // noDelay: the PostgreSQL protocol is small messages in both directions; with Nagle's algorithm
    // a reply could wait for the client's delayed ACK (as on the SSH socket itself, lib/ssh/connection)
    const server = (0,external_node_net_.createServer)({ noDelay: true }, (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
        sock.on('error', () => undefined);
        conn.forwardOut(host, port).then((stream) => {
            stream.on('error', () => sock.destroy());
            sock.on('close', () => stream.destroy());
            stream.on('close', () => sock.destroy());
            sock.pipe(stream).pipe(sock);
        }, (error) => {
            tunnel.lastError = error;
            sock.destroy();
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    tunnel.port = typeof address === 'object' && address ? address.port : 0;
    tunnel.close = () => new Promise((resolve) => {
        for (const s of sockets)
            s.destroy();
        server.close(() => resolve());
    });
    return tunnel;
}

;// CONCATENATED MODULE: ./build/actions/migrate/command-runner.js
// Where a tool's commands run: on the runner (here) or on a server over SSH (remote.ts). The
// migration logic only sees this interface.


/** Runs commands on the runner: presets without a shell, the user's own command lines with `sh -c`. */
class LocalCommandRunner {
    cwd;
    secrets;
    log;
    where = 'runner';
    constructor(cwd, secrets, log) {
        this.cwd = cwd;
        this.secrets = secrets;
        this.log = log;
    }
    run(cmd, opts) {
        if (opts.signal?.aborted)
            return Promise.reject(opts.signal.reason);
        const [file, ...args] = 'argv' in cmd ? cmd.argv : ['sh', '-c', cmd.shell];
        if (!file)
            throw new Error(`empty command: ${(0,tools/* commandLine */.ay)(cmd)}`);
        return (0,exec/* runProcess */.R3)(file, args, {
            cwd: this.cwd,
            env: opts.env,
            timeoutMs: opts.timeoutMs,
            allowFailure: opts.allowFailure,
            prefix: opts.label,
            secrets: this.secrets,
            log: this.log,
            signal: opts.signal,
            silent: opts.silent,
        });
    }
}

;// CONCATENATED MODULE: ./build/actions/migrate/target.js
// Where the migration runs. On the runner: the tool runs here with DATABASE_URL, the lock and
// the sql tool connect directly, the backup is written here. (Over SSH: see ssh-target.ts.)




function runnerTarget(cfg, opts) {
    const db = cfg.database;
    const secrets = (0,database_url/* secretsOf */.Fj)(db);
    const runner = new LocalCommandRunner(cfg.workingDirectory, secrets, opts.log);
    return {
        where: runner.where,
        deps: {
            runner,
            toolEnv: {
                ...(db ? { DATABASE_URL: db.url } : {}),
                PGAPPNAME: opts.appName,
                ...cfg.env,
            },
            connect: db ? () => connectDatabase(db, { applicationName: opts.appName, log: opts.log }) : undefined,
            backup: db
                ? () => (0,backup/* backupOnRunner */.E9)(db, {
                    dir: cfg.backupDir,
                    fileName: (0,backup/* backupFileName */.iP)(db.database, (opts.now ?? (() => new Date()))(), opts.runId),
                    appName: opts.appName,
                    timeoutMs: cfg.timeoutMs,
                    log: opts.log,
                })
                : undefined,
            probeBackupTool: backup/* probePgDumpOnRunner */.nv,
            backupPlace: { kind: 'runner' },
        },
        close: async () => undefined,
    };
}

;// CONCATENATED MODULE: ./build/actions/migrate/run.js
// One migrate run from parsed inputs: where it runs (runner or SSH), the run itself, closing what
// it opened. Used by the migrate stage's main and by rollback's migrate-down.






/** Where the tool runs for these inputs: the runner, or the server over SSH. Close it after use. */
function migrateTarget(inputs, opts) {
    const env = opts.env ?? process.env;
    const appName = applicationName(env);
    const targetOptions = { appName, runId: env['GITHUB_RUN_ID'], log: opts.log };
    return inputs.remote
        ? sshTarget({
            ...inputs.remote,
            workingDirectory: inputs.workingDirectory,
            backupDir: inputs.backupDir,
            database: inputs.database,
            env: inputs.env,
            timeoutMs: inputs.timeoutMs,
            backupDownload: inputs.backupDownload,
            localBackupDir: inputs.localBackupDir,
        }, targetOptions)
        : runnerTarget(inputs, targetOptions);
}
/** Runs the migration `inputs` describe; never throws: a failure is returned with the report. */
async function migrateWithInputs(inputs, opts) {
    const target = migrateTarget(inputs, opts);
    const cfg = {
        tool: inputs.tool,
        direction: inputs.direction,
        steps: inputs.steps,
        dryRun: inputs.dryRun,
        backup: inputs.backup,
        lockTimeoutMs: inputs.lockTimeoutMs,
        timeoutMs: inputs.timeoutMs,
        commands: inputs.commands,
        sqlDir: inputs.sqlDir,
        downGuard: opts.downGuard,
    };
    const report = newReport(cfg, target.where, inputs.database?.display);
    const deps = { ...target.deps, backup: withArtifact(target.deps.backup, inputs.backupArtifact, opts.log) };
    let error;
    try {
        await runMigrate(cfg, { ...deps, log: opts.log, group: opts.group, appliedBy: applicationName(opts.env ?? process.env) }, report);
    }
    catch (e) {
        error = e ?? new Error('the migration failed');
    }
    finally {
        await target.close();
    }
    return { report, error };
}
/**
 * The backup, then (backup-artifact) its runner copy uploaded as a workflow artifact. A failed
 * upload fails the backup, so no migration runs: a backup that silently is not there is worse than
 * a deploy that stops (the dump itself is kept where it was written).
 */
function withArtifact(take, artifact, log) {
    if (!take || !artifact)
        return take;
    return async () => {
        const r = await take();
        if (!r.localPath)
            throw new Error('the dump is not on the runner, so it cannot be uploaded as an artifact');
        try {
            r.artifact = await (0,backup_artifact/* uploadBackupArtifact */.Ib)(r.localPath, artifact);
        }
        catch (error) {
            throw new Error(`uploading the dump as artifact '${artifact.name}' failed: ${(0,errors/* errorMessage */.gJ)(error)}. ` +
                `The dump is kept at ${r.path}${r.localPath !== r.path ? ` (and on the runner at ${r.localPath})` : ''}.`);
        }
        log(`Uploaded the dump as workflow artifact '${artifact.name}' (id ${r.artifact.id}, ${r.artifact.size} bytes, kept ${artifact.retentionDays} day(s)).`);
        return r;
    };
}


/***/ }),

/***/ 32444:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ lineOfPosition),
/* harmony export */   LE: () => (/* binding */ planSqlUp),
/* harmony export */   MX: () => (/* binding */ transactionScript),
/* harmony export */   R2: () => (/* binding */ wantsNoTransaction),
/* harmony export */   YO: () => (/* binding */ planSqlDown),
/* harmony export */   kB: () => (/* binding */ newestApplied),
/* harmony export */   mC: () => (/* binding */ sqlChecksum),
/* harmony export */   qR: () => (/* binding */ sqlMigrations)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// The `sql` tool's rules, as pure functions: which files are migrations, their order, their
// checksums, and which of them are pending given the history table. sql-runner.ts executes.


const NAME_EXAMPLE = 'migrations/\n  0001_create_users.sql\n  0002_add_orders.sql\n  0002_add_orders.down.sql';
/**
 * Orders the `.sql` files of a folder by their numeric prefix (natural order: 2 before 10, which a
 * plain sort gets wrong). `*.down.sql` files are the reverts of the migration with the same name.
 * A file without a numeric prefix, or two migrations with the same number, is a configuration
 * error: the order they would run in would be a guess.
 */
function sqlMigrations(fileNames, input = 'migrations-dir') {
    const downs = new Set(fileNames.filter((f) => f.endsWith('.down.sql')));
    const ups = fileNames.filter((f) => f.endsWith('.sql') && !f.endsWith('.down.sql'));
    const byVersion = new Map();
    const out = [];
    for (const file of ups) {
        const m = /^(\d+)[^/\\]*\.sql$/.exec(file);
        if (!m?.[1]) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `'${file}' does not start with a number. Name each migration <number>_<what>.sql; the number orders them.`, NAME_EXAMPLE);
        }
        const version = BigInt(m[1]);
        const other = byVersion.get(version.toString());
        if (other !== undefined) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `'${other}' and '${file}' have the same number ${version}, so their order is ambiguous. Renumber one.`, NAME_EXAMPLE);
        }
        byVersion.set(version.toString(), file);
        const id = file.slice(0, -'.sql'.length);
        const down = `${id}.down.sql`;
        out.push({ id, file, version, downFile: downs.has(down) ? down : undefined });
    }
    const ids = new Set(out.map((x) => x.id));
    for (const d of downs) {
        if (!ids.has(d.slice(0, -'.down.sql'.length))) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `'${d}' has no migration '${d.replace(/\.down\.sql$/, '.sql')}' to revert.`, NAME_EXAMPLE);
        }
    }
    return out.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}
/**
 * The checksum recorded for an applied migration: SHA-256 of its text with line endings and a
 * byte-order mark normalised, so a checkout with CRLF line endings is not "a changed file".
 */
function sqlChecksum(text) {
    const normal = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(normal, 'utf8').digest('hex');
}
/** A migration that must run outside a transaction says so on its first lines. */
function wantsNoTransaction(text) {
    const head = text.split(/\r?\n/).slice(0, 5).join('\n');
    return /^\s*--\s*ops-actions:\s*no-transaction\b/im.test(head);
}
/**
 * Which migrations are pending. Fails — before anything runs — when an applied file was changed
 * (its checksum differs from the history) or a pending migration sorts before an applied one
 * (it would run out of order).
 */
function planSqlUp(migrations, checksums, applied) {
    const appliedById = new Map(applied.map((r) => [r.id, r]));
    const changed = [];
    for (const m of migrations) {
        const row = appliedById.get(m.id);
        const sum = checksums.get(m.id);
        if (row && sum !== undefined && row.checksum !== sum) {
            changed.push(`${m.file} (applied with checksum ${row.checksum.slice(0, 12)}…, the file now has ${sum.slice(0, 12)}…)`);
        }
    }
    if (changed.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`${changed.length === 1 ? 'An applied migration was' : 'Applied migrations were'} changed after being applied: ${changed.join('; ')}. ` +
            'An applied migration must never be edited: restore the file as it was and put the change in a new migration.', { changed });
    }
    const pending = migrations.filter((m) => !appliedById.has(m.id));
    const lastApplied = [...migrations].reverse().find((m) => appliedById.has(m.id));
    if (lastApplied) {
        const early = pending.filter((m) => m.version < lastApplied.version);
        if (early.length > 0) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`${early.map((m) => m.file).join(', ')} ${early.length === 1 ? 'is' : 'are'} not applied but sort${early.length === 1 ? 's' : ''} before the applied ${lastApplied.file}; ` +
                'running it now would apply migrations out of order. Give it a number after the newest applied migration.', { outOfOrder: early.map((m) => m.id) });
        }
    }
    const known = new Set(migrations.map((m) => m.id));
    const missing = applied.map((r) => r.id).filter((id) => !known.has(id));
    return { pending, missing, current: newestApplied(migrations, applied) };
}
/** The newest applied id: by migration order for known files, else the last history row. */
function newestApplied(migrations, applied) {
    const ids = new Set(applied.map((r) => r.id));
    const known = [...migrations].reverse().find((m) => ids.has(m.id));
    return known?.id ?? applied[applied.length - 1]?.id ?? '';
}
/**
 * The migrations `steps` down reverts, newest first. Every one of them needs its `.down.sql`;
 * a missing one fails the whole plan before anything is reverted.
 */
function planSqlDown(migrations, applied, steps) {
    const ids = new Set(applied.map((r) => r.id));
    const appliedMigrations = migrations.filter((m) => ids.has(m.id));
    if (appliedMigrations.length < steps) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Cannot revert ${steps} migration(s): only ${appliedMigrations.length} applied migration(s) have a file in the migrations folder.`);
    }
    const toRevert = appliedMigrations.slice(appliedMigrations.length - steps).reverse();
    const noDown = toRevert.filter((m) => m.downFile === undefined);
    if (noDown.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Cannot revert ${noDown.map((m) => m.id).join(', ')}: no ${noDown.map((m) => `${m.id}.down.sql`).join(', ')}. ` +
            'Add the down file, or restore the backup taken before the migration.');
    }
    return toRevert;
}
/**
 * One migration as a single simple-query string: BEGIN, the file, its history bookkeeping,
 * COMMIT — one round trip, all or nothing. `offset` is the number of characters before the file's
 * text, to map PostgreSQL's error position back to a line of the file.
 *
 * `durable: false` sets `synchronous_commit` off for this transaction only: its commit returns
 * before the WAL is flushed to disk. Atomicity is unchanged (the migration and its history row
 * still commit or vanish together), and the run's last migration is committed durably, which
 * flushes the WAL of every commit before it. A server crash mid-run can only forget whole
 * migrations of a run that then fails — the next run applies them again.
 */
function transactionScript(sql, bookkeeping, durable) {
    const prefix = `BEGIN;\n${durable ? '' : 'SET LOCAL synchronous_commit TO off;\n'}`;
    // `\n;` ends a last statement without a semicolon, or a trailing -- comment, before ours
    return { text: `${prefix}${sql}\n;\n${bookkeeping};\nCOMMIT;`, offset: [...prefix].length };
}
/** The 1-based line of a character position (PostgreSQL reports error positions as 1-based characters). */
function lineOfPosition(text, position) {
    const before = [...text].slice(0, Math.max(0, position - 1)).join('');
    return before.split('\n').length;
}


/***/ }),

/***/ 5297:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Em: () => (/* binding */ planFolderDown),
/* harmony export */   JZ: () => (/* binding */ planFolderUp),
/* harmony export */   Rb: () => (/* binding */ applySqlMigration),
/* harmony export */   Zf: () => (/* binding */ readSqlFolder),
/* harmony export */   vw: () => (/* binding */ revertSqlMigration),
/* harmony export */   xc: () => (/* binding */ SqlHistory)
/* harmony export */ });
/* unused harmony exports HISTORY_TABLE, SqlMigrationError, quoteIdent, quoteLiteral */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _sql_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(32444);
// The `sql` tool: a minimal migration runner on node-postgres (see README, "Why a built-in
// runner"). Each migration runs in its own transaction together with its history row, so a
// failing migration leaves nothing behind and is retried whole next time.




const HISTORY_TABLE = 'ops_actions_migrations';
/** Reads and checks the migration files of a folder (no database needed). */
async function readSqlFolder(dir) {
    let names;
    try {
        names = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    }
    catch (error) {
        const code = error.code;
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('migrations-dir', `cannot read the folder '${dir}'${code ? ` (${code})` : ''}. Give the folder that holds the .sql files, relative to working-directory.`, 'migrations-dir: db/migrations');
    }
    const migrations = (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .sqlMigrations */ .qR)(names);
    const texts = new Map();
    const checksums = new Map();
    await Promise.all(migrations.map(async (m) => {
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, m.file), 'utf8');
        texts.set(m.id, text);
        checksums.set(m.id, (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .sqlChecksum */ .mC)(text));
    }));
    return { dir, migrations, texts, checksums };
}
/** A migration that failed: which file, which line, and PostgreSQL's own message. */
class SqlMigrationError extends _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK {
    migration;
    file;
    name = 'SqlMigrationError';
    constructor(migration, file, message) {
        super(message, { migration, file });
        this.migration = migration;
        this.file = file;
    }
}
class SqlHistory {
    client;
    table;
    constructor(client, 
    /** `"schema"."ops_actions_migrations"`: fixed at connect time, so a migration's SET search_path cannot move it. */
    table) {
        this.client = client;
        this.table = table;
    }
    static async open(client) {
        const r = await client.query('SELECT current_schema() AS schema');
        const schema = r.rows[0]?.schema;
        if (!schema) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK('The database has no current schema (search_path names no existing schema): cannot place the migration history table.');
        }
        return new SqlHistory(client, `${quoteIdent(schema)}.${quoteIdent(HISTORY_TABLE)}`);
    }
    /** The applied migrations, oldest first; none when the history table does not exist yet. */
    async applied() {
        const exists = await this.client.query('SELECT to_regclass($1)::text AS t', [
            this.table,
        ]);
        if (!exists.rows[0]?.t)
            return [];
        const r = await this.client.query(`SELECT id, checksum FROM ${this.table} ORDER BY applied_at, id`);
        return r.rows;
    }
    async ensureTable() {
        await this.client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        id text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        duration_ms integer NOT NULL,
        applied_by text
      )`);
    }
}
async function planFolderUp(history, folder) {
    return (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planSqlUp */ .LE)(folder.migrations, folder.checksums, await history.applied());
}
async function planFolderDown(history, folder, steps) {
    return (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planSqlDown */ .YO)(folder.migrations, await history.applied(), steps);
}
/**
 * Applies one migration and records it, in one transaction (unless the file opts out with
 * `-- ops-actions: no-transaction`). A failure rolls both back and throws a SqlMigrationError
 * naming the file and line. `durable: false` lets the commit return before its WAL is flushed
 * (see transactionScript); the run's last migration is always durable.
 */
async function applySqlMigration(client, history, folder, m, appliedBy, opts = { durable: true }) {
    const text = folder.texts.get(m.id) ?? '';
    const checksum = folder.checksums.get(m.id) ?? (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .sqlChecksum */ .mC)(text);
    const record = `INSERT INTO ${history.table} (id, checksum, duration_ms, applied_by) VALUES ` +
        `(${quoteLiteral(m.id)}, ${quoteLiteral(checksum)}, ${ELAPSED_MS}, ${quoteLiteral(appliedBy)})`;
    return run(client, m, m.file, text, record, opts.durable);
}
/** Runs a migration's `.down.sql` and deletes its history row, in one transaction. */
async function revertSqlMigration(client, history, folder, m) {
    if (!m.downFile)
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK(`${m.id} has no ${m.id}.down.sql`);
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder.dir, m.downFile), 'utf8');
    return run(client, m, m.downFile, text, `DELETE FROM ${history.table} WHERE id = ${quoteLiteral(m.id)}`, true);
}
/** Milliseconds since the transaction started, computed by the server. */
const ELAPSED_MS = '(extract(epoch FROM clock_timestamp() - now()) * 1000)::int';
async function run(client, m, file, text, bookkeeping, durable) {
    const started = Date.now();
    if ((0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .wantsNoTransaction */ .R2)(text)) {
        // PostgreSQL still runs a multi-statement string as one implicit transaction: statements
        // that refuse any transaction (CREATE INDEX CONCURRENTLY) belong in a file of their own.
        try {
            await client.query(text);
        }
        catch (error) {
            throw migrationError(m.id, file, text, 0, error, false);
        }
        await client.query(bookkeeping);
    }
    else {
        const script = (0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .transactionScript */ .MX)(text, bookkeeping, durable);
        try {
            // No parameters: the simple query protocol, so a file may hold many statements, and the
            // whole transaction is one round trip.
            await client.query(script.text);
        }
        catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw migrationError(m.id, file, text, script.offset, error, true);
        }
    }
    return { id: m.id, durationMs: Date.now() - started };
}
function migrationError(id, file, text, offset, error, transactional) {
    const e = (typeof error === 'object' && error !== null ? error : {});
    const message = e.message ?? String(error);
    const position = e.position ? Number(e.position) - offset : 0;
    const inFile = position > 0 && position <= [...text].length + 1;
    const line = inFile ? `, line ${(0,_sql_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .lineOfPosition */ .DR)(text, position)}` : '';
    const extra = [
        e.code ? `SQLSTATE ${e.code}` : '',
        e.detail ? `DETAIL: ${e.detail}` : '',
        e.hint ? `HINT: ${e.hint}` : '',
    ]
        .filter(Boolean)
        .join('; ');
    const after = transactional
        ? 'It was rolled back: nothing of it is applied.'
        : 'It ran outside a transaction (-- ops-actions: no-transaction): statements before the failing one stay applied.';
    return new SqlMigrationError(id, file, `Migration ${file} failed${line}: ${message}${extra ? ` (${extra})` : ''}. ${after}`);
}
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** A string literal that means the same whatever standard_conforming_strings is. */
function quoteLiteral(value) {
    return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
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
