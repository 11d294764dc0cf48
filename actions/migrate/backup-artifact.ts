// The backup kept as a workflow artifact (backup-artifact), with GitHub's own @actions/artifact:
// the runner's Actions results service (ACTIONS_RESULTS_URL + ACTIONS_RUNTIME_TOKEN) creates the
// artifact, the dump goes to the signed blob URL it returns, then the artifact is finalized. The
// library is imported only when an artifact is asked for, so other runs do not load it.
import { dirname } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';

export interface ArtifactSettings {
  name: string;
  /** 1–90 days. */
  retentionDays: number;
}

export interface ArtifactResult {
  id: number;
  name: string;
  /** Bytes uploaded (the zip holding the dump). */
  size: number;
  /** sha256 of the uploaded zip, as the library computed it. */
  digest: string | undefined;
}

/** The characters @actions/artifact refuses in a name (NTFS-safe names), checked before anything runs. */
const INVALID = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];

export function validateArtifactName(name: string): void {
  const bad = INVALID.filter((c) => name.includes(c));
  if (bad.length > 0 || name.trim() !== name) {
    throw new ConfigurationError(
      'backup-artifact',
      `'${name}' is not a valid artifact name: ${bad.length > 0 ? `it contains ${bad.map((c) => JSON.stringify(c)).join(' ')}` : 'it starts or ends with a space'} (artifact names may not contain " : < > | * ? \\ / or line breaks).`,
      'backup-artifact: db-backup-${{ github.run_id }}-${{ github.run_attempt }}',
    );
  }
}

/** The runner gives JavaScript actions these two; without them no artifact can be created. */
export function checkArtifactRuntime(env: NodeJS.ProcessEnv): void {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new ConfigurationError(
      'backup-artifact',
      `needs ${missing.join(' and ')}, which the GitHub Actions runner gives every JavaScript action; ${missing.length > 1 ? 'they are' : 'it is'} not set here ` +
        '(a local runner such as act, or an old GHES?). Remove backup-artifact, or keep the dump another way (backup-download: true and your own upload step).',
    );
  }
}

/** Uploads the dump at `path` as the artifact `settings.name` (a zip holding the one file, not recompressed). */
export async function uploadBackupArtifact(
  path: string,
  settings: ArtifactSettings,
): Promise<ArtifactResult> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  // the custom-format dump is compressed already: store it (level 0) rather than deflate it twice
  const r = await client.uploadArtifact(settings.name, [path], dirname(path), {
    retentionDays: settings.retentionDays,
    compressionLevel: 0,
  });
  if (r.id === undefined) throw new Error(`the artifact service did not return an id for '${settings.name}'`);
  return { id: r.id, name: settings.name, size: r.size ?? 0, digest: r.digest };
}
