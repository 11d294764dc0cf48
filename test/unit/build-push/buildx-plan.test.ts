import { describe, expect, it } from 'vitest';
import { type BuildxOptions, buildxArgs, type ImageBuild } from '../../../actions/build-push/buildx-plan.js';
import type { CachePlan } from '../../../actions/build-push/cache.js';

const build: ImageBuild = {
  image: { name: 'ghcr.io/acme/api', registry: 'ghcr.io', path: 'acme/api' },
  context: '/ws/backend',
  file: '/ws/backend/Dockerfile',
  target: 'runtime',
  buildArgs: { NODE_ENV: 'production', GREETING: 'a b=c' },
  labels: { 'org.opencontainers.image.version': '1.2.3' },
  tags: ['sha-0123456', '1.2.3'],
  platforms: ['linux/amd64', 'linux/arm64'],
  network: 'host',
  secretEnvs: [{ id: 'npm_token', env: 'OPS_BUILD_SECRET_0' }],
  secretFiles: [{ id: 'gcp', src: '/tmp/gcp.json' }],
};

const gha: CachePlan = {
  mode: 'gha',
  effective: 'gha',
  from: ['type=gha,scope=ghcr.io-acme-api'],
  to: ['type=gha,scope=ghcr.io-acme-api,mode=max'],
  warnings: [],
};

const opts: BuildxOptions = {
  builder: 'builder-1',
  driver: 'docker-container',
  push: true,
  load: false,
  cache: gha,
  metadataFile: '/tmp/meta.json',
};

describe('buildxArgs', () => {
  it('gives the exact command line for a push', () => {
    expect(buildxArgs(build, opts)).toEqual([
      'buildx',
      'build',
      '--builder',
      'builder-1',
      '--progress',
      'plain',
      '--file',
      '/ws/backend/Dockerfile',
      '--target',
      'runtime',
      '--platform',
      'linux/amd64,linux/arm64',
      '--network',
      'host',
      '--build-arg',
      'NODE_ENV=production',
      '--build-arg',
      'GREETING=a b=c',
      '--label',
      'org.opencontainers.image.version=1.2.3',
      '--tag',
      'ghcr.io/acme/api:sha-0123456',
      '--tag',
      'ghcr.io/acme/api:1.2.3',
      '--secret',
      'id=npm_token,env=OPS_BUILD_SECRET_0',
      '--secret',
      'id=gcp,src=/tmp/gcp.json',
      '--cache-from',
      'type=gha,scope=ghcr.io-acme-api',
      '--cache-to',
      'type=gha,scope=ghcr.io-acme-api,mode=max',
      '--push',
      '--metadata-file',
      '/tmp/meta.json',
      '/ws/backend',
    ]);
  });

  it('a build-only pass exports nothing: no push, load, cache export or metadata', () => {
    const args = buildxArgs(build, { ...opts, load: true, buildOnly: true });
    expect(args).not.toContain('--push');
    expect(args).not.toContain('--load');
    expect(args).not.toContain('--cache-to');
    expect(args).not.toContain('--metadata-file');
    expect(args).toContain('--cache-from');
    expect(args.at(-1)).toBe('/ws/backend');
  });

  it('push + load: both for docker-container, only --push for the docker driver (it loads anyway)', () => {
    expect(buildxArgs(build, { ...opts, load: true })).toEqual(expect.arrayContaining(['--push', '--load']));
    const docker = buildxArgs(build, { ...opts, driver: 'docker', load: true });
    expect(docker).toContain('--push');
    expect(docker).not.toContain('--load');
    expect(buildxArgs(build, { ...opts, driver: 'docker', push: false, load: true })).toContain('--load');
  });

  it('omits what is not set', () => {
    const minimal = buildxArgs(
      {
        ...build,
        target: undefined,
        platforms: [],
        network: undefined,
        buildArgs: {},
        labels: {},
        secretEnvs: [],
        secretFiles: [],
      },
      {
        ...opts,
        builder: undefined,
        cache: { ...gha, from: [], to: [] },
        push: false,
        metadataFile: undefined,
      },
    );
    expect(minimal).toEqual([
      'buildx',
      'build',
      '--progress',
      'plain',
      '--file',
      '/ws/backend/Dockerfile',
      '--tag',
      'ghcr.io/acme/api:sha-0123456',
      '--tag',
      'ghcr.io/acme/api:1.2.3',
      '/ws/backend',
    ]);
  });
});
