export const id = 6948;
export const ids = [6948];
export const modules = {

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
 *
 * Async because ssh2's key parser (0.3 MB with its ciphers) is imported only once a key is given:
 * a run that fails on an earlier input, or a stage whose inputs need no SSH, never loads it.
 */
async function readSshInputs(inputs) {
    const username = inputs.optionalString('username');
    const port = inputs.integer('port', 22, { min: 1, max: 65535 });
    const hosts = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHosts */ .tB)(inputs.list('hosts'), { user: username, port });
    const privateKey = await readKey(inputs, 'private-key', true);
    if (privateKey === undefined)
        throw new Error('unreachable: private-key is required');
    const passphrase = inputs.secret('passphrase');
    const keyInfo = await checkKey(privateKey, passphrase, 'private-key', 'passphrase');
    const knownHosts = (0,_host_key_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKnownHosts */ .uJ)(inputs.raw('known-hosts'), 'known-hosts');
    const acceptUnknown = inputs.boolean('insecure-accept-unknown-host-key', false);
    const pins = parseFingerprintPins(inputs.list('host-fingerprint'), hosts, 'host-fingerprint');
    let jump;
    const jumpSpec = inputs.optionalString('jump-host');
    const jumpPins = [];
    if (jumpSpec !== undefined) {
        const jumpUser = inputs.optionalString('jump-username') ?? username;
        const jumpHost = (0,_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(jumpSpec, { user: jumpUser, port: 22 }, 'jump-host');
        const jumpKey = await readKey(inputs, 'jump-private-key', false);
        const jumpPassphrase = jumpKey === undefined ? passphrase : inputs.secret('jump-passphrase');
        if (jumpKey !== undefined)
            await checkKey(jumpKey, jumpPassphrase, 'jump-private-key', 'jump-passphrase');
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
async function readKey(inputs, name, required) {
    const raw = inputs.secret(name, { required });
    if (raw === undefined)
        return undefined;
    const { normalizePrivateKey } = await Promise.all(/* import() */[__webpack_require__.e(1789), __webpack_require__.e(7277)]).then(__webpack_require__.bind(__webpack_require__, 77277));
    const key = normalizePrivateKey(raw);
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(key.trim());
    return key;
}
/** keys.ts checkPrivateKey, with ssh2's key parser loaded now (see readSshInputs). */
async function checkKey(key, passphrase, input, passphraseInput) {
    const { checkPrivateKey } = await Promise.all(/* import() */[__webpack_require__.e(1789), __webpack_require__.e(7277)]).then(__webpack_require__.bind(__webpack_require__, 77277));
    return checkPrivateKey(key, passphrase, input, passphraseInput);
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
