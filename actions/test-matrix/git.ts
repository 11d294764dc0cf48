import { stepCancelSignal } from '../../lib/cancel.js';
import { withDeadline } from '../../lib/deadline.js';
import { type ProcessOptions, type ProcessResult, runProcess } from '../../lib/exec.js';

/**
 * The few read-only git commands change detection needs. Output is captured, not logged; a
 * failure is returned as undefined or thrown as a ProcessError naming the command.
 */
const TIMEOUT_MS = 60_000;

/** Every wait on git ends: a deadline (60 s, 5 min for a fetch) and the step's cancel signal. */
export interface GitLimits {
  signal?: AbortSignal;
}

/** Runs git; a cancelled step throws instead of reading a killed git's output as an answer. */
async function runGit(
  cwd: string,
  args: readonly string[],
  opts: Omit<ProcessOptions, 'cwd' | 'silent' | 'signal'> & GitLimits = {},
): Promise<ProcessResult> {
  const { signal = stepCancelSignal(), ...rest } = opts;
  if (signal.aborted) throw signal.reason;
  // the signal also ends the wait itself: a killed git's helper (git-remote-http) can keep its
  // output pipe open, and the process's close would wait for it
  const r = await withDeadline(
    runProcess('git', args, { timeoutMs: TIMEOUT_MS, ...rest, cwd, silent: true, signal }),
    { signal, timeoutMs: (rest.timeoutMs ?? TIMEOUT_MS) + 10_000, what: `git ${args[0] ?? ''}` },
  );
  if (signal.aborted) throw signal.reason;
  return r;
}

async function git(cwd: string, args: readonly string[], limits: GitLimits = {}): Promise<string> {
  return (await runGit(cwd, args, limits)).stdout;
}

/** The repository's top-level folder, or undefined when `cwd` is not in a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function hasCommit(cwd: string, sha: string, limits: GitLimits = {}): Promise<boolean> {
  const r = await runGit(cwd, ['cat-file', '-e', `${sha}^{commit}`], { allowFailure: true, ...limits });
  return r.exitCode === 0;
}

/**
 * Fetches commits a shallow checkout lacks (actions/checkout fetches one commit by default) from
 * `origin`. `depth` 1 is enough to compare two trees; finding a merge base needs their history.
 * Returns what is still missing afterwards.
 */
export async function fetchMissing(
  cwd: string,
  shas: readonly string[],
  depth?: number,
  limits: GitLimits = {},
): Promise<string[]> {
  const missing: string[] = [];
  for (const sha of shas) if (!(await hasCommit(cwd, sha, limits))) missing.push(sha);
  if (missing.length === 0) return [];
  const origin = await runGit(cwd, ['remote', 'get-url', 'origin'], { allowFailure: true, ...limits });
  if (origin.exitCode !== 0) return missing;
  const args = [
    'fetch',
    '--no-tags',
    '--quiet',
    ...(depth ? [`--depth=${depth}`] : []),
    'origin',
    ...missing,
  ];
  await runGit(cwd, args, { allowFailure: true, timeoutMs: 5 * TIMEOUT_MS, ...limits });
  const still: string[] = [];
  for (const sha of missing) if (!(await hasCommit(cwd, sha, limits))) still.push(sha);
  return still;
}

/**
 * The merge base of two commits. In a shallow checkout the history that leads to it is usually
 * missing: then the rest of the history is fetched from origin once (`--unshallow`) and we ask
 * again. Undefined when there is none.
 */
export async function mergeBase(
  cwd: string,
  a: string,
  b: string,
  limits: GitLimits = {},
): Promise<string | undefined> {
  const ask = async (): Promise<string | undefined> => {
    const r = await runGit(cwd, ['merge-base', a, b], { allowFailure: true, ...limits });
    return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
  };
  const found = await ask();
  if (found) return found;
  const shallow = await runGit(cwd, ['rev-parse', '--is-shallow-repository'], {
    allowFailure: true,
    ...limits,
  });
  if (shallow.stdout.trim() !== 'true') return undefined;
  await runGit(cwd, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], {
    allowFailure: true,
    timeoutMs: 5 * TIMEOUT_MS,
    ...limits,
  });
  return ask();
}

/**
 * Files that differ, relative to the repository root. `two-dot`: between the two trees
 * (`git diff base head`, what a push changed); `three-dot`: what `head` changed since it forked
 * from `base` (`git diff base...head`, a pull request's files). Renames count as a deletion and
 * an addition, so both paths are listed.
 */
export async function diffNames(
  cwd: string,
  base: string,
  head: string,
  kind: 'two-dot' | 'three-dot',
): Promise<string[]> {
  const range = kind === 'two-dot' ? [base, head] : [`${base}...${head}`];
  const out = await git(cwd, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--name-only',
    '--no-renames',
    '-z',
    ...range,
    '--',
  ]);
  return out.split('\0').filter((f) => f !== '');
}
