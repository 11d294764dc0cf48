// deploy-koyeb with verify-provenance: the bundled action (Node 24) fetches the digest's
// attestations from the fake GitHub API (test/fakes/github-api.ts), which serves REAL recorded
// Sigstore bundles (test/fixtures/provenance, GitHub CLI's test data), verifies them with
// @sigstore/verify against the recorded public-good trusted root, and only then talks to Koyeb.
// A verified subject deploys (the Koyeb fake does not need the image to exist); every refusal
// leaves Koyeb untouched: not one request, so certainly no update.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAttestation, type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { type FakeKoyebApi as Fake, FakeKoyebApi } from '../fakes/koyeb-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { startServer } from '../helpers/http-servers.js';

const FIXTURES = new URL('../fixtures/provenance/', import.meta.url);
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;
const TRUSTED_ROOT = new URL('trusted_root.json', FIXTURES).pathname;
const REUSABLE = fixture('reusable-workflow-attestation.sigstore.json');
const CUSTOM = fixture('custom-issuer.sigstore.json');
const INVALID = fixture('sigstoreBundle-invalid-signature.json');
// the subjects of the recorded attestations
const REUSABLE_DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';
const CUSTOM_DIGEST = 'sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d';
const REUSABLE_REPO = 'malancas/attest-demo';

function tampered(bundle: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(bundle) as { dsseEnvelope: { signatures: { sig: string }[] } };
  const first = copy.dsseEnvelope.signatures[0] as { sig: string };
  const sig = Buffer.from(first.sig, 'base64');
  sig[sig.length - 5] = (sig[sig.length - 5] ?? 0) ^ 0x01;
  first.sig = sig.toString('base64');
  return copy as unknown as Record<string, unknown>;
}

let koyeb: Fake;
let gh: FakeGitHub | undefined;
beforeAll(async () => {
  koyeb = await FakeKoyebApi.start();
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
afterAll(async () => {
  await koyeb.close();
});

let n = 0;
async function deploy(
  attestations: FakeAttestation[],
  image: string,
  repository: string,
  inputs: Record<string, string> = {},
): Promise<{ r: ActionResult; serviceId: string; koyebRequests: number }> {
  gh = await startFakeGitHub({ attestations });
  const app = koyeb.addApp({ name: `prov${++n}` });
  const service = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:1.0.0' });
  const before = koyeb.requests.length;
  const r = await runAction('deploy-koyeb', {
    inputs: {
      'api-url': koyeb.url,
      'api-token': koyeb.token,
      'service-id': service.id,
      image,
      'poll-interval': '200ms',
      timeout: '30s',
      'verify-provenance': 'true',
      'trusted-root': TRUSTED_ROOT,
      'provenance-token': gh.token,
      ...inputs,
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: repository },
  });
  return { r, serviceId: service.id, koyebRequests: koyeb.requests.length - before };
}

const error = (r: ActionResult): string =>
  r.log
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .join('\n');

describe('deploy-koyeb: verify-provenance', () => {
  it('deploys a digest whose recorded attestation verifies, and logs who built it', async () => {
    const { r, serviceId } = await deploy(
      [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: REUSABLE }],
      `ghcr.io/malancas/attest-demo@${REUSABLE_DIGEST}`,
      REUSABLE_REPO,
      { 'signer-repo': 'bdehamer/workflows' },
    );
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(
      `Provenance verified: ghcr.io/malancas/attest-demo@${REUSABLE_DIGEST} was built by bdehamer/workflows/.github/workflows/attest.yml@refs/heads/main from malancas/attest-demo at refs/heads/main.`,
    );
    expect(gh?.requestsTo('GET', `/repos/${REUSABLE_REPO}/attestations/${REUSABLE_DIGEST}`)).toHaveLength(1);
    expect(koyeb.updates(serviceId)).toHaveLength(1);
    expect(koyeb.service(serviceId).active_deployment_id).toBeTruthy();
  });

  it('a tag is resolved once and the verified digest is deployed, even if the tag moves after the check', async () => {
    const moved = `sha256:${'3'.repeat(64)}`;
    const registry = await startServer({
      '/v2/malancas/attest-demo/manifests/v1': (req) => ({
        status: 200,
        headers: { 'docker-content-digest': req.n === 1 ? REUSABLE_DIGEST : moved },
      }),
    });
    try {
      const repository = `127.0.0.1:${registry.port}/malancas/attest-demo`;
      const { r, serviceId } = await deploy(
        [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: REUSABLE }],
        `${repository}:v1`,
        REUSABLE_REPO,
        { 'signer-repo': 'bdehamer/workflows' },
      );
      expect(r.exitCode, r.log).toBe(0);
      const [update] = koyeb.updates(serviceId);
      const sent = update?.body as { definition?: { docker?: { image?: string } } };
      expect(sent.definition?.docker?.image).toBe(`${repository}@${REUSABLE_DIGEST}`);
      expect(registry.hits('/v2/malancas/attest-demo/manifests/v1')).toHaveLength(1);
    } finally {
      await registry.close();
    }
  });

  it('a bare digest (build-push digest output) is verified as it is', async () => {
    const { r, serviceId } = await deploy(
      [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: REUSABLE }],
      REUSABLE_DIGEST,
      REUSABLE_REPO,
      { 'signer-workflow': 'bdehamer/workflows/.github/workflows/attest.yml' },
    );
    expect(r.exitCode, r.log).toBe(0);
    expect(koyeb.updates(serviceId)).toHaveLength(1);
  });

  const refusals: [string, () => Parameters<typeof deploy>, RegExp][] = [
    [
      'no attestation',
      () => [[], `ghcr.io/acme/shop@${REUSABLE_DIGEST}`, 'acme/shop', {}],
      /no attestation — GitHub has no attestation for sha256:07e4.* in acme\/shop\..*To fix: Build and push the image with build-push `attest: true`/s,
    ],
    [
      'wrong repository',
      () => [
        [{ repository: 'acme/shop', digest: REUSABLE_DIGEST, bundle: REUSABLE }],
        `ghcr.io/acme/shop@${REUSABLE_DIGEST}`,
        'acme/shop',
        { 'signer-repo': 'bdehamer/workflows' },
      ],
      /wrong repository — it was built from https:\/\/github.com\/malancas\/attest-demo, not from https:\/\/github.com\/acme\/shop.*provenance-repository/s,
    ],
    [
      'wrong signer workflow',
      () => [
        [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: REUSABLE }],
        `ghcr.io/malancas/attest-demo@${REUSABLE_DIGEST}`,
        REUSABLE_REPO,
        {},
      ],
      /wrong signer workflow — it was signed by https:\/\/github.com\/bdehamer\/workflows\/.github\/workflows\/attest.yml@refs\/heads\/main, not by a workflow of malancas\/attest-demo.*signer-repo: bdehamer\/workflows/s,
    ],
    [
      'wrong issuer',
      () => [
        [{ repository: 'too-legit/attest', digest: CUSTOM_DIGEST, bundle: CUSTOM }],
        `ghcr.io/too-legit/attest@${CUSTOM_DIGEST}`,
        'too-legit/attest',
        {},
      ],
      /wrong issuer — .*https:\/\/token.actions.githubusercontent.com\/hammer-time.*cert-oidc-issuer/s,
    ],
    [
      'tampered signature',
      () => [
        [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: tampered(REUSABLE) }],
        `ghcr.io/malancas/attest-demo@${REUSABLE_DIGEST}`,
        REUSABLE_REPO,
        { 'signer-repo': 'bdehamer/workflows' },
      ],
      /bad signature — its signature does not verify/s,
    ],
    [
      'invalid signature (recorded)',
      () => [
        [{ repository: REUSABLE_REPO, digest: REUSABLE_DIGEST, bundle: INVALID }],
        `ghcr.io/malancas/attest-demo@${REUSABLE_DIGEST}`,
        REUSABLE_REPO,
        { 'signer-repo': 'bdehamer/workflows' },
      ],
      /bad signature — its signature does not verify/s,
    ],
  ];

  it.each(refusals)('refuses before Koyeb is touched: %s', async (_name, args, message) => {
    const { r, serviceId, koyebRequests } = await deploy(...args());
    expect(r.exitCode, r.log).not.toBe(0);
    expect(error(r)).toMatch(/Refused to deploy .*Nothing was deployed\./);
    expect(error(r).replace(/%0A/g, '\n')).toMatch(message);
    expect(koyebRequests).toBe(0);
    expect(koyeb.updates(serviceId)).toHaveLength(0);
  });

  it('refuses a bad policy input before anything is contacted, naming the input', async () => {
    const { r, koyebRequests } = await deploy([], REUSABLE_DIGEST, REUSABLE_REPO, {
      'signer-workflow': '.*',
    });
    expect(r.exitCode).not.toBe(0);
    expect(error(r)).toContain("Input 'signer-workflow'");
    expect(gh?.requests).toHaveLength(0);
    expect(koyebRequests).toBe(0);
  });
});
