// Docker Compose on a server: the image reference lives in the env file the compose file reads
// (`IMAGE=registry/app:tag` in `.env`), so deploying — or rolling back — a version is: write the
// reference, pull, `up -d --wait`. Pure builders of the remote commands, plus thin executors.
import { ConfigurationError } from '../errors.js';
import { shellJoin, shellQuote } from '../quote.js';
import type { SshConnection } from '../ssh/connection.js';
import { stateDir } from './paths.js';
import { copyFileScript, replaceFileScript } from './replace-file.js';

export interface ComposeSettings {
  appDir: string;
  /** `docker compose` (v2) or `docker-compose` (v1), as words. */
  command: string[];
  /** `-f` files, relative to appDir; empty: compose's own default (compose.yaml, docker-compose.yml…). */
  files: string[];
  /** The env file holding the image reference, relative to appDir (default `.env`). */
  envFile: string;
  /** The variable the compose file reads the image reference from (default `IMAGE`). */
  imageVariable: string;
}

export const DEFAULT_COMPOSE: Omit<ComposeSettings, 'appDir'> = {
  command: ['docker', 'compose'],
  files: [],
  envFile: '.env',
  imageVariable: 'IMAGE',
};

const DOMAIN = String.raw`(?:localhost(?::\d+)?|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+(?::\d+)?|[a-zA-Z0-9-]+:\d+)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_RE = new RegExp(
  String.raw`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** Checks an image reference (`registry:5000/team/app:1.2.3`, `app@sha256:…`). */
export function parseImageReference(text: string, input = 'image'): string {
  const image = text.trim();
  if (!IMAGE_RE.test(image) || image.length > 512) {
    throw new ConfigurationError(
      input,
      `'${text}' is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`,
      `${input}: ghcr.io/acme/shop:\${{ github.sha }}`,
    );
  }
  return image;
}

/** The registry an image reference pulls from: `ghcr.io`, `127.0.0.1:5000`, or `docker.io`. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return first;
  return 'docker.io';
}

/** The compose command with its `-f` and `--env-file` options, quoted. */
export function composeBase(s: ComposeSettings): string {
  const args = [...s.command];
  for (const f of s.files) args.push('-f', f);
  if (s.envFile !== '.env') args.push('--env-file', s.envFile);
  return shellJoin(args);
}

/** Whether the command is Compose v1 (`docker-compose`), which has no `up --wait`. */
export function isComposeV1(s: Pick<ComposeSettings, 'command'>): boolean {
  return s.command[0] === 'docker-compose' || (s.command[0]?.endsWith('/docker-compose') ?? false);
}

/** `docker login` with the password on stdin (never in argv). Pure. */
export function registryLoginCommand(registry: string, username: string): string {
  return shellJoin(['docker', 'login', '--username', username, '--password-stdin', registry]);
}

function cdApp(s: ComposeSettings): string {
  return `cd ${shellQuote(s.appDir)}`;
}

/** `VAR='ref' VAR2='ref2'`: the images as variables set for one command. Pure. */
export function imageAssignments(images: Readonly<Record<string, string>>): string {
  return Object.entries(images)
    .map(([name, ref]) => `${name}=${shellQuote(ref)}`)
    .join(' ');
}

/** Pulls the new images without touching the env file yet: the variables are set for this command only. */
export function pullCommand(s: ComposeSettings, images: Readonly<Record<string, string>>): string {
  return `${cdApp(s)} && ${imageAssignments(images)} ${composeBase(s)} pull --quiet`;
}

/** `up -d --remove-orphans --wait` (no `--wait` with Compose v1). */
export function upCommand(s: ComposeSettings, opts: { waitTimeoutSeconds?: number } = {}): string {
  const args = ['up', '-d', '--remove-orphans'];
  if (!isComposeV1(s)) {
    args.push('--wait');
    if (opts.waitTimeoutSeconds !== undefined)
      args.push('--wait-timeout', String(Math.ceil(opts.waitTimeoutSeconds)));
  }
  return `${cdApp(s)} && ${composeBase(s)} ${shellJoin(args)}`;
}

function backupPath(s: ComposeSettings): string {
  return `${stateDir(s.appDir)}/env-file.previous`;
}

function lineMatcher(variable: string): string {
  return `^[[:space:]]*(export[[:space:]]+)?${variable}[[:space:]]*=`;
}

/** The env-file lines of any of `variables` (names checked by the inputs). */
function linesMatcher(variables: readonly string[]): string {
  return variables.length === 1 ? lineMatcher(variables[0] ?? '') : lineMatcher(`(${variables.join('|')})`);
}

/** The env file's path on the server (env-file is relative to app-dir unless absolute). */
export function envFilePath(s: ComposeSettings): string {
  return s.envFile.startsWith('/') ? s.envFile : `${s.appDir}/${s.envFile}`;
}

/** Prints the image reference the env file holds now (nothing when none). Read-only. Pure. */
export function readImageScript(s: ComposeSettings): string {
  const f = shellQuote(envFilePath(s));
  const m = lineMatcher(s.imageVariable);
  return `if [ -f ${f} ]; then grep -E ${shellQuote(m)} ${f} | tail -n 1 | sed -E ${shellQuote(`s/${m}//`)}; fi`;
}

/**
 * Prints `VAR=value` for every line of the env file that sets one of `variables`, or one of the
 * variables a compose deploy of several images recorded in the history (`"images":{…}` of
 * history.jsonl), so a rollback reads every image of the release it compares against. Read-only. Pure.
 */
export function readImagesScript(
  s: ComposeSettings,
  variables: readonly string[],
  historyFile?: string,
): string {
  const f = shellQuote(envFilePath(s));
  const parts = [`v=${shellQuote(variables.join('|'))}`];
  if (historyFile !== undefined) {
    const h = shellQuote(historyFile);
    parts.push(
      `if [ -f ${h} ]; then r=$(grep -o '"images":{[^}]*}' ${h} | sed 's/^"images":{//' | grep -oE '"[A-Za-z_][A-Za-z0-9_]*":' | tr -d '":' | sort -u | tr '\\n' '|' | sed 's/|$//'); if [ -n "$r" ]; then v="$v|$r"; fi; fi`,
    );
  }
  parts.push(
    `if [ -f ${f} ]; then grep -E "^[[:space:]]*(export[[:space:]]+)?($v)[[:space:]]*=" ${f} | sed -E 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=/\\2=/'; fi`,
  );
  return parts.join('; ');
}

/** Parses what readImagesScript printed: each variable's last value (quotes removed). Pure. */
export function parseImagesOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const value = parseImageLine(m[2] ?? '');
    if (value === undefined) delete out[m[1]];
    else out[m[1]] = value;
  }
  return out;
}

/** The value of a `KEY=value` env-file line as compose reads it (quotes removed). */
export function parseImageLine(text: string): string | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  const m = /^(['"])(.*)\1$/.exec(v);
  return m ? m[2] : v;
}

/**
 * Writes `<VAR>=<image>` into the env file, keeping every other line and the file's mode (a new env
 * file is created 0600). The old file is copied to `.ops-actions/env-file.previous` first, mode kept
 * (restoreImageScript puts it back); both are written to a temporary file renamed into place, so a
 * reader never sees half a file and a failed write (a full disk) leaves the old one whole. Pure.
 */
export function setImageScript(s: ComposeSettings, image: string): string {
  return setImagesScript(s, { [s.imageVariable]: image });
}

/** setImageScript for several images at once (`VAR=ref` each): one file written, one rename. Pure. */
export function setImagesScript(s: ComposeSettings, images: Readonly<Record<string, string>>): string {
  const f = shellQuote(s.envFile);
  const backup = shellQuote(backupPath(s));
  const lines = Object.entries(images).map(([name, ref]) => shellQuote(`${name}=${ref}`));
  const producer = `if [ -f ${f} ]; then grep -Ev ${shellQuote(linesMatcher(Object.keys(images)))} ${f} || true; fi; printf '%s\\n' ${lines.join(' ')}`;
  return [
    cdApp(s),
    `mkdir -p ${shellQuote(stateDir(s.appDir))}`,
    `if [ -f ${f} ]; then ${copyFileScript(s.envFile, backupPath(s))} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
    replaceFileScript(s.envFile, producer, { secret: true }),
  ].join(' && ');
}

/**
 * Puts back the env file saved by setImageScript (or removes it when there was none), through a
 * temporary file and a rename: a failed copy leaves the current env file as it is. Pure.
 */
export function restoreImageScript(s: ComposeSettings): string {
  const f = shellQuote(s.envFile);
  const backup = shellQuote(backupPath(s));
  return [
    cdApp(s),
    `if [ -f ${backup} ]; then ${copyFileScript(backupPath(s), s.envFile)}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved env file to restore' >&2; exit 1; fi`,
  ].join(' && ');
}

// --- executors ---------------------------------------------------------------------------------

/** The image reference the host's env file holds now. */
export async function readCurrentImage(conn: SshConnection, s: ComposeSettings): Promise<string | undefined> {
  const r = await conn.exec(readImageScript(s), {
    silent: true,
    allowFailure: true,
    label: `read ${s.imageVariable} from ${s.envFile}`,
  });
  return r.exitCode === 0 ? parseImageLine(r.stdout) : undefined;
}

/**
 * Makes the host run `image`: write it into the env file, then `up -d --remove-orphans --wait`.
 * The rollback stage calls this with a previous image from the history.
 */
export async function switchImage(
  conn: SshConnection,
  s: ComposeSettings,
  image: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  await conn.exec(setImageScript(s, image), {
    label: `set ${s.imageVariable}=${image} in ${s.envFile}`,
    ...opts,
  });
  await conn.exec(upCommand(s), { label: `${s.command.join(' ')} up -d --remove-orphans --wait`, ...opts });
}
