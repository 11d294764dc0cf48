import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, secretsOf, withHostPort } from '../../../actions/migrate/database-url.js';
import { ConfigurationError } from '../../../lib/errors.js';

describe('parseDatabaseUrl', () => {
  it('takes the password out of the URL', () => {
    const db = parseDatabaseUrl('postgres://app:s%40cret@db.example.com:6432/shop?sslmode=require');
    expect(db).toMatchObject({
      password: 's@cret',
      rawPassword: 's%40cret',
      user: 'app',
      host: 'db.example.com',
      port: 6432,
      database: 'shop',
      display: 'db.example.com:6432/shop',
      safeUrl: 'postgres://app@db.example.com:6432/shop?sslmode=require',
    });
    expect(db.safeUrl).not.toContain('cret');
  });

  it('also a password= query parameter; defaults port 5432', () => {
    const db = parseDatabaseUrl('postgresql://app@localhost/shop?password=pw1234&application_name=x');
    expect(db.password).toBe('pw1234');
    expect(db.port).toBe(5432);
    expect(db.safeUrl).toBe('postgresql://app@localhost/shop?application_name=x');
  });

  it('no password at all (PGPASSWORD / .pgpass / trust)', () => {
    expect(parseDatabaseUrl('postgres://app@localhost/shop').password).toBeUndefined();
  });

  it('rejects what is not a PostgreSQL URL, naming the input', () => {
    expect(() => parseDatabaseUrl('mysql://a:b@h/db')).toThrow(ConfigurationError);
    expect(() => parseDatabaseUrl('not a url')).toThrow(/Input 'database-url': is not a valid URL/);
    expect(() => parseDatabaseUrl('postgres://h')).toThrow(/names no database/);
  });

  it('secretsOf lists every form of the password and the URL', () => {
    const db = parseDatabaseUrl('postgres://app:p%2Fw@h/db');
    expect(secretsOf(db)).toEqual(['postgres://app:p%2Fw@h/db', 'p/w', 'p%2Fw']);
    expect(secretsOf(undefined)).toEqual([]);
  });

  it('withHostPort points at a forwarded port and keeps the password out of safeUrl', () => {
    const db = withHostPort(parseDatabaseUrl('postgres://app:pw12@db:5432/shop'), '127.0.0.1', 40001);
    expect(db.url).toBe('postgres://app:pw12@127.0.0.1:40001/shop');
    expect(db.safeUrl).toBe('postgres://app@127.0.0.1:40001/shop');
    expect(db.display).toBe('db:5432/shop');
  });
});
