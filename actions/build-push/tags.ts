import { splitList } from '../../lib/inputs.js';
import { type GitContext, isPullRequestEvent } from './git-context.js';

/**
 * One rule of the `tags` input. Rules are listed one per line (or separated by commas); each
 * rule gives zero or more tags for the current event:
 *
 *   sha          sha-<first 7 characters of the commit>     every event
 *   branch       the branch name, sanitised (feature/Login → feature-login)   branch pushes
 *   tag          the git tag name, sanitised (release-7)      tag pushes
 *   semver       v1.2.3 → 1.2.3, 1.2, 1 (0.x.y: no bare 0); v1.2.3-rc.1 → 1.2.3-rc.1 only
 *   latest       latest                                      the default branch only
 *   pr           pr-<number>                                 pull_request events
 *   raw=<value>  <value> as given                            every event
 */
export type TagRule =
  | { kind: 'sha' }
  | { kind: 'branch' }
  | { kind: 'tag' }
  | { kind: 'semver' }
  | { kind: 'latest' }
  | { kind: 'pr' }
  | { kind: 'raw'; value: string };

export const TAG_RULE_NAMES = ['sha', 'branch', 'tag', 'semver', 'latest', 'pr'] as const;

/** Used when the `tags` input is empty. */
export const DEFAULT_TAG_RULES = 'sha, branch, semver, pr, latest';

/** Docker's tag grammar: a word character, then up to 127 word characters, dots and dashes. */
const VALID_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isValidTag(tag: string): boolean {
  return VALID_TAG.test(tag);
}

/** Parses the `tags` spec. Returns the rules, or a problem naming the rule that is wrong. */
export function parseTagRules(text: string): TagRule[] | { problem: string } {
  const rules: TagRule[] = [];
  for (const item of splitList(text)) {
    const eq = item.indexOf('=');
    if (eq >= 0) {
      const key = item.slice(0, eq).trim().toLowerCase();
      const value = item.slice(eq + 1).trim();
      if (key !== 'raw') return { problem: `unknown tag rule '${item}'` };
      if (!isValidTag(value)) {
        return {
          problem: `'${value}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')`,
        };
      }
      rules.push({ kind: 'raw', value });
      continue;
    }
    const kind = TAG_RULE_NAMES.find((n) => n === item.toLowerCase());
    if (!kind) return { problem: `unknown tag rule '${item}'` };
    rules.push({ kind });
  }
  if (rules.length === 0) return { problem: 'gives no tag rule' };
  return rules;
}

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | undefined;
  build: string | undefined;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** `v1.2.3`, `1.2.3-rc.1`, `v2.0.0+build.7` → its parts; anything else → undefined. */
export function parseSemver(text: string): Semver | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4],
    build: m[5],
  };
}

/** `1.2.3-rc.1`; build metadata is kept with `_` for `+`, which tags cannot contain. */
export function semverVersion(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.build ? `_${v.build}` : ''}`;
}

/**
 * A branch or git tag name made into a valid image tag: lowercase, `/` and every other
 * character a tag cannot hold become `-`, no leading `.`/`-`, at most 128 characters.
 * Undefined when nothing is left.
 */
export function sanitizeTag(name: string): string | undefined {
  const t = name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return t === '' ? undefined : t;
}

export function branchName(ctx: GitContext): string | undefined {
  if (isPullRequestEvent(ctx.eventName)) return undefined;
  return ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined;
}

export function gitTagName(ctx: GitContext): string | undefined {
  return ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : undefined;
}

export function isDefaultBranch(ctx: GitContext): boolean {
  const branch = branchName(ctx);
  return branch !== undefined && ctx.defaultBranch !== undefined && branch === ctx.defaultBranch;
}

export interface ComputedTags {
  /** Tag names in rule order, without duplicates. */
  tags: string[];
  /** Why a rule that could have applied gave nothing (e.g. the default branch is unknown). */
  notes: string[];
}

/** The tags the rules give for this event (pure). */
export function computeTags(rules: readonly TagRule[], ctx: GitContext): ComputedTags {
  const tags: string[] = [];
  const notes: string[] = [];
  const add = (t: string | undefined): void => {
    if (t !== undefined && !tags.includes(t)) tags.push(t);
  };
  for (const rule of rules) {
    switch (rule.kind) {
      case 'sha':
        if (/^[0-9a-f]{7,}$/i.test(ctx.sha)) add(`sha-${ctx.sha.slice(0, 7).toLowerCase()}`);
        else notes.push(`'sha' gave no tag: GITHUB_SHA is not set`);
        break;
      case 'branch': {
        const b = branchName(ctx);
        if (b !== undefined) add(sanitizeTag(b));
        break;
      }
      case 'tag': {
        const t = gitTagName(ctx);
        if (t !== undefined) add(sanitizeTag(t));
        break;
      }
      case 'semver': {
        const t = gitTagName(ctx);
        const v = t === undefined ? undefined : parseSemver(t);
        if (!v) break;
        add(semverVersion(v));
        if (v.prerelease) break; // 1.2.3-rc.1 must not move 1.2 or 1
        add(`${v.major}.${v.minor}`);
        if (v.major > 0) add(`${v.major}`); // 0.x makes no stability promise
        break;
      }
      case 'latest':
        if (isDefaultBranch(ctx)) add('latest');
        else if (ctx.defaultBranch === undefined && branchName(ctx) !== undefined) {
          notes.push(
            `'latest' gave no tag: the default branch is unknown (no event payload); set the 'default-branch' input`,
          );
        }
        break;
      case 'pr':
        if (isPullRequestEvent(ctx.eventName) && ctx.prNumber !== undefined) add(`pr-${ctx.prNumber}`);
        break;
      case 'raw':
        add(rule.value);
        break;
    }
  }
  return { tags, notes };
}

/**
 * The version this build stands for (the OCI `version` label and the `version` output): the
 * semver version of a release tag, else the tag, the branch, `pr-<n>`, or `sha-<short>`.
 */
export function eventVersion(ctx: GitContext): string {
  const t = gitTagName(ctx);
  if (t !== undefined) {
    const v = parseSemver(t);
    if (v) return semverVersion(v);
    const s = sanitizeTag(t);
    if (s) return s;
  }
  const b = branchName(ctx);
  const sb = b === undefined ? undefined : sanitizeTag(b);
  if (sb) return sb;
  if (isPullRequestEvent(ctx.eventName) && ctx.prNumber !== undefined) return `pr-${ctx.prNumber}`;
  return ctx.sha ? `sha-${ctx.sha.slice(0, 7).toLowerCase()}` : 'unknown';
}
