// What a host runs now, read in one round trip: its release history, where `current` points
// (release layout) and the image reference in the compose env file. Deploy reads it under the lock
// (lock.ts `after`), rollback reads it to choose where to go back to.

import { shellQuote } from '../quote.js';
import type { SshConnection } from '../ssh/connection.js';
import {
  type ComposeSettings,
  parseImageLine,
  parseImagesOutput,
  readImageScript,
  readImagesScript,
} from './compose.js';
import { type HistoryEntry, historyPath, parseHistory, readHistoryScript } from './history.js';
import { readCurrentScript } from './release.js';

export interface DeployState {
  history: HistoryEntry[];
  /** The release `current` points to (asked for with `release: true`). */
  currentRelease?: string;
  /** The image reference in the env file (asked for with `compose`). */
  image?: string;
  /**
   * compose: the env file's value of image-variable, of every `variables` asked for and of every
   * variable a deploy of several images recorded in the history (variable → reference).
   */
  images?: Record<string, string>;
  /** The contents of the files asked for with `files` (missing files are left out). */
  files?: Record<string, string>;
}

export interface StateQuery {
  release?: boolean;
  compose?: ComposeSettings;
  /** compose: more variables holding images (the `images` input of this deploy). */
  variables?: readonly string[];
  /** Files to read too, by name: `{ upstream: '/etc/nginx/upstreams/shop.conf' }`. */
  files?: Record<string, string>;
}

const MARK = '@@ops-actions-state:';

/** The remote script printing each part after a marker line. Read-only. Pure. */
export function readStateScript(appDir: string, query: StateQuery = {}): string {
  const parts = [`echo '${MARK}history'`, readHistoryScript(appDir)];
  if (query.release) parts.push(`echo '${MARK}current'`, readCurrentScript(appDir));
  if (query.compose) {
    const c = query.compose;
    const variables = [...new Set([c.imageVariable, ...(query.variables ?? [])])];
    parts.push(`echo '${MARK}image'`, `(${readImageScript(c)})`);
    parts.push(`echo '${MARK}images'`, `(${readImagesScript(c, variables, historyPath(appDir))})`);
  }
  for (const [name, path] of Object.entries(query.files ?? {})) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`invalid state file name: ${name}`);
    const f = shellQuote(path);
    parts.push(`if [ -f ${f} ]; then echo '${MARK}file:${name}'; cat ${f}; echo; fi`);
  }
  return parts.join('\n');
}

/** Parses what readStateScript printed. */
export function parseState(stdout: string): DeployState {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARK)) {
      current = [];
      sections.set(line.slice(MARK.length).trim(), current);
    } else {
      current?.push(line);
    }
  }
  const text = (name: string): string | undefined => sections.get(name)?.join('\n');
  const currentRelease = text('current')?.trim();
  const files: Record<string, string> = {};
  for (const [name, lines] of sections) {
    if (name.startsWith('file:')) files[name.slice(5)] = lines.join('\n').replace(/\n$/, '');
  }
  return {
    ...(Object.keys(files).length > 0 ? { files } : {}),
    history: parseHistory(text('history') ?? '').entries,
    currentRelease: currentRelease ? currentRelease : undefined,
    image: parseImageLine(text('image') ?? ''),
    ...(sections.has('images') ? { images: parseImagesOutput(text('images') ?? '') } : {}),
  };
}

export async function readState(
  conn: SshConnection,
  appDir: string,
  query: StateQuery = {},
): Promise<DeployState> {
  const r = await conn.exec(readStateScript(appDir, query), {
    silent: true,
    label: 'read the release state',
  });
  return parseState(r.stdout);
}
