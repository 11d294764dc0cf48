// The `created` label comes from the commit, not the clock (as SOURCE_DATE_EPOCH does): building
// the same commit twice gives the same image digest, so a re-run pushes nothing new and a digest
// names a commit.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import {
  env,
  getImageConfig,
  makeWorkspace,
  REGISTRY,
  removeLocalTestImages,
  uniqueRepo,
} from './build-push-support.js';

afterAll(() => removeLocalTestImages());

const COMMITTED = '2025-01-02T03:04:05Z';

/** Makes the workspace a git checkout with one commit made at COMMITTED; returns its sha. */
function commit(ws: string): string {
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', ws, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'a',
        GIT_AUTHOR_EMAIL: 'a@example.com',
        GIT_COMMITTER_NAME: 'a',
        GIT_COMMITTER_EMAIL: 'a@example.com',
        GIT_AUTHOR_DATE: COMMITTED,
        GIT_COMMITTER_DATE: COMMITTED,
      },
    }).trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'app');
  return git('rev-parse', 'HEAD');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('build-push: reproducible digests', () => {
  it('two builds of the same commit, seconds apart, give the same digest; created is the commit time', async () => {
    const ws = makeWorkspace();
    const sha = commit(ws);
    const repo = uniqueRepo('repro');
    const build = () =>
      runAction('build-push', {
        workspace: ws,
        inputs: {
          image: `${REGISTRY}/${repo}`,
          context: 'app',
          username: env.registry.username,
          password: env.registry.password,
        },
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha },
      });
    const first = await build();
    expect(first.exitCode, first.log).toBe(0);
    await sleep(1100);
    const second = await build();
    expect(second.exitCode, second.log).toBe(0);
    expect(first.outputs['digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.outputs['digest']).toBe(first.outputs['digest']);
    const config = await getImageConfig(repo, 'main');
    expect(config.config?.Labels?.['org.opencontainers.image.created']).toBe('2025-01-02T03:04:05.000Z');
    expect(config.config?.Labels?.['org.opencontainers.image.revision']).toBe(sha);
  });

  it('SOURCE_DATE_EPOCH, when the job sets it, is the created time', async () => {
    const ws = makeWorkspace();
    const r = await runAction('build-push', {
      workspace: ws,
      inputs: { image: `${REGISTRY}/${uniqueRepo('sde')}`, context: 'app', 'dry-run': true },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('org.opencontainers.image.created=2023-11-14T22:13:20.000Z');
  });

  it('without the commit at hand (no checkout, no SOURCE_DATE_EPOCH) the build time is used, and the log says so', async () => {
    const r = await runAction('build-push', {
      workspace: makeWorkspace(),
      inputs: { image: `${REGISTRY}/${uniqueRepo('now')}`, context: 'app', 'dry-run': true },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('created: the build time');
  });
});
