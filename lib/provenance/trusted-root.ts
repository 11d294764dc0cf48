// The Sigstore trusted roots a bundle is verified against. Either a recorded file (`trusted-root`:
// one trusted root as JSON, or several as JSON lines — what `gh attestation trusted-root` prints),
// or Sigstore's public-good root through TUF (@sigstore/tuf, with the root of trust it ships).
// @sigstore/tuf's seeds hold public-good's TUF repository only, none for GitHub's own instance
// (tuf-repo.github.com): private repositories' attestations need the recorded file, and a bundle of
// GitHub's instance without it is refused saying so (lib/provenance/verify.ts, untrustedInstance).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { ConfigurationError, errorMessage, OperationError } from '../errors.js';

export const TRUSTED_ROOT_INPUT = 'trusted-root';

/** Parses a trusted-root file: one JSON document, or one per line. */
export function parseTrustedRoots(text: string, where: string): TrustedRoot[] {
  const docs: unknown[] = [];
  try {
    docs.push(JSON.parse(text));
  } catch {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      try {
        docs.push(JSON.parse(line));
      } catch {
        throw new ConfigurationError(
          TRUSTED_ROOT_INPUT,
          `${where} is neither a trusted root (JSON) nor trusted roots one per line (JSON lines).`,
          `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl   # gh attestation trusted-root > .github/trusted_root.jsonl`,
        );
      }
    }
  }
  const roots = docs.map((d) => TrustedRoot.fromJSON(d));
  if (roots.length === 0 || roots.some((r) => r.certificateAuthorities.length === 0)) {
    throw new ConfigurationError(
      TRUSTED_ROOT_INPUT,
      `${where} holds no certificate authority: it is not a Sigstore trusted root.`,
      `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl`,
    );
  }
  return roots;
}

/** The roots: from `file` when given, else public-good through TUF (needs the network). */
export async function loadTrustedRoots(file: string | undefined): Promise<TrustedRoot[]> {
  if (file !== undefined) return parseTrustedRoots(readFileSync(file, 'utf8'), `'${file}'`);
  try {
    const { getTrustedRoot } = await import('@sigstore/tuf');
    const cachePath = join(process.env['RUNNER_TEMP'] || tmpdir(), 'ops-actions-sigstore-tuf');
    return [await getTrustedRoot({ cachePath })];
  } catch (error) {
    throw new OperationError(
      `Could not get Sigstore's trusted root through TUF: ${errorMessage(error)}. ` +
        `Give a recorded one with '${TRUSTED_ROOT_INPUT}' (gh attestation trusted-root > trusted_root.jsonl).`,
    );
  }
}
