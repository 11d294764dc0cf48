import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchManifest, parseChallenge, registryBaseUrl } from '../../../actions/build-push/registry-api.js';

describe('registryBaseUrl', () => {
  it('Docker Hub API host, https, and plain http on loopback', () => {
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('registry.internal:5000')).toBe('https://registry.internal:5000');
  });
});

describe('parseChallenge', () => {
  it('reads Bearer and Basic challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/api:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/api:pull' },
    });
    expect(parseChallenge('Basic realm="ops-actions-registry"')).toEqual({
      scheme: 'basic',
      params: { realm: 'ops-actions-registry' },
    });
    expect(parseChallenge(null)).toBeUndefined();
  });
});

describe('fetchManifest against a registry that wants a bearer token', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];
  const auth = (req: IncomingMessage): string => req.headers.authorization ?? '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${auth(req).split(' ')[0] ?? ''}`);
      if (req.url?.startsWith('/token')) {
        const ok = auth(req) === `Basic ${Buffer.from('ci:pw').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(ok ? JSON.stringify({ token: 't0k3n' }) : '{}');
        return;
      }
      if (auth(req) !== 'Bearer t0k3n') {
        res.writeHead(401, {
          'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test",scope="repository:acme/api:pull"`,
        });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' });
      res.end('{"layers":[{"size":3}],"config":{"size":2}}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('gets a token with the credentials, then the manifest', async () => {
    const image = { name: `127.0.0.1:${port}/acme/api`, registry: `127.0.0.1:${port}`, path: 'acme/api' };
    const text = await fetchManifest(image, 'sha256:abc', { username: 'ci', password: 'pw' });
    expect(JSON.parse(text)).toEqual({ layers: [{ size: 3 }], config: { size: 2 } });
    expect(seen).toEqual([
      'GET /v2/acme/api/manifests/sha256:abc Basic',
      'GET /token?service=test&scope=repository%3Aacme%2Fapi%3Apull Basic',
      'GET /v2/acme/api/manifests/sha256:abc Bearer',
    ]);
  });

  it('wrong credentials: throws (the caller leaves the size unknown)', async () => {
    const image = { name: `127.0.0.1:${port}/acme/api`, registry: `127.0.0.1:${port}`, path: 'acme/api' };
    await expect(fetchManifest(image, 'sha256:abc', { username: 'ci', password: 'nope' })).rejects.toThrow(
      /token/,
    );
  });
});
