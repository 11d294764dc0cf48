// rollback with target: koyeb, against the fake Koyeb API (test/fakes/koyeb-api.ts): re-deploys an
// earlier deployment's definition (previous, or named), waits until it is HEALTHY; a second
// `previous` does not return to the release the first one left; a failed rollback leaves the
// service on its active deployment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDefinition, FakeKoyebApi, type FakeService, SCRIPTS } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';

const IMAGE = (v: string): string => `ghcr.io/acme/shop:${v}`;

let koyeb: FakeKoyebApi;
let svc: FakeService;
/** Deployment ids by version: v0, v1, v2 were each healthy, then replaced by the next. */
const ids: Record<string, string> = {};

beforeEach(async () => {
  koyeb = await FakeKoyebApi.start();
  const app = koyeb.addApp({ name: 'shop' });
  svc = koyeb.addService({ app: app.id, name: 'web', image: IMAGE('v0') });
  ids['v0'] = svc.active_deployment_id;
  for (const v of ['v1', 'v2']) {
    ids[v] = koyeb.addDeployment(svc.id, { definition: exampleDefinition(IMAGE(v)), status: 'HEALTHY' }).id;
  }
});
afterEach(() => koyeb.close());

function rollback(extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      target: 'koyeb',
      'api-token': koyeb.token,
      'api-url': koyeb.url,
      app: 'shop',
      service: 'web',
      'poll-interval': '100ms',
      timeout: '20s',
      ...extra,
    },
  });
}

const activeImage = (): string | undefined =>
  koyeb.deployment(koyeb.service(svc.id).active_deployment_id).definition.docker?.image;

describe('rollback, target koyeb', () => {
  it('previous: re-deploys v1, the healthy deployment before the active v2, and waits until it is HEALTHY', async () => {
    expect(koyeb.deployment(ids['v1'] ?? '').status).toBe('STOPPED');
    const r = await rollback({ reason: 'smoke test failed' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ 'rolled-back-from': ids['v2'], 'rolled-back-to': ids['v1'] });
    const puts = koyeb.updates(svc.id);
    expect(puts).toHaveLength(1);
    // the definition is sent back exactly as Koyeb returned it
    expect(puts[0]?.body).toEqual({ definition: koyeb.deployment(ids['v1'] ?? '').definition });
    expect(puts[0]?.authorized).toBe(true);
    expect(activeImage()).toBe(IMAGE('v1'));
    expect(koyeb.deployment(ids['v2'] ?? '').status).toBe('STOPPED');
    expect(r.log).toMatch(/rollback [0-9a-f-]{36}: HEALTHY/);
    expect(r.summary).toContain('rollback (Koyeb): web is back on `ghcr.io/acme/shop:v1`');
    expect(r.log).not.toContain(koyeb.token);
    expect(r.masked).toContain(koyeb.token);
  });

  it('a second `previous` rollback does not return to v2: it goes to v0', async () => {
    expect((await rollback()).exitCode).toBe(0);
    expect(activeImage()).toBe(IMAGE('v1'));
    const second = await rollback();
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs['rolled-back-to']).toBe(ids['v0']);
    expect(activeImage()).toBe(IMAGE('v0'));
    const third = await rollback();
    expect(third.exitCode).toBe(1);
    expect(third.errors.join('\n')).toContain('Nothing to roll back to: no deployment before the active one');
    expect(koyeb.updates(svc.id)).toHaveLength(2);
  });

  it('a named deployment (manual rollback), by id or by image tag', async () => {
    const byId = await rollback({ to: ids['v0'] ?? '' });
    expect(byId.exitCode, byId.log).toBe(0);
    expect(activeImage()).toBe(IMAGE('v0'));
    const byTag = await rollback({ to: 'v2' });
    expect(byTag.exitCode, byTag.log).toBe(0);
    expect(byTag.outputs['rolled-back-to']).toBe(ids['v2']);
    expect(activeImage()).toBe(IMAGE('v2'));
  });

  it('a rollback deployment that fails leaves the active deployment serving and fails the step', async () => {
    koyeb.scriptNextDeployments(SCRIPTS.error);
    const r = await rollback();
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toMatch(/The rollback deployment [0-9a-f-]{36} ended ERROR/);
    expect(error).toContain(
      `Koyeb keeps the active deployment ${ids['v2']} serving: the service is as it was.`,
    );
    expect(koyeb.service(svc.id).active_deployment_id).toBe(ids['v2']);
    expect(activeImage()).toBe(IMAGE('v2'));
  });

  it('dry-run says where it would go and sends nothing', async () => {
    const r = await rollback({ 'dry-run': 'true' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(
      `dry-run: would roll back ${ids['v2']} (${IMAGE('v2')}) → the definition of ${ids['v1']} (${IMAGE('v1')})`,
    );
    expect(koyeb.updates(svc.id)).toHaveLength(0);
  });
});
