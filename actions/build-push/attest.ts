// attest: true — a SLSA build provenance attestation for each pushed digest, made with GitHub's
// own library (@actions/attest `attestProvenance`): it reads the job's OIDC token, signs the
// in-toto statement with Sigstore (public-good for public repositories, GitHub's instance for
// private ones) and stores it with the repository's attestations API, where deploy stages'
// verify-provenance finds it. Needs `permissions: id-token: write, attestations: write`.
import { ConfigurationError, errorMessage, OperationError } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';

export interface AttestSettings {
  /** Token that stores the attestation (`attestations: write`), masked. */
  token: string;
  /** attest-push: also push the bundle to the image's repository, with these (login) credentials. */
  push?: { username: string; password: string } | undefined;
}

const PERMISSIONS = 'permissions:\n  contents: read\n  id-token: write\n  attestations: write';

/** undefined unless `attest: true`; checked before anything is built. */
export function readAttestInputs(
  inputs: Inputs,
  push: boolean,
  dryRun: boolean,
  env: NodeJS.ProcessEnv = process.env,
  login: { username: string | undefined; password: string | undefined } = {
    username: undefined,
    password: undefined,
  },
): AttestSettings | undefined {
  const attestPush = inputs.boolean('attest-push', false);
  if (!inputs.boolean('attest', false)) {
    if (attestPush) {
      throw new ConfigurationError(
        'attest-push',
        'pushes the attestation that attest: true makes, but attest is false. Set attest: true too, or attest-push: false.',
        'attest: true\nattest-push: true',
      );
    }
    return undefined;
  }
  if (!push) {
    throw new ConfigurationError(
      'attest',
      'attests the pushed digest, but push is false: there is no registry digest to attest. Set push: true, or attest: false.',
      'push: true',
    );
  }
  const token = inputs.secret('attest-token') ?? env['GITHUB_TOKEN'];
  let registryLogin: AttestSettings['push'];
  if (attestPush) {
    if (!login.username || !login.password) {
      throw new ConfigurationError(
        'attest-push',
        "pushes the attestation to the image's repository with the registry login, but username/password are not set. Give the credentials build-push pushes with, or set attest-push: false.",
        'username: ${{ github.actor }}\npassword: ${{ secrets.GITHUB_TOKEN }}',
      );
    }
    registryLogin = { username: login.username, password: login.password };
  }
  if (dryRun) return { token: token ?? '', push: registryLogin };
  if (!env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    throw new ConfigurationError(
      'attest',
      "needs the job's OIDC token to sign, but ACTIONS_ID_TOKEN_REQUEST_URL is not set: give the job `id-token: write` (and `attestations: write` to store the attestation).",
      PERMISSIONS,
    );
  }
  if (!token) {
    throw new ConfigurationError(
      'attest-token',
      'is required with attest: true: the token that stores the attestation (attestations: write).',
      'attest-token: ${{ github.token }}',
    );
  }
  return { token, push: registryLogin };
}

export interface Attested {
  image: string;
  digest: string;
  attestationId: string | undefined;
  attestationUrl: string | undefined;
  /** The Sigstore bundle, for attest-push. */
  bundle: unknown;
}

/** Attests `name@digest` (name without tag); throws with what to change when signing or storing fails. */
export async function attestImage(
  name: string,
  digest: string,
  settings: AttestSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Attested> {
  const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!m?.[1]) throw new OperationError(`attest: '${digest}' is not a sha256 digest.`);
  const { attestProvenance } = await import('@actions/attest');
  let id: string | undefined;
  let bundle: unknown;
  try {
    const attestation = await attestProvenance({
      subjects: [{ name, digest: { sha256: m[1] } }],
      token: settings.token,
    });
    id = attestation.attestationID;
    bundle = attestation.bundle;
  } catch (error) {
    throw new OperationError(
      `attest: could not attest ${name}@${digest}: ${errorMessage(error)}. ` +
        `The image was pushed but has no attestation. Check the job's ${PERMISSIONS.replace(/\n\s*/g, ' ')}.`,
    );
  }
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'];
  return {
    image: name,
    digest,
    attestationId: id,
    attestationUrl: id && repository ? `${server}/${repository}/attestations/${id}` : undefined,
    bundle,
  };
}
