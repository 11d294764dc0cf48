// Verification of real recorded bundles (test/fixtures/provenance, from GitHub CLI's test data)
// with @sigstore/verify against the recorded public-good trusted root: the signature, certificate
// chain and Rekor entry are checked at the entry's integrated time; then the policy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attestationFacts } from '../../../lib/provenance/facts.js';
import { bundleFromJSON } from '@sigstore/bundle';
import {
  GITHUB_ACTIONS_ISSUER,
  type ProvenancePolicy,
  SLSA_PROVENANCE_V1,
} from '../../../lib/provenance/policy.js';
import { parseTrustedRoots } from '../../../lib/provenance/trusted-root.js';
import { verifiersFor, verifyBundles } from '../../../lib/provenance/verify.js';

const dir = new URL('../../fixtures/provenance/', import.meta.url);
const json = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Record<string, unknown>;
const REUSABLE = json('reusable-workflow-attestation.sigstore.json');
const CUSTOM = json('custom-issuer.sigstore.json');
const INVALID = json('sigstoreBundle-invalid-signature.json');
/** A release attestation signed by GitHub's Sigstore instance (Fulcio and TSA of GitHub, no Rekor entry). */
const GITHUB_INSTANCE = json('github_release_bundle.json');
const GITHUB_INSTANCE_DIGEST = 'sha256:e15b593c6ab8d7725a3cc82226ef816cac6bf9c70eed383bd459295cc65f5ec3';
const REUSABLE_DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';
const CUSTOM_DIGEST = 'sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d';
const verifiers = verifiersFor(
  parseTrustedRoots(readFileSync(new URL('trusted_root.json', dir), 'utf8'), 'fixture'),
);

const policy = (over: Partial<ProvenancePolicy> = {}): ProvenancePolicy => ({
  repository: 'malancas/attest-demo',
  owner: undefined,
  signerWorkflow: undefined,
  signerRepo: 'bdehamer/workflows',
  sourceRef: undefined,
  predicateType: SLSA_PROVENANCE_V1,
  issuer: GITHUB_ACTIONS_ISSUER,
  denySelfHostedRunners: true,
  serverUrl: 'https://github.com',
  ...over,
});

/** The same bundle with one byte of its DSSE signature changed. */
function tampered(bundle: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(bundle) as { dsseEnvelope: { signatures: { sig: string }[] } };
  const sig = Buffer.from(copy.dsseEnvelope.signatures[0]?.sig ?? '', 'base64');
  sig[sig.length - 5] = (sig[sig.length - 5] ?? 0) ^ 0x01;
  (copy.dsseEnvelope.signatures[0] as { sig: string }).sig = sig.toString('base64');
  return copy as unknown as Record<string, unknown>;
}

describe('verifyBundles with recorded attestations', () => {
  it('reads the signer, source repository and ref from the recorded certificate', () => {
    expect(attestationFacts(bundleFromJSON(REUSABLE))).toEqual({
      subjectDigests: [REUSABLE_DIGEST],
      predicateType: SLSA_PROVENANCE_V1,
      issuer: GITHUB_ACTIONS_ISSUER,
      signerWorkflowUri: 'https://github.com/bdehamer/workflows/.github/workflows/attest.yml@refs/heads/main',
      sourceRepositoryUri: 'https://github.com/malancas/attest-demo',
      sourceRepositoryOwnerUri: 'https://github.com/malancas',
      sourceRef: 'refs/heads/main',
      runnerEnvironment: 'github-hosted',
    });
  });

  it('accepts the reusable-workflow attestation for its digest (certificate long expired: verified at the log time)', () => {
    expect(verifyBundles([REUSABLE], REUSABLE_DIGEST, policy(), verifiers)).toEqual({
      ok: true,
      signerWorkflow: 'bdehamer/workflows/.github/workflows/attest.yml@refs/heads/main',
      sourceRepository: 'malancas/attest-demo',
      sourceRef: 'refs/heads/main',
    });
  });

  it('refuses each wrong thing with its reason', () => {
    const r = (bundles: unknown[], digest: string, p: ProvenancePolicy): string => {
      const v = verifyBundles(bundles, digest, p, verifiers);
      return v.ok ? 'ok' : v.reason;
    };
    expect(r([], REUSABLE_DIGEST, policy())).toBe('no-attestation');
    expect(r([REUSABLE], CUSTOM_DIGEST, policy())).toBe('wrong-subject');
    expect(r([REUSABLE], REUSABLE_DIGEST, policy({ repository: 'acme/shop' }))).toBe('wrong-repository');
    expect(r([REUSABLE], REUSABLE_DIGEST, policy({ signerRepo: undefined }))).toBe('wrong-workflow');
    expect(r([REUSABLE], REUSABLE_DIGEST, policy({ sourceRef: 'refs/tags/v1.0.0' }))).toBe(
      'wrong-source-ref',
    );
    expect(r([tampered(REUSABLE)], REUSABLE_DIGEST, policy())).toBe('bad-signature');
    expect(r([INVALID], REUSABLE_DIGEST, policy())).toBe('bad-signature');
    const custom = policy({ repository: 'too-legit/attest', signerRepo: undefined });
    expect(r([CUSTOM], CUSTOM_DIGEST, custom)).toBe('wrong-issuer');
    expect(r([CUSTOM], CUSTOM_DIGEST, { ...custom, issuer: `${GITHUB_ACTIONS_ISSUER}/hammer-time` })).toBe(
      'ok',
    );
  });

  it('one passing attestation among failing ones is enough; otherwise the furthest refusal is reported', () => {
    expect(verifyBundles([tampered(REUSABLE), REUSABLE], REUSABLE_DIGEST, policy(), verifiers).ok).toBe(true);
    const v = verifyBundles(
      [tampered(REUSABLE), REUSABLE],
      REUSABLE_DIGEST,
      policy({ repository: 'acme/shop' }),
      verifiers,
    );
    expect(v).toMatchObject({ ok: false, reason: 'wrong-repository' });
  });

  it('a trusted root without the signing CA: signed by an instance the root does not hold', () => {
    const root = json('trusted_root.json') as { certificateAuthorities: unknown[] };
    const other = verifiersFor(
      parseTrustedRoots(
        JSON.stringify({ ...root, certificateAuthorities: root.certificateAuthorities.slice(0, 1) }),
        'x',
      ),
    );
    const v = verifyBundles([REUSABLE], REUSABLE_DIGEST, policy(), other);
    expect(v).toMatchObject({ ok: false, reason: 'untrusted-instance' });
    expect(v.ok ? '' : v.message).toContain('O=sigstore.dev, CN=sigstore-intermediate');
    expect(v.ok ? '' : v.message).not.toContain('GitHub');
  });

  it("a bundle of GitHub's own Sigstore instance without its root says to record it with gh attestation trusted-root", () => {
    // @sigstore/tuf ships only the public-good TUF root: without `trusted-root`, GitHub's is not known
    const v = verifyBundles([GITHUB_INSTANCE], GITHUB_INSTANCE_DIGEST, policy(), verifiers);
    expect(v).toEqual({
      ok: false,
      reason: 'untrusted-instance',
      message:
        "it was signed by GitHub's own Sigstore instance (O=GitHub, Inc., CN=Fulcio Intermediate l1), which private repositories' attestations use, and the trusted root does not hold it: without `trusted-root` only Sigstore public-good is trusted.",
      fix: "Record GitHub's trusted roots in the repository with `gh attestation trusted-root > .github/trusted_root.jsonl` (public-good and GitHub's instance, one per line), commit it, and set `trusted-root: .github/trusted_root.jsonl`.",
    });
  });

  it('a bundle whose CA is in the root but whose signature is wrong stays a bad signature', () => {
    const v = verifyBundles([tampered(REUSABLE)], REUSABLE_DIGEST, policy(), verifiers);
    expect(v).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});
