// A tag is resolved to its digest (HEAD of the manifest) before provenance is verified: against a
// small registry on 127.0.0.1 that asks for a bearer token, as GHCR and Docker Hub do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParts, resolveDigest } from '../../../lib/provenance/resolve-digest.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
let server: Server;
let host = '';
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    if (req.url?.startsWith('/token')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok' }));
      return;
    }
    if (req.headers.authorization !== 'Bearer tok') {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${host}/token",service="reg",scope="repository:acme/shop:pull"`,
        })
        .end();
      return;
    }
    if (req.url === '/v2/acme/shop/manifests/1.4.2')
      res.writeHead(200, { 'docker-content-digest': DIGEST }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('resolveDigest', () => {
  it('a tag: HEAD of the manifest after the bearer-token challenge; the digest header is the answer', async () => {
    expect(await resolveDigest(`${host}/acme/shop:1.4.2`, undefined)).toBe(DIGEST);
    expect(seen.filter((s) => s.startsWith('HEAD'))).toEqual([
      'HEAD /v2/acme/shop/manifests/1.4.2 -',
      'HEAD /v2/acme/shop/manifests/1.4.2 Bearer tok',
    ]);
  });

  it('a reference with a digest is not looked up', async () => {
    const before = seen.length;
    expect(await resolveDigest(`${host}/acme/shop:1.4.2@${DIGEST}`, undefined)).toBe(DIGEST);
    expect(seen.length).toBe(before);
  });

  it('an unknown tag fails saying to deploy by digest', async () => {
    await expect(resolveDigest(`${host}/acme/shop:nope`, undefined)).rejects.toThrow(/Deploy by digest/);
  });

  it('splits references as Docker does', () => {
    expect(imageParts('nginx')).toMatchObject({
      registry: 'docker.io',
      path: 'library/nginx',
      tag: undefined,
    });
    expect(imageParts('127.0.0.1:5000/a/b:1@sha256:x')).toMatchObject({
      registry: '127.0.0.1:5000',
      path: 'a/b',
      tag: '1',
      digest: 'sha256:x',
      repository: '127.0.0.1:5000/a/b',
    });
  });
});
