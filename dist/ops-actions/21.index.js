export const id = 21;
export const ids = [21];
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
