// The pg_dump backup on the runner holds the whole database: it must never be readable by others,
// not even while pg_dump writes it. A pg_dump wrapper placed first on PATH runs the real pg_dump and
// records the mode of the `.partial` file it wrote (before the action renames it).
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});

describe('migrate backup on the runner', () => {
  it('the .partial file pg_dump writes is 0600 from the start, and so is the dump', async () => {
    const db = await createTestDatabase('backup_mode');
    dbs.push(db);
    const bin = mkdtempSync(join(tmpdir(), 'ops-pgdump-wrapper-'));
    const modeLog = join(bin, 'modes.log');
    writeFileSync(
      join(bin, 'pg_dump'),
      [
        '#!/bin/sh',
        'for a in "$@"; do case "$a" in --file=*) f="${a#--file=}" ;; esac; done',
        '/usr/bin/pg_dump "$@"; rc=$?',
        `stat -c '%n %a' "$f" >> '${modeLog}'`,
        'exit $rc',
      ].join('\n') + '\n',
    );
    chmodSync(join(bin, 'pg_dump'), 0o755);
    const workspace = makeWorkspace({ 'migrations/0001_t.sql': 'CREATE TABLE t (id int);\n' }, 'backup-mode');
    const r = await runAction('migrate', {
      inputs: { tool: 'sql', 'database-url': db.url, backup: 'true' },
      workspace,
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    });
    expect(r.exitCode, r.log).toBe(0);
    const seen = readFileSync(modeLog, 'utf8').trim().split(' ');
    expect(seen[0]).toMatch(/\.dump\.partial$/);
    expect(seen[1]).toBe('600');
    const path = r.outputs['backup-path'] ?? '';
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });
});
