import { describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../../actions/deploy-ssh/inputs.js';
import { formatPlan, type HostPlan, type PreviousState, planHost } from '../../../actions/deploy-ssh/plan.js';
import { deployOutputs, deploySummary } from '../../../actions/deploy-ssh/report.js';
import { config, KEY } from './fixtures.js';

const plan = (
  c: DeployConfig,
  previous: PreviousState = { known: true, releaseId: 'r1', image: 'reg/app:v1' },
): HostPlan =>
  planHost(c, c.ssh.hosts[0] as NonNullable<(typeof c.ssh.hosts)[0]>, {
    releaseId: 'r2',
    token: 'tok',
    previous,
  });
const shape = (p: HostPlan) =>
  p.phases.map((ph) => [ph.name, ph.commits ?? false, ph.steps.map((s) => `${s.kind}:${s.title}`)]);

describe('script plan', async () => {
  const c = await config({
    strategy: 'script',
    script: 'make deploy',
    'health-command': 'curl -f localhost',
    env: 'APP_ENV=prod',
  });
  it('runs the script then the health check, in app-dir, nothing to undo', () => {
    const p = plan(c);
    expect(shape(p)).toEqual([['Run script', true, ['script:script', 'health:health-command']]]);
    expect(p.phases[0]?.steps[0]).toEqual({
      kind: 'script',
      title: 'script',
      script: 'make deploy',
      cwd: '/srv/shop',
    });
    expect(p.undoAfterCommit).toEqual([]);
    expect(p.env).toEqual({
      APP_ENV: 'prod',
      RELEASE_ID: 'r2',
      PREVIOUS_RELEASE_ID: 'r1',
      APP_DIR: '/srv/shop',
      DEPLOY_HOST: 'deploy@10.0.0.1',
      GIT_SHA: '0123456789abcdef0123456789abcdef01234567',
    });
  });
});

describe('compose plan', async () => {
  const c = await config({
    strategy: 'compose',
    image: '127.0.0.1:5000/shop/web:v2',
    'registry-username': 'ops',
    'registry-password': 'hunter2-secret',
    'health-command': 'curl -fsS localhost/health',
  });
  it('pulls everywhere first, then sets the image, ups with --wait and checks health', () => {
    const p = plan(c);
    expect(shape(p)).toEqual([
      [
        'Pull',
        false,
        ['exec:docker login 127.0.0.1:5000', 'exec:docker compose pull 127.0.0.1:5000/shop/web:v2'],
      ],
      [
        'Activate',
        true,
        [
          'exec:set IMAGE=127.0.0.1:5000/shop/web:v2 in .env',
          'exec:docker compose up -d --remove-orphans --wait',
          'health:health-command',
        ],
      ],
    ]);
    expect(p.phases[0]?.steps[0]).toEqual({
      kind: 'exec',
      title: 'docker login 127.0.0.1:5000',
      command: 'docker login --username ops --password-stdin 127.0.0.1:5000',
      stdin: 'registry-password',
      registry: true,
    });
    expect(p.phases[0]?.steps[1]).toMatchObject({
      command: 'cd /srv/shop && IMAGE=127.0.0.1:5000/shop/web:v2 docker compose pull --quiet',
      registry: true,
    });
    expect(p.phases[1]?.steps[1]).toMatchObject({
      command: 'cd /srv/shop && docker compose up -d --remove-orphans --wait',
    });
    // only login and pull are tried again on a registry failure: nothing that changes what serves
    expect(p.phases[1]?.steps.some((s) => 'registry' in s)).toBe(false);
    expect(p.env['DEPLOY_IMAGE']).toBe('127.0.0.1:5000/shop/web:v2');
  });
  it('undoes a failure after going live by restoring the env file and upping the previous image', async () => {
    expect(plan(c).undoAfterCommit.map((s) => s.title)).toEqual([
      'restore .env (IMAGE=reg/app:v1)',
      'docker compose up the previous image reg/app:v1',
    ]);
    // first deploy: nothing to bring back up
    expect(plan(c, { known: true }).undoAfterCommit.map((s) => s.title)).toEqual([
      'restore .env (IMAGE=none)',
    ]);
    expect(
      plan(await config({ strategy: 'compose', image: 'a:1', 'restore-on-failure': 'false' }))
        .undoAfterCommit,
    ).toEqual([]);
  });
  it('compose v1 gets no --wait', async () => {
    const v1 = plan(await config({ strategy: 'compose', image: 'a:1', 'compose-command': 'docker-compose' }));
    expect(v1.phases[1]?.steps[1]).toMatchObject({
      command: 'cd /srv/shop && docker-compose up -d --remove-orphans',
    });
  });
  it('the printed plan never holds the registry password or the key', () => {
    const text = formatPlan(
      c,
      c.ssh.hosts.map((h) => planHost(c, h, { releaseId: 'r2', token: 'tok', previous: { known: false } })),
    );
    expect(text).toContain('Host deploy@10.0.0.1');
    expect(text).toContain('Host deploy@10.0.0.2:2222');
    expect(text).toContain('docker login --username ops --password-stdin 127.0.0.1:5000');
    expect(text).toContain('(registry password on stdin)');
    expect(text).toContain('<previous> is what the host runs when the deploy starts.');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain(KEY.split('\n')[1]);
  });
});

describe('release plan', async () => {
  const c = await config({
    strategy: 'release',
    source: 'dist/',
    shared: '.env',
    'before-switch': 'npm ci',
    'after-switch': 'sudo systemctl reload app',
    'health-command': 'test -f index.html',
  });
  it('uploads to a partial dir, prepares inside the release, switches, then prunes', () => {
    const p = plan(c);
    expect(shape(p)).toEqual([
      [
        'Upload',
        false,
        [
          'exec:create /srv/shop/releases/r2.partial-tok',
          'upload:upload dist/',
          'exec:rename to /srv/shop/releases/r2',
        ],
      ],
      ['Prepare', false, ['exec:link shared .env', 'script:before-switch', 'health:health-command']],
      ['Activate', true, ['exec:switch current → releases/r2', 'script:after-switch']],
      ['Clean up', false, ['exec:keep the newest 5 releases']],
    ]);
    expect(p.phases[1]?.steps[1]).toMatchObject({ cwd: '/srv/shop/releases/r2' });
    expect(p.phases[2]?.steps[0]).toMatchObject({
      command:
        "if [ ! -d /srv/shop/releases/r2 ]; then echo 'ops-actions: release r2 is not in /srv/shop/releases on this host' >&2; exit 1; fi && " +
        'ln -sfn releases/r2 /srv/shop/current.tmp-tok && mv -Tf /srv/shop/current.tmp-tok /srv/shop/current',
    });
    expect(p.env['RELEASE_DIR']).toBe('/srv/shop/releases/r2');
  });
  it('undo before the switch deletes the new release; after it, switches back and re-runs after-switch', () => {
    const p = plan(c);
    expect(p.undoBeforeCommit.map((s) => s.title)).toEqual(['remove releases/r2']);
    expect(p.undoAfterCommit.map((s) => s.title)).toEqual([
      'switch current back → releases/r1',
      'after-switch (previous release)',
      'remove releases/r2',
    ]);
    expect(p.undoAfterCommit[1]).toMatchObject({
      cwd: '/srv/shop/releases/r1',
      env: { RELEASE_ID: 'r1', PREVIOUS_RELEASE_ID: 'r2' },
    });
    expect(plan(c, { known: true }).undoAfterCommit.map((s) => s.title)).toEqual([
      'remove current (there was no previous release)',
      'remove releases/r2',
    ]);
  });
  it('an archive is uploaded and extracted', async () => {
    const p = plan(await config({ strategy: 'release', source: 'app.tar.gz' }));
    expect(p.phases[0]?.steps.map((s) => s.title)).toEqual([
      'create /srv/shop/releases/r2.partial-tok',
      'upload app.tar.gz',
      'extract app.tar.gz',
      'rename to /srv/shop/releases/r2',
    ]);
    expect(p.phases[0]?.steps[2]).toMatchObject({
      command:
        'tar -xzf /srv/shop/releases/r2.partial-tok.app.tar.gz -C /srv/shop/releases/r2.partial-tok && rm -f /srv/shop/releases/r2.partial-tok.app.tar.gz',
    });
  });
});

describe('outputs and summary', async () => {
  const c = await config({ strategy: 'script', script: 'x' });
  const result = {
    strategy: 'script' as const,
    releaseId: 'r2',
    previousReleaseId: 'r1',
    durationMs: 1500,
    hosts: [
      {
        host: 'deploy@10.0.0.1',
        result: 'succeeded' as const,
        durationMs: 1200,
        releaseId: 'r2',
        previousReleaseId: 'r1',
      },
      {
        host: 'deploy@10.0.0.2:2222',
        result: 'failed' as const,
        durationMs: 300,
        releaseId: 'r2',
        phase: 'Connect',
        error: 'refused | piped',
      },
    ],
  };
  it('lists hosts by result and reports JSON', () => {
    const o = deployOutputs(c, result);
    expect(o['release-id']).toBe('r2');
    expect(o['previous-release-id']).toBe('r1');
    expect(o['hosts-succeeded']).toBe('deploy@10.0.0.1');
    expect(o['hosts-failed']).toBe('deploy@10.0.0.2:2222');
    expect(JSON.parse(o.report)).toMatchObject({
      strategy: 'script',
      releaseId: 'r2',
      hosts: [
        { host: 'deploy@10.0.0.1', result: 'succeeded' },
        { host: 'deploy@10.0.0.2:2222', result: 'failed', phase: 'Connect' },
      ],
    });
  });
  it('the summary has one row per host', () => {
    const md = deploySummary(c, result);
    expect(md).toContain('failed on 1 of 2 hosts');
    expect(md).toContain('| Host | Result | Duration | Release | Previous |');
    expect(md).toContain('| deploy@10.0.0.1 | ✅ deployed | 1.2s | r2 | r1 |');
    expect(md).toContain('| deploy@10.0.0.2:2222 | ❌ failed (Connect) | 300ms | — | — |');
  });
});
