// The provenance policy: what an attestation must say before a digest may be deployed. A pure
// function over facts already read from a cryptographically verified bundle (lib/provenance/verify.ts),
// so every rule is unit-tested without Sigstore. The checks mirror `gh attestation verify`:
// subject digest, predicate type, OIDC issuer, source repository (or owner), signer workflow (or
// signer repository), source ref, and the runner environment. Every identity is compared as an
// exact string (escaped and anchored, as gh's defaults are): no user text is ever a regex.

/** What the verified bundle says, read from its in-toto statement and its Fulcio certificate. */
export interface AttestationFacts {
  /** The statement's subject digests, as `algorithm:hex` (lower case). */
  subjectDigests: string[];
  /** The statement's predicateType. */
  predicateType: string;
  /** Certificate: OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8, or .1.1). */
  issuer: string | undefined;
  /** Certificate: the subject alternative name — the signer workflow URI, `https://github.com/o/r/.github/workflows/x.yml@ref`. */
  signerWorkflowUri: string | undefined;
  /** Certificate: Source Repository URI (.1.12), `https://github.com/o/r`. */
  sourceRepositoryUri: string | undefined;
  /** Certificate: Source Repository Owner URI (.1.16), `https://github.com/o`. */
  sourceRepositoryOwnerUri: string | undefined;
  /** Certificate: Source Repository Ref (.1.14), `refs/heads/main`. */
  sourceRef: string | undefined;
  /** Certificate: Runner Environment (.1.11), `github-hosted` or `self-hosted`. */
  runnerEnvironment: string | undefined;
}

export interface ProvenancePolicy {
  /** `owner/name` the image must have been built from (default: this repository). Or `owner`. */
  repository: string | undefined;
  /** Only the owner is checked (instead of repository). */
  owner: string | undefined;
  /** `owner/repo/.github/workflows/file.yml`, optionally `@ref`: the workflow that signed. */
  signerWorkflow: string | undefined;
  /** `owner/repo`: any workflow of this repository may have signed (reusable workflows). */
  signerRepo: string | undefined;
  /** `refs/heads/main`, `refs/tags/v1.2.3`: the ref the build ran on. */
  sourceRef: string | undefined;
  /** Default `https://slsa.dev/provenance/v1`. */
  predicateType: string;
  /** Default `https://token.actions.githubusercontent.com`. */
  issuer: string;
  /** Refuse attestations signed on self-hosted runners (default true). */
  denySelfHostedRunners: boolean;
  /** `https://github.com` (GITHUB_SERVER_URL): the host of every identity URI. */
  serverUrl: string;
}

export type RefusalReason =
  | 'no-attestation'
  | 'bad-signature'
  | 'untrusted-instance'
  | 'wrong-subject'
  | 'wrong-predicate-type'
  | 'wrong-issuer'
  | 'wrong-repository'
  | 'wrong-workflow'
  | 'wrong-source-ref'
  | 'self-hosted-runner';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** What is wrong, with the values seen. */
  message: string;
  /** What to change: the input to set, or what to build. */
  fix: string;
}

export interface Accepted {
  ok: true;
  signerWorkflow: string;
  sourceRepository: string;
  sourceRef: string;
}

export type Verdict = Accepted | Refusal;

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** How far a refusal got: the attestation that failed latest is the one worth reporting. */
export const REFUSAL_ORDER: readonly RefusalReason[] = [
  'no-attestation',
  'bad-signature',
  'untrusted-instance',
  'wrong-subject',
  'wrong-predicate-type',
  'wrong-issuer',
  'wrong-repository',
  'wrong-workflow',
  'wrong-source-ref',
  'self-hosted-runner',
];

const same = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Checks one verified attestation against the policy for `digest` (`sha256:<hex>`). */
export function evaluatePolicy(facts: AttestationFacts, digest: string, policy: ProvenancePolicy): Verdict {
  const server = policy.serverUrl.replace(/\/+$/, '');
  const refuse = (reason: RefusalReason, message: string, fix: string): Refusal => ({
    ok: false,
    reason,
    message,
    fix,
  });

  if (!facts.subjectDigests.some((d) => d.toLowerCase() === digest.toLowerCase())) {
    return refuse(
      'wrong-subject',
      `the attestation is for ${facts.subjectDigests.join(', ') || 'no subject'}, not for ${digest}.`,
      'Deploy the digest build-push attested (its `digest` output), not a rebuilt or retagged image.',
    );
  }
  if (facts.predicateType !== policy.predicateType) {
    return refuse(
      'wrong-predicate-type',
      `its predicate type is ${facts.predicateType}, not ${policy.predicateType}.`,
      `Attest with build-push \`attest: true\` (SLSA provenance v1), or set \`predicate-type: ${facts.predicateType}\` if that is intended.`,
    );
  }
  if (facts.issuer !== policy.issuer) {
    return refuse(
      'wrong-issuer',
      `its certificate was issued for the OIDC issuer ${facts.issuer ?? '(none)'}, not ${policy.issuer}.`,
      `If your enterprise uses its own issuer, set \`cert-oidc-issuer: ${facts.issuer ?? '…'}\`; otherwise this image was not built by GitHub Actions.`,
    );
  }
  if (policy.owner !== undefined) {
    if (!same(facts.sourceRepositoryOwnerUri, `${server}/${policy.owner}`)) {
      return refuse(
        'wrong-repository',
        `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from a repository of ${policy.owner}.`,
        `Deploy an image built by a workflow of ${policy.owner}, or set \`provenance-owner\` to the owner that builds it.`,
      );
    }
  } else if (policy.repository !== undefined) {
    if (!same(facts.sourceRepositoryUri, `${server}/${policy.repository}`)) {
      return refuse(
        'wrong-repository',
        `it was built from ${facts.sourceRepositoryUri ?? '(unknown repository)'}, not from ${server}/${policy.repository}.`,
        `Deploy an image built by ${policy.repository}'s own workflow, or set \`provenance-repository\` to the repository that builds it.`,
      );
    }
  }
  const workflow = facts.signerWorkflowUri ?? '';
  const workflowOk = signerMatches(workflow, policy, server);
  if (!workflowOk.ok) {
    return refuse(
      'wrong-workflow',
      `it was signed by ${workflow || '(no workflow)'}, ${workflowOk.expected}.`,
      workflowOk.fix,
    );
  }
  if (policy.sourceRef !== undefined && facts.sourceRef !== policy.sourceRef) {
    return refuse(
      'wrong-source-ref',
      `it was built from ${facts.sourceRef ?? '(unknown ref)'}, not ${policy.sourceRef}.`,
      `Deploy an image built on ${policy.sourceRef}, or change \`source-ref\`.`,
    );
  }
  if (policy.denySelfHostedRunners && facts.runnerEnvironment !== 'github-hosted') {
    return refuse(
      'self-hosted-runner',
      `it was built on a ${facts.runnerEnvironment ?? 'runner of unknown kind'}, not a GitHub-hosted runner.`,
      'Build on a GitHub-hosted runner, or set `deny-self-hosted-runners: false` if you trust your own runners.',
    );
  }
  return {
    ok: true,
    signerWorkflow: workflow.startsWith(`${server}/`) ? workflow.slice(server.length + 1) : workflow,
    sourceRepository: (facts.sourceRepositoryUri ?? '').replace(`${server}/`, ''),
    sourceRef: facts.sourceRef ?? '',
  };
}

function signerMatches(
  workflowUri: string,
  policy: ProvenancePolicy,
  server: string,
): { ok: true } | { ok: false; expected: string; fix: string } {
  const lower = workflowUri.toLowerCase();
  if (policy.signerWorkflow !== undefined) {
    const wanted = `${server}/${policy.signerWorkflow}`.toLowerCase();
    // with @ref: exactly that; without: that file at any ref
    const ok = policy.signerWorkflow.includes('@') ? lower === wanted : lower.startsWith(`${wanted}@`);
    return ok
      ? { ok: true }
      : {
          ok: false,
          expected: `not by ${policy.signerWorkflow}`,
          fix: `Build with the workflow \`signer-workflow\` names, or set \`signer-workflow\` to ${stripRef(workflowUri, server) || 'the workflow that builds the image'}.`,
        };
  }
  const repo = policy.signerRepo ?? policy.repository ?? policy.owner;
  if (repo === undefined) return { ok: true };
  const ok = lower.startsWith(`${server}/${repo}/`.toLowerCase());
  if (ok) return { ok: true };
  const signer = stripRef(workflowUri, server);
  const signerRepo = signer.split('/').slice(0, 2).join('/');
  return {
    ok: false,
    expected: `not by a workflow of ${repo}`,
    fix:
      policy.signerRepo !== undefined
        ? `Set \`signer-repo\` to the repository whose workflow signs (${signerRepo || '…'}), or build with ${repo}'s workflow.`
        : `If a reusable workflow of another repository builds and attests, set \`signer-repo: ${signerRepo || 'owner/repo'}\` (or \`signer-workflow: ${signer || 'owner/repo/.github/workflows/build.yml'}\`).`,
  };
}

/** `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main` → `o/r/.github/workflows/x.yml`. */
function stripRef(uri: string, server: string): string {
  const path = uri.startsWith(`${server}/`) ? uri.slice(server.length + 1) : uri;
  const at = path.indexOf('@');
  return at >= 0 ? path.slice(0, at) : path;
}
