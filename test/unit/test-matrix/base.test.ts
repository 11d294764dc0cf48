import { describe, expect, it } from 'vitest';
import { detectChangeBase } from '../../../actions/test-matrix/base.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('detectChangeBase', () => {
  it('push to a branch compares the previous commit with the pushed one', () => {
    expect(detectChangeBase('push', { before: A, after: B }, 'refs/heads/main')).toEqual({
      mode: 'commits',
      base: A,
      head: B,
      reason: 'push to main: files changed between aaaaaaa and bbbbbbb',
    });
  });

  it('push without `after` falls back to GITHUB_SHA', () => {
    const r = detectChangeBase('push', { before: A }, 'refs/heads/dev', B);
    expect(r).toMatchObject({ mode: 'commits', base: A, head: B });
  });

  it('a new branch (before is all zeros) tests everything instead of diffing against 000…', () => {
    const r = detectChangeBase('push', { before: ZERO, after: B, created: true }, 'refs/heads/feature/x');
    expect(r).toEqual({
      mode: 'all',
      reason: 'new branch (feature/x): no previous commit to compare with, testing everything',
    });
  });

  it('a new branch is recognised by the zero SHA even without `created`', () => {
    expect(detectChangeBase('push', { before: ZERO, after: B }, 'refs/heads/x').mode).toBe('all');
  });

  it('a tag push tests everything, whatever `before` says', () => {
    for (const before of [ZERO, A]) {
      expect(detectChangeBase('push', { before, after: B }, 'refs/tags/v1.2.0')).toEqual({
        mode: 'all',
        reason: 'tag push (v1.2.0): a release tests everything',
      });
    }
  });

  it('a deleted branch tests everything (nothing to compare)', () => {
    expect(detectChangeBase('push', { before: A, after: ZERO, deleted: true }, 'refs/heads/x').mode).toBe(
      'all',
    );
    expect(detectChangeBase('push', { before: A, after: ZERO }, 'refs/heads/x').mode).toBe('all');
  });

  it('a push payload without `before` tests everything', () => {
    expect(detectChangeBase('push', { after: B }, 'refs/heads/main')).toEqual({
      mode: 'all',
      reason: 'push event without `before` in its payload: testing everything',
    });
    expect(detectChangeBase('push', {}, 'refs/heads/main').mode).toBe('all');
  });

  it('a push with neither `after` nor GITHUB_SHA tests everything', () => {
    expect(detectChangeBase('push', { before: A }, 'refs/heads/main').mode).toBe('all');
  });

  it.each(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])(
    '%s compares the pull request base with its head',
    (event) => {
      const payload = { number: 7, pull_request: { number: 7, base: { sha: A }, head: { sha: B } } };
      expect(detectChangeBase(event, payload, 'refs/pull/7/merge')).toEqual({
        mode: 'pull-request',
        base: A,
        head: B,
        number: 7,
        reason: 'pull request #7: files changed between aaaaaaa (base) and bbbbbbb (head)',
      });
    },
  );

  it('a pull request number is also read from the top-level `number`', () => {
    const payload = { number: 12, pull_request: { base: { sha: A }, head: { sha: B } } };
    expect(detectChangeBase('pull_request', payload, '')).toMatchObject({ mode: 'pull-request', number: 12 });
  });

  it('a pull request payload without base/head SHAs tests everything', () => {
    expect(detectChangeBase('pull_request', { number: 3, pull_request: { head: { sha: B } } }, '')).toEqual({
      mode: 'all',
      reason:
        'pull_request event without pull_request.base.sha, head.sha and number in its payload: testing everything',
    });
    expect(detectChangeBase('pull_request', {}, '').mode).toBe('all');
    expect(detectChangeBase('pull_request', null, '').mode).toBe('all');
  });

  it('merge_group compares the queue base with its head', () => {
    expect(detectChangeBase('merge_group', { merge_group: { base_sha: A, head_sha: B } }, '')).toEqual({
      mode: 'commits',
      base: A,
      head: B,
      reason: 'merge queue: files changed between aaaaaaa and bbbbbbb',
    });
    expect(detectChangeBase('merge_group', { merge_group: {} }, '').mode).toBe('all');
  });

  it.each(['workflow_dispatch', 'schedule', 'repository_dispatch', 'release', 'workflow_run'])(
    '%s tests everything',
    (event) => {
      // workflow_dispatch payloads have no `before`; a `before` in another event is not a base
      expect(detectChangeBase(event, { before: A, after: B }, 'refs/heads/main')).toEqual({
        mode: 'all',
        reason: `${event} event: testing everything`,
      });
    },
  );

  it('an unknown or missing event name tests everything', () => {
    expect(detectChangeBase('', {}, '')).toEqual({
      mode: 'all',
      reason: 'unknown event (GITHUB_EVENT_NAME is not set): testing everything',
    });
  });
});
