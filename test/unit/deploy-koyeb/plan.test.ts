import { describe, expect, it } from 'vitest';
import {
  applyEnvChanges,
  imageRepository,
  parseEnvChanges,
  parseImageInput,
  planDefinition,
} from '../../../actions/deploy-koyeb/plan.js';
import { ConfigurationError } from '../../../lib/errors.js';
import type { DeploymentDefinition } from '../../../lib/koyeb/types.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageInput', () => {
  it.each([
    'nginx',
    'koyeb/demo',
    'docker.io/koyeb/demo:latest',
    'ghcr.io/acme/shop:1.4.2',
    `ghcr.io/acme/shop@${DIGEST}`,
    `registry.example.com:5000/team/shop_api:v2@${DIGEST}`,
  ])('accepts the reference %s', (image) => {
    expect(parseImageInput(image)).toEqual({ kind: 'reference', image });
  });

  it('accepts a bare digest', () => {
    expect(parseImageInput(DIGEST)).toEqual({ kind: 'digest', digest: DIGEST });
  });

  it.each([
    '',
    'Ghcr.io/Acme/Shop',
    'https://ghcr.io/acme/shop',
    'shop:1 2',
    'shop@sha256:abc',
    'sha256:xyz',
  ])('rejects %j naming the input', (image) => {
    expect(() => parseImageInput(image)).toThrow(ConfigurationError);
    expect(() => parseImageInput(image)).toThrow(/Input 'image'/);
  });
});

describe('imageRepository', () => {
  it('drops the tag and digest, keeps a registry port', () => {
    expect(imageRepository('ghcr.io/acme/shop:1.2')).toBe('ghcr.io/acme/shop');
    expect(imageRepository(`ghcr.io/acme/shop:1.2@${DIGEST}`)).toBe('ghcr.io/acme/shop');
    expect(imageRepository('localhost:5000/shop')).toBe('localhost:5000/shop');
    expect(imageRepository('localhost:5000/shop:3')).toBe('localhost:5000/shop');
  });
});

describe('parseEnvChanges', () => {
  it('reads set, secret and remove lines, skipping blanks and comments', () => {
    expect(
      parseEnvChanges('LOG_LEVEL=debug\n\n# comment\nDATABASE_URL=@db-url\n!OLD_FLAG\nEMPTY=\nURL=a=b'),
    ).toEqual([
      { kind: 'set', key: 'LOG_LEVEL', value: 'debug' },
      { kind: 'secret', key: 'DATABASE_URL', secret: 'db-url' },
      { kind: 'remove', key: 'OLD_FLAG' },
      { kind: 'set', key: 'EMPTY', value: '' },
      { kind: 'set', key: 'URL', value: 'a=b' },
    ]);
  });

  it('rejects a bad line without echoing its value', () => {
    const bad = () => parseEnvChanges('1BAD=super-secret-value');
    expect(bad).toThrow(/Input 'env'/);
    try {
      bad();
    } catch (error) {
      expect(String(error)).not.toContain('super-secret-value');
    }
    expect(() => parseEnvChanges('NOVALUE')).toThrow(ConfigurationError);
    expect(() => parseEnvChanges('KEY=@')).toThrow(ConfigurationError);
    expect(() => parseEnvChanges('!')).toThrow(ConfigurationError);
    expect(() => parseEnvChanges('A=1\nA=2')).toThrow(/more than once/);
  });
});

describe('applyEnvChanges', () => {
  const env = [
    { scopes: ['region:fra'], key: 'PORT', value: '8000' },
    { scopes: ['region:fra'], key: 'DATABASE_URL', secret: 'db' },
    { scopes: ['region:was'], key: 'LOG_LEVEL', value: 'info' },
    { scopes: ['region:fra'], key: 'LOG_LEVEL', value: 'warn' },
  ];

  it('changes every entry of a key in place, keeping scopes; adds new keys; removes', () => {
    expect(
      applyEnvChanges(env, [
        { kind: 'set', key: 'LOG_LEVEL', value: 'debug' },
        { kind: 'set', key: 'DATABASE_URL', value: 'postgres://x' },
        { kind: 'secret', key: 'API_KEY', secret: 'api-key' },
        { kind: 'remove', key: 'PORT' },
      ]),
    ).toEqual([
      { scopes: ['region:fra'], key: 'DATABASE_URL', value: 'postgres://x' },
      { scopes: ['region:was'], key: 'LOG_LEVEL', value: 'debug' },
      { scopes: ['region:fra'], key: 'LOG_LEVEL', value: 'debug' },
      { key: 'API_KEY', secret: 'api-key' },
    ]);
    expect(env[0]).toEqual({ scopes: ['region:fra'], key: 'PORT', value: '8000' }); // not mutated
  });
});

describe('planDefinition', () => {
  const current: DeploymentDefinition = {
    name: 'web',
    type: 'WEB',
    routes: [{ port: 8000, path: '/' }],
    env: [{ key: 'LOG_LEVEL', value: 'info' }],
    scalings: [{ min: 1, max: 2 }],
    docker: { image: 'ghcr.io/acme/shop:1.0.0', command: '', args: [] },
  };

  it('changes only the image', () => {
    const plan = planDefinition(current, { kind: 'reference', image: 'ghcr.io/acme/shop:1.1.0' }, []);
    expect(plan.definition).toEqual({
      ...current,
      docker: { ...current.docker, image: 'ghcr.io/acme/shop:1.1.0' },
    });
    expect(plan.changes).toEqual(['image ghcr.io/acme/shop:1.0.0 → ghcr.io/acme/shop:1.1.0']);
    expect(plan.previousImage).toBe('ghcr.io/acme/shop:1.0.0');
    expect(current.docker?.image).toBe('ghcr.io/acme/shop:1.0.0'); // a copy, not the original
  });

  it('puts a bare digest on the current repository and applies env changes, values left out', () => {
    const plan = planDefinition(current, { kind: 'digest', digest: DIGEST }, [
      { kind: 'set', key: 'LOG_LEVEL', value: 'hidden-value' },
      { kind: 'secret', key: 'TOKEN', secret: 'tok' },
      { kind: 'remove', key: 'NOPE' },
    ]);
    expect(plan.image).toBe(`ghcr.io/acme/shop@${DIGEST}`);
    expect(plan.definition.env).toEqual([
      { key: 'LOG_LEVEL', value: 'hidden-value' },
      { key: 'TOKEN', secret: 'tok' },
    ]);
    expect(plan.changes).toEqual([
      `image ghcr.io/acme/shop:1.0.0 → ghcr.io/acme/shop@${DIGEST}`,
      'env: change LOG_LEVEL',
      "env: add TOKEN (from Koyeb secret 'tok')",
      'env: remove NOPE (not set)',
    ]);
    expect(plan.changes.join('\n')).not.toContain('hidden-value');
  });

  it('says when the image is unchanged (a redeploy)', () => {
    const plan = planDefinition(current, { kind: 'reference', image: 'ghcr.io/acme/shop:1.0.0' }, []);
    expect(plan.changes).toEqual(['image ghcr.io/acme/shop:1.0.0 (unchanged: redeploy)']);
  });

  it('refuses a service built from git', () => {
    const { docker: _d, ...rest } = current;
    expect(() =>
      planDefinition(
        { ...rest, git: { repository: 'github.com/acme/shop' } },
        { kind: 'reference', image: 'x' },
        [],
      ),
    ).toThrow(/deployed from a git repository/);
  });
});
