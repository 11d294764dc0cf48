// The release-directory layout (Capistrano/Deployer style) and its remote operations:
//
//   <app-dir>/releases/<release-id>/   one directory per release
//   <app-dir>/shared/<path>            files and directories kept across releases (.env, storage/)
//   <app-dir>/current -> releases/<id> the live release, switched atomically
//
// Pure builders of the remote scripts (every path quoted), plus thin executors.
import { ConfigurationError } from '../errors.js';
import { shellQuote } from '../quote.js';
import type { SshConnection } from '../ssh/connection.js';

export const RELEASE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Checks a release id: letters, digits, `.`, `_`, `-` (it becomes a directory name). */
export function parseReleaseId(text: string, input = 'release-id'): string {
  const id = text.trim();
  if (!RELEASE_ID_RE.test(id) || id.includes('..') || id.includes('.partial-')) {
    throw new ConfigurationError(
      input,
      `'${text}' is not a valid release id: use letters, digits, '.', '_' and '-' (at most 100 characters).`,
      `${input}: v1.4.2`,
    );
  }
  return id;
}

/**
 * `20250314T101500.123Z-0123abc-run1000.1`: sortable, and unique per run — the time to the
 * millisecond, the short commit, the run id and attempt (two deploys of one commit in the same
 * second, by one run or two, get different ids). Parts that are unknown are left out.
 */
export function defaultReleaseId(
  now: Date,
  sha: string | undefined,
  run: { runId?: string; runAttempt?: string },
): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  const short = (sha ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 7);
  const runId = (run.runId ?? '').replace(/[^0-9]/g, '');
  const attempt = (run.runAttempt ?? '').replace(/[^0-9]/g, '');
  const runPart = runId ? `run${runId}${attempt ? `.${attempt}` : ''}` : '';
  return [stamp, short, runPart].filter((p) => p !== '').join('-');
}

export interface ReleaseLayout {
  appDir: string;
  releasesDir: string;
  sharedDir: string;
  current: string;
}

export function releaseLayout(appDir: string): ReleaseLayout {
  return {
    appDir,
    releasesDir: `${appDir}/releases`,
    sharedDir: `${appDir}/shared`,
    current: `${appDir}/current`,
  };
}

export function releaseDir(appDir: string, id: string): string {
  return `${appDir}/releases/${id}`;
}

/** Where an upload goes before it is complete (renamed to releases/<id> when done). */
export function partialDir(appDir: string, id: string, token: string): string {
  return `${appDir}/releases/${id}.partial-${token}`;
}

/** A shared path: `storage/` is a directory, `.env` a file. */
export interface SharedPath {
  path: string;
  directory: boolean;
}

/** Checks `shared` items: relative paths inside the release, no `..`. */
export function parseSharedPaths(items: readonly string[], input = 'shared'): SharedPath[] {
  return items.map((raw) => {
    const t = raw.trim();
    const directory = t.endsWith('/');
    const path = t.replace(/\/+$/, '').replace(/^\.\//, '');
    if (
      path === '' ||
      path.startsWith('/') ||
      path.split('/').some((p) => p === '..' || p === '.' || p === '') ||
      /[\n\r\0]/.test(path)
    ) {
      throw new ConfigurationError(
        input,
        `'${raw}' must be a path inside the release (relative, no '..'); end directories with '/'.`,
        `${input}: |\n  .env\n  storage/`,
      );
    }
    return { path, directory };
  });
}

/** Prints the id of the release `current` points to ('' when there is none). Pure. */
export function readCurrentScript(appDir: string): string {
  const cur = shellQuote(releaseLayout(appDir).current);
  return `if [ -L ${cur} ]; then basename "$(readlink ${cur})"; fi`;
}

/**
 * Creates the layout, removes uploads that never finished (`*.partial-*`, left by a killed deploy:
 * safe, the caller holds the deploy lock), refuses an id that already exists, and creates the
 * partial directory for the upload. Pure.
 */
export function prepareReleaseScript(appDir: string, id: string, token: string): string {
  const l = releaseLayout(appDir);
  return [
    `mkdir -p ${shellQuote(l.releasesDir)} ${shellQuote(l.sharedDir)}`,
    `find ${shellQuote(l.releasesDir)} -mindepth 1 -maxdepth 1 -name '*.partial-*' -exec rm -rf {} +`,
    `if [ -e ${shellQuote(releaseDir(appDir, id))} ]; then echo ${shellQuote(`ops-actions: release ${id} already exists in ${l.releasesDir}; give a new release-id`)} >&2; exit 1; fi`,
    `mkdir ${shellQuote(partialDir(appDir, id, token))}`,
  ].join(' && ');
}

/** Extracts an uploaded archive (.tar, .tar.gz, .tgz) into the partial directory, then deletes it. Pure. */
export function extractArchiveScript(archivePath: string, targetDir: string): string {
  const gz = /\.(tar\.gz|tgz)$/.test(archivePath) ? 'z' : '';
  return `tar -x${gz}f ${shellQuote(archivePath)} -C ${shellQuote(targetDir)} && rm -f ${shellQuote(archivePath)}`;
}

/** Renames the finished upload to releases/<id>. Pure. */
export function finishUploadScript(appDir: string, id: string, token: string): string {
  return `mv ${shellQuote(partialDir(appDir, id, token))} ${shellQuote(releaseDir(appDir, id))}`;
}

/**
 * Links each shared path into the release: whatever the upload had there is replaced by a symlink
 * to shared/<path>. On the first deploy a shared path missing from shared/ is seeded from the
 * release (or created empty). Pure.
 */
export function linkSharedScript(appDir: string, id: string, shared: readonly SharedPath[]): string {
  const l = releaseLayout(appDir);
  const rel = releaseDir(appDir, id);
  const lines: string[] = ['set -e'];
  for (const s of shared) {
    const target = shellQuote(`${l.sharedDir}/${s.path}`);
    const inRelease = shellQuote(`${rel}/${s.path}`);
    lines.push(`mkdir -p "$(dirname ${target})" "$(dirname ${inRelease})"`);
    if (s.directory) {
      lines.push(
        `if [ ! -e ${target} ]; then if [ -d ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else mkdir -p ${target}; fi; fi`,
      );
    } else {
      lines.push(
        // a shared file (.env) is where secrets go: created empty it is 0600
        `if [ ! -e ${target} ]; then if [ -f ${inRelease} ] && [ ! -L ${inRelease} ]; then mv ${inRelease} ${target}; else (umask 077 && : > ${target}); fi; fi`,
      );
    }
    lines.push(`rm -rf ${inRelease}`, `ln -s ${target} ${inRelease}`);
  }
  return lines.join('\n');
}

/**
 * Points `current` at releases/<id> atomically: a new symlink under a temporary name, then
 * `mv -T` over `current` (rename(2) replaces it in one step; readers see the old or the new
 * release, never neither). Refuses a release that is not on the host. Pure.
 */
export function switchCurrentScript(appDir: string, id: string, token: string): string {
  const l = releaseLayout(appDir);
  const tmp = `${appDir}/current.tmp-${token}`;
  return [
    `if [ ! -d ${shellQuote(releaseDir(appDir, id))} ]; then echo ${shellQuote(`ops-actions: release ${id} is not in ${l.releasesDir} on this host`)} >&2; exit 1; fi`,
    `ln -sfn ${shellQuote(`releases/${id}`)} ${shellQuote(tmp)}`,
    `mv -Tf ${shellQuote(tmp)} ${shellQuote(l.current)}`,
  ].join(' && ');
}

/** Removes `current` (switching back when there was no previous release). Pure. */
export function removeCurrentScript(appDir: string): string {
  return `rm -f ${shellQuote(releaseLayout(appDir).current)}`;
}

/** Deletes a release directory that is not live (refuses the one `current` points to). Pure. */
export function removeReleaseScript(appDir: string, id: string): string {
  const cur = shellQuote(releaseLayout(appDir).current);
  return (
    `if [ "$(readlink ${cur} 2>/dev/null)" = ${shellQuote(`releases/${id}`)} ]; then ` +
    `echo ${shellQuote(`ops-actions: releases/${id} is live; not removing it`)} >&2; exit 1; ` +
    `else rm -rf ${shellQuote(releaseDir(appDir, id))}; fi`
  );
}

/**
 * Keeps the `keep` newest releases (by modification time) and deletes the rest — never the one
 * `current` points to. Prints `removed <id>` per deleted release. Pure.
 */
export function pruneReleasesScript(appDir: string, keep: number): string {
  const l = releaseLayout(appDir);
  return [
    `cd ${shellQuote(l.releasesDir)} || exit 0`,
    `cur=$(basename "$(readlink ${shellQuote(l.current)} 2>/dev/null)" 2>/dev/null || true)`,
    'n=0',
    'ls -1t | while IFS= read -r d; do',
    '  [ -d "$d" ] || continue',
    '  case "$d" in *.partial-*) continue ;; esac',
    '  n=$((n + 1))',
    '  [ "$d" = "$cur" ] && continue',
    `  if [ "$n" -gt ${Math.max(1, Math.floor(keep))} ]; then rm -rf -- "$d" && echo "removed $d"; fi`,
    'done',
  ].join('\n');
}

/** The ids `removed` by pruneReleasesScript's output. */
export function parsePruned(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('removed '))
    .map((l) => l.slice('removed '.length).trim());
}

// --- executors ---------------------------------------------------------------------------------

/** The id of the release `current` points to on the host, or undefined. */
export async function readCurrentRelease(conn: SshConnection, appDir: string): Promise<string | undefined> {
  const r = await conn.exec(readCurrentScript(appDir), { silent: true, label: 'read current release' });
  const id = r.stdout.trim();
  return id === '' ? undefined : id;
}

/** Switches `current` to releases/<id> (the rollback stage's "switch back"). */
export async function switchCurrent(
  conn: SshConnection,
  appDir: string,
  id: string,
  token: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  await conn.exec(switchCurrentScript(appDir, id, token), {
    label: `switch current to releases/${id}`,
    ...opts,
  });
}
