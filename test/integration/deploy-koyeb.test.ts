// deploy-koyeb, bundled, run the way the runner runs it, against the fake Koyeb API on 127.0.0.1.
// Each scenario of the issue asserts the step result, the outputs, the summary, and on the fake's
// recorded requests what was sent — for failures, the rollback PUT carrying the previous definition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKoyebApi as Fake, FakeKoyebApi, SCRIPTS } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';

let koyeb: Fake;
beforeAll(async () => {
  koyeb = await FakeKoyebApi.start();
});
afterAll(async () => {
  await koyeb.close();
});

let n = 0;
/** A fresh app `shopN` with service `web` running ghcr.io/acme/shop:1.0.0. */
function setup() {
  const app = koyeb.addApp({ name: `shop${++n}` });
  const service = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:1.0.0' });
  const previous = koyeb.deployment(service.active_deployment_id);
  return { app, service, previous };
}

function deploy(inputs: Record<string, string | undefined>): Promise<ActionResult> {
  return runAction('deploy-koyeb', {
    inputs: {
      'api-url': koyeb.url,
      'api-token': koyeb.token,
      image: 'ghcr.io/acme/shop:1.1.0',
      'poll-interval': '200ms',
      timeout: '30s',
      ...inputs,
    },
  });
}

/** The token must be masked and never printed, whatever happened. */
function expectTokenHidden(r: ActionResult, token = koyeb.token): void {
  expect(r.masked).toContain(token);
  expect(r.log).not.toContain(token);
  expect(r.summary).not.toContain(token);
  for (const v of Object.values(r.outputs)) expect(v).not.toContain(token);
}

describe('deploy-koyeb', () => {
  it('deploys the image by app + service names and waits until HEALTHY (a few polls)', async () => {
    const { app, service, previous } = setup();
    const r = await deploy({ app: app.name, service: 'web', env: 'LOG_LEVEL=debug\nFEATURE_X=on' });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);

    const deploymentId = koyeb.service(service.id).latest_deployment_id;
    expect(deploymentId).not.toBe(previous.id);
    expect(r.outputs).toEqual({
      'service-id': service.id,
      'koyeb-deployment-id': deploymentId,
      'previous-koyeb-deployment-id': previous.id,
      status: 'HEALTHY',
      'service-url': `https://${app.name}-acme.koyeb.app`,
      'rollback-koyeb-deployment-id': '',
      'rollback-status': '',
      'github-deployment-id': '',
      // the names of v1.0, deprecated until v2: the same values
      'deployment-id': deploymentId,
      'previous-deployment-id': previous.id,
      'rollback-deployment-id': '',
    });
    // Koyeb's state: the new deployment is the active one
    expect(koyeb.service(service.id).active_deployment_id).toBe(deploymentId);

    // exactly one PUT: the previous definition with only the image and the env changed
    const puts = koyeb.updates(service.id);
    expect(puts).toHaveLength(1);
    const expected = structuredClone(previous.definition);
    expected.docker = { ...expected.docker, image: 'ghcr.io/acme/shop:1.1.0' };
    expected.env = [
      { scopes: ['region:fra'], key: 'PORT', value: '8000' },
      { scopes: ['region:fra'], key: 'DATABASE_URL', secret: 'shop-database-url' },
      { scopes: ['region:fra'], key: 'LOG_LEVEL', value: 'debug' },
      { key: 'FEATURE_X', value: 'on' },
    ];
    expect(puts[0]?.body).toEqual({ definition: expected });
    expect(koyeb.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(0);

    // the names were resolved through the API
    expect(koyeb.requests.some((q) => q.path === '/v1/apps' && q.query['name']?.[0] === app.name)).toBe(true);
    expect(koyeb.requests.some((q) => q.path === '/v1/services' && q.query['app_id']?.[0] === app.id)).toBe(
      true,
    );

    // log: each status change with its elapsed time, and Koyeb's messages
    expect(r.log).toMatch(new RegExp(`\\[\\+\\d+ms\\] deployment ${deploymentId}: PENDING`));
    expect(r.log).toMatch(new RegExp(`\\[\\+[\\d.]+m?s\\] deployment ${deploymentId}: PROVISIONING`));
    expect(r.log).toMatch(new RegExp(`\\[\\+[\\d.]+m?s\\] deployment ${deploymentId}: HEALTHY`));
    expect(r.log).toContain('Instance is healthy. All health checks are passing.');

    // summary: service, image, deployment, timeline with elapsed times, how to roll back later
    expect(r.summary).toContain('## ✅ Koyeb: web deployed');
    expect(r.summary).toContain('`ghcr.io/acme/shop:1.1.0` (was `ghcr.io/acme/shop:1.0.0`)');
    expect(r.summary).toContain(`\`${deploymentId}\` — HEALTHY`);
    expect(r.summary).toContain('change LOG_LEVEL<br>add FEATURE_X');
    expect(r.summary).not.toContain('debug'); // env values are not shown
    expect(r.summary).toContain('### Status timeline');
    for (const s of ['PENDING', 'PROVISIONING', 'STARTING', 'HEALTHY']) {
      expect(r.summary).toMatch(new RegExp(`\\| \`${deploymentId}\` \\| \\S+ ${s} \\| \\+[\\d.]+m?s \\|`));
    }
    expect(r.summary).toContain(
      `pass \`previous-koyeb-deployment-id\` (\`${previous.id}\`) to \`actions/rollback\``,
    );
    expectTokenHidden(r);
  });

  it('rolls back when the new deployment ends in ERROR: the rollback PUT carries the previous definition', async () => {
    const { service, previous } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.error, SCRIPTS.healthy);
    const r = await deploy({ 'service-id': service.id });
    expect(r.exitCode).toBe(1);

    const [rollback, failed] = koyeb.deploymentsOf(service.id); // newest first
    expect(failed?.status).toBe('ERROR');
    const puts = koyeb.updates(service.id);
    expect(puts).toHaveLength(2);
    expect(puts[0]?.body).toMatchObject({ definition: { docker: { image: 'ghcr.io/acme/shop:1.1.0' } } });
    expect(puts[1]?.body).toEqual({ definition: previous.definition });
    expect(rollback?.definition).toEqual(previous.definition);
    expect(koyeb.service(service.id).active_deployment_id).toBe(rollback?.id);
    // ERROR is not cancellable: no cancel request
    expect(koyeb.requests.filter((q) => q.path.endsWith('/cancel'))).toHaveLength(0);

    expect(r.outputs).toMatchObject({
      'koyeb-deployment-id': failed?.id,
      'previous-koyeb-deployment-id': previous.id,
      status: 'ERROR',
      'service-url': '',
      'rollback-koyeb-deployment-id': rollback?.id,
      'rollback-status': 'HEALTHY',
    });
    expect(r.errors.join('\n')).toContain(`Deployment ${failed?.id} of service web ended ERROR.`);
    expect(r.errors.join('\n')).toContain('the application exited with code 1');
    expect(r.errors.join('\n')).toContain(
      `Rolled back: the definition of deployment ${previous.id} was deployed again as deployment ${rollback?.id}, which is HEALTHY.`,
    );
    expect(r.summary).toContain('## ❌ Koyeb: web deployment failed');
    expect(r.summary).toMatch(/\| Rollback \| ✅ Rolled back/);
    expect(r.summary).toMatch(
      new RegExp(`\\| \`${failed?.id}\` \\| ❌ ERROR \\| \\+[\\d.]+m?s \\| Instance stopped`),
    );
    expect(r.summary).toMatch(
      new RegExp(`\\| \`${rollback?.id}\` \\(rollback\\) \\| ✅ HEALTHY \\| \\+[\\d.]+m?s \\|`),
    );
    expectTokenHidden(r);
  });

  it('cancels a deployment stuck in PROVISIONING past the timeout, then rolls back', async () => {
    const { service, previous } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.stuckProvisioning, SCRIPTS.healthy);
    const r = await deploy({ 'service-id': service.id, timeout: '2s' });
    expect(r.exitCode).toBe(1);

    const [rollback, stuck] = koyeb.deploymentsOf(service.id); // newest first
    const cancels = koyeb.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/cancel'));
    expect(cancels.map((q) => q.path)).toEqual([`/v1/deployments/${stuck?.id}/cancel`]);
    expect(['CANCELING', 'CANCELED']).toContain(stuck?.status);
    const puts = koyeb.updates(service.id);
    expect(puts).toHaveLength(2);
    expect(puts[1]?.body).toEqual({ definition: previous.definition });
    expect(koyeb.service(service.id).active_deployment_id).toBe(rollback?.id);

    expect(r.outputs).toMatchObject({
      'koyeb-deployment-id': stuck?.id,
      'previous-koyeb-deployment-id': previous.id,
      status: 'PROVISIONING',
      'rollback-koyeb-deployment-id': rollback?.id,
      'rollback-status': 'HEALTHY',
    });
    expect(r.errors.join('\n')).toContain(
      `Deployment ${stuck?.id} of service web was still PROVISIONING after the 2.0s timeout and was cancelled.`,
    );
    expect(r.summary).toContain('## ❌ Koyeb: web deployment timed out');
    expect(r.summary).toMatch(new RegExp(`\\| \`${stuck?.id}\` \\| ⏳ PROVISIONING \\| \\+[\\d.]+m?s \\|`));
    expect(r.summary).toMatch(new RegExp(`\\| \`${stuck?.id}\` \\| ❌ CANCELING \\| \\+[\\d.]+m?s \\|`));
    expect(r.summary).toMatch(new RegExp(`\\| \`${rollback?.id}\` \\(rollback\\) \\| ✅ HEALTHY \\|`));
    expect(r.summary).toMatch(/\| Rollback \| ✅ Rolled back/);
    expectTokenHidden(r);
  });

  it('waits out a 429 (Retry-After) and a 503, then deploys once', async () => {
    const { service, previous } = setup();
    koyeb.failNext({ method: 'PUT', status: 429, headers: { 'retry-after': '1' } });
    koyeb.failNext({ method: 'GET', path: /^\/v1\/deployments\//, status: 503 });
    const r = await deploy({ 'service-id': service.id });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(koyeb.updates(service.id).map((q) => q.status)).toEqual([429, 200]);
    expect(koyeb.deploymentsOf(service.id)).toHaveLength(2); // one new deployment, not two
    expect(r.log).toMatch(
      /PUT \/v1\/services\/\S+: HTTP 429 rate_limited .*retrying in [\d.]+s \(Retry-After: 1\.0s\)/,
    );
    expect(r.log).toMatch(/GET \/v1\/deployments\/\S+: HTTP 503 unavailable .*retrying in/);
    expect(r.outputs).toMatchObject({ status: 'HEALTHY', 'previous-koyeb-deployment-id': previous.id });
    expect(r.summary).toContain('## ✅ Koyeb: web deployed');
    expectTokenHidden(r);
  });

  it('fails at once on 401, naming the api-token input, without retrying or changing anything', async () => {
    const { service } = setup();
    const before = koyeb.requests.length;
    const wrong = `bad-token-${Date.now()}`;
    const r = await deploy({ 'service-id': service.id, 'api-token': wrong });
    expect(r.exitCode).toBe(1);
    expect(koyeb.requests.length - before).toBe(1); // one GET, no retry, no PUT
    expect(koyeb.requests.at(-1)).toMatchObject({ method: 'GET', hasAuthorization: true, authorized: false });
    expect(r.errors.join('\n')).toMatch(
      /Koyeb rejected the API token \(HTTP 401\).*Check the 'api-token' input/,
    );
    expect(r.outputs['koyeb-deployment-id'] ?? '').toBe('');
    expect(r.summary).toContain('## ❌ Koyeb: service');
    expect(r.summary).toContain('Nothing was changed on Koyeb.');
    expectTokenHidden(r, wrong);
  });

  it('fails at once when the PUT fails validation (400 with fields): nothing deployed, nothing rolled back', async () => {
    const { service, previous } = setup();
    koyeb.rejectNextUpdate([
      {
        field: 'definition.docker.image',
        description: 'image ghcr.io/acme/shop:1.1.0 not found or not accessible',
      },
    ]);
    const r = await deploy({ 'service-id': service.id });
    expect(r.exitCode).toBe(1);
    expect(koyeb.updates(service.id).map((q) => q.status)).toEqual([400]);
    expect(koyeb.deploymentsOf(service.id)).toHaveLength(1);
    expect(koyeb.service(service.id).active_deployment_id).toBe(previous.id);
    const error = r.errors.join('\n');
    expect(error).toContain('Koyeb refused the request as invalid (HTTP 400)');
    expect(error).toContain(
      '- definition.docker.image: image ghcr.io/acme/shop:1.1.0 not found or not accessible',
    );
    expect(r.outputs).toMatchObject({
      'service-id': service.id,
      'previous-koyeb-deployment-id': previous.id,
    });
    expect(r.outputs['koyeb-deployment-id']).toBeUndefined();
    expect(r.outputs['deployment-id']).toBeUndefined();
    expect(r.summary).toContain('definition.docker.image: image ghcr.io/acme/shop:1.1.0 not found');
    expect(r.summary).toContain('Nothing was changed on Koyeb.');
    expectTokenHidden(r);
  });

  it('does not roll back when rollback-on-failure is false', async () => {
    const { service } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.error);
    const r = await deploy({ 'service-id': service.id, 'rollback-on-failure': 'false' });
    expect(r.exitCode).toBe(1);
    expect(koyeb.updates(service.id)).toHaveLength(1);
    expect(r.outputs).toMatchObject({ status: 'ERROR', 'rollback-koyeb-deployment-id': '' });
    expect(r.errors.join('\n')).toContain("Not rolled back: 'rollback-on-failure' is false.");
  });

  it('with wait: false, starts the deployment and returns', async () => {
    const { service, previous } = setup();
    const r = await deploy({ 'service-id': service.id, wait: 'false', image: `sha256:${'b'.repeat(64)}` });
    expect(r.exitCode).toBe(0);
    const [created] = koyeb.deploymentsOf(service.id);
    expect(created?.definition.docker?.image).toBe(`ghcr.io/acme/shop@sha256:${'b'.repeat(64)}`);
    expect(r.outputs).toMatchObject({
      'koyeb-deployment-id': created?.id,
      'previous-koyeb-deployment-id': previous.id,
      status: 'PENDING',
    });
    expect(koyeb.requests.filter((q) => q.path === `/v1/deployments/${created?.id}`)).toHaveLength(1);
    expect(r.summary).toContain('deployment started (not waited for)');
  });

  it('with dry-run, validates with dry_run=true and deploys nothing', async () => {
    const { service } = setup();
    const r = await deploy({ 'service-id': service.id, 'dry-run': 'true' });
    expect(r.exitCode).toBe(0);
    expect(koyeb.updates(service.id).map((q) => q.query)).toEqual([{ dry_run: ['true'] }]);
    expect(koyeb.deploymentsOf(service.id)).toHaveLength(1);
    expect(r.log).toContain('Plan: image ghcr.io/acme/shop:1.0.0 → ghcr.io/acme/shop:1.1.0');
    expect(r.summary).toContain('dry run — nothing deployed');
  });

  it('rejects bad inputs before any request', async () => {
    const before = koyeb.requests.length;
    const r = await deploy({ app: 'shop' });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain(
      "Configuration error — Input 'service': is required with the other",
    );
    expect(koyeb.requests.length).toBe(before);
  });
});
