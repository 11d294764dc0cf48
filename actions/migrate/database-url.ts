import { ConfigurationError } from '../../lib/errors.js';

/** What the action knows about a PostgreSQL connection URL, with the password kept apart. */
export interface DatabaseUrl {
  /** The URL exactly as given (secret: it may carry the password). */
  url: string;
  /** The same URL without the password (user, host, port, database and parameters kept): safe to show. */
  safeUrl: string;
  /** The password, URL-decoded; undefined when the URL has none (PGPASSWORD / .pgpass / trust). */
  password: string | undefined;
  /** The password as it is written in the URL (maybe percent-encoded), for redaction. */
  rawPassword: string | undefined;
  user: string | undefined;
  host: string;
  port: number;
  database: string;
  /** `host:port/database`, for logs and summaries. */
  display: string;
}

const EXAMPLE = `database-url: \${{ secrets.DATABASE_URL }}  # postgres://app:secret@db.example.com:5432/app`;

/**
 * Parses `postgres://user:password@host:port/database?sslmode=require`. The password is taken out
 * of the URL (also a `password=` query parameter), so tools that accept a URL without the
 * password (pg_dump, psql) get it through PGPASSWORD and never in argv.
 */
export function parseDatabaseUrl(input: string, name = 'database-url'): DatabaseUrl {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    throw new ConfigurationError(name, 'is not a valid URL.', EXAMPLE);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new ConfigurationError(
      name,
      `must be a PostgreSQL URL starting with postgres:// or postgresql://, got '${u.protocol}//…'.`,
      EXAMPLE,
    );
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
    throw new ConfigurationError(name, 'names no database (the path after the host).', EXAMPLE);
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
export function withHostPort(db: DatabaseUrl, host: string, port: number): DatabaseUrl {
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
export function secretsOf(db: DatabaseUrl | undefined): string[] {
  if (!db) return [];
  const out = [db.url];
  for (const p of [db.password, db.rawPassword, db.password && encodeURIComponent(db.password)]) {
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
