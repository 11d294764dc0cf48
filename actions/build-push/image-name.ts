/** An image repository name as the user wrote it (`ghcr.io/acme/shop-api`), split into its parts. */
export interface ImageName {
  /** As given, e.g. `ghcr.io/acme/shop-api` or `acme/shop-api`. */
  name: string;
  /** `ghcr.io`, `127.0.0.1:5000`; `docker.io` when the name has no registry part. */
  registry: string;
  /** The path inside the registry: `acme/shop-api` (`library/nginx` for a bare Docker Hub name). */
  path: string;
}

export const DOCKER_HUB = 'docker.io';

const DOMAIN =
  /^(?:localhost|\[[0-9a-fA-F:]+\]|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d{1,5})?$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses an image name without tag or digest. Returns a problem description instead of the
 * name when it is not valid, so the caller can name the input it came from.
 */
export function parseImageName(text: string): ImageName | { problem: string } {
  const name = text.trim();
  if (name === '') return { problem: 'is empty' };
  if (name.includes('@')) {
    return { problem: `'${name}' has a digest; give the repository name only (tags come from 'tags')` };
  }
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasDomain ? first : DOCKER_HUB;
  const pathParts = hasDomain ? parts.slice(1) : parts;
  const last = pathParts[pathParts.length - 1] ?? '';
  if (last.includes(':')) {
    return {
      problem: `'${name}' has a tag; give the repository name only and put tags in the 'tags' input`,
    };
  }
  if (hasDomain && !DOMAIN.test(registry)) return { problem: `'${registry}' is not a valid registry host` };
  for (const c of pathParts) {
    if (!COMPONENT.test(c)) {
      const hint = c !== c.toLowerCase() ? ' (repository names must be lowercase)' : '';
      return { problem: `'${name}' is not a valid image name: bad part '${c}'${hint}` };
    }
  }
  const path = !hasDomain && pathParts.length === 1 ? `library/${pathParts[0]}` : pathParts.join('/');
  if (name.length > 255) return { problem: `'${name}' is longer than 255 characters` };
  return { name, registry, path };
}

/** The registry name `docker login` expects: Docker Hub's is left to docker's default. */
export function loginServer(registry: string): string {
  return registry === DOCKER_HUB || registry === 'index.docker.io' || registry === 'registry-1.docker.io'
    ? DOCKER_HUB
    : registry;
}

/**
 * The keys a docker config file may use for a registry's credentials. Docker Hub's credentials
 * live under its historical index URL.
 */
export function credentialKeys(registry: string): string[] {
  return loginServer(registry) === DOCKER_HUB
    ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io']
    : [registry];
}

/** `name:tag`. */
export function taggedRef(name: string, tag: string): string {
  return `${name}:${tag}`;
}
