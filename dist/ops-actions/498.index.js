export const id = 498;
export const ids = [498];
export const modules = {

/***/ 7498:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ../main/node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(4846);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(7188);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(1087);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(8838);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(1456);
// EXTERNAL MODULE: ../main/node_modules/ssh2/lib/index.js
var lib = __webpack_require__(3328);
// EXTERNAL MODULE: ./build/lib/exec.js
var exec = __webpack_require__(6857);
// EXTERNAL MODULE: ./build/lib/secrets.js
var lib_secrets = __webpack_require__(5431);
;// CONCATENATED MODULE: ./build/lib/ssh/errors.js


class SshConnectError extends errors/* OperationError */.OK {
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
class RemoteCommandError extends exec/* ProcessError */.yI {
    host;
    result;
    name = 'RemoteCommandError';
    constructor(message, host, result) {
        super(message, result);
        this.host = host;
        this.result = result;
    }
    static fromRemote(r) {
        const base = exec/* ProcessError */.yI.fromResult(r);
        return new RemoteCommandError(`${r.host}: ${base.message}`, r.host, r);
    }
}

;// CONCATENATED MODULE: ./build/lib/ssh/host.js

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
    const bad = (problem) => new errors/* ConfigurationError */.j1(input, `'${text}' is not a valid host: ${problem} Write hosts as [user@]host[:port].`, input === 'hosts' ? HOSTS_EXAMPLE : `${input}: deploy@bastion.example.com:22`);
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
        throw new errors/* ConfigurationError */.j1('username', `host '${text}' has no user: write it as user@host or set 'username' for all hosts.`, 'username: deploy');
    }
    return { user, host, port, label: formatHost(user, host, port) };
}
/** Parses a list of hosts and rejects the same user@host:port given twice. */
function parseHosts(specs, defaults = {}, input = 'hosts') {
    if (specs.length === 0) {
        throw new errors/* ConfigurationError */.j1(input, 'is required: give one or more hosts, one per line or separated by commas.', HOSTS_EXAMPLE);
    }
    const hosts = specs.map((s) => parseHost(s, defaults, input));
    const seen = new Set();
    for (const h of hosts) {
        const key = `${h.user}@${h.host.toLowerCase()}:${h.port}`;
        if (seen.has(key)) {
            throw new errors/* ConfigurationError */.j1(input, `${h.label} is listed twice; each server must appear once.`, HOSTS_EXAMPLE);
        }
        seen.add(key);
    }
    return hosts;
}
/** The address OpenSSH uses in known_hosts for a host: `host`, or `[host]:port` when the port is not 22. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}

;// CONCATENATED MODULE: ./build/lib/ssh/host-key.js



/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob: what `ssh-keygen -lf` prints. */
function fingerprintOf(keyBlob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
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
    return new errors/* ConfigurationError */.j1(input, `line ${line} is not a known_hosts line: ${problem}. Paste the output of ssh-keyscan.`, `${input}: |\n  203.0.113.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...\n  [203.0.113.11]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...`);
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
    const name = knownHostsName(host.toLowerCase(), port);
    for (const { salt, hash } of entry.hashed) {
        const mac = (0,external_node_crypto_.createHmac)('sha1', salt).update(name).digest();
        if (mac.length === hash.length && (0,external_node_crypto_.timingSafeEqual)(mac, hash))
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

;// CONCATENATED MODULE: ./build/lib/ssh/keys.js



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
        publicFingerprint: `${keyTypeLabel(first.type)} ${fingerprintOf(first.getPublicSSH())}`,
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
    const parsed = lib.utils.parseKey(key, passphrase);
    if (parsed instanceof Error) {
        const msg = parsed.message;
        if (/no passphrase given|encrypted/i.test(msg) && passphrase === undefined) {
            throw new errors/* ConfigurationError */.j1(passphraseInput, `the key in '${input}' is encrypted: give its passphrase.`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        if (/integrity check failed|bad decrypt|decrypt/i.test(msg)) {
            throw new errors/* ConfigurationError */.j1(passphraseInput, `does not decrypt the key in '${input}' (wrong passphrase).`, `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`);
        }
        throw new errors/* ConfigurationError */.j1(input, `is not a private key ssh2 can read (${msg}). Paste the whole private key file, including the BEGIN and END lines.`, KEY_EXAMPLE(input));
    }
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!first?.isPrivateKey()) {
        throw new errors/* ConfigurationError */.j1(input, 'holds a public key; it must be the PRIVATE key (the file without .pub).', KEY_EXAMPLE(input));
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

;// CONCATENATED MODULE: ./build/lib/ssh/connection.js










const { Client } = lib;
/** The first stderr line of a stoppable command: the pid of the shell sshd started for it. */
const PID_MARKER = 'ops-actions-pid:';
const runnerLogger = {
    info: (l) => core/* info */.pq(l),
    warning: (l) => core/* warning */.$e(l),
};
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
            return await (0,retry/* retry */.L5)(async () => {
                const remaining = opts.connectTimeoutMs - (Date.now() - started);
                return await connectVerified(opts, logger, Math.max(2000, Math.min(remaining, 20_000)));
            }, {
                deadlineMs: opts.connectTimeoutMs,
                initialDelayMs: opts.initialRetryDelayMs ?? 500,
                maxDelayMs: 5000,
                isRetryable: (e) => classifySsh2Error(e).transient,
                signal: opts.signal,
                onRetry: ({ attempt, error, delayMs }) => logger.info(`[${opts.host.label}] connection attempt ${attempt} failed: ${withoutHost((0,errors/* errorMessage */.gJ)(error), opts.host.label)}; retrying in ${(delayMs / 1000).toFixed(1)}s`),
            });
        }
        catch (error) {
            if (error instanceof retry/* RetryError */.J_) {
                const last = error.lastError;
                const { kind } = classifySsh2Error(last);
                throw new SshConnectError(opts.host.label, kind, `${opts.host.label}: could not connect after ${error.attempts} attempt(s) in ${(error.elapsedMs / 1000).toFixed(1)}s ` +
                    `(connect-timeout): ${withoutHost((0,errors/* errorMessage */.gJ)(last), opts.host.label)}. Check the host name and port, that sshd is running, and that ` +
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
        const label = (0,lib_secrets/* redact */.E$)(opts.label ?? firstLine(command), secrets);
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
                const log = (line) => {
                    if (!opts.silent)
                        this.logger.info(prefix + (0,lib_secrets/* redact */.E$)(line, secrets));
                };
                const out = (0,exec/* lineEmitter */.hT)(log)();
                const errOut = (0,exec/* lineEmitter */.hT)((line) => {
                    if (stoppable && remotePid === undefined && line.startsWith(PID_MARKER)) {
                        remotePid = Number(line.slice(PID_MARKER.length)) || undefined;
                        return;
                    }
                    stderr += `${line}\n`;
                    log(line);
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
                    opts.signal?.removeEventListener('abort', onAbort);
                    out.flush();
                    errOut.flush();
                    const stopped = timedOut || opts.signal?.aborted === true;
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
                        stdout: (0,lib_secrets/* redact */.E$)(stdout, secrets),
                        stderr: (0,lib_secrets/* redact */.E$)(stderr, secrets),
                        durationMs: Date.now() - started,
                        timedOut,
                    };
                    if (result.exitCode === 0 || (opts.allowFailure && !lost && !stopped))
                        resolve(result);
                    else
                        reject(RemoteCommandError.fromRemote(result));
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
                    reject(new SshConnectError(this.host.label, 'protocol', `${this.host.label}: could not start SFTP: ${err.message}. Make sure the server's sshd has an sftp Subsystem.`, false, err));
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
        return RemoteCommandError.fromRemote({
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
/** The command line sent to the server: `cd` and exports first, each value quoted. Pure. */
function buildRemoteCommand(command, opts = {}) {
    const parts = [];
    if (opts.env && Object.keys(opts.env).length > 0)
        parts.push((0,quote/* shellExports */.sJ)(opts.env));
    if (opts.cwd)
        parts.push(`cd ${(0,quote/* shellQuote */.ZL)(opts.cwd)} || exit 1`);
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
        ? [[...new Set(opts.hostKey.keys.flatMap((k) => algorithmsForKeyType(keyTypeOf(k))))]]
        : HOST_KEY_FAMILIES.map((f) => [...f]);
    let offer = families.flat();
    for (;;) {
        const attempt = await connectOnce(opts, readyTimeoutMs, offer);
        if (attempt.ok) {
            const { client, key, verdict } = attempt;
            const fp = fingerprintOf(key);
            if (verdict.ok && verdict.how === 'accepted-unknown') {
                logger.warning(`${opts.host.label}: accepted an UNVERIFIED host key (${keyTypeLabel(keyTypeOf(key))} ${fp}) because ` +
                    `insecure-accept-unknown-host-key is true. Check it against the server and pin it: ` +
                    `${opts.fingerprintInput ?? 'host-fingerprint'}: ${fp}`);
            }
            return SshConnection.wrap(client, opts.host, fp, logger);
        }
        if (attempt.key === undefined || attempt.verdict === undefined || attempt.verdict.ok) {
            // the server has no key of the other types we asked for: the mismatch stands
            if (presented.length > 0 && classifySsh2Error(attempt.error).kind === 'protocol') {
                throw hostKeyError(opts, 'mismatch', presented);
            }
            throw attempt.error;
        }
        const type = keyTypeOf(attempt.key);
        presented.push({ type, fingerprint: fingerprintOf(attempt.key) });
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
            throw new SshConnectError(opts.host.label, 'network', `${opts.host.label}: the jump host connection (${opts.via.host.label}) is closed`, false);
        }
        sock = await opts.via.forwardOut(opts.host.host, opts.host.port).catch((e) => {
            const { kind, transient } = classifySsh2Error(e);
            const why = kind === 'forwarding' && !transient
                ? ' The jump host refused to forward: set AllowTcpForwarding yes in its sshd_config.'
                : '';
            throw new SshConnectError(opts.host.label, kind === 'forwarding' ? 'forwarding' : kind, `${opts.host.label}: the jump host ${opts.via?.host.label} could not open a connection to ${opts.host.host}:${opts.host.port}: ${(0,errors/* errorMessage */.gJ)(e)}.${why}`, transient, e);
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
                error: new SshConnectError(opts.host.label, 'network', `${opts.host.label}: the connection closed during the handshake`, true),
            });
        });
        try {
            const publicKeyAuth = {
                type: 'publickey',
                username: opts.host.user,
                key: loadPrivateKey(opts.auth.privateKey, opts.auth.passphrase, opts.keyInput),
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
                    verdict = checkHostKey(opts.hostKey, key);
                    return verdict.ok;
                },
            });
        }
        catch (error) {
            settle({ ok: false, error: describeConnectError(opts, error) });
        }
    });
}
/** Turns an ssh2 error into an SshConnectError that says what to do. */
function describeConnectError(opts, error) {
    const { kind, transient } = classifySsh2Error(error);
    const label = opts.host.label;
    if (kind === 'auth') {
        const fp = publicKeyFingerprint(opts.auth.privateKey, opts.auth.passphrase);
        return new SshConnectError(label, 'auth', `${label}: authentication failed: the server did not accept the key from '${opts.keyInput ?? 'private-key'}'` +
            `${fp ? ` (${fp})` : ''} for user '${opts.host.user}'. Add its public key to ~${opts.host.user}/.ssh/authorized_keys ` +
            `on the server (ssh-keygen -y -f key prints it), and check the user name ('username' or user@host). Not retried.`, false, error);
    }
    return new SshConnectError(label, kind, `${label}: ${(0,errors/* errorMessage */.gJ)(error)}`, transient, error);
}
function hostKeyError(opts, reason, presented) {
    const label = opts.host.label;
    const input = opts.fingerprintInput ?? 'host-fingerprint';
    const shown = presented.map((p) => `${keyTypeLabel(p.type)} ${p.fingerprint}`).join(', ');
    const scan = keyscanCommand(opts.host.host, opts.host.port);
    let message;
    if (reason === 'mismatch') {
        const expected = [
            ...opts.hostKey.fingerprints,
            ...opts.hostKey.keys.map((k) => `${keyTypeLabel(keyTypeOf(k))} ${fingerprintOf(k)} (known-hosts)`),
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
    return new SshConnectError(label, 'host-key', message, false);
}

;// CONCATENATED MODULE: ./build/lib/ssh/inputs.js
// The SSH connection inputs every stage that talks to servers accepts (deploy-ssh, migrate, rollback):
// the same names, the same validation, the same messages.





/** The action.yml input names read by readSshInputs, for stages to declare the same inputs. */
const SSH_INPUT_NAMES = (/* unused pure expression or super */ null && ([
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
]));
const DEFAULT_CONNECT_TIMEOUT = '30s';
/** What a target host's key is checked against. */
function hostKeyFor(settings, host) {
    return expectationFor(settings.hostKeys, host.host, host.port);
}
/**
 * Reads and validates the SSH inputs (see SSH_INPUT_NAMES). Masks the key and passphrases. Throws a
 * ConfigurationError naming the input and showing a valid example — before any connection.
 */
function readSshInputs(inputs) {
    const username = inputs.optionalString('username');
    const port = inputs.integer('port', 22, { min: 1, max: 65535 });
    const hosts = parseHosts(inputs.list('hosts'), { user: username, port });
    const privateKey = readKey(inputs, 'private-key', true);
    if (privateKey === undefined)
        throw new Error('unreachable: private-key is required');
    const passphrase = inputs.secret('passphrase');
    const keyInfo = checkPrivateKey(privateKey, passphrase, 'private-key', 'passphrase');
    const knownHosts = parseKnownHosts(inputs.raw('known-hosts'), 'known-hosts');
    const acceptUnknown = inputs.boolean('insecure-accept-unknown-host-key', false);
    const pins = parseFingerprintPins(inputs.list('host-fingerprint'), hosts, 'host-fingerprint');
    let jump;
    const jumpSpec = inputs.optionalString('jump-host');
    const jumpPins = [];
    if (jumpSpec !== undefined) {
        const jumpUser = inputs.optionalString('jump-username') ?? username;
        const jumpHost = parseHost(jumpSpec, { user: jumpUser, port: 22 }, 'jump-host');
        const jumpKey = readKey(inputs, 'jump-private-key', false);
        const jumpPassphrase = jumpKey === undefined ? passphrase : inputs.secret('jump-passphrase');
        if (jumpKey !== undefined)
            checkPrivateKey(jumpKey, jumpPassphrase, 'jump-private-key', 'jump-passphrase');
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
        const hostKey = expectationFor(jumpPolicy, jumpHost.host, jumpHost.port);
        if (!hasPinnedKey(hostKey) && !acceptUnknown)
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
                throw new errors/* ConfigurationError */.j1(name, "is set but 'jump-host' is not.", 'jump-host: deploy@bastion.example.com');
            }
        }
    }
    const hostKeys = { knownHosts, pins, acceptUnknown };
    for (const host of hosts) {
        if (!hasPinnedKey(expectationFor(hostKeys, host.host, host.port)) && !acceptUnknown) {
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
    const key = normalizePrivateKey(raw);
    (0,lib_secrets/* maskSecret */.$l)(key.trim());
    return key;
}
function fingerprintOrThrow(text, input) {
    const fp = normalizeFingerprint(text);
    if (!fp) {
        throw new errors/* ConfigurationError */.j1(input, `'${text.slice(0, 60)}' is not a SHA256 host key fingerprint (SHA256: followed by 43 base64 characters, as ssh-keygen -lf prints).`, input === 'host-fingerprint' ? FINGERPRINT_EXAMPLE : `${input}: SHA256:…`);
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
            const where = parseHost(spec, { user: '_' }, input);
            const port = /^(\[[^\]]+\]|[^:]+):\d+$/.test(spec.replace(/^[^@]*@/, '')) ? where.port : undefined;
            const fp = fingerprintOrThrow(m[2] ?? '', input);
            const matches = hosts.filter((h) => h.host.toLowerCase() === where.host.toLowerCase() && (port === undefined || h.port === port));
            if (matches.length === 0) {
                throw new errors/* ConfigurationError */.j1(input, `names '${m[1]}', which is not one of the hosts (${hosts.map((h) => h.label).join(', ')}).`, `${input}: |\n  ${hosts[0]?.host ?? 'web-1.example.com'} SHA256:…`);
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
        throw new errors/* ConfigurationError */.j1(input, `has ${bare.length} fingerprints for ${hosts.length} hosts: give one for all hosts, one per host in the order of 'hosts', or 'host SHA256:…' lines.`, `${input}: |\n${hosts.map((h) => `  ${h.host}${h.port === 22 ? '' : `:${h.port}`} SHA256:…`).join('\n')}`);
    }
    return [...named, ...hosts.map((h, i) => ({ host: h.host, port: h.port, fingerprint: bare[i] }))];
}
function missingHostKey(host, input) {
    return new errors/* ConfigurationError */.j1(input, `nothing to verify the host key of ${host.label} against: give '${input}' or 'known-hosts'. ` +
        `Get the fingerprint on a trusted machine with \`${keyscanCommand(host.host, host.port)}\` and compare it with ` +
        `the server's own \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\`. To connect without checking (not ` +
        `recommended), set insecure-accept-unknown-host-key: true; the key's fingerprint is then printed so you can pin it.`, `${input}: SHA256:…   # or known-hosts: \${{ vars.SSH_KNOWN_HOSTS }}`);
}

;// CONCATENATED MODULE: ./build/lib/ssh/pool.js


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
            return SshConnection.connect({
                host,
                auth: opts.auth ?? this.settings.auth,
                hostKey: hostKeyFor(this.settings, host),
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
        this.jump = SshConnection.connect({
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

;// CONCATENATED MODULE: ./build/lib/deploy/paths.js

/** Where ops-actions keeps its own files in an app directory: lock, history, backups. */
const STATE_DIR_NAME = '.ops-actions';
/** `<app-dir>/.ops-actions` */
function stateDir(appDir) {
    return `${appDir}/${STATE_DIR_NAME}`;
}
/**
 * Checks and normalises an app directory on the server: an absolute path, or a path relative to
 * the login user's home (`~/app` and `app` mean the same). Trailing slashes are dropped.
 */
function parseAppDir(text, input = 'app-dir') {
    const example = `${input}: /srv/shop`;
    let dir = text.trim();
    if (dir === '')
        throw new errors/* ConfigurationError */.j1(input, 'is required: the application directory on the server.', example);
    if (/[\n\r\0]/.test(dir))
        throw new errors/* ConfigurationError */.j1(input, 'must be a single line.', example);
    if (dir === '~' || dir === '~/') {
        throw new errors/* ConfigurationError */.j1(input, 'must be a directory of its own, not the home directory itself.', example);
    }
    if (dir.startsWith('~/'))
        dir = dir.slice(2);
    else if (dir.startsWith('~')) {
        throw new errors/* ConfigurationError */.j1(input, `'${text}': ~user paths are not supported; give an absolute path.`, example);
    }
    dir = dir.replace(/\/+$/, '');
    if (dir === '' || dir === '.' || /^\/+$/.test(text.trim())) {
        throw new errors/* ConfigurationError */.j1(input, `'${text}' is not an application directory.`, example);
    }
    if (dir.split('/').includes('..'))
        throw new errors/* ConfigurationError */.j1(input, `'${text}' must not contain '..'.`, example);
    return dir;
}
/**
 * The app directory on one host: `{host}` and `{port}` in app-dir are replaced by the host's name and
 * SSH port (several instances of an app on one server, each reached through its own port). Pure.
 */
function hostAppDir(appDir, host) {
    return appDir.replace(/\{host\}/g, host.host).replace(/\{port\}/g, String(host.port));
}

;// CONCATENATED MODULE: ./build/lib/deploy/lock.js
// The deploy lock: one per app directory on each server. `mkdir` is atomic, so exactly one deploy
// holds `<app-dir>/.ops-actions/lock`; its `info` file says who (run id, actor, time). Checking,
// breaking a stale lock and taking it happen in one script under `flock` (when the server has it),
// so two deploys cannot both break the same stale lock.








function newLockToken() {
    return (0,external_node_crypto_.randomBytes)(12).toString('hex');
}
/** The lock info of this GitHub Actions run. */
function lockInfoFromEnv(token, env = process.env) {
    return {
        token,
        runId: env['GITHUB_RUN_ID'],
        runAttempt: env['GITHUB_RUN_ATTEMPT'],
        actor: env['GITHUB_ACTOR'],
        repository: env['GITHUB_REPOSITORY'],
        workflow: env['GITHUB_WORKFLOW'],
        started: new Date().toISOString(),
    };
}
function lockPath(appDir) {
    return `${stateDir(appDir)}/lock`;
}
const INFO_KEYS = [
    ['token', 'token'],
    ['runId', 'run-id'],
    ['runAttempt', 'run-attempt'],
    ['actor', 'actor'],
    ['repository', 'repository'],
    ['workflow', 'workflow'],
    ['started', 'started'],
];
function oneLine(v) {
    return v.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
/** The shell prologue that serialises lock scripts with flock when the server has it. */
function guard(appDir) {
    const dir = (0,quote/* shellQuote */.ZL)(stateDir(appDir));
    return [
        `mkdir -p ${dir} || exit 1`,
        `if command -v flock >/dev/null 2>&1; then exec 9>>${(0,quote/* shellQuote */.ZL)(`${stateDir(appDir)}/lock.guard`)} && flock -w 30 9 || { echo 'ops-actions: could not take lock.guard' >&2; exit 1; }; fi`,
    ].join('\n');
}
/**
 * The remote script that tries once to take the lock. Prints `OPS_LOCK ACQUIRED`, or
 * `OPS_LOCK HELD <age-seconds>` followed by the holder's info lines, or `OPS_LOCK STALE <age>`
 * (the holder's info follows) before `OPS_LOCK ACQUIRED` when it broke a lock older than
 * `staleAfterSeconds` (0: never break), or `OPS_LOCK OURS` when this deploy (same token) holds it
 * already through another host sharing the directory. Once the lock is held, `after` runs (still in
 * the same round trip, e.g. reading the release history) and its output follows `OPS_LOCK_AFTER`.
 *
 * The lock directory is created complete (info inside) under a temporary name and renamed into
 * place, so it never exists without its info, and a free lock is taken without waiting for the
 * guard; breaking and releasing rename it away before deleting it. Pure.
 */
function acquireLockScript(appDir, info, staleAfterSeconds, after) {
    const lines = INFO_KEYS.filter(([k]) => info[k] !== undefined && info[k] !== '').map(([k, name]) => (0,quote/* shellQuote */.ZL)(`${name}=${oneLine(String(info[k]))}`));
    const stale = Math.max(0, Math.floor(staleAfterSeconds));
    const token = tokenWord(info.token);
    const then = after ? `echo OPS_LOCK_AFTER; (\n${after}\n)` : ':';
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(stateDir(appDir))} || exit 1`,
        `lock=${(0,quote/* shellQuote */.ZL)(lockPath(appDir))}`,
        'now=$(date +%s)',
        'show() { sed "s/^/OPS_LOCK_INFO /" "$lock/info" 2>/dev/null; }',
        'take() {',
        `  tmp="$lock.new-${token}-$$"`,
        `  rm -rf "$tmp" && mkdir "$tmp" && printf '%s\\n' ${lines.join(' ')} "epoch=$now" > "$tmp/info" || exit 1`,
        '  mv -T "$tmp" "$lock" 2>/dev/null && return 0',
        '  rm -rf "$tmp"; return 1',
        '}',
        `if grep -qxF ${(0,quote/* shellQuote */.ZL)(`token=${info.token}`)} "$lock/info" 2>/dev/null; then`,
        '  echo "OPS_LOCK OURS"',
        `  ${then}`,
        '  exit',
        'fi',
        'if [ ! -e "$lock" ] && take; then',
        '  echo "OPS_LOCK ACQUIRED"',
        `  ${then}`,
        '  exit',
        'fi',
        guard(appDir),
        'if [ -d "$lock" ]; then',
        `  if grep -qxF ${(0,quote/* shellQuote */.ZL)(`token=${info.token}`)} "$lock/info" 2>/dev/null; then`,
        '    echo "OPS_LOCK OURS"',
        `    ${then}`,
        '    exit',
        '  fi',
        `  epoch=$(sed -n 's/^epoch=//p' "$lock/info" 2>/dev/null | head -n 1)`,
        `  case "$epoch" in ''|*[!0-9]*) epoch=$(stat -c %Y "$lock" 2>/dev/null || echo "$now") ;; esac`,
        '  age=$((now - epoch))',
        `  if [ ${stale} -gt 0 ] && [ "$age" -ge ${stale} ]; then`,
        '    echo "OPS_LOCK STALE $age"; show',
        `    mv -T "$lock" "$lock.stale-${token}-$$" && rm -rf "$lock.stale-${token}-$$" || exit 1`,
        '  else',
        '    echo "OPS_LOCK HELD $age"; show; exit 0',
        '  fi',
        'fi',
        'if take; then',
        '  echo "OPS_LOCK ACQUIRED"',
        `  ${then}`,
        'else',
        '  echo "OPS_LOCK HELD 0"; show',
        'fi',
    ].join('\n');
}
/** The remote script that releases the lock if (and only if) it holds `token`. Pure. */
function releaseLockScript(appDir, token) {
    const mine = `grep -qxF ${(0,quote/* shellQuote */.ZL)(`token=${token}`)} "$lock/info" 2>/dev/null`;
    return [
        `lock=${(0,quote/* shellQuote */.ZL)(lockPath(appDir))}`,
        `if ${mine}; then`,
        indentLines(guard(appDir), '  '),
        `  if ${mine}; then`,
        `    mv -T "$lock" "$lock.released-${tokenWord(token)}-$$" && rm -rf "$lock.released-${tokenWord(token)}-$$" && echo "OPS_LOCK RELEASED" && exit 0`,
        '  fi',
        'fi',
        'if [ -d "$lock" ]; then echo "OPS_LOCK NOT_OURS"; else echo "OPS_LOCK ABSENT"; fi',
    ].join('\n');
}
/** A token as it may appear in a file name. */
function tokenWord(token) {
    return token.replace(/[^A-Za-z0-9]/g, '') || 'x';
}
function indentLines(text, prefix) {
    return text
        .split('\n')
        .map((l) => prefix + l)
        .join('\n');
}
/** Parses what acquireLockScript printed. */
function parseAcquireOutput(stdout) {
    const cut = stdout.indexOf('OPS_LOCK_AFTER\n');
    const head = cut >= 0 ? stdout.slice(0, cut) : stdout;
    const after = cut >= 0 ? stdout.slice(cut + 'OPS_LOCK_AFTER\n'.length) : undefined;
    const lines = head.split('\n');
    const info = parseLockInfo(lines
        .filter((l) => l.startsWith('OPS_LOCK_INFO '))
        .map((l) => l.slice('OPS_LOCK_INFO '.length))
        .join('\n'));
    const status = lines.filter((l) => /^OPS_LOCK [A-Z]/.test(l)).map((l) => l.split(' '));
    const held = status.find((s) => s[1] === 'HELD');
    if (held)
        return { status: 'held', holder: info, ageSeconds: Number(held[2] ?? 0) || 0 };
    const extra = after === undefined ? {} : { after };
    if (status.some((s) => s[1] === 'OURS'))
        return { status: 'acquired', shared: true, ...extra };
    const stale = status.find((s) => s[1] === 'STALE');
    if (status.some((s) => s[1] === 'ACQUIRED')) {
        return stale
            ? { status: 'acquired', broke: { holder: info, ageSeconds: Number(stale[2] ?? 0) || 0 }, ...extra }
            : { status: 'acquired', ...extra };
    }
    throw new errors/* OperationError */.OK(`unexpected output from the lock script: ${stdout.slice(0, 300)}`);
}
/** Parses `lock/info` (`key=value` lines). */
function parseLockInfo(text) {
    const values = new Map();
    for (const line of text.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0)
            values.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const info = { token: values.get('token') ?? '' };
    for (const [k, name] of INFO_KEYS) {
        const v = values.get(name);
        if (v !== undefined && k !== 'token' && k !== 'epoch')
            info[k] = v;
    }
    const epoch = Number(values.get('epoch'));
    if (Number.isFinite(epoch) && epoch > 0)
        info.epoch = epoch;
    return info;
}
/** `run 1234 (attempt 1) by octocat in acme/shop, started 2025-01-01T10:00:00Z, 42s ago` */
function describeHolder(holder, ageSeconds) {
    const parts = [];
    parts.push(holder.runId
        ? `run ${holder.runId}${holder.runAttempt ? ` (attempt ${holder.runAttempt})` : ''}`
        : 'an unknown deploy');
    if (holder.actor)
        parts.push(`by ${holder.actor}`);
    if (holder.repository)
        parts.push(`in ${holder.repository}`);
    let s = parts.join(' ');
    if (holder.started)
        s += `, started ${holder.started}`;
    if (ageSeconds !== undefined)
        s += `, locked ${(0,duration/* formatDuration */.a)(ageSeconds * 1000)} ago`;
    return s;
}
class LockTimeoutError extends errors/* OperationError */.OK {
    name = 'LockTimeoutError';
}
/**
 * Takes the lock, waiting up to `timeoutMs` while another deploy holds it and breaking it (with a
 * warning) once it is older than `staleAfterMs`. Throws LockTimeoutError naming the holder.
 */
async function acquireLock(conn, opts) {
    const logger = opts.logger ?? runnerLogger;
    const script = acquireLockScript(opts.appDir, opts.info, opts.staleAfterMs / 1000, opts.after);
    const started = Date.now();
    let lastNotice = 0;
    for (;;) {
        const r = await conn.exec(script, {
            silent: true,
            label: `take the deploy lock ${lockPath(opts.appDir)}`,
            signal: opts.signal,
        });
        const outcome = parseAcquireOutput(r.stdout);
        if (outcome.status === 'acquired') {
            if (outcome.shared) {
                // this very deploy holds it: another of its hosts shares this directory (same server, NFS)
                logger.warning(`${conn.host.label}: the deploy lock on ${opts.appDir} is already held by this deploy through another host: ` +
                    'these hosts share the directory (every host runs its steps in it).');
            }
            if (outcome.broke) {
                logger.warning(`${conn.host.label}: broke a stale deploy lock on ${opts.appDir}, held by ${describeHolder(outcome.broke.holder, outcome.broke.ageSeconds)} ` +
                    `(older than lock-stale-after ${(0,duration/* formatDuration */.a)(opts.staleAfterMs)}). That deploy probably died; check the app on this host.`);
            }
            return outcome;
        }
        const waited = Date.now() - started;
        if (waited >= opts.timeoutMs || opts.signal?.aborted) {
            throw new LockTimeoutError(`${conn.host.label}: ${opts.appDir} is locked by another deploy: ${describeHolder(outcome.holder, outcome.ageSeconds)}. ` +
                `Waited ${(0,duration/* formatDuration */.a)(waited)} (lock-timeout). Wait for it to finish or raise lock-timeout; if that deploy is dead, ` +
                `the lock is broken automatically after lock-stale-after${opts.staleAfterMs > 0 ? ` (${(0,duration/* formatDuration */.a)(opts.staleAfterMs)})` : ' (set it, it is 0 = never)'}, ` +
                `or remove ${lockPath(opts.appDir)} on the server by hand.`, { host: conn.host.label, holder: outcome.holder });
        }
        if (lastNotice === 0 || Date.now() - lastNotice >= 15_000) {
            lastNotice = Date.now();
            logger.info(`[${conn.host.label}] waiting for the deploy lock held by ${describeHolder(outcome.holder, outcome.ageSeconds)} ` +
                `(up to ${(0,duration/* formatDuration */.a)(opts.timeoutMs)})`);
        }
        const pause = Math.min(opts.pollMs ?? 2000, Math.max(opts.timeoutMs - waited, 0));
        await (0,retry/* abortableSleep */.Mf)(pause * (0.8 + Math.random() * 0.4), opts.signal);
    }
}
function parseReleaseOutput(stdout) {
    if (stdout.includes('OPS_LOCK RELEASED'))
        return 'released';
    if (stdout.includes('OPS_LOCK NOT_OURS'))
        return 'not-ours';
    return 'absent';
}
/**
 * Releases the lock if this deploy (token) still holds it; says what it found. `before` runs first
 * in the same round trip (e.g. appending to the history); the lock is released even if it fails.
 */
async function releaseLock(conn, appDir, token, opts = {}) {
    const before = opts.before
        ? `(\n${opts.before}\n) || echo 'ops-actions: the step before releasing the lock failed' >&2\n`
        : '';
    const r = await conn.exec(`${before}${releaseLockScript(appDir, token)}`, {
        silent: true,
        label: `release the deploy lock ${lockPath(appDir)}`,
    });
    if (r.stderr.includes('the step before releasing the lock failed')) {
        (opts.logger ?? runnerLogger).warning(`${conn.host.label}: ${lastLine(r.stderr) || 'the step before releasing the lock failed'}`);
    }
    return parseReleaseOutput(r.stdout);
}
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .filter((l) => !l.includes('the step before releasing'))
        .pop() ?? '');
}
const LOCK_STATE_KEY = 'deploy-lock';
const LOCK_RELEASED_STATE_KEY = 'deploy-lock-released';
function parseSavedLocks(text) {
    if (!text)
        return undefined;
    try {
        const v = JSON.parse(text);
        if (typeof v.appDir === 'string' && typeof v.token === 'string' && Array.isArray(v.hosts)) {
            return {
                appDir: v.appDir,
                token: v.token,
                hosts: v.hosts.filter((h) => typeof h === 'string'),
            };
        }
    }
    catch {
        /* not ours */
    }
    return undefined;
}
/**
 * The post step's clean-up: connects to the saved hosts and releases the lock where this run's
 * token still holds it (a lock another deploy took since is left alone). Never throws; each host
 * that could not be reached gets a warning saying what to remove by hand.
 */
async function releaseSavedLocks(settings, saved, logger = runnerLogger) {
    const hosts = settings.hosts.filter((h) => saved.hosts.includes(h.label));
    const pool = new SshPool({ ...settings, connectTimeoutMs: Math.min(settings.connectTimeoutMs, 20_000) }, { logger });
    try {
        await Promise.all(hosts.map(async (host) => {
            try {
                const conn = await pool.connect(host);
                const r = await releaseLock(conn, hostAppDir(saved.appDir, host), saved.token);
                logger.info(`${host.label}: ${r === 'released'
                    ? `released the deploy lock on ${saved.appDir} that this run left behind`
                    : r === 'not-ours'
                        ? 'the lock is held by another deploy; left alone'
                        : 'no lock left behind'}`);
            }
            catch (error) {
                logger.warning(`${host.label}: could not release the deploy lock on ${saved.appDir}: ${(0,errors/* errorMessage */.gJ)(error)}. ` +
                    `If it stays, remove ${lockPath(saved.appDir)} on the server (or wait for lock-stale-after).`);
            }
        }));
    }
    finally {
        await pool.closeAll();
    }
}

;// CONCATENATED MODULE: ./build/lib/deploy/release.js
// The release-directory layout (Capistrano/Deployer style) and its remote operations:
//
//   <app-dir>/releases/<release-id>/   one directory per release
//   <app-dir>/shared/<path>            files and directories kept across releases (.env, storage/)
//   <app-dir>/current -> releases/<id> the live release, switched atomically
//
// Pure builders of the remote scripts (every path quoted), plus thin executors.


const RELEASE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Checks a release id: letters, digits, `.`, `_`, `-` (it becomes a directory name). */
function parseReleaseId(text, input = 'release-id') {
    const id = text.trim();
    if (!RELEASE_ID_RE.test(id) || id.includes('..') || id.includes('.partial-')) {
        throw new errors/* ConfigurationError */.j1(input, `'${text}' is not a valid release id: use letters, digits, '.', '_' and '-' (at most 100 characters).`, `${input}: v1.4.2`);
    }
    return id;
}
/** `20250314T101500Z-0123abc`: sortable, unique per second and commit. */
function defaultReleaseId(now, sha) {
    const stamp = now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    const short = (sha ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 7);
    return short ? `${stamp}-${short}` : stamp;
}
function releaseLayout(appDir) {
    return {
        appDir,
        releasesDir: `${appDir}/releases`,
        sharedDir: `${appDir}/shared`,
        current: `${appDir}/current`,
    };
}
function releaseDir(appDir, id) {
    return `${appDir}/releases/${id}`;
}
/** Where an upload goes before it is complete (renamed to releases/<id> when done). */
function partialDir(appDir, id, token) {
    return `${appDir}/releases/${id}.partial-${token}`;
}
/** Checks `shared` items: relative paths inside the release, no `..`. */
function parseSharedPaths(items, input = 'shared') {
    return items.map((raw) => {
        const t = raw.trim();
        const directory = t.endsWith('/');
        const path = t.replace(/\/+$/, '').replace(/^\.\//, '');
        if (path === '' ||
            path.startsWith('/') ||
            path.split('/').some((p) => p === '..' || p === '.' || p === '') ||
            /[\n\r\0]/.test(path)) {
            throw new errors/* ConfigurationError */.j1(input, `'${raw}' must be a path inside the release (relative, no '..'); end directories with '/'.`, `${input}: |\n  .env\n  storage/`);
        }
        return { path, directory };
    });
}
/** Prints the id of the release `current` points to ('' when there is none). Pure. */
function readCurrentScript(appDir) {
    const cur = (0,quote/* shellQuote */.ZL)(releaseLayout(appDir).current);
    return `if [ -L ${cur} ]; then basename "$(readlink ${cur})"; fi`;
}
/**
 * Creates the layout, removes uploads that never finished (`*.partial-*`, left by a killed deploy:
 * safe, the caller holds the deploy lock), refuses an id that already exists, and creates the
 * partial directory for the upload. Pure.
 */
function prepareReleaseScript(appDir, id, token) {
    const l = releaseLayout(appDir);
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(l.releasesDir)} ${(0,quote/* shellQuote */.ZL)(l.sharedDir)}`,
        `find ${(0,quote/* shellQuote */.ZL)(l.releasesDir)} -mindepth 1 -maxdepth 1 -name '*.partial-*' -exec rm -rf {} +`,
        `if [ -e ${(0,quote/* shellQuote */.ZL)(releaseDir(appDir, id))} ]; then echo ${(0,quote/* shellQuote */.ZL)(`ops-actions: release ${id} already exists in ${l.releasesDir}; give a new release-id`)} >&2; exit 1; fi`,
        `mkdir ${(0,quote/* shellQuote */.ZL)(partialDir(appDir, id, token))}`,
    ].join(' && ');
}
/** Extracts an uploaded archive (.tar, .tar.gz, .tgz) into the partial directory, then deletes it. Pure. */
function extractArchiveScript(archivePath, targetDir) {
    const gz = /\.(tar\.gz|tgz)$/.test(archivePath) ? 'z' : '';
    return `tar -x${gz}f ${(0,quote/* shellQuote */.ZL)(archivePath)} -C ${(0,quote/* shellQuote */.ZL)(targetDir)} && rm -f ${(0,quote/* shellQuote */.ZL)(archivePath)}`;
}
/** Renames the finished upload to releases/<id>. Pure. */
function finishUploadScript(appDir, id, token) {
    return `mv ${(0,quote/* shellQuote */.ZL)(partialDir(appDir, id, token))} ${(0,quote/* shellQuote */.ZL)(releaseDir(appDir, id))}`;
}
/**
 * Links each shared path into the release: whatever the upload had there is replaced by a symlink
 * to shared/<path>. On the first deploy a shared path missing from shared/ is seeded from the
 * release (or created empty). Pure.
 */
function linkSharedScript(appDir, id, shared) {
    const l = releaseLayout(appDir);
    const rel = releaseDir(appDir, id);
    const lines = ['set -e'];
    for (const s of shared) {
        const target = (0,quote/* shellQuote */.ZL)(`${l.sharedDir}/${s.path}`);
        const inRelease = (0,quote/* shellQuote */.ZL)(`${rel}/${s.path}`);
        lines.push(`mkdir -p "$(dirname ${target})" "$(dirname ${inRelease})"`);
        if (s.directory) {
            lines.push(`if [ ! -e ${target} ]; then if [ -d ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else mkdir -p ${target}; fi; fi`);
        }
        else {
            lines.push(`if [ ! -e ${target} ]; then if [ -f ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else : > ${target}; fi; fi`);
        }
        lines.push(`rm -rf ${inRelease}`, `ln -s ${target} ${inRelease}`);
    }
    return lines.join('\n');
}
/**
 * Points `current` at releases/<id> atomically: a new symlink under a temporary name, then
 * `mv -T` over `current` (rename(2) replaces it in one step; readers see the old or the new
 * release, never neither). Refuses a release that is not on the host. Pure.
 */
function switchCurrentScript(appDir, id, token) {
    const l = releaseLayout(appDir);
    const tmp = `${appDir}/current.tmp-${token}`;
    return [
        `if [ ! -d ${(0,quote/* shellQuote */.ZL)(releaseDir(appDir, id))} ]; then echo ${(0,quote/* shellQuote */.ZL)(`ops-actions: release ${id} is not in ${l.releasesDir} on this host`)} >&2; exit 1; fi`,
        `ln -sfn ${(0,quote/* shellQuote */.ZL)(`releases/${id}`)} ${(0,quote/* shellQuote */.ZL)(tmp)}`,
        `mv -Tf ${(0,quote/* shellQuote */.ZL)(tmp)} ${(0,quote/* shellQuote */.ZL)(l.current)}`,
    ].join(' && ');
}
/** Removes `current` (switching back when there was no previous release). Pure. */
function removeCurrentScript(appDir) {
    return `rm -f ${(0,quote/* shellQuote */.ZL)(releaseLayout(appDir).current)}`;
}
/** Deletes a release directory that is not live (refuses the one `current` points to). Pure. */
function removeReleaseScript(appDir, id) {
    const cur = (0,quote/* shellQuote */.ZL)(releaseLayout(appDir).current);
    return (`if [ "$(readlink ${cur} 2>/dev/null)" = ${(0,quote/* shellQuote */.ZL)(`releases/${id}`)} ]; then ` +
        `echo ${(0,quote/* shellQuote */.ZL)(`ops-actions: releases/${id} is live; not removing it`)} >&2; exit 1; ` +
        `else rm -rf ${(0,quote/* shellQuote */.ZL)(releaseDir(appDir, id))}; fi`);
}
/**
 * Keeps the `keep` newest releases (by modification time) and deletes the rest — never the one
 * `current` points to. Prints `removed <id>` per deleted release. Pure.
 */
function pruneReleasesScript(appDir, keep) {
    const l = releaseLayout(appDir);
    return [
        `cd ${(0,quote/* shellQuote */.ZL)(l.releasesDir)} || exit 0`,
        `cur=$(basename "$(readlink ${(0,quote/* shellQuote */.ZL)(l.current)} 2>/dev/null)" 2>/dev/null || true)`,
        'n=0',
        'ls -1t | while IFS= read -r d; do',
        '  [ -d "$d" ] || continue',
        '  case "$d" in *.partial-*) continue ;; esac',
        '  n=$((n + 1))',
        '  [ "$d" = "$cur" ] && continue',
        `  if [ "$n" -gt ${Math.max(1, Math.floor(keep))} ]; then rm -rf -- "$d" && echo "removed $d"; fi`,
        'done',
    ].join('\n');
}
/** The ids `removed` by pruneReleasesScript's output. */
function parsePruned(stdout) {
    return stdout
        .split('\n')
        .filter((l) => l.startsWith('removed '))
        .map((l) => l.slice('removed '.length).trim());
}
// --- executors ---------------------------------------------------------------------------------
/** The id of the release `current` points to on the host, or undefined. */
async function readCurrentRelease(conn, appDir) {
    const r = await conn.exec(readCurrentScript(appDir), { silent: true, label: 'read current release' });
    const id = r.stdout.trim();
    return id === '' ? undefined : id;
}
/** Switches `current` to releases/<id> (the rollback stage's "switch back"). */
async function switchCurrent(conn, appDir, id, token, opts = {}) {
    await conn.exec(switchCurrentScript(appDir, id, token), {
        label: `switch current to releases/${id}`,
        ...opts,
    });
}

// EXTERNAL MODULE: ./build/lib/inputs.js
var inputs = __webpack_require__(2929);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3190);
;// CONCATENATED MODULE: ./build/lib/deploy/fleet.js
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
    const logger = opts.logger ?? runnerLogger;
    const group = opts.group ?? ((name, fn) => core/* group */.Os(name, fn));
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
            startedAt: start,
            durationMs: 0,
            data: opts.init(host),
        };
        controllers.set(h, ac);
        if (opts.hostTimeoutMs && opts.hostTimeoutMs > 0) {
            const t = setTimeout(() => {
                h.timedOut = true;
                ac.abort(new Error(`host-timeout (${(0,duration/* formatDuration */.a)(opts.hostTimeoutMs ?? 0)}) exceeded`));
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
            logger.warning(`${h.host.label}: undoing the failed deploy did not complete: ${(0,errors/* errorMessage */.gJ)(error)}`);
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
                        logger.info(`[${h.host.label}] ✓ ${phase.name} (${(0,duration/* formatDuration */.a)(Date.now() - t0)})`);
                        h.durationMs = Date.now() - h.startedAt;
                    }
                    catch (error) {
                        h.status = 'failed';
                        h.failedPhase = phase.name;
                        h.error =
                            h.timedOut && !/host-timeout/.test((0,errors/* errorMessage */.gJ)(error))
                                ? new Error(`${(0,errors/* errorMessage */.gJ)(error)} (host-timeout exceeded)`)
                                : error;
                        logger.info(`[${h.host.label}] ✗ ${phase.name} failed after ${(0,duration/* formatDuration */.a)(Date.now() - t0)}: ${(0,errors/* errorMessage */.gJ)(h.error).split('\n').join(`\n[${h.host.label}]   `)}`);
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
                        logger.warning(`${h.host.label}: ${(0,errors/* errorMessage */.gJ)(error)}`);
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

;// CONCATENATED MODULE: ./build/lib/deploy/history.js
// The release history each server keeps in its app directory: an append-only JSON-lines file the
// deploy stage writes and the rollback stage reads. One line per event; a release's outcome is
// the outcome of its newest line, so marking a release bad never rewrites the file.


const RELEASE_OUTCOMES = ['deployed', 'failed', 'rolled-back', 'bad'];
const HISTORY_FILE = 'history.jsonl';
/** `<app-dir>/.ops-actions/history.jsonl` */
function historyPath(appDir) {
    return `${stateDir(appDir)}/${HISTORY_FILE}`;
}
/** One JSON line (no newline inside: JSON.stringify escapes them). Undefined fields are left out. */
function historyLine(entry) {
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== ''));
    return JSON.stringify(clean);
}
/** The remote script that appends one entry (creates the directory and file when missing). */
function appendHistoryScript(appDir, entry) {
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(stateDir(appDir))}`,
        `printf '%s\\n' ${(0,quote/* shellQuote */.ZL)(historyLine(entry))} >> ${(0,quote/* shellQuote */.ZL)(historyPath(appDir))}`,
    ].join(' && ');
}
/** The remote script that prints the history file ('' when there is none yet). */
function readHistoryScript(appDir) {
    const path = (0,quote/* shellQuote */.ZL)(historyPath(appDir));
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

;// CONCATENATED MODULE: ./build/lib/deploy/compose.js
// Docker Compose on a server: the image reference lives in the env file the compose file reads
// (`IMAGE=registry/app:tag` in `.env`), so deploying — or rolling back — a version is: write the
// reference, pull, `up -d --wait`. Pure builders of the remote commands, plus thin executors.



const DEFAULT_COMPOSE = {
    command: ['docker', 'compose'],
    files: [],
    envFile: '.env',
    imageVariable: 'IMAGE',
};
const DOMAIN = String.raw `(?:localhost(?::\d+)?|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+(?::\d+)?|[a-zA-Z0-9-]+:\d+)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_RE = new RegExp(String.raw `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
/** Checks an image reference (`registry:5000/team/app:1.2.3`, `app@sha256:…`). */
function parseImageReference(text, input = 'image') {
    const image = text.trim();
    if (!IMAGE_RE.test(image) || image.length > 512) {
        throw new errors/* ConfigurationError */.j1(input, `'${text}' is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`, `${input}: ghcr.io/acme/shop:\${{ github.sha }}`);
    }
    return image;
}
/** The registry an image reference pulls from: `ghcr.io`, `127.0.0.1:5000`, or `docker.io`. */
function registryOf(image) {
    const first = image.split('/')[0] ?? '';
    if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
        return first;
    return 'docker.io';
}
/** The compose command with its `-f` and `--env-file` options, quoted. */
function composeBase(s) {
    const args = [...s.command];
    for (const f of s.files)
        args.push('-f', f);
    if (s.envFile !== '.env')
        args.push('--env-file', s.envFile);
    return (0,quote/* shellJoin */.nZ)(args);
}
/** Whether the command is Compose v1 (`docker-compose`), which has no `up --wait`. */
function isComposeV1(s) {
    return s.command[0] === 'docker-compose' || (s.command[0]?.endsWith('/docker-compose') ?? false);
}
/** `docker login` with the password on stdin (never in argv). Pure. */
function registryLoginCommand(registry, username) {
    return (0,quote/* shellJoin */.nZ)(['docker', 'login', '--username', username, '--password-stdin', registry]);
}
function cdApp(s) {
    return `cd ${(0,quote/* shellQuote */.ZL)(s.appDir)}`;
}
/** Pulls the new image without touching the env file yet: the variable is set for this command only. */
function pullCommand(s, image) {
    return `${cdApp(s)} && ${s.imageVariable}=${(0,quote/* shellQuote */.ZL)(image)} ${composeBase(s)} pull --quiet`;
}
/** `up -d --remove-orphans --wait` (no `--wait` with Compose v1). */
function upCommand(s, opts = {}) {
    const args = ['up', '-d', '--remove-orphans'];
    if (!isComposeV1(s)) {
        args.push('--wait');
        if (opts.waitTimeoutSeconds !== undefined)
            args.push('--wait-timeout', String(Math.ceil(opts.waitTimeoutSeconds)));
    }
    return `${cdApp(s)} && ${composeBase(s)} ${(0,quote/* shellJoin */.nZ)(args)}`;
}
function backupPath(s) {
    return `${stateDir(s.appDir)}/env-file.previous`;
}
function lineMatcher(variable) {
    return `^[[:space:]]*(export[[:space:]]+)?${variable}[[:space:]]*=`;
}
/** The env file's path on the server (env-file is relative to app-dir unless absolute). */
function envFilePath(s) {
    return s.envFile.startsWith('/') ? s.envFile : `${s.appDir}/${s.envFile}`;
}
/** Prints the image reference the env file holds now (nothing when none). Read-only. Pure. */
function readImageScript(s) {
    const f = (0,quote/* shellQuote */.ZL)(envFilePath(s));
    const m = lineMatcher(s.imageVariable);
    return `if [ -f ${f} ]; then grep -E ${(0,quote/* shellQuote */.ZL)(m)} ${f} | tail -n 1 | sed -E ${(0,quote/* shellQuote */.ZL)(`s/${m}//`)}; fi`;
}
/** The value of a `KEY=value` env-file line as compose reads it (quotes removed). */
function parseImageLine(text) {
    const v = text.trim();
    if (v === '')
        return undefined;
    const m = /^(['"])(.*)\1$/.exec(v);
    return m ? m[2] : v;
}
/**
 * Writes `<VAR>=<image>` into the env file, keeping every other line and the file's mode. The old
 * file is copied to `.ops-actions/env-file.previous` first (restoreImageScript puts it back); the
 * new file replaces the old one with `mv`, so a reader never sees half a file. Pure.
 */
function setImageScript(s, image) {
    const f = (0,quote/* shellQuote */.ZL)(s.envFile);
    const tmp = (0,quote/* shellQuote */.ZL)(`${s.envFile}.ops-actions.tmp`);
    const backup = (0,quote/* shellQuote */.ZL)(backupPath(s));
    return [
        cdApp(s),
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(stateDir(s.appDir))}`,
        `if [ -f ${f} ]; then cp -p ${f} ${backup} && rm -f ${backup}.absent && cp -p ${f} ${tmp}; else rm -f ${backup} && : > ${backup}.absent; fi`,
        `{ if [ -f ${f} ]; then grep -Ev ${(0,quote/* shellQuote */.ZL)(lineMatcher(s.imageVariable))} ${f} || true; fi; printf '%s\\n' ${(0,quote/* shellQuote */.ZL)(`${s.imageVariable}=${image}`)}; } > ${tmp}`,
        `mv -fT ${tmp} ${f}`,
    ].join(' && ');
}
/** Puts back the env file saved by setImageScript (or removes it when there was none). Pure. */
function restoreImageScript(s) {
    const f = (0,quote/* shellQuote */.ZL)(s.envFile);
    const backup = (0,quote/* shellQuote */.ZL)(backupPath(s));
    return [
        cdApp(s),
        `if [ -f ${backup} ]; then cp -p ${backup} ${f}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved env file to restore' >&2; exit 1; fi`,
    ].join(' && ');
}
// --- executors ---------------------------------------------------------------------------------
/** The image reference the host's env file holds now. */
async function readCurrentImage(conn, s) {
    const r = await conn.exec(readImageScript(s), {
        silent: true,
        allowFailure: true,
        label: `read ${s.imageVariable} from ${s.envFile}`,
    });
    return r.exitCode === 0 ? parseImageLine(r.stdout) : undefined;
}
/**
 * Makes the host run `image`: write it into the env file, then `up -d --remove-orphans --wait`.
 * The rollback stage calls this with a previous image from the history.
 */
async function switchImage(conn, s, image, opts = {}) {
    await conn.exec(setImageScript(s, image), {
        label: `set ${s.imageVariable}=${image} in ${s.envFile}`,
        ...opts,
    });
    await conn.exec(upCommand(s), { label: `${s.command.join(' ')} up -d --remove-orphans --wait`, ...opts });
}

;// CONCATENATED MODULE: ./build/lib/deploy/rolling.js
// Rolling deploys across hosts: the first host alone (the canary), then the rest in batches of a
// fixed size or a share of the hosts. Pure: which hosts go in which batch.

function parseBatchSize(text, input = 'rolling-batch') {
    const t = text.trim();
    const m = /^(\d+)(%?)$/.exec(t);
    const value = m ? Number(m[1]) : NaN;
    if (!m || value < 1 || (m[2] === '%' && value > 100)) {
        throw new errors/* ConfigurationError */.j1(input, `must be a number of hosts (such as 2) or a percentage of the hosts (such as 25%), got '${text}'.`, `${input}: 2`);
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

;// CONCATENATED MODULE: ./build/lib/deploy/state.js
// What a host runs now, read in one round trip: its release history, where `current` points
// (release layout) and the image reference in the compose env file. Deploy reads it under the lock
// (lock.ts `after`), rollback reads it to choose where to go back to.




const MARK = '@@ops-actions-state:';
/** The remote script printing each part after a marker line. Read-only. Pure. */
function readStateScript(appDir, query = {}) {
    const parts = [`echo '${MARK}history'`, readHistoryScript(appDir)];
    if (query.release)
        parts.push(`echo '${MARK}current'`, readCurrentScript(appDir));
    if (query.compose)
        parts.push(`echo '${MARK}image'`, `(${readImageScript(query.compose)})`);
    for (const [name, path] of Object.entries(query.files ?? {})) {
        if (!/^[A-Za-z0-9_.-]+$/.test(name))
            throw new Error(`invalid state file name: ${name}`);
        const f = (0,quote/* shellQuote */.ZL)(path);
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
        history: parseHistory(text('history') ?? '').entries,
        currentRelease: currentRelease ? currentRelease : undefined,
        image: parseImageLine(text('image') ?? ''),
    };
}
async function readState(conn, appDir, query = {}) {
    const r = await conn.exec(readStateScript(appDir, query), {
        silent: true,
        label: 'read the release state',
    });
    return parseState(r.stdout);
}

;// CONCATENATED MODULE: ./build/lib/ssh/script.js
// Running a user's multi-line script on a server: strict mode, quoted environment, optional login
// shell — and the script body sent over stdin, so neither it nor its env values show in `ps`.


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
/** Runs a script built by buildScript on a connection (body over stdin). */
function runScript(conn, script, shell, opts) {
    const built = buildScript(script, shell, opts);
    const { title, env: _env, cwd: _cwd, ...exec } = opts;
    return conn.exec(built.command, {
        ...exec,
        stdin: built.body,
        label: `${title}: ${firstScriptLine(script)}`,
    });
}
function firstScriptLine(script) {
    const lines = script.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const first = (lines[0] ?? '').trim();
    const short = first.length > 80 ? `${first.slice(0, 77)}...` : first;
    return lines.length > 1 ? `${short} …` : short;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./build/lib/ssh/sftp.js
// File transfer over the connection's SFTP session (no scp binary, no shell quoting of file names).


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
async function uploadFile(conn, localPath, remotePath, mode = 0o644) {
    const sftp = await conn.sftp();
    await new Promise((resolve, reject) => sftp.fastPut(localPath, remotePath, { mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remotePath)) : resolve()));
}
/** Writes `content` to a remote file (created or truncated). */
async function writeRemoteFile(conn, remotePath, content, mode = 0o644) {
    const sftp = await conn.sftp();
    await new Promise((resolve, reject) => sftp.writeFile(remotePath, content, { mode }, (err) => err ? reject(sftpError(conn, err, 'write', remotePath)) : resolve()));
}
function sftpError(conn, err, op, path) {
    return new Error(`${conn.host.label}: SFTP ${op} ${path} failed: ${err.message}`);
}

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
    return `${stateDir(appDir)}/upstream.previous`;
}
/** The upstream file's path on the server (relative to app-dir unless absolute). */
function upstreamPath(appDir, file) {
    return file.startsWith('/') ? file : `${appDir}/${file}`;
}
/**
 * Points the upstream file at `port`: the old file is copied aside first, the new one written next
 * to it and renamed over it, so nginx never reads half a file. Pure.
 */
function writeUpstreamScript(appDir, file, port, color, releaseId) {
    const f = (0,quote/* shellQuote */.ZL)(upstreamPath(appDir, file));
    const tmp = (0,quote/* shellQuote */.ZL)(`${upstreamPath(appDir, file)}.ops-actions.tmp`);
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(stateDir(appDir))}`,
        `if [ -f ${f} ]; then cp -p ${f} ${backup} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
        `printf '%s' ${(0,quote/* shellQuote */.ZL)(upstreamContent(port, color, releaseId))} > ${tmp}`,
        `mv -fT ${tmp} ${f}`,
    ].join(' && ');
}
/** Puts back the upstream file saved by writeUpstreamScript (atomically). Pure. */
function restoreUpstreamScript(appDir, file) {
    const f = (0,quote/* shellQuote */.ZL)(upstreamPath(appDir, file));
    const tmp = (0,quote/* shellQuote */.ZL)(`${upstreamPath(appDir, file)}.ops-actions.tmp`);
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return `if [ -f ${backup} ]; then cp -p ${backup} ${tmp} && mv -fT ${tmp} ${f}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved upstream file to restore' >&2; exit 1; fi`;
}
/** Prints the upstream file ('' when there is none). Read-only. Pure. */
function readUpstreamScript(appDir, file) {
    const f = shellQuote(upstreamPath(appDir, file));
    return `if [ -f ${f} ]; then cat ${f}; fi`;
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js
// strategy compose with `zero-downtime: true` (blue-green): the same compose file runs as two
// compose projects, `<project>-blue` and `<project>-green`, each with its own env file
// (`<env-file>.<color>`: the env file's other lines + IMAGE=<image> + PORT=<its port>). A deploy
// starts the idle color with the new image beside the live one and health-checks it on its own
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
function strategy_blue_green_lineMatcher(variables) {
    return `^[[:space:]]*(export[[:space:]]+)?(${variables.join('|')})[[:space:]]*=`;
}
/** Writes `<env-file>.<color>`: the env file's lines without IMAGE/PORT, then IMAGE= and PORT=. Pure. */
function writeColorEnvScript(appDir, c, bg, color, image, port) {
    const f = (0,quote/* shellQuote */.ZL)(c.settings.envFile);
    const target = (0,quote/* shellQuote */.ZL)(colorEnvFile(c, color));
    const tmp = (0,quote/* shellQuote */.ZL)(`${colorEnvFile(c, color)}.ops-actions.tmp`);
    const vars = [c.settings.imageVariable, bg.portVariable];
    return [
        cd(appDir),
        `{ if [ -f ${f} ]; then grep -Ev ${(0,quote/* shellQuote */.ZL)(strategy_blue_green_lineMatcher(vars))} ${f} || true; fi; printf '%s\\n' ${(0,quote/* shellQuote */.ZL)(`${c.settings.imageVariable}=${image}`)} ${(0,quote/* shellQuote */.ZL)(`${bg.portVariable}=${port}`)}; } > ${tmp}`,
        `mv -fT ${tmp} ${target}`,
    ].join(' && ');
}
/** Pulls the image for a color (the variables are set for this command only). Pure. */
function colorPullCommand(appDir, c, bg, color, port) {
    return `${cd(appDir)} && ${c.settings.imageVariable}=${(0,quote/* shellQuote */.ZL)(c.image)} ${bg.portVariable}=${(0,quote/* shellQuote */.ZL)(String(port))} ${colorCompose(c, bg, color, false)} pull --quiet`;
}
/** `up -d --remove-orphans --wait` for one color. Pure. */
function colorUpCommand(appDir, c, bg, color) {
    const args = ['up', '-d', '--remove-orphans'];
    if (!isComposeV1(c.settings))
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
    const pull = [];
    if (c.login) {
        pull.push({
            kind: 'exec',
            title: `docker login ${c.login.registry}`,
            command: registryLoginCommand(c.login.registry, c.login.username),
            stdin: 'registry-password',
        });
    }
    pull.push({
        kind: 'exec',
        title: `${compose} -p ${bg.project}-${nextName} pull ${c.image}`,
        command: colorPullCommand(app, c, bg, nextName, nextPort),
    });
    const start = [
        {
            kind: 'exec',
            title: `write ${colorEnvFile(c, nextName)} (${c.settings.imageVariable}=${c.image}, ${bg.portVariable}=${nextPort})`,
            command: writeColorEnvScript(app, c, bg, nextName, c.image, nextPort),
        },
        {
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${nextName} up -d --remove-orphans${isComposeV1(c.settings) ? '' : ' --wait'}`,
            command: colorUpCommand(app, c, bg, nextName),
        },
    ];
    if (config.health) {
        const { command, timeoutMs, intervalMs } = config.health;
        start.push({
            kind: 'health',
            title: `health-command (${nextName} on port ${nextPort})`,
            script: command,
            cwd: app,
            timeoutMs,
            intervalMs,
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

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-compose.js
// strategy: compose — pull the new image everywhere first (nothing changes yet), then on each host
// write the image reference into the env file, `up -d --remove-orphans --wait` and run the health
// command. A failure there puts the previous env file back and brings the previous image up again.


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
    const pull = [];
    if (c.login) {
        pull.push({
            kind: 'exec',
            title: `docker login ${c.login.registry}`,
            command: registryLoginCommand(c.login.registry, c.login.username),
            stdin: 'registry-password',
        });
    }
    pull.push({ kind: 'exec', title: `${compose} pull ${c.image}`, command: pullCommand(s, c.image) });
    const activate = [
        {
            kind: 'exec',
            title: `set ${s.imageVariable}=${c.image} in ${s.envFile}`,
            command: setImageScript(s, c.image),
        },
        {
            kind: 'exec',
            title: `${compose} up -d --remove-orphans${s.command[0] === 'docker-compose' ? '' : ' --wait'}`,
            command: upCommand(s),
        },
    ];
    activate.push(...healthSteps(config, config.appDir));
    const undoAfterCommit = [];
    if (c.restoreOnFailure) {
        const previous = ctx.previous.known ? ctx.previous.image : UNKNOWN_PREVIOUS;
        undoAfterCommit.push({
            kind: 'exec',
            title: `restore ${s.envFile} (${s.imageVariable}=${previous ?? 'none'})`,
            command: restoreImageScript(s),
        });
        // with no previous image there is nothing to bring back up
        if (previous !== undefined) {
            undoAfterCommit.push({
                kind: 'exec',
                title: `${compose} up the previous image ${previous}`,
                command: upCommand(s),
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
    const dir = releaseDir(app, id);
    const partial = partialDir(app, id, ctx.token);
    const upload = [
        { kind: 'exec', title: `create ${partial}`, command: prepareReleaseScript(app, id, ctx.token) },
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
            command: extractArchiveScript(remoteArchive, partial),
        });
    }
    upload.push({ kind: 'exec', title: `rename to ${dir}`, command: finishUploadScript(app, id, ctx.token) });
    const prepare = [];
    if (r.shared.length > 0) {
        prepare.push({
            kind: 'exec',
            title: `link shared ${r.shared.map((s) => s.path + (s.directory ? '/' : '')).join(', ')}`,
            command: linkSharedScript(app, id, r.shared),
        });
    }
    if (r.beforeSwitch)
        prepare.push({ kind: 'script', title: 'before-switch', script: r.beforeSwitch, cwd: dir });
    prepare.push(...healthSteps(config, dir));
    const activate = [
        {
            kind: 'exec',
            title: `switch current → releases/${id}`,
            command: switchCurrentScript(app, id, ctx.token),
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
                command: pruneReleasesScript(app, r.keepReleases),
                output: 'pruned',
            },
        ],
    });
    const removeNew = {
        kind: 'exec',
        title: `remove releases/${id}`,
        command: `rm -rf ${(0,quote/* shellQuote */.ZL)(partial)} && ${removeReleaseScript(app, id)}`,
    };
    const previous = ctx.previous.known ? ctx.previous.releaseId : UNKNOWN_PREVIOUS;
    const undoAfterCommit = [];
    if (previous !== undefined) {
        undoAfterCommit.push({
            kind: 'exec',
            title: `switch current back → releases/${previous}`,
            command: switchCurrentScript(app, previous, ctx.token),
        });
        if (r.afterSwitch) {
            const prevDir = releaseDir(app, previous);
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
            command: removeCurrentScript(app),
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
        const color = idleColor(ctx.previous);
        env['DEPLOY_COLOR'] = color ?? '<idle color>';
        env['DEPLOY_PORT'] = color ? String(bg.ports[color]) : '<idle port>';
    }
    return env;
}
/** The health gate step, run in `cwd` (app-dir, or the new release), when health-command is set. */
function healthSteps(config, cwd) {
    if (!config.health)
        return [];
    const { command, timeoutMs, intervalMs } = config.health;
    return [{ kind: 'health', title: 'health-command', script: command, cwd, timeoutMs, intervalMs }];
}
/** The plan for one host. Pure: the same inputs give the same plan. */
function planHost(config, host, ctx) {
    const strategy = config.strategy === 'compose'
        ? config.compose?.blueGreen
            ? blueGreenPhases(config, ctx)
            : composePhases(config, ctx)
        : config.strategy === 'release'
            ? releasePhases(config, ctx)
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
    switch (step.kind) {
        case 'exec':
            return `${step.title}${step.stdin ? ' (registry password on stdin)' : ''}\n${indent(step.command)}`;
        case 'script':
            return `${step.title} (in ${step.cwd})\n${indent(step.script)}`;
        case 'health':
            return `${step.title} (in ${step.cwd}; every ${step.intervalMs / 1000}s for up to ${step.timeoutMs / 1000}s)\n${indent(step.script)}`;
        case 'upload':
            return `${step.title}: ${step.local} → ${step.remote} (SFTP${step.archive ? ', one archive' : ''})`;
    }
}
function indent(text) {
    return text
        .replace(/\n+$/, '')
        .split('\n')
        .map((l) => `        ${l}`)
        .join('\n');
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
        const batches = planBatches(plans.length, config.rolling.batch);
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
    out.push('', `Environment of user commands: ${Object.keys(first?.env ?? {}).join(', ')}.`);
    if (!first?.previous.known)
        out.push(`${UNKNOWN_PREVIOUS} is what the host runs when the deploy starts.`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/deploy.js
// Executes deploy plans: connect, lock, read what each host runs now, run the strategy's phases
// across hosts (lib/deploy/fleet), undo failures, record the outcome in each host's history and
// release the locks.




















async function deploy(config, opts) {
    const logger = opts.logger ?? runnerLogger;
    const started = Date.now();
    const pool = new SshPool(config.ssh, { logger, signal: opts.signal });
    const secrets = [config.compose?.login?.password];
    const run = (h, step, signal) => runStep(config, h, step, { logger, secrets, signal });
    // every host has the same phases; their commands are planned per host once its state is read
    const template = planHost(config, config.ssh.hosts[0], {
        releaseId: opts.releaseId,
        token: opts.token,
        previous: { known: false },
    });
    const phases = [
        {
            name: 'Connect',
            run: async (h) => {
                h.data.conn = await pool.connect(h.host, { signal: h.signal });
                logger.info(`[${h.host.label}] connected (host key ${h.data.conn.hostKeyFingerprint})`);
            },
        },
        {
            name: 'Lock',
            run: async (h) => {
                const conn = need(h.data.conn);
                const c = h.data.config;
                h.data.locked = true; // from here on, the finish step tries to release it
                const lock = await acquireLock(conn, {
                    appDir: c.appDir,
                    info: opts.lockInfo,
                    timeoutMs: config.lock.timeoutMs,
                    staleAfterMs: config.lock.staleAfterMs,
                    after: readStateScript(c.appDir, stateQuery(c)),
                    logger,
                    signal: h.signal,
                });
                h.data.previous = previousFrom(c, parseState(lock.after ?? ''));
                h.data.plan = planHost(c, h.host, {
                    releaseId: opts.releaseId,
                    token: opts.token,
                    previous: h.data.previous,
                });
                logger.info(`[${h.host.label}] locked ${c.appDir}; running now: ${h.data.previous.releaseId ?? 'no release yet'}` +
                    `${h.data.previous.image ? ` (${h.data.previous.image})` : ''}`);
            },
        },
    ];
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
    const batches = config.rolling ? planBatches(config.ssh.hosts.length, config.rolling.batch) : undefined;
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
        fleet = await runFleet({
            hosts: config.ssh.hosts,
            init: (host) => ({
                locked: false,
                started: false,
                changed: false,
                live: false,
                pruned: [],
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
                const conn = h.data.conn;
                if (!conn || conn.isClosed || !h.data.locked)
                    return;
                // one round trip: record the outcome, then release the lock (even if recording failed)
                const c = h.data.config;
                const before = h.data.started ? appendHistoryScript(c.appDir, historyEntry(c, opts, h)) : undefined;
                const released = await releaseLock(conn, c.appDir, opts.token, { before, logger });
                h.data.locked = false;
                if (released === 'released')
                    logger.info(`[${h.host.label}] released the deploy lock`);
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
        color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
        phase: h.status === 'succeeded' ? undefined : h.failedPhase,
        error: h.status === 'succeeded' ? undefined : (0,errors/* errorMessage */.gJ)(h.error),
        pruned: h.data.pruned.length > 0 ? h.data.pruned : undefined,
    }));
    return {
        strategy: config.strategy,
        releaseId: opts.releaseId,
        previousReleaseId: hosts.find((h) => h.previousReleaseId !== undefined)?.previousReleaseId,
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
    const appDir = hostAppDir(config.appDir, host);
    return appDir === config.appDir ? config : { ...config, appDir };
}
function need(v) {
    if (v === undefined)
        throw new Error('internal: a previous phase did not complete');
    return v;
}
/** What the host runs now: the `current` link (release), the env file (compose), else the history. */
function previousFrom(config, state) {
    const fromHistory = currentRelease(foldHistory(state.history));
    const bg = config.compose?.blueGreen;
    if (bg) {
        // the upstream file says which color is live; the history when there is no upstream file yet
        const files = state.files ?? {};
        const recorded = fromHistory?.record.color;
        const color = files['upstream'] !== undefined
            ? liveColorFromUpstream(bg, files['upstream'])
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
            value = parseImageLine(m[2] ?? '');
    }
    return value;
}
function stateQuery(config) {
    if (config.compose?.blueGreen)
        return { files: blueGreenStateFiles(config) };
    return {
        release: config.strategy === 'release',
        compose: config.strategy === 'compose' ? composeSettings(config) : undefined,
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
        color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
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
    const plan = need(h.data.plan);
    const t0 = Date.now();
    ctx.logger.info(`[${h.host.label}] ▶ ${step.title}`);
    const common = { timeoutMs: config.commandTimeoutMs, signal: ctx.signal, secrets: ctx.secrets };
    switch (step.kind) {
        case 'exec': {
            const stdin = step.stdin === 'registry-password' ? config.compose?.login?.password : undefined;
            const r = await conn.exec(step.command, { ...common, label: step.title, stdin });
            if (step.output === 'pruned')
                h.data.pruned = parsePruned(r.stdout);
            break;
        }
        case 'script':
            await runScript(conn, step.script, config.shell, {
                ...common,
                title: step.title,
                env: { ...plan.env, ...step.env },
                cwd: step.cwd,
            });
            break;
        case 'health':
            await healthCheck(config, h, step, ctx);
            break;
        case 'upload': {
            if (step.archive) {
                await uploadFile(conn, step.local, step.remote, 0o600);
            }
            else {
                const stats = await uploadDirectory(conn, step.local, step.remote);
                ctx.logger.info(`[${h.host.label}] uploaded ${stats.files} files, ${stats.dirs} directories, ${stats.symlinks} symlinks (${(stats.bytes / 1024).toFixed(0)} KiB)`);
            }
            break;
        }
    }
    ctx.logger.info(`[${h.host.label}]   done: ${step.title} (${(0,duration/* formatDuration */.a)(Date.now() - t0)})`);
}
/** Runs the health command until it passes or its time is up; the error carries its last output. */
async function healthCheck(config, h, step, ctx) {
    const conn = need(h.data.conn);
    const plan = need(h.data.plan);
    const deadline = Date.now() + step.timeoutMs;
    let attempt = 0;
    let last;
    for (;;) {
        attempt++;
        const remaining = deadline - Date.now();
        last = await runScript(conn, step.script, config.shell, {
            title: step.title,
            env: plan.env,
            cwd: step.cwd,
            timeoutMs: Math.max(1000, Math.min(config.commandTimeoutMs, remaining)),
            signal: ctx.signal,
            secrets: ctx.secrets,
            allowFailure: true,
            silent: attempt > 1,
        });
        if (last.exitCode === 0) {
            ctx.logger.info(`[${h.host.label}] health check passed (attempt ${attempt})`);
            return;
        }
        if (Date.now() + step.intervalMs >= deadline || ctx.signal?.aborted)
            break;
        ctx.logger.info(`[${h.host.label}] health check failed (exit code ${last.exitCode}${(0,exec/* lastLines */.w$)(last.stderr, 1) ? `: ${(0,exec/* lastLines */.w$)(last.stderr, 1)}` : ''}); retrying in ${(0,duration/* formatDuration */.a)(step.intervalMs)}`);
        await new Promise((r) => setTimeout(r, step.intervalMs));
    }
    const tail = (0,exec/* lastLines */.w$)(last.stderr || last.stdout, 10);
    throw new RemoteCommandError(`${h.host.label}: the health command did not pass within ${(0,duration/* formatDuration */.a)(step.timeoutMs)} (health-timeout, ${attempt} attempts); ` +
        `last exit code ${last.exitCode}${tail ? `:\n${tail}` : ''}`, h.host.label, last);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/inputs.js
// Every input of deploy-ssh, parsed and validated into one object before any connection is made.









const STRATEGIES = ['script', 'compose', 'release'];
/** Names every user command sees in its environment; `env` may not redefine them. */
const BUILTIN_ENV = [
    'RELEASE_ID',
    'PREVIOUS_RELEASE_ID',
    'APP_DIR',
    'RELEASE_DIR',
    'DEPLOY_HOST',
    'DEPLOY_IMAGE',
    'GIT_SHA',
    'DEPLOY_COLOR',
    'DEPLOY_PORT',
];
const COLORS = (/* unused pure expression or super */ null && (['blue', 'green']));
const ONLY_FOR = {
    script: 'script',
    image: 'compose',
    'env-file': 'compose',
    'image-variable': 'compose',
    'compose-file': 'compose',
    'compose-command': 'compose',
    registry: 'compose',
    'registry-username': 'compose',
    'registry-password': 'compose',
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
/** Reads and validates every input; throws a ConfigurationError before anything is contacted. */
function readDeployInputs(inputs, env = process.env) {
    const strategy = inputs.choice('strategy', STRATEGIES);
    for (const [name, only] of Object.entries(ONLY_FOR)) {
        if (only !== strategy && inputs.has(name)) {
            throw new errors/* ConfigurationError */.j1(name, `is only used by strategy '${only}', but strategy is '${strategy}'. Remove it or set strategy: ${only}.`, `strategy: ${only}`);
        }
    }
    const appDir = parseAppDir(inputs.raw('app-dir'));
    const releaseId = inputs.has('release-id') ? parseReleaseId(inputs.raw('release-id')) : undefined;
    const userEnv = inputs.keyValues('env');
    for (const key of Object.keys(userEnv)) {
        if (BUILTIN_ENV.includes(key)) {
            throw new errors/* ConfigurationError */.j1('env', `${key} is set by the action for every command (${BUILTIN_ENV.join(', ')}); choose another name.`, 'env: |\n  APP_ENV=production');
        }
    }
    const shell = {
        shell: parseShell(inputs.raw('shell')),
        login: inputs.boolean('login-shell', false),
    };
    let script;
    let compose;
    let release;
    if (strategy === 'script') {
        script = inputs.string('script', {
            example: '|\n  cd /srv/app\n  git pull --ff-only\n  systemctl --user restart app',
        });
    }
    else if (strategy === 'compose') {
        compose = readCompose(inputs);
        compose.blueGreen = readBlueGreen(inputs, appDir);
        if (compose.blueGreen && compose.settings.imageVariable === compose.blueGreen.portVariable) {
            throw new errors/* ConfigurationError */.j1('port-variable', 'must differ from image-variable.', 'port-variable: PORT');
        }
    }
    else {
        release = readRelease(inputs, env);
    }
    const healthCommand = inputs.optionalString('health-command');
    const health = healthCommand
        ? {
            command: healthCommand,
            timeoutMs: inputs.duration('health-timeout', '1m', { min: 1000 }),
            intervalMs: inputs.duration('health-interval', '2s', { min: 100 }),
        }
        : undefined;
    if (!health) {
        for (const name of ['health-timeout', 'health-interval']) {
            if (inputs.has(name)) {
                throw new errors/* ConfigurationError */.j1(name, "is set but 'health-command' is not.", 'health-command: curl -fsS http://127.0.0.1:8080/health');
            }
        }
    }
    const ssh = readSshInputs(inputs);
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
        health,
        lock: {
            timeoutMs: inputs.duration('lock-timeout', '10m', { min: 0 }),
            staleAfterMs: inputs.duration('lock-stale-after', '30m', { min: 0 }),
        },
        parallel: readParallel(inputs),
        rolling: readRolling(inputs),
        failFast: inputs.boolean('fail-fast', true),
        commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
        hostTimeoutMs: inputs.duration('host-timeout', '30m', { min: 1000 }),
        dryRun: inputs.boolean('dry-run', false),
        run: runInfoFromEnv(env),
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
        batch: parseBatchSize(inputs.raw('rolling-batch')),
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
function readCompose(inputs) {
    const image = parseImageReference(inputs.string('image', { example: `ghcr.io/acme/shop:\${{ github.sha }}` }));
    const commandText = inputs.string('compose-command', { default: 'docker compose' });
    if (!/^[A-Za-z0-9_./-]+( [A-Za-z0-9_./-]+)*$/.test(commandText)) {
        throw new errors/* ConfigurationError */.j1('compose-command', `'${commandText}' must be a program and its words, such as 'docker compose' or 'docker-compose'.`, 'compose-command: docker-compose');
    }
    const files = inputs.list('compose-file');
    for (const f of files)
        checkRelativeFile(f, 'compose-file', 'compose-file: compose.production.yaml');
    const envFile = inputs.string('env-file', { default: DEFAULT_COMPOSE.envFile });
    checkRelativeFile(envFile, 'env-file', 'env-file: .env');
    const imageVariable = inputs.string('image-variable', { default: DEFAULT_COMPOSE.imageVariable });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(imageVariable)) {
        throw new errors/* ConfigurationError */.j1('image-variable', `'${imageVariable}' is not a variable name.`, 'image-variable: IMAGE');
    }
    let login;
    const password = inputs.secret('registry-password');
    const username = inputs.optionalString('registry-username');
    if (password !== undefined || username !== undefined) {
        if (password === undefined) {
            throw new errors/* ConfigurationError */.j1('registry-password', "is required when 'registry-username' is set.", `registry-password: \${{ secrets.REGISTRY_PASSWORD }}`);
        }
        if (username === undefined) {
            throw new errors/* ConfigurationError */.j1('registry-username', "is required when 'registry-password' is set.", `registry-username: \${{ github.actor }}`);
        }
        const registry = inputs.optionalString('registry') ?? registryOf(image);
        if (!/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
            throw new errors/* ConfigurationError */.j1('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
        }
        login = { registry, username, password };
    }
    else if (inputs.has('registry')) {
        throw new errors/* ConfigurationError */.j1('registry-username', "and 'registry-password' are required when 'registry' is set.", `registry-username: \${{ github.actor }}`);
    }
    return {
        settings: { command: commandText.split(' '), files, envFile, imageVariable },
        image,
        login,
        restoreOnFailure: inputs.boolean('restore-on-failure', true),
    };
}
function checkRelativeFile(path, input, example) {
    if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
        throw new errors/* ConfigurationError */.j1(input, `'${path}' must be a path relative to app-dir (or absolute), without '..'.`, example);
    }
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
        shared: parseSharedPaths(inputs.list('shared')),
        beforeSwitch: inputs.optionalString('before-switch'),
        afterSwitch: inputs.optionalString('after-switch'),
        keepReleases: inputs.integer('keep-releases', 5, { min: 1, max: 100 }),
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/report.js
// What a person reads after a deploy: the outputs, the job summary table, the failure message.


/** The report output: a JSON document other steps (and the rollback stage) can read. */
function reportJson(config, result, dryRun = false) {
    return JSON.stringify({
        strategy: result.strategy,
        releaseId: result.releaseId,
        previousReleaseId: result.previousReleaseId ?? null,
        appDir: config.appDir,
        image: config.compose?.image,
        dryRun,
        durationMs: result.durationMs,
        hosts: result.hosts.map((h) => ({
            host: h.host,
            result: h.result,
            durationMs: h.durationMs,
            releaseId: h.releaseId,
            previousReleaseId: h.previousReleaseId ?? null,
            ...(h.phase ? { phase: h.phase } : {}),
            ...(h.error ? { error: h.error } : {}),
            ...(h.pruned ? { pruned: h.pruned } : {}),
            ...(h.batch ? { batch: h.batch } : {}),
            ...(h.color ? { color: h.color } : {}),
        })),
        ...(result.batches ? { batches: result.batches } : {}),
    });
}
function deployOutputs(config, result, dryRun = false) {
    return {
        'release-id': result.releaseId,
        'previous-release-id': result.previousReleaseId ?? '',
        'hosts-succeeded': result.hosts
            .filter((h) => h.result === 'succeeded')
            .map((h) => h.host)
            .join(','),
        'hosts-failed': result.hosts
            .filter((h) => h.result !== 'succeeded')
            .map((h) => h.host)
            .join(','),
        report: reportJson(config, result, dryRun),
    };
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
    const what = config.compose
        ? ` \`${config.compose.image}\``
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
    parts.push(table);
    const failed = result.hosts.filter((h) => h.result === 'failed');
    if (failed.length > 0) {
        parts.push('', (0,summary/* details */.zH)('Errors', failed.map((h) => `${h.host} (${h.phase ?? '?'}):\n${h.error ?? ''}`).join('\n\n')));
    }
    return `${parts.join('\n')}\n`;
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
    const config = readDeployInputs(new inputs/* Inputs */.G0());
    const releaseId = config.releaseId ?? defaultReleaseId(new Date(), config.run.sha);
    const token = newLockToken();
    if (config.dryRun) {
        const plans = config.ssh.hosts.map((host) => planHost(config, host, { releaseId, token, previous: { known: false } }));
        const text = formatPlan(config, plans);
        await core/* group */.Os('Plan (dry run: nothing is contacted or changed)', async () => core/* info */.pq(text));
        const outputs = deployOutputs(config, { strategy: config.strategy, releaseId, hosts: [], durationMs: 0 }, true);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        await (0,summary/* writeSummary */.Sy)(dryRunSummary(config, releaseId, text));
        return;
    }
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
            lockInfo: lockInfoFromEnv(token),
            signal: cancel.signal,
            onLocking: (saved) => core/* saveState */.LZ(LOCK_STATE_KEY, JSON.stringify(saved)),
            onUnlocked: () => core/* saveState */.LZ(LOCK_RELEASED_STATE_KEY, 'true'),
        });
        const outputs = deployOutputs(config, result);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        for (const h of result.hosts) {
            core/* info */.pq(`${h.host}: ${h.result}${h.phase && h.result !== 'succeeded' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`);
        }
        await (0,summary/* writeSummary */.Sy)(deploySummary(config, result));
        const error = deployError(result);
        if (error)
            throw error;
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
async function post() {
    const saved = parseSavedLocks(core/* getState */.Gu(LOCK_STATE_KEY));
    if (!saved)
        return;
    if (core/* getState */.Gu(LOCK_RELEASED_STATE_KEY) === 'true') {
        core/* info */.pq('The deploy released its locks itself.');
        return;
    }
    const ssh = readSshInputs(new inputs/* Inputs */.G0());
    await releaseSavedLocks(ssh, saved);
}


/***/ })

};
