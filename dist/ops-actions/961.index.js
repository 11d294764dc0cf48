export const id = 961;
export const ids = [961];
export const modules = {

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

/***/ 41429:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tx: () => (/* binding */ SshConnection),
/* harmony export */   hB: () => (/* binding */ runnerLogger)
/* harmony export */ });
/* unused harmony exports END_GRACE_MS, buildRemoteCommand */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85472);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61469);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38511);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(51328);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81374);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(41853);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(91210);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(87457);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(77277);











const { Client } = ssh2__WEBPACK_IMPORTED_MODULE_1__;
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
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .retry */ .L5)(async () => {
                const remaining = opts.connectTimeoutMs - (Date.now() - started);
                return await connectVerified(opts, logger, Math.max(2000, Math.min(remaining, 20_000)));
            }, {
                deadlineMs: opts.connectTimeoutMs,
                initialDelayMs: opts.initialRetryDelayMs ?? 500,
                maxDelayMs: 5000,
                isRetryable: (e) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .classifySsh2Error */ .Nz)(e).transient,
                signal: opts.signal,
                onRetry: ({ attempt, error, delayMs }) => logger.info(`[${opts.host.label}] connection attempt ${attempt} failed: ${withoutHost((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error), opts.host.label)}; retrying in ${(delayMs / 1000).toFixed(1)}s`),
            });
        }
        catch (error) {
            if (error instanceof _retry_js__WEBPACK_IMPORTED_MODULE_5__/* .RetryError */ .J_) {
                const last = error.lastError;
                const { kind } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .classifySsh2Error */ .Nz)(last);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(opts.host.label, kind, `${opts.host.label}: could not connect after ${error.attempts} attempt(s) in ${(error.elapsedMs / 1000).toFixed(1)}s ` +
                    `(connect-timeout): ${withoutHost((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(last), opts.host.label)}. Check the host name and port, that sshd is running, and that ` +
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
        const label = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(opts.label ?? firstLine(command), secrets);
        // A command that may have to be stopped first reports its shell's pid: sshd makes that shell a
        // process group leader, so stopping kills the whole group (closing the channel alone does not).
        const stoppable = opts.timeoutMs !== undefined || opts.signal !== undefined;
        const full = `${stoppable ? `echo "${PID_MARKER}$$" >&2\n` : ''}${buildRemoteCommand(command, opts)}`;
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
                        this.logger.info(prefix + (0,_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(line, secrets));
                };
                const out = (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .lineEmitter */ .hT)(log)();
                const errLine = (line) => {
                    stderr += `${line}\n`;
                    log(line);
                };
                const errOut = (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .lineEmitter */ .hT)((line) => {
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
                                `command timed out. The step went on after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(opts.endGraceMs ?? END_GRACE_MS)}: that process ` +
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
                        stdout: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(stdout, secrets),
                        stderr: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(stderr, secrets),
                        durationMs: Date.now() - started,
                        timedOut,
                        ...(end !== undefined ? { end } : {}),
                        ...(heldOpen ? { heldOpen } : {}),
                    };
                    if (result.exitCode === 0 || (opts.allowFailure && !lost && !stopped))
                        resolve(result);
                    else
                        reject(_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .RemoteCommandError */ .at.fromRemote(result));
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
                    reject(new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(this.host.label, 'protocol', `${this.host.label}: could not start SFTP: ${err.message}. Make sure the server's sshd has an sftp Subsystem.`, false, err));
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
        return _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .RemoteCommandError */ .at.fromRemote({
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
/** The command line sent to the server: `cd` and exports first, each value quoted. Pure. */
function buildRemoteCommand(command, opts = {}) {
    const parts = [];
    if (opts.env && Object.keys(opts.env).length > 0)
        parts.push((0,_quote_js__WEBPACK_IMPORTED_MODULE_10__/* .shellExports */ .sJ)(opts.env));
    if (opts.cwd)
        parts.push(`cd ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_10__/* .shellQuote */ .ZL)(opts.cwd)} || exit 1`);
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
        ? [[...new Set(opts.hostKey.keys.flatMap((k) => (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .algorithmsForKeyType */ .Bc)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeOf */ .zj)(k))))]]
        : _host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .HOST_KEY_FAMILIES */ .cV.map((f) => [...f]);
    let offer = families.flat();
    for (;;) {
        const attempt = await connectOnce(opts, readyTimeoutMs, offer);
        if (attempt.ok) {
            const { client, key, verdict } = attempt;
            const fp = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .fingerprintOf */ .ax)(key);
            if (verdict.ok && verdict.how === 'accepted-unknown') {
                logger.warning(`${opts.host.label}: accepted an UNVERIFIED host key (${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeLabel */ .EK)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeOf */ .zj)(key))} ${fp}) because ` +
                    `insecure-accept-unknown-host-key is true. Check it against the server and pin it: ` +
                    `${opts.fingerprintInput ?? 'host-fingerprint'}: ${fp}`);
            }
            return SshConnection.wrap(client, opts.host, fp, logger);
        }
        if (attempt.key === undefined || attempt.verdict === undefined || attempt.verdict.ok) {
            // the server has no key of the other types we asked for: the mismatch stands
            if (presented.length > 0 && (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .classifySsh2Error */ .Nz)(attempt.error).kind === 'protocol') {
                throw hostKeyError(opts, 'mismatch', presented);
            }
            throw attempt.error;
        }
        const type = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeOf */ .zj)(attempt.key);
        presented.push({ type, fingerprint: (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .fingerprintOf */ .ax)(attempt.key) });
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(opts.host.label, 'network', `${opts.host.label}: the jump host connection (${opts.via.host.label}) is closed`, false);
        }
        sock = await opts.via.forwardOut(opts.host.host, opts.host.port).catch((e) => {
            const { kind, transient } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .classifySsh2Error */ .Nz)(e);
            const why = kind === 'forwarding' && !transient
                ? ' The jump host refused to forward: set AllowTcpForwarding yes in its sshd_config.'
                : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(opts.host.label, kind === 'forwarding' ? 'forwarding' : kind, `${opts.host.label}: the jump host ${opts.via?.host.label} could not open a connection to ${opts.host.host}:${opts.host.port}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}.${why}`, transient, e);
        });
    }
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
            settle({ ok: false, error: describeConnectError(opts, error) });
        });
        client.once('close', () => {
            settle({
                ok: false,
                error: new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(opts.host.label, 'network', `${opts.host.label}: the connection closed during the handshake`, true),
            });
        });
        try {
            const publicKeyAuth = {
                type: 'publickey',
                username: opts.host.user,
                key: (0,_keys_js__WEBPACK_IMPORTED_MODULE_9__/* .loadPrivateKey */ .PM)(opts.auth.privateKey, opts.auth.passphrase, opts.keyInput),
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
                    verdict = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .checkHostKey */ .Ex)(opts.hostKey, key);
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
            settle({ ok: false, error: describeConnectError(opts, error) });
        }
    });
}
/** Turns an ssh2 error into an SshConnectError that says what to do. */
function describeConnectError(opts, error) {
    const { kind, transient } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .classifySsh2Error */ .Nz)(error);
    const label = opts.host.label;
    if (kind === 'auth') {
        const fp = (0,_keys_js__WEBPACK_IMPORTED_MODULE_9__/* .publicKeyFingerprint */ .Fs)(opts.auth.privateKey, opts.auth.passphrase);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(label, 'auth', `${label}: authentication failed: the server did not accept the key from '${opts.keyInput ?? 'private-key'}'` +
            `${fp ? ` (${fp})` : ''} for user '${opts.host.user}'. Add its public key to ~${opts.host.user}/.ssh/authorized_keys ` +
            `on the server (ssh-keygen -y -f key prints it), and check the user name ('username' or user@host). Not retried.`, false, error);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(label, kind, `${label}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`, transient, error);
}
function hostKeyError(opts, reason, presented) {
    const label = opts.host.label;
    const input = opts.fingerprintInput ?? 'host-fingerprint';
    const shown = presented.map((p) => `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeLabel */ .EK)(p.type)} ${p.fingerprint}`).join(', ');
    const scan = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyscanCommand */ .md)(opts.host.host, opts.host.port);
    let message;
    if (reason === 'mismatch') {
        const expected = [
            ...opts.hostKey.fingerprints,
            ...opts.hostKey.keys.map((k) => `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeLabel */ .EK)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .keyTypeOf */ .zj)(k))} ${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_8__/* .fingerprintOf */ .ax)(k)} (known-hosts)`),
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
    return new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .SshConnectError */ .zN(label, 'host-key', message, false);
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

/***/ 87457:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ algorithmsForKeyType),
/* harmony export */   CN: () => (/* binding */ FINGERPRINT_EXAMPLE),
/* harmony export */   EK: () => (/* binding */ keyTypeLabel),
/* harmony export */   Ex: () => (/* binding */ checkHostKey),
/* harmony export */   WQ: () => (/* binding */ hasPinnedKey),
/* harmony export */   ax: () => (/* binding */ fingerprintOf),
/* harmony export */   cV: () => (/* binding */ HOST_KEY_FAMILIES),
/* harmony export */   mE: () => (/* binding */ expectationFor),
/* harmony export */   md: () => (/* binding */ keyscanCommand),
/* harmony export */   o3: () => (/* binding */ normalizeFingerprint),
/* harmony export */   uJ: () => (/* binding */ parseKnownHosts),
/* harmony export */   zj: () => (/* binding */ keyTypeOf)
/* harmony export */ });
/* unused harmony export knownHostsEntryMatches */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50199);



/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob: what `ssh-keygen -lf` prints. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
/** The key type written inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, …). */
function keyTypeOf(keyBlob) {
    if (keyBlob.length < 4)
        return 'unknown';
    const len = keyBlob.readUInt32BE(0);
    if (len <= 0 || len > 64 || 4 + len > keyBlob.length)
        return 'unknown';
    return keyBlob.subarray(4, 4 + len).toString('latin1');
}
/** ED25519 / RSA / ECDSA / DSA: as `ssh-keygen -l` names key types. */
function keyTypeLabel(type) {
    if (type === 'ssh-ed25519')
        return 'ED25519';
    if (type === 'ssh-rsa' || type.startsWith('rsa-'))
        return 'RSA';
    if (type.startsWith('ecdsa-'))
        return 'ECDSA';
    if (type === 'ssh-dss')
        return 'DSA';
    return type;
}
/**
 * A SHA256 fingerprint in canonical form (`SHA256:` + 43 base64 characters, padding removed), or
 * undefined when the text is not one.
 */
function normalizeFingerprint(text) {
    const m = /^SHA256:([A-Za-z0-9+/]{43})=?$/i.exec(text.trim());
    if (!m || !/^sha256:/i.test(text.trim()))
        return undefined;
    return `SHA256:${m[1]}`;
}
const FINGERPRINT_EXAMPLE = 'host-fingerprint: SHA256:Y2hhbmdlLW1lLXRvLXlvdXItc2VydmVycy1maW5nZXJwcmk';
/** The command that prints a server's host key fingerprints, for error messages. */
function keyscanCommand(host, port) {
    return `ssh-keyscan -p ${port} ${host} | ssh-keygen -lf -`;
}
/** Parses known_hosts content as `ssh-keyscan` writes it; a malformed line is a ConfigurationError. */
function parseKnownHosts(text, input = 'known-hosts') {
    const entries = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const fields = line.split(/\s+/);
        let marker;
        if (fields[0]?.startsWith('@')) {
            const m = fields.shift();
            if (m === '@revoked')
                marker = 'revoked';
            else if (m === '@cert-authority')
                marker = 'cert-authority';
            else
                throw knownHostsError(input, i + 1, `unknown marker '${m}'`);
        }
        const [names, keyType, keyB64] = fields;
        if (!names || !keyType || !keyB64) {
            throw knownHostsError(input, i + 1, 'expected "host key-type base64-key"');
        }
        const key = Buffer.from(keyB64, 'base64');
        if (key.length === 0 || keyTypeOf(key) !== keyType) {
            throw knownHostsError(input, i + 1, `the key is not a valid ${keyType} public key`);
        }
        const patterns = [];
        const hashed = [];
        for (const name of names.split(',')) {
            const h = /^\|1\|([^|]+)\|([^|]+)$/.exec(name);
            if (h)
                hashed.push({ salt: Buffer.from(h[1] ?? '', 'base64'), hash: Buffer.from(h[2] ?? '', 'base64') });
            else if (name !== '')
                patterns.push(name.toLowerCase());
        }
        entries.push({ marker, patterns, hashed, keyType, key, lineNumber: i + 1 });
    });
    return entries;
}
function knownHostsError(input, line, problem) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `line ${line} is not a known_hosts line: ${problem}. Paste the output of ssh-keyscan.`, `${input}: |\n  203.0.113.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...\n  [203.0.113.11]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...`);
}
/** OpenSSH glob: `*` any run, `?` one character. */
function globMatch(pattern, name) {
    const re = new RegExp(`^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`);
    return re.test(name);
}
/** Whether a known_hosts line applies to host:port (patterns with negation, or hashed names). */
function knownHostsEntryMatches(entry, host, port) {
    const name = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .knownHostsName */ .on)(host.toLowerCase(), port);
    for (const { salt, hash } of entry.hashed) {
        const mac = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', salt).update(name).digest();
        if (mac.length === hash.length && (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(mac, hash))
            return true;
    }
    let positive = false;
    for (const p of entry.patterns) {
        if (p.startsWith('!')) {
            if (globMatch(p.slice(1), name))
                return false;
        }
        else if (globMatch(p, name)) {
            positive = true;
        }
    }
    return positive;
}
function expectationFor(policy, host, port) {
    const h = host.toLowerCase();
    const own = policy.pins.filter((p) => p.host !== undefined && p.host.toLowerCase() === h && (p.port === undefined || p.port === port));
    const pins = own.length > 0 ? own : policy.pins.filter((p) => p.host === undefined);
    const matching = policy.knownHosts.filter((e) => knownHostsEntryMatches(e, host, port));
    return {
        fingerprints: [...new Set(pins.map((p) => p.fingerprint))],
        keys: matching.filter((e) => e.marker === undefined).map((e) => e.key),
        revoked: matching.filter((e) => e.marker === 'revoked').map((e) => e.key),
        acceptUnknown: policy.acceptUnknown,
    };
}
/** Whether anything at all is known about a host's key. */
function hasPinnedKey(expect) {
    return expect.fingerprints.length > 0 || expect.keys.length > 0;
}
/** Checks a presented host key blob against what is expected of the host. Pure. */
function checkHostKey(expect, keyBlob) {
    if (expect.revoked.some((k) => k.equals(keyBlob)))
        return { ok: false, reason: 'revoked' };
    if (expect.keys.some((k) => k.equals(keyBlob)))
        return { ok: true, how: 'known-hosts' };
    const fp = fingerprintOf(keyBlob);
    if (expect.fingerprints.includes(fp))
        return { ok: true, how: 'pinned' };
    if (hasPinnedKey(expect))
        return { ok: false, reason: 'mismatch' };
    if (expect.acceptUnknown)
        return { ok: true, how: 'accepted-unknown' };
    return { ok: false, reason: 'unknown' };
}
/** The families of host key algorithms, in the order ssh2 prefers them. */
const HOST_KEY_FAMILIES = [
    ['ssh-ed25519'],
    ['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'],
    ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
];
/** The host key algorithms to offer for a key type found in known_hosts (an RSA key may be signed three ways). */
function algorithmsForKeyType(keyType) {
    if (keyType === 'ssh-rsa')
        return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
    if (keyType === 'ssh-dss')
        return ['ssh-dss'];
    return [keyType];
}


/***/ }),

/***/ 50199:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o6: () => (/* binding */ parseHost),
/* harmony export */   on: () => (/* binding */ knownHostsName),
/* harmony export */   tB: () => (/* binding */ parseHosts)
/* harmony export */ });
/* unused harmony exports HOSTS_EXAMPLE, formatHost */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);

const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const HOSTNAME_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
const HOSTS_EXAMPLE = 'hosts: |\n  deploy@203.0.113.10\n  web-2.example.com:2222';
/** `user@host:port`, with the port left out when it is 22 and IPv6 addresses in brackets. */
function formatHost(user, host, port) {
    const h = host.includes(':') ? `[${host}]` : host;
    return `${user}@${h}${port === 22 ? '' : `:${port}`}`;
}
/**
 * Parses `[user@]host[:port]` (IPv6 as `[2001:db8::1]:2222`). Throws a ConfigurationError naming
 * `input` and showing a valid example.
 */
function parseHost(spec, defaults = {}, input = 'hosts') {
    const text = spec.trim();
    const bad = (problem) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${text}' is not a valid host: ${problem} Write hosts as [user@]host[:port].`, input === 'hosts' ? HOSTS_EXAMPLE : `${input}: deploy@bastion.example.com:22`);
    if (text === '')
        throw bad('it is empty.');
    if (/\s/.test(text))
        throw bad('it contains a space.');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
        throw bad('it looks like a URL; give the host name only.');
    let rest = text;
    let user;
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
        user = rest.slice(0, at);
        rest = rest.slice(at + 1);
        if (!USER_RE.test(user))
            throw bad(`'${user}' is not a valid user name.`);
    }
    let host;
    let portText;
    if (rest.startsWith('[')) {
        const close = rest.indexOf(']');
        if (close < 0)
            throw bad('an IPv6 address in [brackets] is not closed.');
        host = rest.slice(1, close);
        const after = rest.slice(close + 1);
        if (after !== '') {
            if (!after.startsWith(':'))
                throw bad(`unexpected '${after}' after the address.`);
            portText = after.slice(1);
        }
        if (!IPV6_RE.test(host) || !host.includes(':'))
            throw bad(`'${host}' is not an IPv6 address.`);
    }
    else {
        const colons = rest.split(':').length - 1;
        if (colons > 1)
            throw bad('an IPv6 address must be written in brackets, e.g. [2001:db8::1]:22.');
        const colon = rest.indexOf(':');
        host = colon >= 0 ? rest.slice(0, colon) : rest;
        if (colon >= 0)
            portText = rest.slice(colon + 1);
        if (!HOSTNAME_RE.test(host))
            throw bad(`'${host}' is not a valid host name or address.`);
    }
    let port = defaults.port ?? 22;
    if (portText !== undefined) {
        if (!/^\d{1,5}$/.test(portText))
            throw bad(`'${portText}' is not a port number.`);
        port = Number(portText);
    }
    if (port < 1 || port > 65535)
        throw bad(`port ${port} is out of range (1-65535).`);
    user ??= defaults.user;
    if (user === undefined || user === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('username', `host '${text}' has no user: write it as user@host or set 'username' for all hosts.`, 'username: deploy');
    }
    return { user, host, port, label: formatHost(user, host, port) };
}
/** Parses a list of hosts and rejects the same user@host:port given twice. */
function parseHosts(specs, defaults = {}, input = 'hosts') {
    if (specs.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, 'is required: give one or more hosts, one per line or separated by commas.', HOSTS_EXAMPLE);
    }
    const hosts = specs.map((s) => parseHost(s, defaults, input));
    const seen = new Set();
    for (const h of hosts) {
        const key = `${h.user}@${h.host.toLowerCase()}:${h.port}`;
        if (seen.has(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `${h.label} is listed twice; each server must appear once.`, HOSTS_EXAMPLE);
        }
        seen.add(key);
    }
    return hosts;
}
/** The address OpenSSH uses in known_hosts for a host: `host`, or `[host]:port` when the port is not 22. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}


/***/ }),

/***/ 85648:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hz: () => (/* binding */ hostKeyFor),
/* harmony export */   hY: () => (/* binding */ SSH_INPUT_NAMES),
/* harmony export */   sl: () => (/* binding */ readSshInputs)
/* harmony export */ });
/* unused harmony exports DEFAULT_CONNECT_TIMEOUT, parseFingerprintPins */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41853);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50199);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87457);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77277);
// The SSH connection inputs every stage that talks to servers accepts (deploy-ssh, migrate, rollback):
// the same names, the same validation, the same messages.





/** The action.yml input names read by readSshInputs, for stages to declare the same inputs. */
const SSH_INPUT_NAMES = [
    'hosts',
    'username',
    'port',
    'private-key',
    'passphrase',
    'known-hosts',
    'host-fingerprint',
    'insecure-accept-unknown-host-key',
    'jump-host',
    'jump-username',
    'jump-private-key',
    'jump-passphrase',
    'jump-host-fingerprint',
    'connect-timeout',
];
const DEFAULT_CONNECT_TIMEOUT = '30s';
/** What a target host's key is checked against. */
function hostKeyFor(settings, host) {
    return (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .expectationFor */ .mE)(settings.hostKeys, host.host, host.port);
}
/**
 * Reads and validates the SSH inputs (see SSH_INPUT_NAMES). Masks the key and passphrases. Throws a
 * ConfigurationError naming the input and showing a valid example — before any connection.
 */
function readSshInputs(inputs) {
    const username = inputs.optionalString('username');
    const port = inputs.integer('port', 22, { min: 1, max: 65535 });
    const hosts = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHosts */ .tB)(inputs.list('hosts'), { user: username, port });
    const privateKey = readKey(inputs, 'private-key', true);
    if (privateKey === undefined)
        throw new Error('unreachable: private-key is required');
    const passphrase = inputs.secret('passphrase');
    const keyInfo = (0,_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPrivateKey */ .fH)(privateKey, passphrase, 'private-key', 'passphrase');
    const knownHosts = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKnownHosts */ .uJ)(inputs.raw('known-hosts'), 'known-hosts');
    const acceptUnknown = inputs.boolean('insecure-accept-unknown-host-key', false);
    const pins = parseFingerprintPins(inputs.list('host-fingerprint'), hosts, 'host-fingerprint');
    let jump;
    const jumpSpec = inputs.optionalString('jump-host');
    const jumpPins = [];
    if (jumpSpec !== undefined) {
        const jumpUser = inputs.optionalString('jump-username') ?? username;
        const jumpHost = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(jumpSpec, { user: jumpUser, port: 22 }, 'jump-host');
        const jumpKey = readKey(inputs, 'jump-private-key', false);
        const jumpPassphrase = jumpKey === undefined ? passphrase : inputs.secret('jump-passphrase');
        if (jumpKey !== undefined)
            (0,_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPrivateKey */ .fH)(jumpKey, jumpPassphrase, 'jump-private-key', 'jump-passphrase');
        const jumpFp = inputs.optionalString('jump-host-fingerprint');
        if (jumpFp !== undefined) {
            for (const item of jumpFp.split(/[\s,]+/).filter((s) => s !== '')) {
                jumpPins.push({
                    host: jumpHost.host,
                    port: jumpHost.port,
                    fingerprint: fingerprintOrThrow(item, 'jump-host-fingerprint'),
                });
            }
        }
        const jumpPolicy = { knownHosts, pins: jumpPins, acceptUnknown };
        const hostKey = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .expectationFor */ .mE)(jumpPolicy, jumpHost.host, jumpHost.port);
        if (!(0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .hasPinnedKey */ .WQ)(hostKey) && !acceptUnknown)
            throw missingHostKey(jumpHost, 'jump-host-fingerprint');
        jump = {
            host: jumpHost,
            auth: { privateKey: jumpKey ?? privateKey, passphrase: jumpPassphrase },
            hostKey,
        };
    }
    else {
        for (const name of ['jump-username', 'jump-private-key', 'jump-host-fingerprint']) {
            if (inputs.has(name)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, "is set but 'jump-host' is not.", 'jump-host: deploy@bastion.example.com');
            }
        }
    }
    const hostKeys = { knownHosts, pins, acceptUnknown };
    for (const host of hosts) {
        if (!(0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .hasPinnedKey */ .WQ)((0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .expectationFor */ .mE)(hostKeys, host.host, host.port)) && !acceptUnknown) {
            throw missingHostKey(host, 'host-fingerprint');
        }
    }
    return {
        hosts,
        auth: { privateKey, passphrase },
        keyFingerprint: keyInfo.publicFingerprint,
        hostKeys,
        jump,
        connectTimeoutMs: inputs.duration('connect-timeout', DEFAULT_CONNECT_TIMEOUT, { min: 1000 }),
    };
}
function readKey(inputs, name, required) {
    const raw = inputs.secret(name, { required });
    if (raw === undefined)
        return undefined;
    const key = (0,_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizePrivateKey */ .W3)(raw);
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(key.trim());
    return key;
}
function fingerprintOrThrow(text, input) {
    const fp = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeFingerprint */ .o3)(text);
    if (!fp) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${text.slice(0, 60)}' is not a SHA256 host key fingerprint (SHA256: followed by 43 base64 characters, as ssh-keygen -lf prints).`, input === 'host-fingerprint' ? _host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .FINGERPRINT_EXAMPLE */ .CN : `${input}: SHA256:…`);
    }
    return fp;
}
/**
 * `host-fingerprint` items: `SHA256:…` alone (one for every host, or one per host in the order
 * of `hosts`), or `host[:port] SHA256:…` / `host[:port]=SHA256:…` for a given host.
 */
function parseFingerprintPins(items, hosts, input = 'host-fingerprint') {
    const named = [];
    const bare = [];
    for (const item of items) {
        const m = /^(\S+?)(?:\s+|=)(\S+)$/.exec(item);
        if (m && !/^sha256:/i.test(item)) {
            const spec = m[1] ?? '';
            const where = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(spec, { user: '_' }, input);
            const port = /^(\[[^\]]+\]|[^:]+):\d+$/.test(spec.replace(/^[^@]*@/, '')) ? where.port : undefined;
            const fp = fingerprintOrThrow(m[2] ?? '', input);
            const matches = hosts.filter((h) => h.host.toLowerCase() === where.host.toLowerCase() && (port === undefined || h.port === port));
            if (matches.length === 0) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `names '${m[1]}', which is not one of the hosts (${hosts.map((h) => h.label).join(', ')}).`, `${input}: |\n  ${hosts[0]?.host ?? 'web-1.example.com'} SHA256:…`);
            }
            named.push({ host: where.host, port, fingerprint: fp });
        }
        else {
            bare.push(fingerprintOrThrow(item, input));
        }
    }
    if (bare.length <= 1 || hosts.length <= 1) {
        // one fingerprint for every host (several are all accepted, e.g. during a key rotation)
        return [...named, ...bare.map((fingerprint) => ({ fingerprint }))];
    }
    if (bare.length !== hosts.length) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `has ${bare.length} fingerprints for ${hosts.length} hosts: give one for all hosts, one per host in the order of 'hosts', or 'host SHA256:…' lines.`, `${input}: |\n${hosts.map((h) => `  ${h.host}${h.port === 22 ? '' : `:${h.port}`} SHA256:…`).join('\n')}`);
    }
    return [...named, ...hosts.map((h, i) => ({ host: h.host, port: h.port, fingerprint: bare[i] }))];
}
function missingHostKey(host, input) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `nothing to verify the host key of ${host.label} against: give '${input}' or 'known-hosts'. ` +
        `Get the fingerprint on a trusted machine with \`${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .keyscanCommand */ .md)(host.host, host.port)}\` and compare it with ` +
        `the server's own \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\`. To connect without checking (not ` +
        `recommended), set insecure-accept-unknown-host-key: true; the key's fingerprint is then printed so you can pin it.`, `${input}: SHA256:…   # or known-hosts: \${{ vars.SSH_KNOWN_HOSTS }}`);
}


/***/ }),

/***/ 77277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fs: () => (/* binding */ publicKeyFingerprint),
/* harmony export */   PM: () => (/* binding */ loadPrivateKey),
/* harmony export */   W3: () => (/* binding */ normalizePrivateKey),
/* harmony export */   fH: () => (/* binding */ checkPrivateKey)
/* harmony export */ });
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(85472);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _host_key_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87457);



const KEY_EXAMPLE = (input) => `${input}: \${{ secrets.${input.toUpperCase().replace(/-/g, '_')} }}   # the whole file: -----BEGIN OPENSSH PRIVATE KEY----- …`;
/**
 * Repairs the usual damage a key takes on its way into a secret: Windows line ends, `\n` typed
 * as two characters, missing final newline.
 */
function normalizePrivateKey(text) {
    let key = text.replace(/\r\n?/g, '\n').trim();
    if (!key.includes('\n') && key.includes('\\n'))
        key = key.replace(/\\n/g, '\n');
    return `${key}\n`;
}
/**
 * Checks that a private key parses (and decrypts with `passphrase`), so a bad key fails before any
 * connection with a message naming the input. Never includes the key in a message.
 */
function checkPrivateKey(key, passphrase, input = 'private-key', passphraseInput = 'passphrase') {
    const first = loadPrivateKey(key, passphrase, input, passphraseInput);
    return {
        type: first.type,
        publicFingerprint: `${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .keyTypeLabel */ .EK)(first.type)} ${(0,_host_key_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintOf */ .ax)(first.getPublicSSH())}`,
    };
}
const loaded = new Map();
/**
 * The parsed (and decrypted) key, parsed once per run and reused by every connection — decrypting
 * an encrypted OpenSSH key costs about a second of CPU. Throws a ConfigurationError like checkPrivateKey.
 */
function loadPrivateKey(key, passphrase, input = 'private-key', passphraseInput = 'passphrase') {
    const cacheKey = `${passphrase ?? ''}\0${key}`;
    const cached = loaded.get(cacheKey);
    if (cached)
        return cached;
    const parsed = ssh2__WEBPACK_IMPORTED_MODULE_0__.utils.parseKey(key, passphrase);
    if (parsed instanceof Error) {
        const msg = parsed.message;
        if (/no passphrase given|encrypted/i.test(msg) && passphrase === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(passphraseInput, `the key in '${input}' is encrypted: give its passphrase.`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        if (/integrity check failed|bad decrypt|decrypt/i.test(msg)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(passphraseInput, `does not decrypt the key in '${input}' (wrong passphrase).`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, `is not a private key ssh2 can read (${msg}). Paste the whole private key file, including the BEGIN and END lines.`, KEY_EXAMPLE(input));
    }
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!first?.isPrivateKey()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(input, 'holds a public key; it must be the PRIVATE key (the file without .pub).', KEY_EXAMPLE(input));
    }
    loaded.set(cacheKey, first);
    return first;
}
/** The public fingerprint of a private key, or undefined when it does not parse. */
function publicKeyFingerprint(key, passphrase) {
    try {
        return checkPrivateKey(key, passphrase).publicFingerprint;
    }
    catch {
        return undefined;
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
