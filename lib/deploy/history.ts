// The release history each server keeps in its app directory: an append-only JSON-lines file the
// deploy stage writes and the rollback stage reads. One line per event; a release's outcome is
// the outcome of its newest line, so marking a release bad never rewrites the file.
import { shellQuote } from '../quote.js';
import type { SshConnection } from '../ssh/connection.js';
import { stateDir } from './paths.js';
import { appendFileScript } from './replace-file.js';

export type ReleaseOutcome = 'deployed' | 'failed' | 'rolled-back' | 'bad';
export const RELEASE_OUTCOMES: readonly ReleaseOutcome[] = ['deployed', 'failed', 'rolled-back', 'bad'];

export type DeployStrategy = 'script' | 'compose' | 'release' | 'stack';

/** One line of history.jsonl. */
export interface HistoryEntry {
  /** The release id (same on every host of one deploy). */
  id: string;
  outcome: ReleaseOutcome;
  /** ISO 8601 time the event was written. */
  time: string;
  /** Set on the line that records a deploy; a later mark line (bad, rolled-back) may carry only id/outcome/time. */
  strategy?: DeployStrategy;
  /** compose: the image reference deployed. */
  image?: string;
  /** stack: the image of each service deployed (service → reference). */
  images?: Record<string, string>;
  /** stack: the Swarm stack name. */
  stack?: string;
  /** compose with zero-downtime: the color (compose project) this release runs as, `blue` or `green`. */
  color?: string;
  /** release: what was uploaded (a directory or archive path in the workspace). */
  artifact?: string;
  sha?: string;
  ref?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  repository?: string;
  /** The release that was current before this one on this host. */
  previous?: string;
  host?: string;
  durationMs?: number;
  /** Why: the error of a failed deploy, the reason of a rollback. */
  note?: string;
}

export const HISTORY_FILE = 'history.jsonl';

/** `<app-dir>/.ops-actions/history.jsonl` */
export function historyPath(appDir: string): string {
  return `${stateDir(appDir)}/${HISTORY_FILE}`;
}

/** One JSON line (no newline inside: JSON.stringify escapes them). Undefined fields are left out. */
export function historyLine(entry: HistoryEntry): string {
  const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== ''));
  return JSON.stringify(clean);
}

/**
 * The remote script that appends one entry (creates the directory and file when missing): a copy
 * with the line added is renamed over the file, so a failed write (a full disk) leaves no half line
 * that would spoil the next one.
 */
export function appendHistoryScript(appDir: string, entry: HistoryEntry): string {
  const dir = shellQuote(stateDir(appDir));
  // Hosts that share app-dir (one server listed twice, a shared filesystem) append at the same time:
  // one at a time under flock (when the server has it), or one copy-and-rename would drop another's line.
  const guard = shellQuote(`${stateDir(appDir)}/history.guard`);
  return [
    `{ [ -d ${dir} ] || mkdir -p ${dir}; }`,
    `( if command -v flock >/dev/null 2>&1; then exec 9>>${guard} && flock -w 30 9 || { echo 'ops-actions: could not take history.guard' >&2; exit 1; }; fi; ` +
      `${appendFileScript(historyPath(appDir), `${historyLine(entry)}\n`, { secret: false })} )`,
  ].join(' && ');
}

/** The remote script that prints the history file ('' when there is none yet). */
export function readHistoryScript(appDir: string): string {
  const path = shellQuote(historyPath(appDir));
  return `if [ -f ${path} ]; then cat ${path}; fi`;
}

/** Parses history.jsonl; lines that are not valid entries are skipped and their numbers returned. */
export function parseHistory(text: string): { entries: HistoryEntry[]; invalidLines: number[] } {
  const entries: HistoryEntry[] = [];
  const invalidLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v: unknown = JSON.parse(line);
      if (isEntry(v)) entries.push(v);
      else invalidLines.push(i + 1);
    } catch {
      invalidLines.push(i + 1);
    }
  });
  return { entries, invalidLines };
}

function isEntry(v: unknown): v is HistoryEntry {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o['id'] === 'string' &&
    o['id'] !== '' &&
    typeof o['time'] === 'string' &&
    RELEASE_OUTCOMES.includes(o['outcome'] as ReleaseOutcome)
  );
}

/** A release with all its history lines folded together. */
export interface Release {
  id: string;
  /** The outcome of its newest line. */
  outcome: ReleaseOutcome;
  /** The line that recorded the deploy (the first line with a strategy), or the first line. */
  record: HistoryEntry;
  /** Every line about this release, oldest first. */
  events: HistoryEntry[];
  /** Position of its first line in the file: releases are ordered by this. */
  firstIndex: number;
  /** Position of its newest `deployed` line, -1 if it never deployed. */
  lastDeployedIndex: number;
}

/** Folds lines into releases, in the order they were first deployed (oldest first). */
export function foldHistory(entries: readonly HistoryEntry[]): Release[] {
  const byId = new Map<string, Release>();
  entries.forEach((e, i) => {
    let r = byId.get(e.id);
    if (!r) {
      r = { id: e.id, outcome: e.outcome, record: e, events: [], firstIndex: i, lastDeployedIndex: -1 };
      byId.set(e.id, r);
    }
    r.events.push(e);
    r.outcome = e.outcome;
    if (e.strategy && !r.record.strategy) r.record = e;
    if (e.outcome === 'deployed') r.lastDeployedIndex = i;
  });
  return [...byId.values()].sort((a, b) => a.firstIndex - b.firstIndex);
}

/**
 * The release running now: the one deployed most recently (a later `bad` mark does not change
 * what is running; a failed deploy that was undone never became current).
 */
export function currentRelease(releases: readonly Release[]): Release | undefined {
  let best: Release | undefined;
  for (const r of releases)
    if (r.lastDeployedIndex >= 0 && (!best || r.lastDeployedIndex > best.lastDeployedIndex)) best = r;
  return best;
}

/**
 * Where a rollback goes: the newest release deployed before `current` whose outcome is still
 * `deployed` — releases marked bad, rolled back or failed are skipped.
 */
export function rollbackTarget(
  releases: readonly Release[],
  current = currentRelease(releases),
): Release | undefined {
  const before = current ? releases.filter((r) => r.firstIndex < current.firstIndex) : [...releases];
  for (let i = before.length - 1; i >= 0; i--) {
    const r = before[i] as Release;
    if (r.outcome === 'deployed' && r.id !== current?.id) return r;
  }
  return undefined;
}

/**
 * Why `id` may not be deployed again on a host with this history, or undefined when it may: an id
 * names one deploy. Reusing one that went live would record the release as its own previous (and
 * confuse rollback); a deploy that failed and was undone never went live, so a re-run may reuse it.
 */
export function reusedReleaseError(entries: readonly HistoryEntry[], id: string): string | undefined {
  const live = entries.find((e) => e.id === id && e.outcome !== 'failed');
  if (!live) return undefined;
  const first = entries.find((e) => e.id === id && e.outcome === 'deployed') ?? live;
  const by = first.runId ? ` by run ${first.runId}` : '';
  return (
    `release ${id} already exists on this host (${first.outcome} at ${first.time}${by}): ` +
    `give each deploy its own release-id (leave it empty for a unique default), ` +
    `or roll back to ${id} with the rollback action`
  );
}

/** A line that changes a release's outcome (mark bad, rolled back). */
export function markEntry(
  id: string,
  outcome: ReleaseOutcome,
  meta: Omit<HistoryEntry, 'id' | 'outcome' | 'time'> & { time?: string } = {},
): HistoryEntry {
  return { ...meta, id, outcome, time: meta.time ?? new Date().toISOString() };
}

// --- executors ---------------------------------------------------------------------------------

/** Reads and parses a host's history (empty when the file does not exist yet). */
export async function readHistory(conn: SshConnection, appDir: string): Promise<HistoryEntry[]> {
  const r = await conn.exec(readHistoryScript(appDir), { silent: true, label: 'read release history' });
  return parseHistory(r.stdout).entries;
}

export async function appendHistory(conn: SshConnection, appDir: string, entry: HistoryEntry): Promise<void> {
  await conn.exec(appendHistoryScript(appDir, entry), { silent: true, label: 'append to release history' });
}

/** Appends a line marking release `id` as `outcome` (bad, rolled-back). */
export async function markRelease(
  conn: SshConnection,
  appDir: string,
  id: string,
  outcome: ReleaseOutcome,
  meta: Omit<HistoryEntry, 'id' | 'outcome' | 'time'> = {},
): Promise<void> {
  await appendHistory(conn, appDir, markEntry(id, outcome, meta));
}
