// The smoke-test HTTP client against real local HTTP(S) servers: redirects, credentials across
// origins, timeouts, TLS trust, decoding, refused connections.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeError, type ProbeRequest, probe } from '../../actions/smoke-test/http-probe.js';
import {
  echo,
  makeTlsFixture,
  ok,
  redirect,
  refusedPort,
  reply,
  slow,
  startServer,
  type TestServer,
  type TlsFixture,
} from '../helpers/http-servers.js';

const base = (url: string, over: Partial<ProbeRequest> = {}): ProbeRequest => ({
  method: 'GET',
  url,
  headers: {},
  followRedirects: true,
  maxRedirects: 5,
  timeoutMs: 5000,
  tls: { extraCa: [], insecure: false },
  ...over,
});

async function probeError(req: ProbeRequest): Promise<ProbeError> {
  const error = await probe(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProbeError);
  return error as ProbeError;
}

describe('probe over HTTP', () => {
  let server: TestServer;
  let other: TestServer;
  beforeAll(async () => {
    other = await startServer({ '/echo': echo });
    server = await startServer({
      '/ok': ok('fine'),
      '/echo': echo,
      '/to-ok': redirect('/ok', 301),
      '/chain1': redirect('/chain2'),
      '/chain2': redirect('/to-ok', 307),
      '/loop': redirect('/loop'),
      '/to-other': redirect(`${other.origin}/echo`, 302),
      '/see-other': redirect('/echo', 303),
      '/temp-307': redirect('/echo', 307),
      '/to-ftp': redirect('ftp://127.0.0.1/x'),
      '/slow': slow(3000),
      '/gzip': reply({ body: gzipSync('compressed body'), headers: { 'content-encoding': 'gzip' } }),
      '/big': reply({ body: 'x'.repeat(3000) }),
      '/hangup': reply({ hangUp: true }),
    });
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('returns status, body, content type and latency', async () => {
    const res = await probe(base(server.url('/ok')));
    expect(res).toMatchObject({ status: 200, body: 'fine', contentType: 'text/plain', redirects: [] });
    expect(res.latencyMs).toBeGreaterThan(0);
  });

  it('sends method, headers and body, with a content-length', async () => {
    const res = await probe(
      base(server.url('/echo'), { method: 'POST', headers: { 'x-token': 'abc' }, body: '{"q":1}' }),
    );
    const seen = JSON.parse(res.body) as { method: string; headers: Record<string, string>; body: string };
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('{"q":1}');
    expect(seen.headers['x-token']).toBe('abc');
    expect(seen.headers['content-length']).toBe('7');
  });

  it('follows a chain of redirects and lists each hop', async () => {
    const res = await probe(base(server.url('/chain1')));
    expect(res.status).toBe(200);
    expect(res.body).toBe('fine');
    expect(res.redirects).toEqual([server.url('/chain2'), server.url('/to-ok'), server.url('/ok')]);
  });

  it('asserts on the 3xx itself when not following redirects', async () => {
    const before = server.hits('/ok').length;
    const res = await probe(base(server.url('/to-ok'), { followRedirects: false }));
    expect(res.status).toBe(301);
    expect(res.redirects).toEqual([]);
    expect(server.hits('/ok').length).toBe(before);
  });

  it('gives up after maxRedirects', async () => {
    const before = server.hits('/loop').length;
    const e = await probeError(base(server.url('/loop'), { maxRedirects: 3 }));
    expect(e.code).toBe('TOO_MANY_REDIRECTS');
    expect(e.message).toContain('more than 3 redirects');
    expect(server.hits('/loop').length - before).toBe(4);
  });

  it('refuses a redirect to a non-HTTP scheme', async () => {
    const e = await probeError(base(server.url('/to-ftp')));
    expect(e.code).toBe('BAD_REDIRECT');
  });

  it('drops Authorization and Cookie on a redirect to another origin, keeps other headers', async () => {
    const res = await probe(
      base(server.url('/to-other'), {
        headers: { authorization: 'Bearer secret-value', cookie: 'sid=1', 'x-trace': 't1' },
      }),
    );
    const seen = JSON.parse(res.body) as { headers: Record<string, string> };
    expect(other.hits('/echo').at(-1)?.headers['authorization']).toBeUndefined();
    expect(seen.headers['cookie']).toBeUndefined();
    expect(seen.headers['x-trace']).toBe('t1');
    // the first hop, same origin as the URL, did get it
    expect(server.hits('/to-other').at(-1)?.headers['authorization']).toBe('Bearer secret-value');
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    await probe(base(server.url('/chain1'), { headers: { authorization: 'Bearer same-origin' } }));
    expect(server.hits('/ok').at(-1)?.headers['authorization']).toBe('Bearer same-origin');
  });

  it('turns a POST into a GET without body on 303, keeps it on 307', async () => {
    const after303 = await probe(base(server.url('/see-other'), { method: 'POST', body: 'data' }));
    expect(JSON.parse(after303.body)).toMatchObject({ method: 'GET', body: '' });
    const after307 = await probe(base(server.url('/temp-307'), { method: 'POST', body: 'data' }));
    expect(JSON.parse(after307.body)).toMatchObject({ method: 'POST', body: 'data' });
  });

  it('times out the whole attempt', async () => {
    const e = await probeError(base(server.url('/slow'), { timeoutMs: 300 }));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toBe('no complete response within 300ms');
    expect(e.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('decodes a gzip body', async () => {
    const res = await probe(base(server.url('/gzip')));
    expect(res.body).toBe('compressed body');
  });

  it('keeps at most maxBodyBytes of the body and says it was cut', async () => {
    const res = await probe(base(server.url('/big'), { maxBodyBytes: 1000 }));
    expect(res.body).toHaveLength(1000);
    expect(res.bodyTruncated).toBe(true);
    const full = await probe(base(server.url('/big')));
    expect(full.body).toHaveLength(3000);
    expect(full.bodyTruncated).toBe(false);
  });

  it('reports a connection closed without an answer', async () => {
    const e = await probeError(base(server.url('/hangup')));
    expect(e.code).toBe('ECONNRESET');
  });

  it('reports a refused connection', async () => {
    const port = await refusedPort();
    const e = await probeError(base(`http://127.0.0.1:${port}/health`));
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.message).toContain('connection refused');
    expect(e.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('probe over HTTPS', () => {
  let tls: TlsFixture;
  let server: TestServer;
  beforeAll(async () => {
    tls = makeTlsFixture();
    server = await startServer(
      { '/ok': ok('secure') },
      { tls: { key: tls.serverKey, cert: tls.serverCert } },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('rejects a certificate from an unknown CA, with a hint to ca-cert', async () => {
    const e = await probeError(base(server.url('/ok')));
    expect(e.message).toMatch(/^TLS: /);
    expect(e.message).toContain("'ca-cert'");
  });

  it('rejects it too when only an unrelated CA is trusted', async () => {
    const e = await probeError(
      base(server.url('/ok'), { tls: { extraCa: [tls.otherCaPem], insecure: false } }),
    );
    expect(e.message).toMatch(/^TLS: /);
  });

  it('trusts the server with its CA given as extraCa', async () => {
    const res = await probe(base(server.url('/ok'), { tls: { extraCa: [tls.caPem], insecure: false } }));
    expect(res).toMatchObject({ status: 200, body: 'secure' });
  });

  it('trusts any certificate when insecure', async () => {
    const res = await probe(base(server.url('/ok'), { tls: { extraCa: [], insecure: true } }));
    expect(res.status).toBe(200);
  });
});
