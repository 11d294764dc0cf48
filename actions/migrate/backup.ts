// The backup taken before migrating: `pg_dump --format=custom` (compressed, restorable table by
// table with pg_restore). The password reaches pg_dump through PGPASSWORD in its environment,
// never its argv; the dump is written to `<name>.partial` and renamed only once pg_dump succeeded,
// then read back with `pg_restore --list`, so a file at backup-path is always a whole, readable dump.
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '../../lib/exec.js';
import type { PgDumpProbe } from './pg-dump-check.js';
import type { ArtifactResult } from './backup-artifact.js';
import { type DatabaseUrl, secretsOf } from './database-url.js';

export interface BackupResult {
  path: string;
  sizeBytes: number;
  durationMs: number;
  /** Entries in the archive's table of contents (`pg_restore --list`); undefined where it could not be read. */
  entries: number | undefined;
  /** The copy on the runner: the dump itself (where: runner), or the one downloaded from the server. */
  localPath?: string | undefined;
  /** The workflow artifact holding the runner's copy (backup-artifact). */
  artifact?: ArtifactResult | undefined;
}

/** `shop-20240501T101500Z-run1000.dump`: the database, when, and which run took it. */
export function backupFileName(database: string, now: Date, runId: string | undefined): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  const safeDb = database.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safeDb}-${stamp}${runId ? `-run${runId.replace(/[^0-9A-Za-z.]/g, '')}` : ''}.dump`;
}

/** pg_dump's arguments: the URL without its password, custom format, never prompting. */
export function pgDumpArgs(db: DatabaseUrl, file: string | undefined): string[] {
  return ['--format=custom', '--no-password', ...(file ? [`--file=${file}`] : []), `--dbname=${db.safeUrl}`];
}

/** pg_dump's environment: the password, an application_name, a connect timeout. */
export function pgEnv(db: DatabaseUrl, appName: string): Record<string, string> {
  return {
    ...(db.password !== undefined ? { PGPASSWORD: db.password } : {}),
    PGAPPNAME: appName,
    PGCONNECT_TIMEOUT: '30',
  };
}

export interface LocalBackupOptions {
  dir: string;
  fileName: string;
  appName: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/**
 * Dumps the database on the runner into `dir` (created with mode 700). The `.partial` file is created
 * 0600 before pg_dump opens it (pg_dump truncates it and keeps its mode), so the dump is never
 * readable by others, not even while it is being written.
 */
export async function backupOnRunner(db: DatabaseUrl, opts: LocalBackupOptions): Promise<BackupResult> {
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const path = join(opts.dir, opts.fileName);
  const partial = `${path}.partial`;
  const started = Date.now();
  const secrets = secretsOf(db);
  try {
    // a leftover .partial of a killed run is replaced, whatever its mode was
    await rm(partial, { force: true });
    const handle = await open(partial, 'wx', 0o600);
    await handle.close();
    await runProcess('pg_dump', pgDumpArgs(db, partial), {
      env: pgEnv(db, opts.appName),
      secrets,
      timeoutMs: opts.timeoutMs,
      prefix: 'pg_dump',
      log: opts.log,
    });
    await chmod(partial, 0o600);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const list = await runProcess('pg_restore', ['--list', path], { silent: true, timeoutMs: opts.timeoutMs });
  const entries = list.stdout.split('\n').filter((l) => /^\d+;/.test(l)).length;
  const { size } = await stat(path);
  return { path, sizeBytes: size, durationMs: Date.now() - started, entries, localPath: path };
}

/** Asks `pg_dump --version` on the runner (for the precheck, before the lock). */
export async function probePgDumpOnRunner(): Promise<PgDumpProbe> {
  try {
    const r = await runProcess('pg_dump', ['--version'], { silent: true, timeoutMs: 30_000 });
    return { found: true, versionText: r.stdout };
  } catch (error) {
    return { found: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** `12.3 MiB`, for logs and the summary. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
