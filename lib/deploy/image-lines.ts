// Several images in one deploy: the `images` input of deploy-ssh, `NAME=ref` lines. strategy stack
// names a service on each line (`web=ghcr.io/acme/web:1.4.2`), strategy compose a variable of the
// env file (`BACKEND_IMAGE=ghcr.io/acme/api@sha256:…`). One parser for both, and the image set of a
// compose release as the history records it (several images, or the one `image` of older entries).
import { ConfigurationError } from '../errors.js';
import { parseImageReference } from './compose.js';
import type { HistoryEntry } from './history.js';

/** NAME → image reference, in the order given. */
export type ImageSet = Record<string, string>;

export type ImageLineKey = 'service' | 'variable';

const KEY: Record<ImageLineKey, { re: RegExp; what: string; example: string }> = {
  service: {
    re: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    what: 'SERVICE=image',
    example: 'images: |\n  web=ghcr.io/acme/shop-web:1.4.2\n  worker=ghcr.io/acme/shop-worker:1.4.2',
  },
  variable: {
    re: /^[A-Za-z_][A-Za-z0-9_]*$/,
    what: 'VARIABLE=image (a variable of the env file the compose file reads)',
    example:
      'images: |\n  BACKEND_IMAGE=ghcr.io/acme/shop-api@sha256:…\n  FRONTEND_IMAGE=ghcr.io/acme/shop-web@sha256:…',
  },
};

/** The example line the messages show for `images`. */
export function imageLinesExample(key: ImageLineKey): string {
  return KEY[key].example;
}

/**
 * Parses `NAME=ref` lines (from `inputs.list`, so already trimmed, without comments). Throws a
 * ConfigurationError naming `input` and the line: no `=`, a bad name, not an image reference, or
 * the same name twice. Pure.
 */
export function parseImageLines(lines: readonly string[], key: ImageLineKey, input = 'images'): ImageSet {
  const k = KEY[key];
  const images: ImageSet = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    const ref = eq < 0 ? '' : line.slice(eq + 1).trim();
    if (eq < 0 || ref === '') {
      throw new ConfigurationError(input, `line '${line}' is not ${k.what}.`, k.example);
    }
    if (!k.re.test(name)) {
      throw new ConfigurationError(
        input,
        `line '${line}': '${name}' is not a ${key} name${key === 'variable' ? ' (letters, digits and _, not starting with a digit)' : ''}.`,
        k.example,
      );
    }
    if (images[name] !== undefined) {
      throw new ConfigurationError(
        input,
        `line '${line}': ${key} '${name}' is given twice (also '${name}=${images[name]}'); give each ${key} once.`,
        k.example,
      );
    }
    try {
      images[name] = parseImageReference(ref, input);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      throw new ConfigurationError(
        input,
        `line '${line}': '${ref}' is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`,
        k.example,
      );
    }
  }
  return images;
}

/** `NAME=ref` lines, one per image: the `previous-images` output and the messages. Pure. */
export function formatImageLines(images: ImageSet | undefined): string {
  return Object.entries(images ?? {})
    .map(([name, ref]) => `${name}=${ref}`)
    .join('\n');
}

/**
 * The images a compose release set: `images` (a deploy of several) or `image` under
 * `imageVariable` (a deploy of one, and every entry written before `images` existed). Pure.
 */
export function composeImagesOf(
  record: Pick<HistoryEntry, 'image' | 'images'>,
  imageVariable: string,
): ImageSet | undefined {
  if (record.images && Object.keys(record.images).length > 0) return record.images;
  return record.image === undefined ? undefined : { [imageVariable]: record.image };
}

/** Whether the env file (its values by variable) holds every image of `images`. Pure. */
export function envHoldsImages(env: Readonly<Record<string, string>>, images: ImageSet): boolean {
  const names = Object.keys(images);
  return names.length > 0 && names.every((n) => env[n] === images[n]);
}
