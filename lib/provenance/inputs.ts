// The provenance inputs every deploy stage shares (deploy-ssh, deploy-koyeb, rollback), read and
// checked once with the stage's other inputs, before anything is contacted. Light on purpose: the
// Sigstore libraries load only when `verify-provenance` is true (lib/provenance/gate.ts).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { GITHUB_ACTIONS_ISSUER, type ProvenancePolicy, SLSA_PROVENANCE_V1 } from './policy.js';

export const PROVENANCE_INPUTS = {
  verify: 'verify-provenance',
  repository: 'provenance-repository',
  owner: 'provenance-owner',
  signerWorkflow: 'signer-workflow',
  signerRepo: 'signer-repo',
  sourceRef: 'source-ref',
  predicateType: 'predicate-type',
  issuer: 'cert-oidc-issuer',
  denySelfHosted: 'deny-self-hosted-runners',
  trustedRoot: 'trusted-root',
  token: 'provenance-token',
} as const;

export interface ProvenanceInputs {
  policy: ProvenancePolicy;
  /** Absolute path of a recorded trusted root; undefined: public-good through TUF. */
  trustedRoot: string | undefined;
  /** `provenance-token`, else `github-token` (masked): reads the attestations. */
  token: string | undefined;
  /** GITHUB_API_URL. */
  apiUrl: string;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const OWNER = /^[A-Za-z0-9_.-]+$/;
const WORKFLOW =
  /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[A-Za-z0-9_./-]+\.ya?ml(@[^\s@]+)?$/;

/** undefined when `verify-provenance` is false (the default). */
export function readProvenanceInputs(
  inputs: Inputs,
  env: NodeJS.ProcessEnv = process.env,
): ProvenanceInputs | undefined {
  const n = PROVENANCE_INPUTS;
  if (!inputs.boolean(n.verify, false)) return undefined;
  const owner = inputs.optionalString(n.owner);
  let repository = inputs.optionalString(n.repository);
  if (owner !== undefined && repository !== undefined) {
    throw new ConfigurationError(
      n.owner,
      `give '${n.repository}' or '${n.owner}', not both.`,
      `${n.repository}: acme/shop`,
    );
  }
  if (owner !== undefined && !OWNER.test(owner)) {
    throw new ConfigurationError(
      n.owner,
      `'${owner}' is not a GitHub user or organization name.`,
      `${n.owner}: acme`,
    );
  }
  if (owner === undefined) {
    repository ??= env['GITHUB_REPOSITORY'] || undefined;
    if (repository === undefined || !REPO.test(repository)) {
      throw new ConfigurationError(
        n.repository,
        repository === undefined
          ? 'is required outside GitHub Actions (GITHUB_REPOSITORY is not set): the repository whose workflow builds the image.'
          : `'${repository}' is not owner/name.`,
        `${n.repository}: acme/shop`,
      );
    }
  }
  const signerWorkflow = inputs.optionalString(n.signerWorkflow)?.replace(/^https:\/\/[^/]+\//, '');
  const signerRepo = inputs.optionalString(n.signerRepo);
  if (signerWorkflow !== undefined && signerRepo !== undefined) {
    throw new ConfigurationError(
      n.signerWorkflow,
      `give '${n.signerWorkflow}' or '${n.signerRepo}', not both.`,
      `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`,
    );
  }
  if (signerWorkflow !== undefined && !WORKFLOW.test(signerWorkflow)) {
    throw new ConfigurationError(
      n.signerWorkflow,
      `'${signerWorkflow}' is not owner/repo/.github/workflows/<file>.yml (optionally @<ref>). It is matched exactly, not as a pattern.`,
      `${n.signerWorkflow}: acme/shop/.github/workflows/release.yml`,
    );
  }
  if (signerRepo !== undefined && !REPO.test(signerRepo)) {
    throw new ConfigurationError(
      n.signerRepo,
      `'${signerRepo}' is not owner/name.`,
      `${n.signerRepo}: acme/build-workflows`,
    );
  }
  const sourceRef = inputs.optionalString(n.sourceRef);
  if (sourceRef !== undefined && !/^refs\/(heads|tags|pull)\/\S+$/.test(sourceRef)) {
    throw new ConfigurationError(
      n.sourceRef,
      `'${sourceRef}' is not a full git ref (refs/heads/… or refs/tags/…).`,
      `${n.sourceRef}: refs/heads/main`,
    );
  }
  const predicateType = inputs.string(n.predicateType, { default: SLSA_PROVENANCE_V1 });
  if (!/^https?:\/\/\S+$/.test(predicateType)) {
    throw new ConfigurationError(
      n.predicateType,
      `'${predicateType}' is not a predicate type URI.`,
      `${n.predicateType}: ${SLSA_PROVENANCE_V1}`,
    );
  }
  const issuer = inputs.string(n.issuer, { default: GITHUB_ACTIONS_ISSUER });
  if (!/^https:\/\/\S+$/.test(issuer)) {
    throw new ConfigurationError(
      n.issuer,
      `'${issuer}' is not an https:// issuer URL.`,
      `${n.issuer}: ${GITHUB_ACTIONS_ISSUER}`,
    );
  }
  const rootInput = inputs.optionalString(n.trustedRoot);
  let trustedRoot: string | undefined;
  if (rootInput !== undefined) {
    trustedRoot = isAbsolute(rootInput)
      ? rootInput
      : resolve(env['GITHUB_WORKSPACE'] ?? process.cwd(), rootInput);
    if (!existsSync(trustedRoot) || !statSync(trustedRoot).isFile()) {
      throw new ConfigurationError(
        n.trustedRoot,
        `'${rootInput}' is not a file in the workspace (${trustedRoot}). Check out the repository first, or fix the path.`,
        `${n.trustedRoot}: .github/trusted_root.jsonl`,
      );
    }
  }
  return {
    policy: {
      repository: owner === undefined ? repository : undefined,
      owner,
      signerWorkflow,
      signerRepo,
      sourceRef,
      predicateType,
      issuer,
      denySelfHostedRunners: inputs.boolean(n.denySelfHosted, true),
      serverUrl: (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, ''),
    },
    trustedRoot,
    token: inputs.secret(n.token) ?? inputs.secret('github-token'),
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
  };
}
