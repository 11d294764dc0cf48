// rollback, strategy compose, against the real sshd, Docker Engine and authenticated registry, in
// the documented pattern: deploy-ssh → smoke-test → rollback. v1, then a v2 whose /health fails
// (its container still starts, so the deploy goes through and only the smoke test catches it),
// later a good v3.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  lockExists,
  readHistoryFile,
  registryInputs,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
  writeComposeApp,
} from '../helpers/server.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { freePort } from '../helpers/sshd.js';
import { buildWebImage, composeDown, httpGet, webComposeFile } from '../helpers/web-image.js';

const repo = `ops-rollback/web-${randomBytes(3).toString('hex')}`;
const images: Record<string, string> = {};
const apps: string[] = [];

/**
 * The web compose file, but the container's own healthcheck only asks for `/` (it serves): the
 * application's /health, which a broken release lacks, is what the smoke test and the rollback's
 * health-command check. `init: true` forwards SIGTERM (busybox httpd as PID 1 ignores it), so a
 * replaced container stops at once instead of after Docker's 10 s stop timeout.
 */
function composeFile(port: number): string {
  return webComposeFile(port)
    .replace(`http://127.0.0.1:${port}/health`, `http://127.0.0.1:${port}/`)
    .replace('    network_mode: host\n', '    network_mode: host\n    init: true\n');
}

async function newApp(name: string): Promise<{ appDir: string; port: number }> {
  const port = await freePort();
  const appDir = uniqueAppDir(name);
  apps.push(appDir);
  writeComposeApp(appDir, composeFile(port), 'OTHER=kept\n');
  return { appDir, port };
}

beforeAll(() => {
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2', { healthy: false });
  images['v3'] = buildWebImage(repo, 'v3');
});

afterAll(() => {
  for (const dir of apps) {
    composeDown(dir);
    removeAppDir(dir);
  }
});

function deploy(appDir: string, port: number, version: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      ...registryInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      image: images[version],
      'release-id': version,
      // the deploy's own gate only asks whether the container serves
      'health-command': `curl -fsS -o /dev/null http://127.0.0.1:${port}/`,
      'health-timeout': '20s',
    },
    timeoutMs: 170_000,
  });
}

function smokeTest(port: number): Promise<ActionResult> {
  return runAction('smoke-test', {
    inputs: { url: `http://127.0.0.1:${port}/health`, timeout: '3s', 'request-timeout': '1s' },
  });
}

function rollback(appDir: string, port: number, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      ...sshInputs(),
      ...registryInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
      'health-timeout': '15s',
      'health-interval': '500ms',
      reason: 'smoke test failed',
      ...extra,
    },
    env: { GITHUB_RUN_ID: '7001', GITHUB_ACTOR: 'rollback-bot' },
    timeoutMs: 170_000,
  });
}

const envFile = (appDir: string): string => readFileSync(join(appDir, '.env'), 'utf8');
const outcomes = (appDir: string): string[][] => readHistoryFile(appDir).map((e) => [e.id, e.outcome]);

describe('rollback, strategy compose', () => {
  let appDir: string;
  let port: number;

  it('deploy v1, a broken v2; the smoke test fails; rollback brings v1 back and marks v2 bad', async () => {
    ({ appDir, port } = await newApp('compose'));
    for (const v of ['v1', 'v2']) {
      const r = await deploy(appDir, port, v);
      expect(r.exitCode, r.log).toBe(0);
    }
    expect(await httpGet(port, '/')).toBe('<h1>v2</h1>\n');
    const smoke = await smokeTest(port);
    expect(smoke.exitCode).toBe(1);
    expect(smoke.outputs['passed']).toBe('false');

    const r = await rollback(appDir, port);
    expect(r.exitCode, r.log).toBe(0);
    // the container really serves v1 again
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(await httpGet(port, '/')).toBe('<h1>v1</h1>\n');
    expect(envFile(appDir)).toBe(`OTHER=kept\nIMAGE=${images['v1']}\n`);
    expect(r.outputs['rolled-back-from']).toBe('v2');
    expect(r.outputs['rolled-back-to']).toBe('v1');
    expect(Number(r.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(outcomes(appDir)).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
      ['v2', 'bad'],
      ['v1', 'deployed'],
    ]);
    const history = readHistoryFile(appDir);
    expect(history[2]).toMatchObject({
      note: 'rolled back to v1: smoke test failed',
      runId: '7001',
      actor: 'rollback-bot',
    });
    expect(history[3]).toMatchObject({
      image: images['v1'],
      strategy: 'compose',
      previous: 'v2',
      note: 'rollback from v2: smoke test failed',
    });
    expect(lockExists(appDir)).toBe(false);
    expect(r.log).toContain('[deploy@127.0.0.1:2222] runs v2; rolling back to v1');
    expect(r.log).toContain('health-command passed');
    expect(r.summary).toContain('rollback: `v2` → `v1` on 1 host');
    expect(r.summary).toContain('| deploy@127.0.0.1:2222 | ✅ rolled back | v2 | v1 |');
    expect(r.summary).toContain('Reason: smoke test failed');
    expectNoSecrets(r);
  });

  it('a rollback to a release whose health check fails is undone: v1 keeps serving, the history is unchanged', async () => {
    const before = readHistoryFile(appDir);
    const r = await rollback(appDir, port, { to: 'v2', 'health-timeout': '3s' });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('Rollback failed on 1 of 1 host(s)');
    expect(error).toContain('(failed in Activate)');
    expect(error).toContain('the health-command did not pass within 3.0s');
    expect(error).toContain('(what ran before was put back: it runs v1 again)');
    expect(r.log).toContain('release v2 is marked bad in the history; going back to it because');
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(envFile(appDir)).toBe(`OTHER=kept\nIMAGE=${images['v1']}\n`);
    expect(readHistoryFile(appDir)).toEqual(before);
    expect(lockExists(appDir)).toBe(false);
    expect(r.summary).toContain('❌ failed (Activate), restored');
    expectNoSecrets(r);
  });

  it('after a good v3, a second `previous` rollback skips the bad v2 and goes to v1', async () => {
    const d = await deploy(appDir, port, 'v3');
    expect(d.exitCode, d.log).toBe(0);
    expect(await httpGet(port, '/health')).toBe('v3\n');
    const r = await rollback(appDir, port, { reason: 'v3 misbehaves' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['rolled-back-from']).toBe('v3');
    expect(r.outputs['rolled-back-to']).toBe('v1');
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(outcomes(appDir).slice(-3)).toEqual([
      ['v3', 'deployed'],
      ['v3', 'bad'],
      ['v1', 'deployed'],
    ]);
  });

  it('from v1, the first release, there is nothing to go back to: a clear failure, nothing touched', async () => {
    const before = readHistoryFile(appDir);
    const r = await rollback(appDir, port);
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain(
      'Rollback refused, nothing was changed: deploy@127.0.0.1:2222: nothing to roll back to',
    );
    expect(error).toContain('v1 (deployed, running now), v2 (marked bad), v3 (marked bad)');
    expect(readHistoryFile(appDir)).toEqual(before);
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(lockExists(appDir)).toBe(false);
  });
});

describe('rollback with a single release in the history', () => {
  it('fails with a clear message and touches nothing', async () => {
    const { appDir, port } = await newApp('compose-single');
    const d = await deploy(appDir, port, 'v1');
    expect(d.exitCode, d.log).toBe(0);
    const history = readFileSync(join(appDir, '.ops-actions', 'history.jsonl'), 'utf8');
    const r = await rollback(appDir, port);
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain(
      'Rollback refused, nothing was changed: deploy@127.0.0.1:2222: nothing to roll back to: no release deployed before v1 is still good',
    );
    expect(r.errors.join('\n')).toContain('The history of this app directory: v1 (deployed, running now).');
    expect(readFileSync(join(appDir, '.ops-actions', 'history.jsonl'), 'utf8')).toBe(history);
    expect(envFile(appDir)).toBe(`OTHER=kept\nIMAGE=${images['v1']}\n`);
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(lockExists(appDir)).toBe(false);
    expect(r.outputs['rolled-back-to']).toBe('');
    expect(r.summary).toContain('rollback: refused — nothing was changed');
  });
});
