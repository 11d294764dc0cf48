// The backup's precheck, run before the migration lock is taken and before any migration: is there
// a pg_dump where the backup will run (the runner, the server, or the backup compose service), and
// is it new enough for the database server (pg_dump refuses a server of a newer major version)?
// A missing or too old pg_dump fails the step here, saying how to install one or to set backup: false.
import { ConfigurationError } from '../../lib/errors.js';

/** What `pg_dump --version` said where the backup runs. */
export type PgDumpProbe =
  | { found: true; versionText: string }
  /** `detail`: what the shell or docker said (e.g. "executable file not found"). */
  | { found: false; detail?: string | undefined };

/** Where the backup runs, for the messages: the runner, the server host, or a compose service on it. */
export type BackupPlace =
  { kind: 'runner' } | { kind: 'host'; host: string } | { kind: 'compose'; host: string; service: string };

/** The major version in `pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` (9.6.24 → 9); undefined if not understood. */
export function parsePgDumpMajor(versionText: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!m) return undefined;
  return Number(m[1]);
}

/** The major version from `server_version_num` (160004 → 16, 90624 → 9). */
export function serverMajorOf(serverVersionNum: number): number {
  return Math.floor(serverVersionNum / 10_000);
}

function placeName(p: BackupPlace): string {
  switch (p.kind) {
    case 'runner':
      return 'on the runner';
    case 'host':
      return `on ${p.host}`;
    case 'compose':
      return `in compose service '${p.service}' on ${p.host} (backup-compose-service)`;
  }
}

function installHint(p: BackupPlace, major: number | undefined): string {
  const pkg = `postgresql-client-${major ?? '<server major>'}`;
  const apt =
    `\`sudo apt-get install -y ${pkg}\` (every major is in the PostgreSQL apt repository, https://wiki.postgresql.org/wiki/Apt; ` +
    `on Alpine \`apk add postgresql${major ?? ''}-client\`)`;
  switch (p.kind) {
    case 'runner':
      return `install it in a step before this one: ${apt}`;
    case 'host':
      return `install it on ${p.host}: ${apt}, or run pg_dump in the database's own container with backup-compose-service: db`;
    case 'compose':
      return `give backup-compose-service a service whose image has pg_dump (the database's own, e.g. postgres:${major ?? '<server major>'}), or install ${pkg} in its image`;
  }
}

/**
 * Throws a ConfigurationError (input `backup`) when the probe found no pg_dump, or one older than
 * the server; returns the line to log otherwise.
 */
export function checkPgDump(
  probe: PgDumpProbe,
  serverVersionNum: number | undefined,
  place: BackupPlace,
): string {
  const serverMajor = serverVersionNum === undefined ? undefined : serverMajorOf(serverVersionNum);
  const off =
    'or set backup: false to migrate without a backup (not recommended: a failed migration then has nothing to restore).';
  if (!probe.found) {
    throw new ConfigurationError(
      'backup',
      `is true (the default), but there is no pg_dump ${placeName(place)}${probe.detail ? ` (${probe.detail.trim().split('\n').slice(-1)[0]})` : ''}. ` +
        `Nothing was changed: the migration lock was not taken and no migration ran. To take the backup, ${installHint(place, serverMajor)}; ${off}`,
      'backup: false   # only if you take backups another way',
    );
  }
  const major = parsePgDumpMajor(probe.versionText);
  const version = probe.versionText.trim().split('\n')[0] ?? '';
  if (major !== undefined && serverMajor !== undefined && major < serverMajor) {
    throw new ConfigurationError(
      'backup',
      `needs a pg_dump of major version ${serverMajor} or newer ${placeName(place)}, but it is ${major} ('${version}'), and pg_dump refuses to dump a newer server ` +
        `(the server is PostgreSQL ${serverMajor}). Nothing was changed: the migration lock was not taken and no migration ran. ` +
        `To take the backup, ${installHint(place, serverMajor)}; ${off}`,
      'backup: false   # only if you take backups another way',
    );
  }
  return `pg_dump ${placeName(place)}: ${version}${serverMajor !== undefined ? ` (server: PostgreSQL ${serverMajor})` : ''}.`;
}
