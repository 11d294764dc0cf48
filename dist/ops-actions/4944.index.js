export const id = 4944;
export const ids = [4944,1374,8993];
export const modules = {

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

/***/ 41429:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tx: () => (/* binding */ SshConnection),
/* harmony export */   hB: () => (/* binding */ runnerLogger)
/* harmony export */ });
/* unused harmony exports END_GRACE_MS, remoteCommandLine, buildRemoteCommand */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(38511);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(51328);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81374);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(41853);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(91210);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(87457);









/** The first stderr line of a stoppable command: the pid of the shell sshd started for it. */
const PID_MARKER = 'ops-actions-pid:';
const runnerLogger = {
    info: (l) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(l),
    warning: (l) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(l),
};
/** How long a command that reported its end may keep its channel open (see ExecOptions.endMarker). */
const END_GRACE_MS = 2000;
/**
 * One authenticated SSH connection to one host, reused for every command and file transfer of a
 * deploy. Create it with `SshConnection.connect` (retries transient failures, verifies the host key).
 */
class SshConnection {
    client;
    host;
    hostKeyFingerprint;
    logger;
    sftpSession;
    closed = false;
    closeListeners = [];
    constructor(client, host, 
    /** The SHA256 fingerprint of the host key the server presented. */
    hostKeyFingerprint, logger) {
        this.client = client;
        this.host = host;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.logger = logger;
        client.on('close', () => {
            this.closed = true;
            for (const l of this.closeListeners.splice(0))
                l();
        });
        client.on('error', () => {
            /* errors after 'ready' surface through the channel callbacks */
        });
    }
    get isClosed() {
        return this.closed;
    }
    /**
     * Connects and authenticates, retrying refused/reset/timed-out connections with exponential
     * backoff until `connectTimeoutMs`. Authentication and host key failures throw at once.
     */
    static async connect(opts) {
        const logger = opts.logger ?? runnerLogger;
        const started = Date.now();
        try {
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .retry */ .L5)(async () => {
                const remaining = opts.connectTimeoutMs - (Date.now() - started);
                return await connectVerified(opts, logger, Math.max(2000, Math.min(remaining, 20_000)));
            }, {
                deadlineMs: opts.connectTimeoutMs,
                initialDelayMs: opts.initialRetryDelayMs ?? 500,
                maxDelayMs: 5000,
                isRetryable: (e) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .classifySsh2Error */ .Nz)(e).transient,
                signal: opts.signal,
                onRetry: ({ attempt, error, delayMs }) => logger.info(`[${opts.host.label}] connection attempt ${attempt} failed: ${withoutHost((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error), opts.host.label)}; retrying in ${(delayMs / 1000).toFixed(1)}s`),
            });
        }
        catch (error) {
            if (error instanceof _retry_js__WEBPACK_IMPORTED_MODULE_4__/* .RetryError */ .J_) {
                const last = error.lastError;
                const { kind } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .classifySsh2Error */ .Nz)(last);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(opts.host.label, kind, `${opts.host.label}: could not connect after ${error.attempts} attempt(s) in ${(error.elapsedMs / 1000).toFixed(1)}s ` +
                    `(connect-timeout): ${withoutHost((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(last), opts.host.label)}. Check the host name and port, that sshd is running, and that ` +
                    `the server's firewall lets the runner in${opts.via ? ` (connections go through the jump host ${opts.via.host.label})` : ''}.`, true, last);
            }
            throw error;
        }
    }
    /** Calls `listener` once when the connection closes (dropped or ended). */
    onClose(listener) {
        if (this.closed)
            listener();
        else
            this.closeListeners.push(listener);
    }
    /**
     * Runs a command through the login user's shell on the server, streaming each output line as
     * `[user@host] line`. Throws a RemoteCommandError (host, command, exit code, last stderr lines)
     * on a non-zero exit unless `allowFailure`.
     */
    exec(command, opts = {}) {
        const secrets = opts.secrets ?? [];
        const label = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .redact */ .E$)(opts.label ?? firstLine(command), secrets);
        // A command that may have to be stopped first reports its shell's pid: sshd makes that shell a
        // process group leader, so stopping kills the whole group (closing the channel alone does not).
        const stoppable = isStoppable(opts);
        const full = remoteCommandLine(command, opts);
        const started = Date.now();
        const prefix = `[${this.host.label}] `;
        return new Promise((resolve, reject) => {
            if (this.closed) {
                reject(this.lostError(label, started, 'the connection is closed'));
                return;
            }
            if (opts.signal?.aborted) {
                reject(this.lostError(label, started, 'cancelled before it started'));
                return;
            }
            this.client.exec(full, (err, stream) => {
                if (err) {
                    reject(this.lostError(label, started, err.message));
                    return;
                }
                let stdout = '';
                let stderr = '';
                let exitCode;
                let exitSignal;
                let timedOut = false;
                let remotePid;
                /** What followed endMarker, once the command reported its end. */
                let end;
                let endTimer;
                let heldOpen = false;
                const log = (line) => {
                    if (!opts.silent)
                        this.logger.info(prefix + (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .redact */ .E$)(line, secrets));
                };
                const out = (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lineEmitter */ .hT)(log)();
                const errLine = (line) => {
                    stderr += `${line}\n`;
                    log(line);
                };
                const errOut = (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lineEmitter */ .hT)((line) => {
                    if (stoppable && remotePid === undefined && line.startsWith(PID_MARKER)) {
                        remotePid = Number(line.slice(PID_MARKER.length)) || undefined;
                        return;
                    }
                    const at = opts.endMarker && end === undefined ? line.indexOf(opts.endMarker) : -1;
                    if (opts.endMarker && at >= 0) {
                        // a line the command left unfinished on stderr ends where the marker starts
                        if (at > 0)
                            errLine(line.slice(0, at));
                        end = line.slice(at + opts.endMarker.length);
                        endTimer = setTimeout(() => {
                            heldOpen = true;
                            const code = endExitCode(end);
                            this.logger.warning(`${this.host.label}: ${label}: ended${code === undefined ? '' : ` (exit code ${code})`}, but a process it ` +
                                `started in the background still holds its output open, which would keep the step waiting until the ` +
                                `command timed out. The step went on after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(opts.endGraceMs ?? END_GRACE_MS)}: that process ` +
                                `keeps running, but nothing reads its output any more (writing to it may stop it). Start background ` +
                                `processes detached, with their output in a file: setsid ./app > app.log 2>&1 < /dev/null &`);
                            stream.close();
                        }, opts.endGraceMs ?? END_GRACE_MS);
                        return;
                    }
                    errLine(line);
                })();
                stream.on('data', (d) => {
                    const s = d.toString('utf8');
                    stdout += s;
                    out.push(s);
                });
                stream.stderr.on('data', (d) => errOut.push(d.toString('utf8')));
                stream.on('exit', (code, signal) => {
                    if (typeof code === 'number')
                        exitCode = code;
                    else if (signal)
                        exitSignal = signal;
                });
                let killTimer;
                const stop = () => {
                    if (killTimer)
                        return;
                    try {
                        stream.signal('TERM');
                    }
                    catch {
                        /* the server may not support signals */
                    }
                    if (remotePid !== undefined)
                        this.killProcessGroup(remotePid);
                    killTimer = setTimeout(() => stream.close(), 8000);
                    killTimer.unref();
                };
                const timer = opts.timeoutMs !== undefined
                    ? setTimeout(() => {
                        timedOut = true;
                        stop();
                    }, opts.timeoutMs)
                    : undefined;
                const onAbort = () => stop();
                opts.signal?.addEventListener('abort', onAbort, { once: true });
                stream.on('close', () => {
                    if (timer)
                        clearTimeout(timer);
                    if (killTimer)
                        clearTimeout(killTimer);
                    if (endTimer)
                        clearTimeout(endTimer);
                    opts.signal?.removeEventListener('abort', onAbort);
                    out.flush();
                    errOut.flush();
                    const stopped = timedOut || opts.signal?.aborted === true;
                    // closed from this side after the command's end: its exit code is the marker's
                    if (heldOpen && exitCode === undefined && exitSignal === undefined)
                        exitCode = endExitCode(end);
                    const lost = exitCode === undefined && exitSignal === undefined && !stopped;
                    const note = (text) => {
                        stderr += `${stderr.endsWith('\n') || stderr === '' ? '' : '\n'}${text}\n`;
                    };
                    if (exitSignal)
                        note(`killed by signal ${exitSignal}`);
                    if (opts.signal?.aborted && !timedOut)
                        note('stopped: the deploy was cancelled');
                    if (lost)
                        note('the SSH connection was lost before the command finished');
                    const result = {
                        host: this.host.label,
                        command: label,
                        exitCode: exitCode !== undefined && !stopped ? exitCode : exitSignal || stopped ? 128 + 15 : 255,
                        signal: null,
                        stdout: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .redact */ .E$)(stdout, secrets),
                        stderr: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .redact */ .E$)(stderr, secrets),
                        durationMs: Date.now() - started,
                        timedOut,
                        ...(end !== undefined ? { end } : {}),
                        ...(heldOpen ? { heldOpen } : {}),
                    };
                    if (result.exitCode === 0 || (opts.allowFailure && !lost && !stopped))
                        resolve(result);
                    else
                        reject(_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .RemoteCommandError */ .at.fromRemote(result));
                });
                if (opts.stdin !== undefined)
                    stream.end(opts.stdin);
                else
                    stream.end();
            });
        });
    }
    /** TERM, then KILL after 3 s, to a remote process group (best effort, on its own channel). */
    killProcessGroup(pgid) {
        if (this.closed || !Number.isInteger(pgid) || pgid <= 1)
            return;
        const script = `kill -TERM -- -${pgid} 2>/dev/null || exit 0; ` +
            `for i in 1 2 3 4 5 6; do sleep 0.5; kill -0 -- -${pgid} 2>/dev/null || exit 0; done; ` +
            `kill -KILL -- -${pgid} 2>/dev/null; exit 0`;
        this.client.exec(script, (err, s) => {
            if (err)
                return;
            s.on('data', () => { });
            s.stderr.on('data', () => { });
            s.end();
        });
    }
    /** The connection's SFTP session, opened on first use and reused. */
    sftp() {
        this.sftpSession ??= new Promise((resolve, reject) => {
            this.client.sftp((err, sftp) => {
                if (err) {
                    this.sftpSession = undefined;
                    reject(new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(this.host.label, 'protocol', `${this.host.label}: could not start SFTP: ${err.message}. Make sure the server's sshd has an sftp Subsystem.`, false, err));
                }
                else {
                    sftp.on('close', () => {
                        this.sftpSession = undefined;
                    });
                    resolve(sftp);
                }
            });
        });
        return this.sftpSession;
    }
    /** A TCP stream from this server to host:port (for reaching a server behind this jump host). */
    forwardOut(host, port) {
        return new Promise((resolve, reject) => {
            this.client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
                if (err)
                    reject(err);
                else
                    resolve(stream);
            });
        });
    }
    /** Ends the connection (idempotent). */
    close() {
        if (this.closed)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.onClose(resolve);
            this.client.end();
            setTimeout(() => {
                this.client.destroy();
                resolve();
            }, 2000).unref();
        });
    }
    lostError(label, started, why) {
        return _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .RemoteCommandError */ .at.fromRemote({
            host: this.host.label,
            command: label,
            exitCode: 255,
            signal: null,
            stdout: '',
            stderr: `could not run the command: ${why}`,
            durationMs: Date.now() - started,
            timedOut: false,
        });
    }
    /** @internal used by connect */
    static wrap(client, host, fingerprint, logger) {
        return new SshConnection(client, host, fingerprint, logger);
    }
}
/** The exit code at the start of an end marker's details (`<code>:…`), or undefined. */
function endExitCode(end) {
    const m = /^(\d+)(?::|$)/.exec(end ?? '');
    return m ? Number(m[1]) : undefined;
}
/** Whether exec may have to stop the command (a timeout or an abort signal): it then reports its pid. */
function isStoppable(opts) {
    return opts.timeoutMs !== undefined || opts.signal !== undefined;
}
/**
 * What exec sends the server for `command`: the pid report of a stoppable command, then
 * buildRemoteCommand. Pure (bench/_ssh2-floor.ts sends the same lines over bare ssh2).
 */
function remoteCommandLine(command, opts = {}) {
    return `${isStoppable(opts) ? `echo "${PID_MARKER}$$" >&2\n` : ''}${buildRemoteCommand(command, opts)}`;
}
/** The command line sent to the server: `cd` and exports first, each value quoted. Pure. */
function buildRemoteCommand(command, opts = {}) {
    const parts = [];
    if (opts.env && Object.keys(opts.env).length > 0)
        parts.push((0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellExports */ .sJ)(opts.env));
    if (opts.cwd)
        parts.push(`cd ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(opts.cwd)} || exit 1`);
    parts.push(command);
    return parts.join('\n');
}
function withoutHost(message, label) {
    return message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}
function firstLine(command) {
    const lines = command.split('\n').filter((l) => l.trim() !== '');
    const first = (lines[0] ?? '').trim();
    const short = first.length > 120 ? `${first.slice(0, 117)}...` : first;
    return lines.length > 1 ? `${short} …(${lines.length} lines)` : short;
}
/**
 * One connection attempt, verifying the host key. When a pinned fingerprint does not match the key
 * type the server chose, tries the server's other key types (a user may have pinned its RSA key):
 * only a key that matches is ever accepted.
 */
async function connectVerified(opts, logger, readyTimeoutMs) {
    const presented = [];
    const knownTypes = opts.hostKey.fingerprints.length === 0 && opts.hostKey.keys.length > 0;
    let families = knownTypes
        ? [[...new Set(opts.hostKey.keys.flatMap((k) => (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .algorithmsForKeyType */ .Bc)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeOf */ .zj)(k))))]]
        : _host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .HOST_KEY_FAMILIES */ .cV.map((f) => [...f]);
    let offer = families.flat();
    for (;;) {
        const attempt = await connectOnce(opts, readyTimeoutMs, offer);
        if (attempt.ok) {
            const { client, key, verdict } = attempt;
            const fp = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .fingerprintOf */ .ax)(key);
            if (verdict.ok && verdict.how === 'accepted-unknown') {
                logger.warning(`${opts.host.label}: accepted an UNVERIFIED host key (${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeLabel */ .EK)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeOf */ .zj)(key))} ${fp}) because ` +
                    `insecure-accept-unknown-host-key is true. Check it against the server and pin it: ` +
                    `${opts.fingerprintInput ?? 'host-fingerprint'}: ${fp}`);
            }
            return SshConnection.wrap(client, opts.host, fp, logger);
        }
        if (attempt.key === undefined || attempt.verdict === undefined || attempt.verdict.ok) {
            // the server has no key of the other types we asked for: the mismatch stands
            if (presented.length > 0 && (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .classifySsh2Error */ .Nz)(attempt.error).kind === 'protocol') {
                throw hostKeyError(opts, 'mismatch', presented);
            }
            throw attempt.error;
        }
        const type = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeOf */ .zj)(attempt.key);
        presented.push({ type, fingerprint: (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .fingerprintOf */ .ax)(attempt.key) });
        if (attempt.verdict.reason === 'mismatch' && !knownTypes) {
            // try the key types the server has not shown yet
            families = families.filter((f) => !f.includes(type));
            offer = families.flat();
            if (offer.length > 0)
                continue;
        }
        throw hostKeyError(opts, attempt.verdict.reason, presented);
    }
}
async function connectOnce(opts, readyTimeoutMs, serverHostKey) {
    let sock;
    if (opts.via) {
        if (opts.via.isClosed) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(opts.host.label, 'network', `${opts.host.label}: the jump host connection (${opts.via.host.label}) is closed`, false);
        }
        sock = await opts.via.forwardOut(opts.host.host, opts.host.port).catch((e) => {
            const { kind, transient } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .classifySsh2Error */ .Nz)(e);
            const why = kind === 'forwarding' && !transient
                ? ' The jump host refused to forward: set AllowTcpForwarding yes in its sshd_config.'
                : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(opts.host.label, kind === 'forwarding' ? 'forwarding' : kind, `${opts.host.label}: the jump host ${opts.via?.host.label} could not open a connection to ${opts.host.host}:${opts.host.port}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}.${why}`, transient, e);
        });
    }
    // ssh2's client (most of its 0.7 MB) and its key parser load at the first connection, not at the
    // stage's start (the inputs load the key parser once a key is given: inputs.ts)
    const [{ Client }, keys] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(1789), __webpack_require__.e(5472)]).then(__webpack_require__.t.bind(__webpack_require__, 85472, 19)).then((m) => m.default), Promise.all(/* import() */[__webpack_require__.e(1789), __webpack_require__.e(7277)]).then(__webpack_require__.bind(__webpack_require__, 77277))]);
    const describeConnectError = (error) => describeSsh2Error(opts, error, () => keys.publicKeyFingerprint(opts.auth.privateKey, opts.auth.passphrase));
    const client = new Client();
    let key;
    let verdict;
    return new Promise((resolve) => {
        let settled = false;
        const settle = (a) => {
            if (settled)
                return;
            settled = true;
            if (!a.ok)
                client.destroy();
            resolve(a);
        };
        const onAbort = () => settle({ ok: false, error: new Error('aborted') });
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        client.once('ready', () => {
            opts.signal?.removeEventListener('abort', onAbort);
            if (key && verdict)
                settle({ ok: true, client, key, verdict });
            else
                settle({ ok: false, error: new Error('the server was not verified') });
        });
        client.on('error', (error) => {
            opts.signal?.removeEventListener('abort', onAbort);
            if (verdict && !verdict.ok) {
                settle({ ok: false, error, key, verdict });
                return;
            }
            settle({ ok: false, error: describeConnectError(error) });
        });
        client.once('close', () => {
            settle({
                ok: false,
                error: new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(opts.host.label, 'network', `${opts.host.label}: the connection closed during the handshake`, true),
            });
        });
        try {
            const publicKeyAuth = {
                type: 'publickey',
                username: opts.host.user,
                key: keys.loadPrivateKey(opts.auth.privateKey, opts.auth.passphrase, opts.keyInput),
            };
            client.connect({
                host: opts.host.host,
                port: opts.host.port,
                username: opts.host.user,
                authHandler: [publicKeyAuth],
                readyTimeout: readyTimeoutMs,
                keepaliveInterval: 15_000,
                keepaliveCountMax: 4,
                sock,
                algorithms: { serverHostKey: serverHostKey },
                hostVerifier: (presentedKey) => {
                    key = Buffer.from(presentedKey);
                    verdict = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .checkHostKey */ .Ex)(opts.hostKey, key);
                    return verdict.ok;
                },
            });
            // Nagle's algorithm holds back SSH's many small packets until the peer's delayed ACK
            // (~40 ms each way): without TCP_NODELAY a handshake took 220 ms and each command 90 ms on
            // loopback, with it 55 ms and 5 ms (OpenSSH sets it too). Applied once the socket connects;
            // a jump-host channel has no socket of its own (its carrier connection has it set).
            client.setNoDelay(true);
        }
        catch (error) {
            settle({ ok: false, error: describeConnectError(error) });
        }
    });
}
/** Turns an ssh2 error into an SshConnectError that says what to do. */
function describeSsh2Error(opts, error, keyFingerprint) {
    const { kind, transient } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .classifySsh2Error */ .Nz)(error);
    const label = opts.host.label;
    if (kind === 'auth') {
        const fp = keyFingerprint();
        return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(label, 'auth', `${label}: authentication failed: the server did not accept the key from '${opts.keyInput ?? 'private-key'}'` +
            `${fp ? ` (${fp})` : ''} for user '${opts.host.user}'. Add its public key to ~${opts.host.user}/.ssh/authorized_keys ` +
            `on the server (ssh-keygen -y -f key prints it), and check the user name ('username' or user@host). Not retried.`, false, error);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(label, kind, `${label}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`, transient, error);
}
function hostKeyError(opts, reason, presented) {
    const label = opts.host.label;
    const input = opts.fingerprintInput ?? 'host-fingerprint';
    const shown = presented.map((p) => `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeLabel */ .EK)(p.type)} ${p.fingerprint}`).join(', ');
    const scan = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyscanCommand */ .md)(opts.host.host, opts.host.port);
    let message;
    if (reason === 'mismatch') {
        const expected = [
            ...opts.hostKey.fingerprints,
            ...opts.hostKey.keys.map((k) => `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeLabel */ .EK)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .keyTypeOf */ .zj)(k))} ${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_7__/* .fingerprintOf */ .ax)(k)} (known-hosts)`),
        ].join(', ');
        message =
            `${label}: HOST KEY MISMATCH — the server presented ${shown}, but ${input}/known-hosts expect ${expected}. ` +
                `Someone may be intercepting the connection, or the server's key was changed. Nothing was run. If the change is ` +
                `expected, get the new fingerprint on a trusted machine with \`${scan}\` and update '${input}' or 'known-hosts'.`;
    }
    else if (reason === 'revoked') {
        message = `${label}: the server presented a host key that known-hosts marks @revoked (${shown}). Nothing was run.`;
    }
    else {
        message =
            `${label}: the host key (${shown}) is not pinned: give '${input}' or 'known-hosts'. Get the fingerprint on a ` +
                `trusted machine with \`${scan}\`.`;
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .SshConnectError */ .zN(label, 'host-key', message, false);
}


/***/ }),

/***/ 91210:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nz: () => (/* binding */ classifySsh2Error),
/* harmony export */   at: () => (/* binding */ RemoteCommandError),
/* harmony export */   zN: () => (/* binding */ SshConnectError)
/* harmony export */ });
/* unused harmony export isTransientSshError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38511);


class SshConnectError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK {
    host;
    kind;
    transient;
    cause;
    name = 'SshConnectError';
    constructor(
    /** `user@host:port` */
    host, kind, message, 
    /** Whether trying again later may succeed (refused, reset, timed out, lost during handshake). */
    transient, cause) {
        super(message, { host, kind });
        this.host = host;
        this.kind = kind;
        this.transient = transient;
        this.cause = cause;
    }
}
const TRANSIENT_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EHOSTDOWN',
    'ENETDOWN',
    'EPIPE',
    'EAI_AGAIN',
]);
/**
 * Classifies an error from the ssh2 client (or its socket) into a kind and whether it is
 * transient. Pure: unit-tested with the shapes ssh2 produces.
 */
function classifySsh2Error(error) {
    if (error instanceof SshConnectError)
        return { kind: error.kind, transient: error.transient };
    const e = (typeof error === 'object' && error !== null ? error : {});
    const message = typeof e.message === 'string' ? e.message : String(error);
    const code = typeof e.code === 'string' ? e.code : undefined;
    const level = typeof e.level === 'string' ? e.level : undefined;
    if (level === 'client-authentication')
        return { kind: 'auth', transient: false };
    if (/verification failed/i.test(message) && level === 'handshake')
        return { kind: 'host-key', transient: false };
    if (code && TRANSIENT_CODES.has(code))
        return { kind: code === 'ETIMEDOUT' ? 'timeout' : 'network', transient: true };
    if (level === 'client-timeout' || /timed out/i.test(message))
        return { kind: 'timeout', transient: true };
    if (/connection lost before handshake|no response from server|not connected|socket (is )?closed/i.test(message))
        return { kind: 'network', transient: true };
    if (level === 'client-dns')
        return { kind: 'network', transient: code === 'EAI_AGAIN' };
    // a jump host could not open the forwarded connection to the target
    if (typeof e.reason === 'number') {
        // 2 = SSH_OPEN_CONNECT_FAILED (target down: may come up); 1 = administratively prohibited
        return { kind: 'forwarding', transient: e.reason === 2 };
    }
    if (level === 'protocol' || level === 'handshake')
        return { kind: 'protocol', transient: false };
    return { kind: 'network', transient: false };
}
/** For `retry`'s isRetryable: retry refused, reset, timed-out and lost-handshake connections only. */
function isTransientSshError(error) {
    return classifySsh2Error(error).transient;
}
/**
 * A remote command that failed: names the host, the command, the exit code (or timeout) and the
 * last lines of stderr — the same shape as a local ProcessError.
 */
class RemoteCommandError extends _exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ProcessError */ .yI {
    host;
    result;
    name = 'RemoteCommandError';
    constructor(message, host, result) {
        super(message, result);
        this.host = host;
        this.result = result;
    }
    static fromRemote(r) {
        const base = _exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ProcessError */ .yI.fromResult(r);
        return new RemoteCommandError(`${r.host}: ${base.message}`, r.host, r);
    }
}


/***/ }),

/***/ 90963:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ SshPool)
/* harmony export */ });
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41429);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85648);


/**
 * The connections of one run: one per host, opened on first use and reused for every command and
 * transfer; through one shared jump host connection when `jump-host` is set.
 */
class SshPool {
    settings;
    opts;
    connections = new Map();
    jump;
    constructor(settings, opts = {}) {
        this.settings = settings;
        this.opts = opts;
    }
    /** The connection to `host` (connecting, with retries, the first time). */
    connect(host, opts = {}) {
        const existing = this.connections.get(host.label);
        if (existing)
            return existing;
        const opening = (async () => {
            const via = await this.jumpConnection();
            return _connection_js__WEBPACK_IMPORTED_MODULE_0__/* .SshConnection */ .Tx.connect({
                host,
                auth: opts.auth ?? this.settings.auth,
                hostKey: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .hostKeyFor */ .Hz)(this.settings, host),
                connectTimeoutMs: this.settings.connectTimeoutMs,
                via,
                logger: this.opts.logger,
                signal: opts.signal ?? this.opts.signal,
            });
        })();
        this.connections.set(host.label, opening);
        // a failed connection is not cached: the next call tries again
        opening.catch(() => this.connections.delete(host.label));
        return opening;
    }
    /** The jump host connection, or undefined without `jump-host`. Reconnects when it was closed. */
    async jumpConnection() {
        const jump = this.settings.jump;
        if (!jump)
            return undefined;
        const current = this.jump ? await this.jump.catch(() => undefined) : undefined;
        if (current && !current.isClosed)
            return current;
        this.jump = _connection_js__WEBPACK_IMPORTED_MODULE_0__/* .SshConnection */ .Tx.connect({
            host: jump.host,
            auth: jump.auth,
            hostKey: jump.hostKey,
            connectTimeoutMs: this.settings.connectTimeoutMs,
            keyInput: jump.auth.privateKey === this.settings.auth.privateKey ? 'private-key' : 'jump-private-key',
            fingerprintInput: 'jump-host-fingerprint',
            logger: this.opts.logger,
            signal: this.opts.signal,
        });
        return this.jump;
    }
    /** Closes every connection (targets first, then the jump host). Never throws. */
    async closeAll() {
        const open = [...this.connections.values()];
        this.connections.clear();
        await Promise.all(open.map((p) => p.then((c) => c.close()).catch(() => undefined)));
        if (this.jump) {
            const j = this.jump;
            this.jump = undefined;
            await j.then((c) => c.close()).catch(() => undefined);
        }
    }
}


/***/ }),

/***/ 66143:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aV: () => (/* binding */ parseShell),
  j3: () => (/* binding */ runScript)
});

// UNUSED EXPORTS: DEFAULT_SHELL, OUTPUTS_MAX_BYTES, buildScript, endMarker, parseScriptEnd, readOutputsCommand, scriptRunCommand

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
// EXTERNAL MODULE: ./build/lib/ssh/errors.js
var ssh_errors = __webpack_require__(91210);
;// CONCATENATED MODULE: ./build/lib/ssh/script-outputs.js
// The step outputs a remote script sets by writing to the file in $OPS_OUTPUT, in the format of
// GitHub's own GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` … `DELIM` blocks. Pure.
/** What a script may call an output: what `steps.<id>.outputs.<name>` can read. */
const OUTPUT_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * Reads the text of an $OPS_OUTPUT file. A line that is neither form, a name that is not an
 * identifier, a heredoc whose delimiter never comes and a name in `reserved` (the action's own
 * outputs) are problems; every other value is kept.
 */
function parseScriptOutputs(text, reserved = []) {
    const values = {};
    const problems = [];
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    const accept = (name, value, lineNo) => {
        if (!OUTPUT_NAME_RE.test(name)) {
            problems.push(`line ${lineNo}: '${name}' is not an output name (letters, digits, _ and -, not starting with a digit or -)`);
        }
        else if (reserved.includes(name)) {
            problems.push(`line ${lineNo}: '${name}' is an output of the action itself (${reserved.join(', ')}); choose another name, e.g. script-${name}`);
        }
        else {
            values[name] = value;
        }
    };
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const lineNo = i + 1;
        if (line.trim() === '')
            continue;
        const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
        const eq = line.indexOf('=');
        if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
            const name = heredoc[1] ?? '';
            const delim = heredoc[2] ?? '';
            const body = [];
            let j = i + 1;
            while (j < lines.length && lines[j] !== delim)
                body.push(lines[j++] ?? '');
            if (j >= lines.length) {
                problems.push(`line ${lineNo}: '${name}<<${delim}' has no closing '${delim}' line; end the value with a line holding only ${delim}`);
                break;
            }
            accept(name, body.join('\n'), lineNo);
            i = j;
        }
        else if (eq > 0) {
            accept(line.slice(0, eq), line.slice(eq + 1), lineNo);
        }
        else {
            problems.push(`line ${lineNo}: '${line.length > 40 ? `${line.slice(0, 37)}...` : line}' is neither name=value nor name<<DELIMITER`);
        }
    }
    return { values, problems };
}

;// CONCATENATED MODULE: ./build/lib/ssh/script.js
// Running a user's multi-line script on a server: strict mode, quoted environment, optional login
// shell — and the script body sent over stdin, so neither it nor its env values show in `ps`. A
// wrapper around it reports its end (so a process it leaves in the background cannot hold the step,
// see ExecOptions.endMarker) and hands it $OPS_OUTPUT, a file for step outputs (script-outputs.ts).





const DEFAULT_SHELL = { shell: 'bash', login: false };
/** Checks a `shell` input: a program name or absolute path, nothing a shell would interpret. */
function parseShell(text, input = 'shell') {
    const shell = text.trim() || 'bash';
    if (!/^(\/[A-Za-z0-9_./-]+|[A-Za-z0-9_.-]+)$/.test(shell)) {
        throw new errors/* ConfigurationError */.j1(input, `'${text}' is not a shell program name or absolute path.`, `${input}: bash`);
    }
    return shell;
}
function shellFlavour(shell) {
    const name = shell.split('/').pop() ?? shell;
    if (name === 'bash')
        return 'bash';
    if (name === 'zsh' || name === 'ksh' || name === 'mksh')
        return 'pipefail';
    return 'posix';
}
/**
 * Builds a script run: `set -Eeuo pipefail` under bash (`set -eu` plus pipefail where the shell has
 * it), an ERR trap that names the failing line and command, each env value quoted, then the user's
 * script. The body travels over stdin and is read whole before it runs, so commands in it get an
 * empty stdin rather than the rest of the script.
 */
function buildScript(script, shell, opts) {
    const flavour = shellFlavour(shell.shell);
    const prologue = [];
    if (flavour === 'bash') {
        prologue.push('set -Eeuo pipefail');
    }
    else if (flavour === 'pipefail') {
        prologue.push('set -eu', 'set -o pipefail');
    }
    else {
        prologue.push('set -eu');
    }
    if (opts.env && Object.keys(opts.env).length > 0)
        prologue.push((0,quote/* shellExports */.sJ)(opts.env));
    if (opts.cwd)
        prologue.push(`cd ${(0,quote/* shellQuote */.ZL)(opts.cwd)}`);
    const head = prologue.join('\n').split('\n');
    if (flavour === 'bash') {
        // LINENO counts from the top of the body: report the line of the user's script
        const offset = head.length + 1;
        head.push(`trap 'rc=$?; echo "ops-actions: ${opts.title.replace(/[^A-Za-z0-9 _.-]/g, '')} failed at line $((LINENO - ${offset})): $BASH_COMMAND (exit code $rc)" >&2' ERR`);
    }
    const body = `${head.join('\n')}\n${script.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
    const flags = shell.login ? '-lc' : '-c';
    return { command: `${shell.shell} ${flags} 'eval "$(cat)"'`, body };
}
/** The start of the line the wrapper ends with: `ops-actions-end:<token>:<exit code>:<outputs file>`. */
function endMarker(token) {
    return `ops-actions-end:${token}:`;
}
/** The most of an $OPS_OUTPUT file that is read back (GitHub's own limit for one step's outputs). */
const OUTPUTS_MAX_BYTES = 1024 * 1024;
/**
 * What the server's login shell runs for a script: `command` (built by buildScript, the body on
 * stdin) as a child, with OPS_OUTPUT naming a file that does not exist yet, `output-<token>` in the
 * user's private ~/.cache/ops-actions (made mode 0700 the first time); then one stderr line
 * `endMarker(token)<exit code>:<outputs file>` (the file only when the script wrote to it; one it
 * left empty is removed), and the script's exit code. The script cannot touch that last line: it
 * runs in the child. Only shell builtins when the directory exists and the script sets no outputs:
 * a mktemp and an rm per script cost measurably more (see the commit that made this change). POSIX
 * sh, so any login shell but fish runs it. Pure; token: letters and digits.
 */
function scriptRunCommand(command, token) {
    return [
        'ops_d=$HOME/.cache/ops-actions',
        `[ -d "$ops_d" ] || mkdir -p -m 700 -- "$ops_d" || ops_d=`,
        `ops_o=\${ops_d:+$ops_d/output-${token}}`,
        `OPS_OUTPUT=$ops_o ${command}`,
        'ops_r=$?',
        'ops_f=',
        'if [ -s "$ops_o" ]; then ops_f=$ops_o; elif [ -e "$ops_o" ]; then rm -f -- "$ops_o"; fi',
        `printf '%s%s:%s\\n' '${endMarker(token)}' "$ops_r" "$ops_f" >&2`,
        'exit "$ops_r"',
    ].join('\n');
}
/** Prints an outputs file (at most OUTPUTS_MAX_BYTES + 1 bytes) and removes it. Pure. */
function readOutputsCommand(file) {
    const f = (0,quote/* shellQuote */.ZL)(file);
    return `head -c ${OUTPUTS_MAX_BYTES + 1} -- ${f}; ops_r=$?; rm -f -- ${f}; exit "$ops_r"`;
}
/** The wrapper's report (after the marker): exit code and the outputs file, if the script wrote one. */
function parseScriptEnd(end) {
    const m = /^(\d+):(.*)$/s.exec(end ?? '');
    if (!m)
        return undefined;
    const file = m[2] ?? '';
    return { exitCode: Number(m[1]), ...(file.startsWith('/') ? { outputFile: file } : {}) };
}
/**
 * Runs a script built by buildScript on a connection (body over stdin), in scriptRunCommand's
 * wrapper: it ends when the script does, even if the script left a process in the background (a
 * warning says how to start it detached); then the outputs it wrote to $OPS_OUTPUT are read back
 * (one more round trip, only when it wrote some). Throws like SshConnection.exec on a non-zero exit
 * (unless allowFailure), and when $OPS_OUTPUT has lines that cannot be read or reserved names.
 */
async function runScript(conn, script, shell, opts) {
    const built = buildScript(script, shell, opts);
    const { title, env: _env, cwd: _cwd, reservedOutputs, onOutputs, allowFailure, ...exec } = opts;
    const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const marker = endMarker(token);
    const result = await conn.exec(scriptRunCommand(built.command, token), {
        ...exec,
        stdin: built.body,
        label: `${title}: ${firstScriptLine(script)}`,
        allowFailure: true,
        endMarker: marker,
    });
    const file = parseScriptEnd(result.end)?.outputFile;
    let values = {};
    let problems = [];
    if (file) {
        const read = await conn.exec(readOutputsCommand(file), {
            label: `${title}: read $OPS_OUTPUT`,
            silent: true,
            secrets: exec.secrets,
            signal: exec.signal,
            timeoutMs: 60_000,
        });
        // read (and removed) either way; only a caller that uses the outputs has them checked
        if (onOutputs) {
            ({ values, problems } = parseScriptOutputs(read.stdout, reservedOutputs));
            if (Buffer.byteLength(read.stdout) > OUTPUTS_MAX_BYTES) {
                problems.push(`it holds more than ${OUTPUTS_MAX_BYTES / 1024 / 1024} MiB; only the start was read`);
            }
        }
    }
    onOutputs?.(values);
    const what = `${title}: $OPS_OUTPUT: ${problems.join('; ')}`;
    if (result.exitCode !== 0 && !allowFailure) {
        const stderr = problems.length > 0 ? `${result.stderr}${what}\n` : result.stderr;
        throw ssh_errors/* RemoteCommandError */.at.fromRemote({ ...result, stderr });
    }
    if (problems.length > 0 && result.exitCode === 0) {
        throw new errors/* OperationError */.OK(`${conn.host.label}: ${what}. Write step outputs as name=value lines, or name<<EOF … EOF for several lines.`, { host: conn.host.label, problems });
    }
    return { ...result, outputs: values };
}
function firstScriptLine(script) {
    const lines = script.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const first = (lines[0] ?? '').trim();
    const short = first.length > 80 ? `${first.slice(0, 77)}...` : first;
    return lines.length > 1 ? `${short} …` : short;
}


/***/ })

};
