import { describe, expect, it } from 'vitest';
import { checkPgDump, parsePgDumpMajor, serverMajorOf } from '../../../actions/migrate/pg-dump-check.js';

describe('pg_dump precheck', () => {
  it('reads majors', () => {
    expect(parsePgDumpMajor('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toBe(15);
    expect(parsePgDumpMajor('pg_dump (PostgreSQL) 9.6.24')).toBe(9);
    expect(serverMajorOf(160004)).toBe(16);
    expect(serverMajorOf(90624)).toBe(9);
  });
  it('missing: says where, how to install, or backup: false, and that nothing changed', () => {
    expect(() => checkPgDump({ found: false }, 160004, { kind: 'runner' })).toThrow(
      /Input 'backup': is true \(the default\), but there is no pg_dump on the runner.*Nothing was changed.*postgresql-client-16.*backup: false/s,
    );
    expect(() =>
      checkPgDump({ found: false, detail: 'exec: "pg_dump": executable file not found' }, 150000, {
        kind: 'compose',
        host: 'deploy@app',
        service: 'web',
      }),
    ).toThrow(/in compose service 'web' on deploy@app.*executable file not found.*postgres:15/s);
  });
  it('older than the server: refused; same or newer: the line to log', () => {
    expect(() =>
      checkPgDump({ found: true, versionText: 'pg_dump (PostgreSQL) 14.2' }, 160004, {
        kind: 'host',
        host: 'h',
      }),
    ).toThrow(/major version 16 or newer on h, but it is 14/);
    expect(
      checkPgDump({ found: true, versionText: 'pg_dump (PostgreSQL) 17.1' }, 160004, { kind: 'runner' }),
    ).toMatch(/pg_dump on the runner: pg_dump \(PostgreSQL\) 17.1 \(server: PostgreSQL 16\)/);
  });
});
