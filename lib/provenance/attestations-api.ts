// Reads the attestations GitHub stores for a subject digest: "List attestations" of the REST API,
// GET /repos/{owner}/{repo}/attestations/{subject_digest} (or /orgs/{org}/… and /users/{user}/…
// for an owner). Reply: `{ "attestations": [{ "bundle": {…Sigstore bundle…}, "repository_id": 1,
// "bundle_url": "…" }] }`; 404 when there are none. A bundle left out of the listing (`bundle`
// null) is read from its `bundle_url`. Nothing here is trusted: every bundle is verified after.
import { errorMessage, OperationError } from '../errors.js';
import { GITHUB_API_VERSION } from '../github/client.js';

export interface AttestationSource {
  /** GITHUB_API_URL, no trailing slash. */
  apiUrl: string;
  /** Token with `attestations: read` (not needed for public repositories). */
  token: string | undefined;
  /** `owner/name`, or undefined to list by owner. */
  repository: string | undefined;
  owner: string | undefined;
  timeoutMs?: number;
}

interface ListReply {
  attestations?: { bundle?: unknown; bundle_url?: string | null }[];
}

/** The bundles GitHub has for `digest` (`sha256:…`): [] when it has none. */
export async function fetchAttestationBundles(source: AttestationSource, digest: string): Promise<unknown[]> {
  const paths = source.repository
    ? [`/repos/${source.repository}/attestations/${digest}`]
    : [
        `/orgs/${source.owner ?? ''}/attestations/${digest}`,
        `/users/${source.owner ?? ''}/attestations/${digest}`,
      ];
  for (const path of paths) {
    const reply = await get(source, `${source.apiUrl}${path}?per_page=100`);
    if (reply.status === 404) continue;
    const list = (reply.body as ListReply).attestations ?? [];
    const bundles: unknown[] = [];
    for (const a of list) {
      if (a.bundle) bundles.push(a.bundle);
      else if (a.bundle_url) bundles.push((await get(source, a.bundle_url, false)).body);
    }
    return bundles;
  }
  return [];
}

async function get(
  source: AttestationSource,
  url: string,
  authenticated = true,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': GITHUB_API_VERSION,
        'User-Agent': 'ops-actions',
        ...(authenticated && source.token ? { Authorization: `Bearer ${source.token}` } : {}),
      },
      signal: AbortSignal.timeout(source.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new OperationError(
      `Could not read the attestations from GitHub (${new URL(url).origin}): ${errorMessage(error)}.`,
    );
  }
  if (res.status === 404) return { status: 404, body: undefined };
  const text = await res.text();
  if (res.status === 401 || res.status === 403) {
    throw new OperationError(
      `GitHub answered ${res.status} to ${new URL(url).pathname}: the token cannot read attestations. ` +
        'Give the job `permissions: attestations: read` (and `contents: read`) and pass `provenance-token: ${{ github.token }}` (the default).',
    );
  }
  if (res.status !== 200) {
    throw new OperationError(
      `GitHub answered ${res.status} to ${new URL(url).pathname}: ${text.slice(0, 200)}`,
    );
  }
  try {
    return { status: 200, body: JSON.parse(text) as unknown };
  } catch {
    throw new OperationError(`GitHub's reply to ${new URL(url).pathname} is not JSON.`);
  }
}
