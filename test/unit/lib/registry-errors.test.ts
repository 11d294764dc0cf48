import { describe, expect, it } from 'vitest';
import { isTransientRegistryError } from '../../../lib/registry-errors.js';

describe('isTransientRegistryError', () => {
  it.each([
    'Error response from daemon: Get "https://ghcr.io/v2/": net/http: TLS handshake timeout',
    'Error response from daemon: received unexpected HTTP status: 503 Service Unavailable',
    'error pulling image configuration: download failed after attempts=6: dial tcp 140.82.1.1:443: i/o timeout',
    'read tcp 10.0.0.5:51234->1.2.3.4:443: read: connection reset by peer',
    'toomanyrequests: You have reached your pull rate limit.',
    'Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com: Temporary failure in name resolution',
    'Error response from daemon: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
    'unexpected EOF',
    'Head "https://reg/v2/app/manifests/v2": context deadline exceeded',
  ])('transient: %s', (msg) => {
    expect(isTransientRegistryError(msg)).toBe(true);
  });

  it.each([
    'Error response from daemon: Get "https://ghcr.io/v2/": denied: denied',
    'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
    'Error response from daemon: manifest for 127.0.0.1:5000/shop/web:v9 not found: manifest unknown: manifest unknown',
    'invalid reference format: repository name must be lowercase',
    'Error response from daemon: Get "https://regsitry.example.com/v2/": dial tcp: lookup regsitry.example.com: no such host',
    // a 503 while the credentials are refused is still a refusal
    'unauthorized: authentication required (503 retry later)',
    'exit code 1 with no output',
    '',
  ])('not transient: %s', (msg) => {
    expect(isTransientRegistryError(msg)).toBe(false);
  });
});
