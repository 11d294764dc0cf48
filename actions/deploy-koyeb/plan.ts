// The deploy plan, as data: which image, which environment changes, and the definition that
// results from applying them to the service's current definition. Pure functions only.
import { ConfigurationError } from '../../lib/errors.js';
import type { DeploymentDefinition, DeploymentEnv } from '../../lib/koyeb/types.js';

/** The `image` input: a full image reference, or a bare digest for the service's current repository. */
export type ImageInput = { kind: 'reference'; image: string } | { kind: 'digest'; digest: string };

const DIGEST = /^sha256:[a-f0-9]{64}$/;
// [registry[:port]/]path[:tag][@sha256:digest] — lower-case path components as Docker requires.
const REFERENCE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const IMAGE_EXAMPLE = 'ghcr.io/acme/shop@sha256:… (or ghcr.io/acme/shop:1.4.2)';

export function parseImageInput(text: string): ImageInput {
  const t = text.trim();
  if (DIGEST.test(t)) return { kind: 'digest', digest: t };
  // `sha256:xyz` would parse as image `sha256` tag `xyz`: surely a mistyped digest
  if (t.startsWith('sha256:') || !REFERENCE.test(t)) {
    throw new ConfigurationError(
      'image',
      `'${t}' is not an image reference: expected [registry/]name[:tag][@sha256:digest] (lower-case name), or a bare sha256:… digest to deploy to the service's current image repository.`,
      `image: ${IMAGE_EXAMPLE}`,
    );
  }
  return { kind: 'reference', image: t };
}

/** `ghcr.io/acme/shop:1.2@sha256:…` → `ghcr.io/acme/shop`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The image to deploy: the reference as given, or the digest on the current image's repository. */
export function targetImage(input: ImageInput, currentImage: string | undefined): string {
  if (input.kind === 'reference') return input.image;
  if (!currentImage) {
    throw new ConfigurationError(
      'image',
      `is a bare digest (${input.digest}) but the service has no current image to take the repository from; give the full reference.`,
      `image: ${IMAGE_EXAMPLE}`,
    );
  }
  return `${imageRepository(currentImage)}@${input.digest}`;
}

/** One line of the `env` input. */
export type EnvChange =
  | { kind: 'set'; key: string; value: string }
  | { kind: 'secret'; key: string; secret: string }
  | { kind: 'remove'; key: string };

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENV_EXAMPLE = 'env: |\n  LOG_LEVEL=info\n  DATABASE_URL=@shop-database-url\n  !OLD_FLAG';

/**
 * Parses the `env` input, one change per line (blank lines and `#` comments ignored):
 * `KEY=value` sets a plain value, `KEY=@name` makes KEY read the Koyeb secret `name`, `!KEY`
 * removes KEY — the notation of the Koyeb CLI's `--env`.
 */
export function parseEnvChanges(text: string, input = 'env'): EnvChange[] {
  const changes: EnvChange[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let change: EnvChange | undefined;
    if (line.startsWith('!')) {
      const key = line.slice(1).trim();
      if (ENV_KEY.test(key)) change = { kind: 'remove', key };
    } else {
      const eq = line.indexOf('=');
      const key = eq > 0 ? line.slice(0, eq).trim() : '';
      const value = line.slice(eq + 1);
      if (ENV_KEY.test(key)) {
        if (value.startsWith('@')) {
          const secret = value.slice(1).trim();
          if (secret !== '') change = { kind: 'secret', key, secret };
        } else {
          change = { kind: 'set', key, value };
        }
      }
    }
    if (!change) {
      // never echo the line: its value may be a secret
      const shown = line.startsWith('!') ? line.slice(0, 40) : `${line.split('=')[0]?.slice(0, 40) ?? ''}=…`;
      throw new ConfigurationError(
        input,
        `each line must be KEY=value, KEY=@koyeb-secret-name or !KEY (to remove it), with KEY a variable name; got '${shown}'.`,
        ENV_EXAMPLE,
      );
    }
    if (seen.has(change.key)) {
      throw new ConfigurationError(input, `sets ${change.key} more than once.`, ENV_EXAMPLE);
    }
    seen.add(change.key);
    changes.push(change);
  }
  return changes;
}

/**
 * Applies env changes to a definition's `env`: a changed key keeps its place and its `scopes`
 * (every entry of that key is changed); a new key is added unscoped at the end; a removed key
 * disappears. Other entries are untouched.
 */
export function applyEnvChanges(
  env: readonly DeploymentEnv[],
  changes: readonly EnvChange[],
): DeploymentEnv[] {
  let out = env.map((e) => ({ ...e }));
  for (const change of changes) {
    if (change.kind === 'remove') {
      out = out.filter((e) => e.key !== change.key);
      continue;
    }
    const apply = (e: DeploymentEnv): DeploymentEnv => {
      const { value: _value, secret: _secret, ...rest } = e;
      return change.kind === 'set'
        ? { ...rest, key: change.key, value: change.value }
        : { ...rest, key: change.key, secret: change.secret };
    };
    if (out.some((e) => e.key === change.key)) out = out.map((e) => (e.key === change.key ? apply(e) : e));
    else out.push(apply({ key: change.key }));
  }
  return out;
}

/** One line of "what this deploy changes", for the log and the summary (never a value). */
export function describeEnvChange(change: EnvChange, before: readonly DeploymentEnv[]): string {
  const existed = before.some((e) => e.key === change.key);
  if (change.kind === 'remove') return existed ? `remove ${change.key}` : `remove ${change.key} (not set)`;
  const verb = existed ? 'change' : 'add';
  return change.kind === 'secret'
    ? `${verb} ${change.key} (from Koyeb secret '${change.secret}')`
    : `${verb} ${change.key}`;
}

export interface DefinitionPlan {
  /** The definition to PUT: the current one with only the image and env changed. */
  definition: DeploymentDefinition;
  image: string;
  previousImage: string | undefined;
  /** Human-readable changes, values left out. */
  changes: string[];
}

/** The new definition: a deep copy of `current` with `docker.image` (and `env` if asked) replaced. */
export function planDefinition(
  current: DeploymentDefinition,
  image: ImageInput,
  envChanges: readonly EnvChange[],
): DefinitionPlan {
  if (!current.docker) {
    const source = current.git ? 'a git repository' : current['archive'] ? 'an archive' : 'no Docker image';
    throw new ConfigurationError(
      undefined,
      `The service is deployed from ${source}; deploy-koyeb deploys Docker images (definition.docker). Point 'service-id' (or 'app' + 'service') at a service created from a Docker image.`,
    );
  }
  const definition = structuredClone(current);
  const previousImage = current.docker.image || undefined;
  const next = targetImage(image, previousImage);
  definition.docker = { ...definition.docker, image: next };
  const changes: string[] = [];
  changes.push(
    previousImage === next
      ? `image ${next} (unchanged: redeploy)`
      : `image ${previousImage ?? '(none)'} → ${next}`,
  );
  if (envChanges.length > 0) {
    const before = current.env ?? [];
    definition.env = applyEnvChanges(before, envChanges);
    for (const c of envChanges) changes.push(`env: ${describeEnvChange(c, before)}`);
  }
  return { definition, image: next, previousImage, changes };
}
