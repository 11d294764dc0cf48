// Processes by pid, read from /proc (Linux): the tests that check a timeout ended a command's
// children look them up by pid and start time, never by name (other tests run `sleep` too).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcessId {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a reused pid from the process we saw. */
  startTime: string;
}

function stat(pid: number): { ppid: number; state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', ppid: Number(rest[1]), startTime: rest[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** Every process below `pid` (children, grandchildren…), as they are now. */
export function descendants(pid: number): ProcessId[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => ({ pid: Number(d), st: stat(Number(d)) }))
    .filter((p): p is { pid: number; st: NonNullable<ReturnType<typeof stat>> } => p.st !== undefined);
  const out: ProcessId[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const p of all) {
      if (p.st.ppid === parent) {
        out.push({ pid: p.pid, startTime: p.st.startTime });
        queue.push(p.pid);
      }
    }
  }
  return out;
}

/** Whether the very process seen earlier still runs (a zombie or a reused pid does not count). */
export function isAlive(p: ProcessId): boolean {
  const st = stat(p.pid);
  return st !== undefined && st.startTime === p.startTime && st.state !== 'Z' && existsSync(`/proc/${p.pid}`);
}

/** Polls until `pid` has at least `n` descendants (or `timeoutMs` passes); returns them. */
export async function waitForDescendants(pid: number, n: number, timeoutMs = 5000): Promise<ProcessId[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = descendants(pid);
    if (found.length >= n || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The processes of `ps` still running after up to `graceMs`. A process killed a moment ago has
 * closed its output (so the command's runner has returned) but may not have finished exiting yet:
 * checked at once, a loaded machine sees it for a few milliseconds more. One the kill missed (a
 * `sleep 30`) is still there after the grace, so a test of "every process is gone" can fail.
 */
export async function stillAliveAfter(ps: ProcessId[], graceMs = 1000): Promise<ProcessId[]> {
  const until = Date.now() + graceMs;
  for (;;) {
    const alive = ps.filter(isAlive);
    if (alive.length === 0 || Date.now() > until) return alive;
    await new Promise((r) => setTimeout(r, 20));
  }
}
