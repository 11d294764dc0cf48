import { runProcess } from '../../lib/exec.js';

/**
 * The few read-only git commands change detection needs. Output is captured, not logged; a
 * failure is returned as undefined or thrown as a ProcessError naming the command.
 */
const TIMEOUT_MS = 60_000;

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const r = await runProcess('git', args, { cwd, silent: true, timeoutMs: TIMEOUT_MS });
  return r.stdout;
}

/** The repository's top-level folder, or undefined when `cwd` is not in a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  const r = await runProcess('git', ['cat-file', '-e', `${sha}^{commit}`], {
    cwd,
    silent: true,
    allowFailure: true,
    timeoutMs: TIMEOUT_MS,
  });
  return r.exitCode === 0;
}

/**
 * Fetches commits a shallow checkout lacks (actions/checkout fetches one commit by default) from
 * `origin`. `depth` 1 is enough to compare two trees; finding a merge base needs their history.
 * Returns what is still missing afterwards.
 */
export async function fetchMissing(cwd: string, shas: readonly string[], depth?: number): Promise<string[]> {
  const missing: string[] = [];
  for (const sha of shas) if (!(await hasCommit(cwd, sha))) missing.push(sha);
  if (missing.length === 0) return [];
  const origin = await runProcess('git', ['remote', 'get-url', 'origin'], {
    cwd,
    silent: true,
    allowFailure: true,
  });
  if (origin.exitCode !== 0) return missing;
  const args = [
    'fetch',
    '--no-tags',
    '--quiet',
    ...(depth ? [`--depth=${depth}`] : []),
    'origin',
    ...missing,
  ];
  await runProcess('git', args, { cwd, silent: true, allowFailure: true, timeoutMs: 5 * TIMEOUT_MS });
  const still: string[] = [];
  for (const sha of missing) if (!(await hasCommit(cwd, sha))) still.push(sha);
  return still;
}

/**
 * The merge base of two commits. In a shallow checkout the history that leads to it is usually
 * missing: then the rest of the history is fetched from origin once (`--unshallow`) and we ask
 * again. Undefined when there is none.
 */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  const ask = async (): Promise<string | undefined> => {
    const r = await runProcess('git', ['merge-base', a, b], { cwd, silent: true, allowFailure: true });
    return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
  };
  const found = await ask();
  if (found) return found;
  const shallow = await runProcess('git', ['rev-parse', '--is-shallow-repository'], {
    cwd,
    silent: true,
    allowFailure: true,
  });
  if (shallow.stdout.trim() !== 'true') return undefined;
  await runProcess('git', ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], {
    cwd,
    silent: true,
    allowFailure: true,
    timeoutMs: 5 * TIMEOUT_MS,
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
