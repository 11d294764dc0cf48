export const id = 7406;
export const ids = [7406];
export const modules = {

/***/ 17213:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ib: () => (/* binding */ uploadBackupArtifact),
/* harmony export */   N5: () => (/* binding */ checkArtifactRuntime),
/* harmony export */   YG: () => (/* binding */ validateArtifactName)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// The backup kept as a workflow artifact (backup-artifact), with GitHub's own @actions/artifact:
// the runner's Actions results service (ACTIONS_RESULTS_URL + ACTIONS_RUNTIME_TOKEN) creates the
// artifact, the dump goes to the signed blob URL it returns, then the artifact is finalized. The
// library is imported only when an artifact is asked for, so other runs do not load it.


/** The characters @actions/artifact refuses in a name (NTFS-safe names), checked before anything runs. */
const INVALID = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];
function validateArtifactName(name) {
    const bad = INVALID.filter((c) => name.includes(c));
    if (bad.length > 0 || name.trim() !== name) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup-artifact', `'${name}' is not a valid artifact name: ${bad.length > 0 ? `it contains ${bad.map((c) => JSON.stringify(c)).join(' ')}` : 'it starts or ends with a space'} (artifact names may not contain " : < > | * ? \\ / or line breaks).`, 'backup-artifact: db-backup-${{ github.run_id }}-${{ github.run_attempt }}');
    }
}
/** The runner gives JavaScript actions these two; without them no artifact can be created. */
function checkArtifactRuntime(env) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((n) => !env[n]);
    if (missing.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup-artifact', `needs ${missing.join(' and ')}, which the GitHub Actions runner gives every JavaScript action; ${missing.length > 1 ? 'they are' : 'it is'} not set here ` +
            '(a local runner such as act, or an old GHES?). Remove backup-artifact, or keep the dump another way (backup-download: true and your own upload step).');
    }
}
/** Uploads the dump at `path` as the artifact `settings.name` (a zip holding the one file, not recompressed). */
async function uploadBackupArtifact(path, settings) {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(2830), __webpack_require__.e(3878), __webpack_require__.e(2271), __webpack_require__.e(8275), __webpack_require__.e(9735), __webpack_require__.e(683)]).then(__webpack_require__.bind(__webpack_require__, 60683));
    const client = new DefaultArtifactClient();
    // the custom-format dump is compressed already: store it (level 0) rather than deflate it twice
    const r = await client.uploadArtifact(settings.name, [path], (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)(path), {
        retentionDays: settings.retentionDays,
        compressionLevel: 0,
    });
    if (r.id === undefined)
        throw new Error(`the artifact service did not return an id for '${settings.name}'`);
    return { id: r.id, name: settings.name, size: r.size ?? 0, digest: r.digest };
}


/***/ }),

/***/ 83822:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ backupOnRunner),
/* harmony export */   TS: () => (/* binding */ pgEnv),
/* harmony export */   iP: () => (/* binding */ backupFileName),
/* harmony export */   nv: () => (/* binding */ probePgDumpOnRunner),
/* harmony export */   vy: () => (/* binding */ pgDumpArgs),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _lib_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38511);
/* harmony import */ var _database_url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47401);
// The backup taken before migrating: `pg_dump --format=custom` (compressed, restorable table by
// table with pg_restore). The password reaches pg_dump through PGPASSWORD in its environment,
// never its argv; the dump is written to `<name>.partial` and renamed only once pg_dump succeeded,
// then read back with `pg_restore --list`, so a file at backup-path is always a whole, readable dump.




/** `shop-20240501T101500Z-run1000.dump`: the database, when, and which run took it. */
function backupFileName(database, now, runId) {
    const stamp = now
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
        .replace(/[-:]/g, '');
    const safeDb = database.replace(/[^A-Za-z0-9_.-]/g, '_');
    return `${safeDb}-${stamp}${runId ? `-run${runId.replace(/[^0-9A-Za-z.]/g, '')}` : ''}.dump`;
}
/** pg_dump's arguments: the URL without its password, custom format, never prompting. */
function pgDumpArgs(db, file) {
    return ['--format=custom', '--no-password', ...(file ? [`--file=${file}`] : []), `--dbname=${db.safeUrl}`];
}
/** pg_dump's environment: the password, an application_name, a connect timeout. */
function pgEnv(db, appName) {
    return {
        ...(db.password !== undefined ? { PGPASSWORD: db.password } : {}),
        PGAPPNAME: appName,
        PGCONNECT_TIMEOUT: '30',
    };
}
/**
 * Dumps the database on the runner into `dir` (created with mode 700). The `.partial` file is created
 * 0600 before pg_dump opens it (pg_dump truncates it and keeps its mode), so the dump is never
 * readable by others, not even while it is being written.
 */
async function backupOnRunner(db, opts) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(opts.dir, { recursive: true, mode: 0o700 });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(opts.dir, opts.fileName);
    const partial = `${path}.partial`;
    const started = Date.now();
    const secrets = (0,_database_url_js__WEBPACK_IMPORTED_MODULE_3__/* .secretsOf */ .Fj)(db);
    try {
        // a leftover .partial of a killed run is replaced, whatever its mode was
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(partial, { force: true });
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(partial, 'wx', 0o600);
        await handle.close();
        await (0,_lib_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .runProcess */ .R3)('pg_dump', pgDumpArgs(db, partial), {
            env: pgEnv(db, opts.appName),
            secrets,
            timeoutMs: opts.timeoutMs,
            prefix: 'pg_dump',
            log: opts.log,
        });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(partial, 0o600);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(partial, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(partial, { force: true });
        throw error;
    }
    const list = await (0,_lib_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .runProcess */ .R3)('pg_restore', ['--list', path], { silent: true, timeoutMs: opts.timeoutMs });
    const entries = list.stdout.split('\n').filter((l) => /^\d+;/.test(l)).length;
    const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
    return { path, sizeBytes: size, durationMs: Date.now() - started, entries, localPath: path };
}
/** Asks `pg_dump --version` on the runner (for the precheck, before the lock). */
async function probePgDumpOnRunner() {
    try {
        const r = await (0,_lib_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .runProcess */ .R3)('pg_dump', ['--version'], { silent: true, timeoutMs: 30_000 });
        return { found: true, versionText: r.stdout };
    }
    catch (error) {
        return { found: false, detail: error instanceof Error ? error.message : String(error) };
    }
}
/** `12.3 MiB`, for logs and the summary. */
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(1)} ${units[i]}`;
}


/***/ }),

/***/ 47401:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   Qx: () => (/* binding */ withHostPort),
/* harmony export */   mx: () => (/* binding */ parseDatabaseUrl)
/* harmony export */ });
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);

const EXAMPLE = `database-url: \${{ secrets.DATABASE_URL }}  # postgres://app:secret@db.example.com:5432/app`;
/**
 * Parses `postgres://user:password@host:port/database?sslmode=require`. The password is taken out
 * of the URL (also a `password=` query parameter), so tools that accept a URL without the
 * password (pg_dump, psql) get it through PGPASSWORD and never in argv.
 */
function parseDatabaseUrl(input, name = 'database-url') {
    let u;
    try {
        u = new URL(input);
    }
    catch {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, 'is not a valid URL.', EXAMPLE);
    }
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, `must be a PostgreSQL URL starting with postgres:// or postgresql://, got '${u.protocol}//…'.`, EXAMPLE);
    }
    const rawPassword = u.password || undefined;
    let password = rawPassword ? safeDecode(rawPassword) : undefined;
    const queryPassword = u.searchParams.get('password');
    if (queryPassword !== null) {
        password ??= queryPassword;
        u.searchParams.delete('password');
    }
    const user = u.username ? safeDecode(u.username) : (u.searchParams.get('user') ?? undefined);
    const host = safeDecode(u.hostname) || u.searchParams.get('host') || 'localhost';
    const port = u.port ? Number(u.port) : Number(u.searchParams.get('port') ?? 5432);
    const database = safeDecode(u.pathname.replace(/^\//, '')) || u.searchParams.get('dbname') || user || '';
    if (database === '') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, 'names no database (the path after the host).', EXAMPLE);
    }
    u.password = '';
    return {
        url: input,
        safeUrl: u.toString(),
        password,
        rawPassword,
        user,
        host,
        port,
        database,
        display: `${host}:${port}/${database}`,
    };
}
/** The URL with another host and port — the database seen through a forwarded local port. */
function withHostPort(db, host, port) {
    const u = new URL(db.url);
    u.hostname = host;
    u.port = String(port);
    u.searchParams.delete('host');
    u.searchParams.delete('port');
    const safe = new URL(db.safeUrl);
    safe.hostname = host;
    safe.port = String(port);
    safe.searchParams.delete('host');
    safe.searchParams.delete('port');
    return { ...db, url: u.toString(), safeUrl: safe.toString(), host, port, display: db.display };
}
/** Every form of the password a log line could carry, for redaction. */
function secretsOf(db) {
    if (!db)
        return [];
    const out = [db.url];
    for (const p of [db.password, db.rawPassword, db.password && encodeURIComponent(db.password)]) {
        if (p && !out.includes(p))
            out.push(p);
    }
    return out;
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}


/***/ }),

/***/ 62549:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gg: () => (/* binding */ parseMigrateInputs)
/* harmony export */ });
/* unused harmony exports WHERE, COMPOSE_INPUT_NAMES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _lib_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41853);
/* harmony import */ var _lib_ssh_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85648);
/* harmony import */ var _backup_artifact_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17213);
/* harmony import */ var _database_url_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(47401);
/* harmony import */ var _tools_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(59153);
// Every input of the migrate stage, parsed and validated into one object before anything connects.







const WHERE = ['runner', 'ssh'];
const COMPOSE_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'compose-service',
    'swarm-service',
    'backup-compose-service',
    'compose-file',
    'compose-command',
]));
const SERVICE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
async function readRemoteInputs(inputs) {
    const ssh = await (0,_lib_ssh_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .readSshInputs */ .sl)(inputs);
    const [host, ...more] = ssh.hosts;
    if (!host || more.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('hosts', `names ${ssh.hosts.length} servers; migrations run once, on one server (the database is shared). Give the one to run the tool on.`, 'hosts: deploy@app-1.example.com');
    }
    const commandText = inputs.string('compose-command', { default: 'docker compose' });
    const command = commandText.split(/\s+/).filter(Boolean);
    if (command.length === 0 || command.some((w) => !/^[A-Za-z0-9_./-]+$/.test(w))) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('compose-command', `'${commandText}' must be a program and its words, such as 'docker compose' or 'docker-compose'.`, 'compose-command: docker-compose');
    }
    const files = inputs.list('compose-file');
    for (const f of files) {
        if (/[\n\0]/.test(f) || f.split('/').includes('..')) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('compose-file', `'${f}' must be a path relative to working-directory, without '..'.`, 'compose-file: compose.production.yaml');
        }
    }
    const service = (name) => {
        const v = inputs.optionalString(name);
        if (v === undefined)
            return undefined;
        if (!SERVICE_RE.test(v)) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, `'${v}' is not a compose service name.`, `${name}: backend`);
        }
        return { command, files, service: v };
    };
    const swarmText = inputs.optionalString('swarm-service');
    if (swarmText !== undefined && !SERVICE_RE.test(swarmText)) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('swarm-service', `'${swarmText}' is not a Swarm service name (<stack>_<service>, as docker service ls shows it).`, 'swarm-service: shop_web');
    }
    const compose = service('compose-service');
    if (swarmText !== undefined && compose) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('swarm-service', "and 'compose-service' both say where the tool runs; give one of them.", 'swarm-service: shop_web');
    }
    return {
        ssh,
        host,
        compose,
        backupCompose: service('backup-compose-service'),
        ...(swarmText !== undefined ? { swarm: { service: swarmText } } : {}),
    };
}
/**
 * Reads every input. `env` is the process environment (GITHUB_WORKSPACE, RUNNER_TEMP), injected
 * so tests can give their own. Async: with where: ssh, ssh2's key parser loads to check the key.
 */
async function parseMigrateInputs(inputs, env = process.env) {
    const tool = inputs.choice('tool', _tools_js__WEBPACK_IMPORTED_MODULE_6__/* .TOOLS */ .It);
    const where = inputs.choice('where', WHERE, 'runner');
    const direction = inputs.choice('direction', ['up', 'down'], 'up');
    const steps = inputs.integer('steps', 1, { min: 1, max: 1000 });
    if (inputs.has('steps') && direction === 'up') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('steps', "only applies with 'direction: down'.", 'direction: down\nsteps: 2');
    }
    const dryRun = inputs.boolean('dry-run', false);
    const backup = inputs.boolean('backup', true);
    const rawUrl = inputs.raw('database-url');
    (0,_lib_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskUrlCredentials */ .gn)(rawUrl);
    const database = rawUrl ? (0,_database_url_js__WEBPACK_IMPORTED_MODULE_5__/* .parseDatabaseUrl */ .mx)(rawUrl) : undefined;
    if (where === 'runner' && !database) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('database-url', 'is required on the runner: the tool connects with it, and the migration lock and the backup use it.', `database-url: \${{ secrets.DATABASE_URL }}`);
    }
    if (!database && backup) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup', 'is true (the default) and needs database-url (the database as the server reaches it) to know what to dump. ' +
            'Give database-url, or set backup: false to migrate without a backup.', `database-url: \${{ secrets.DATABASE_URL }}  # postgres://app:secret@127.0.0.1:5432/app`);
    }
    if (!database && tool === 'sql') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('database-url', "is required with tool 'sql': the action applies the files itself.", `database-url: \${{ secrets.DATABASE_URL }}`);
    }
    const migrationsDir = inputs.optionalString('migrations-dir');
    const overrides = {
        up: inputs.optionalString('up'),
        status: inputs.optionalString('status'),
        down: inputs.optionalString('down'),
    };
    if (tool === 'sql') {
        for (const name of ['up', 'status', 'down']) {
            if (overrides[name] !== undefined) {
                throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, "cannot be used with tool 'sql', which applies the files itself. Use tool: command to run your own commands.", 'tool: command\nup: ./scripts/migrate.sh');
            }
        }
    }
    if (migrationsDir !== undefined && tool !== 'sql' && tool !== 'node-pg-migrate') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('migrations-dir', `is read by tools sql and node-pg-migrate only; ${tool} finds its migrations in its own configuration.`, `working-directory: backend   # where ${tool === 'alembic' ? 'alembic.ini' : tool === 'prisma' ? 'package.json' : 'your tool'} is`);
    }
    const commands = (0,_tools_js__WEBPACK_IMPORTED_MODULE_6__/* .toolCommands */ .tQ)(tool, { migrationsDir, steps, overrides });
    if (tool === 'command' && direction === 'up' && !commands.up) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('up', "is required with tool 'command'.", 'up: ./scripts/migrate.sh');
    }
    if (tool !== 'sql' && direction === 'down' && !commands.down) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('down', tool === 'prisma'
            ? 'is required to go down with prisma, which has no down migrations. Give your own revert command, or restore the backup.'
            : `is required with tool '${tool}' and direction: down.`, 'down: ./scripts/revert-last-migration.sh');
    }
    const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
    const wd = inputs.optionalString('working-directory');
    const workingDirectory = where === 'runner' ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, wd ?? '.') : (wd ?? '');
    const sqlDir = tool === 'sql'
        ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(where === 'runner' ? workingDirectory : workspace, migrationsDir ?? 'migrations')
        : undefined;
    const backupDirInput = inputs.optionalString('backup-dir');
    const backupDir = where === 'runner'
        ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, backupDirInput ?? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(env['RUNNER_TEMP'] || '/tmp', 'ops-actions-migrate'))
        : (backupDirInput ?? '');
    if (where === 'ssh' && backupDirInput !== undefined && /[\n\0]/.test(backupDirInput)) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup-dir', 'must be a single-line path.', 'backup-dir: /var/backups/app');
    }
    const localBackupDir = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(env['RUNNER_TEMP'] || '/tmp', 'ops-actions-migrate');
    const artifactName = inputs.optionalString('backup-artifact');
    const retentionDays = inputs.integer('backup-retention-days', 7, { min: 1, max: 90 });
    const backupDownload = inputs.boolean('backup-download', artifactName !== undefined && where === 'ssh');
    if (inputs.has('backup-download') && backupDownload && where !== 'ssh') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup-download', 'only applies with where: ssh (on the runner the dump is written on the runner already).', 'where: ssh\nbackup-download: true');
    }
    if (artifactName !== undefined && where === 'ssh' && !backupDownload) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('backup-download', 'is false, but backup-artifact needs the dump on the runner to upload it. Remove backup-download: false.', 'backup-download: true');
    }
    if ((artifactName !== undefined || backupDownload) && !backup) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(artifactName !== undefined ? 'backup-artifact' : 'backup-download', 'needs backup: true (there is no dump to keep otherwise).', 'backup: true');
    }
    if (artifactName !== undefined) {
        (0,_backup_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .validateArtifactName */ .YG)(artifactName);
        (0,_backup_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .checkArtifactRuntime */ .N5)(env);
    }
    const lockTimeoutMs = inputs.duration('lock-timeout', '10m', { min: 0, max: 6 * 3_600_000 });
    const timeoutMs = inputs.duration('timeout', '30m', { min: 1000, max: 6 * 3_600_000 });
    const toolEnv = inputs.keyValues('env');
    const remote = where === 'ssh' ? await readRemoteInputs(inputs) : undefined;
    if (where === 'runner') {
        // (inputs with a default in action.yml are always set, so only those without one are checked)
        for (const name of [
            'hosts',
            'private-key',
            'jump-host',
            'compose-service',
            'swarm-service',
            'backup-compose-service',
            'compose-file',
        ]) {
            if (inputs.has(name)) {
                throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(name, "is an SSH setting, but 'where' is runner. Set where: ssh to run the tool on the server.", 'where: ssh\nhosts: deploy@app.example.com');
            }
        }
    }
    return {
        tool,
        where,
        direction,
        steps,
        dryRun,
        backup,
        database,
        commands,
        workingDirectory,
        sqlDir,
        migrationsDir,
        backupDir: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(backupDir) || where === 'ssh' ? backupDir : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, backupDir),
        backupDownload,
        localBackupDir,
        backupArtifact: artifactName === undefined ? undefined : { name: artifactName, retentionDays },
        remote,
        lockTimeoutMs,
        timeoutMs,
        env: toolEnv,
    };
}


/***/ }),

/***/ 59153:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ TOOLS),
/* harmony export */   Pk: () => (/* binding */ parseFailedMigration),
/* harmony export */   ac: () => (/* binding */ historyTableOf),
/* harmony export */   ay: () => (/* binding */ commandLine),
/* harmony export */   e: () => (/* binding */ revertPlan),
/* harmony export */   i$: () => (/* binding */ parseStatus),
/* harmony export */   lC: () => (/* binding */ parseApplied),
/* harmony export */   tQ: () => (/* binding */ toolCommands),
/* harmony export */   wk: () => (/* binding */ currentMigrationQuery)
/* harmony export */ });
/* harmony import */ var _lib_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51328);
// The migration tools the action knows, as data: a pure function turns the tool and its options
// into the commands to run (unit-tested exactly, printed by dry-run), and pure parsers read what
// each tool prints back into pending / applied migration ids.

const TOOLS = ['sql', 'alembic', 'prisma', 'node-pg-migrate', 'command'];
/** The preset commands of each tool, with the user's overrides applied. */
function toolCommands(tool, opts) {
    const preset = presetCommands(tool, opts);
    const o = opts.overrides ?? {};
    return {
        up: o.up ? { shell: o.up } : preset.up,
        status: o.status ? { shell: o.status } : preset.status,
        down: o.down ? { shell: o.down } : preset.down,
    };
}
function presetCommands(tool, opts) {
    const steps = String(opts.steps);
    switch (tool) {
        case 'sql':
        case 'command':
            return { up: undefined, status: undefined, down: undefined };
        case 'alembic':
            return {
                up: { argv: ['alembic', 'upgrade', 'head'] },
                // `current:heads` lists the current revision too; --indicate-current marks it, and at base
                // nothing is marked, so the output alone tells what is applied and what is pending.
                status: { argv: ['alembic', 'history', '-r', 'current:heads', '--indicate-current'] },
                down: { argv: ['alembic', 'downgrade', `-${steps}`] },
            };
        case 'prisma':
            // --no-install: use the project's own prisma, never download one during a deploy.
            return {
                up: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'deploy'] },
                status: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'status'] },
                // Prisma has no down migrations: `prisma migrate resolve` only marks, it does not revert.
                down: undefined,
            };
        case 'node-pg-migrate': {
            const dir = opts.migrationsDir ? ['--migrations-dir', opts.migrationsDir] : [];
            const bin = ['npx', '--no-install', 'node-pg-migrate'];
            return {
                up: { argv: [...bin, 'up', ...dir] },
                status: { argv: [...bin, 'up', '--dry-run', ...dir] },
                down: { argv: [...bin, 'down', steps, ...dir] },
            };
        }
    }
}
/** A command as a person would type it, for logs, summaries and dry-run. */
function commandLine(cmd) {
    return 'argv' in cmd ? (0,_lib_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellJoin */ .nZ)(cmd.argv) : cmd.shell;
}
/**
 * SQL that reads the newest applied migration from the tool's own history table — for tools whose
 * status output does not say it. Guarded by to_regclass so a fresh database reads as none.
 */
function currentMigrationQuery(tool) {
    switch (tool) {
        case 'prisma':
            return `SELECT migration_name AS id FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
        ORDER BY finished_at DESC, migration_name DESC LIMIT 1`;
        case 'node-pg-migrate':
            return 'SELECT name AS id FROM pgmigrations ORDER BY run_on DESC, id DESC LIMIT 1';
        default:
            return undefined;
    }
}
/** The table currentMigrationQuery reads, checked with to_regclass first. */
function historyTableOf(tool) {
    if (tool === 'prisma')
        return '_prisma_migrations';
    if (tool === 'node-pg-migrate')
        return 'pgmigrations';
    return undefined;
}
/**
 * Reads a tool's status output. Undefined when the output is not what the tool prints (a
 * user's own status command, a newer tool version): the action then reports pending as unknown
 * instead of guessing.
 */
function parseStatus(tool, output) {
    const lines = output.split(/\r?\n/);
    switch (tool) {
        case 'alembic':
            return parseAlembicHistory(lines);
        case 'prisma':
            return parsePrismaStatus(lines);
        case 'node-pg-migrate':
            return parseNodePgMigrateList(lines);
        default:
            return undefined;
    }
}
/**
 * The ids a tool says it applied (up) or reverted (down), in order; undefined when its output
 * does not say (then the action compares pending before and after).
 */
function parseApplied(tool, direction, output) {
    const lines = output.split(/\r?\n/);
    switch (tool) {
        case 'alembic': {
            // INFO  [alembic.runtime.migration] Running upgrade r_a -> r_b, add b
            // INFO  [alembic.runtime.migration] Running downgrade r_b -> r_a, add b
            const re = direction === 'up'
                ? /Running upgrade (?:.*?) -> ([^\s,]+)/
                : /Running downgrade ([^\s,]+(?:, [^\s,]+)*) -> /;
            const ids = [];
            for (const l of lines) {
                const m = re.exec(l);
                if (m?.[1])
                    ids.push(...m[1].split(', '));
            }
            return ids;
        }
        case 'node-pg-migrate':
            return parseNodePgMigrateList(lines)?.pending;
        case 'prisma': {
            // Applying migration `20240101000000_init`
            const applying = lines
                .map((l) => /Applying migration `([^`]+)`/.exec(l)?.[1])
                .filter((x) => x !== undefined);
            if (applying.length > 0)
                return applying;
            if (lines.some((l) => /No pending migrations to apply/i.test(l)))
                return [];
            const start = lines.findIndex((l) => /migration(?:s|\(s\))? have been applied/i.test(l));
            if (start < 0)
                return undefined;
            const ids = [];
            for (const l of lines.slice(start + 1)) {
                // migrations/
                //   └─ 20240101000000_init/
                //     └─ migration.sql
                const m = /└─ ([^\s/]+)\/\s*$/.exec(l);
                if (m?.[1])
                    ids.push(m[1]);
            }
            return ids;
        }
        default:
            return undefined;
    }
}
/**
 * The migration a failed `up` was running, from the tool's output; undefined when it does not say.
 */
function parseFailedMigration(tool, output) {
    const lines = output.split(/\r?\n/);
    let found;
    for (const l of lines) {
        const m = tool === 'alembic'
            ? (/Running upgrade (?:.*?) -> ([^\s,]+)/.exec(l) ?? /Running downgrade ([^\s,]+) -> /.exec(l))
            : tool === 'node-pg-migrate'
                ? /### MIGRATION (\S+) \((?:UP|DOWN)\) ###/.exec(l)
                : tool === 'prisma'
                    ? (/Migration name: (\S+)/.exec(l) ?? /Applying migration `([^`]+)`/.exec(l))
                    : null;
        if (m?.[1])
            found = m[1];
    }
    return found;
}
/**
 * `alembic history -r current:heads --indicate-current`, newest first:
 *   r_b -> r_c (head), add c
 *   r_a -> r_b, add b
 *   <base> -> r_a (current), add a
 * Merge revisions read `r_x, r_y -> r_z (head) (mergepoint), msg`.
 */
function parseAlembicHistory(lines) {
    const entries = [];
    for (const l of lines) {
        const m = /^\s*(?:<base>|[^\s]+(?:, [^\s]+)*) -> ([^\s,]+)((?: \([a-z ]+\))*),/.exec(l);
        if (!m?.[1])
            continue;
        entries.push({ id: m[1], current: /\(current\)/.test(m[2] ?? '') });
    }
    const nonEmpty = lines.filter((l) => l.trim() !== '' && !/^\s*INFO\b/.test(l));
    if (entries.length === 0 && nonEmpty.length > 0)
        return undefined;
    const currentIndex = entries.findIndex((e) => e.current);
    // newest first: everything above the current revision is pending; at base, everything is.
    const pending = (currentIndex < 0 ? entries : entries.slice(0, currentIndex)).map((e) => e.id).reverse();
    return { pending, current: currentIndex < 0 ? '' : entries[currentIndex]?.id };
}
/**
 * `prisma migrate status`:
 *   Following migrations have not yet been applied:
 *   20240101000000_init
 *   20240102000000_add_orders
 *
 *   To apply migrations in production run prisma migrate deploy.
 * or `Database schema is up to date!`.
 */
function parsePrismaStatus(lines) {
    if (lines.some((l) => /Database schema is up to date/i.test(l)))
        return { pending: [] };
    const start = lines.findIndex((l) => /migrations? ha(?:ve|s) not yet been applied/i.test(l));
    if (start < 0)
        return undefined;
    const pending = [];
    for (const l of lines.slice(start + 1)) {
        const t = l.trim();
        if (t === '') {
            if (pending.length > 0)
                break;
            continue;
        }
        if (!/^[\w.-]+$/.test(t))
            break;
        pending.push(t);
    }
    return { pending };
}
/**
 * `node-pg-migrate up --dry-run` (and `up` / `down`):
 *   > Migrating files:
 *   > - 1700000000000_create-users
 * or `No migrations to run!`.
 */
function parseNodePgMigrateList(lines) {
    if (lines.some((l) => /No migrations to run!/.test(l)))
        return { pending: [] };
    const start = lines.findIndex((l) => /> Migrating files:/.test(l));
    if (start < 0)
        return undefined;
    const pending = [];
    for (const l of lines.slice(start + 1)) {
        const m = /^> - (\S+)\s*$/.exec(l.trim());
        if (!m?.[1])
            break;
        pending.push(m[1]);
    }
    return { pending };
}
/**
 * How to revert the migrations a release applied — for rollback: `applied` is that release's
 * `applied` output (JSON-parsed). Reverting N migrations is `direction: down` with `steps: N`; for
 * `sql` the action applies the `.down.sql` files itself (command undefined), for prisma there is no
 * down unless the user gave one (then: restore the backup).
 */
function revertPlan(tool, applied, opts = {}) {
    const steps = applied.length;
    if (steps === 0)
        return { steps, command: undefined, possible: true };
    const command = toolCommands(tool, { ...opts, steps }).down;
    return { steps, command, possible: tool === 'sql' || command !== undefined };
}


/***/ })

};
