/**
 * What to compare against, from the event that started the workflow. A pure function of the event
 * name, its payload (the JSON at GITHUB_EVENT_PATH) and the ref, so every case is unit-tested.
 *
 * - pull_request(_target) and the review events: the pull request's files, i.e. what `head`
 *   changed since it forked from `base` (the GitHub API lists exactly that; git: `base...head`).
 * - merge_group: the queue's `base_sha..head_sha`.
 * - push to a branch: `before..after`, the commits this push brought.
 * - push of a new branch (`before` is all zeros), of a tag, a deleted branch, and every other event
 *   (workflow_dispatch, schedule, release, repository_dispatch, …): everything. There is no
 *   previous state to compare with, and a manual or release run is expected to test it all. Peers
 *   that try to diff here fail on the zero SHA (dorny/paths-filter#15) or quietly compare against
 *   the default branch and skip what they should run.
 */
export type ChangeBase =
  | { mode: 'all'; reason: string }
  | {
      /** The pull request's own changes: API `pulls/{number}/files`, or git `base...head`. */
      mode: 'pull-request';
      base: string;
      head: string;
      number: number;
      reason: string;
    }
  | {
      /** The difference between two commits: git `base..head` (no merge base needed). */
      mode: 'commits';
      base: string;
      head: string;
      reason: string;
    };

export const ZERO_SHA = /^0+$/;
const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

/**
 * @param eventName GITHUB_EVENT_NAME (in a reusable workflow, the caller's event).
 * @param payload the parsed event payload ({} when there is none).
 * @param ref GITHUB_REF, e.g. `refs/heads/main` or `refs/tags/v1.2.0`.
 * @param sha GITHUB_SHA, used when a push payload has no `after`.
 */
export function detectChangeBase(eventName: string, payload: unknown, ref: string, sha = ''): ChangeBase {
  const p = asRecord(payload);
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    const pr = asRecord(p['pull_request']);
    const base = str(asRecord(pr['base'])['sha']);
    const head = str(asRecord(pr['head'])['sha']);
    const number = typeof pr['number'] === 'number' ? pr['number'] : Number(p['number']);
    if (!base || !head || !Number.isInteger(number) || number <= 0) {
      return {
        mode: 'all',
        reason: `${eventName} event without pull_request.base.sha, head.sha and number in its payload: testing everything`,
      };
    }
    return {
      mode: 'pull-request',
      base,
      head,
      number,
      reason: `pull request #${number}: files changed between ${short(base)} (base) and ${short(head)} (head)`,
    };
  }
  if (eventName === 'merge_group') {
    const mg = asRecord(p['merge_group']);
    const base = str(mg['base_sha']);
    const head = str(mg['head_sha']);
    if (!base || !head) {
      return { mode: 'all', reason: 'merge_group event without base_sha/head_sha: testing everything' };
    }
    return {
      mode: 'commits',
      base,
      head,
      reason: `merge queue: files changed between ${short(base)} and ${short(head)}`,
    };
  }
  if (eventName === 'push') {
    if (ref.startsWith('refs/tags/')) {
      return {
        mode: 'all',
        reason: `tag push (${ref.slice('refs/tags/'.length)}): a release tests everything`,
      };
    }
    const before = str(p['before']);
    const after = str(p['after']) || sha;
    if (p['deleted'] === true || (after !== '' && ZERO_SHA.test(after))) {
      return { mode: 'all', reason: 'push that deleted the branch: nothing to compare, testing everything' };
    }
    if (!before) {
      return { mode: 'all', reason: 'push event without `before` in its payload: testing everything' };
    }
    if (ZERO_SHA.test(before) || p['created'] === true) {
      return {
        mode: 'all',
        reason: `new branch (${branchName(ref)}): no previous commit to compare with, testing everything`,
      };
    }
    if (!after) {
      return { mode: 'all', reason: 'push event without `after` or GITHUB_SHA: testing everything' };
    }
    return {
      mode: 'commits',
      base: before,
      head: after,
      reason: `push to ${branchName(ref)}: files changed between ${short(before)} and ${short(after)}`,
    };
  }
  const what = eventName ? `${eventName} event` : 'unknown event (GITHUB_EVENT_NAME is not set)';
  return { mode: 'all', reason: `${what}: testing everything` };
}

function branchName(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref || 'an unknown ref';
}

export function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}
