// lib/koyeb/deploy.ts against the fake Koyeb API; waiting uses an injected clock (no real sleeps).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KoyebClient } from '../../../lib/koyeb/client.js';
import {
  applyDefinition,
  cancelIfCancellable,
  redeployDeployment,
  resolveService,
  serviceUrl,
  waitForDeployment,
} from '../../../lib/koyeb/deploy.js';
import { exampleDefinition, FakeKoyebApi, SCRIPTS } from '../../fakes/koyeb-api.js';

let koyeb: FakeKoyebApi;
let client: KoyebClient;
beforeAll(async () => {
  koyeb = await FakeKoyebApi.start();
  client = new KoyebClient({ token: koyeb.token, apiUrl: koyeb.url, initialDelayMs: 10, log: () => {} });
});
afterAll(async () => {
  await koyeb.close();
});

/** A fake clock: each sleep advances it. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

let n = 0;
function setup(image = 'ghcr.io/acme/shop:1.0.0') {
  const app = koyeb.addApp({ name: `shop${++n}` });
  const service = koyeb.addService({ app: app.id, name: 'web', image });
  return { app, service };
}

describe('resolveService', () => {
  it('finds a service by app and service name, exactly', async () => {
    const { app, service } = setup();
    koyeb.addService({ app: app.id, name: 'web-worker' }); // the API's name filter matches it too
    koyeb.addApp({ name: `${app.name}-staging` });
    const found = await resolveService(client, { app: app.name, service: 'web' });
    expect(found.id).toBe(service.id);
    const paths = koyeb.requests.slice(-3).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`);
    expect(paths).toEqual([
      `GET /v1/apps {"name":["${app.name}"],"limit":["100"]}`,
      `GET /v1/services {"app_id":["${app.id}"],"name":["web"],"limit":["100"]}`,
      `GET /v1/services/${service.id} {}`,
    ]);
  });

  it('says which name was not found', async () => {
    const { app } = setup();
    await expect(resolveService(client, { app: 'nope', service: 'web' })).rejects.toThrow(
      /no app named 'nope'/,
    );
    await expect(resolveService(client, { app: app.name, service: 'api' })).rejects.toThrow(
      new RegExp(`app '${app.name}' has no service named 'api'`),
    );
  });
});

describe('applyDefinition', () => {
  it('returns the new deployment', async () => {
    const { service } = setup();
    const definition = exampleDefinition('ghcr.io/acme/shop:2.0.0');
    const r = await applyDefinition(client, {
      serviceId: service.id,
      definition,
      knownLatestId: service.latest_deployment_id,
    });
    expect(r.reconciled).toBe(false);
    expect(koyeb.deployment(r.deploymentId).definition).toEqual(definition);
  });

  it('does not send the PUT twice when the reply was lost after the update was applied', async () => {
    const { service } = setup();
    const before = service.latest_deployment_id;
    koyeb.failNext({ method: 'PUT', status: 502, afterHandling: true });
    const definition = exampleDefinition('ghcr.io/acme/shop:2.0.0');
    const r = await applyDefinition(client, {
      serviceId: service.id,
      definition,
      knownLatestId: before,
      retryDelayMs: 10,
    });
    expect(r.reconciled).toBe(true);
    expect(koyeb.updates(service.id)).toHaveLength(1);
    expect(koyeb.deploymentsOf(service.id)).toHaveLength(2);
    expect(r.deploymentId).toBe(koyeb.service(service.id).latest_deployment_id);
  });

  it('sends it again when the service shows it was not applied', async () => {
    const { service } = setup();
    koyeb.failNext({ method: 'PUT', status: 500 });
    const definition = exampleDefinition('ghcr.io/acme/shop:2.0.0');
    const r = await applyDefinition(client, {
      serviceId: service.id,
      definition,
      knownLatestId: service.latest_deployment_id,
      retryDelayMs: 10,
    });
    expect(r.reconciled).toBe(false);
    expect(koyeb.updates(service.id).map((u) => u.status)).toEqual([500, 200]);
    expect(koyeb.deploymentsOf(service.id)).toHaveLength(2);
  });
});

describe('waitForDeployment', () => {
  it('follows a deployment to HEALTHY, logging each status with messages', async () => {
    const { service } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.healthy);
    const { deploymentId } = await applyDefinition(client, {
      serviceId: service.id,
      definition: exampleDefinition('ghcr.io/acme/shop:2.0.0'),
      knownLatestId: service.latest_deployment_id,
    });
    const log: string[] = [];
    const r = await waitForDeployment(client, deploymentId, {
      timeoutMs: 60_000,
      pollIntervalMs: 2000,
      log: (l) => log.push(l),
      ...clock(),
    });
    expect(r.decision).toEqual({ kind: 'healthy', status: 'HEALTHY' });
    expect(r.timeline.map((e) => `${e.status}@${e.elapsedMs}`)).toEqual([
      'PENDING@0',
      'PROVISIONING@2000',
      'STARTING@4000',
      'HEALTHY@6000',
    ]);
    expect(log).toEqual([
      `[+0ms] deployment ${deploymentId}: PENDING`,
      `[+2.0s] deployment ${deploymentId}: PROVISIONING`,
      `[+4.0s] deployment ${deploymentId}: STARTING`,
      '    Instance created. Preparing to start...',
      `[+6.0s] deployment ${deploymentId}: HEALTHY`,
      '    Instance is healthy. All health checks are passing.',
    ]);
    expect(koyeb.service(service.id).active_deployment_id).toBe(deploymentId);
  });

  it('stops at the timeout while still provisioning, and the deployment can be cancelled', async () => {
    const { service } = setup();
    koyeb.scriptNextDeployments(SCRIPTS.stuckProvisioning);
    const { deploymentId } = await applyDefinition(client, {
      serviceId: service.id,
      definition: exampleDefinition('ghcr.io/acme/shop:2.0.0'),
      knownLatestId: service.latest_deployment_id,
    });
    const r = await waitForDeployment(client, deploymentId, {
      timeoutMs: 5000,
      pollIntervalMs: 2000,
      ...clock(),
    });
    expect(r.decision).toEqual({ kind: 'timeout', status: 'PROVISIONING' });
    expect(r.elapsedMs).toBe(5000); // the last sleep is shortened to the timeout
    expect(await cancelIfCancellable(client, r.deployment)).toBe(true);
    expect(koyeb.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/deployments/${deploymentId}/cancel`,
    });
    const after = await waitForDeployment(client, deploymentId, {
      timeoutMs: 5000,
      pollIntervalMs: 1,
      ...clock(),
    });
    expect(after.decision).toEqual({ kind: 'failed', status: 'CANCELING' });
    expect((await client.getDeployment(deploymentId)).status).toBe('CANCELED');
  });

  it('does not cancel what is not cancellable, nor fail when Koyeb refuses', async () => {
    const { service } = setup();
    const active = koyeb.deployment(service.active_deployment_id);
    const n0 = koyeb.requests.length;
    expect(await cancelIfCancellable(client, active)).toBe(false);
    expect(koyeb.requests.length).toBe(n0);
    // we think it is PENDING, Koyeb knows it is HEALTHY: refused with a 400
    expect(await cancelIfCancellable(client, { id: active.id, status: 'PENDING' })).toBe(false);
  });
});

describe('redeployDeployment', () => {
  it('sends an earlier deployment definition back unchanged', async () => {
    const app = koyeb.addApp({ name: `shop${++n}` });
    const service = koyeb.addService({
      app: app.id,
      name: 'web',
      image: 'shop:3',
      previousImages: ['shop:1', 'shop:2'],
    });
    const [, second] = koyeb.deploymentsOf(service.id);
    expect(second?.status).toBe('STOPPED');
    const r = await redeployDeployment(client, { serviceId: service.id, deploymentId: second?.id as string });
    expect(koyeb.updates(service.id).at(-1)?.body).toEqual({ definition: second?.definition });
    expect(koyeb.deployment(r.deploymentId).definition.docker?.image).toBe('shop:2');
    expect(r.source.id).toBe(second?.id);
  });

  it("refuses another service's deployment", async () => {
    const a = setup();
    const b = setup();
    await expect(
      redeployDeployment(client, { serviceId: a.service.id, deploymentId: b.service.active_deployment_id }),
    ).rejects.toThrow(/belongs to service .* refusing/);
    expect(koyeb.updates(a.service.id)).toHaveLength(0);
  });
});

describe('serviceUrl', () => {
  const web = { routes: [{ port: 8000, path: '/' }] };
  it('uses the auto-assigned domain, or an active custom one, and the route path', () => {
    expect(serviceUrl({ domains: [{ name: 'shop-acme.koyeb.app', type: 'AUTOASSIGNED' }] }, web)).toBe(
      'https://shop-acme.koyeb.app',
    );
    expect(
      serviceUrl(
        {
          domains: [
            { name: 'shop-acme.koyeb.app', type: 'AUTOASSIGNED', status: 'ACTIVE' },
            { name: 'pending.example.com', type: 'CUSTOM', status: 'PENDING' },
            { name: 'shop.example.com', type: 'CUSTOM', status: 'ACTIVE' },
          ],
        },
        { routes: [{ port: 8000, path: '/api' }] },
      ),
    ).toBe('https://shop.example.com/api');
  });

  it('is unknown for a worker (no routes) or an app without domains', () => {
    expect(serviceUrl({ domains: [{ name: 'x.koyeb.app' }] }, { routes: [] })).toBeUndefined();
    expect(serviceUrl({ domains: [] }, web)).toBeUndefined();
  });
});
