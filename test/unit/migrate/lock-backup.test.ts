import { describe, expect, it } from 'vitest';
import { backupFileName, formatBytes, pgDumpArgs, pgEnv } from '../../../actions/migrate/backup.js';
import { parseDatabaseUrl } from '../../../actions/migrate/database-url.js';
import {
  advisoryLockKey,
  applicationName,
  describeHolder,
  LOCK_NAME,
  lockKeyParts,
} from '../../../actions/migrate/lock.js';

describe('advisory lock key', () => {
  it('is a stable signed 64-bit key derived from the name', () => {
    const key = advisoryLockKey();
    expect(key).toBe(advisoryLockKey(LOCK_NAME));
    expect(key).not.toBe(advisoryLockKey('something else'));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
    // never node-pg-migrate's own lock, which runs under ours
    expect(key).not.toBe(7241865325823964n);
  });

  it('splits into pg_locks classid/objid the way PostgreSQL does', () => {
    expect(lockKeyParts(0x0000000100000002n)).toEqual({ classid: '1', objid: '2' });
    expect(lockKeyParts(-1n)).toEqual({ classid: '4294967295', objid: '4294967295' });
  });
});

describe('applicationName', () => {
  it('names the repository and run so a waiting run can say who holds the lock', () => {
    expect(
      applicationName({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' }),
    ).toBe('ops-actions migrate (acme/shop run 42)');
    expect(
      applicationName({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' }),
    ).toBe('ops-actions migrate (acme/shop run 42.2)');
    expect(applicationName({})).toBe('ops-actions migrate (local)');
    const long = applicationName({ GITHUB_REPOSITORY: `acme/${'x'.repeat(80)}`, GITHUB_RUN_ID: '1' });
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
  });

  it('describeHolder', () => {
    expect(
      describeHolder({
        pid: 42,
        applicationName: 'ops-actions migrate (acme/shop run 7)',
        user: 'app',
        clientAddr: '10.0.0.5',
        connectedForS: 65,
        state: 'idle',
      }),
    ).toBe("pid 42 ('ops-actions migrate (acme/shop run 7)', user app, from 10.0.0.5, connected 1m5s ago)");
  });
});

describe('backup plan', () => {
  const db = parseDatabaseUrl('postgres://app:hunter2pw@db.example.com:5432/shop?sslmode=require');

  it('pg_dump argv never carries the password; the environment does', () => {
    const args = pgDumpArgs(db, '/tmp/b/shop.dump.partial');
    expect(args).toEqual([
      '--format=custom',
      '--no-password',
      '--file=/tmp/b/shop.dump.partial',
      '--dbname=postgres://app@db.example.com:5432/shop?sslmode=require',
    ]);
    expect(args.join(' ')).not.toContain('hunter2pw');
    expect(pgEnv(db, 'ops-actions migrate (x)')).toEqual({
      PGPASSWORD: 'hunter2pw',
      PGAPPNAME: 'ops-actions migrate (x)',
      PGCONNECT_TIMEOUT: '30',
    });
    expect(pgDumpArgs(db, undefined)).not.toContain('--file');
  });

  it('file names say the database, the time and the run', () => {
    expect(backupFileName('shop', new Date('2024-05-01T10:15:00.123Z'), '1000')).toBe(
      'shop-20240501T101500Z-run1000.dump',
    );
    expect(backupFileName('a/b c', new Date('2024-05-01T10:15:00Z'), undefined)).toBe(
      'a_b_c-20240501T101500Z.dump',
    );
  });

  it('formatBytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
