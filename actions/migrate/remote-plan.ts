// What the migrate stage runs on a server (where: ssh), as pure functions: the tool's command on the
// host or inside a compose service, and the backup script. Executed by ssh-target.ts.
import { shellJoin, shellQuote } from '../../lib/quote.js';
import { pgDumpArgs } from './backup.js';
import type { DatabaseUrl } from './database-url.js';
import { type Command, commandLine } from './tools.js';

export interface ComposeTarget {
  /** `docker compose` or `docker-compose`, as words. */
  command: string[];
  /** `-f` files (relative to working-directory). */
  files: string[];
  service: string;
}

/** where: ssh with swarm-service: the Swarm service whose image the tool runs in. */
export interface SwarmServiceTarget {
  /** The service as `docker service ls` names it: `<stack>_<service>`. */
  service: string;
}

/**
 * A one-off container of a Swarm service's image, the way teams run `alembic upgrade head` on
 * Swarm: the image, environment and network are read from `docker service inspect` on the
 * manager, then `docker run --rm` runs the command with them (and with the variables in `envNames`,
 * passed by name so their values stay out of the command line). The service's environment goes
 * through a file readable only by the SSH user, removed afterwards. The container joins the
 * service's first network (host, or an overlay network that is `attachable: true`); Swarm secrets
 * and configs are not mounted (`docker run` cannot): give the tool what it needs through env.
 */
export function swarmRunScript(t: SwarmServiceTarget, envNames: readonly string[], inner: string): string {
  const svc = shellQuote(t.service);
  const e = envNames.map((n) => `-e ${shellQuote(n)}`).join(' ');
  return [
    `image=$(docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' ${svc}) || { echo ${shellQuote(`swarm-service: no Swarm service ${t.service} on this host (is it a manager?)`)} >&2; exit 1; }`,
    'envfile=$(umask 077 && mktemp)',
    `trap 'rm -f "$envfile"' EXIT`,
    `docker service inspect --format '{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}' ${svc} > "$envfile"`,
    `net=$(docker service inspect --format '{{range .Spec.TaskTemplate.Networks}}{{.Target}} {{end}}' ${svc} | cut -d' ' -f1)`,
    'netopt=""',
    `if [ -n "$net" ]; then netopt="--network=$(docker network inspect --format '{{.Name}}' "$net")"; fi`,
    `echo "one-off container of ${t.service.replace(/[^A-Za-z0-9_.-]/g, '')}: $image $netopt" >&2`,
    `docker run --rm -i --env-file "$envfile" ${e} $netopt "\${image%@sha256:*}" ${inner}`,
  ].join('\n');
}

/** `docker compose -f a.yml exec -T`: the start of every command run inside a service. */
export function composeExecPrefix(c: ComposeTarget, envNames: readonly string[]): string {
  const words = [...c.command];
  for (const f of c.files) words.push('-f', f);
  words.push('exec', '-T');
  for (const name of envNames) words.push('-e', name);
  words.push(c.service);
  return shellJoin(words);
}

/**
 * The command line run on the server for a tool command: as it is on the host, or through
 * `docker compose exec -T <service>` — the variables in `envNames` are passed into the container by
 * name (`-e NAME`), so their values stay out of the command line.
 */
export function remoteToolCommand(
  cmd: Command,
  compose: ComposeTarget | undefined,
  envNames: readonly string[],
  swarm?: SwarmServiceTarget,
): string {
  if (!compose && !swarm) return commandLine(cmd);
  const inner = 'argv' in cmd ? shellJoin(cmd.argv) : `sh -c ${shellQuote(cmd.shell)}`;
  if (swarm) return swarmRunScript(swarm, envNames, inner);
  return `${composeExecPrefix(compose as ComposeTarget, envNames)} ${inner}`;
}

export interface RemoteBackupPlan {
  /** The script (run with `set -eu`; PGPASSWORD and PGAPPNAME come from its exported environment). */
  script: string;
}

/** Markers the backup script prints for the action to read back. */
export const BACKUP_PATH_MARK = 'ops-actions-backup-path=';
export const BACKUP_SIZE_MARK = 'ops-actions-backup-size=';
export const BACKUP_ENTRIES_MARK = 'ops-actions-backup-entries=';
export const BACKUP_SHA256_MARK = 'ops-actions-backup-sha256=';
/** Printed by the pg_dump probe when the host has none. */
export const NO_PG_DUMP_MARK = 'ops-actions-no-pg-dump';

/**
 * `pg_dump --version` where the backup runs: on the host (a marker when it has none), or inside
 * the backup compose service (its exit status says whether it could run).
 */
export function pgDumpProbeCommand(compose: ComposeTarget | undefined): string {
  if (compose) return `${composeExecPrefix(compose, [])} pg_dump --version`;
  return `if command -v pg_dump >/dev/null 2>&1; then pg_dump --version; else echo ${NO_PG_DUMP_MARK}; fi`;
}

/**
 * pg_dump on the server into `<dir>/<fileName>` (dir '' = $HOME/ops-actions-backups; created, umask 077: the dump is readable by the
 * SSH user only). Written to `.partial` and moved into place only when pg_dump succeeded. With a
 * compose service, pg_dump runs inside it (its own pg_dump, matching the server's version) and its
 * output is written on the host.
 */
export function remoteBackupPlan(
  db: DatabaseUrl,
  opts: { dir: string; fileName: string; compose: ComposeTarget | undefined },
): RemoteBackupPlan {
  const dump = opts.compose
    ? `${composeExecPrefix(opts.compose, ['PGPASSWORD', 'PGAPPNAME', 'PGCONNECT_TIMEOUT'])} ${shellJoin(['pg_dump', ...pgDumpArgs(db, undefined)])}`
    : shellJoin(['pg_dump', ...pgDumpArgs(db, undefined)]);
  const script = [
    'umask 077',
    `dir=${opts.dir ? shellQuote(opts.dir) : '"$HOME/ops-actions-backups"'}`,
    'mkdir -p -- "$dir"',
    `file="$(cd -- "$dir" && pwd)"/${shellQuote(opts.fileName)}`,
    'trap \'rm -f -- "$file.partial"\' EXIT',
    `${dump} > "$file.partial"`,
    'mv -- "$file.partial" "$file"',
    `echo "${BACKUP_PATH_MARK}$file"`,
    `echo "${BACKUP_SIZE_MARK}$(wc -c < "$file" | tr -d ' ')"`,
    // the runner checks a downloaded copy against it
    `if command -v sha256sum >/dev/null 2>&1; then echo "${BACKUP_SHA256_MARK}$(sha256sum < "$file" | cut -d ' ' -f 1)"; fi`,
    // read back the archive's table of contents where pg_restore is installed on the host
    `if command -v pg_restore >/dev/null 2>&1; then echo "${BACKUP_ENTRIES_MARK}$(pg_restore --list "$file" | grep -c '^[0-9]*;' || true)"; fi`,
  ].join('\n');
  return { script };
}

/** Reads the markers the backup script printed. */
export function parseRemoteBackup(stdout: string): {
  path: string;
  sizeBytes: number;
  entries: number | undefined;
  sha256: string | undefined;
} {
  const value = (mark: string): string | undefined =>
    stdout
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith(mark))
      ?.slice(mark.length);
  const path = value(BACKUP_PATH_MARK);
  const size = value(BACKUP_SIZE_MARK);
  if (!path || size === undefined || !/^\d+$/.test(size)) {
    throw new Error(
      `the backup script did not report the dump's path and size (output: ${stdout.slice(-300)})`,
    );
  }
  const entries = value(BACKUP_ENTRIES_MARK);
  const sha256 = value(BACKUP_SHA256_MARK);
  return {
    sha256: sha256 !== undefined && /^[0-9a-f]{64}$/.test(sha256) ? sha256 : undefined,
    path,
    sizeBytes: Number(size),
    entries: entries !== undefined && /^\d+$/.test(entries) ? Number(entries) : undefined,
  };
}
