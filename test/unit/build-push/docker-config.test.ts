import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPrivateDockerConfig,
  privateConfigJson,
  removePrivateDockerConfig,
  userDockerConfigDir,
} from '../../../actions/build-push/docker-config.js';

describe('privateConfigJson', () => {
  it('keeps the user config, but forces file storage for the registry we log in to', () => {
    const user = JSON.stringify({
      auths: { 'ghcr.io': { auth: 'Z2g6eA==' }, '127.0.0.1:5000': { auth: 'c3RhbGU6c3RhbGU=' } },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
      currentContext: 'ci',
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    });
    expect(JSON.parse(privateConfigJson(user, '127.0.0.1:5000'))).toEqual({
      auths: { 'ghcr.io': { auth: 'Z2g6eA==' } },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud', '127.0.0.1:5000': '' },
      currentContext: 'ci',
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    });
  });

  it('Docker Hub: every key docker may look credentials up by', () => {
    const c = JSON.parse(privateConfigJson(undefined, 'docker.io')) as {
      credHelpers: Record<string, string>;
    };
    expect(c.credHelpers).toEqual({
      'https://index.docker.io/v1/': '',
      'index.docker.io': '',
      'docker.io': '',
    });
  });

  it('a missing or broken user config gives a clean one', () => {
    expect(JSON.parse(privateConfigJson('{not json', 'ghcr.io'))).toEqual({
      auths: {},
      credHelpers: { 'ghcr.io': '' },
    });
    expect(JSON.parse(privateConfigJson('[]', undefined))).toEqual({});
  });
});

describe('createPrivateDockerConfig', () => {
  it('writes config.json (mode 600) and links buildx, cli-plugins and contexts of the user dir', () => {
    const base = mkdtempSync(join(tmpdir(), 'bp-dcfg-'));
    const user = join(base, 'user');
    mkdirSync(join(user, 'buildx'), { recursive: true });
    mkdirSync(join(user, 'cli-plugins'), { recursive: true });
    writeFileSync(join(user, 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: 'eA==' } } }));
    const dir = createPrivateDockerConfig({ parent: join(base, 'temp'), userDir: user, registry: 'ghcr.io' });
    expect(dir.startsWith(join(base, 'temp', 'ops-build-push-docker-'))).toBe(true);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: {},
      credHelpers: { 'ghcr.io': '' },
    });
    expect(readlinkSync(join(dir, 'buildx'))).toBe(join(user, 'buildx'));
    expect(readlinkSync(join(dir, 'cli-plugins'))).toBe(join(user, 'cli-plugins'));
    expect(() => lstatSync(join(dir, 'contexts'))).toThrow();
    removePrivateDockerConfig(dir);
    expect(() => statSync(dir)).toThrow();
    // removing the private dir never touches what the links point to
    expect(statSync(join(user, 'buildx')).isDirectory()).toBe(true);
  });

  it('the user dir is $DOCKER_CONFIG, else ~/.docker', () => {
    expect(userDockerConfigDir({ DOCKER_CONFIG: '/etc/docker-cfg' })).toBe('/etc/docker-cfg');
    expect(userDockerConfigDir({})).toMatch(/\.docker$/);
  });
});
