import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { maskSecret } from '../../lib/secrets.js';
import { CACHE_MODES, type CacheMode } from './cache.js';
import { type ImageName, loginServer, parseImageName } from './image-name.js';
import type { ImagesInput } from './images-schema.js';
import { DEFAULT_TAG_RULES, parseTagRules, type TagRule } from './tags.js';

/** One image to build, as the inputs describe it (tags are still rules, not names). */
export interface ImageInput {
  image: ImageName;
  /** Absolute path of the build context. */
  context: string;
  /** Absolute path of the Dockerfile. */
  file: string;
  target: string | undefined;
  buildArgs: Record<string, string>;
  tagRules: TagRule[];
}

export interface BuildPushInputs {
  /** Things the log should say about how the inputs were read. */
  notices: string[];
  images: ImageInput[];
  labels: Record<string, string>;
  platforms: string[];
  network: 'host' | 'none' | undefined;
  /** Build secrets by id; the values are masked as soon as they are read. */
  secrets: { id: string; value: string }[];
  secretFiles: { id: string; src: string }[];
  push: boolean;
  load: boolean;
  /** The registry to log in to (`docker login` server); undefined: no login. */
  registry: string | undefined;
  username: string | undefined;
  password: string | undefined;
  cache: CacheMode;
  builder: string | undefined;
  defaultBranch: string | undefined;
  retries: number;
  dryRun: boolean;
}

const IMAGES_EXAMPLE = `images: |
  - name: ghcr.io/acme/shop-api
    context: ./backend
  - name: ghcr.io/acme/shop-web
    context: ./frontend
    file: ./frontend/Dockerfile.prod
    target: runtime
    build-args:
      NODE_ENV: production`;

const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/** Reads and validates every input; throws a ConfigurationError before anything is touched. */
export async function parseInputs(
  inputs: Inputs = new Inputs(),
  workspace: string = process.cwd(),
): Promise<BuildPushInputs> {
  const password = inputs.secret('password');
  let username = inputs.optionalString('username');
  const dryRun = inputs.boolean('dry-run', false);
  const push = inputs.boolean('push', true);
  const load = inputs.boolean('load', false);
  const retries = inputs.integer('retries', 3, { min: 0, max: 10 });
  const cache = inputs.choice<CacheMode>('cache', CACHE_MODES, 'none');
  const networkChoice = inputs.choice('network', ['default', 'host', 'none'] as const, 'default');
  const builder = inputs.optionalString('builder');
  const defaultBranch = inputs.optionalString('default-branch');

  const tagsText = inputs.raw('tags') || DEFAULT_TAG_RULES;
  const commonRules = tagRules('tags', tagsText);
  const commonBuildArgs = inputs.keyValues('build-args');
  const labels = keyValueLines(
    inputs,
    'labels',
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'org.opencontainers.image.vendor=Acme',
  );

  const platforms = inputs.list('platforms');
  for (const p of platforms) {
    if (!PLATFORM.test(p)) {
      throw new ConfigurationError(
        'platforms',
        `'${p}' is not a platform such as linux/amd64.`,
        'platforms: linux/amd64,linux/arm64',
      );
    }
  }

  // the YAML parser and the schema (zod) are loaded only when `images` is used: one image is the common case
  const list = inputs.has('images')
    ? (await import('../../lib/yaml-input.js')).yamlInput(
        inputs,
        'images',
        (await import('./images-schema.js')).imagesSchema,
        IMAGES_EXAMPLE,
      )
    : undefined;
  const images = readImages(inputs, list, workspace, commonRules, commonBuildArgs);

  const secrets = keyValueLines(inputs, 'secrets', SECRET_ID, `npm_token=\${{ secrets.NPM_TOKEN }}`).map(
    ([id, value]) => {
      maskSecret(value);
      return { id, value };
    },
  );
  const secretFiles = keyValueLines(
    inputs,
    'secret-files',
    SECRET_ID,
    `gcp_key=\${{ runner.temp }}/gcp.json`,
  ).map(([id, path]) => {
    const src = resolve(workspace, path);
    if (!existsSync(src) || !statSync(src).isFile()) {
      throw new ConfigurationError('secret-files', `'${path}' (secret '${id}') is not a file.`);
    }
    return { id, src };
  });
  const ids = [...secrets.map((s) => s.id), ...secretFiles.map((s) => s.id)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new ConfigurationError('secrets', `secret id '${dup}' is given twice.`);

  const notices: string[] = [];
  if (username !== undefined && password === undefined && !push) {
    // a pull request from a fork gets no secrets: it can still build, it cannot push anyway
    notices.push(
      "'password' is empty (a pull request from a fork gets no secrets): building without logging in.",
    );
    username = undefined;
  }
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigurationError(
      username === undefined ? 'username' : 'password',
      "'username' and 'password' go together: give both to log in, or neither to use the runner's existing docker login.",
      `username: \${{ github.actor }}\npassword: \${{ secrets.GITHUB_TOKEN }}`,
    );
  }
  let registry: string | undefined;
  if (username !== undefined) {
    const given = inputs.optionalString('registry');
    registry = given ? normaliseRegistry(given) : loginServer(images[0]?.image.registry ?? 'docker.io');
  }

  return {
    notices,
    images,
    labels: Object.fromEntries(labels),
    platforms,
    network: networkChoice === 'default' ? undefined : networkChoice,
    secrets,
    secretFiles,
    push,
    load,
    registry,
    username,
    password,
    cache,
    builder,
    defaultBranch,
    retries,
    dryRun,
  };
}

function readImages(
  inputs: Inputs,
  list: ImagesInput | undefined,
  workspace: string,
  commonRules: TagRule[],
  commonBuildArgs: Record<string, string>,
): ImageInput[] {
  if (list === undefined) {
    const name = inputs.string('image', { example: 'ghcr.io/acme/shop-api' });
    return [
      imageInput('image', workspace, {
        name,
        context: inputs.optionalString('context'),
        file: inputs.optionalString('file'),
        target: inputs.optionalString('target'),
        buildArgs: commonBuildArgs,
        rules: commonRules,
      }),
    ];
  }
  for (const single of ['image', 'context', 'file', 'target']) {
    if (inputs.has(single)) {
      throw new ConfigurationError(
        single,
        `cannot be combined with 'images': put '${single === 'image' ? 'name' : single}' in each entry of 'images'.`,
        IMAGES_EXAMPLE,
      );
    }
  }
  const result = list.map((entry, i) => {
    const where = `images[${i}]`;
    let buildArgs = { ...commonBuildArgs };
    const own = entry['build-args'];
    if (Array.isArray(own)) {
      for (const line of own) {
        const eq = line.indexOf('=');
        if (eq <= 0)
          throw new ConfigurationError(
            'images',
            `${where}.build-args: '${line}' is not KEY=value.`,
            IMAGES_EXAMPLE,
          );
        buildArgs[line.slice(0, eq).trim()] = line.slice(eq + 1);
      }
    } else if (own) {
      buildArgs = { ...buildArgs, ...own };
    }
    const rules =
      entry.tags === undefined
        ? commonRules
        : tagRules(
            `images`,
            Array.isArray(entry.tags) ? entry.tags.join('\n') : entry.tags,
            `${where}.tags: `,
          );
    return imageInput('images', workspace, {
      name: entry.name,
      context: entry.context,
      file: entry.file,
      target: entry.target,
      buildArgs,
      rules,
      where: `${where}: `,
    });
  });
  const names = result.map((r) => r.image.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigurationError('images', `image '${dup}' is listed twice.`, IMAGES_EXAMPLE);
  return result;
}

function imageInput(
  input: string,
  workspace: string,
  e: {
    name: string;
    context: string | undefined;
    file: string | undefined;
    target: string | undefined;
    buildArgs: Record<string, string>;
    rules: TagRule[];
    where?: string;
  },
): ImageInput {
  const where = e.where ?? '';
  const example = input === 'images' ? IMAGES_EXAMPLE : `${input}: ghcr.io/acme/shop-api`;
  const parsed = parseImageName(e.name);
  if ('problem' in parsed) throw new ConfigurationError(input, `${where}${parsed.problem}.`, example);
  const contextGiven = e.context ?? '.';
  const context = resolve(workspace, contextGiven);
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new ConfigurationError(
      input === 'images' ? 'images' : 'context',
      `${where}build context '${contextGiven}' is not a directory (relative paths start at the workspace: ${workspace}).`,
      input === 'images' ? IMAGES_EXAMPLE : 'context: ./backend',
    );
  }
  const file = e.file ? resolve(workspace, e.file) : join(context, 'Dockerfile');
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ConfigurationError(
      input === 'images' ? 'images' : 'file',
      `${where}Dockerfile '${e.file ?? join(contextGiven, 'Dockerfile')}' does not exist.`,
      input === 'images' ? IMAGES_EXAMPLE : 'file: ./backend/Dockerfile',
    );
  }
  return { image: parsed, context, file, target: e.target, buildArgs: e.buildArgs, tagRules: e.rules };
}

function tagRules(input: string, text: string, where = ''): TagRule[] {
  const rules = parseTagRules(text);
  if ('problem' in rules) {
    throw new ConfigurationError(
      input,
      `${where}${rules.problem}. Rules: sha, branch, tag, semver, latest, pr, raw=<tag>.`,
      'tags: |\n  sha\n  branch\n  semver\n  latest\n  raw=stable',
    );
  }
  return rules;
}

/** `key=value` lines whose keys match `keyPattern` (which, unlike build-args, may hold dots or dashes). */
function keyValueLines(
  inputs: Inputs,
  name: string,
  keyPattern: RegExp,
  example: string,
): [string, string][] {
  const out: [string, string][] = [];
  const lines = inputs.raw(name).split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    const key = eq > 0 ? t.slice(0, eq).trim() : '';
    if (!keyPattern.test(key)) {
      // never echo a line back: it may be a secret's value
      throw new ConfigurationError(
        name,
        `line ${i + 1} is not key=value with a key of letters, digits, '.', '_' or '-'.`,
        `${name}: |\n  ${example}`,
      );
    }
    out.push([key, t.slice(eq + 1)]);
  }
  return out;
}

/** `https://ghcr.io/` → `ghcr.io`. */
export function normaliseRegistry(text: string): string {
  return loginServer(
    text
      .trim()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '')
      .replace(/\/v[12]$/, ''),
  );
}
