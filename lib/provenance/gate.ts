// What a deploy stage calls before it touches any server: for each image, resolve it to a digest,
// fetch and verify its attestations, and refuse with the reason and what to change — or log who
// built it and hand back the digest-pinned reference to deploy. Loaded lazily (only when
// `verify-provenance: true`), so stages that do not verify never load the Sigstore libraries.
import { OperationError } from '../errors.js';
import { fetchAttestationBundles } from './attestations-api.js';
import type { ProvenanceInputs } from './inputs.js';
import type { RefusalReason } from './policy.js';
import { imageParts, type RegistryCredentials, resolveDigest } from './resolve-digest.js';
import { loadTrustedRoots } from './trusted-root.js';
import { verifiersFor, verifyBundles } from './verify.js';

export interface VerifiedImage {
  /** The image as given. */
  image: string;
  digest: string;
  /** `repository@digest` (or the bare digest when a bare digest was given): what to deploy. */
  pinned: string;
  signerWorkflow: string;
  sourceRepository: string;
  sourceRef: string;
}

/** A refused image: `reason` says why, the message what to change. Nothing was deployed. */
export class ProvenanceRefusedError extends OperationError {
  override readonly name: string = 'ProvenanceRefusedError';
  constructor(
    readonly image: string,
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message, { image, reason });
  }
}

const TITLES: Record<RefusalReason, string> = {
  'no-attestation': 'no attestation',
  'bad-signature': 'bad signature',
  'untrusted-instance': 'signed by a Sigstore instance the trusted root does not hold',
  'wrong-subject': 'attestation for another digest',
  'wrong-predicate-type': 'wrong predicate type',
  'wrong-issuer': 'wrong issuer',
  'wrong-repository': 'wrong repository',
  'wrong-workflow': 'wrong signer workflow',
  'wrong-source-ref': 'wrong source ref',
  'self-hosted-runner': 'built on a self-hosted runner',
};

export interface GateOptions {
  log: (line: string) => void;
  /** Credentials for resolving a tag to its digest. */
  registry?: RegistryCredentials;
}

/** Verifies every image (in order); throws ProvenanceRefusedError at the first that fails. */
export async function verifyImagesProvenance(
  images: readonly string[],
  inputs: ProvenanceInputs,
  options: GateOptions,
): Promise<VerifiedImage[]> {
  const trust = verifiersFor(await loadTrustedRoots(inputs.trustedRoot));
  const out: VerifiedImage[] = [];
  for (const image of images) {
    const bare = /^sha256:[a-f0-9]{64}$/.test(image);
    const digest = bare ? image : await resolveDigest(image, options.registry);
    const bundles = await fetchAttestationBundles(
      {
        apiUrl: inputs.apiUrl,
        token: inputs.token,
        repository: inputs.policy.repository,
        owner: inputs.policy.owner,
      },
      digest,
    );
    const verdict = verifyBundles(bundles, digest, inputs.policy, trust);
    if (!verdict.ok) {
      throw new ProvenanceRefusedError(
        image,
        verdict.reason,
        `Refused to deploy ${image}${image.endsWith(digest) ? '' : ` (${digest})`}: ${TITLES[verdict.reason]} — ` +
          `${verdict.message} Nothing was deployed.\n  To fix: ${verdict.fix}`,
      );
    }
    const pinned = bare ? digest : `${imageParts(image).repository}@${digest}`;
    options.log(
      `Provenance verified: ${pinned} was built by ${verdict.signerWorkflow} from ${verdict.sourceRepository} at ${verdict.sourceRef}.`,
    );
    out.push({
      image,
      digest,
      pinned,
      signerWorkflow: verdict.signerWorkflow,
      sourceRepository: verdict.sourceRepository,
      sourceRef: verdict.sourceRef,
    });
  }
  return out;
}
