// listChanges through git on real repositories (no API): the push and pull-request paths, a
// shallow checkout that has to fetch the previous commit, and the fall back to `all`.
import { afterAll, describe, expect, it } from 'vitest';
import { listChanges } from '../../../actions/test-matrix/changes.js';
import { GIT_ENV, GitRepo, git } from '../../fixtures/test-matrix/git-repo.js';
import { removeTrees, tempDir } from '../../fixtures/test-matrix/tree.js';

afterAll(removeTrees);
Object.assign(process.env, GIT_ENV);

function collector() {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, info: (l: string) => infos.push(l), warning: (l: string) => warnings.push(l) };
}

describe('listChanges with git', () => {
  const repo = GitRepo.init({ 'backend/app.py': 'v1', 'frontend/index.ts': 'v1', 'old/name.txt': 'x' });
  const first = repo.head();
  const second = repo.commit('backend', { 'backend/app.py': 'v2' });
  const third = repo.commit('rename', { 'new/name.txt': 'x' }, ['old/name.txt']);
  repo.git('checkout', '--quiet', '-b', 'feature', first);
  const featureHead = repo.commit('frontend on a branch', { 'frontend/index.ts': 'v2' });
  repo.git('checkout', '--quiet', 'main');

  it('commits: the files between two commits, renames as both names', async () => {
    const log = collector();
    const r = await listChanges(
      { mode: 'commits', base: first, head: third, reason: 'push to main' },
      { cwd: repo.dir, ...log },
    );
    expect(r).toEqual({
      kind: 'files',
      files: ['backend/app.py', 'new/name.txt', 'old/name.txt'],
      description: `push to main (git diff ${first.slice(0, 7)}..${third.slice(0, 7)}, 3 files)`,
    });
    expect(log.warnings).toEqual([]);
  });

  it("pull request without API: base...head is the branch's own changes, not main's since", async () => {
    const log = collector();
    const r = await listChanges(
      { mode: 'pull-request', base: third, head: featureHead, number: 4, reason: 'pull request #4' },
      { cwd: repo.dir, ...log },
    );
    expect(r).toMatchObject({ kind: 'files', files: ['frontend/index.ts'] });
    expect(log.infos).toEqual(['No github-token or repository: listing the pull request files with git.']);
  });

  it('an unknown commit: warns and tests everything', async () => {
    const log = collector();
    const missing = 'f'.repeat(40);
    const r = await listChanges(
      { mode: 'commits', base: missing, head: second, reason: 'push' },
      { cwd: repo.dir, ...log },
    );
    expect(r).toEqual({
      kind: 'all',
      reason: `changed files unknown (git diff fffffff..${second.slice(0, 7)} failed): testing everything`,
    });
    expect(log.warnings[0]).toContain(
      'commit fffffff is not in the checkout and could not be fetched from origin',
    );
    expect(log.warnings[0]).toContain('fetch-depth: 0');
  });

  it('not a git repository: tests everything', async () => {
    const log = collector();
    const dir = tempDir();
    const r = await listChanges(
      { mode: 'commits', base: first, head: second, reason: 'push' },
      { cwd: dir, ...log },
    );
    expect(r.kind).toBe('all');
    expect(log.warnings).toHaveLength(1);
  });

  it('a shallow clone fetches the previous commit from origin (depth 1 is enough for two trees)', async () => {
    const origin = GitRepo.init({ 'a/x.txt': '1', 'b/y.txt': '1' });
    const before = origin.head();
    const after = origin.commit('b', { 'b/y.txt': '2' });
    const clone = tempDir();
    git(clone, 'clone', '--quiet', '--depth=1', `file://${origin.dir}`, '.');
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(() => git(clone, 'cat-file', '-e', `${before}^{commit}`)).toThrow();
    const log = collector();
    const r = await listChanges(
      { mode: 'commits', base: before, head: after, reason: 'push' },
      { cwd: clone, ...log },
    );
    expect(r).toMatchObject({ kind: 'files', files: ['b/y.txt'] });
    expect(log.warnings).toEqual([]);
  });

  it('pull request without API in a shallow clone: fetches the history it needs for base...head', async () => {
    const origin = GitRepo.init({ 'api/x.py': '1', 'web/y.ts': '1' });
    origin.commit('main moves on', { 'api/x.py': '2' });
    const base = origin.head();
    origin.git('checkout', '--quiet', '-b', 'feature', 'HEAD~1');
    const head = origin.commit('feature', { 'web/y.ts': '2' });
    origin.git('checkout', '--quiet', 'main');
    const clone = tempDir();
    git(clone, 'clone', '--quiet', '--depth=1', `file://${origin.dir}`, '.');
    const log = collector();
    const r = await listChanges(
      { mode: 'pull-request', base, head, number: 9, reason: 'pull request #9' },
      { cwd: clone, ...log },
    );
    expect(r).toMatchObject({ kind: 'files', files: ['web/y.ts'] });
    expect(log.warnings).toEqual([]);
  });

  it('pull request without API and no common history: tests everything and says how to fix it', async () => {
    const repo2 = GitRepo.init({ 'a.txt': '1' });
    const orphanBase = repo2.head();
    repo2.git('checkout', '--quiet', '--orphan', 'other');
    const orphanHead = repo2.commit('unrelated', { 'b.txt': '1' });
    const log = collector();
    const r = await listChanges(
      { mode: 'pull-request', base: orphanBase, head: orphanHead, number: 2, reason: 'pull request #2' },
      { cwd: repo2.dir, ...log },
    );
    expect(r.kind).toBe('all');
    expect(log.warnings[0]).toContain('have no common ancestor in the checkout');
    expect(log.warnings[0]).toContain(
      'Give the action a github-token with pull-requests: read, or check out with fetch-depth: 0.',
    );
  });
});
