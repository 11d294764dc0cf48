// build-push against the real Docker engine (buildx, docker driver) and the authenticated
// registry of the test environment: what is asserted is what the registry and the daemon hold.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runAction, runActionWithPost } from '../harness/run-action.js';
import {
  env,
  eventFile,
  getImageConfig,
  getManifest,
  listTags,
  makeWorkspace,
  REGISTRY,
  removeLocalImage,
  removeLocalTestImages,
  testDocker,
  uniqueRepo,
} from './build-push-support.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const PUSH_MAIN = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/shop',
};
const payload = {
  repository: { default_branch: 'main', description: 'Acme shop backend', license: { spdx_id: 'MIT' } },
};

const login = { username: env.registry.username, password: env.registry.password };

afterAll(() => removeLocalTestImages());

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'build-push', 'index.js')))
    throw new Error("run 'npm run build' first");
});

describe('build-push: one FROM scratch image', () => {
  it('pushes it with tags and OCI labels, gives the digest to deploy, and it runs when pulled back by digest', async () => {
    const repo = uniqueRepo('main');
    const name = `${REGISTRY}/${repo}`;
    // The user's own docker config: a credential store that does not exist here, so a login
    // that went to it (instead of the action's private config) would fail, and a config file
    // the action must not change.
    const userDocker = mkdtempSync(join(tmpdir(), 'bp-it-user-docker-'));
    const userConfig = JSON.stringify({ credsStore: 'ops-test-absent-helper', auths: {} });
    writeFileSync(join(userDocker, 'config.json'), userConfig);

    const { main, post } = await runActionWithPost('build-push', {
      workspace: makeWorkspace(),
      inputs: { image: name, context: 'app', ...login },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload), DOCKER_CONFIG: userDocker },
    });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);

    // tags on the registry
    expect(await listTags(repo)).toEqual(['latest', 'main', 'sha-0123456']);
    const { digest, manifest } = await getManifest(repo, 'main');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await getManifest(repo, 'latest')).digest).toBe(digest);
    expect((await getManifest(repo, 'sha-0123456')).digest).toBe(digest);

    // outputs: the digest the registry has
    expect(main.outputs['digest']).toBe(digest);
    expect(main.outputs['image']).toBe(`${name}@${digest}`);
    expect(main.outputs['tags']).toBe([`${name}:sha-0123456`, `${name}:main`, `${name}:latest`].join('\n'));
    expect(main.outputs['version']).toBe('main');
    const metadata = JSON.parse(main.outputs['metadata'] ?? '') as {
      name: string;
      digest: string;
      size: number;
      labels: Record<string, string>;
    }[];
    expect(metadata).toHaveLength(1);
    expect(metadata[0]?.digest).toBe(digest);
    const registrySize = manifest.layers.reduce((n, l) => n + l.size, 0);
    expect(metadata[0]?.size).toBeGreaterThan(registrySize);

    // OCI labels in the pushed image config
    const config = await getImageConfig(repo, digest);
    const labels = config.config?.Labels ?? {};
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.title': repo.split('/').pop(),
      'org.opencontainers.image.description': 'Acme shop backend',
      'org.opencontainers.image.licenses': 'MIT',
    });
    const created = Date.parse(labels['org.opencontainers.image.created'] ?? '');
    expect(Math.abs(Date.now() - created)).toBeLessThan(10 * 60_000);

    // pull it back by the output digest (after removing the local copy) and run it
    removeLocalImage(`${name}:main`);
    removeLocalImage(`${name}:latest`);
    removeLocalImage(`${name}:sha-0123456`);
    testDocker(['pull', main.outputs['image'] ?? '']);
    const out = execFileSync(
      'docker',
      [
        'run',
        '--rm',
        '--pull',
        'never',
        '--network',
        'host',
        main.outputs['image'] ?? '',
        '/bin/busybox',
        'echo',
        'ok',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.trim()).toBe('ok');
    removeLocalImage(main.outputs['image'] ?? '');

    // summary a person reads
    expect(main.summary).toContain('build-push: 1 image pushed to 127.0.0.1:5000');
    expect(main.summary).toContain(
      `| \`${name}\` | \`sha-0123456\`<br>\`main\`<br>\`latest\` | \`${digest.slice(0, 19)}…\``,
    );
    expect(main.summary).toContain('1.0 MiB');
    expect(main.summary).toContain(`- \`${name}@${digest}\``);

    // the password: masked, never printed
    expect(main.masked).toContain(env.registry.password);
    for (const text of [main.log, main.summary, post.log]) expect(text).not.toContain(env.registry.password);

    // login was private: the user's config is unchanged; the post step logged out and removed it
    const privateDir = main.state['docker-config'] ?? '';
    expect(privateDir.startsWith(main.runnerTemp)).toBe(true);
    expect(readFileSync(join(userDocker, 'config.json'), 'utf8')).toBe(userConfig);
    expect(post.exitCode).toBe(0);
    expect(post.log).toContain(`Logged out of ${REGISTRY}`);
    expect(existsSync(privateDir)).toBe(false);
  });
});

describe('build-push: tags from git on the registry', () => {
  it('v1.2.3 gives 1.2.3, 1.2 and 1; v1.3.0-rc.1 afterwards moves none of them', async () => {
    const repo = uniqueRepo('semver');
    const name = `${REGISTRY}/${repo}`;
    const ws = makeWorkspace();
    const release = await runAction('build-push', {
      workspace: ws,
      inputs: { image: name, context: 'app', ...login },
      env: { ...PUSH_MAIN, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(release.exitCode).toBe(0);
    expect(release.outputs['version']).toBe('1.2.3');
    expect(await listTags(repo)).toEqual(['1', '1.2', '1.2.3', 'sha-0123456']);
    const releaseDigest = release.outputs['digest'];

    const rc = await runAction('build-push', {
      workspace: ws,
      inputs: { image: name, context: 'app', ...login },
      env: {
        ...PUSH_MAIN,
        GITHUB_REF: 'refs/tags/v1.3.0-rc.1',
        GITHUB_SHA: 'abcdef0123456789abcdef0123456789abcdef01',
        GITHUB_EVENT_PATH: eventFile(payload),
      },
    });
    expect(rc.exitCode).toBe(0);
    expect(await listTags(repo)).toEqual(['1', '1.2', '1.2.3', '1.3.0-rc.1', 'sha-0123456', 'sha-abcdef0']);
    expect(rc.outputs['digest']).not.toBe(releaseDigest);
    expect((await getManifest(repo, '1')).digest).toBe(releaseDigest);
    expect((await getManifest(repo, '1.2')).digest).toBe(releaseDigest);
    expect((await getManifest(repo, '1.3.0-rc.1')).digest).toBe(rc.outputs['digest']);
    expect(
      (await getImageConfig(repo, '1.3.0-rc.1')).config?.Labels?.['org.opencontainers.image.version'],
    ).toBe('1.3.0-rc.1');
  });

  it('a pull request gives pr-<n> and the head commit; a feature branch its sanitised name; raw values', async () => {
    const repo = uniqueRepo('pr');
    const name = `${REGISTRY}/${repo}`;
    const ws = makeWorkspace();
    const pr = await runAction('build-push', {
      workspace: ws,
      inputs: { image: name, context: 'app', ...login },
      env: {
        ...PUSH_MAIN,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/42/merge',
        GITHUB_HEAD_REF: 'feature/Login',
        GITHUB_BASE_REF: 'main',
        GITHUB_EVENT_PATH: eventFile({
          ...payload,
          number: 42,
          pull_request: { number: 42, head: { sha: 'fedcba9876543210fedcba9876543210fedcba98' } },
        }),
      },
    });
    expect(pr.exitCode).toBe(0);
    expect(await listTags(repo)).toEqual(['pr-42', 'sha-fedcba9']);
    expect((await getImageConfig(repo, 'pr-42')).config?.Labels?.['org.opencontainers.image.revision']).toBe(
      'fedcba9876543210fedcba9876543210fedcba98',
    );

    const branch = await runAction('build-push', {
      workspace: ws,
      inputs: { image: name, context: 'app', ...login, tags: 'branch\nraw=edge\nlatest' },
      env: {
        ...PUSH_MAIN,
        GITHUB_REF: 'refs/heads/Feature/Checkout_v2',
        GITHUB_EVENT_PATH: eventFile(payload),
      },
    });
    expect(branch.exitCode).toBe(0);
    expect(await listTags(repo)).toEqual(['edge', 'feature-checkout_v2', 'pr-42', 'sha-fedcba9']);
  });
});

describe('build-push: several images in one step', () => {
  it('builds both, then pushes both; outputs name the first, metadata both', async () => {
    const api = uniqueRepo('api');
    const web = uniqueRepo('web');
    const r = await runAction('build-push', {
      workspace: makeWorkspace({
        backend: {},
        frontend: {
          dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY index.html /www/index.html\n',
          files: { 'index.html': '<h1>shop</h1>' },
        },
      }),
      inputs: {
        images: `- name: ${REGISTRY}/${api}\n  context: backend\n- name: ${REGISTRY}/${web}\n  context: frontend\n  tags: [sha, raw=web-stable]\n`,
        ...login,
      },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(await listTags(api)).toEqual(['latest', 'main', 'sha-0123456']);
    expect(await listTags(web)).toEqual(['sha-0123456', 'web-stable']);
    const apiDigest = (await getManifest(api, 'main')).digest;
    const webDigest = (await getManifest(web, 'web-stable')).digest;
    expect(r.outputs['image']).toBe(`${REGISTRY}/${api}@${apiDigest}`);
    const metadata = JSON.parse(r.outputs['metadata'] ?? '') as { name: string; image: string }[];
    expect(metadata.map((m) => m.image)).toEqual([
      `${REGISTRY}/${api}@${apiDigest}`,
      `${REGISTRY}/${web}@${webDigest}`,
    ]);
    // built in order, and nothing pushed before both had built
    const firstPush = r.log.indexOf('pushing ');
    expect(r.log.indexOf(`Build ${REGISTRY}/${api} (push after`)).toBeLessThan(
      r.log.indexOf(`Build ${REGISTRY}/${web} (push after`),
    );
    expect(r.log.indexOf(`Build ${REGISTRY}/${web} (push after`)).toBeLessThan(firstPush);
    expect(r.summary).toContain('2 images pushed');
  });

  it('when the second image fails to build, the first is not pushed', async () => {
    const api = uniqueRepo('api-ok');
    const web = uniqueRepo('web-broken');
    const r = await runAction('build-push', {
      workspace: makeWorkspace({
        backend: {},
        frontend: { dockerfile: 'FROM scratch\nCOPY missing-file /x\n' },
      }),
      inputs: {
        images: `- name: ${REGISTRY}/${api}\n  context: backend\n- name: ${REGISTRY}/${web}\n  context: frontend\n`,
        ...login,
      },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.errors.join('\n')).toMatch(/missing-file/);
    expect(r.log).not.toMatch(/attempt 1\/4 failed/); // a build error is not retried
    expect(await listTags(api)).toEqual([]);
    expect(await listTags(web)).toEqual([]);
    expect(r.summary).toContain('build-push failed');
  });
});

describe('build-push: registry login', () => {
  it('a wrong password fails at login with a clear message, before building; the password is never shown', async () => {
    const repo = uniqueRepo('badpw');
    const wrong = `wrong-${Math.random().toString(36).slice(2)}-pw`;
    const { main, post } = await runActionWithPost('build-push', {
      workspace: makeWorkspace(),
      inputs: {
        image: `${REGISTRY}/${repo}`,
        context: 'app',
        username: env.registry.username,
        password: wrong,
      },
      env: PUSH_MAIN,
    });
    expect(main.exitCode).not.toBe(0);
    const error = main.errors.join('\n');
    expect(error).toContain(`registry ${REGISTRY} rejected the login of user '${env.registry.username}'`);
    expect(error).toContain('401 Unauthorized');
    expect(error).toContain("Check the 'username' and 'password' inputs");
    expect(main.log).not.toMatch(/attempt \d\/\d failed/); // 401 is not retried
    expect(main.log).not.toContain('[internal] load build definition'); // nothing was built
    expect(main.masked).toContain(wrong);
    for (const text of [main.log, main.summary, post.log, ...main.errors]) expect(text).not.toContain(wrong);
    expect(await listTags(repo)).toEqual([]);
    expect(post.exitCode).toBe(0);
    expect(existsSync(main.state['docker-config'] ?? '/nonexistent')).toBe(false);
  });
});

describe('build-push: build secrets', () => {
  it('a RUN step reads the secret; it is in neither the log nor the image', async () => {
    const repo = uniqueRepo('secret');
    const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
    // secrets are not part of BuildKit's cache key: a unique ARG makes the RUN step really run
    const dockerfile = [
      `FROM ${env.docker.busyboxImage}`,
      'ARG NONCE',
      'RUN --mount=type=secret,id=api_token ["/bin/busybox", "sh", "-c", "/bin/busybox wc -c < /run/secrets/api_token > /token-length"]',
      '',
    ].join('\n');
    const r = await runAction('build-push', {
      workspace: makeWorkspace({ app: { dockerfile } }),
      inputs: {
        image: `${REGISTRY}/${repo}`,
        context: 'app',
        ...login,
        secrets: `api_token=${secret}`,
        'build-args': `NONCE=${repo}`,
        network: 'none',
      },
      env: PUSH_MAIN,
    });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.masked).toContain(secret);
    expect(r.log).not.toContain(secret);
    expect(r.log).toContain('--secret id=api_token,env=OPS_BUILD_SECRET_0');
    const image = r.outputs['image'] ?? '';
    const length = execFileSync(
      'docker',
      ['run', '--rm', '--pull', 'never', '--network', 'host', image, 'cat', '/token-length'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(length.trim()).toBe(String(secret.length));
    const config = JSON.stringify(await getImageConfig(repo, r.outputs['digest'] ?? ''));
    expect(config).not.toContain(secret);
    removeLocalImage(image);
  });
});

describe('build-push: cache modes on the docker driver', () => {
  it('registry falls back to an inline cache in the pushed image; local warns and builds', async () => {
    const repo = uniqueRepo('cache');
    const ws = makeWorkspace();
    const inline = await runAction('build-push', {
      workspace: ws,
      inputs: { image: `${REGISTRY}/${repo}`, context: 'app', ...login, cache: 'registry' },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(inline.exitCode).toBe(0);
    expect(inline.log).toContain('--cache-to type=inline');
    expect(inline.log).toContain(`--cache-from type=registry,ref=${REGISTRY}/${repo}:main`);
    const config = await getImageConfig(repo, 'main');
    expect(config).toHaveProperty('moby.buildkit.cache.v0');
    expect(inline.summary).toContain('inline (docker driver)');
    expect(inline.summary).toMatch(/1\/1 steps cached|0\/1 steps cached/);

    const local = await runAction('build-push', {
      workspace: ws,
      inputs: { image: `${REGISTRY}/${repo}`, context: 'app', ...login, cache: 'local' },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(local.exitCode).toBe(0);
    expect(local.log).toMatch(
      /::warning::cache: local needs a builder that can export a build cache, but builder 'default' uses the docker driver/,
    );
    expect(local.log).not.toContain('--cache-to');
    expect(local.summary).toContain('none (docker driver: daemon layer cache only)');
    expect(local.summary).toContain('docker/setup-buildx-action');
  });
});

describe('build-push: cache: local on a docker-container builder', () => {
  it('the bundled @actions/cache path runs: without the cache service it warns, builds and pushes', async () => {
    // A stand-in for a docker-container builder: `buildx inspect` says docker-container; `buildx
    // build` drops the cache flags (the engine here cannot export a cache) and runs the real build.
    const bin = mkdtempSync(join(tmpdir(), 'bp-it-container-'));
    const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        'if [ "$1" = buildx ] && [ "$2" = inspect ]; then printf "Name:   fake-container\\nDriver: docker-container\\n"; exit 0; fi',
        'if [ "$1" = buildx ] && [ "$2" = build ]; then',
        '  echo "$*" > "$0.build-args"; unset BUILDX_BUILDER',
        '  shift 2; skip=0',
        '  for a in "$@"; do shift; if [ $skip = 1 ]; then skip=0; continue; fi',
        '    case "$a" in --cache-from|--cache-to) skip=1; continue;; esac; set -- "$@" "$a"; done',
        `  exec ${real} buildx build "$@"`,
        'fi',
        `exec ${real} "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const repo = uniqueRepo('local-cache');
    const r = await runAction('build-push', {
      workspace: makeWorkspace({ app: { files: { 'package-lock.json': '{"lockfileVersion":3}' } } }),
      inputs: { image: `${REGISTRY}/${repo}`, context: 'app', ...login, cache: 'local' },
      env: {
        ...PUSH_MAIN,
        GITHUB_EVENT_PATH: eventFile(payload),
        PATH: `${bin}:${process.env['PATH'] ?? ''}`,
        BUILDX_BUILDER: 'fake-container', // as docker/setup-buildx-action selects its builder
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain("Builder 'fake-container': docker-container driver");
    const buildArgs = readFileSync(join(bin, 'docker.build-args'), 'utf8');
    expect(buildArgs).toContain(`--cache-from type=local,src=${r.runnerTemp}/ops-build-push-cache/`);
    expect(buildArgs).toMatch(/--cache-to type=local,dest=\S+-new,mode=max/);
    expect(r.log).toMatch(/::warning::cache: local: the GitHub Actions cache service is not available/);
    expect(r.summary).toContain('local (actions/cache)');
    expect(r.summary).toContain('restored: unavailable');
    expect(await listTags(repo)).toEqual(['latest', 'main', 'sha-0123456']);
  });
});

describe('build-push: failure modes', () => {
  it('without buildx: a clear error that says how to get it', async () => {
    // a docker CLI that has no buildx plugin, as on a bare self-hosted runner
    const bin = mkdtempSync(join(tmpdir(), 'bp-it-nobuildx-'));
    const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\nif [ "$1" = buildx ]; then echo "docker: unknown command: docker buildx" >&2; exit 1; fi\nexec ${real} "$@"\n`,
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const r = await runAction('build-push', {
      workspace: makeWorkspace(),
      inputs: { image: `${REGISTRY}/${uniqueRepo('nobuildx')}`, context: 'app', ...login, cache: 'registry' },
      env: { ...PUSH_MAIN, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.errors.join('\n')).toMatch(/Docker Buildx is not installed/);
    expect(r.errors.join('\n')).toMatch(/docker\/setup-buildx-action/);
    expect(r.errors.join('\n')).toMatch(/docker-buildx/);
  });

  it('dry-run prints the login and buildx commands and tags, and touches nothing', async () => {
    const repo = uniqueRepo('dry');
    const r = await runAction('build-push', {
      workspace: makeWorkspace(),
      inputs: { image: `${REGISTRY}/${repo}`, context: 'app', ...login, 'dry-run': true },
      env: { ...PUSH_MAIN, GITHUB_EVENT_PATH: eventFile(payload) },
    });
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain(`docker login --username ${env.registry.username} --password-stdin ${REGISTRY}`);
    expect(r.log).toContain('docker buildx build \\');
    expect(r.log).toContain(`--tag ${REGISTRY}/${repo}:latest`);
    expect(r.summary).toContain('dry run');
    expect(r.outputs['image']).toBe('');
    expect(r.outputs['tags']).toContain(`${REGISTRY}/${repo}:sha-0123456`);
    expect(r.log).not.toContain(env.registry.password);
    expect(r.state['docker-config']).toBeUndefined();
    expect(await listTags(repo)).toEqual([]);
  });
});
