import { describe, expect, it } from 'vitest';
import {
  finalError,
  isAuthFailure,
  isBuildxMissing,
  isTransientRegistryError,
} from '../../../actions/build-push/registry-errors.js';

// Messages as docker 20.10 / buildx 0.13 print them (the first four seen on this project's test engine).
const REFUSED_LOGIN =
  'Error response from daemon: Get "http://127.0.0.1:5099/v2/": dial tcp 127.0.0.1:5099: connect: connection refused';
const REFUSED_PUSH =
  'ERROR: Get "http://127.0.0.1:5099/v2/": dial tcp 127.0.0.1:5099: connect: connection refused';
const BAD_PASSWORD =
  'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized';
const NO_CREDENTIALS = 'ERROR: no basic auth credentials';

describe('isTransientRegistryError', () => {
  it.each([
    REFUSED_LOGIN,
    REFUSED_PUSH,
    'ERROR: failed to solve: failed to push ghcr.io/acme/api:main: failed to do request: Head "https://ghcr.io/v2/acme/api/blobs/sha256:ab": read tcp 10.1.0.4:5000->140.82.1.1:443: read: connection reset by peer',
    'ERROR: failed to solve: failed to push ghcr.io/acme/api:main: unexpected status from PUT request to https://ghcr.io/v2/acme/api/manifests/main: 503 Service Unavailable',
    'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    'Error response from daemon: Get "https://ghcr.io/v2/": net/http: TLS handshake timeout',
    'ERROR: failed to solve: docker.io/library/node:20: failed to resolve source metadata: toomanyrequests: You have reached your pull rate limit',
    'ERROR: received unexpected HTTP status: 502 Bad Gateway',
    'ERROR: failed to solve: failed to do request: Head "https://x.io/v2/a/manifests/b": dial tcp: lookup x.io: Temporary failure in name resolution',
    'ERROR: failed to copy: unexpected EOF',
  ])('retries %s', (message) => {
    expect(isTransientRegistryError(message)).toBe(true);
  });

  it.each([
    BAD_PASSWORD,
    NO_CREDENTIALS,
    'ERROR: failed to solve: failed to push ghcr.io/acme/api:main: unexpected status: 401 Unauthorized',
    'ERROR: denied: requested access to the resource is denied',
    'ERROR: failed to solve: failed to push x: 403 Forbidden',
    // a RUN step whose own output mentions a network error is a build failure, not a registry one
    'ERROR: failed to solve: process "/bin/sh -c curl http://localhost:9/" did not complete successfully: exit code: 7 (connection refused)',
    'ERROR: failed to solve: executor failed running [/bin/sh -c wget x]: exit code: 1 connection reset',
    'ERROR: failed to solve: failed to compute cache key: "/missing.txt" not found: not found',
    'ERROR: failed to solve: dockerfile parse error line 3: unknown instruction: RUNN',
    'ERROR: failed to solve: ghcr.io/acme/nope:1: not found',
  ])('does not retry %s', (message) => {
    expect(isTransientRegistryError(message)).toBe(false);
  });

  it('a port number that contains 500 is not a server error', () => {
    expect(isTransientRegistryError('ERROR: manifest unknown for 127.0.0.1:5000/app:x')).toBe(false);
  });
});

describe('isAuthFailure', () => {
  it('recognises rejected logins and missing credentials', () => {
    expect(isAuthFailure(BAD_PASSWORD)).toBe(true);
    expect(isAuthFailure(NO_CREDENTIALS)).toBe(true);
    expect(isAuthFailure('Error response from daemon: Get "https://ghcr.io/v2/": denied: denied')).toBe(
      false,
    );
    expect(isAuthFailure(REFUSED_LOGIN)).toBe(false);
  });
});

describe('finalError', () => {
  it("takes buildx's last ERROR line, not a RUN step's output above it", () => {
    const out = [
      '#6 [2/2] RUN curl http://127.0.0.1:9/',
      '#6 0.2 curl: (7) Failed to connect: Connection refused',
      '#6 ERROR: process "/bin/sh -c curl" did not complete successfully: exit code: 7',
      '------',
      ' > [2/2] RUN curl http://127.0.0.1:9/:',
      '0.2 curl: (7) Failed to connect: Connection refused',
      '------',
      'ERROR: failed to solve: process "/bin/sh -c curl http://127.0.0.1:9/" did not complete successfully: exit code: 7',
      '',
    ].join('\n');
    expect(finalError(out)).toBe(
      'ERROR: failed to solve: process "/bin/sh -c curl http://127.0.0.1:9/" did not complete successfully: exit code: 7',
    );
    expect(isTransientRegistryError(finalError(out))).toBe(false);
  });

  it('falls back to the last line', () => {
    expect(finalError('something\nwent wrong\n\n')).toBe('went wrong');
    expect(finalError('')).toBe('');
  });
});

describe('isBuildxMissing', () => {
  it("recognises old and new docker CLIs' answers", () => {
    expect(isBuildxMissing("docker: 'buildx' is not a docker command.\nSee 'docker --help'")).toBe(true);
    expect(isBuildxMissing("docker: unknown command: docker buildx\n\nRun 'docker --help'")).toBe(true);
    expect(isBuildxMissing('ERROR: failed to solve')).toBe(false);
  });
});
