// The provenance policy as a pure function: every rule, with facts shaped like the recorded
// fixtures' certificates (test/fixtures/provenance/README.md).
import { describe, expect, it } from 'vitest';
import {
  type AttestationFacts,
  evaluatePolicy,
  GITHUB_ACTIONS_ISSUER,
  type ProvenancePolicy,
  SLSA_PROVENANCE_V1,
} from '../../../lib/provenance/policy.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const facts = (over: Partial<AttestationFacts> = {}): AttestationFacts => ({
  subjectDigests: [DIGEST],
  predicateType: SLSA_PROVENANCE_V1,
  issuer: GITHUB_ACTIONS_ISSUER,
  signerWorkflowUri: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
  sourceRepositoryUri: 'https://github.com/acme/shop',
  sourceRepositoryOwnerUri: 'https://github.com/acme',
  sourceRef: 'refs/heads/main',
  runnerEnvironment: 'github-hosted',
  ...over,
});
const policy = (over: Partial<ProvenancePolicy> = {}): ProvenancePolicy => ({
  repository: 'acme/shop',
  owner: undefined,
  signerWorkflow: undefined,
  signerRepo: undefined,
  sourceRef: undefined,
  predicateType: SLSA_PROVENANCE_V1,
  issuer: GITHUB_ACTIONS_ISSUER,
  denySelfHostedRunners: true,
  serverUrl: 'https://github.com',
  ...over,
});
const reason = (f: AttestationFacts, p: ProvenancePolicy, digest = DIGEST): string => {
  const v = evaluatePolicy(f, digest, p);
  return v.ok ? 'ok' : v.reason;
};

describe('evaluatePolicy', () => {
  it('accepts an attestation of this repository’s workflow and says who built it', () => {
    expect(evaluatePolicy(facts(), DIGEST, policy())).toEqual({
      ok: true,
      signerWorkflow: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
      sourceRepository: 'acme/shop',
      sourceRef: 'refs/heads/main',
    });
  });

  it('refuses an attestation whose in-toto subject is another digest', () => {
    const v = evaluatePolicy(facts(), `sha256:${'cd'.repeat(32)}`, policy());
    expect(v).toMatchObject({ ok: false, reason: 'wrong-subject' });
    expect(v.ok ? '' : v.message).toContain(DIGEST);
  });

  it('refuses another predicate type (the verifier does not look at it)', () => {
    expect(reason(facts({ predicateType: 'https://spdx.dev/Document/v2.3' }), policy())).toBe(
      'wrong-predicate-type',
    );
    expect(
      reason(
        facts({ predicateType: 'https://spdx.dev/Document/v2.3' }),
        policy({ predicateType: 'https://spdx.dev/Document/v2.3' }),
      ),
    ).toBe('ok');
  });

  it('refuses another issuer, and names the input to set for an enterprise issuer', () => {
    const custom = facts({ issuer: `${GITHUB_ACTIONS_ISSUER}/hammer-time` });
    const v = evaluatePolicy(custom, DIGEST, policy());
    expect(v).toMatchObject({ ok: false, reason: 'wrong-issuer' });
    expect(v.ok ? '' : v.fix).toContain(`cert-oidc-issuer: ${GITHUB_ACTIONS_ISSUER}/hammer-time`);
    expect(reason(custom, policy({ issuer: `${GITHUB_ACTIONS_ISSUER}/hammer-time` }))).toBe('ok');
  });

  it('refuses an image built from another repository', () => {
    const v = evaluatePolicy(
      facts({ sourceRepositoryUri: 'https://github.com/evil/shop' }),
      DIGEST,
      policy(),
    );
    expect(v).toMatchObject({ ok: false, reason: 'wrong-repository' });
    expect(v.ok ? '' : v.fix).toContain('provenance-repository');
  });

  it('compares the repository exactly: a prefix or a look-alike is not the repository', () => {
    expect(reason(facts({ sourceRepositoryUri: 'https://github.com/acme/shop-fork' }), policy())).toBe(
      'wrong-repository',
    );
    expect(
      reason(
        facts({ sourceRepositoryUri: 'https://github.com/acme/shopX' }),
        policy({ repository: 'acme/sho.' }),
      ),
    ).toBe('wrong-repository');
    expect(reason(facts({ sourceRepositoryUri: 'https://github.com/ACME/Shop' }), policy())).toBe('ok');
  });

  it('owner: any repository of the owner, none of another', () => {
    const p = policy({ repository: undefined, owner: 'acme' });
    expect(reason(facts(), p)).toBe('ok');
    expect(reason(facts({ sourceRepositoryOwnerUri: 'https://github.com/acme-evil' }), p)).toBe(
      'wrong-repository',
    );
  });

  it('by default the signer must be a workflow of the repository itself (as gh does)', () => {
    const reusable = facts({
      signerWorkflowUri: 'https://github.com/acme/workflows/.github/workflows/build.yml@refs/heads/main',
    });
    const v = evaluatePolicy(reusable, DIGEST, policy());
    expect(v).toMatchObject({ ok: false, reason: 'wrong-workflow' });
    expect(v.ok ? '' : v.fix).toContain('signer-repo: acme/workflows');
    // a repository whose name starts with ours is not ours
    expect(
      reason(
        facts({
          signerWorkflowUri: 'https://github.com/acme/shop-evil/.github/workflows/x.yml@refs/heads/main',
        }),
        policy(),
      ),
    ).toBe('wrong-workflow');
  });

  it('signer-repo admits that repository’s reusable workflows', () => {
    const reusable = facts({
      signerWorkflowUri: 'https://github.com/acme/workflows/.github/workflows/build.yml@refs/heads/main',
    });
    expect(reason(reusable, policy({ signerRepo: 'acme/workflows' }))).toBe('ok');
    expect(reason(facts(), policy({ signerRepo: 'acme/workflows' }))).toBe('wrong-workflow');
  });

  it('signer-workflow: that file at any ref, or at exactly the ref given; never a pattern', () => {
    expect(reason(facts(), policy({ signerWorkflow: 'acme/shop/.github/workflows/release.yml' }))).toBe('ok');
    expect(
      reason(facts(), policy({ signerWorkflow: 'acme/shop/.github/workflows/release.yml@refs/heads/main' })),
    ).toBe('ok');
    expect(
      reason(facts(), policy({ signerWorkflow: 'acme/shop/.github/workflows/release.yml@refs/tags/v1' })),
    ).toBe('wrong-workflow');
    expect(reason(facts(), policy({ signerWorkflow: 'acme/shop/.github/workflows/rel' }))).toBe(
      'wrong-workflow',
    );
    expect(reason(facts(), policy({ signerWorkflow: 'acme/shop/.github/workflows/.*.yml' }))).toBe(
      'wrong-workflow',
    );
  });

  it('source-ref: the build must have run on that ref', () => {
    expect(reason(facts(), policy({ sourceRef: 'refs/heads/main' }))).toBe('ok');
    expect(reason(facts({ sourceRef: 'refs/heads/feature' }), policy({ sourceRef: 'refs/heads/main' }))).toBe(
      'wrong-source-ref',
    );
  });

  it('deny-self-hosted-runners (default true) refuses a self-hosted build; false admits it', () => {
    const selfHosted = facts({ runnerEnvironment: 'self-hosted' });
    expect(reason(selfHosted, policy())).toBe('self-hosted-runner');
    expect(reason(selfHosted, policy({ denySelfHostedRunners: false }))).toBe('ok');
  });

  it('checks in order: the subject before the issuer before the repository', () => {
    const all = facts({ issuer: 'https://evil', sourceRepositoryUri: 'https://github.com/evil/x' });
    expect(reason(all, policy(), `sha256:${'00'.repeat(32)}`)).toBe('wrong-subject');
    expect(reason(all, policy())).toBe('wrong-issuer');
  });
});
