import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseRegistry, parseInputs } from '../../../actions/build-push/inputs.js';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const ws = mkdtempSync(join(tmpdir(), 'bp-inputs-'));
for (const d of ['backend', 'frontend']) {
  mkdirSync(join(ws, d));
  writeFileSync(join(ws, d, 'Dockerfile'), 'FROM scratch\n');
}
writeFileSync(join(ws, 'frontend', 'Dockerfile.prod'), 'FROM scratch\n');
writeFileSync(join(ws, 'gcp.json'), '{}');

function parse(record: Record<string, string>) {
  return parseInputs(new Inputs(recordInputs(record)), ws);
}

async function problem(record: Record<string, string>): Promise<ConfigurationError> {
  try {
    await parse(record);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseInputs', () => {
  it('one image with defaults', async () => {
    const i = await parse({ image: 'ghcr.io/acme/api', context: 'backend' });
    expect(i).toMatchObject({
      push: true,
      load: false,
      cache: 'none',
      retries: 3,
      dryRun: false,
      network: undefined,
      registry: undefined,
      username: undefined,
      platforms: [],
    });
    expect(i.images).toHaveLength(1);
    expect(i.images[0]).toMatchObject({
      image: { name: 'ghcr.io/acme/api', registry: 'ghcr.io' },
      context: join(ws, 'backend'),
      file: join(ws, 'backend', 'Dockerfile'),
    });
    expect(i.images[0]?.tagRules.map((r) => r.kind)).toEqual(['sha', 'branch', 'semver', 'pr', 'latest']);
  });

  it('login: the registry comes from the image name unless given', async () => {
    expect(
      (await parse({ image: 'ghcr.io/acme/api', context: 'backend', username: 'u', password: 'p' })).registry,
    ).toBe('ghcr.io');
    expect(
      (await parse({ image: 'acme/api', context: 'backend', username: 'u', password: 'p' })).registry,
    ).toBe('docker.io');
    const given = await parse({
      image: 'acme/api',
      context: 'backend',
      username: 'u',
      password: 'p',
      registry: 'https://registry.example.com/',
    });
    expect(given.registry).toBe('registry.example.com');
  });

  it('no password on a build that does not push (a fork pull request): no login, a notice', async () => {
    const i = await parse({
      image: 'ghcr.io/acme/api',
      context: 'backend',
      username: 'u',
      push: 'false',
      registry: 'ghcr.io',
    });
    expect(i.username).toBeUndefined();
    expect(i.registry).toBeUndefined();
    expect(i.notices.join()).toMatch(/without logging in/);
  });

  it('several images: per-image settings, shared tags and build-args', async () => {
    const i = await parse({
      images: `
- name: ghcr.io/acme/api
  context: backend
  build-args: { PORT: 8000 }
- name: ghcr.io/acme/web
  context: frontend
  file: frontend/Dockerfile.prod
  target: runtime
  tags: [sha, raw=web-stable]
  build-args: ["API_URL=http://api:8000"]
`,
      tags: 'sha\nbranch',
      'build-args': 'COMMON=1\nPORT=1',
    });
    expect(i.images.map((x) => x.image.name)).toEqual(['ghcr.io/acme/api', 'ghcr.io/acme/web']);
    expect(i.images[0]?.buildArgs).toEqual({ COMMON: '1', PORT: '8000' });
    expect(i.images[0]?.tagRules.map((r) => r.kind)).toEqual(['sha', 'branch']);
    expect(i.images[1]).toMatchObject({
      file: join(ws, 'frontend', 'Dockerfile.prod'),
      target: 'runtime',
      buildArgs: { COMMON: '1', PORT: '1', API_URL: 'http://api:8000' },
      tagRules: [{ kind: 'sha' }, { kind: 'raw', value: 'web-stable' }],
    });
  });

  it('secrets: id=value lines, values kept whole; secret files resolved', async () => {
    const i = await parse({
      image: 'ghcr.io/acme/api',
      context: 'backend',
      secrets: 'npm-token=abc=def\ngithub_token=ghp_x',
      'secret-files': 'gcp=gcp.json',
    });
    expect(i.secrets).toEqual([
      { id: 'npm-token', value: 'abc=def' },
      { id: 'github_token', value: 'ghp_x' },
    ]);
    expect(i.secretFiles).toEqual([{ id: 'gcp', src: join(ws, 'gcp.json') }]);
  });

  it.each([
    [{}, 'image', /required/],
    [{ image: 'ghcr.io/acme/api:latest', context: 'backend' }, 'image', /has a tag/],
    [{ image: 'ghcr.io/Acme/api', context: 'backend' }, 'image', /lowercase/],
    [{ image: 'ghcr.io/acme/api', context: 'nope' }, 'context', /not a directory/],
    [{ image: 'ghcr.io/acme/api', context: 'backend', file: 'backend/Nope' }, 'file', /does not exist/],
    [
      { image: 'ghcr.io/acme/api', context: 'backend', tags: 'sha\nnightly' },
      'tags',
      /unknown tag rule 'nightly'/,
    ],
    [
      { image: 'ghcr.io/acme/api', context: 'backend', cache: 's3' },
      'cache',
      /one of none, gha, registry, local/,
    ],
    [{ image: 'ghcr.io/acme/api', context: 'backend', push: 'yes' }, 'push', /'true' or 'false'/],
    [{ image: 'ghcr.io/acme/api', context: 'backend', username: 'u' }, 'password', /go together/],
    [{ image: 'ghcr.io/acme/api', context: 'backend', platforms: 'amd64' }, 'platforms', /linux\/amd64/],
    [{ image: 'ghcr.io/acme/api', context: 'backend', retries: '50' }, 'retries', /between/],
    [{ image: 'ghcr.io/acme/api', context: 'backend', network: 'bridge' }, 'network', /default, host, none/],
    [
      { image: 'ghcr.io/acme/api', context: 'backend', 'secret-files': 'k=missing.json' },
      'secret-files',
      /not a file/,
    ],
    [{ image: 'ghcr.io/acme/api', context: 'backend', secrets: 'a=1\nb=2\na=3' }, 'secrets', /twice/],
    [{ images: '- name: ghcr.io/acme/api\n  context: backend', image: 'x/y' }, 'image', /cannot be combined/],
    [{ images: '- name: ghcr.io/acme/api\n  contxt: backend' }, 'images', /contxt/],
    [{ images: '[]' }, 'images', /at least one/],
    [
      { images: '- name: a/b\n  context: backend\n- name: a/b\n  context: frontend' },
      'images',
      /listed twice/,
    ],
    [{ images: '- name: a/b\n  context: backend\n  tags: [sha, raw=-x]' }, 'images', /images\[0\]\.tags/],
  ] as [Record<string, string>, string, RegExp][])('%j → error naming %s', async (record, input, message) => {
    const e = await problem(record);
    expect(e.input).toBe(input);
    expect(e.message).toMatch(message);
  });

  it('a malformed secrets line is reported by its number, never echoed', async () => {
    const e = await problem({
      image: 'ghcr.io/acme/api',
      context: 'backend',
      secrets: 'ok=1\nghp_SECRETVALUE',
    });
    expect(e.message).toMatch(/line 2/);
    expect(e.message).not.toContain('ghp_SECRETVALUE');
  });
});

describe('normaliseRegistry', () => {
  it('strips scheme, trailing slash and /v2', async () => {
    expect(normaliseRegistry('https://ghcr.io/')).toBe('ghcr.io');
    expect(normaliseRegistry('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(normaliseRegistry('index.docker.io')).toBe('docker.io');
  });
});
