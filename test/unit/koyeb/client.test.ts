// The Koyeb client against the fake Koyeb API (a real HTTP server on 127.0.0.1).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KoyebApiError,
  KoyebClient,
  KoyebNetworkError,
  parseErrorBody,
  parseRetryAfter,
} from '../../../lib/koyeb/client.js';
import { FakeKoyebApi } from '../../fakes/koyeb-api.js';

let koyeb: FakeKoyebApi;
const lines: string[] = [];
const client = (extra: Partial<ConstructorParameters<typeof KoyebClient>[0]> = {}): KoyebClient =>
  new KoyebClient({
    token: koyeb.token,
    apiUrl: koyeb.url,
    initialDelayMs: 10,
    log: (l) => lines.push(l),
    tokenHint: "Check the 'api-token' input.",
    ...extra,
  });

beforeAll(async () => {
  koyeb = await FakeKoyebApi.start();
});
afterAll(async () => {
  await koyeb.close();
});

function setup() {
  const app = koyeb.addApp({ name: `app-${Math.random().toString(36).slice(2, 8)}` });
  const service = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:1.0.0' });
  return { app, service };
}

describe('KoyebClient', () => {
  it('reads a service, its deployment, and sends the token as a Bearer header', async () => {
    const { service } = setup();
    const c = client();
    const s = await c.getService(service.id);
    expect(s.latest_deployment_id).toBe(service.latest_deployment_id);
    const d = await c.getDeployment(s.latest_deployment_id as string);
    expect(d).toMatchObject({ status: 'HEALTHY', service_id: service.id });
    expect(d.definition?.docker?.image).toBe('ghcr.io/acme/shop:1.0.0');
    const last = koyeb.requests.at(-1);
    expect(last).toMatchObject({ method: 'GET', path: `/v1/deployments/${d.id}`, authorized: true });
  });

  it('lists with filters and paging, array parameters repeated', async () => {
    const { app, service } = setup();
    const c = client();
    const page = await c.listDeployments({
      serviceId: service.id,
      statuses: ['HEALTHY', 'STOPPED'],
      limit: 5,
    });
    expect(page).toMatchObject({ limit: 5, offset: 0, count: 1, hasNext: false });
    expect(koyeb.requests.at(-1)?.query).toEqual({
      service_id: [service.id],
      statuses: ['HEALTHY', 'STOPPED'],
      limit: ['5'],
    });
    expect((await c.listServices({ appId: app.id, name: 'web' })).items.map((s) => s.id)).toEqual([
      service.id,
    ]);
    expect((await c.listApps({ name: app.name })).items.map((a) => a.id)).toEqual([app.id]);
  });

  it('retries a 429, waiting as long as Retry-After asks', async () => {
    const { service } = setup();
    koyeb.failNext({
      method: 'GET',
      path: `/v1/services/${service.id}`,
      status: 429,
      headers: { 'retry-after': '1' },
    });
    lines.length = 0;
    const s = await client().getService(service.id);
    expect(s.id).toBe(service.id);
    const tries = koyeb.requests.filter((r) => r.path === `/v1/services/${service.id}`).slice(-2);
    expect(tries.map((r) => r.status)).toEqual([429, 200]);
    expect(lines.join('\n')).toMatch(/HTTP 429 rate_limited .*retrying in [\d.]+s \(Retry-After: 1\.0s\)/);
  });

  it('retries 5xx on reads but gives up after maxAttempts with the last error', async () => {
    const { service } = setup();
    koyeb.failNext({ path: `/v1/services/${service.id}`, status: 503, times: 3 });
    const error = await client({ maxAttempts: 3 })
      .getService(service.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoyebApiError);
    expect((error as KoyebApiError).status).toBe(503);
    expect((error as KoyebApiError).attempts).toBe(3);
    expect(String(error)).toMatch(/gave up after 3 attempts/);
  });

  it('does not repeat a PUT after an ambiguous 500, but does after a 503', async () => {
    const { service } = setup();
    const before = koyeb.updates(service.id).length;
    koyeb.failNext({ method: 'PUT', status: 500 });
    const c = client();
    const definition = koyeb.deployment(service.latest_deployment_id).definition;
    await expect(c.updateService(service.id, { definition })).rejects.toMatchObject({ status: 500 });
    expect(koyeb.updates(service.id).length).toBe(before + 1);
    koyeb.failNext({ method: 'PUT', status: 503 });
    const updated = await c.updateService(service.id, { definition });
    expect(koyeb.updates(service.id).length).toBe(before + 3);
    expect(updated.latest_deployment_id).not.toBe(service.active_deployment_id);
  });

  it('fails at once on 401, naming the token, never showing it', async () => {
    const { service } = setup();
    const n = koyeb.requests.length;
    const wrong = 'wrong-token-0123456789';
    const error = await client({ token: wrong })
      .getService(service.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoyebApiError);
    expect(String(error)).toMatch(/Koyeb rejected the API token \(HTTP 401\).*Check the 'api-token' input/);
    expect(String(error)).not.toContain(wrong);
    expect(koyeb.requests.length).toBe(n + 1);
    expect(koyeb.requests.at(-1)).toMatchObject({ hasAuthorization: true, authorized: false });
  });

  it('fails at once on 404 naming the service', async () => {
    const n = koyeb.requests.length;
    await expect(client().getService('no-such-service')).rejects.toThrow(
      /GET \/v1\/services\/no-such-service: Koyeb has no service 'no-such-service' \(HTTP 404\)/,
    );
    expect(koyeb.requests.length).toBe(n + 1);
  });

  it('reports validation errors with their fields', async () => {
    const { service } = setup();
    koyeb.rejectNextUpdate([{ field: 'definition.docker.image', description: 'image not found' }]);
    const error = (await client()
      .updateService(service.id, { definition: { docker: { image: 'x' } } })
      .catch((e: unknown) => e)) as KoyebApiError;
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ field: 'definition.docker.image', description: 'image not found' }]);
    expect(error.message).toContain('- definition.docker.image: image not found');
  });

  it('validates with dry_run without creating a deployment', async () => {
    const { service } = setup();
    const count = koyeb.deploymentsOf(service.id).length;
    const definition = koyeb.deployment(service.latest_deployment_id).definition;
    await client().updateService(service.id, { definition }, { dryRun: true });
    expect(koyeb.updates(service.id).at(-1)?.query).toEqual({ dry_run: ['true'] });
    expect(koyeb.deploymentsOf(service.id).length).toBe(count);
  });

  it('names a connection that was never made, and retries it', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const error = await client({ apiUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 })
      .getService('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoyebNetworkError);
    expect((error as KoyebNetworkError).notSent).toBe(true);
    expect((error as KoyebNetworkError).attempts).toBe(2);
    expect(String(error)).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+/);
  });

  it('times a request out', async () => {
    const { service } = setup();
    const error = await client({ fetch: slowFetch, requestTimeoutMs: 50, maxAttempts: 1 })
      .getService(service.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoyebNetworkError);
    expect(String(error)).toMatch(/no reply within 50ms/);
  });
});

const slowFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

describe('parseErrorBody', () => {
  it('reads Error, ErrorWithFields and google.rpc.Status bodies', () => {
    expect(parseErrorBody('{"status":404,"code":"not_found","message":"Service not found"}')).toEqual({
      code: 'not_found',
      message: 'Service not found',
      fields: [],
    });
    expect(
      parseErrorBody(
        '{"status":400,"code":"invalid_argument","message":"bad","fields":[{"field":"a","description":"b"}]}',
      ),
    ).toEqual({ code: 'invalid_argument', message: 'bad', fields: [{ field: 'a', description: 'b' }] });
    expect(parseErrorBody('{"code":5,"message":"not found","details":[]}')).toEqual({
      code: '5',
      message: 'not found',
      fields: [],
    });
    expect(parseErrorBody('<html>\n<b>Bad gateway</b></html>')).toEqual({
      message: '<html> <b>Bad gateway</b></html>',
      fields: [],
    });
    expect(parseErrorBody('')).toEqual({ fields: [] });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
  });
});
