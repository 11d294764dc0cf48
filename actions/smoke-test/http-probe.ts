// One HTTP(S) request as a smoke test sends it: node:http/https directly (not fetch), so the
// trusted CAs, certificate verification, redirects, the timeout of the whole attempt and the
// latency are ours to control. Each attempt opens a fresh connection (no keep-alive pool): a
// smoke test should see what a new client sees — DNS, TCP and TLS included.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { formatDuration } from '../../lib/duration.js';

export interface TlsSettings {
  /** CA certificates (PEM) trusted on top of Node's bundled root CAs. */
  extraCa: string[];
  /** Do not verify the server certificate at all. */
  insecure: boolean;
}

export interface ProbeRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
  followRedirects: boolean;
  maxRedirects: number;
  /** For the whole attempt: connect, TLS, redirects and the body. */
  timeoutMs: number;
  tls: TlsSettings;
  /** Bytes of (decoded) body kept for assertions; the rest is not read. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Ends the attempt at once (the gate has failed on another check). */
  signal?: AbortSignal;
}

export interface ProbeResponse {
  status: number;
  contentType: string | undefined;
  body: string;
  bodyTruncated: boolean;
  /** From sending the request to the end of the last response's body, redirects included. */
  latencyMs: number;
  /** Each URL a redirect led to, in order. */
  redirects: string[];
}

/** The request got no HTTP response to assert on: refused, reset, timed out, TLS, DNS, redirects. */
export class ProbeError extends Error {
  override readonly name: string = 'ProbeError';
  constructor(
    message: string,
    readonly code: string,
    readonly latencyMs: number,
  ) {
    super(message);
  }
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const SENSITIVE_ON_OTHER_ORIGIN = ['authorization', 'proxy-authorization', 'cookie'];

export async function probe(req: ProbeRequest): Promise<ProbeResponse> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const deadline = started + req.timeoutMs;
  let url = new URL(req.url);
  let method = req.method;
  let body = req.body;
  let headers = { ...req.headers };
  const redirects: string[] = [];
  for (;;) {
    const res = await send(url, method, headers, body, req, deadline - performance.now(), elapsed);
    const location = res.location;
    if (!req.followRedirects || !isRedirect(res.status) || location === undefined) {
      return {
        status: res.status,
        contentType: res.contentType,
        body: res.body,
        bodyTruncated: res.bodyTruncated,
        latencyMs: elapsed(),
        redirects,
      };
    }
    if (redirects.length >= req.maxRedirects) {
      throw new ProbeError(
        `more than ${req.maxRedirects} redirects (the last one to ${redirects.at(-1)})`,
        'TOO_MANY_REDIRECTS',
        elapsed(),
      );
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new ProbeError(`redirect ${res.status} to an invalid Location`, 'BAD_REDIRECT', elapsed());
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new ProbeError(`redirect ${res.status} to a ${next.protocol} URL`, 'BAD_REDIRECT', elapsed());
    }
    // As browsers and curl do: 303 (and 301/302 after a POST) continue with a GET without body.
    if (
      res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST'
    ) {
      method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length']);
    }
    // Credentials never follow a redirect to another origin (curl without --location-trusted).
    if (next.origin !== url.origin) headers = withoutHeaders(headers, SENSITIVE_ON_OTHER_ORIGIN);
    url = next;
    redirects.push(displayUrl(url));
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

/** A URL as it may be shown: without user:password. */
export function displayUrl(url: URL | string): string {
  const u = new URL(String(url));
  u.username = '';
  u.password = '';
  return u.toString();
}

interface RawResponse {
  status: number;
  location: string | undefined;
  contentType: string | undefined;
  body: string;
  bodyTruncated: boolean;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  opts: ProbeRequest,
  timeoutMs: number,
  elapsed: () => number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const maxBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const outgoing: Record<string, string> = { ...headers };
    if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));
    const options: https.RequestOptions = {
      method,
      headers: outgoing,
      agent: false,
      ...(url.protocol === 'https:'
        ? { rejectUnauthorized: !opts.tls.insecure, secureContext: secureContext(opts.tls.extraCa) }
        : {}),
    };
    let settled = false;
    let stream: Readable | undefined;
    const onAbort = (): void => fail(new ProbeError('stopped', 'ABORTED', elapsed()));
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      stream?.destroy();
      reject(toProbeError(error, elapsed()));
    };
    const timer = setTimeout(
      () =>
        fail(
          new ProbeError(
            `no complete response within ${formatDuration(opts.timeoutMs)}`,
            'TIMEOUT',
            elapsed(),
          ),
        ),
      Math.max(0, timeoutMs),
    );
    const request = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
      const status = res.statusCode ?? 0;
      stream = decoded(res);
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (truncated) {
          request.destroy();
          stream?.destroy();
        }
        resolve({
          status,
          location: res.headers.location,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'),
          bodyTruncated: truncated,
        });
      };
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > maxBytes) finish(true);
      });
      stream.on('end', () => finish(false));
      stream.on('error', fail);
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete)
          fail(new ProbeError('the connection closed mid-response', 'ECONNRESET', elapsed()));
      });
    });
    request.on('error', fail);
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(body);
  });
}

const contexts = new Map<string, tls.SecureContext | undefined>();

/** Node's roots plus the extra CAs, built once per set of CAs rather than once per request. */
function secureContext(extraCa: readonly string[]): tls.SecureContext | undefined {
  const key = extraCa.join('\n');
  if (!contexts.has(key)) {
    contexts.set(
      key,
      extraCa.length ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] }) : undefined,
    );
  }
  return contexts.get(key);
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

/** Certificate chain errors: trusting the right CA ('ca-cert') is the fix. */
const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** A readable, stable description of a network error (Node's AggregateError has no message). */
export function toProbeError(error: unknown, latencyMs: number): ProbeError {
  if (error instanceof ProbeError) return error;
  const e = error as (Error & { code?: string; errors?: unknown[] }) | undefined;
  const code = typeof e?.code === 'string' ? e.code : 'ERROR';
  let message = e instanceof Error ? e.message : String(error);
  if (!message && Array.isArray(e?.errors)) {
    message = e.errors.map((x) => (x instanceof Error ? x.message : String(x))).join('; ');
  }
  if (code === 'ECONNREFUSED') message = `connection refused (${message})`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `host not found in DNS (${message})`;
  else if (code === 'ECONNRESET') message = `connection reset (${message})`;
  else if (UNTRUSTED_CODES.has(code)) {
    // Node 24 adds "; if the root CA is installed locally, try running Node.js with --use-system-ca":
    // a workflow cannot pass flags to an action's node, so the fix we name is the one that applies.
    message = message.replace(/;\s*if the root CA is installed locally.*$/s, '');
    message = `TLS: ${message} (${code}) — give the CA that signed the server certificate in 'ca-cert'`;
  } else if (/^(ERR_TLS_|ERR_SSL_|CERT_)/.test(code)) message = `TLS: ${message} (${code})`;
  return new ProbeError(message || code, code, latencyMs);
}
