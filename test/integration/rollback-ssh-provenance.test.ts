// rollback with the ssh target (strategy compose) and verify-provenance, against the real sshd and
// Docker: the release to go back to is read from the host's history, and its image must verify
// (real recorded bundle served by the GitHub API fake) before the env file or any container changes.
// The running release is a real image; the attested one exists only as a recorded attestation (its
// digest cannot be rebuilt here), so "proceeds" means: verified, the env file switched to it, the
// pull failed, and what ran before was put back — a rollback that went ahead, not a refusal.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { historyLine } from '../../lib/deploy/history.js';
import { type FakeAttestation, type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { loadTestEnv } from '../harness/env.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  asDeploy,
  lockExists,
  readHistoryFile,
  registryInputs,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
  writeComposeApp,
} from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { buildWebImage, composeDown, webComposeFile } from '../helpers/web-image.js';

const FIXTURES = new URL('../fixtures/provenance/', import.meta.url);
const TRUSTED_ROOT = new URL('trusted_root.json', FIXTURES).pathname;
const REUSABLE = JSON.parse(
  readFileSync(new URL('reusable-workflow-attestation.sigstore.json', FIXTURES), 'utf8'),
) as unknown;
const DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';
const REPO = 'malancas/attest-demo';
const registry = loadTestEnv().registry.host;
const ATTESTED = `${registry}/attest-demo@${DIGEST}`;
const UNATTESTED = `${registry}/attest-demo@sha256:${'1'.repeat(64)}`;

let running = '';
const apps: string[] = [];
let gh: FakeGitHub | undefined;

beforeAll(() => {
  running = buildWebImage(`ops-rollback-prov/web-${randomBytes(3).toString('hex')}`, 'v2');
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
afterAll(() => {
  for (const dir of apps) {
    composeDown(dir);
    removeAppDir(dir);
  }
});

/** An app whose history says v1 (`previous`) was deployed, then v2 (the running image). */
async function app(previous: string): Promise<{ appDir: string; port: number; env: string }> {
  const port = await freePort();
  const appDir = uniqueAppDir('rollback-prov');
  apps.push(appDir);
  const env = `OTHER=kept\nIMAGE=${running}\n`;
  writeComposeApp(appDir, webComposeFile(port), env);
  const time = new Date().toISOString();
  const lines = [
    historyLine({ id: 'v1', outcome: 'deployed', time, strategy: 'compose', image: previous }),
    historyLine({ id: 'v2', outcome: 'deployed', time, strategy: 'compose', image: running, previous: 'v1' }),
  ];
  asDeploy(
    `mkdir -p '${appDir}/.ops-actions' && printf '%s\\n' '${lines.join("' '")}' > '${appDir}/.ops-actions/history.jsonl'`,
  );
  return { appDir, port, env };
}

async function rollback(
  appDir: string,
  port: number,
  attestations: FakeAttestation[],
  extra: Record<string, string> = {},
): Promise<ActionResult> {
  gh = await startFakeGitHub({ attestations });
  return runAction('rollback', {
    inputs: {
      ...sshInputs(),
      ...registryInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
      'health-timeout': '15s',
      reason: 'smoke test failed',
      'verify-provenance': 'true',
      'signer-repo': 'bdehamer/workflows',
      'trusted-root': TRUSTED_ROOT,
      'provenance-token': gh.token,
      ...extra,
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO },
    timeoutMs: 170_000,
  });
}

const envFile = (appDir: string): string => readFileSync(join(appDir, '.env'), 'utf8');
const errors = (r: ActionResult): string => r.errors.join('\n');

describe('rollback, target ssh (compose), verify-provenance', () => {
  it('refuses to go back to an image without attestation: env file, containers and history untouched', async () => {
    const { appDir, port, env } = await app(UNATTESTED);
    const r = await rollback(appDir, port, [{ repository: REPO, digest: DIGEST, bundle: REUSABLE }]);
    expect(r.exitCode, r.log).toBe(1);
    expect(errors(r)).toMatch(/Rollback refused, nothing was changed: Refused to deploy .*: no attestation/);
    expect(gh?.requestsTo('GET', `/repos/${REPO}/attestations/sha256:${'1'.repeat(64)}`)).toHaveLength(1);
    expect(envFile(appDir)).toBe(env);
    expect(r.log).not.toContain('up -d --remove-orphans');
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
    ]);
    expect(lockExists(appDir)).toBe(false);
  });

  it('refuses a previous release recorded by tag (it may have moved since): deploy by digest', async () => {
    const { appDir, port, env } = await app(`${registry}/attest-demo:v1`);
    const r = await rollback(appDir, port, []);
    expect(r.exitCode, r.log).toBe(1);
    expect(errors(r)).toMatch(/Rollback refused, nothing was changed: .*attest-demo:v1, which is a tag/);
    expect(gh?.requests).toHaveLength(0);
    expect(envFile(appDir)).toBe(env);
  });

  it('goes ahead with a verified image: logged with its signer, then switched (its pull fails here, so v2 is put back)', async () => {
    const { appDir, port, env } = await app(ATTESTED);
    const r = await rollback(appDir, port, [{ repository: REPO, digest: DIGEST, bundle: REUSABLE }]);
    expect(r.log).toContain(
      `Provenance verified: ${ATTESTED} was built by bdehamer/workflows/.github/workflows/attest.yml@refs/heads/main from malancas/attest-demo at refs/heads/main.`,
    );
    // not a refusal: the rollback changed the host, failed on the missing image and undid it
    expect(r.exitCode, r.log).toBe(1);
    expect(errors(r)).not.toMatch(/refused/i);
    expect(errors(r)).toMatch(/Rollback failed on 1 of 1 host\(s\).*in Activate.*put back/s);
    expect(r.log).toContain(`set IMAGE=${ATTESTED} in .env`);
    expect(envFile(appDir)).toBe(env);
    expect(lockExists(appDir)).toBe(false);
  });
});
