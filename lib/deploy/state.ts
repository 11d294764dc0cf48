// What a host runs now, read in one round trip: its release history, where `current` points
// (release layout) and the image reference in the compose env file. Deploy reads it under the lock
// (lock.ts `after`), rollback reads it to choose where to go back to.

import type { SshConnection } from '../ssh/connection.js';
import { type ComposeSettings, parseImageLine, readImageScript } from './compose.js';
import { type HistoryEntry, parseHistory, readHistoryScript } from './history.js';
import { readCurrentScript } from './release.js';

export interface DeployState {
  history: HistoryEntry[];
  /** The release `current` points to (asked for with `release: true`). */
  currentRelease?: string;
  /** The image reference in the env file (asked for with `compose`). */
  image?: string;
}

export interface StateQuery {
  release?: boolean;
  compose?: ComposeSettings;
}

const MARK = '@@ops-actions-state:';

/** The remote script printing each part after a marker line. Read-only. Pure. */
export function readStateScript(appDir: string, query: StateQuery = {}): string {
  const parts = [`echo '${MARK}history'`, readHistoryScript(appDir)];
  if (query.release) parts.push(`echo '${MARK}current'`, readCurrentScript(appDir));
  if (query.compose) parts.push(`echo '${MARK}image'`, `(${readImageScript(query.compose)})`);
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
  return {
    history: parseHistory(text('history') ?? '').entries,
    currentRelease: currentRelease ? currentRelease : undefined,
    image: parseImageLine(text('image') ?? ''),
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
