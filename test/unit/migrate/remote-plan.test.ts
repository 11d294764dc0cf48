import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../../actions/migrate/database-url.js';
import {
  composeExecPrefix,
  parseRemoteBackup,
  remoteBackupPlan,
  remoteToolCommand,
} from '../../../actions/migrate/remote-plan.js';

const compose = { command: ['docker', 'compose'], files: ['compose.prod.yaml'], service: 'backend' };

describe('remoteToolCommand', () => {
  it('on the host: the command as it is', () => {
    expect(remoteToolCommand({ argv: ['alembic', 'upgrade', 'head'] }, undefined, ['PGAPPNAME'])).toBe(
      'alembic upgrade head',
    );
    expect(remoteToolCommand({ shell: 'make migrate' }, undefined, [])).toBe('make migrate');
  });

  it('in a compose service: exec -T, variables passed by name only', () => {
    expect(
      remoteToolCommand({ argv: ['alembic', 'upgrade', 'head'] }, compose, ['PGAPPNAME', 'APP_ENV']),
    ).toBe(
      'docker compose -f compose.prod.yaml exec -T -e PGAPPNAME -e APP_ENV backend alembic upgrade head',
    );
    expect(remoteToolCommand({ shell: "alembic -x tenant='a b' upgrade head" }, compose, [])).toBe(
      `docker compose -f compose.prod.yaml exec -T backend sh -c 'alembic -x tenant='\\''a b'\\'' upgrade head'`,
    );
    expect(composeExecPrefix({ command: ['docker-compose'], files: [], service: 'web' }, [])).toBe(
      'docker-compose exec -T web',
    );
  });
});

describe('remoteBackupPlan', () => {
  const db = parseDatabaseUrl('postgres://app:s3cret-pw@127.0.0.1:5432/shop');

  it('never puts the password in the script (it comes from the exported environment)', () => {
    const { script } = remoteBackupPlan(db, {
      dir: '/srv/backups',
      fileName: 'shop.dump',
      compose: undefined,
    });
    expect(script).not.toContain('s3cret-pw');
    expect(script).toContain('dir=/srv/backups\n');
    expect(script).toContain(
      'pg_dump --format=custom --no-password --dbname=postgres://app@127.0.0.1:5432/shop > "$file.partial"',
    );
    const inCompose = remoteBackupPlan(db, {
      dir: '',
      fileName: 'shop.dump',
      compose: { ...compose, service: 'db' },
    });
    expect(inCompose.script).toContain('dir="$HOME/ops-actions-backups"');
    expect(inCompose.script).toContain(
      'docker compose -f compose.prod.yaml exec -T -e PGPASSWORD -e PGAPPNAME -e PGCONNECT_TIMEOUT db pg_dump --format=custom',
    );
  });

  it('runs under sh: a dump only appears when pg_dump succeeded, mode 600, and reports path and size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-remote-plan-'));
    const bin = join(dir, 'bin');
    execFileSync('mkdir', [bin]);
    // stand-ins for pg_dump: one that writes a dump, one that fails half-way
    writeFileSync(join(bin, 'pg_dump'), '#!/bin/sh\nprintf PGDMP-data\n[ -z "$FAIL" ] || exit 3\n', {
      mode: 0o755,
    });
    const { script } = remoteBackupPlan(db, {
      dir: join(dir, 'out'),
      fileName: 'shop.dump',
      compose: undefined,
    });
    const run = (env: Record<string, string>) =>
      execFileSync('sh', ['-euc', script], {
        env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
        encoding: 'utf8',
      });
    expect(() => run({ FAIL: '1' })).toThrow();
    expect(execFileSync('ls', ['-A', join(dir, 'out')], { encoding: 'utf8' })).toBe('');
    const out = run({});
    const parsed = parseRemoteBackup(out);
    expect(parsed.path).toBe(join(dir, 'out', 'shop.dump'));
    expect(parsed.sizeBytes).toBe(10);
    expect(readFileSync(parsed.path, 'utf8')).toBe('PGDMP-data');
    expect(statSync(parsed.path).mode & 0o777).toBe(0o600);
  });

  it('parseRemoteBackup refuses output without the markers', () => {
    expect(() => parseRemoteBackup('nothing')).toThrow(/did not report/);
    expect(
      parseRemoteBackup(
        'ops-actions-backup-path=/a/b.dump\nops-actions-backup-size=12\nops-actions-backup-entries=4\n',
      ),
    ).toEqual({ path: '/a/b.dump', sizeBytes: 12, entries: 4 });
  });
});
