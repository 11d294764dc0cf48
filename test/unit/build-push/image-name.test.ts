import { describe, expect, it } from 'vitest';
import { credentialKeys, loginServer, parseImageName } from '../../../actions/build-push/image-name.js';

describe('parseImageName', () => {
  it('splits registry and path', () => {
    expect(parseImageName('ghcr.io/acme/shop-api')).toEqual({
      name: 'ghcr.io/acme/shop-api',
      registry: 'ghcr.io',
      path: 'acme/shop-api',
    });
    expect(parseImageName('127.0.0.1:5000/team/app')).toMatchObject({
      registry: '127.0.0.1:5000',
      path: 'team/app',
    });
    expect(parseImageName('localhost/app')).toMatchObject({ registry: 'localhost', path: 'app' });
    expect(parseImageName('acme/api')).toMatchObject({ registry: 'docker.io', path: 'acme/api' });
    expect(parseImageName('nginx')).toMatchObject({ registry: 'docker.io', path: 'library/nginx' });
    expect(parseImageName('registry.example.com:8443/a/b/c__d.e-f')).toMatchObject({ path: 'a/b/c__d.e-f' });
  });

  it('rejects tags, digests, uppercase and bad characters with a reason', () => {
    expect(parseImageName('ghcr.io/acme/api:latest')).toEqual({
      problem: expect.stringMatching(/has a tag/) as unknown as string,
    });
    expect(parseImageName('acme/api@sha256:abc')).toHaveProperty('problem', expect.stringMatching(/digest/));
    expect(parseImageName('ghcr.io/Acme/api')).toHaveProperty('problem', expect.stringMatching(/lowercase/));
    expect(parseImageName('acme/-api')).toHaveProperty('problem');
    expect(parseImageName('acme//api')).toHaveProperty('problem');
    expect(parseImageName('')).toHaveProperty('problem');
  });
});

describe('registry names', () => {
  it('Docker Hub is docker.io for login and its index URL for credentials', () => {
    expect(loginServer('docker.io')).toBe('docker.io');
    expect(loginServer('index.docker.io')).toBe('docker.io');
    expect(loginServer('ghcr.io')).toBe('ghcr.io');
    expect(credentialKeys('docker.io')).toContain('https://index.docker.io/v1/');
    expect(credentialKeys('127.0.0.1:5000')).toEqual(['127.0.0.1:5000']);
  });
});
