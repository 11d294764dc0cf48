import { posix } from 'node:path';
import type { Component } from './component.js';
import { globMatcher } from './glob.js';

/** What changed, as far as selection is concerned. */
export type Changes =
  | { kind: 'all'; reason: string }
  | {
      kind: 'files';
      /** Changed files relative to the repository root (POSIX). */
      files: readonly string[];
      /** e.g. `push to main: files changed between 1a2b3c4 and 5d6e7f8 (git)`. */
      description: string;
    };

export interface Decision {
  component: Component;
  selected: boolean;
  /** Why it is in or out, for the summary and the log. */
  reason: string;
  /** The changed files that put it in (repository-relative). */
  matched: string[];
}

export interface SelectOptions {
  /** Globs (repository-relative) of shared files: one changed file selects every component. */
  alwaysInclude: readonly string[];
  /** Where the discovery root is inside the repository (`''` when it is the repository root). */
  rootPrefix: string;
}

/**
 * Which components to test. With `all` every component is in. With a list of changed files,
 * a component is in when one of them
 * - lies in its folder and not in a deeper component's folder (a change in `apps/web/` is
 *   `apps/web`'s, not the root component's),
 * - is one of its lockfiles (a workspace's shared lockfile belongs to every member), or
 * - matches one of its `paths` globs from the config file;
 * and every component is in when a changed file matches `always-include`.
 */
export function selectComponents(
  components: readonly Component[],
  changes: Changes,
  opts: SelectOptions,
): Decision[] {
  if (changes.kind === 'all') {
    return components.map((component) => ({
      component,
      selected: true,
      reason: changes.reason,
      matched: [],
    }));
  }
  const shared = globMatcher(opts.alwaysInclude);
  const sharedHits = changes.files.filter((f) => shared(f));
  if (sharedHits.length > 0) {
    const reason = `shared file changed: ${listFiles(sharedHits)} (always-include)`;
    return components.map((component) => ({ component, selected: true, reason, matched: sharedHits }));
  }

  const byDir = groupBy(components, (c) => [c.dir]);
  const byLockfile = groupBy(components, (c) => c.lockfiles);
  const withPaths = components
    .filter((c) => c.paths.length > 0)
    .map((c) => [c, globMatcher(c.paths)] as const);
  const matched = new Map<Component, string[]>(components.map((c) => [c, []]));
  for (const file of changes.files) {
    const local = toRootRelative(file, opts.rootPrefix);
    if (local === undefined) continue;
    const owners = new Set<Component>(deepestOwners(byDir, local));
    for (const c of byLockfile.get(local) ?? []) owners.add(c);
    for (const [c, matches] of withPaths) if (matches(local)) owners.add(c);
    for (const c of owners) matched.get(c)?.push(file);
  }
  return components.map((component) => {
    const files = matched.get(component) ?? [];
    const where = component.dir === '.' ? 'the root folder' : `${component.dir}/`;
    return files.length > 0
      ? { component, selected: true, reason: `changed: ${listFiles(files)}`, matched: files }
      : { component, selected: false, reason: `no changed file in ${where}`, matched: [] };
  });
}

/** The components whose folder contains the file most closely (several when they share a folder). */
function deepestOwners(byDir: ReadonlyMap<string, Component[]>, file: string): Component[] {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    const owners = byDir.get(dir);
    if (owners) return owners;
    if (dir === '.') return [];
  }
}

function groupBy(
  components: readonly Component[],
  keys: (c: Component) => readonly string[],
): Map<string, Component[]> {
  const out = new Map<string, Component[]>();
  for (const c of components) {
    for (const k of keys(c)) {
      const list = out.get(k);
      if (list) list.push(c);
      else out.set(k, [c]);
    }
  }
  return out;
}

/** A repository-relative path made relative to the discovery root; undefined when outside it. */
export function toRootRelative(file: string, rootPrefix: string): string | undefined {
  if (rootPrefix === '' || rootPrefix === '.') return file;
  return file.startsWith(`${rootPrefix}/`) ? file.slice(rootPrefix.length + 1) : undefined;
}

/** `a, b, c (+4 more)`. */
export function listFiles(files: readonly string[], max = 3): string {
  const shown = files.slice(0, max).join(', ');
  return files.length > max ? `${shown} (+${files.length - max} more)` : shown;
}
