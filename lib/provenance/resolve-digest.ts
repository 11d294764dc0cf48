// An image given by tag is resolved to its digest before it is verified — and that digest is what
// gets deployed, so the tag cannot move between the check and the pull. One HEAD of the manifest
// (distribution spec: the `Docker-Content-Digest` header), with basic credentials or the
// bearer-token challenge flow (Docker Hub, GHCR, …).
import { OperationError } from '../errors.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface ImageParts {
  registry: string;
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** `registry/path` as the user wrote it (no tag, no digest). */
  repository: string;
}

/** Splits `[registry/]path[:tag][@sha256:…]`; Docker Hub names get `docker.io` and `library/`. */
export function imageParts(image: string): ImageParts {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : undefined;
  const repository = colon > slash ? rest.slice(0, colon) : rest;
  const first = repository.split('/')[0] ?? '';
  const hasRegistry =
    repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? repository.slice(first.length + 1) : repository;
  if (!hasRegistry && !path.includes('/')) path = `library/${path}`;
  return { registry, path, tag, digest, repository };
}

/** The digest `image` names: its own `@sha256:…`, or what its tag points at now. */
export async function resolveDigest(
  image: string,
  creds: RegistryCredentials | undefined,
  timeoutMs = 15_000,
): Promise<string> {
  const parts = imageParts(image);
  if (parts.digest !== undefined) {
    if (!DIGEST.test(parts.digest))
      throw new OperationError(`'${image}' has a digest that is not sha256:<64 hex>.`);
    return parts.digest;
  }
  const host = parts.registry === 'docker.io' ? 'registry-1.docker.io' : parts.registry;
  const bare = host.replace(/:\d+$/, '');
  const loopback = bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare);
  const url = `${loopback ? 'http' : 'https'}://${host}/v2/${parts.path}/manifests/${parts.tag ?? 'latest'}`;
  const basic = creds
    ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
    : undefined;
  const head = (authorization: string | undefined): Promise<Response> =>
    fetch(url, {
      method: 'HEAD',
      headers: { Accept: ACCEPT, ...(authorization ? { Authorization: authorization } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  const fail = (why: string): OperationError =>
    new OperationError(
      `Could not resolve ${image} to a digest (${why}): provenance is verified for a digest. ` +
        "Deploy by digest (build-push's `digest` output, e.g. ghcr.io/acme/shop@sha256:…), or give registry credentials.",
    );
  try {
    let res = await head(basic);
    if (res.status === 401) {
      const challenge = /^Bearer\s+(.*)$/i.exec(res.headers.get('www-authenticate') ?? '');
      const params = Object.fromEntries(
        [...(challenge?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]?.toLowerCase(), m[2]]),
      );
      if (params['realm']) {
        const tokenUrl = new URL(params['realm']);
        if (params['service']) tokenUrl.searchParams.set('service', params['service']);
        tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${parts.path}:pull`);
        const t = await fetch(tokenUrl, {
          headers: basic && tokenUrl.protocol === 'https:' ? { Authorization: basic } : {},
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!t.ok) throw fail(`token request: HTTP ${t.status}`);
        const body = (await t.json()) as { token?: string; access_token?: string };
        res = await head(`Bearer ${body.token ?? body.access_token ?? ''}`);
      }
    }
    if (!res.ok) throw fail(`HEAD ${url}: HTTP ${res.status}`);
    const digest = res.headers.get('docker-content-digest') ?? '';
    if (!DIGEST.test(digest)) throw fail('the registry sent no Docker-Content-Digest');
    return digest;
  } catch (error) {
    if (error instanceof OperationError) throw error;
    throw fail(error instanceof Error ? error.message : String(error));
  }
}
