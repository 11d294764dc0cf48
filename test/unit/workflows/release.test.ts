// .github/workflows/release.yml: its tag parsing, and the major-tag move run against a real git
// remote (a bare repository), with every git call recorded to prove the move is ONE push.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runStep, stepScript } from './run-step.js';

const releaseYml = fileURLToPath(new URL('../../../.github/workflows/release.yml', import.meta.url));

describe('release.yml: Parse the tag', () => {
  const script = stepScript(releaseYml, 'release', 'Parse the tag');

  it.each([
    ['v1.4.0', 'v1', 'false'],
    ['v12.0.3', 'v12', 'false'],
    ['v2.0.0-rc.1', 'v2', 'true'],
  ])('%s → major %s, pre-release %s', (tag, major, prerelease) => {
    const r = runStep(script, { TAG: tag });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toEqual({ major, prerelease });
  });

  it.each(['v1.2', 'v1.2.3.4', '1.2.3', 'v1.2.3-', 'v1.2.3;rm'])('refuses %s', (tag) => {
    const r = runStep(script, { TAG: tag });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('is not a release tag');
    expect(r.outputs).toEqual({});
  });

  it('a pre-release never moves the major tag', () => {
    const doc = parse(readFileSync(releaseYml, 'utf8')) as {
      jobs: { release: { steps: { name?: string; if?: string }[] } };
    };
    const move = doc.jobs.release.steps.find((s) => s.name === 'Move the major tag');
    expect(move?.if).toBe("steps.version.outputs.prerelease == 'false'");
  });
});

describe('release.yml: Move the major tag (real git remote)', () => {
  const script = stepScript(releaseYml, 'release', 'Move the major tag');
  let dir: string;
  let origin: string;
  let work: string;
  let gitLog: string;
  let path: string;
  // hermetic: no global or system git config (signing, hooks, default branch) of the machine
  const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const author = {
    ...gitEnv,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };

  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, env: { ...process.env, ...author }, encoding: 'utf8' }).trim();
  const remoteTag = (name: string): string =>
    execFileSync('git', ['--git-dir', origin, 'rev-parse', '--verify', '--quiet', `refs/tags/${name}`], {
      env: { ...process.env, ...gitEnv },
      encoding: 'utf8',
    }).trim();
  const remoteHas = (name: string): boolean => {
    try {
      remoteTag(name);
      return true;
    } catch {
      return false;
    }
  };

  /** A commit on `from`, tagged (annotated, as people release) and pushed; returns the commit. */
  function tagRelease(tag: string, from: string): string {
    git(work, 'checkout', '--quiet', '--detach', from);
    writeFileSync(join(work, 'version'), tag);
    git(work, 'commit', '--quiet', '-am', tag);
    git(work, 'tag', '-a', tag, '-m', tag);
    git(work, 'push', '--quiet', 'origin', `refs/tags/${tag}`);
    return git(work, 'rev-parse', 'HEAD');
  }

  /** The step as the runner runs it after `actions/checkout` of the tag. */
  function move(tag: string, major: string) {
    git(work, 'checkout', '--quiet', '--detach', tag);
    writeFileSync(gitLog, '');
    const r = runStep(script, { ...gitEnv, TAG: tag, MAJOR: major, PATH: path, GIT_LOG: gitLog }, work);
    const calls = readFileSync(gitLog, 'utf8').split('\n').filter(Boolean);
    return { ...r, pushes: calls.filter((c) => c.startsWith('push')) };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ops-wf-release-'));
    origin = join(dir, 'origin.git');
    work = join(dir, 'work');
    gitLog = join(dir, 'git.log');
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
    execFileSync('git', ['clone', '--quiet', origin, work], {
      env: { ...process.env, ...gitEnv },
      stdio: 'ignore',
    });
    writeFileSync(join(work, 'version'), 'none');
    git(work, 'add', 'version');
    git(work, 'commit', '--quiet', '-m', 'start');
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    // `git` on PATH records each call, then runs the real git
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "$GIT_LOG"\nexec ${realGit} "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    path = `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates v1 at the first release, in one push', () => {
    const sha = tagRelease('v1.0.0', 'HEAD');
    const r = move('v1.0.0', 'v1');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(remoteTag('v1')).toBe(sha);
    expect(r.pushes).toEqual([`push --force-with-lease=refs/tags/v1: origin ${sha}:refs/tags/v1`]);
    expect(r.summary).toContain('Moved `v1` to `v1.0.0`');
  });

  it('moves v1 to v1.1.0 in place: one push, never a delete', () => {
    const before = remoteTag('v1');
    const sha = tagRelease('v1.1.0', 'v1.0.0');
    const r = move('v1.1.0', 'v1');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(remoteTag('v1')).toBe(sha);
    expect(r.pushes).toEqual([`push --force-with-lease=refs/tags/v1:${before} origin ${sha}:refs/tags/v1`]);
    expect(r.pushes.join('\n')).not.toMatch(/--delete|\s:refs\//);
  });

  it('leaves v1 alone for a patch of an older line (v1.0.1 after v1.1.0)', () => {
    const current = remoteTag('v1');
    tagRelease('v1.0.1', 'v1.0.0');
    const r = move('v1.0.1', 'v1');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('v1 stays where it is: v1.1.0 is newer than v1.0.1');
    expect(r.pushes).toEqual([]);
    expect(remoteTag('v1')).toBe(current);
  });

  it('compares versions numerically (v1.10.0 is newer than v1.9.0)', () => {
    tagRelease('v1.9.0', 'v1.1.0');
    expect(move('v1.9.0', 'v1').exitCode).toBe(0);
    const sha = tagRelease('v1.10.0', 'v1.9.0');
    expect(move('v1.10.0', 'v1').exitCode).toBe(0);
    expect(remoteTag('v1')).toBe(sha);
  });

  it('a pre-release tag of the line does not count as newer', () => {
    const current = remoteTag('v1');
    tagRelease('v1.11.0-rc.1', 'v1.10.0');
    const sha = tagRelease('v1.10.1', 'v1.10.0');
    const r = move('v1.10.1', 'v1');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(remoteTag('v1')).toBe(sha);
    expect(remoteTag('v1')).not.toBe(current);
  });

  it('a new major line gets its own tag and leaves v1 alone', () => {
    const v1 = remoteTag('v1');
    expect(remoteHas('v2')).toBe(false);
    const sha = tagRelease('v2.0.0', 'v1.10.1');
    expect(move('v2.0.0', 'v2').exitCode).toBe(0);
    expect(remoteTag('v2')).toBe(sha);
    expect(remoteTag('v1')).toBe(v1);
  });
});
