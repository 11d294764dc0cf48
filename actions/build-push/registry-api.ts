import { get as httpGetPlain } from 'node:http';
import { get as httpsGet } from 'node:https';
import { DOCKER_HUB, type ImageName } from './image-name.js';

/**
 * Just enough of the registry HTTP API (distribution spec) to read a pushed manifest in-process,
 * with the credentials the action logged in with — for the image size in the summary, without
 * starting another docker process. Basic auth and the bearer-token flow (Docker Hub, GHCR, …).
 */

export interface Credentials {
  username: string;
  password: string;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The API base URL: Docker Hub's API host; plain http for a loopback registry, as docker uses. */
export function registryBaseUrl(registry: string): string {
  if (registry === DOCKER_HUB) return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '');
  const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
  return `${loopback ? 'http' : 'https'}://${registry}`;
}

/** Parses a WWW-Authenticate challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export function parseChallenge(
  header: string | null,
): { scheme: string; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m?.[1]) return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] ?? '').matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
    if (p[1]) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  }
  return { scheme: m[1].toLowerCase(), params };
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One GET over node:http(s) on a connection of its own, closed afterwards. (Not fetch: loading
 * undici and its keep-alive pool costs a few hundred milliseconds of process lifetime.)
 */
function httpGet(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  const get = url.protocol === 'https:' ? httpsGet : httpGetPlain;
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 4_000_000) req.destroy(new Error('response too large'));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs}ms`)));
    req.on('error', reject);
  });
}

function header(a: HttpAnswer, name: string): string | undefined {
  const v = a.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** GETs a manifest (by digest or tag) as raw JSON text. Throws on any failure. */
export async function fetchManifest(
  image: ImageName,
  reference: string,
  creds: Credentials | undefined,
  timeoutMs = 10_000,
): Promise<string> {
  const url = new URL(`${registryBaseUrl(image.registry)}/v2/${image.path}/manifests/${reference}`);
  const get = (authorization?: string): Promise<HttpAnswer> =>
    httpGet(
      url,
      { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: authorization } : {}) },
      timeoutMs,
    );
  // Basic credentials up front: one request instead of two on registries that take them; a
  // token registry answers 401 with its challenge all the same.
  let r = await get(creds ? basic(creds) : undefined);
  if (r.status === 401) {
    const challenge = parseChallenge(header(r, 'www-authenticate') ?? null);
    if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
      const tokenUrl = new URL(challenge.params['realm']);
      // credentials only over TLS (or to this machine), as docker does
      const safe = tokenUrl.protocol === 'https:' || registryBaseUrl(tokenUrl.host).startsWith('http:');
      if (challenge.params['service']) tokenUrl.searchParams.set('service', challenge.params['service']);
      tokenUrl.searchParams.set('scope', challenge.params['scope'] ?? `repository:${image.path}:pull`);
      const t = await httpGet(tokenUrl, creds && safe ? { Authorization: basic(creds) } : {}, timeoutMs);
      if (t.status !== 200) throw new Error(`token request: HTTP ${t.status}`);
      const body = JSON.parse(t.body) as { token?: string; access_token?: string };
      const token = body.token ?? body.access_token;
      if (!token) throw new Error('token request: no token');
      r = await get(`Bearer ${token}`);
    }
  }
  if (r.status !== 200) throw new Error(`GET ${url.href}: HTTP ${r.status}`);
  return r.body;
}
