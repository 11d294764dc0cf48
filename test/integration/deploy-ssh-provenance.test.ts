// deploy-ssh with verify-provenance: the bundled action verifies the image's attestations (real
// recorded bundles served by the GitHub API fake) before any host is contacted. The "host" is a
// plain TCP listener that counts connections: a refusal must leave it at zero. A local image
// cannot have the recorded subject's digest, so the success path is a dry run: verified, the
// plan deploys the verified digest, and still nothing is contacted.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAttestation, type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { appDirs, sshInputs } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';

const FIXTURES = new URL('../fixtures/provenance/', import.meta.url);
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as unknown;
const TRUSTED_ROOT = new URL('trusted_root.json', FIXTURES).pathname;
const REUSABLE = fixture('reusable-workflow-attestation.sigstore.json');
const CUSTOM = fixture('custom-issuer.sigstore.json');
const GITHUB_INSTANCE = fixture('github_release_bundle.json');
const GITHUB_DIGEST = 'sha256:e15b593c6ab8d7725a3cc82226ef816cac6bf9c70eed383bd459295cc65f5ec3';
const DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';
const CUSTOM_DIGEST = 'sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d';
const REPO = 'malancas/attest-demo';
const IMAGE = `127.0.0.1:5000/attest-demo@${DIGEST}`;

const dirs = appDirs();
let listener: Server;
let port = 0;
let connections = 0;
let gh: FakeGitHub | undefined;
beforeAll(async () => {
  port = await freePort();
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
afterAll(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  dirs.removeAll();
});

async function deploy(
  attestations: FakeAttestation[],
  inputs: Record<string, string>,
  repository = REPO,
): Promise<{ r: ActionResult; connected: number }> {
  gh = await startFakeGitHub({ attestations });
  const before = connections;
  const r = await runAction('deploy-ssh', {
    inputs: {
      ...sshInputs([port]),
      'connect-timeout': '3s',
      strategy: 'compose',
      'app-dir': dirs.next('provenance'),
      image: IMAGE,
      'verify-provenance': 'true',
      'trusted-root': TRUSTED_ROOT,
      'provenance-token': gh.token,
      ...inputs,
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: repository },
  });
  return { r, connected: connections - before };
}

const errors = (r: ActionResult): string => r.errors.join('\n');

describe('deploy-ssh: verify-provenance', () => {
  it('dry run: the attested digest verifies, is logged with its signer, and the plan deploys it', async () => {
    const { r, connected } = await deploy([{ repository: REPO, digest: DIGEST, bundle: REUSABLE }], {
      'signer-repo': 'bdehamer/workflows',
      'dry-run': 'true',
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(
      `Provenance verified: ${IMAGE} was built by bdehamer/workflows/.github/workflows/attest.yml@refs/heads/main from malancas/attest-demo at refs/heads/main.`,
    );
    expect(r.log).toContain(IMAGE);
    expect(connected).toBe(0);
  });

  it.each([
    [
      'no attestation',
      [] as FakeAttestation[],
      { 'signer-repo': 'bdehamer/workflows' },
      REPO,
      /no attestation/,
    ],
    [
      'wrong repository',
      [{ repository: 'acme/shop', digest: DIGEST, bundle: REUSABLE }],
      { 'signer-repo': 'bdehamer/workflows' },
      'acme/shop',
      /wrong repository/,
    ],
    [
      'wrong signer workflow',
      [{ repository: REPO, digest: DIGEST, bundle: REUSABLE }],
      { 'signer-workflow': `${REPO}/.github/workflows/release.yml` },
      REPO,
      /wrong signer workflow/,
    ],
    [
      'wrong issuer',
      [{ repository: 'too-legit/attest', digest: CUSTOM_DIGEST, bundle: CUSTOM }],
      { image: `127.0.0.1:5000/attest@${CUSTOM_DIGEST}` },
      'too-legit/attest',
      /wrong issuer/,
    ],
    [
      "GitHub's Sigstore instance without its trusted root",
      [{ repository: 'bdehamer/delme', digest: GITHUB_DIGEST, bundle: GITHUB_INSTANCE }],
      { image: `127.0.0.1:5000/delme@${GITHUB_DIGEST}` },
      'bdehamer/delme',
      /signed by a Sigstore instance the trusted root does not hold — it was signed by GitHub's own Sigstore instance .*gh attestation trusted-root > \.github\/trusted_root\.jsonl.*trusted-root: \.github\/trusted_root\.jsonl/s,
    ],
  ] as const)(
    'refuses before connecting to any host: %s',
    async (_name, attestations, inputs, repository, reason) => {
      const { r, connected } = await deploy([...attestations], { ...inputs }, repository);
      expect(r.exitCode, r.log).not.toBe(0);
      expect(errors(r)).toMatch(/Refused to deploy .*Nothing was deployed\./);
      expect(errors(r)).toMatch(reason);
      expect(connected).toBe(0);
    },
  );

  it('a strategy without an image cannot verify provenance: refused as a configuration error', async () => {
    const { r, connected } = await deploy([], { strategy: 'script', image: '', script: 'true' });
    expect(r.exitCode).not.toBe(0);
    expect(errors(r)).toContain("Input 'verify-provenance'");
    expect(gh?.requests).toHaveLength(0);
    expect(connected).toBe(0);
  });
});
