// deploy-koyeb records the deploy as a GitHub deployment: against the fake Koyeb API and the fake
// GitHub REST API (test/fakes/github-api.ts) reached through GITHUB_API_URL. Asserted on the fake's
// recorded requests: created once Koyeb made the new deployment (its id in the payload, where
// rollback looks), in_progress, then success (environment_url) or failure (failed and rolled back).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../fakes/github-api.js';
import { type FakeKoyebApi as Fake, FakeKoyebApi, SCRIPTS } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';

const RUN_URL = 'https://github.com/acme/shop/actions/runs/8503';
const READ_ONLY = 'ghs_readOnlyToken000000000000000000000';
const IMAGE = 'ghcr.io/acme/shop:1.1.0';

let koyeb: Fake;
let gh: FakeGitHub | undefined;
beforeAll(async () => {
  koyeb = await FakeKoyebApi.start();
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
afterAll(async () => {
  await koyeb.close();
});

let n = 0;
function setup() {
  const app = koyeb.addApp({ name: `ghshop${++n}` });
  const service = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:1.0.0' });
  return { app, service };
}

function deploy(
  fake: FakeGitHub,
  serviceId: string,
  inputs: Record<string, string> = {},
): Promise<ActionResult> {
  return runAction('deploy-koyeb', {
    inputs: {
      'api-url': koyeb.url,
      'api-token': koyeb.token,
      'service-id': serviceId,
      image: IMAGE,
      'poll-interval': '200ms',
      timeout: '30s',
      'github-token': fake.token,
      environment: 'production',
      ...inputs,
    },
    env: { GITHUB_API_URL: fake.url, GITHUB_RUN_ID: '8503' },
  });
}

const line = (r: RecordedRequest): string => `${r.method} ${r.path}`;
const warnings = (r: ActionResult): string[] => r.log.split('\n').filter((l) => l.startsWith('::warning'));

describe('deploy-koyeb: GitHub deployments', () => {
  it('a healthy deploy: the Koyeb deployment id and image in the payload, in_progress, then success with environment_url', async () => {
    gh = await startFakeGitHub();
    const { service } = setup();
    const r = await deploy(gh, service.id, { 'environment-url': 'https://shop.example.com' });
    expect(r.exitCode, r.log).toBe(0);
    const koyebId = koyeb.service(service.id).active_deployment_id;

    expect(gh.requests.map(line)).toEqual([
      'POST /repos/acme/shop/deployments',
      'POST /repos/acme/shop/deployments/1/statuses',
      'POST /repos/acme/shop/deployments/1/statuses',
    ]);
    const [create, progress, success] = gh.requests;
    expect(create?.body).toMatchObject({
      environment: 'production',
      description: `Deploying ${IMAGE}`,
      payload: { release: koyebId, deployment: koyebId, image: IMAGE },
    });
    expect(progress?.body).toEqual({
      state: 'in_progress',
      log_url: RUN_URL,
      description: `Deploying ${IMAGE}`,
    });
    expect(success?.body).toEqual({
      state: 'success',
      log_url: RUN_URL,
      description: `Deployed ${IMAGE}`,
      environment_url: 'https://shop.example.com',
    });
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success']);
    expect(r.outputs).toMatchObject({ 'koyeb-deployment-id': koyebId, 'github-deployment-id': '1' });
    expect(warnings(r)).toEqual([]);
    expect(r.masked).toContain(gh.token);
    expect(r.log).not.toContain(gh.token);
  });

  it('without environment-url, the success carries the Koyeb service URL', async () => {
    gh = await startFakeGitHub();
    const { app, service } = setup();
    const r = await deploy(gh, service.id);
    expect(r.exitCode, r.log).toBe(0);
    expect(gh.requestsTo('POST', '/repos/acme/shop/deployments/1/statuses')[1]?.body).toMatchObject({
      state: 'success',
      environment_url: `https://${app.name}-acme.koyeb.app`,
    });
  });

  it('a deployment that ends in ERROR and is rolled back: in_progress, then failure', async () => {
    gh = await startFakeGitHub();
    const { service } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.error, SCRIPTS.healthy);
    const r = await deploy(gh, service.id, { 'environment-url': 'https://shop.example.com' });
    expect(r.exitCode).toBe(1);
    const [, failed] = koyeb.deploymentsOf(service.id); // newest first: the rollback, then the failed one
    expect(failed?.status).toBe('ERROR');

    expect(gh.requests.map(line)).toEqual([
      'POST /repos/acme/shop/deployments',
      'POST /repos/acme/shop/deployments/1/statuses',
      'POST /repos/acme/shop/deployments/1/statuses',
    ]);
    expect(gh.requests[0]?.body).toMatchObject({ payload: { release: failed?.id, image: IMAGE } });
    expect(gh.statesOf(1)).toEqual(['in_progress', 'failure']);
    const failure = gh.requests[2]?.body as { description?: string };
    expect(failure.description).toContain(`Deployment ${failed?.id} of service web ended ERROR`);
    expect(failure).not.toHaveProperty('environment_url');
    expect(r.outputs['github-deployment-id']).toBe('1');
  });

  it('a token without deployments permission: one warning, the deploy still succeeds', async () => {
    gh = await startFakeGitHub({ readOnlyTokens: [READ_ONLY] });
    const { service } = setup();
    const r = await deploy(gh, service.id, { 'github-token': READ_ONLY });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['status']).toBe('HEALTHY');
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toContain('permissions: deployments: write');
    expect(gh.requests.map((q) => [line(q), q.status])).toEqual([['POST /repos/acme/shop/deployments', 403]]);
    expect(r.outputs['github-deployment-id']).toBe('');
    expect(r.log).not.toContain(READ_ONLY);
  });
});
