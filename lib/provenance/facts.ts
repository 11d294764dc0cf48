// Reads the facts the policy checks (lib/provenance/policy.ts) out of a Sigstore bundle: the in-toto
// statement in its DSSE envelope and the GitHub Actions claims Fulcio put in the signing
// certificate (OIDs 1.3.6.1.4.1.57264.1.*, https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md).
// Only call it on a bundle @sigstore/verify has accepted: these are facts only once signed.
import type { Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import type { AttestationFacts } from './policy.js';

const FULCIO = '1.3.6.1.4.1.57264.1';
const OID = {
  issuerV1: `${FULCIO}.1`,
  issuer: `${FULCIO}.8`,
  runnerEnvironment: `${FULCIO}.11`,
  sourceRepositoryUri: `${FULCIO}.12`,
  sourceRef: `${FULCIO}.14`,
  sourceRepositoryOwnerUri: `${FULCIO}.16`,
} as const;

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** The facts of a verified bundle; throws when it holds no in-toto statement or no certificate. */
export function attestationFacts(bundle: Bundle): AttestationFacts {
  const cert = X509Certificate.parse(Buffer.from(leafCertificate(bundle)));
  const statement = inTotoStatement(bundle);
  return {
    subjectDigests: statement.subjectDigests,
    predicateType: statement.predicateType,
    issuer: utf8Extension(cert, OID.issuer) ?? rawExtension(cert, OID.issuerV1),
    signerWorkflowUri: cert.subjectAltName,
    sourceRepositoryUri: utf8Extension(cert, OID.sourceRepositoryUri),
    sourceRepositoryOwnerUri: utf8Extension(cert, OID.sourceRepositoryOwnerUri),
    sourceRef: utf8Extension(cert, OID.sourceRef),
    runnerEnvironment: utf8Extension(cert, OID.runnerEnvironment),
  };
}

/** The signing certificate of a bundle (DER); throws for a key-signed bundle. */
export function leafCertificate(bundle: Bundle): Buffer {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'certificate') return content.certificate.rawBytes;
  if (content.$case === 'x509CertificateChain') {
    const first = content.x509CertificateChain.certificates[0];
    if (first) return first.rawBytes;
  }
  throw new Error(
    'the bundle is signed with a key, not a Fulcio certificate: it says nothing about who built the image',
  );
}

function inTotoStatement(bundle: Bundle): { subjectDigests: string[]; predicateType: string } {
  if (bundle.content.$case !== 'dsseEnvelope') {
    throw new Error('the bundle signs a message, not an in-toto statement');
  }
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new Error(`the bundle's payload is ${envelope.payloadType}, not an in-toto statement`);
  }
  const statement = JSON.parse(envelope.payload.toString('utf8')) as {
    subject?: { digest?: Record<string, string> }[];
    predicateType?: string;
  };
  const subjectDigests = (statement.subject ?? []).flatMap((s) =>
    Object.entries(s.digest ?? {}).map(([alg, hex]) => `${alg.toLowerCase()}:${String(hex).toLowerCase()}`),
  );
  return { subjectDigests, predicateType: statement.predicateType ?? '' };
}

/** A Fulcio v2 extension: its value is a DER UTF8String. */
function utf8Extension(cert: X509Certificate, oid: string): string | undefined {
  const ext = cert.extension(oid);
  return ext?.valueObj.subs[0]?.value.toString('utf8') ?? undefined;
}

/** A Fulcio v1 extension: its value is the raw string. */
function rawExtension(cert: X509Certificate, oid: string): string | undefined {
  return cert.extension(oid)?.value.toString('utf8');
}
