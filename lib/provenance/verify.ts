// Verifies that a digest may be deployed: fetches its attestations from GitHub, verifies each
// bundle with @sigstore/verify (certificate chain to a trusted Fulcio CA at the signing time,
// the transparency-log entry or signed timestamp, the signature over the DSSE envelope) and then
// checks what the verifier does not: the in-toto subject is this digest, the predicate type, and
// the identity policy (lib/provenance/policy.ts). One attestation that passes everything is enough.
import { type Bundle, bundleFromJSON } from '@sigstore/bundle';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { errorMessage } from '../errors.js';
import { attestationFacts, leafCertificate } from './facts.js';
import {
  type Accepted,
  evaluatePolicy,
  type ProvenancePolicy,
  REFUSAL_ORDER,
  type Refusal,
} from './policy.js';

/** What bundles are verified against: one verifier per trusted root, and the CAs the roots hold. */
export interface Trust {
  verifiers: Verifier[];
  /** The subject (DER) of every certificate of every root's certificate authorities. */
  caSubjects: Buffer[];
}

/** One verifier per trusted root: public-good needs a Rekor entry; an instance without a
 * transparency log (GitHub's own) needs a signed timestamp instead, as `gh attestation verify` does. */
export function verifiersFor(roots: readonly TrustedRoot[]): Trust {
  return {
    verifiers: roots.map((root) =>
      root.tlogs.length > 0
        ? new Verifier(toTrustMaterial(root))
        : new Verifier(toTrustMaterial(root), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 }),
    ),
    caSubjects: roots.flatMap((root) =>
      root.certificateAuthorities.flatMap((ca) =>
        (ca.certChain?.certificates ?? []).map((c) => X509Certificate.parse(Buffer.from(c.rawBytes)).subject),
      ),
    ),
  };
}

/** The verdict for one bundle (JSON as GitHub stores it). */
export function verifyBundle(
  json: unknown,
  digest: string,
  policy: ProvenancePolicy,
  trust: Trust,
): Accepted | Refusal {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (error) {
    return badSignature(`the bundle is malformed (${errorMessage(error)}).`);
  }
  const errors: string[] = [];
  let verified = false;
  for (const verifier of trust.verifiers) {
    try {
      verifier.verify(toSignedEntity(bundle));
      verified = true;
      break;
    } catch (error) {
      errors.push(errorMessage(error));
    }
  }
  if (!verified)
    return untrustedInstance(bundle, trust) ?? badSignature(`${[...new Set(errors)].join('; ')}.`);
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

/**
 * A bundle whose certificate was issued by a CA none of the trusted roots holds was not tampered
 * with: it comes from another Sigstore instance — for a private repository, GitHub's own, whose
 * root @sigstore/tuf does not ship (its seeds hold only public-good's TUF repository).
 */
function untrustedInstance(bundle: Bundle, trust: Trust): Refusal | undefined {
  let issuer: Buffer;
  try {
    issuer = X509Certificate.parse(Buffer.from(leafCertificate(bundle))).issuer;
  } catch {
    return undefined; // a key-signed bundle or a broken certificate: a bad signature
  }
  if (trust.caSubjects.some((s) => s.equals(issuer))) return undefined;
  const name = distinguishedName(issuer);
  if (/\bO=GitHub, Inc\./.test(name)) {
    return {
      ok: false,
      reason: 'untrusted-instance',
      message: `it was signed by GitHub's own Sigstore instance (${name}), which private repositories' attestations use, and the trusted root does not hold it: without \`trusted-root\` only Sigstore public-good is trusted.`,
      fix: "Record GitHub's trusted roots in the repository with `gh attestation trusted-root > .github/trusted_root.jsonl` (public-good and GitHub's instance, one per line), commit it, and set `trusted-root: .github/trusted_root.jsonl`.",
    };
  }
  return {
    ok: false,
    reason: 'untrusted-instance',
    message: `its certificate was issued by ${name || 'an unnamed CA'}, which no trusted root holds.`,
    fix: "Give `trusted-root` with that Sigstore instance's trusted root, or build with GitHub Actions' attestations (public-good, or GitHub's instance: `gh attestation trusted-root`).",
  };
}

const DN_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** `O=GitHub, Inc., CN=Fulcio Intermediate l1` from a Name's DER content (its RDN sets, as X509Certificate gives it). */
function distinguishedName(rdns: Buffer): string {
  const n = rdns.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  try {
    return ASN1Obj.parseBuffer(Buffer.concat([Buffer.from([0x30, ...length]), rdns]))
      .subs.flatMap((set) => set.subs)
      .map((attr) => {
        const [oid, value] = attr.subs;
        if (!oid || !value) return '';
        return `${DN_NAMES[oid.toOID()] ?? oid.toOID()}=${value.value.toString('utf8')}`;
      })
      .filter((part) => part !== '')
      .join(', ');
  } catch {
    return '';
  }
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
  trust: Trust,
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
    const verdict = verifyBundle(json, digest, policy, trust);
    if (verdict.ok) return verdict;
    if (!best || REFUSAL_ORDER.indexOf(verdict.reason) > REFUSAL_ORDER.indexOf(best.reason)) best = verdict;
  }
  return best as Refusal;
}
