// strategy compose when the registry is briefly unwell: a proxy in front of the real registry
// (test/helpers/flaky-registry.ts) answers 503 to the first manifest requests. The pull is tried
// again and the deploy succeeds; an image that does not exist fails at once, without retries.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { registryInputs, removeAppDir, sshInputs, uniqueAppDir, writeComposeApp } from '../helpers/server.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { freePort } from '../helpers/sshd.js';
import { type FlakyRegistry, startFlakyRegistry } from '../helpers/flaky-registry.js';
import { buildWebImage, composeDown, httpGet, webComposeFile } from '../helpers/web-image.js';

const repo = `ops-deploy-ssh/flaky-${randomBytes(3).toString('hex')}`;
let port: number;
let appDir: string;
let flaky: FlakyRegistry | undefined;

beforeAll(async () => {
  port = await freePort();
  appDir = uniqueAppDir('registry-retry');
  buildWebImage(repo, 'v1'); // pushed to the real registry; pulled below through the proxy
  writeComposeApp(appDir, webComposeFile(port));
});

afterAll(async () => {
  await flaky?.close();
  composeDown(appDir);
  removeAppDir(appDir);
});

function deploy(image: string, releaseId: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      image,
      'release-id': releaseId,
      ...registryInputs(),
      'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
      'health-timeout': '20s',
    },
    timeoutMs: 120_000,
  });
}

describe('strategy compose: a registry that is briefly unwell', () => {
  it('a pull that gets a 503 is tried again and the deploy succeeds', async () => {
    // docker falls back from a failed HEAD of the manifest to a GET: both get 503, so the pull fails once
    flaky = await startFlakyRegistry({ fail: (_m, path) => path.includes('/manifests/'), times: 2 });
    const image = `${flaky.host}/${repo}:v1`;
    const r = await deploy(image, 'flaky-1');
    expect(r.exitCode, r.log).toBe(0);
    expect(flaky.requests.filter((q) => q.failed)).toHaveLength(2);
    const retried = r.log.split('\n').filter((l) => l.includes('trying again in'));
    expect(retried, r.log).toHaveLength(1);
    expect(retried[0]).toMatch(/^::warning::.*docker compose pull .*503.*attempt 2 of 3/);
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expectNoSecrets(r);
  });

  it('an image that does not exist fails at once: no retry, nothing changed', async () => {
    flaky ??= await startFlakyRegistry({ fail: () => false, times: 0 });
    const r = await deploy(`${flaky.host}/${repo}:no-such-tag`, 'flaky-missing');
    expect(r.exitCode).toBe(1);
    expect(r.log).not.toContain('trying again in');
    const error = r.errors.join('\n');
    expect(error).toContain('(failed in Pull)');
    expect(error).toMatch(/manifest unknown|not found/);
    expect(await httpGet(port, '/health')).toBe('v1\n');
  });
});
