export const id = 949;
export const ids = [949];
export const modules = {

/***/ 80949:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: ./build/actions/migrate/inputs.js
var migrate_inputs = __webpack_require__(62549);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/actions/migrate/backup.js
var backup = __webpack_require__(83822);
;// CONCATENATED MODULE: ./build/actions/migrate/report.js
// What a migrate run tells the workflow (outputs) and the person reading the job (summary).



/**
 * The step's outputs. Lists are JSON arrays (`["0001_init","0002_orders"]`, usable with
 * fromJSON); a list the tool does not report is '' rather than a guessed `[]`.
 */
function migrateOutputs(r) {
    const list = (ids) => (ids === undefined ? '' : JSON.stringify(ids));
    return {
        outcome: r.outcome,
        applied: r.direction === 'up' ? list(r.applied) : '[]',
        'applied-count': r.direction === 'up' && r.applied !== undefined
            ? String(r.applied.length)
            : r.direction === 'up'
                ? ''
                : '0',
        reverted: r.direction === 'down' ? list(r.applied) : '[]',
        'pending-before': list(r.pendingBefore),
        current: r.current ?? '',
        'backup-path': r.backup.state === 'taken' ? (r.backup.result?.path ?? '') : '',
        'backup-size': r.backup.state === 'taken' ? String(r.backup.result?.sizeBytes ?? '') : '',
        'backup-local-path': r.backup.state === 'taken' ? (r.backup.result?.localPath ?? '') : '',
        'backup-artifact-id': r.backup.state === 'taken' && r.backup.result?.artifact ? String(r.backup.result.artifact.id) : '',
        'backup-artifact-name': r.backup.state === 'taken' ? (r.backup.result?.artifact?.name ?? '') : '',
        'failed-migration': r.failedMigration ?? '',
    };
}
const OUTCOME_TEXT = {
    success: 'migrated',
    'up-to-date': 'already up to date',
    'dry-run': 'dry-run: nothing applied',
    failure: 'failed',
};
/** The job summary: one table a person reads at a glance, then the migrations, then what to do on failure. */
function migrateSummary(r) {
    const icon = r.outcome === 'failure'
        ? (0,summary/* statusIcon */.I8)('failure')
        : r.outcome === 'dry-run'
            ? (0,summary/* statusIcon */.I8)('skipped')
            : (0,summary/* statusIcon */.I8)('success');
    const verb = r.direction === 'up' ? 'Applied' : 'Reverted';
    const ids = (x) => x === undefined ? 'not reported by the tool' : x.length === 0 ? 'none' : `${x.length}: ${x.join(', ')}`;
    const lock = r.lock.taken
        ? `held${r.lock.waitedMs !== undefined && r.lock.waitedMs >= 1000 ? ` (waited ${(0,duration/* formatDuration */.a)(r.lock.waitedMs)}${r.lock.waitedFor ? ` for ${r.lock.waitedFor}` : ''})` : ''}`
        : `not taken${r.lock.note ? ` (${r.lock.note})` : ''}`;
    const rows = [
        ['Result', `${icon} ${OUTCOME_TEXT[r.outcome]}`],
        ['Tool', `${r.tool} (${r.direction}) on ${r.where}`],
        ['Database', r.database ?? '—'],
        ['Migration lock', lock],
        ['Backup', backupText(r)],
        ['Pending before', ids(r.pendingBefore)],
        [
            r.dryRun ? `Would ${r.direction === 'up' ? 'apply' : 'revert'}` : verb,
            r.dryRun ? ids(r.steps.map((s) => s.id)) : ids(r.applied),
        ],
        ['Current', r.current === undefined ? 'not reported' : r.current || '(none)'],
        ['Duration', (0,duration/* formatDuration */.a)(r.durationMs)],
    ];
    const parts = [`### ${icon} Database migration (${r.tool})`, '', (0,summary/* markdownTable */.Qj)(['Item', 'Detail'], rows)];
    if (r.steps.length > 0 && !r.dryRun) {
        parts.push('', (0,summary/* markdownTable */.Qj)(['Migration', 'Status', 'Time'], r.steps.map((s) => [
            `\`${s.id}\``,
            `${s.status === 'failed' ? (0,summary/* statusIcon */.I8)('failure') : s.status === 'pending' || s.status === 'to revert' ? (0,summary/* statusIcon */.I8)('skipped') : (0,summary/* statusIcon */.I8)('success')} ${s.status === 'pending' ? 'not run' : s.status}`,
            s.durationMs === undefined ? '' : (0,duration/* formatDuration */.a)(s.durationMs),
        ])));
    }
    if (r.outcome === 'failure') {
        const lines = [''];
        if (r.failedMigration)
            lines.push(`**Failed migration:** \`${r.failedMigration}\``);
        if (r.error)
            lines.push('', '```', r.error.slice(0, 2000), '```');
        if (r.backup.state === 'taken' && r.backup.result) {
            lines.push('', `**Backup taken before migrating:** \`${r.backup.result.path}\` on the ${r.where === 'runner' ? 'runner' : `server ${r.where}`}. ` +
                'To restore it into the database: `pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" <file>`.');
        }
        parts.push(...lines);
    }
    return `${parts.join('\n')}\n`;
}
function backupText(r) {
    switch (r.backup.state) {
        case 'off':
            return 'off (backup: false)';
        case 'skipped':
            return `not taken${r.backup.note ? ` (${r.backup.note})` : ''}`;
        case 'failed':
            return `${(0,summary/* statusIcon */.I8)('failure')} failed: ${r.backup.note ?? ''}`;
        case 'taken': {
            const b = r.backup.result;
            if (!b)
                return 'taken';
            const copies = [
                b.localPath && b.localPath !== b.path ? `runner copy \`${b.localPath}\`` : '',
                b.artifact ? `artifact \`${b.artifact.name}\` (id ${b.artifact.id})` : '',
            ].filter(Boolean);
            return `\`${b.path}\` (${(0,backup/* formatBytes */.z3)(b.sizeBytes)}, ${(0,duration/* formatDuration */.a)(b.durationMs)})${copies.length > 0 ? `; ${copies.join(', ')}` : ''}`;
        }
    }
}

;// CONCATENATED MODULE: ./build/actions/migrate/main.js





async function main() {
    const inputs = await (0,migrate_inputs/* parseMigrateInputs */.Gg)(new lib_inputs/* Inputs */.G0());
    // the runner (pg, the ssh client, the tools) loads once the inputs are valid: it is most of a cold start
    const { migrateWithInputs } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(4944), __webpack_require__.e(2963)]).then(__webpack_require__.bind(__webpack_require__, 22963));
    const { report, error } = await migrateWithInputs(inputs, {
        log: (line) => core/* info */.pq(line),
        group: (name, fn) => core/* group */.Os(name, fn),
    });
    for (const [name, value] of Object.entries(migrateOutputs(report)))
        core/* setOutput */.uH(name, value);
    await (0,summary/* writeSummary */.Sy)(migrateSummary(report));
    if (error !== undefined)
        throw error;
}


/***/ })

};
