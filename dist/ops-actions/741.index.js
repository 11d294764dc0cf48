export const id = 741;
export const ids = [741];
export const modules = {

/***/ 17741:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MIGRATE_INPUT_MAP: () => (/* binding */ MIGRATE_INPUT_MAP),
/* harmony export */   describeMigrateDown: () => (/* binding */ describeMigrateDown),
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
/* harmony import */ var _migrate_run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27125);
/* harmony import */ var _migrate_tools_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(59153);
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
function readMigrateDown(inputs, ctx) {
    const tool = inputs.choice('migrate-tool', _migrate_tools_js__WEBPACK_IMPORTED_MODULE_5__/* .TOOLS */ .It);
    if (!inputs.has('migrate-applied')) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-applied', 'is required with migrate-down: the migrations the failed release applied (the migrate step’s applied output).', 'migrate-applied: ${{ steps.migrate.outputs.applied }}');
    }
    const applied = parseApplied(inputs.raw('migrate-applied'));
    const explicitDown = inputs.has('migrate-down-command');
    if (tool === 'command' && !explicitDown && applied.length > 0) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('migrate-down-command', "is required with migrate-tool 'command' and migrate-down: true: the action cannot read which migration is current with your own tool, so it reverts only with the down command you give.", 'migrate-down-command: ./scripts/migrate.sh down 1');
    }
    const backupPath = inputs.optionalString('migrate-backup-path');
    const plan = (0,_migrate_tools_js__WEBPACK_IMPORTED_MODULE_5__/* .revertPlan */ .e)(tool, applied, {
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
    const migrate = parseMapped(inputs, tool, plan.steps, ctx);
    return { mode: 'revert', tool, applied, migrate, backupPath, explicitDown };
}
/** parseMigrateInputs over the rollback's inputs, renamed; its errors name the rollback's input. */
function parseMapped(inputs, tool, steps, ctx) {
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
        return (0,_migrate_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseMigrateInputs */ .Gg)(new _lib_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0(reader), ctx.env);
    }
    catch (error) {
        if (error instanceof _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 && error.input && MIGRATE_INPUT_MAP[error.input]) {
            const name = MIGRATE_INPUT_MAP[error.input];
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(name, error.problem, error.example?.split(`${error.input}:`).join(`${name}:`));
        }
        throw error;
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
    const run = opts.run ?? _migrate_run_js__WEBPACK_IMPORTED_MODULE_4__/* .migrateWithInputs */ .r;
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
