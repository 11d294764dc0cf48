import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitContextFromEnv, readEventPayload } from '../../../actions/build-push/git-context.js';

const env = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SERVER_URL: 'https://github.example.com/',
};

describe('gitContextFromEnv', () => {
  it('reads a push from the runner variables and the payload', () => {
    const payload = {
      repository: { default_branch: 'main', description: 'The shop', license: { spdx_id: 'MIT' } },
    };
    expect(gitContextFromEnv(env, payload)).toEqual({
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: env.GITHUB_SHA,
      repository: 'acme/shop',
      serverUrl: 'https://github.example.com',
      defaultBranch: 'main',
      prNumber: undefined,
      description: 'The shop',
      license: 'MIT',
    });
  });

  it('a pull request: the head commit (not the merge commit) and the number', () => {
    const c = gitContextFromEnv(
      {
        ...env,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/42/merge',
        GITHUB_HEAD_REF: 'feat/x',
      },
      { number: 42, pull_request: { number: 42, head: { sha: 'abcdef1234567890' } }, repository: {} },
    );
    expect(c.sha).toBe('abcdef1234567890');
    expect(c.prNumber).toBe(42);
  });

  it('takes the PR number from the ref when the payload has none', () => {
    const c = gitContextFromEnv(
      { ...env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' },
      {},
    );
    expect(c.prNumber).toBe(7);
    expect(c.sha).toBe(env.GITHUB_SHA);
  });

  it('the default-branch input wins over the payload; NOASSERTION is no license', () => {
    const c = gitContextFromEnv(
      env,
      { repository: { default_branch: 'main', license: { spdx_id: 'NOASSERTION' } } },
      'trunk',
    );
    expect(c.defaultBranch).toBe('trunk');
    expect(c.license).toBeUndefined();
  });

  it('tolerates a missing or strange payload', () => {
    expect(gitContextFromEnv(env, null).defaultBranch).toBeUndefined();
    expect(gitContextFromEnv(env, { repository: 'x' }).defaultBranch).toBeUndefined();
    expect(gitContextFromEnv({}, {}).serverUrl).toBe('https://github.com');
  });
});

describe('readEventPayload', () => {
  it('reads JSON, and gives {} for no path, a missing file or bad JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-event-'));
    writeFileSync(join(dir, 'ok.json'), '{"repository":{"default_branch":"main"}}');
    writeFileSync(join(dir, 'bad.json'), '{nope');
    expect(readEventPayload(join(dir, 'ok.json'))).toEqual({ repository: { default_branch: 'main' } });
    expect(readEventPayload(join(dir, 'bad.json'))).toEqual({});
    expect(readEventPayload(join(dir, 'missing.json'))).toEqual({});
    expect(readEventPayload(undefined)).toEqual({});
  });
});
