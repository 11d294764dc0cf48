export const id = 5854;
export const ids = [5854];
export const modules = {

/***/ 58777:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ readCommandEnv),
/* harmony export */   u: () => (/* binding */ BUILTIN_ENV)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
// The environment the user's commands on a server get (script, before/after-switch,
// health-command): the `env` input, plus names the deploy stages set themselves.

/** Set by the action for every user command; `env` may not redefine them. */
const BUILTIN_ENV = [
    'RELEASE_ID',
    'PREVIOUS_RELEASE_ID',
    'APP_DIR',
    'RELEASE_DIR',
    'DEPLOY_HOST',
    'DEPLOY_IMAGE',
    'GIT_SHA',
    // the file a script writes step outputs to (lib/ssh/script.ts)
    'OPS_OUTPUT',
];
/**
 * Reads the `env` input (KEY=value lines), refusing the names in `builtin` (BUILTIN_ENV, or a stage's
 * longer list when it sets more names).
 */
function readCommandEnv(inputs, name = 'env', builtin = BUILTIN_ENV) {
    const env = inputs.keyValues(name);
    for (const key of Object.keys(env)) {
        if (builtin.includes(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, `${key} is set by the action for every command (${builtin.join(', ')}); choose another name.`, `${name}: |\n  APP_ENV=production`);
        }
    }
    return env;
}


/***/ }),

/***/ 54546:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ readRegistryLogin),
/* harmony export */   _: () => (/* binding */ readComposeSettings)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _compose_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98922);
// The Docker Compose inputs of the stages that run Compose on a server (deploy-ssh, rollback): the
// same names, defaults, validation and messages.


/** Reads compose-command, compose-file, env-file and image-variable. */
function readComposeSettings(inputs) {
    const commandText = inputs.string('compose-command', { default: _compose_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_COMPOSE */ .XX.command.join(' ') });
    if (!/^[A-Za-z0-9_./-]+( [A-Za-z0-9_./-]+)*$/.test(commandText)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('compose-command', `'${commandText}' must be a program and its words, such as 'docker compose' or 'docker-compose'.`, 'compose-command: docker-compose');
    }
    const files = inputs.list('compose-file');
    for (const f of files)
        checkRelativeFile(f, 'compose-file', 'compose-file: compose.production.yaml');
    const envFile = inputs.string('env-file', { default: _compose_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_COMPOSE */ .XX.envFile });
    checkRelativeFile(envFile, 'env-file', 'env-file: .env');
    const imageVariable = inputs.string('image-variable', { default: _compose_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_COMPOSE */ .XX.imageVariable });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(imageVariable)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('image-variable', `'${imageVariable}' is not a variable name.`, 'image-variable: IMAGE');
    }
    return { command: commandText.split(' '), files, envFile, imageVariable };
}
/**
 * Reads registry, registry-username and registry-password (masked): both or neither of the
 * user and password; `registry` only with them.
 */
function readRegistryLogin(inputs) {
    const password = inputs.secret('registry-password');
    const username = inputs.optionalString('registry-username');
    if (password === undefined && username === undefined) {
        if (inputs.has('registry')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('registry-username', "and 'registry-password' are required when 'registry' is set.", `registry-username: \${{ github.actor }}`);
        }
        return undefined;
    }
    if (password === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('registry-password', "is required when 'registry-username' is set.", `registry-password: \${{ secrets.REGISTRY_PASSWORD }}`);
    }
    if (username === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('registry-username', "is required when 'registry-password' is set.", `registry-username: \${{ github.actor }}`);
    }
    const registry = inputs.optionalString('registry');
    if (registry !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
    }
    return { registry, username, password };
}
function checkRelativeFile(path, input, example) {
    if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${path}' must be a path relative to app-dir (or absolute), without '..'.`, example);
    }
}


/***/ }),

/***/ 98922:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ restoreImageScript),
/* harmony export */   Ej: () => (/* binding */ readImagesScript),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   Ge: () => (/* binding */ registryLoginCommand),
/* harmony export */   PF: () => (/* binding */ readImageScript),
/* harmony export */   PY: () => (/* binding */ parseImagesOutput),
/* harmony export */   Pl: () => (/* binding */ upCommand),
/* harmony export */   TW: () => (/* binding */ pullCommand),
/* harmony export */   XX: () => (/* binding */ DEFAULT_COMPOSE),
/* harmony export */   YB: () => (/* binding */ imageAssignments),
/* harmony export */   e3: () => (/* binding */ isComposeV1),
/* harmony export */   o_: () => (/* binding */ parseImageReference),
/* harmony export */   qh: () => (/* binding */ setImagesScript),
/* harmony export */   sK: () => (/* binding */ composeBase),
/* harmony export */   tz: () => (/* binding */ parseImageLine)
/* harmony export */ });
/* unused harmony exports envFilePath, setImageScript, readCurrentImage, switchImage */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51328);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44738);
/* harmony import */ var _replace_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59933);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${text}' is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`, `${input}: ghcr.io/acme/shop:\${{ github.sha }}`);
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
    return (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellJoin */ .nZ)(args);
}
/** Whether the command is Compose v1 (`docker-compose`), which has no `up --wait`. */
function isComposeV1(s) {
    return s.command[0] === 'docker-compose' || (s.command[0]?.endsWith('/docker-compose') ?? false);
}
/** `docker login` with the password on stdin (never in argv). Pure. */
function registryLoginCommand(registry, username) {
    return (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellJoin */ .nZ)(['docker', 'login', '--username', username, '--password-stdin', registry]);
}
function cdApp(s) {
    return `cd ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(s.appDir)}`;
}
/** `VAR='ref' VAR2='ref2'`: the images as variables set for one command. Pure. */
function imageAssignments(images) {
    return Object.entries(images)
        .map(([name, ref]) => `${name}=${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(ref)}`)
        .join(' ');
}
/** Pulls the new images without touching the env file yet: the variables are set for this command only. */
function pullCommand(s, images) {
    return `${cdApp(s)} && ${imageAssignments(images)} ${composeBase(s)} pull --quiet`;
}
/** `up -d --remove-orphans --wait` (no `--wait` with Compose v1). */
function upCommand(s, opts = {}) {
    const args = ['up', '-d', '--remove-orphans'];
    if (!isComposeV1(s)) {
        args.push('--wait');
        if (opts.waitTimeoutSeconds !== undefined)
            args.push('--wait-timeout', String(Math.ceil(opts.waitTimeoutSeconds)));
    }
    return `${cdApp(s)} && ${composeBase(s)} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellJoin */ .nZ)(args)}`;
}
function backupPath(s) {
    return `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .stateDir */ .Pn)(s.appDir)}/env-file.previous`;
}
function lineMatcher(variable) {
    return `^[[:space:]]*(export[[:space:]]+)?${variable}[[:space:]]*=`;
}
/** The env-file lines of any of `variables` (names checked by the inputs). */
function linesMatcher(variables) {
    return variables.length === 1 ? lineMatcher(variables[0] ?? '') : lineMatcher(`(${variables.join('|')})`);
}
/** The env file's path on the server (env-file is relative to app-dir unless absolute). */
function envFilePath(s) {
    return s.envFile.startsWith('/') ? s.envFile : `${s.appDir}/${s.envFile}`;
}
/** Prints the image reference the env file holds now (nothing when none). Read-only. Pure. */
function readImageScript(s) {
    const f = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(envFilePath(s));
    const m = lineMatcher(s.imageVariable);
    return `if [ -f ${f} ]; then grep -E ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(m)} ${f} | tail -n 1 | sed -E ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(`s/${m}//`)}; fi`;
}
/**
 * Prints `VAR=value` for every line of the env file that sets one of `variables`, or one of the
 * variables a compose deploy of several images recorded in the history (`"images":{…}` of
 * history.jsonl), so a rollback reads every image of the release it compares against. Read-only. Pure.
 */
function readImagesScript(s, variables, historyFile) {
    const f = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(envFilePath(s));
    const parts = [`v=${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(variables.join('|'))}`];
    if (historyFile !== undefined) {
        const h = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(historyFile);
        parts.push(`if [ -f ${h} ]; then r=$(grep -o '"images":{[^}]*}' ${h} | sed 's/^"images":{//' | grep -oE '"[A-Za-z_][A-Za-z0-9_]*":' | tr -d '":' | sort -u | tr '\\n' '|' | sed 's/|$//'); if [ -n "$r" ]; then v="$v|$r"; fi; fi`);
    }
    parts.push(`if [ -f ${f} ]; then grep -E "^[[:space:]]*(export[[:space:]]+)?($v)[[:space:]]*=" ${f} | sed -E 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=/\\2=/'; fi`);
    return parts.join('; ');
}
/** Parses what readImagesScript printed: each variable's last value (quotes removed). Pure. */
function parseImagesOutput(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
        if (!m?.[1])
            continue;
        const value = parseImageLine(m[2] ?? '');
        if (value === undefined)
            delete out[m[1]];
        else
            out[m[1]] = value;
    }
    return out;
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
 * Writes `<VAR>=<image>` into the env file, keeping every other line and the file's mode (a new env
 * file is created 0600). The old file is copied to `.ops-actions/env-file.previous` first, mode kept
 * (restoreImageScript puts it back); both are written to a temporary file renamed into place, so a
 * reader never sees half a file and a failed write (a full disk) leaves the old one whole. Pure.
 */
function setImageScript(s, image) {
    return setImagesScript(s, { [s.imageVariable]: image });
}
/** setImageScript for several images at once (`VAR=ref` each): one file written, one rename. Pure. */
function setImagesScript(s, images) {
    const f = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(s.envFile);
    const backup = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(backupPath(s));
    const lines = Object.entries(images).map(([name, ref]) => (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(`${name}=${ref}`));
    const producer = `if [ -f ${f} ]; then grep -Ev ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(linesMatcher(Object.keys(images)))} ${f} || true; fi; printf '%s\\n' ${lines.join(' ')}`;
    return [
        cdApp(s),
        `mkdir -p ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)((0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .stateDir */ .Pn)(s.appDir))}`,
        `if [ -f ${f} ]; then ${(0,_replace_file_js__WEBPACK_IMPORTED_MODULE_3__/* .copyFileScript */ .PJ)(s.envFile, backupPath(s))} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
        (0,_replace_file_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceFileScript */ .Ac)(s.envFile, producer, { secret: true }),
    ].join(' && ');
}
/**
 * Puts back the env file saved by setImageScript (or removes it when there was none), through a
 * temporary file and a rename: a failed copy leaves the current env file as it is. Pure.
 */
function restoreImageScript(s) {
    const f = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(s.envFile);
    const backup = (0,_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .shellQuote */ .ZL)(backupPath(s));
    return [
        cdApp(s),
        `if [ -f ${backup} ]; then ${(0,_replace_file_js__WEBPACK_IMPORTED_MODULE_3__/* .copyFileScript */ .PJ)(backupPath(s), s.envFile)}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved env file to restore' >&2; exit 1; fi`,
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


/***/ }),

/***/ 37474:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ runHealthGate),
/* harmony export */   w: () => (/* binding */ readHealthGate)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38511);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81374);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41429);
/* harmony import */ var _ssh_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(91210);
/* harmony import */ var _ssh_script_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(66143);
// The health gate of a server deploy or rollback: the user's health command, run on the server
// and retried every interval until it passes or its time is up. A gate that never passes throws a
// RemoteCommandError carrying the last attempt's exit code and output.







/** Reads health-command, health-timeout (default 1m) and health-interval (default 2s); undefined without a command. */
function readHealthGate(inputs) {
    const command = inputs.optionalString('health-command');
    if (command) {
        return {
            command,
            timeoutMs: inputs.duration('health-timeout', '1m', { min: 1000 }),
            intervalMs: inputs.duration('health-interval', '2s', { min: 100 }),
        };
    }
    for (const name of ['health-timeout', 'health-interval']) {
        if (inputs.has(name)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, "is set but 'health-command' is not.", 'health-command: curl -fsS http://127.0.0.1:8080/health');
        }
    }
    return undefined;
}
/** Runs the health command until it passes; throws naming the host, the time allowed and the last output. */
async function runHealthGate(conn, gate, opts) {
    const logger = opts.logger ?? _ssh_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .runnerLogger */ .hB;
    const title = opts.title ?? 'health-command';
    const started = Date.now();
    const deadline = started + gate.timeoutMs;
    let attempt = 0;
    let last;
    for (;;) {
        attempt++;
        const remaining = deadline - Date.now();
        last = await (0,_ssh_script_js__WEBPACK_IMPORTED_MODULE_6__/* .runScript */ .j3)(conn, gate.command, opts.shell, {
            title,
            env: opts.env,
            cwd: opts.cwd,
            timeoutMs: Math.max(1000, Math.min(opts.commandTimeoutMs, remaining)),
            signal: opts.signal,
            secrets: opts.secrets,
            allowFailure: true,
            silent: attempt > 1,
        });
        if (last.exitCode === 0) {
            logger.info(`[${conn.host.label}] ${title} passed (attempt ${attempt})`);
            return { attempts: attempt, durationMs: Date.now() - started };
        }
        if (Date.now() + gate.intervalMs >= deadline || opts.signal?.aborted)
            break;
        const why = (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLines */ .w$)(last.stderr, 1);
        logger.info(`[${conn.host.label}] ${title} failed (exit code ${last.exitCode}${why ? `: ${why}` : ''}); retrying in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(gate.intervalMs)}`);
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .abortableSleep */ .Mf)(gate.intervalMs, opts.signal);
    }
    const tail = (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLines */ .w$)(last.stderr || last.stdout, 10);
    throw new _ssh_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .RemoteCommandError */ .at(`${conn.host.label}: the ${title} did not pass within ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(gate.timeoutMs)} (health-timeout, ${attempt} attempts); ` +
        `last exit code ${last.exitCode}${tail ? `:\n${tail}` : ''}`, conn.host.label, last);
}


/***/ }),

/***/ 90473:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A5: () => (/* binding */ envHoldsImages),
/* harmony export */   ET: () => (/* binding */ composeImagesOf),
/* harmony export */   pG: () => (/* binding */ imageLinesExample),
/* harmony export */   s9: () => (/* binding */ parseImageLines),
/* harmony export */   uJ: () => (/* binding */ formatImageLines)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _compose_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98922);
// Several images in one deploy: the `images` input of deploy-ssh, `NAME=ref` lines. strategy stack
// names a service on each line (`web=ghcr.io/acme/web:1.4.2`), strategy compose a variable of the
// env file (`BACKEND_IMAGE=ghcr.io/acme/api@sha256:…`). One parser for both, and the image set of a
// compose release as the history records it (several images, or the one `image` of older entries).


const KEY = {
    service: {
        re: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
        what: 'SERVICE=image',
        example: 'images: |\n  web=ghcr.io/acme/shop-web:1.4.2\n  worker=ghcr.io/acme/shop-worker:1.4.2',
    },
    variable: {
        re: /^[A-Za-z_][A-Za-z0-9_]*$/,
        what: 'VARIABLE=image (a variable of the env file the compose file reads)',
        example: 'images: |\n  BACKEND_IMAGE=ghcr.io/acme/shop-api@sha256:…\n  FRONTEND_IMAGE=ghcr.io/acme/shop-web@sha256:…',
    },
};
/** The example line the messages show for `images`. */
function imageLinesExample(key) {
    return KEY[key].example;
}
/**
 * Parses `NAME=ref` lines (from `inputs.list`, so already trimmed, without comments). Throws a
 * ConfigurationError naming `input` and the line: no `=`, a bad name, not an image reference, or
 * the same name twice. Pure.
 */
function parseImageLines(lines, key, input = 'images') {
    const k = KEY[key];
    const images = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        const name = eq < 0 ? '' : line.slice(0, eq).trim();
        const ref = eq < 0 ? '' : line.slice(eq + 1).trim();
        if (eq < 0 || ref === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `line '${line}' is not ${k.what}.`, k.example);
        }
        if (!k.re.test(name)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `line '${line}': '${name}' is not a ${key} name${key === 'variable' ? ' (letters, digits and _, not starting with a digit)' : ''}.`, k.example);
        }
        if (images[name] !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `line '${line}': ${key} '${name}' is given twice (also '${name}=${images[name]}'); give each ${key} once.`, k.example);
        }
        try {
            images[name] = (0,_compose_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImageReference */ .o_)(ref, input);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1))
                throw error;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `line '${line}': '${ref}' is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`, k.example);
        }
    }
    return images;
}
/** `NAME=ref` lines, one per image: the `previous-images` output and the messages. Pure. */
function formatImageLines(images) {
    return Object.entries(images ?? {})
        .map(([name, ref]) => `${name}=${ref}`)
        .join('\n');
}
/**
 * The images a compose release set: `images` (a deploy of several) or `image` under
 * `imageVariable` (a deploy of one, and every entry written before `images` existed). Pure.
 */
function composeImagesOf(record, imageVariable) {
    if (record.images && Object.keys(record.images).length > 0)
        return record.images;
    return record.image === undefined ? undefined : { [imageVariable]: record.image };
}
/** Whether the env file (its values by variable) holds every image of `images`. Pure. */
function envHoldsImages(env, images) {
    const names = Object.keys(images);
    return names.length > 0 && names.every((n) => env[n] === images[n]);
}


/***/ }),

/***/ 80765:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ readLockSettings)
/* harmony export */ });
/* unused harmony export MIN_STALE_AFTER_MS */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// The deploy lock's inputs, shared by deploy-ssh and rollback: lock-timeout and lock-stale-after.


/** The shortest lock-stale-after: the holder refreshes every third of it, on a server clock in seconds. */
const MIN_STALE_AFTER_MS = 3000;
function readLockSettings(inputs) {
    const timeoutMs = inputs.duration('lock-timeout', '10m', { min: 0 });
    const staleAfterMs = inputs.duration('lock-stale-after', '30m', { min: 0 });
    if (staleAfterMs > 0 && staleAfterMs < MIN_STALE_AFTER_MS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('lock-stale-after', `must be 0 (never break a lock) or at least ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(MIN_STALE_AFTER_MS)}, got ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(staleAfterMs)}: ` +
            'a live deploy refreshes its lock every third of lock-stale-after (the server clock counts seconds), so only a dead deploy’s lock grows that old.', 'lock-stale-after: 30m');
    }
    return { timeoutMs, staleAfterMs };
}


/***/ }),

/***/ 2431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ newLockToken),
/* harmony export */   HZ: () => (/* binding */ lockPath),
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   My: () => (/* binding */ LOCK_RELEASED_STATE_KEY),
/* harmony export */   NE: () => (/* binding */ parseSavedLocks),
/* harmony export */   T_: () => (/* binding */ releaseSavedLocks),
/* harmony export */   nM: () => (/* binding */ refreshLock),
/* harmony export */   or: () => (/* binding */ LOCK_STATE_KEY),
/* harmony export */   rd: () => (/* binding */ lockInfoFromEnv),
/* harmony export */   sG: () => (/* binding */ describeHolder),
/* harmony export */   x_: () => (/* binding */ releaseLock)
/* harmony export */ });
/* unused harmony exports acquireLockScript, releaseLockScript, refreshLockScript, parseRefreshOutput, parseAcquireOutput, parseLockInfo, LockTimeoutError, RELEASE_TIMEOUT_MS, parseReleaseOutput, releaseLockCommand */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95842);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61469);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(51328);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81374);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(41429);
/* harmony import */ var _ssh_pool_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(90963);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(44738);
// The deploy lock: one per app directory on each server. `mkdir` is atomic, so exactly one deploy
// holds `<app-dir>/.ops-actions/lock`; its `info` file says who (run id, actor, time). Checking,
// breaking a stale lock and taking it happen in one script under `flock` (when the server has it),
// so two deploys cannot both break the same stale lock.









function newLockToken() {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12).toString('hex');
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
    return `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .stateDir */ .Pn)(appDir)}/lock`;
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
// The lock scripts run on every host of every deploy, so their common paths use shell builtins
// only (a test instead of `mkdir -p`, `read` instead of `grep`, $EPOCHSECONDS instead of `date`
// where the shell has it): each program started costs the server a fork and an exec.
/** `mkdir -p dir` unless it exists (no process when it does). */
function ensureDir(dir) {
    const d = (0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(dir);
    return `[ -d ${d} ] || mkdir -p ${d} || exit 1`;
}
/** A shell function `ours` that succeeds when `$lock/info` has the line `token=<token>` (`grep -qxF`, in builtins). */
function oursFunction(token) {
    return `ours() { [ -f "$lock/info" ] || return 1; while IFS= read -r l || [ -n "$l" ]; do [ "$l" = ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(`token=${token}`)} ] && return 0; done < "$lock/info" 2>/dev/null; return 1; }`;
}
/** The shell prologue that serialises lock scripts with flock when the server has it. */
function guard(appDir) {
    return [
        ensureDir((0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .stateDir */ .Pn)(appDir)),
        `if command -v flock >/dev/null 2>&1; then exec 9>>${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(`${(0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .stateDir */ .Pn)(appDir)}/lock.guard`)} && flock -w 30 9 || { echo 'ops-actions: could not take lock.guard' >&2; exit 1; }; fi`,
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
    const lines = INFO_KEYS.filter(([k]) => info[k] !== undefined && info[k] !== '').map(([k, name]) => (0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(`${name}=${oneLine(String(info[k]))}`));
    const stale = Math.max(0, Math.floor(staleAfterSeconds));
    const token = tokenWord(info.token);
    const then = after ? `echo OPS_LOCK_AFTER; (\n${after}\n)` : ':';
    return [
        ensureDir((0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .stateDir */ .Pn)(appDir)),
        `lock=${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(lockPath(appDir))}`,
        'now=${EPOCHSECONDS:-}',
        'case "$now" in \'\'|*[!0-9]*) now=$(date +%s) ;; esac',
        oursFunction(info.token),
        'show() { sed "s/^/OPS_LOCK_INFO /" "$lock/info" 2>/dev/null; }',
        'take() {',
        `  tmp="$lock.new-${token}-$$"`,
        `  { [ ! -e "$tmp" ] || rm -rf "$tmp"; } && mkdir "$tmp" && printf '%s\\n' ${lines.join(' ')} "epoch=$now" > "$tmp/info" || exit 1`,
        '  mv -T "$tmp" "$lock" 2>/dev/null && return 0',
        '  rm -rf "$tmp"; return 1',
        '}',
        'if ours; then',
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
        '  if ours; then',
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
    return [
        `lock=${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(lockPath(appDir))}`,
        oursFunction(token),
        'if ours; then',
        (0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .indentLines */ .eT)(guard(appDir), '  '),
        '  if ours; then',
        `    mv -T "$lock" "$lock.released-${tokenWord(token)}-$$" && rm -rf "$lock.released-${tokenWord(token)}-$$" && echo "OPS_LOCK RELEASED" && exit 0`,
        '  fi',
        'fi',
        'if [ -d "$lock" ]; then echo "OPS_LOCK NOT_OURS"; else echo "OPS_LOCK ABSENT"; fi',
    ].join('\n');
}
/**
 * The remote script that refreshes the lock's age (its info's `epoch=` line, server clock) if, and
 * only if, it still holds `token`: under the guard, so it cannot race a deploy breaking the lock.
 * Prints `OPS_LOCK REFRESHED`, or `OPS_LOCK TAKEN` with the holder's info, or `OPS_LOCK ABSENT`. Pure.
 */
function refreshLockScript(appDir, token) {
    const word = tokenWord(token);
    return [
        `lock=${(0,_quote_js__WEBPACK_IMPORTED_MODULE_8__/* .shellQuote */ .ZL)(lockPath(appDir))}`,
        'now=${EPOCHSECONDS:-}',
        'case "$now" in \'\'|*[!0-9]*) now=$(date +%s) ;; esac',
        oursFunction(token),
        guard(appDir),
        'if ours; then',
        `  tmp="$lock/info.new-${word}-$$"`,
        '  { sed \'/^epoch=/d\' "$lock/info" && echo "epoch=$now"; } > "$tmp" && mv -f "$tmp" "$lock/info" && echo "OPS_LOCK REFRESHED" && exit 0',
        '  rm -f "$tmp"; exit 1',
        'fi',
        'if [ -d "$lock" ]; then echo "OPS_LOCK TAKEN"; sed "s/^/OPS_LOCK_INFO /" "$lock/info" 2>/dev/null; else echo "OPS_LOCK ABSENT"; fi',
    ].join('\n');
}
/** Parses what refreshLockScript printed. */
function parseRefreshOutput(stdout) {
    const lines = stdout.split('\n');
    if (lines.includes('OPS_LOCK REFRESHED'))
        return { status: 'refreshed' };
    if (lines.includes('OPS_LOCK TAKEN')) {
        const info = lines
            .filter((l) => l.startsWith('OPS_LOCK_INFO '))
            .map((l) => l.slice('OPS_LOCK_INFO '.length))
            .join('\n');
        return { status: 'taken', holder: parseLockInfo(info) };
    }
    if (lines.includes('OPS_LOCK ABSENT'))
        return { status: 'absent' };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK(`unexpected output from the lock refresh: ${stdout.slice(0, 300)}`);
}
/** Refreshes the lock's age if this deploy (token) still holds it; says what it found. */
async function refreshLock(conn, appDir, token, opts) {
    const r = await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .withDeadline */ .N)(conn.exec(refreshLockScript(appDir, token), {
        silent: true,
        label: `refresh the deploy lock ${lockPath(appDir)}`,
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
    }), {
        timeoutMs: opts.timeoutMs + 5000,
        signal: opts.signal,
        what: `${conn.host.label}: refreshing the deploy lock`,
    });
    return parseRefreshOutput(r.stdout);
}
/** A token as it may appear in a file name. */
function tokenWord(token) {
    return token.replace(/[^A-Za-z0-9]/g, '') || 'x';
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK(`unexpected output from the lock script: ${stdout.slice(0, 300)}`);
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
        s += `, locked ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(ageSeconds * 1000)} ago`;
    return s;
}
class LockTimeoutError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK {
    name = 'LockTimeoutError';
}
/**
 * Takes the lock, waiting up to `timeoutMs` while another deploy holds it and breaking it (with a
 * warning) once it is older than `staleAfterMs`. Throws LockTimeoutError naming the holder.
 */
async function acquireLock(conn, opts) {
    const logger = opts.logger ?? _ssh_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .runnerLogger */ .hB;
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
                    `(older than lock-stale-after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(opts.staleAfterMs)}). That deploy probably died; check the app on this host.`);
            }
            return outcome;
        }
        const waited = Date.now() - started;
        if (waited >= opts.timeoutMs || opts.signal?.aborted) {
            throw new LockTimeoutError(`${conn.host.label}: ${opts.appDir} is locked by another deploy: ${describeHolder(outcome.holder, outcome.ageSeconds)}. ` +
                `Waited ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(waited)} (lock-timeout). Wait for it to finish or raise lock-timeout; if that deploy is dead, ` +
                `the lock is broken automatically after lock-stale-after${opts.staleAfterMs > 0 ? ` (${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(opts.staleAfterMs)})` : ' (set it, it is 0 = never)'}, ` +
                `or remove ${lockPath(opts.appDir)} on the server by hand.`, { host: conn.host.label, holder: outcome.holder });
        }
        if (lastNotice === 0 || Date.now() - lastNotice >= 15_000) {
            lastNotice = Date.now();
            logger.info(`[${conn.host.label}] waiting for the deploy lock held by ${describeHolder(outcome.holder, outcome.ageSeconds)} ` +
                `(up to ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(opts.timeoutMs)})`);
        }
        const pause = Math.min(opts.pollMs ?? 2000, Math.max(opts.timeoutMs - waited, 0));
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .abortableSleep */ .Mf)(pause * (0.8 + Math.random() * 0.4), opts.signal);
    }
}
/** The deadline of the round trip that records and releases the lock. */
const RELEASE_TIMEOUT_MS = 60_000;
function parseReleaseOutput(stdout) {
    if (stdout.includes('OPS_LOCK RELEASED'))
        return 'released';
    if (stdout.includes('OPS_LOCK NOT_OURS'))
        return 'not-ours';
    return 'absent';
}
/**
 * What releaseLock runs: `before` (e.g. appending to the history), then releaseLockScript, which
 * runs even if `before` failed. Pure.
 */
function releaseLockCommand(appDir, token, before) {
    const first = before
        ? `(\n${before}\n) || echo 'ops-actions: the step before releasing the lock failed' >&2\n`
        : '';
    return `${first}${releaseLockScript(appDir, token)}`;
}
/**
 * Releases the lock if this deploy (token) still holds it; says what it found. `before` runs first
 * in the same round trip (e.g. appending to the history); the lock is released even if it fails.
 */
async function releaseLock(conn, appDir, token, opts = {}) {
    // never waits for ever on a stalled server: the post step (or lock-stale-after) is the fallback
    const timeoutMs = opts.timeoutMs ?? RELEASE_TIMEOUT_MS;
    const r = await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .withDeadline */ .N)(conn.exec(releaseLockCommand(appDir, token, opts.before), {
        silent: true,
        label: `release the deploy lock ${lockPath(appDir)}`,
        timeoutMs,
        signal: opts.signal,
    }), 
    // the command's own timeout needs the server to answer; this one does not
    {
        timeoutMs: timeoutMs + 5000,
        signal: opts.signal,
        what: `${conn.host.label}: releasing the deploy lock`,
    });
    if (r.stderr.includes('the step before releasing the lock failed')) {
        (opts.logger ?? _ssh_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .runnerLogger */ .hB).warning(`${conn.host.label}: ${lastLine(r.stderr) || 'the step before releasing the lock failed'}`);
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
async function releaseSavedLocks(settings, saved, logger = _ssh_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .runnerLogger */ .hB) {
    const hosts = settings.hosts.filter((h) => saved.hosts.includes(h.label));
    const pool = new _ssh_pool_js__WEBPACK_IMPORTED_MODULE_6__/* .SshPool */ .V({ ...settings, connectTimeoutMs: Math.min(settings.connectTimeoutMs, 20_000) }, { logger });
    try {
        await Promise.all(hosts.map(async (host) => {
            try {
                const conn = await pool.connect(host);
                const r = await releaseLock(conn, (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .hostAppDir */ .Px)(saved.appDir, host), saved.token);
                logger.info(`${host.label}: ${r === 'released'
                    ? `released the deploy lock on ${saved.appDir} that this run left behind`
                    : r === 'not-ours'
                        ? 'the lock is held by another deploy; left alone'
                        : 'no lock left behind'}`);
            }
            catch (error) {
                logger.warning(`${host.label}: could not release the deploy lock on ${saved.appDir}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}. ` +
                    `If it stays, remove ${lockPath(saved.appDir)} on the server (or wait for lock-stale-after).`);
            }
        }));
    }
    finally {
        await pool.closeAll();
    }
}


/***/ }),

/***/ 44738:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ME: () => (/* binding */ parseAppDir),
/* harmony export */   Pn: () => (/* binding */ stateDir),
/* harmony export */   Px: () => (/* binding */ hostAppDir),
/* harmony export */   cE: () => (/* binding */ forHost)
/* harmony export */ });
/* unused harmony export STATE_DIR_NAME */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);

/** Where ops-actions keeps its own files in an app directory: lock, history, backups. */
const STATE_DIR_NAME = '.ops-actions';
/** `<app-dir>/.ops-actions` */
function stateDir(appDir) {
    return `${appDir}/${STATE_DIR_NAME}`;
}
/**
 * The one parser of app-dir, for every stage that reads it (deploy-ssh, rollback): an absolute path,
 * or a path relative to the login user's home (`~/app`, `./app` and `app` mean the same). Empty and
 * `.` segments and trailing slashes are dropped. Refused, before anything is touched: the home itself
 * (`~`, `.`, `./.`), the root (`/`, `/.`), `..`, `~user`, and a relative path starting with `-`
 * (`cd -x`, `mkdir -p -x/…` would read it as an option). `{host}` and `{port}` are kept: hostAppDir
 * replaces them per host.
 */
function parseAppDir(text, input = 'app-dir') {
    const example = `${input}: /srv/shop`;
    const raw = text.trim();
    const refuse = (problem) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, problem, example);
    };
    if (raw === '')
        refuse('is required: the application directory on the server.');
    if (/[\n\r\0]/.test(raw))
        refuse('must be a single line.');
    let dir = raw;
    if (dir === '~')
        dir = '';
    else if (dir.startsWith('~/'))
        dir = dir.slice(2);
    else if (dir.startsWith('~'))
        refuse(`'${text}': ~user paths are not supported; give an absolute path.`);
    const absolute = dir.startsWith('/');
    const segments = dir.split('/').filter((part) => part !== '' && part !== '.');
    if (segments.includes('..'))
        refuse(`'${text}' must not contain '..'.`);
    if (segments.length === 0) {
        refuse(absolute
            ? `'${text}' is the root directory: give a directory of its own.`
            : `'${text}' is the home directory itself: give a directory of its own, e.g. ~/shop.`);
    }
    if (!absolute && (segments[0] ?? '').startsWith('-'))
        refuse(`'${text}' must not start with '-' (commands would read it as an option).`);
    return `${absolute ? '/' : ''}${segments.join('/')}`;
}
/**
 * The app directory on one host: `{host}` and `{port}` in app-dir are replaced by the host's name and
 * SSH port (several instances of an app on one server, each reached through its own port). Pure.
 */
function hostAppDir(appDir, host) {
    return appDir.replace(/\{host\}/g, host.host).replace(/\{port\}/g, String(host.port));
}
/** A configuration for one host: its `appDir` with `{host}`/`{port}` replaced (the same object when unchanged). */
function forHost(config, host) {
    const appDir = hostAppDir(config.appDir, host);
    return appDir === config.appDir ? config : { ...config, appDir };
}


/***/ }),

/***/ 1451:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ partialDir),
/* harmony export */   Bu: () => (/* binding */ readCurrentScript),
/* harmony export */   Ch: () => (/* binding */ pruneReleasesScript),
/* harmony export */   E$: () => (/* binding */ parsePruned),
/* harmony export */   JA: () => (/* binding */ removeReleaseScript),
/* harmony export */   RX: () => (/* binding */ linkSharedScript),
/* harmony export */   ZI: () => (/* binding */ releaseDir),
/* harmony export */   jq: () => (/* binding */ parseSharedPaths),
/* harmony export */   kD: () => (/* binding */ releaseLayout),
/* harmony export */   lI: () => (/* binding */ switchCurrentScript),
/* harmony export */   mw: () => (/* binding */ finishUploadScript),
/* harmony export */   nC: () => (/* binding */ extractArchiveScript),
/* harmony export */   oA: () => (/* binding */ prepareReleaseScript),
/* harmony export */   sQ: () => (/* binding */ defaultReleaseId),
/* harmony export */   te: () => (/* binding */ removeCurrentScript),
/* harmony export */   y_: () => (/* binding */ parseReleaseId)
/* harmony export */ });
/* unused harmony exports RELEASE_ID_RE, readCurrentRelease, switchCurrent */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51328);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${text}' is not a valid release id: use letters, digits, '.', '_' and '-' (at most 100 characters).`, `${input}: v1.4.2`);
    }
    return id;
}
/**
 * `20250314T101500.123Z-0123abc-run1000.1`: sortable, and unique per run — the time to the
 * millisecond, the short commit, the run id and attempt (two deploys of one commit in the same
 * second, by one run or two, get different ids). Parts that are unknown are left out.
 */
function defaultReleaseId(now, sha, run) {
    const stamp = now.toISOString().replace(/[-:]/g, '');
    const short = (sha ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 7);
    const runId = (run.runId ?? '').replace(/[^0-9]/g, '');
    const attempt = (run.runAttempt ?? '').replace(/[^0-9]/g, '');
    const runPart = runId ? `run${runId}${attempt ? `.${attempt}` : ''}` : '';
    return [stamp, short, runPart].filter((p) => p !== '').join('-');
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(input, `'${raw}' must be a path inside the release (relative, no '..'); end directories with '/'.`, `${input}: |\n  .env\n  storage/`);
        }
        return { path, directory };
    });
}
/** Prints the id of the release `current` points to ('' when there is none). Pure. */
function readCurrentScript(appDir) {
    const cur = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseLayout(appDir).current);
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
        `mkdir -p ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.releasesDir)} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.sharedDir)}`,
        `find ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.releasesDir)} -mindepth 1 -maxdepth 1 -name '*.partial-*' -exec rm -rf {} +`,
        `if [ -e ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseDir(appDir, id))} ]; then echo ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`ops-actions: release ${id} already exists in ${l.releasesDir}; give a new release-id`)} >&2; exit 1; fi`,
        `mkdir ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(partialDir(appDir, id, token))}`,
    ].join(' && ');
}
/** Extracts an uploaded archive (.tar, .tar.gz, .tgz) into the partial directory, then deletes it. Pure. */
function extractArchiveScript(archivePath, targetDir) {
    const gz = /\.(tar\.gz|tgz)$/.test(archivePath) ? 'z' : '';
    return `tar -x${gz}f ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(archivePath)} -C ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(targetDir)} && rm -f ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(archivePath)}`;
}
/** Renames the finished upload to releases/<id>. Pure. */
function finishUploadScript(appDir, id, token) {
    return `mv ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(partialDir(appDir, id, token))} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseDir(appDir, id))}`;
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
        const target = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`${l.sharedDir}/${s.path}`);
        const inRelease = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`${rel}/${s.path}`);
        lines.push(`mkdir -p "$(dirname ${target})" "$(dirname ${inRelease})"`);
        if (s.directory) {
            lines.push(`if [ ! -e ${target} ]; then if [ -d ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else mkdir -p ${target}; fi; fi`);
        }
        else {
            lines.push(
            // a shared file (.env) is where secrets go: created empty it is 0600
            `if [ ! -e ${target} ]; then if [ -f ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else (umask 077 && : > ${target}); fi; fi`);
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
        `if [ ! -d ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseDir(appDir, id))} ]; then echo ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`ops-actions: release ${id} is not in ${l.releasesDir} on this host`)} >&2; exit 1; fi`,
        `ln -sfn ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`releases/${id}`)} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(tmp)}`,
        `mv -Tf ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(tmp)} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.current)}`,
    ].join(' && ');
}
/** Removes `current` (switching back when there was no previous release). Pure. */
function removeCurrentScript(appDir) {
    return `rm -f ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseLayout(appDir).current)}`;
}
/** Deletes a release directory that is not live (refuses the one `current` points to). Pure. */
function removeReleaseScript(appDir, id) {
    const cur = (0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseLayout(appDir).current);
    return (`if [ "$(readlink ${cur} 2>/dev/null)" = ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`releases/${id}`)} ]; then ` +
        `echo ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(`ops-actions: releases/${id} is live; not removing it`)} >&2; exit 1; ` +
        `else rm -rf ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(releaseDir(appDir, id))}; fi`);
}
/**
 * Keeps the `keep` newest releases (by modification time) and deletes the rest — never the one
 * `current` points to. Prints `removed <id>` per deleted release. Pure.
 */
function pruneReleasesScript(appDir, keep) {
    const l = releaseLayout(appDir);
    return [
        `cd ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.releasesDir)} || exit 0`,
        `cur=$(basename "$(readlink ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .shellQuote */ .ZL)(l.current)} 2>/dev/null)" 2>/dev/null || true)`,
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


/***/ }),

/***/ 59933:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ac: () => (/* binding */ replaceFileScript),
/* harmony export */   PJ: () => (/* binding */ copyFileScript),
/* harmony export */   es: () => (/* binding */ appendFileScript)
/* harmony export */ });
/* unused harmony export tempPath */
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51328);
// Replacing a file on a server safely: the new content is written to a temporary file next to it and
// renamed over it (rename(2) is atomic), so a failed write — a full disk, often the very reason a
// deploy failed — leaves the old file whole instead of truncated. The temporary file gets the old
// file's mode (and group) by `cp -p` before it is written; a file that did not exist is created
// 0600 when it can hold a secret (env files), else at the session's umask. Pure builders of shell
// snippets, every path quoted; each snippet is one `{ …; }` group that fails as a whole.

/** The temporary file a replacement is written to (next to the target: same filesystem, so `mv` renames). */
function tempPath(target) {
    return `${target}.ops-actions.tmp`;
}
/**
 * Writes what `producer` prints to `target` through a temporary file and a rename. `producer` is a
 * shell command (it may read the old target: it is replaced only at the end).
 */
function replaceFileScript(target, producer, opts) {
    const t = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(target);
    const tmp = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(tempPath(target));
    const from = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(opts.modeFrom ?? target);
    const create = opts.secret ? `(umask 077 && : > ${tmp})` : `: > ${tmp}`;
    return (`{ { rm -f ${tmp} && if [ -f ${from} ]; then cp -p ${from} ${tmp}; else ${create}; fi && ` +
        `{ ${producer}; } > ${tmp} && mv -fT ${tmp} ${t}; } || { rm -f ${tmp}; false; }; }`);
}
/** Copies `source` to `target` (mode kept, `cp -p`) through a temporary file and a rename. */
function copyFileScript(source, target) {
    const tmp = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(tempPath(target));
    return `{ { rm -f ${tmp} && cp -p ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(source)} ${tmp} && mv -fT ${tmp} ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(target)}; } || { rm -f ${tmp}; false; }; }`;
}
/**
 * Appends `text` to `target`: a copy with the text added replaces it, so a failed write leaves no half
 * line. It runs on every host of every deploy (the history), so the usual case starts no `rm`: only
 * a temporary file left behind — or a symlink in its place, never written through — is removed.
 */
function appendFileScript(target, text, opts) {
    const t = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(target);
    const tmp = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(tempPath(target));
    const create = opts.secret ? `(umask 077 && : > ${tmp})` : `: > ${tmp}`;
    return (`{ { { [ ! -e ${tmp} ] && [ ! -h ${tmp} ] || rm -f ${tmp}; } && if [ -f ${t} ]; then cp -p ${t} ${tmp}; else ${create}; fi && ` +
        `printf '%s' ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(text)} >> ${tmp} && mv -fT ${tmp} ${t}; } || { rm -f ${tmp}; false; }; }`);
}


/***/ }),

/***/ 25093:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yA: () => (/* binding */ describeRemoteStep),
  Lc: () => (/* binding */ logStep),
  tK: () => (/* binding */ registryLoginStep),
  iv: () => (/* binding */ runRemoteStep)
});

// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var compose = __webpack_require__(98922);
// EXTERNAL MODULE: ./build/lib/ssh/script.js + 1 modules
var script = __webpack_require__(66143);
// EXTERNAL MODULE: ./build/lib/deploy/health.js
var health = __webpack_require__(37474);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/registry-errors.js
var registry_errors = __webpack_require__(94745);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
// EXTERNAL MODULE: ./build/lib/ssh/errors.js
var ssh_errors = __webpack_require__(91210);
;// CONCATENATED MODULE: ./build/lib/deploy/registry-retry.js
// `docker login` and `docker compose pull` on a server talk to a registry over the internet: a
// reset connection, a 502 from the registry's front end or a rate limit fails them now and not a
// minute later. Both are idempotent and run before anything goes live, so they are tried again,
// a few times with backoff; a refused login or an image that does not exist fails at once.




/** 3 attempts, 2 s then 6 s apart, all within 10 minutes. */
const REGISTRY_RETRY = {
    maxAttempts: 3,
    initialDelayMs: 2000,
    factor: 3,
    maxDelayMs: 15_000,
};
function retryable(error) {
    return (error instanceof ssh_errors/* RemoteCommandError */.at &&
        !error.result.timedOut &&
        (0,registry_errors/* isTransientRegistryError */.WG)(`${error.result.stderr}\n${error.result.stdout}`));
}
function lastLine(error) {
    const r = error instanceof ssh_errors/* RemoteCommandError */.at ? error.result : undefined;
    const line = r
        ? `${r.stderr}\n${r.stdout}`
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .pop()
        : undefined;
    return line ?? (0,errors/* errorMessage */.gJ)(error);
}
/**
 * Runs a registry command (login, pull) on `conn`, trying a transient failure again (3 attempts,
 * 2 s then 6 s apart). The error of the last attempt is thrown as it was,
 * with the number of attempts added to its message.
 */
async function execRegistryCommand(conn, command, opts) {
    const { logger, ...exec } = opts;
    const label = exec.label ?? command;
    try {
        return await (0,retry/* retry */.L5)(() => conn.exec(command, exec), {
            ...REGISTRY_RETRY,
            deadlineMs: 10 * 60_000,
            signal: exec.signal,
            isRetryable: retryable,
            onRetry: ({ attempt, error, delayMs }) => logger.warning(`${conn.host.label}: ${label} failed (${lastLine(error)}), a registry or network error that may pass; ` +
                `trying again in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${REGISTRY_RETRY.maxAttempts}).`),
        });
    }
    catch (error) {
        if (!(error instanceof retry/* RetryError */.J_))
            throw error;
        const last = error.lastError;
        if (last instanceof ssh_errors/* RemoteCommandError */.at) {
            throw new ssh_errors/* RemoteCommandError */.at(`${last.message} (${error.attempts} attempts)`, last.host, last.result);
        }
        throw last;
    }
}

;// CONCATENATED MODULE: ./build/lib/deploy/steps.js
// The remote steps deploy-ssh and rollback plan and run on a server: one of our commands, one of
// the user's scripts, or the health gate. A plan holds them as data (dry-run prints them with
// describeRemoteStep); runRemoteStep runs one on a connection and logs its start and its time.






/** `docker login` on the server: the password on stdin, tried again on a transient registry failure. */
function registryLoginStep(registry, username) {
    return {
        kind: 'exec',
        title: `docker login ${registry}`,
        command: (0,compose/* registryLoginCommand */.Ge)(registry, username),
        stdin: 'registry-password',
        registry: true,
    };
}
/** One step as dry-run prints it: its title, then its command indented. */
function describeRemoteStep(step) {
    switch (step.kind) {
        case 'exec':
            return `${step.title}${step.stdin ? ' (registry password on stdin)' : ''}\n${underTitle(step.command)}`;
        case 'script':
            return `${step.title} (in ${step.cwd})\n${underTitle(step.script)}`;
        case 'health':
            return `${step.title} (in ${step.cwd}; every ${step.gate.intervalMs / 1000}s for up to ${step.gate.timeoutMs / 1000}s)\n${underTitle(step.gate.command)}`;
    }
}
function underTitle(text) {
    return (0,quote/* indentLines */.eT)(text.replace(/\n+$/, ''), '        ');
}
/** Runs one step, between `▶ title` and `done: title (time)` log lines; an exec step's result is returned. */
async function runRemoteStep(step, ctx) {
    return logStep(ctx.logger, ctx.conn.host.label, step.title, async () => {
        const { conn, signal, secrets } = ctx;
        const common = { timeoutMs: ctx.commandTimeoutMs, signal, secrets };
        switch (step.kind) {
            case 'exec': {
                const exec = {
                    ...common,
                    label: step.title,
                    stdin: step.stdin === 'registry-password' ? ctx.registryPassword : undefined,
                };
                return step.registry
                    ? execRegistryCommand(conn, step.command, { ...exec, logger: ctx.logger })
                    : conn.exec(step.command, exec);
            }
            case 'script': {
                const sink = ctx.outputs;
                await (0,script/* runScript */.j3)(conn, step.script, ctx.shell, {
                    ...common,
                    title: step.title,
                    env: { ...ctx.env, ...step.env },
                    cwd: step.cwd,
                    reservedOutputs: sink?.reserved,
                    onOutputs: (values) => {
                        const names = Object.keys(values);
                        if (names.length === 0)
                            return;
                        ctx.logger.info(`[${conn.host.label}] ${step.title} set output${names.length === 1 ? '' : 's'}: ${names.join(', ')}${sink ? '' : ' (not used by this stage)'}`);
                        sink?.set(values);
                    },
                });
                return undefined;
            }
            case 'health':
                await (0,health/* runHealthGate */.J)(conn, step.gate, {
                    shell: ctx.shell,
                    cwd: step.cwd,
                    env: ctx.env,
                    commandTimeoutMs: ctx.commandTimeoutMs,
                    secrets,
                    signal,
                    logger: ctx.logger,
                    title: step.title,
                });
                return undefined;
        }
    });
}
/** Logs `[host] ▶ title`, runs fn, then `[host]   done: title (time)`. */
async function logStep(logger, host, title, fn) {
    const t0 = Date.now();
    logger.info(`[${host}] ▶ ${title}`);
    const result = await fn();
    logger.info(`[${host}]   done: ${title} (${(0,duration/* formatDuration */.a)(Date.now() - t0)})`);
    return result;
}


/***/ }),

/***/ 15905:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ stackStatusLines),
/* harmony export */   n: () => (/* binding */ servicesJson)
/* harmony export */ });
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3476);
// How a stack's services are reported after a deploy or a rollback through Swarm (deploy-ssh
// strategy stack, rollback target swarm): the `services` output and the job summary's table.

/** Each service's replicas running/desired, image and update outcome, as the `services` output's JSON. */
function servicesJson(stack) {
    if (!stack)
        return '[]';
    return JSON.stringify(stack.services.map((s) => ({
        service: s.service,
        running: s.running,
        desired: s.desired,
        image: s.image,
        update: s.update,
        ...(s.updateMessage ? { message: s.updateMessage } : {}),
    })));
}
const OUTCOME = {
    converged: `${(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .statusIcon */ .I8)('success')} converged`,
    'rolled-back': `${(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .statusIcon */ .I8)('failure')} rolled back by Swarm`,
    paused: `${(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .statusIcon */ .I8)('failure')} update paused`,
    'timed-out': `${(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .statusIcon */ .I8)('failure')} did not converge in time`,
};
/** `Stack \`shop\`: ✅ converged`, then one row per service. */
function stackStatusLines(stack) {
    return [
        `Stack \`${stack.stack}\`: ${OUTCOME[stack.outcome] ?? stack.outcome}`,
        '',
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(['Service', 'Running', 'Image', 'Update'], stack.services.map((v) => [
            v.service,
            `${v.running}/${v.desired}`,
            `\`${v.image}\``,
            `${v.update}${v.updateMessage ? `: ${v.updateMessage}` : ''}`,
        ])),
    ];
}


/***/ }),

/***/ 77537:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ readProvenanceInputs)
/* harmony export */ });
/* unused harmony export PROVENANCE_INPUTS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47182);
// The provenance inputs every deploy stage shares (deploy-ssh, deploy-koyeb, rollback), read and
// checked once with the stage's other inputs, before anything is contacted. Light on purpose: the
// Sigstore libraries load only when `verify-provenance` is true (lib/provenance/gate.ts).




const PROVENANCE_INPUTS = {
    verify: 'verify-provenance',
    repository: 'provenance-repository',
    owner: 'provenance-owner',
    signerWorkflow: 'signer-workflow',
    signerRepo: 'signer-repo',
    sourceRef: 'source-ref',
    predicateType: 'predicate-type',
    issuer: 'cert-oidc-issuer',
    denySelfHosted: 'deny-self-hosted-runners',
    trustedRoot: 'trusted-root',
    token: 'provenance-token',
};
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const OWNER = /^[A-Za-z0-9_.-]+$/;
const WORKFLOW = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[A-Za-z0-9_./-]+\.ya?ml(@[^\s@]+)?$/;
/** undefined when `verify-provenance` is false (the default). */
function readProvenanceInputs(inputs, env = process.env) {
    const n = PROVENANCE_INPUTS;
    if (!inputs.boolean(n.verify, false))
        return undefined;
    const owner = inputs.optionalString(n.owner);
    let repository = inputs.optionalString(n.repository);
    if (owner !== undefined && repository !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.owner, `give '${n.repository}' or '${n.owner}', not both.`, `${n.repository}: acme/shop`);
    }
    if (owner !== undefined && !OWNER.test(owner)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.owner, `'${owner}' is not a GitHub user or organization name.`, `${n.owner}: acme`);
    }
    if (owner === undefined) {
        repository ??= env['GITHUB_REPOSITORY'] || undefined;
        if (repository === undefined || !REPO.test(repository)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.repository, repository === undefined
                ? 'is required outside GitHub Actions (GITHUB_REPOSITORY is not set): the repository whose workflow builds the image.'
                : `'${repository}' is not owner/name.`, `${n.repository}: acme/shop`);
        }
    }
    const signerWorkflow = inputs.optionalString(n.signerWorkflow)?.replace(/^https:\/\/[^/]+\//, '');
    const signerRepo = inputs.optionalString(n.signerRepo);
    if (signerWorkflow !== undefined && signerRepo !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerWorkflow, `give '${n.signerWorkflow}' or '${n.signerRepo}', not both.`, `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`);
    }
    if (signerWorkflow !== undefined && !WORKFLOW.test(signerWorkflow)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerWorkflow, `'${signerWorkflow}' is not owner/repo/.github/workflows/<file>.yml (optionally @<ref>). It is matched exactly, not as a pattern.`, `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`);
    }
    if (signerRepo !== undefined && !REPO.test(signerRepo)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.signerRepo, `'${signerRepo}' is not owner/name.`, `${n.signerRepo}: acme/build-workflows`);
    }
    const sourceRef = inputs.optionalString(n.sourceRef);
    if (sourceRef !== undefined && !/^refs\/(heads|tags|pull)\/\S+$/.test(sourceRef)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.sourceRef, `'${sourceRef}' is not a full git ref (refs/heads/… or refs/tags/…).`, `${n.sourceRef}: refs/heads/main`);
    }
    const predicateType = inputs.string(n.predicateType, { default: _policy_js__WEBPACK_IMPORTED_MODULE_3__/* .SLSA_PROVENANCE_V1 */ .us });
    if (!/^https?:\/\/\S+$/.test(predicateType)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.predicateType, `'${predicateType}' is not a predicate type URI.`, `${n.predicateType}: ${_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .SLSA_PROVENANCE_V1 */ .us}`);
    }
    const issuer = inputs.string(n.issuer, { default: _policy_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ACTIONS_ISSUER */ .qQ });
    if (!/^https:\/\/\S+$/.test(issuer)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.issuer, `'${issuer}' is not an https:// issuer URL.`, `${n.issuer}: ${_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ACTIONS_ISSUER */ .qQ}`);
    }
    const rootInput = inputs.optionalString(n.trustedRoot);
    let trustedRoot;
    if (rootInput !== undefined) {
        trustedRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rootInput)
            ? rootInput
            : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(env['GITHUB_WORKSPACE'] ?? process.cwd(), rootInput);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(trustedRoot) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(trustedRoot).isFile()) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(n.trustedRoot, `'${rootInput}' is not a file in the workspace (${trustedRoot}). Check out the repository first, or fix the path.`, `${n.trustedRoot}: .github/trusted_root.jsonl`);
        }
    }
    return {
        policy: {
            repository: owner === undefined ? repository : undefined,
            owner,
            signerWorkflow,
            signerRepo,
            sourceRef,
            predicateType,
            issuer,
            denySelfHostedRunners: inputs.boolean(n.denySelfHosted, true),
            serverUrl: (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, ''),
        },
        trustedRoot,
        token: inputs.secret(n.token) ?? inputs.secret('github-token'),
        apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    };
}


/***/ }),

/***/ 47182:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gu: () => (/* binding */ REFUSAL_ORDER),
/* harmony export */   Uz: () => (/* binding */ evaluatePolicy),
/* harmony export */   qQ: () => (/* binding */ GITHUB_ACTIONS_ISSUER),
/* harmony export */   us: () => (/* binding */ SLSA_PROVENANCE_V1)
/* harmony export */ });
// The provenance policy: what an attestation must say before a digest may be deployed. A pure
// function over facts already read from a cryptographically verified bundle (lib/provenance/verify.ts),
// so every rule is unit-tested without Sigstore. The checks mirror `gh attestation verify`:
// subject digest, predicate type, OIDC issuer, source repository (or owner), signer workflow (or
// signer repository), source ref, and the runner environment. Every identity is compared as an
// exact string (escaped and anchored, as gh's defaults are): no user text is ever a regex.
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
/** How far a refusal got: the attestation that failed latest is the one worth reporting. */
const REFUSAL_ORDER = [
    'no-attestation',
    'bad-signature',
    'untrusted-instance',
    'wrong-subject',
    'wrong-predicate-type',
    'wrong-issuer',
    'wrong-repository',
    'wrong-workflow',
    'wrong-source-ref',
    'self-hosted-runner',
];
const same = (a, b) => a !== undefined && a.toLowerCase() === b.toLowerCase();
/** Checks one verified attestation against the policy for `digest` (`sha256:<hex>`). */
function evaluatePolicy(facts, digest, policy) {
    const server = policy.serverUrl.replace(/\/+$/, '');
    const refuse = (reason, message, fix) => ({
        ok: false,
        reason,
        message,
        fix,
    });
    if (!facts.subjectDigests.some((d) => d.toLowerCase() === digest.toLowerCase())) {
        return refuse('wrong-subject', `the attestation is for ${facts.subjectDigests.join(', ') || 'no subject'}, not for ${digest}.`, 'Deploy the digest build-push attested (its `digest` output), not a rebuilt or retagged image.');
    }
    if (facts.predicateType !== policy.predicateType) {
        return refuse('wrong-predicate-type', `its predicate type is ${facts.predicateType}, not ${policy.predicateType}.`, `Attest with build-push \`attest: true\` (SLSA provenance v1), or set \`predicate-type: ${facts.predicateType}\` if that is intended.`);
    }
    if (facts.issuer !== policy.issuer) {
        return refuse('wrong-issuer', `its certificate was issued for the OIDC issuer ${facts.issuer ?? '(none)'}, not ${policy.issuer}.`, `If your enterprise uses its own issuer, set \`cert-oidc-issuer: ${facts.issuer ?? '…'}\`; otherwise this image was not built by GitHub Actions.`);
    }
    if (policy.owner !== undefined) {
        if (!same(facts.sourceRepositoryOwnerUri, `${server}/${policy.owner}`)) {
            return refuse('wrong-repository', `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from a repository of ${policy.owner}.`, `Deploy an image built by a workflow of ${policy.owner}, or set \`provenance-owner\` to the owner that builds it.`);
        }
    }
    else if (policy.repository !== undefined) {
        if (!same(facts.sourceRepositoryUri, `${server}/${policy.repository}`)) {
            return refuse('wrong-repository', `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from ${server}/${policy.repository}.`, `Deploy an image built by ${policy.repository}'s own workflow, or set \`provenance-repository\` to the repository that builds it.`);
        }
    }
    const workflow = facts.signerWorkflowUri ?? '';
    const workflowOk = signerMatches(workflow, policy, server);
    if (!workflowOk.ok) {
        return refuse('wrong-workflow', `it was signed by ${workflow || '(no workflow)'}, ${workflowOk.expected}.`, workflowOk.fix);
    }
    if (policy.sourceRef !== undefined && facts.sourceRef !== policy.sourceRef) {
        return refuse('wrong-source-ref', `it was built from ${facts.sourceRef ?? '(unknown ref)'}, not ${policy.sourceRef}.`, `Deploy an image built on ${policy.sourceRef}, or change \`source-ref\`.`);
    }
    if (policy.denySelfHostedRunners && facts.runnerEnvironment !== 'github-hosted') {
        return refuse('self-hosted-runner', `it was built on a ${facts.runnerEnvironment ?? 'runner of unknown kind'}, not a GitHub-hosted runner.`, 'Build on a GitHub-hosted runner, or set `deny-self-hosted-runners: false` if you trust your own runners.');
    }
    return {
        ok: true,
        signerWorkflow: workflow.startsWith(`${server}/`) ? workflow.slice(server.length + 1) : workflow,
        sourceRepository: (facts.sourceRepositoryUri ?? '').replace(`${server}/`, ''),
        sourceRef: facts.sourceRef ?? '',
    };
}
function signerMatches(workflowUri, policy, server) {
    const lower = workflowUri.toLowerCase();
    if (policy.signerWorkflow !== undefined) {
        const wanted = `${server}/${policy.signerWorkflow}`.toLowerCase();
        // with @ref: exactly that; without: that file at any ref
        const ok = policy.signerWorkflow.includes('@') ? lower === wanted : lower.startsWith(`${wanted}@`);
        return ok
            ? { ok: true }
            : {
                ok: false,
                expected: `not by ${policy.signerWorkflow}`,
                fix: `Build with the workflow \`signer-workflow\` names, or set \`signer-workflow\` to ${stripRef(workflowUri, server) || 'the workflow that builds the image'}.`,
            };
    }
    const repo = policy.signerRepo ?? policy.repository ?? policy.owner;
    if (repo === undefined)
        return { ok: true };
    const ok = lower.startsWith(`${server}/${repo}/`.toLowerCase());
    if (ok)
        return { ok: true };
    const signer = stripRef(workflowUri, server);
    const signerRepo = signer.split('/').slice(0, 2).join('/');
    return {
        ok: false,
        expected: `not by a workflow of ${repo}`,
        fix: policy.signerRepo !== undefined
            ? `Set \`signer-repo\` to the repository whose workflow signs (${signerRepo || '…'}), or build with ${repo}'s workflow.`
            : `If a reusable workflow of another repository builds and attests, set \`signer-repo: ${signerRepo || 'owner/repo'}\` (or \`signer-workflow: ${signer || 'owner/repo/.github/workflows/build.yml'}\`).`,
    };
}
/** `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main` → `o/r/.github/workflows/x.yml`. */
function stripRef(uri, server) {
    const path = uri.startsWith(`${server}/`) ? uri.slice(server.length + 1) : uri;
    const at = path.indexOf('@');
    return at >= 0 ? path.slice(0, at) : path;
}


/***/ }),

/***/ 94745:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GZ: () => (/* binding */ isDenied),
/* harmony export */   WG: () => (/* binding */ isTransientRegistryError),
/* harmony export */   Xg: () => (/* binding */ isAuthFailure)
/* harmony export */ });
// Reading docker's error text about registries: which failures another attempt may get past (the
// registry or the network hiccuped) and which it will not (wrong credentials, no access, an image or
// registry that does not exist). Shared by build-push (push, login on the runner) and deploy-ssh /
// rollback (login and pull on the server).
const TRANSIENT = [
    /connection refused/i,
    /connection reset/i,
    /broken pipe/i,
    /unexpected EOF/i,
    /: EOF\b/,
    /i\/o timeout/i,
    /TLS handshake timeout/i,
    /context deadline exceeded/i,
    /Client\.Timeout exceeded/i,
    /timeout awaiting response headers/i,
    /temporary failure in name resolution/i,
    /server misbehaving/i,
    /network is unreachable/i,
    /no route to host/i,
    /\b50[0-4]\b/,
    /Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
    /\b429\b|toomanyrequests|too many requests/i,
];
const AUTH = [
    /\b401\b/,
    /unauthorized/i,
    /incorrect username or password/i,
    /no basic auth credentials/i,
    /authentication required/i,
];
const DENIED = [/\b403\b/, /denied/i, /forbidden/i];
/** The image, the tag or the registry does not exist, or the reference is malformed. */
const MISSING = [/manifest unknown/i, /not found/i, /invalid reference format/i, /no such host/i];
function isAuthFailure(error) {
    return AUTH.some((re) => re.test(error));
}
function isDenied(error) {
    return DENIED.some((re) => re.test(error));
}
function isMissing(error) {
    return MISSING.some((re) => re.test(error));
}
/** A registry or network failure another attempt may get past: never auth, denial or a missing image. */
function isTransientRegistryError(error) {
    if (isAuthFailure(error) || isDenied(error) || isMissing(error))
        return false;
    return TRANSIENT.some((re) => re.test(error));
}


/***/ })

};
