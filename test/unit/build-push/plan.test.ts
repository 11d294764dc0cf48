import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuilderInfo } from '../../../actions/build-push/cache.js';
import type { GitContext } from '../../../actions/build-push/git-context.js';
import { parseInputs } from '../../../actions/build-push/inputs.js';
import { formatCommand, planBuilds, planCommands } from '../../../actions/build-push/plan.js';
import { ConfigurationError, OperationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const ws = mkdtempSync(join(tmpdir(), 'bp-plan-'));
for (const d of ['backend', 'frontend']) {
  mkdirSync(join(ws, d));
  writeFileSync(join(ws, d, 'Dockerfile'), 'FROM scratch\n');
}

const ctx: GitContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: '0123456789abcdef0123456789abcdef01234567',
  repository: 'acme/shop',
  serverUrl: 'https://github.com',
  defaultBranch: 'main',
  prNumber: undefined,
  description: undefined,
  license: undefined,
};
const docker: BuilderInfo = { name: 'default', driver: 'docker', cacheExport: false };
const container: BuilderInfo = { name: 'b1', driver: 'docker-container', cacheExport: true };
const created = new Date('2025-05-06T07:08:09Z');

async function plan(record: Record<string, string>, builder: BuilderInfo = docker, c: GitContext = ctx) {
  const inputs = await parseInputs(new Inputs(recordInputs(record)), ws);
  const p = planBuilds({
    inputs,
    ctx: c,
    builder,
    created,
    workDir: '/w',
    runnerTemp: '/rt',
    ghaAvailable: true,
  });
  return { inputs, plan: p };
}

const two = `
- name: 127.0.0.1:5000/acme/api
  context: backend
- name: 127.0.0.1:5000/acme/web
  context: frontend
`;

describe('planBuilds', () => {
  it('two images pushed: built first, then pushed, in order', async () => {
    const { inputs, plan: p } = await plan({
      images: two,
      username: 'ops',
      password: 's3cret',
      secrets: 'tok=v4lue',
    });
    expect(p.twoPhase).toBe(true);
    expect(p.images.map((i) => i.refs)).toEqual([
      [
        '127.0.0.1:5000/acme/api:sha-0123456',
        '127.0.0.1:5000/acme/api:main',
        '127.0.0.1:5000/acme/api:latest',
      ],
      [
        '127.0.0.1:5000/acme/web:sha-0123456',
        '127.0.0.1:5000/acme/web:main',
        '127.0.0.1:5000/acme/web:latest',
      ],
    ]);
    expect(p.images[1]?.build.labels['org.opencontainers.image.title']).toBe('web');
    expect(p.images[0]?.build.labels['org.opencontainers.image.created']).toBe('2025-05-06T07:08:09.000Z');
    expect(p.images.map((i) => i.metadataFile)).toEqual(['/w/metadata-0.json', '/w/metadata-1.json']);
    const commands = planCommands(inputs, docker, p);
    expect(commands).toHaveLength(5);
    expect(commands[0]).toBe(
      'docker login --username ops --password-stdin 127.0.0.1:5000   # password on stdin',
    );
    expect(commands[1]).not.toContain('--push');
    expect(commands[3]).toContain('--push');
    expect(commands[3]).toContain('backend');
    expect(commands[4]).toContain('frontend');
    // secrets travel by environment variable name only
    const all = commands.join('\n');
    expect(all).toContain('--secret id=tok,env=OPS_BUILD_SECRET_0');
    expect(all).not.toContain('v4lue');
    expect(all).not.toContain('s3cret');
  });

  it('one image, or no push: a single pass', async () => {
    expect((await plan({ image: '127.0.0.1:5000/acme/api', context: 'backend' })).plan.twoPhase).toBe(false);
    expect((await plan({ images: two, push: 'false' })).plan.twoPhase).toBe(false);
  });

  it('collects cache warnings once for all images', async () => {
    const { plan: p } = await plan({ images: two, cache: 'local' });
    expect(p.warnings).toHaveLength(1);
    expect(p.images.every((i) => i.cache.from.length === 0)).toBe(true);
    const withContainer = (await plan({ images: two, cache: 'local' }, container)).plan;
    expect(withContainer.warnings).toEqual([]);
    expect(withContainer.images[0]?.cache.local).toEqual({
      src: '/rt/ops-build-push-cache/127.0.0.1-5000-acme-api',
      dest: '/rt/ops-build-push-cache/127.0.0.1-5000-acme-api-new',
    });
  });

  it('rules that give no tag for this event are a configuration error', async () => {
    const record = { image: '127.0.0.1:5000/acme/api', context: 'backend', tags: 'semver' };
    await expect(plan(record)).rejects.toThrow(ConfigurationError);
    await expect(plan(record)).rejects.toThrow(/give no tag/);
  });

  it('several platforms need a docker-container builder', async () => {
    const record = {
      image: '127.0.0.1:5000/acme/api',
      context: 'backend',
      platforms: 'linux/amd64,linux/arm64',
    };
    await expect(plan(record, docker)).rejects.toThrow(OperationError);
    await expect(plan(record, docker)).rejects.toThrow(/setup-buildx-action/);
    expect((await plan(record, container)).plan.images[0]?.build.platforms).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
  });

  it('notes why latest is missing when the default branch is unknown', async () => {
    const { plan: p } = await plan({ image: '127.0.0.1:5000/acme/api', context: 'backend' }, docker, {
      ...ctx,
      defaultBranch: undefined,
    });
    expect(p.images[0]?.refs).not.toContain('127.0.0.1:5000/acme/api:latest');
    expect(p.notes.join()).toMatch(/default-branch/);
  });
});

describe('formatCommand', () => {
  it('one option per line, shell-quoted, paste-able', async () => {
    expect(
      formatCommand(['docker', 'buildx', 'build', '--push', '--label', 'a=b c', '--file', 'Dockerfile', '.']),
    ).toBe("docker buildx build \\\n    --push \\\n    --label 'a=b c' \\\n    --file Dockerfile \\\n    .");
  });
});
