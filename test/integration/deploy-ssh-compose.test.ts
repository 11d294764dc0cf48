// strategy compose against the real sshd, Docker Engine and authenticated registry: a FROM-scratch
// busybox web server, v1 then v2 (really served), then a broken v3 that is rolled back to v2.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
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

const repo = `ops-deploy-ssh/web-${randomBytes(3).toString('hex')}`;
let port: number;
let appDir: string;
const images: Record<string, string> = {};

beforeAll(async () => {
  port = await freePort();
  appDir = uniqueAppDir('compose');
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2');
  images['v3'] = buildWebImage(repo, 'v3', { healthy: false });
  writeComposeApp(appDir, webComposeFile(port), 'OTHER=kept\n');
});

afterAll(() => {
  composeDown(appDir);
  removeAppDir(appDir);
});

function deploy(version: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      image: images[version],
      'release-id': version,
      ...registryInputs(),
      'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
      'health-timeout': '20s',
      'command-timeout': '2m',
      ...extra,
    },
    timeoutMs: 170_000,
  });
}

describe('strategy compose', () => {
  it('deploys v1, then v2; the container really serves v2 and the history has both', async () => {
    const r1 = await deploy('v1');
    expect(r1.exitCode, r1.log).toBe(0);
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expectNoSecrets(r1);
    expect(r1.outputs['previous-release-id']).toBe('');
    expect(r1.outputs['previous-image']).toBe('');

    const r2 = await deploy('v2');
    expect(r2.exitCode, r2.log).toBe(0);
    expect(await httpGet(port, '/health')).toBe('v2\n');
    expectNoSecrets(r2);
    expect(r2.outputs['release-id']).toBe('v2');
    expect(r2.outputs['previous-release-id']).toBe('v1');
    expect(r2.outputs['previous-image']).toBe(images['v1']);
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe(`OTHER=kept\nIMAGE=${images['v2']}\n`);

    const history = readHistoryFile(appDir);
    expect(history.map((e) => [e.id, e.outcome, e.image, e.strategy])).toEqual([
      ['v1', 'deployed', images['v1'], 'compose'],
      ['v2', 'deployed', images['v2'], 'compose'],
    ]);
    expect(history[1]).toMatchObject({
      previous: 'v1',
      runId: '1000',
      actor: 'octocat',
      sha: '0123456789abcdef0123456789abcdef01234567',
    });
    // logs are grouped per phase and prefixed by host
    expect(r2.log).toContain('::group::Pull (1 host)');
    expect(r2.log).toContain('::group::Activate (1 host)');
    expect(r2.log).toContain('[deploy@127.0.0.1:2222] ▶ docker compose up -d --remove-orphans --wait');
    expect(r2.summary).toContain('| deploy@127.0.0.1:2222 | ✅ deployed |');
    expect(r2.summary).toContain(images['v2']);
  });

  it('deploying v2 again under its release id is refused before anything runs: v2 keeps serving', async () => {
    const before = readHistoryFile(appDir);
    const r = await deploy('v2');
    expect(r.exitCode, r.log).toBe(1);
    expect(r.errors.join('\n')).toContain('release v2 already exists on this host (deployed at ');
    expect(await httpGet(port, '/health')).toBe('v2\n');
    expect(readHistoryFile(appDir)).toEqual(before);
  });

  it('a v3 whose health check fails is not reported deployed: v2 is brought back and keeps serving', async () => {
    const r3 = await deploy('v3');
    expect(r3.exitCode).toBe(1);
    expect(await httpGet(port, '/health')).toBe('v2\n');
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe(`OTHER=kept\nIMAGE=${images['v2']}\n`);
    expect(r3.log).toContain(`undoing: restore .env (IMAGE=${images['v2']})`);
    const error = r3.errors.join('\n');
    expect(error).toContain('deploy@127.0.0.1:2222 (failed in Activate)');
    expect(error).toMatch(/docker compose up -d --remove-orphans --wait' exited with code \d+/);
    expect(r3.outputs['hosts-failed']).toBe('deploy@127.0.0.1:2222');
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
      ['v3', 'failed'],
    ]);
    expectNoSecrets(r3);
  });

  it('a wrong registry password fails in the pull phase, before anything changes', async () => {
    const r = await deploy('v1', {
      'registry-password': 'definitely-wrong-password',
      'release-id': 'v1-again',
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain('(failed in Pull)');
    expect(r.errors.join('\n')).toContain('docker login 127.0.0.1:5000');
    expect(r.log).not.toContain('trying again in'); // a refused login is not a passing trouble
    expect(r.log).not.toContain('definitely-wrong-password');
    expect(await httpGet(port, '/health')).toBe('v2\n');
  });
});
