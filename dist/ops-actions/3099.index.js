export const id = 3099;
export const ids = [3099];
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


/***/ })

};
