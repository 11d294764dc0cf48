// rollback with target: koyeb and verify-provenance: the deployment to go back to is redeployed
// only if its image's attestation verifies (real recorded bundle served by the GitHub API fake);
// otherwise it is refused before Koyeb is asked to change anything.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { exampleDefinition, FakeKoyebApi, type FakeService } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { startServer, type TestServer } from '../helpers/http-servers.js';

const FIXTURES = new URL('../fixtures/provenance/', import.meta.url);
const TRUSTED_ROOT = new URL('trusted_root.json', FIXTURES).pathname;
const REUSABLE = JSON.parse(
  readFileSync(new URL('reusable-workflow-attestation.sigstore.json', FIXTURES), 'utf8'),
) as unknown;
const DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';
const REPO = 'malancas/attest-demo';
const ATTESTED = `ghcr.io/malancas/attest-demo@${DIGEST}`;
const UNATTESTED = `ghcr.io/malancas/attest-demo@sha256:${'1'.repeat(64)}`;

let koyeb: FakeKoyebApi;
let gh: FakeGitHub;
let svc: FakeService;

beforeEach(async () => {
  koyeb = await FakeKoyebApi.start();
  gh = await startFakeGitHub({ attestations: [{ repository: REPO, digest: DIGEST, bundle: REUSABLE }] });
});
afterEach(async () => {
  await koyeb.close();
  await gh.close();
});

function setup(previousImage: string): void {
  const app = koyeb.addApp({ name: 'shop' });
  svc = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/malancas/attest-demo:old' });
  koyeb.addDeployment(svc.id, { definition: exampleDefinition(previousImage), status: 'HEALTHY' });
  koyeb.addDeployment(svc.id, {
    definition: exampleDefinition(`ghcr.io/malancas/attest-demo@sha256:${'2'.repeat(64)}`),
    status: 'HEALTHY',
  });
}

/** A registry whose tag `v1` names the attested digest at the first HEAD and another digest after. */
async function movingTagRegistry(): Promise<TestServer> {
  const moved = `sha256:${'3'.repeat(64)}`;
  return startServer({
    '/v2/malancas/attest-demo/manifests/v1': (req) => ({
      status: 200,
      headers: { 'docker-content-digest': req.n === 1 ? DIGEST : moved },
    }),
  });
}

function rollback(): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      target: 'koyeb',
      'api-token': koyeb.token,
      'api-url': koyeb.url,
      app: 'shop',
      service: 'web',
      'poll-interval': '100ms',
      timeout: '20s',
      'verify-provenance': 'true',
      'signer-repo': 'bdehamer/workflows',
      'trusted-root': TRUSTED_ROOT,
      'provenance-token': gh.token,
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO },
  });
}

describe('rollback, target koyeb, verify-provenance', () => {
  it('redeploys the previous deployment when its image is attested', async () => {
    setup(ATTESTED);
    const r = await rollback();
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(`Provenance verified: ${ATTESTED} was built by bdehamer/workflows`);
    expect(koyeb.updates(svc.id)).toHaveLength(1);
  });

  it('a tag is resolved and verified once, and that digest is deployed: a tag that moves after the check is not', async () => {
    const registry = await movingTagRegistry();
    try {
      const repository = `127.0.0.1:${registry.port}/malancas/attest-demo`;
      setup(`${repository}:v1`);
      const r = await rollback();
      expect(r.exitCode, r.log).toBe(0);
      expect(r.log).toContain(`Provenance verified: ${repository}@${DIGEST} was built by bdehamer/workflows`);
      const updates = koyeb.updates(svc.id);
      expect(updates).toHaveLength(1);
      const sent = updates[0]?.body as { definition?: { docker?: { image?: string } } };
      // the verified digest, not the tag (which now names sha256:333…)
      expect(sent.definition?.docker?.image).toBe(`${repository}@${DIGEST}`);
      // the rest of the definition is the earlier deployment's, unchanged
      expect({ ...sent.definition, docker: { ...sent.definition?.docker, image: '' } }).toEqual({
        ...exampleDefinition(''),
      });
    } finally {
      await registry.close();
    }
  });

  it('refuses to go back to an image without attestation, and changes nothing', async () => {
    setup(UNATTESTED);
    const r = await rollback();
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(/Refused to deploy .*no attestation/);
    expect(koyeb.updates(svc.id)).toHaveLength(0);
  });
});
