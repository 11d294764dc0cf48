// verify-provenance on the ssh targets: which images of the release the hosts go back to are
// verified. Pure, so each kind of history entry is unit-tested: compose (one image, or each of a
// several-images deploy) and swarm (each service's image). Only digests: the history holds what was
// deployed, and a tag may point to another image now than when it was deployed and verified.
import { OperationError } from '../../lib/errors.js';
import type { ReleaseRef } from './choose.js';

const BY_DIGEST = /@sha256:[a-f0-9]{64}$/;

/** The distinct images of `to`, each by digest; throws (nothing has changed yet) when one is not. */
export function rollbackTargetImages(to: ReleaseRef): string[] {
  const images = to.images ? [...new Set(Object.values(to.images))] : to.image ? [to.image] : [];
  const what = `release ${to.id ?? '(unknown)'}`;
  if (images.length === 0) throw new OperationError(`verify-provenance: ${what} names no image to verify.`);
  const tag = images.find((i) => !BY_DIGEST.test(i));
  if (tag !== undefined) {
    throw new OperationError(
      `verify-provenance: ${what} runs ${tag}, which is a tag: it may point to another image now than when it was deployed, so it cannot be verified for a rollback. ` +
        'Roll back to a release deployed by digest (deploy-ssh with verify-provenance records the verified digest), or remove verify-provenance for this rollback.',
    );
  }
  return images;
}
