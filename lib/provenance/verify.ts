// Verifies that a digest may be deployed: fetches its attestations from GitHub, verifies each
// bundle with @sigstore/verify (certificate chain to a trusted Fulcio CA at the signing time,
// the transparency-log entry or signed timestamp, the signature over the DSSE envelope) and then
// checks what the verifier does not: the in-toto subject is this digest, the predicate type, and
// the identity policy (lib/provenance/policy.ts). One attestation that passes everything is enough.
import { type Bundle, bundleFromJSON } from '@sigstore/bundle';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { errorMessage } from '../errors.js';
import { attestationFacts } from './facts.js';
import {
  type Accepted,
  evaluatePolicy,
  type ProvenancePolicy,
  REFUSAL_ORDER,
  type Refusal,
} from './policy.js';

/** One verifier per trusted root: public-good needs a Rekor entry; an instance without a
 * transparency log (GitHub's own) needs a signed timestamp instead, as `gh attestation verify` does. */
export function verifiersFor(roots: readonly TrustedRoot[]): Verifier[] {
  return roots.map((root) =>
    root.tlogs.length > 0
      ? new Verifier(toTrustMaterial(root))
      : new Verifier(toTrustMaterial(root), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 }),
  );
}

/** The verdict for one bundle (JSON as GitHub stores it). */
export function verifyBundle(
  json: unknown,
  digest: string,
  policy: ProvenancePolicy,
  verifiers: readonly Verifier[],
): Accepted | Refusal {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (error) {
    return badSignature(`the bundle is malformed (${errorMessage(error)}).`);
  }
  const errors: string[] = [];
  let verified = false;
  for (const verifier of verifiers) {
    try {
      verifier.verify(toSignedEntity(bundle));
      verified = true;
      break;
    } catch (error) {
      errors.push(errorMessage(error));
    }
  }
  if (!verified) return badSignature(`${[...new Set(errors)].join('; ')}.`);
  let facts;
  try {
    facts = attestationFacts(bundle);
  } catch (error) {
    return {
      ok: false,
      reason: 'wrong-predicate-type',
      message: `${errorMessage(error)}.`,
      fix: 'Attest the image with build-push `attest: true` (SLSA provenance for the pushed digest).',
    };
  }
  return evaluatePolicy(facts, digest, policy);
}

function badSignature(message: string): Refusal {
  return {
    ok: false,
    reason: 'bad-signature',
    message: `its signature does not verify against the trusted root: ${message}`,
    fix: "The attestation was altered or signed by an untrusted Sigstore instance. Re-run the build with `attest: true`; for a private repository (GitHub's Sigstore instance) give `trusted-root` from `gh attestation trusted-root`.",
  };
}

/** The best verdict over all bundles: the first that passes, else the refusal that got furthest. */
export function verifyBundles(
  bundles: readonly unknown[],
  digest: string,
  policy: ProvenancePolicy,
  verifiers: readonly Verifier[],
): Accepted | Refusal {
  if (bundles.length === 0) {
    return {
      ok: false,
      reason: 'no-attestation',
      message: `GitHub has no attestation for ${digest}${policy.repository ? ` in ${policy.repository}` : policy.owner ? ` under ${policy.owner}` : ''}.`,
      fix: 'Build and push the image with build-push `attest: true` (job permissions `id-token: write`, `attestations: write`) and deploy its `digest` output.',
    };
  }
  let best: Refusal | undefined;
  for (const json of bundles) {
    const verdict = verifyBundle(json, digest, policy, verifiers);
    if (verdict.ok) return verdict;
    if (!best || REFUSAL_ORDER.indexOf(verdict.reason) > REFUSAL_ORDER.indexOf(best.reason)) best = verdict;
  }
  return best as Refusal;
}
