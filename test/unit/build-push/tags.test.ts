import { describe, expect, it } from 'vitest';
import type { GitContext } from '../../../actions/build-push/git-context.js';
import {
  computeTags,
  DEFAULT_TAG_RULES,
  eventVersion,
  parseSemver,
  parseTagRules,
  sanitizeTag,
  type TagRule,
} from '../../../actions/build-push/tags.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

function ctx(over: Partial<GitContext>): GitContext {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: SHA,
    repository: 'acme/shop',
    serverUrl: 'https://github.com',
    defaultBranch: 'main',
    prNumber: undefined,
    description: undefined,
    license: undefined,
    ...over,
  };
}

function rules(text: string): TagRule[] {
  const r = parseTagRules(text);
  if ('problem' in r) throw new Error(r.problem);
  return r;
}

const defaults = rules(DEFAULT_TAG_RULES);

describe('computeTags with the default rules (sha, branch, semver, pr, latest)', () => {
  it('push to the default branch: sha, branch and latest', () => {
    expect(computeTags(defaults, ctx({})).tags).toEqual(['sha-0123456', 'main', 'latest']);
  });

  it('push to a feature branch: sha and the sanitised branch, no latest', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/heads/feature/Login-Page' })).tags).toEqual([
      'sha-0123456',
      'feature-login-page',
    ]);
  });

  it('a v1.2.3 tag: 1.2.3, 1.2 and 1; no branch and no latest', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/tags/v1.2.3' })).tags).toEqual([
      'sha-0123456',
      '1.2.3',
      '1.2',
      '1',
    ]);
  });

  it('a v1.2.3-rc.1 pre-release tag: only 1.2.3-rc.1 (never 1.2, 1 or latest)', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/tags/v1.2.3-rc.1' })).tags).toEqual([
      'sha-0123456',
      '1.2.3-rc.1',
    ]);
  });

  it('a v0.4.2 tag: no bare major 0 (0.x makes no compatibility promise)', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/tags/v0.4.2' })).tags).toEqual([
      'sha-0123456',
      '0.4.2',
      '0.4',
    ]);
  });

  it('a pull request: pr-<n> and the head commit, no branch and no latest', () => {
    const pr = ctx({
      eventName: 'pull_request',
      ref: 'refs/pull/42/merge',
      prNumber: 42,
      sha: 'fedcba9876543210',
    });
    expect(computeTags(defaults, pr).tags).toEqual(['sha-fedcba9', 'pr-42']);
  });

  it('pull_request_target counts as a pull request too', () => {
    const pr = ctx({ eventName: 'pull_request_target', ref: 'refs/heads/main', prNumber: 7 });
    expect(computeTags(defaults, pr).tags).toEqual(['sha-0123456', 'pr-7']);
  });

  it('a non-semver tag gives no semver tags', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/tags/release-2024' })).tags).toEqual(['sha-0123456']);
  });

  it('workflow_dispatch on the default branch is the default branch', () => {
    expect(computeTags(defaults, ctx({ eventName: 'workflow_dispatch' })).tags).toEqual([
      'sha-0123456',
      'main',
      'latest',
    ]);
  });

  it('latest follows the default branch, whatever it is called', () => {
    expect(computeTags(defaults, ctx({ ref: 'refs/heads/master', defaultBranch: 'master' })).tags).toContain(
      'latest',
    );
    expect(
      computeTags(defaults, ctx({ ref: 'refs/heads/main', defaultBranch: 'develop' })).tags,
    ).not.toContain('latest');
  });

  it('no latest, with a note, when the default branch is unknown', () => {
    const r = computeTags(defaults, ctx({ defaultBranch: undefined }));
    expect(r.tags).toEqual(['sha-0123456', 'main']);
    expect(r.notes.join()).toMatch(/default-branch/);
  });
});

describe('other rules', () => {
  it('raw values are added as given, in rule order, without duplicates', () => {
    expect(computeTags(rules('raw=stable\nsha\nraw=stable, branch'), ctx({})).tags).toEqual([
      'stable',
      'sha-0123456',
      'main',
    ]);
  });

  it('tag gives the git tag name sanitised', () => {
    expect(computeTags(rules('tag'), ctx({ ref: 'refs/tags/Release/7' })).tags).toEqual(['release-7']);
    expect(computeTags(rules('tag'), ctx({})).tags).toEqual([]);
  });

  it('semver keeps build metadata with _ (a tag cannot hold +)', () => {
    expect(computeTags(rules('semver'), ctx({ ref: 'refs/tags/v2.0.1+build.7' })).tags).toEqual([
      '2.0.1_build.7',
      '2.0',
      '2',
    ]);
  });

  it('accepts a tag without the v prefix', () => {
    expect(computeTags(rules('semver'), ctx({ ref: 'refs/tags/3.1.4' })).tags).toEqual(['3.1.4', '3.1', '3']);
  });

  it('sha without a commit gives a note, not a bogus tag', () => {
    const r = computeTags(rules('sha'), ctx({ sha: '' }));
    expect(r.tags).toEqual([]);
    expect(r.notes).toHaveLength(1);
  });
});

describe('parseTagRules', () => {
  it('reads lines, commas, comments and any case', () => {
    expect(parseTagRules('SHA\n# comment\nbranch, raw=v1-stable\n\nlatest')).toEqual([
      { kind: 'sha' },
      { kind: 'branch' },
      { kind: 'raw', value: 'v1-stable' },
      { kind: 'latest' },
    ]);
  });

  it('rejects unknown rules and invalid raw tags', () => {
    expect(parseTagRules('sha\nedge')).toEqual({ problem: "unknown tag rule 'edge'" });
    expect(parseTagRules('type=ref')).toEqual({ problem: "unknown tag rule 'type=ref'" });
    expect(parseTagRules('raw=-bad')).toHaveProperty('problem');
    expect(parseTagRules('raw=has space')).toHaveProperty('problem');
    expect(parseTagRules(`raw=${'a'.repeat(129)}`)).toHaveProperty('problem');
    expect(parseTagRules('  \n# nothing')).toEqual({ problem: 'gives no tag rule' });
  });
});

describe('sanitizeTag', () => {
  it('lowercases, turns / and other characters into -, strips leading . and -', () => {
    expect(sanitizeTag('Feature/JIRA-123_fix.v2')).toBe('feature-jira-123_fix.v2');
    expect(sanitizeTag('dependabot/npm_and_yarn/@types/node-20')).toBe(
      'dependabot-npm_and_yarn--types-node-20',
    );
    expect(sanitizeTag('-.-hotfix')).toBe('hotfix');
    expect(sanitizeTag('ünïcode')).toBe('n-code');
    expect(sanitizeTag('---')).toBeUndefined();
  });

  it('cuts to 128 characters', () => {
    const t = sanitizeTag(`feature/${'x'.repeat(300)}`);
    expect(t).toHaveLength(128);
    expect(t?.startsWith('feature-xxx')).toBe(true);
  });
});

describe('parseSemver and eventVersion', () => {
  it('parses releases and pre-releases, rejects the rest', () => {
    expect(parseSemver('v1.2.3')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: undefined,
      build: undefined,
    });
    expect(parseSemver('v1.2.3-rc.1')?.prerelease).toBe('rc.1');
    expect(parseSemver('v1.2')).toBeUndefined();
    expect(parseSemver('v01.2.3')).toBeUndefined();
    expect(parseSemver('release-1.2.3')).toBeUndefined();
  });

  it('is the semver version, tag, branch, pr-<n> or sha-<short>', () => {
    expect(eventVersion(ctx({ ref: 'refs/tags/v1.2.3-rc.1' }))).toBe('1.2.3-rc.1');
    expect(eventVersion(ctx({ ref: 'refs/tags/Nightly' }))).toBe('nightly');
    expect(eventVersion(ctx({ ref: 'refs/heads/feature/x' }))).toBe('feature-x');
    expect(eventVersion(ctx({ eventName: 'pull_request', ref: 'refs/pull/9/merge', prNumber: 9 }))).toBe(
      'pr-9',
    );
    expect(eventVersion(ctx({ ref: '' }))).toBe('sha-0123456');
  });
});
