// lib/github/deployments.ts against the fake GitHub REST API (test/fakes/github-api.ts), reached
// through GITHUB_API_URL like on a runner. The runner variables are set here AFTER the library (and
// @actions/github, which reads GITHUB_API_URL at import) was imported: the calls must still go to
// the fake. Assertions are on the requests the fake recorded and on its state.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GitHubApiError } from '../../lib/github/client.js';
import {
  type DeploymentLog,
  GitHubDeployments,
  type GitHubDeploymentsOptions,
  githubDeployments,
  REQUEST_ID_PAYLOAD_KEY,
} from '../../lib/github/deployments.js';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../fakes/github-api.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const V1 = '1111111111111111111111111111111111111111';
const V2 = '2222222222222222222222222222222222222222';
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
const READ_ONLY_TOKEN = 'ghs_readOnlyToken000000000000000000000';
const NO_ACCESS_TOKEN = 'ghs_noDeploymentsPermission0000000000';

const runnerEnv = (apiUrl: string): Record<string, string> => ({
  GITHUB_API_URL: apiUrl,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '4242',
  GITHUB_SHA: SHA,
  GITHUB_REF_NAME: 'main',
});

/** Fast retries, so the 5xx tests take milliseconds. */
const fast: GitHubDeploymentsOptions = { retry: { initialDelayMs: 5, maxDelayMs: 20, deadlineMs: 5000 } };

function recorder(): DeploymentLog & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warning: (l) => warnings.push(l), info: (l) => infos.push(l) };
}

/** The status POSTs, in order, as (deployment id, body). */
function statusPosts(gh: FakeGitHub): { id: number; body: Record<string, unknown> }[] {
  return gh
    .requestsTo('POST', /^\/repos\/acme\/shop\/deployments\/\d+\/statuses$/)
    .map((r: RecordedRequest) => ({
      id: Number(r.path.split('/')[5]),
      body: r.body as Record<string, unknown>,
    }));
}

let gh: FakeGitHub;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const k of Object.keys(runnerEnv(''))) saved[k] = process.env[k];
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('a deploy stage records its deployment', () => {
  beforeEach(async () => {
    // Failing commit statuses and a branch behind the default branch: the deployment must be
    // created anyway, because the library sends required_contexts: [] and auto_merge: false.
    gh = await startFakeGitHub({ failingContexts: ['ci/test'], behindDefaultBranch: true });
    Object.assign(process.env, runnerEnv(gh.url));
  });
  afterEach(() => gh.close());

  it('in_progress, then success with environment_url, in that order', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: 'https://shop.example.com' },
      { ...fast, log },
    );
    const deployment = await github.startDeployment({
      description: 'Deploy 0123456 by ops-actions',
      payload: { release: '20240101T000000Z-0123456', image: 'registry.example.com/shop@sha256:abc' },
    });
    expect(deployment.id).toBe(1);
    expect(deployment.record?.sha).toBe(SHA);
    expect(await deployment.succeed()).toBe(true);

    const create = gh.requestsTo('POST', '/repos/acme/shop/deployments');
    expect(create).toHaveLength(1);
    expect(create[0]?.authScheme).toBe('token');
    expect(create[0]?.apiVersion).toBe('2022-11-28');
    expect(create[0]?.status).toBe(201);
    expect(create[0]?.body).toEqual({
      ref: SHA,
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      environment: 'production',
      description: 'Deploy 0123456 by ops-actions',
      payload: {
        release: '20240101T000000Z-0123456',
        image: 'registry.example.com/shop@sha256:abc',
        [REQUEST_ID_PAYLOAD_KEY]: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
    expect(statusPosts(gh)).toEqual([
      {
        id: 1,
        body: { state: 'in_progress', log_url: RUN_URL, description: 'Deploy 0123456 by ops-actions' },
      },
      {
        id: 1,
        body: {
          state: 'success',
          log_url: RUN_URL,
          description: 'Deployed',
          environment_url: 'https://shop.example.com',
        },
      },
    ]);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success']);
    const stored = gh.deployments[0];
    expect(stored?.payload).toMatchObject({ release: '20240101T000000Z-0123456' });
    expect(stored?.statuses[1]).toMatchObject({
      environment: 'production',
      environment_url: 'https://shop.example.com',
      log_url: RUN_URL,
      target_url: RUN_URL,
    });
    expect(log.warnings).toEqual([]);
  });

  it('in_progress, then failure with a description cut to 140 characters', async () => {
    const github = githubDeployments(
      { token: gh.token, environment: 'staging', environmentUrl: undefined },
      { ...fast, log: recorder() },
    );
    const deployment = await github.startDeployment({ ref: 'main' });
    const reason = `Smoke test failed: GET https://staging.example.com/health answered 502 ${'x'.repeat(200)}`;
    expect(await deployment.fail(reason)).toBe(true);

    const posts = statusPosts(gh);
    expect(posts.map((p) => p.body['state'])).toEqual(['in_progress', 'failure']);
    const description = String(posts[1]?.body['description']);
    expect(description).toHaveLength(140);
    expect(
      description.startsWith('Smoke test failed: GET https://staging.example.com/health answered 502'),
    ).toBe(true);
    // the fake resolved the branch to a commit, as GitHub does
    expect(gh.deployments[0]).toMatchObject({ ref: 'main', environment: 'staging' });
    expect(deployment.record?.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('a tracker for an existing deployment id marks it failure, then inactive', async () => {
    const seeded = gh.seedDeployment({
      environment: 'production',
      sha: V2,
      states: ['in_progress', 'success'],
    });
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: undefined },
      { ...fast, log: recorder() },
    );
    const bad = github.track(seeded.id);
    expect(await bad.fail('Rolled back: smoke test failed')).toBe(true);
    expect(await bad.inactive('Rolled back')).toBe(true);
    expect(gh.statesOf(seeded.id)).toEqual(['in_progress', 'success', 'failure', 'inactive']);
    expect(statusPosts(gh).map((p) => p.body)).toEqual([
      { state: 'failure', log_url: RUN_URL, description: 'Rolled back: smoke test failed' },
      { state: 'inactive', log_url: RUN_URL, description: 'Rolled back' },
    ]);
  });
});

describe('a rollback finds the last good deployment', () => {
  beforeEach(async () => {
    gh = await startFakeGitHub();
    Object.assign(process.env, runnerEnv(gh.url));
  });
  afterEach(() => gh.close());

  it('on staging, where GitHub made v1 inactive when v2 succeeded, and records the restore', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: gh.token, environment: 'staging', environmentUrl: 'https://staging.example.com' },
      { ...fast, log },
    );
    const v1 = await github.startDeployment({ ref: V1, payload: { release: 'r1', image: 'shop:1' } });
    await v1.succeed();
    const v2 = await github.startDeployment({ ref: V2, payload: { release: 'r2', image: 'shop:2' } });
    await v2.succeed();
    // auto_inactive (default true) on a non-production environment: v1 is now inactive
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success', 'inactive']);
    expect(gh.statesOf(2)).toEqual(['in_progress', 'success']);

    // the smoke test failed: the rollback marks v2 bad and looks for the last good one
    const current = await github.latestDeployment('staging');
    expect(current).toMatchObject({ id: 2, sha: V2, state: 'success', payload: { release: 'r2' } });
    expect(await github.track(2).fail('Rolled back to r1: smoke test failed')).toBe(true);
    const target = await github.lastSuccessfulDeployment('staging', { excludeIds: [2] });
    expect(target).toMatchObject({
      id: 1,
      sha: V1,
      state: 'inactive',
      success: { state: 'success' },
      payload: { release: 'r1', image: 'shop:1' },
    });
    // requiring the newest status to be success finds nothing: v1 was superseded
    expect(
      await github.lastSuccessfulDeployment('staging', { excludeIds: [2], countSuperseded: false }),
    ).toBeUndefined();

    const restored = await github.startDeployment({
      ref: target?.sha ?? '',
      payload: target?.payload ?? {},
      description: 'Rollback to r1',
    });
    await restored.succeed();
    expect(gh.statesOf(2)).toEqual(['in_progress', 'success', 'failure']);
    expect(gh.statesOf(3)).toEqual(['in_progress', 'success']);
    // v2 was marked failure before the restore succeeded, so auto_inactive leaves it failed
    expect(statusPosts(gh).map((p) => `${p.id}:${p.body['state']}`)).toEqual([
      '1:in_progress',
      '1:success',
      '2:in_progress',
      '2:success',
      '2:failure',
      '3:in_progress',
      '3:success',
    ]);
    // a later `previous` never returns to the bad one
    expect((await github.lastSuccessfulDeployment('staging', { excludeIds: [3] }))?.id).toBe(1);
    expect(log.warnings).toEqual([]);
  });

  it('skips failed, errored, inactive and unfinished deployments, page by page', async () => {
    const good = gh.seedDeployment({
      environment: 'production',
      sha: V1,
      payload: { release: 'r1' },
      states: ['in_progress', 'success'],
    });
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'success', 'failure'] }); // rolled back
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'failure'] });
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'error'] });
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'inactive'] }); // abandoned
    gh.seedDeployment({ environment: 'production', states: ['queued'] });
    gh.seedDeployment({ environment: 'production', states: [] }); // no status yet
    gh.seedDeployment({ environment: 'staging', states: ['in_progress', 'success'] }); // another environment

    const api = new GitHubDeployments(gh.token, fast);
    const found = await api.lastSuccessfulDeployment('production', { perPage: 3 });
    expect(found).toMatchObject({ id: good.id, sha: V1, state: 'success', payload: { release: 'r1' } });

    // 7 production deployments, 3 per page: pages 1, 2, 3, newest first, each filtered by environment
    const lists = gh.requestsTo('GET', '/repos/acme/shop/deployments');
    expect(lists.map((r) => r.query)).toEqual([
      { environment: 'production', per_page: '3', page: '1' },
      { environment: 'production', per_page: '3', page: '2' },
      { environment: 'production', per_page: '3', page: '3' },
    ]);
    // the statuses of each candidate, newest deployment first, the staging one never
    const statusReads = gh.requestsTo('GET', /\/statuses$/);
    expect(statusReads.map((r) => Number(r.path.split('/')[5]))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(statusReads.every((r) => r.query['per_page'] === '100')).toBe(true);
  });

  it('stops at the last page (no Link next) and at maxDeployments', async () => {
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'failure'] });
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'failure'] });
    gh.seedDeployment({ environment: 'production', states: ['in_progress', 'failure'] });
    const api = new GitHubDeployments(gh.token, fast);

    expect(await api.lastSuccessfulDeployment('production', { perPage: 2 })).toBeUndefined();
    expect(gh.requestsTo('GET', '/repos/acme/shop/deployments').map((r) => r.query['page'])).toEqual([
      '1',
      '2',
    ]);

    gh.requests.length = 0;
    expect(
      await api.lastSuccessfulDeployment('production', { perPage: 2, maxDeployments: 1 }),
    ).toBeUndefined();
    expect(gh.requestsTo('GET', /\/statuses$/)).toHaveLength(1);

    gh.requests.length = 0;
    expect(await api.lastSuccessfulDeployment('review', {})).toBeUndefined();
    expect(gh.requests).toHaveLength(1);
  });

  it('honours excludeIds', async () => {
    gh.seedDeployment({ environment: 'production', sha: V1, states: ['success'] });
    gh.seedDeployment({ environment: 'production', sha: V2, states: ['success'] });
    const api = new GitHubDeployments(gh.token, fast);
    expect((await api.lastSuccessfulDeployment('production'))?.sha).toBe(V2);
    expect((await api.lastSuccessfulDeployment('production', { excludeIds: [2] }))?.sha).toBe(V1);
    expect(await api.lastSuccessfulDeployment('production', { excludeIds: [1, 2] })).toBeUndefined();
  });
});

describe('without permission, bookkeeping warns once and steps aside', () => {
  beforeEach(async () => {
    gh = await startFakeGitHub({ readOnlyTokens: [READ_ONLY_TOKEN], forbiddenTokens: [NO_ACCESS_TOKEN] });
    Object.assign(process.env, runnerEnv(gh.url));
  });
  afterEach(() => gh.close());

  it('403 on create: one warning naming deployments: write, then no request at all', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: READ_ONLY_TOKEN, environment: 'production', environmentUrl: 'https://shop.example.com' },
      { ...fast, log },
    );
    const deployment = await github.startDeployment({ payload: { release: 'r1' } });
    expect(deployment.id).toBeUndefined();
    expect(await deployment.succeed()).toBe(false);
    expect(await deployment.fail('x')).toBe(false);
    expect(await github.setDeploymentStatus(1, 'failure')).toBe(false);
    expect(await github.lastSuccessfulDeployment('production')).toBeUndefined();
    expect(await github.latestDeployment('production')).toBeUndefined();
    expect(github.enabled).toBe(false);

    // one POST, answered 403, not retried; nothing after it
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/acme/shop/deployments 403',
    ]);
    expect(log.warnings).toHaveLength(1);
    const warning = log.warnings[0] ?? '';
    expect(warning).toContain('permissions: deployments: write');
    expect(warning).toContain('HTTP 403: Resource not accessible by integration');
    expect(warning).toContain('acme/shop');
    expect(warning).toContain('The deploy itself is not affected');
    expect(warning).not.toContain(READ_ONLY_TOKEN);
    expect(gh.deployments).toHaveLength(0);
  });

  it('403 on a read (no deployments permission at all): one warning, undefined', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: NO_ACCESS_TOKEN, environment: 'production', environmentUrl: undefined },
      { ...fast, log },
    );
    expect(await github.lastSuccessfulDeployment('production')).toBeUndefined();
    expect(await github.lastSuccessfulDeployment('production')).toBeUndefined();
    expect((await github.startDeployment()).id).toBeUndefined();
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 403']);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain('permissions: deployments: write');
  });

  it('401 (a revoked token): one warning saying the token was rejected', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: 'ghs_revoked', environment: 'production', environmentUrl: undefined },
      { ...fast, log },
    );
    expect((await github.startDeployment()).id).toBeUndefined();
    expect(await github.setDeploymentStatus(1, 'success')).toBe(false);
    expect(gh.requests.map((r) => r.status)).toEqual([401]);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain('GitHub rejected the github-token (HTTP 401: Bad credentials)');
  });

  it('no token: one warning and no request at all', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: undefined, environment: 'production', environmentUrl: 'https://shop.example.com' },
      { ...fast, log },
    );
    const deployment = await github.startDeployment({ payload: { release: 'r1' } });
    expect(await deployment.succeed()).toBe(false);
    expect(await github.lastSuccessfulDeployment('production')).toBeUndefined();
    expect(gh.requests).toEqual([]);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain('permissions: deployments: write');
  });

  it('the warning goes to the runner log through core.warning by default', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const github = githubDeployments(
        { token: READ_ONLY_TOKEN, environment: 'production', environmentUrl: undefined },
        fast,
      );
      await (await github.startDeployment()).succeed();
    } finally {
      spy.mockRestore();
    }
    const warnings = writes.filter((w) => w.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('permissions: deployments: write');
  });
});

describe('transient failures are retried, never duplicated', () => {
  beforeEach(async () => {
    gh = await startFakeGitHub();
    Object.assign(process.env, runnerEnv(gh.url));
  });
  afterEach(() => gh.close());

  it('a status is retried after 502s and lands once GitHub answers', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: 'https://shop.example.com' },
      { ...fast, log },
    );
    const deployment = await github.startDeployment();
    gh.failNext({ method: 'POST', path: /\/statuses$/, status: 502, times: 2 });
    expect(await deployment.succeed()).toBe(true);
    expect(gh.requestsTo('POST', /\/statuses$/).map((r) => r.status)).toEqual([201, 502, 502, 201]);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success']);
    expect(log.infos.filter((l) => l.includes('retrying'))).toHaveLength(2);
    expect(log.warnings).toEqual([]);
  });

  it('a create whose reply was lost is found by its request id, not made twice', async () => {
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: undefined },
      { ...fast, log: recorder() },
    );
    gh.failNext({ method: 'POST', path: '/repos/acme/shop/deployments', status: 502, afterApplying: true });
    const deployment = await github.startDeployment({ payload: { release: 'r1' } });
    expect(deployment.id).toBe(1);
    expect(gh.deployments).toHaveLength(1);
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/acme/shop/deployments 502',
      'GET /repos/acme/shop/deployments 200',
      'POST /repos/acme/shop/deployments/1/statuses 201',
    ]);
  });

  it('a create that failed before GitHub applied it is sent again', async () => {
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: undefined },
      { ...fast, log: recorder() },
    );
    gh.failNext({ method: 'POST', path: '/repos/acme/shop/deployments', status: 'drop' });
    gh.failNext({ method: 'POST', path: '/repos/acme/shop/deployments', status: 503 });
    const deployment = await github.startDeployment();
    expect(deployment.id).toBe(1);
    expect(gh.deployments).toHaveLength(1);
    // dropped (unknown effect → looked up first), 503 (not applied → sent again), then created
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 0',
      'GET 200',
      'POST 503',
      'POST 201',
      'POST 201',
    ]);
  });

  it('gives up after its attempts with one warning, and the deploy goes on', async () => {
    const log = recorder();
    const github = githubDeployments(
      { token: gh.token, environment: 'production', environmentUrl: undefined },
      { retry: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3, deadlineMs: 5000 }, log },
    );
    gh.failNext({ method: 'GET', status: 500, times: 10 });
    expect(await github.lastSuccessfulDeployment('production')).toBeUndefined();
    expect(gh.requests.map((r) => r.status)).toEqual([500, 500, 500]);
    expect(github.enabled).toBe(true); // a bad minute at GitHub does not turn bookkeeping off
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(
      /Could not read the GitHub deployments of 'production': .*HTTP 500.*3 attempts/,
    );
  });
});

describe('the strict API', () => {
  beforeEach(async () => {
    gh = await startFakeGitHub();
    Object.assign(process.env, runnerEnv(`${gh.url}/`)); // a trailing slash is fine
  });
  afterEach(() => gh.close());

  it('a 202 "merged branch" reply creates nothing and is an error carrying its message', async () => {
    const api = new GitHubDeployments(gh.token, fast);
    gh.failNext({
      method: 'POST',
      path: '/repos/acme/shop/deployments',
      status: 202,
      body: { message: 'Auto-merged main into topic-branch on deployment.' },
    });
    const error = await api.createDeployment({ environment: 'production' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toContain('Auto-merged main into topic-branch on deployment.');
    expect(gh.requestsTo('POST', '/repos/acme/shop/deployments')).toHaveLength(1);
  });

  it('an unknown deployment is a 404 GitHubApiError, not retried', async () => {
    const api = new GitHubDeployments(gh.token, fast);
    const error = await api.getDeployment(99).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(404);
    expect((error as Error).message).toBe(
      'GitHub API GET /repos/acme/shop/deployments/99: HTTP 404: Not Found',
    );
    expect(gh.requests).toHaveLength(1);
  });

  it('reads a deployment and its statuses, newest first; sets every documented state', async () => {
    const api = new GitHubDeployments(gh.token, fast);
    const created = await api.createDeployment({
      environment: 'pr-12',
      ref: 'feature/x',
      transient: true,
      production: false,
      payload: { release: 'r9' },
    });
    for (const state of [
      'queued',
      'pending',
      'in_progress',
      'error',
      'failure',
      'success',
      'inactive',
    ] as const) {
      const status = await api.setDeploymentStatus(created.id, state, { autoInactive: false });
      expect(status.state).toBe(state);
      expect(status.logUrl).toBe(RUN_URL);
    }
    const read = await api.getDeployment(created.id);
    expect(read).toMatchObject({
      id: created.id,
      ref: 'feature/x',
      environment: 'pr-12',
      transientEnvironment: true,
      productionEnvironment: false,
      payload: { release: 'r9' },
    });
    const statuses = await api.listDeploymentStatuses(created.id);
    expect(statuses.map((s) => s.state)).toEqual([
      'inactive',
      'success',
      'failure',
      'error',
      'in_progress',
      'pending',
      'queued',
    ]);
    expect(
      gh
        .requestsTo('POST', /\/statuses$/)
        .every((r) => r.body && (r.body as Record<string, unknown>)['auto_inactive'] === false),
    ).toBe(true);
  });
});
