// attest-push: true — the Sigstore bundle of an attestation is also pushed to the image's own
// repository as an OCI artifact whose `subject` is the image digest, as
// actions/attest-build-provenance `push-to-registry` does, with the same library (@sigstore/oci
// attachArtifactToImage). Registries with the referrers API list it there; others (distribution
// 2.x) get the referrers tag schema: an OCI index tagged `sha256-<hex>` listing it. Registries are
// reached over https, except localhost and 127.0.0.1 (http), as @sigstore/oci decides.
import { errorMessage, OperationError } from '../../lib/errors.js';
import { imageParts } from '../../lib/provenance/resolve-digest.js';

/** The media type (and so the artifactType) of a v0.3 Sigstore bundle. */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';

export interface AttestationPush {
  /** `registry/path` of the image, no tag (Docker Hub names get docker.io). */
  name: string;
  /** The pushed image's digest: the artifact's subject. */
  digest: string;
  /** The Sigstore bundle as JSON (what @actions/attest returned). */
  bundle: unknown;
  credentials: { username: string; password: string };
  /** Retries of each registry request after a 5xx, 408 or 429. */
  retries: number;
}

/** The fully qualified `registry/path` @sigstore/oci needs (it does not add docker.io itself). */
export function ociImageName(name: string): string {
  const { registry, path } = imageParts(name);
  return `${registry}/${path}`;
}

/** Pushes the bundle as a referrer of the image; returns the artifact manifest's digest. */
export async function pushAttestation(push: AttestationPush): Promise<string> {
  const { attachArtifactToImage } = await import('@sigstore/oci');
  const bundle = push.bundle as { mediaType?: unknown };
  const mediaType = typeof bundle.mediaType === 'string' ? bundle.mediaType : BUNDLE_MEDIA_TYPE;
  try {
    const descriptor = await attachArtifactToImage({
      imageName: ociImageName(push.name),
      imageDigest: push.digest,
      artifact: Buffer.from(JSON.stringify(push.bundle)),
      mediaType,
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': PROVENANCE_PREDICATE,
      },
      credentials: push.credentials,
      // proxy/noProxy are required by the declared type (make-fetch-happen ships no types);
      // undefined keeps its default: the HTTPS_PROXY / NO_PROXY environment
      fetchOpts: { timeout: 30_000, retry: { retries: push.retries }, proxy: undefined, noProxy: undefined },
    });
    return descriptor.digest;
  } catch (error) {
    throw new OperationError(
      `attest-push: could not push the attestation of ${push.name}@${push.digest} to the registry: ${causeChain(error)}. ` +
        'The attestation itself was made and is stored in GitHub (verify-provenance finds it there); only the copy in the registry is missing. ' +
        'Check that username/password may push to this repository, or set attest-push: false.',
    );
  }
}

/** "Error uploading artifact to container registry" says little alone: add what caused it. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4;) {
    parts.push(errorMessage(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ');
}
