export const id = 578;
export const ids = [578];
export const modules = {

/***/ 1578:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   main: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8149);
/* harmony import */ var _lib_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2929);


async function main() {
    const inputs = new _lib_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0();
    const url = inputs.string('url', { example: 'https://example.com/health' });
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('passed', 'true');
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(url);
}


/***/ }),

/***/ 7188:
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
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)}s`;
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m}m${s}s` : `${m}m`;
}


/***/ }),

/***/ 2929:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs)
/* harmony export */ });
/* unused harmony exports runnerInputs, recordInputs, parseYamlInput, splitList */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8149);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3439);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7188);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1087);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5431);





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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required but was not given.', opts.example ? `${name}: ${opts.example}` : undefined);
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
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required but was not given. Store the value as a repository or environment secret.', `${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}`);
            }
            return undefined;
        }
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(v);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be 'true' or 'false', got '${v}'.`, `${name}: ${!defaultValue}`);
    }
    integer(name, defaultValue, opts = {}) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        if (!/^-?\d+$/.test(v)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be a whole number, got '${v}'.`, `${name}: ${defaultValue}`);
        }
        const n = Number(v);
        checkRange(name, n, opts, String(defaultValue));
        return n;
    }
    /** A duration such as `30s`, `5m`, `1m30s`, `500ms` or a plain number of seconds; returns ms. */
    duration(name, defaultValue, opts = {}) {
        const v = this.read(name) || defaultValue;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E)(v);
        if (ms === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got '${v}'.`, `${name}: ${defaultValue}`);
        }
        checkRange(name, ms, opts, defaultValue, 'ms');
        return ms;
    }
    choice(name, values, defaultValue) {
        const v = this.read(name);
        if (v === '') {
            if (defaultValue !== undefined)
                return defaultValue;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is required: one of ${values.join(', ')}.`, `${name}: ${values[0]}`);
        }
        const found = values.find((x) => x === v.toLowerCase());
        if (found === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be one of ${values.join(', ')}, got '${v}'.`, `${name}: ${values[0]}`);
        }
        return found;
    }
    /** A list separated by newlines or commas; blank items and `#` comment lines are dropped. */
    list(name, opts = {}) {
        const items = splitList(this.read(name));
        if (items.length === 0 && opts.required) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, 'is required: give one or more values, one per line or separated by commas.', opts.example ? `${name}: |\n${opts.example}` : undefined);
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
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `each line must be KEY=value with KEY a valid variable name; got '${t.slice(0, 40)}'.`, `${name}: |\n  APP_ENV=production\n  LOG_LEVEL=info`);
            }
            out[key] = t.slice(eq + 1);
        }
        return out;
    }
    /** A YAML (or JSON) value validated by a zod schema; errors name the path inside the value. */
    yaml(name, schema, example) {
        const text = this.read(name);
        if (text === '')
            return undefined;
        return parseYamlInput(name, text, schema, example);
    }
}
function parseYamlInput(name, text, schema, example) {
    let data;
    try {
        data = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is not valid YAML: ${msg}`, example);
    }
    const result = schema.safeParse(data);
    if (!result.success) {
        const issues = result.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
            .join('; ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `is not valid: ${issues}.`, example);
    }
    return result.data;
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(name, `must be between ${range}, got ${n}${unit}.`, `${name}: ${example}`);
    }
}


/***/ }),

/***/ 5431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   gn: () => (/* binding */ maskUrlCredentials)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8149);

/**
 * Masks a secret in the runner's log. The runner masks line by line, so a multi-line secret (a
 * private key) is masked whole and each of its lines on its own.
 */
function maskSecret(value) {
    if (!value)
        return;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    for (const line of lines)
        if (line.length >= 4 && line !== value)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line);
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
/** Replaces every occurrence of each secret with `***` — for text we build ourselves. */
function redact(text, secrets) {
    let out = text;
    for (const s of secrets)
        if (s && s.length > 0)
            out = out.split(s).join('***');
    return out;
}


/***/ })

};
