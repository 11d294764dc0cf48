// Real HTTP(S) servers for tests, on 127.0.0.1 ephemeral ports, with scripted behaviours per path:
// healthy after a while, flapping, slow, wrong body, redirects, hanging up. Every request is
// recorded (method, path, headers, body) so tests assert on what the server really received.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** 1 for the first request to this path, 2 for the second … */
  n: number;
  /** ms since this path's first request. */
  sinceFirstMs: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the connection without an answer. */
  hangUp?: boolean;
}

export type Behaviour = (req: SeenRequest) => Reply;

export interface TestServer {
  origin: string;
  port: number;
  url(path: string): string;
  requests: SeenRequest[];
  /** Requests received on a path. */
  hits(path: string): SeenRequest[];
  /** The most requests the server was answering at one time. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** PEM key and certificate: serve HTTPS. */
  tls?: { key: string; cert: string };
}

/** Starts a server; `routes` maps a path (no query) to its behaviour; other paths answer 404. */
export async function startServer(
  routes: Record<string, Behaviour>,
  opts: ServerOptions = {},
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const firstSeen = new Map<string, number>();
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const handler: http.RequestListener = (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] as string;
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      if (!firstSeen.has(path)) firstSeen.set(path, Date.now());
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        n,
        sinceFirstMs: Date.now() - (firstSeen.get(path) as number),
      };
      requests.push(seen);
      const behaviour = routes[path];
      const reply: Reply = behaviour ? behaviour(seen) : { status: 404, body: 'no such route' };
      const send = (): void => {
        if (reply.hangUp) {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// --- behaviours -------------------------------------------------------------------------------

export const reply =
  (r: Reply): Behaviour =>
  () =>
    r;

export const ok = (body = 'ok'): Behaviour => reply({ status: 200, body });

export const json = (value: unknown, status = 200): Behaviour =>
  reply({ status, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

/** 503 "starting" until `ms` after the path's first request, then `healthy`. */
export const healthyAfter =
  (ms: number, healthy: Reply = { status: 200, body: 'ok' }): Behaviour =>
  (req) =>
    req.sinceFirstMs >= ms ? healthy : { status: 503, body: 'starting' };

/** The n-th request gets `replies[n - 1]`; after the list, the last one again. */
export const sequence =
  (...replies: Reply[]): Behaviour =>
  (req) =>
    replies[Math.min(req.n, replies.length) - 1] ?? {};

/** Odd requests get `a`, even ones `b`, forever: a service that flaps. */
export const alternating =
  (a: Reply, b: Reply): Behaviour =>
  (req) =>
    req.n % 2 === 1 ? a : b;

export const slow = (delayMs: number, body = 'ok'): Behaviour => reply({ status: 200, body, delayMs });

export const redirect = (location: string, status = 302): Behaviour =>
  reply({ status, headers: { location }, body: `see ${location}` });

/** Answers with the request it received: method, headers, body. */
export const echo: Behaviour = (req) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ method: req.method, headers: req.headers, body: req.body }),
});

// --- refused connections and TLS fixtures -----------------------------------------------------

/** A 127.0.0.1 port that refuses connections: bound to learn a free port, then closed. */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TlsFixture {
  dir: string;
  /** The test CA that signed the server certificate. */
  caPem: string;
  /** A second CA that signed nothing here: trusting it must not make the server trusted. */
  otherCaPem: string;
  /** For 127.0.0.1 and localhost. */
  serverKey: string;
  serverCert: string;
}

/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl in a temp dir. */
export function makeTlsFixture(): TlsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'ops-smoke-tls-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const ca of ['ca', 'other-ca']) {
    openssl(
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=ops-actions ${ca} (test)`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  }
  openssl('req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caPem: read('ca.pem'),
    otherCaPem: read('other-ca.pem'),
    serverKey: read('server.key'),
    serverCert: read('server.pem'),
  };
}
