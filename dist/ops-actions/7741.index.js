export const id = 7741;
export const ids = [7741,3099];
export const modules = {

/***/ 23099:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ migrationListingCommand),
/* harmony export */   Cp: () => (/* binding */ findIrreversible),
/* harmony export */   _S: () => (/* binding */ parseListing),
/* harmony export */   irreversibleMessage: () => (/* binding */ irreversibleMessage)
/* harmony export */ });
/* unused harmony exports FILE_MARK, alembicRevisionOf, alembicDowngradeIsEmpty, nodePgMigrateNoDown */
/* harmony import */ var _lib_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51328);
// Which migrations have no down step, read from their files where the tool runs (the runner, the
// server, or the compose service): rollback's migrate-down refuses to move code back past one of
// them before anything changes. alembic: a downgrade() whose body is only `pass` (docstrings and
// comments aside); node-pg-migrate: `down = false` or no down at all (a .sql file: no
// `-- Down Migration` section, or an empty one); sql: no <id>.down.sql. prisma and command cannot be
// read: they need a down command, as before.

/** Printed before each file by the listing command. */
const FILE_MARK = '@@ops-actions-migration-file ';
/**
 * The shell command (run in the tool's working directory) that prints every migration file of
 * the tool, each after a FILE_MARK line; undefined for tools whose files cannot be read.
 */
function migrationListingCommand(tool, migrationsDir) {
    const dump = (glob) => `for f in ${glob}; do if [ -f "$f" ]; then echo "${FILE_MARK}$f"; cat "$f"; echo; fi; done; true`;
    if (tool === 'alembic') {
        // script_location from alembic.ini (%(here)s is the ini's folder, the working directory)
        return {
            shell: "loc=$(sed -n 's/^[[:space:]]*script_location[[:space:]]*=[[:space:]]*//p' alembic.ini 2>/dev/null | head -n 1 | sed 's#^%(here)s/##; s#[[:space:]]*$##'); " +
                'loc=${loc:-alembic}; ' +
                dump('"$loc"/versions/*.py'),
        };
    }
    if (tool === 'node-pg-migrate') {
        return { shell: dump(`${(0,_lib_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .ZL)(migrationsDir ?? 'migrations')}/*`) };
    }
    return undefined;
}
/** Splits the listing command's output into files. */
function parseListing(output) {
    const files = new Map();
    let name;
    let lines = [];
    const flush = () => {
        if (name !== undefined)
            files.set(name, lines.join('\n'));
    };
    for (const line of output.split('\n')) {
        if (line.startsWith(FILE_MARK)) {
            flush();
            name = line.slice(FILE_MARK.length).trim();
            lines = [];
        }
        else
            lines.push(line);
    }
    flush();
    return files;
}
/** alembic: the revision id a file declares (`revision = 'abc'`, `revision: str = "abc"`). */
function alembicRevisionOf(source) {
    return /^revision\s*(?::\s*[\w[\], |]+)?=\s*['"]([^'"]+)['"]/m.exec(source)?.[1];
}
/** alembic: true when downgrade() does nothing (only pass, docstrings, comments, `...`). */
function alembicDowngradeIsEmpty(source) {
    const lines = source.split('\n');
    const start = lines.findIndex((l) => /^def\s+downgrade\s*\(/.test(l));
    if (start < 0)
        return undefined;
    const body = [];
    // the signature may span lines; what follows its ':' on the same line is body too (`def downgrade(): pass`)
    let i = start;
    while (i < lines.length - 1 && !/\)\s*(->[^:]*)?:/.test(lines[i] ?? ''))
        i++;
    const after = (lines[i] ?? '')
        .replace(/#.*$/, '')
        .replace(/^.*?\)\s*(->[^:]*)?:/, '')
        .trim();
    if (after)
        body.push(after);
    for (i = i + 1; i < lines.length; i++) {
        const l = lines[i] ?? '';
        if (l.trim() !== '' && !/^\s/.test(l))
            break; // next top-level statement
        body.push(l);
    }
    const code = body
        .join('\n')
        .replace(/("""|''')[\s\S]*?\1/g, '')
        .split('\n')
        .map((l) => l.replace(/#.*$/, '').trim())
        .filter((l) => l !== '' && l !== 'pass' && l !== '...');
    return code.length === 0;
}
/** node-pg-migrate: why the migration cannot go down, or undefined when it can. */
function nodePgMigrateNoDown(file, source) {
    if (file.endsWith('.sql')) {
        const down = /^\s*--\s*Down Migration\s*$/im.exec(source);
        if (!down)
            return 'its .sql file has no "-- Down Migration" section';
        const rest = source
            .slice(down.index + down[0].length)
            .split('\n')
            .map((l) => l.replace(/--.*$/, '').trim())
            .filter(Boolean);
        return rest.length === 0 ? 'its "-- Down Migration" section is empty' : undefined;
    }
    if (/\bdown\s*[=:]\s*false\b/.test(source))
        return 'it sets down = false (irreversible)';
    const hasDown = /\bexports\.down\s*=/.test(source) ||
        /\bexport\s+(?:const|let|var|async\s+function|function)\s+down\b/.test(source) ||
        /module\.exports\s*=\s*\{[\s\S]*\bdown\b/.test(source) ||
        /\bexport\s*\{[^}]*\bdown\b[^}]*\}/.test(source);
    return hasDown ? undefined : 'it exports no down function';
}
const baseName = (path) => path.split('/').pop() ?? path;
/**
 * The applied migrations (ids as the migrate step reported them) that have no down step, judged
 * from the listed files. A migration whose file is not found is reported too: it cannot be known.
 */
function findIrreversible(tool, applied, files) {
    const out = [];
    for (const id of applied) {
        if (tool === 'alembic') {
            const hit = [...files].find(([, src]) => alembicRevisionOf(src) === id);
            if (!hit) {
                out.push({ id, file: undefined, reason: 'no file in the versions folder declares this revision' });
                continue;
            }
            const empty = alembicDowngradeIsEmpty(hit[1]);
            if (empty !== false) {
                out.push({
                    id,
                    file: hit[0],
                    reason: empty ? 'its downgrade() only passes' : 'it has no downgrade() function',
                });
            }
        }
        else if (tool === 'node-pg-migrate') {
            const hit = [...files].find(([f]) => baseName(f).replace(/\.[^.]+$/, '') === id);
            if (!hit) {
                out.push({ id, file: undefined, reason: 'no file in the migrations folder has this name' });
                continue;
            }
            const why = nodePgMigrateNoDown(hit[0], hit[1]);
            if (why)
                out.push({ id, file: hit[0], reason: why });
        }
    }
    return out;
}
/** The step's error when migrate-down refuses: the migrations, why, and the two ways out. */
function irreversibleMessage(list, opts) {
    const what = list.map((m) => `${m.id}${m.file ? ` (${m.file})` : ''}: ${m.reason}`).join('; ');
    return (`cannot move the code back past migration(s) without a down step — ${what}. ` +
        'Nothing was changed: no migration was reverted and no code was switched. ' +
        'Fix: add the down step (alembic: a real downgrade(); node-pg-migrate: an exports.down; sql: the .down.sql file) and re-run; ' +
        `or set ${opts.allowInput}: true to switch the code back and leave the schema as it is` +
        (opts.backupPath
            ? ` (restore ${opts.backupPath} with pg_restore if the old code needs the old schema).`
            : '.'));
}


/***/ }),

/***/ 17741:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MIGRATE_INPUT_MAP: () => (/* binding */ MIGRATE_INPUT_MAP),
/* harmony export */   describeMigrateDown: () => (/* binding */ describeMigrateDown),
/* harmony export */   findIrreversibleMigrations: () => (/* binding */ findIrreversibleMigrations),
/* harmony export */   manualSchemaWarning: () => (/* binding */ manualSchemaWarning),
/* harmony export */   parseApplied: () => (/* binding */ parseApplied),
/* harmony export */   readMigrateDown: () => (/* binding */ readMigrateDown),
/* harmony export */   revertFailedMessage: () => (/* binding */ revertFailedMessage),
/* harmony export */   revertedBeforeFailureNote: () => (/* binding */ revertedBeforeFailureNote),
/* harmony export */   runMigrateDown: () => (/* binding */ runMigrateDown)
/* harmony export */ });
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _lib_ssh_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85648);
/* harmony import */ var _lib_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52307);
/* harmony import */ var _migrate_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62549);
/* harmony import */ var _migrate_reversible_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(23099);
/* harmony import */ var _migrate_run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22963);
/* harmony import */ var _migrate_sql_runner_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5297);
/* harmony import */ var _migrate_tools_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(59153);
// migrate-down: revert the migrations the failed release applied, with the migrate stage's own
// code (actions/migrate: the same presets, lock, runner or SSH target). The rollback passes the
// ids the migrate step reported as `applied`; their count is the number of steps to go down. A tool
// without down migrations (prisma, unless a down command is given) is not reverted: the rollback
// warns that the schema must be rolled back by hand, and names the backup the migrate step took.








/** The rollback's input name for each migrate input it passes on. */
const MIGRATE_INPUT_MAP = {
    where: 'migrate-where',
    'database-url': 'database-url',
    'working-directory': 'migrate-working-directory',
    'migrations-dir': 'migrate-migrations-dir',
    down: 'migrate-down-command',
    'compose-service': 'migrate-compose-service',
};
/** The `applied` output of the migrate step: a JSON array (`["0002_orders"]`), or ids one per line / comma-separated. */
function parseApplied(text) {
    const t = text.trim();
    if (t === '')
        return [];
    if (t.startsWith('[')) {
        let v;
        try {
            v = JSON.parse(t);
        }
        catch {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-applied', 'starts with [ but is not a JSON array.', 'migrate-applied: ${{ steps.migrate.outputs.applied }}');
        }
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-applied', 'must be a JSON array of migration ids (strings), as the migrate step outputs it.', 'migrate-applied: ${{ steps.migrate.outputs.applied }}');
        }
        return v.map((s) => s.trim());
    }
    return t
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** Reads the migrate inputs of migrate-down: true, validated by the migrate stage's own parser. */
async function readMigrateDown(inputs, ctx) {
    const tool = inputs.choice('migrate-tool', _migrate_tools_js__WEBPACK_IMPORTED_MODULE_6__/* .TOOLS */ .It);
    if (!inputs.has('migrate-applied')) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-applied', 'is required with migrate-down: the migrations the failed release applied (the migrate step’s applied output).', 'migrate-applied: ${{ steps.migrate.outputs.applied }}');
    }
    const applied = parseApplied(inputs.raw('migrate-applied'));
    const explicitDown = inputs.has('migrate-down-command');
    if (tool === 'command' && !explicitDown && applied.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-down-command', "is required with migrate-tool 'command' and migrate-down: true: the action cannot read which migration is current with your own tool, so it reverts only with the down command you give.", 'migrate-down-command: ./scripts/migrate.sh down 1');
    }
    const backupPath = inputs.optionalString('migrate-backup-path');
    const plan = (0,_migrate_tools_js__WEBPACK_IMPORTED_MODULE_6__/* .revertPlan */ .e)(tool, applied, {
        migrationsDir: inputs.optionalString('migrate-migrations-dir'),
        overrides: { down: inputs.optionalString('migrate-down-command') },
    });
    if (applied.length === 0)
        return { mode: 'nothing', tool, applied, backupPath };
    if (!plan.possible)
        return { mode: 'manual', tool, applied, backupPath };
    if (ctx.target === 'koyeb' && inputs.raw('migrate-where').toLowerCase() === 'ssh') {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-where', 'ssh needs the SSH inputs of target: ssh; with target: koyeb the tool runs on the runner (migrate-where: runner) with database-url.', 'migrate-where: runner');
    }
    const migrate = await parseMapped(inputs, tool, plan.steps, ctx);
    const allowIrreversible = inputs.boolean('migrate-allow-irreversible', false);
    return { mode: 'revert', tool, applied, migrate, backupPath, explicitDown, allowIrreversible };
}
/** parseMigrateInputs over the rollback's inputs, renamed; its errors name the rollback's input. */
async function parseMapped(inputs, tool, steps, ctx) {
    const where = inputs.raw('migrate-where').toLowerCase() === 'ssh' ? 'ssh' : 'runner';
    const hosts = inputs.list('hosts');
    const fixed = {
        tool,
        direction: 'down',
        steps: String(steps),
        'dry-run': 'false',
        backup: 'false',
        'lock-timeout': inputs.raw('lock-timeout'),
        timeout: inputs.raw('command-timeout'),
        // migrations run once, on the first server
        hosts: where === 'ssh' ? (hosts[0] ?? '') : '',
        'compose-file': where === 'ssh' ? (ctx.compose?.files.join('\n') ?? '') : '',
        'compose-command': ctx.compose?.command.join(' ') ?? '',
        'working-directory': inputs.raw('migrate-working-directory') || (where === 'ssh' ? (ctx.appDir ?? '') : ''),
    };
    // the SSH inputs, except hosts (the first one only, above)
    const ssh = new Set(_lib_ssh_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .SSH_INPUT_NAMES */ .hY.filter((n) => n !== 'hosts'));
    const reader = (name) => {
        if (name in fixed)
            return (fixed[name] ?? '').trim();
        const mapped = MIGRATE_INPUT_MAP[name];
        if (mapped)
            return inputs.raw(mapped);
        if (ssh.has(name))
            return where === 'ssh' ? inputs.raw(name) : '';
        return '';
    };
    try {
        return await (0,_migrate_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseMigrateInputs */ .Gg)(new _lib_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0(reader), ctx.env);
    }
    catch (error) {
        if (error instanceof _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 && error.input && MIGRATE_INPUT_MAP[error.input]) {
            const name = MIGRATE_INPUT_MAP[error.input];
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, error.problem, error.example?.split(`${error.input}:`).join(`${name}:`));
        }
        throw error;
    }
}
/**
 * Reads the failed release's migration files where the tool runs (runner, server, compose
 * service) and returns those without a down step — before anything is reverted or switched.
 * alembic and node-pg-migrate: their files; sql: the folder on the runner; prisma and command:
 * nothing can be read (they revert only with the down command given).
 */
async function findIrreversibleMigrations(cfg, opts) {
    if (cfg.tool === 'sql') {
        if (!cfg.migrate.sqlDir)
            return [];
        const folder = await (0,_migrate_sql_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .readSqlFolder */ .Zf)(cfg.migrate.sqlDir);
        return cfg.applied.flatMap((id) => {
            const m = folder.migrations.find((x) => x.id === id);
            if (!m)
                return [{ id, file: undefined, reason: `no ${id}.sql in ${folder.dir}` }];
            return m.downFile === undefined ? [{ id, file: m.file, reason: `no ${id}.down.sql next to it` }] : [];
        });
    }
    const cmd = (0,_migrate_reversible_js__WEBPACK_IMPORTED_MODULE_7__/* .migrationListingCommand */ .AI)(cfg.tool, cfg.migrate.migrationsDir);
    if (!cmd)
        return [];
    const target = (0,_migrate_run_js__WEBPACK_IMPORTED_MODULE_4__/* .migrateTarget */ .L)(cfg.migrate, opts);
    try {
        const r = await target.deps.runner.run(cmd, {
            env: {},
            timeoutMs: 60_000,
            label: 'list migrations',
            silent: true,
        });
        return (0,_migrate_reversible_js__WEBPACK_IMPORTED_MODULE_7__/* .findIrreversible */ .Cp)(cfg.tool, cfg.applied, (0,_migrate_reversible_js__WEBPACK_IMPORTED_MODULE_7__/* .parseListing */ ._S)(r.stdout));
    }
    finally {
        await target.close();
    }
}
/** The message for a tool that cannot go down: schema rollback is manual. */
function manualSchemaWarning(cfg) {
    return (`migrate-down: ${cfg.tool} has no down migrations, so the schema was NOT rolled back — it still has ` +
        `${cfg.applied.join(', ')} from the failed release. Roll the schema back by hand` +
        (cfg.backupPath
            ? `: restore the backup the migrate step took before it, ${cfg.backupPath} (pg_restore --clean --if-exists -d <database> ${cfg.backupPath}).`
            : ' (no migrate-backup-path was given: pass the migrate step’s backup-path output to have it named here).'));
}
/**
 * Reverts the migrations in one migrate run that, under the migration lock and before reverting,
 * refuses when the database's newest migration is not the failed release's newest (something
 * migrated since): nothing can migrate between that check and the revert.
 */
async function runMigrateDown(cfg, opts) {
    const base = { mode: cfg.mode, tool: cfg.tool, applied: cfg.applied, backupPath: cfg.backupPath };
    if (cfg.mode === 'nothing') {
        opts.log('migrate-down: the failed release applied no migration; nothing to revert.');
        return { ...base, reverted: [], report: undefined, error: undefined };
    }
    if (cfg.mode === 'manual') {
        opts.warn(manualSchemaWarning(cfg));
        return { ...base, reverted: undefined, report: undefined, error: undefined };
    }
    let irreversible;
    try {
        irreversible = opts.irreversible ?? (await findIrreversibleMigrations(cfg, opts));
    }
    catch (error) {
        return {
            ...base,
            reverted: [],
            report: undefined,
            error: `could not read the migration files to check each has a down step: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}. Nothing was reverted. Set migrate-allow-irreversible: true to skip the check.`,
        };
    }
    if (irreversible.length > 0) {
        const message = (0,_migrate_reversible_js__WEBPACK_IMPORTED_MODULE_7__.irreversibleMessage)(irreversible, {
            allowInput: 'migrate-allow-irreversible',
            backupPath: cfg.backupPath,
        });
        if (!cfg.allowIrreversible)
            return { ...base, reverted: [], report: undefined, error: message, irreversible };
        opts.warn(`migrate-down: migrate-allow-irreversible is true, so the code goes back but the schema is NOT reverted: ` +
            `${irreversible.map((m) => `${m.id} (${m.reason})`).join('; ')}. ${cfg.applied.join(', ')} stay applied` +
            (cfg.backupPath ? `; the backup taken before them is ${cfg.backupPath}.` : '.'));
        return { ...base, reverted: [], report: undefined, error: undefined, irreversible };
    }
    const run = opts.run ?? _migrate_run_js__WEBPACK_IMPORTED_MODULE_4__.migrateWithInputs;
    const done = await run(cfg.migrate, {
        ...opts,
        downGuard: { applied: cfg.applied, allowUnknownCurrent: cfg.explicitDown },
    });
    return {
        ...base,
        reverted: done.report.applied,
        report: done.report,
        error: done.error === undefined ? undefined : (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(done.error),
    };
}
function restoreHint(backupPath) {
    return backupPath
        ? `restore the backup the migrate step took before the failed release, ${backupPath} (pg_restore --clean --if-exists -d <database> ${backupPath})`
        : 'revert the schema by hand (pass the migrate step’s backup-path output as migrate-backup-path to have its backup named here)';
}
/**
 * target ssh: migrate-down runs before the code is switched back, so when it fails nothing was
 * switched. The step's error: what failed, what the hosts and the schema are now, what to do.
 */
function revertFailedMessage(m, from) {
    const running = from.length > 0 ? from.join(', ') : 'the failed release';
    const done = m.reverted ?? [];
    const left = m.applied.filter((id) => !done.includes(id));
    const schema = done.length === 0
        ? `The schema was not changed: ${m.applied.join(', ')} are still applied.`
        : `The schema is partly reverted: ${done.join(', ')} reverted, ${left.join(', ') || 'none'} still applied.`;
    return (`Reverting the migrations failed, so the code was NOT rolled back: nothing was switched, every host still runs ${running}. ` +
        `migrate-down (${m.tool}): ${m.error ?? 'failed'}\n` +
        `${schema}\n` +
        `What to do: fix the cause and re-run the rollback${done.length > 0 ? ` with migrate-applied listing only what is still applied (${JSON.stringify(left)})` : ''}; ` +
        `or ${restoreHint(m.backupPath)}, then re-run the rollback with migrate-down: false.`);
}
/**
 * target ssh: the migrations were reverted, but a host then failed to switch back (and was put back
 * on the failed release, or not): said with the rollback's error, so nobody re-runs migrate-down.
 */
function revertedBeforeFailureNote(m) {
    if (!m || m.mode !== 'revert' || m.error || (m.reverted ?? []).length === 0)
        return undefined;
    return (`Note: migrate-down had already reverted ${(m.reverted ?? []).join(', ')} before the code was switched: ` +
        'the schema is the one from before the failed release. Finish the rollback with migrate-down: false, ' +
        'or re-apply those migrations (the migrate step) if the failed release stays.');
}
/** migrate-down as one line of the dry-run plan. */
function describeMigrateDown(cfg) {
    switch (cfg.mode) {
        case 'nothing':
            return 'migrate-down: the failed release applied no migration, nothing to revert';
        case 'manual':
            return `migrate-down: ${cfg.tool} has no down migrations — warn that ${cfg.applied.join(', ')} must be reverted by hand`;
        case 'revert':
            return `migrate-down: revert ${[...cfg.applied].reverse().join(', ')} (${cfg.tool}, ${cfg.migrate.remote ? `on ${cfg.migrate.remote.host.label}` : 'on the runner'}); if it fails, stop: nothing is switched`;
    }
}


/***/ })

};
