// deploy-ssh records the deploy as a GitHub deployment: against the real sshd (a trivial
// `strategy: script` deploy) and the fake GitHub REST API (test/fakes/github-api.ts) reached through
// GITHUB_API_URL. Asserted on the fake's recorded requests: the deployment is created with the
// release in its payload (what rollback reads), then in_progress, then success or failure.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../fakes/github-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { appDirs, readHistoryFile, sshInputs } from '../helpers/server.js';

const RUN_URL = 'https://github.com/acme/shop/actions/runs/8502';
const READ_ONLY = 'ghs_readOnlyToken000000000000000000000';

let gh: FakeGitHub | undefined;
const apps = appDirs();
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
afterAll(() => apps.removeAll());

function deploy(fake: FakeGitHub, token: string, releaseId: string, script: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'script',
      'app-dir': apps.next('gh-deploy'),
      'release-id': releaseId,
      script,
      'github-token': token,
      environment: 'staging',
      'environment-url': 'https://staging.example.com',
    },
    env: { GITHUB_API_URL: fake.url, GITHUB_RUN_ID: '8502' },
  });
}

const line = (r: RecordedRequest): string => `${r.method} ${r.path}`;
const warnings = (r: ActionResult): string[] => r.log.split('\n').filter((l) => l.startsWith('::warning'));

describe('deploy-ssh: GitHub deployments', () => {
  it('a successful deploy: created with the release in the payload, in_progress, then success with environment_url', async () => {
    gh = await startFakeGitHub();
    const r = await deploy(gh, gh.token, 'gh-ok-1', 'echo "deployed $RELEASE_ID"');
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('deployed gh-ok-1');

    expect(gh.requests.map(line)).toEqual([
      'POST /repos/acme/shop/deployments',
      'POST /repos/acme/shop/deployments/1/statuses',
      'POST /repos/acme/shop/deployments/1/statuses',
    ]);
    const [create, progress, success] = gh.requests;
    expect(create?.body).toMatchObject({
      environment: 'staging',
      description: 'Deploying gh-ok-1',
      payload: { release: 'gh-ok-1', strategy: 'script' },
    });
    expect(create?.body).not.toHaveProperty('payload.image');
    expect(progress?.body).toEqual({
      state: 'in_progress',
      log_url: RUN_URL,
      description: 'Deploying gh-ok-1',
    });
    expect(success?.body).toEqual({
      state: 'success',
      log_url: RUN_URL,
      description: 'Deployed gh-ok-1',
      environment_url: 'https://staging.example.com',
    });
    for (const req of gh.requests) expect(req.status).toBeLessThan(300);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success']);
    expect(r.outputs['github-deployment-id']).toBe('1');
    expect(r.outputs['deployment-id'], 'deprecated name, same value').toBe('1');
    expect(warnings(r)).toEqual([]);
    expect(r.masked).toContain(gh.token);
    expect(r.log).not.toContain(gh.token);
    expect(r.summary).not.toContain(gh.token);
  });

  it('a failing deploy: in_progress, then failure naming the failure; the step fails', async () => {
    gh = await startFakeGitHub();
    const r = await deploy(gh, gh.token, 'gh-bad-1', 'echo broken >&2; exit 3');
    expect(r.exitCode).not.toBe(0);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'failure']);
    const failure = gh.requestsTo('POST', '/repos/acme/shop/deployments/1/statuses')[1];
    expect(failure?.body).toMatchObject({ state: 'failure', log_url: RUN_URL });
    const description = (failure?.body as { description?: string }).description ?? '';
    expect(description).toMatch(/^Deploy of gh-bad-1 failed on 1 of 1 host\(s\)/);
    expect(description.length).toBeLessThanOrEqual(140);
    expect(failure?.body).not.toHaveProperty('environment_url');
    expect(r.outputs['github-deployment-id']).toBe('1');
    expect(r.outputs['deployment-id'], 'deprecated name, same value').toBe('1');
  });

  it('the hosts connect while GitHub answers, but no lock is taken and nothing runs before in_progress is recorded', async () => {
    gh = await startFakeGitHub({ latencyMs: 400 });
    const r = await deploy(gh, gh.token, 'gh-slow-1', 'echo "ran-at $(date +%s%3N)"');
    expect(r.exitCode, r.log).toBe(0);
    const ranAt = Number(/ran-at (\d{13})/.exec(r.log)?.[1]);
    const progress = gh.requestsTo('POST', '/repos/acme/shop/deployments/1/statuses')[0];
    expect(progress?.body).toMatchObject({ state: 'in_progress' });
    expect(progress?.answeredAt).toBeGreaterThan(0);
    expect(ranAt).toBeGreaterThanOrEqual(progress?.answeredAt ?? Number.POSITIVE_INFINITY);
    // connected during the 2 × 400 ms the deployment and its first status took
    const log = r.log.split('\n');
    const connected = log.findIndex((l) => /\] connected \(host key/.test(l));
    const locked = log.findIndex((l) => /\] locked /.test(l));
    expect(connected).toBeGreaterThanOrEqual(0);
    expect(locked).toBeGreaterThan(connected);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success']);
  });

  it('a token without deployments permission: one warning, the deploy still succeeds', async () => {
    gh = await startFakeGitHub({ readOnlyTokens: [READ_ONLY] });
    const r = await deploy(gh, READ_ONLY, 'gh-ro-1', 'echo "deployed $RELEASE_ID"');
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('deployed gh-ro-1');
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toContain('permissions: deployments: write');
    expect(gh.requests.map(line)).toEqual(['POST /repos/acme/shop/deployments']);
    expect(gh.requests[0]?.status).toBe(403);
    expect(gh.deployments).toHaveLength(0);
    expect(r.outputs['github-deployment-id']).toBe('');
    expect(r.outputs['deployment-id'], 'deprecated name, same value').toBe('');
    expect(r.log).not.toContain(READ_ONLY);
  });

  it('neither github-token nor environment: nothing is recorded and nothing is said', async () => {
    gh = await startFakeGitHub();
    const dir = apps.next('gh-none');
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'script',
        'app-dir': dir,
        'release-id': 'gh-none-1',
        script: 'true',
      },
      env: { GITHUB_API_URL: gh.url },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(readHistoryFile(dir).map((e) => e.id)).toEqual(['gh-none-1']);
    expect(gh.requests).toEqual([]);
    expect(warnings(r)).toEqual([]);
    expect(r.outputs['github-deployment-id']).toBe('');
    expect(r.outputs['deployment-id'], 'deprecated name, same value').toBe('');
  });
});
