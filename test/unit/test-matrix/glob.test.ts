import { describe, expect, it } from 'vitest';
import { globMatcher, globToRegExp } from '../../../actions/test-matrix/glob.js';

describe('globToRegExp', () => {
  it.each([
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/sub/x.yml', true],
    ['.github/workflows/**', '.github/dependabot.yml', false],
    ['**/*.md', 'README.md', true],
    ['**/*.md', 'docs/a/b.md', true],
    ['**/*.md', 'docs/a/b.mdx', false],
    ['*.md', 'docs/README.md', false],
    ['docker-compose*.yml', 'docker-compose.prod.yml', true],
    ['docker-compose*.yml', 'deploy/docker-compose.yml', false],
    ['proto/', 'proto/api/v1.proto', true],
    ['proto/', 'protocol/x', false],
    ['a/**/z.txt', 'a/z.txt', true],
    ['a/**/z.txt', 'a/b/c/z.txt', true],
    ['a/**/z.txt', 'ab/z.txt', false],
    ['{package,pnpm-lock}.*', 'pnpm-lock.yaml', true],
    ['{package,pnpm-lock}.*', 'yarn.lock', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file/.txt', false],
    ['./shared/**', 'shared/x.ts', true],
    ['*', '.env', true],
    ['a+b(c)[d].txt', 'a+b(c)[d].txt', true],
    ['**', 'any/thing/at/all', true],
  ])('%s vs %s → %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it('globMatcher: any of the globs; blank ones ignored; none matches nothing', () => {
    const m = globMatcher(['', 'a/**', 'b.txt']);
    expect([m('a/x'), m('b.txt'), m('c')]).toEqual([true, true, false]);
    expect(globMatcher([])('anything')).toBe(false);
  });
});
