// A registry that is briefly unwell: an HTTP proxy on a free loopback port in front of the real
// registry that answers 503 to the first requests matching a rule, then forwards everything. Docker
// treats 127.0.0.0/8 registries as insecure, so the engine talks plain HTTP to it.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTestEnv } from '../harness/env.js';

export interface FlakyRegistry {
  /** `127.0.0.1:<port>`: use it in image references instead of the real registry's host. */
  host: string;
  /** Method and path of every request, and whether it was failed. */
  requests: { method: string; path: string; failed: boolean }[];
  close(): Promise<void>;
}

/** `fail(method, path)` says which requests may fail; the first `times` of them get 503. */
export async function startFlakyRegistry(opts: {
  fail: (method: string, path: string) => boolean;
  times: number;
}): Promise<FlakyRegistry> {
  const [targetHost, targetPort] = loadTestEnv().registry.host.split(':');
  let left = opts.times;
  const requests: FlakyRegistry['requests'] = [];
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const failed = left > 0 && opts.fail(method, path);
    requests.push({ method, path, failed });
    if (failed) {
      left--;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}');
      return;
    }
    const upstream = request(
      { host: targetHost, port: Number(targetPort), method, path, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
