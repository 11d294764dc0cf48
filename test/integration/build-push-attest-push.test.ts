// attest-push: the attestation's Sigstore bundle pushed to the image's repository on the real local
// registry (distribution 2.x, http on 127.0.0.1, htpasswd auth: no referrers API, so the referrers
// tag schema), then read back with plain HTTP. The image is built and pushed by the bundled
// build-push; the bundle is a real recorded one (test/fixtures/provenance): signing needs Fulcio
// and GitHub's OIDC token service, which the bundled action cannot reach here, so the push step
// is called as a function with what @actions/attest would have returned.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_MEDIA_TYPE, ociImageName, pushAttestation } from '../../actions/build-push/attest-push.js';
import { runAction } from '../harness/run-action.js';
import {
  env,
  makeWorkspace,
  REGISTRY,
  registryGet,
  removeLocalTestImages,
  uniqueRepo,
} from './build-push-support.js';

const BUNDLE_TEXT = readFileSync(
  new URL('../fixtures/provenance/reusable-workflow-attestation.sigstore.json', import.meta.url),
  'utf8',
);
const BUNDLE = JSON.parse(BUNDLE_TEXT) as unknown;
const login = { username: env.registry.username, password: env.registry.password };
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

let repo = '';
let name = '';
let digest = '';

beforeAll(async () => {
  repo = uniqueRepo('attest-push');
  name = `${REGISTRY}/${repo}`;
  const r = await runAction('build-push', {
    workspace: makeWorkspace(),
    inputs: { image: name, context: 'app', tags: 'raw=v1', ...login },
    env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' },
  });
  expect(r.errors).toEqual([]);
  digest = r.outputs['digest'] ?? '';
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
}, 180_000);
afterAll(() => removeLocalTestImages());

async function manifest(
  ref: string,
  accept: string,
): Promise<{ digest: string; body: unknown; type: string }> {
  const res = await registryGet(`/v2/${repo}/manifests/${ref}`, { accept });
  expect(res.status, `GET manifests/${ref}`).toBe(200);
  return {
    digest: res.headers.get('docker-content-digest') ?? '',
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as unknown,
  };
}

describe('build-push attest-push against the local registry', () => {
  it('pushes the bundle as an OCI artifact whose subject is the image, listed under the sha256-<hex> tag', async () => {
    const started = Date.now();
    const artifactDigest = await pushAttestation({
      name,
      digest,
      bundle: BUNDLE,
      credentials: login,
      retries: 1,
    });
    const ms = Date.now() - started;
    expect(artifactDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(artifactDigest).not.toBe(digest);

    // the artifact manifest: subject = the image, one layer = the bundle, artifactType = its type
    const art = await manifest(artifactDigest, OCI_MANIFEST);
    expect(art.digest).toBe(artifactDigest);
    const m = art.body as {
      artifactType: string;
      subject: Descriptor;
      layers: Descriptor[];
      config: Descriptor;
      annotations: Record<string, string>;
    };
    expect(m.artifactType).toBe(BUNDLE_MEDIA_TYPE);
    expect(m.subject.digest).toBe(digest);
    expect(m.layers).toHaveLength(1);
    expect(m.layers[0]?.mediaType).toBe(BUNDLE_MEDIA_TYPE);
    expect(m.config.mediaType).toBe('application/vnd.oci.empty.v1+json');
    expect(m.annotations['dev.sigstore.bundle.predicateType']).toBe('https://slsa.dev/provenance/v1');

    // the layer is the bundle, byte for byte what was given (as JSON)
    const blob = await registryGet(`/v2/${repo}/blobs/${m.layers[0]?.digest ?? ''}`);
    expect(blob.status).toBe(200);
    expect(JSON.parse(await blob.text())).toEqual(BUNDLE);

    // no referrers API on distribution 2.x: the referrers tag schema lists the artifact
    expect((await registryGet(`/v2/${repo}/referrers/${digest}`)).status).toBe(404);
    const index = await manifest(digest.replace(':', '-'), OCI_INDEX);
    expect(index.type).toBe(OCI_INDEX);
    const listed = (index.body as { manifests: Descriptor[] }).manifests;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      mediaType: OCI_MANIFEST,
      digest: artifactDigest,
      artifactType: BUNDLE_MEDIA_TYPE,
    });

    // the image itself is untouched
    expect(
      (
        await manifest(
          'v1',
          OCI_MANIFEST + ', application/vnd.docker.distribution.manifest.v2+json, ' + OCI_INDEX,
        )
      ).digest,
    ).toBe(digest);
    console.log(`attest-push to ${REGISTRY}: ${ms} ms`);
  });

  it('a second attestation of the same digest is added to the same index', async () => {
    const other = { ...(BUNDLE as Record<string, unknown>), note: 'second' };
    const second = await pushAttestation({ name, digest, bundle: other, credentials: login, retries: 0 });
    const index = await manifest(digest.replace(':', '-'), OCI_INDEX);
    const listed = (index.body as { manifests: Descriptor[] }).manifests.map((d) => d.digest);
    expect(listed).toHaveLength(2);
    expect(listed).toContain(second);
  });

  it('a wrong password fails with the cause and says the attestation exists in GitHub', async () => {
    await expect(
      pushAttestation({
        name,
        digest,
        bundle: BUNDLE,
        credentials: { username: login.username, password: 'not-the-password' },
        retries: 0,
      }),
    ).rejects.toThrow(
      /attest-push: could not push the attestation of .*@sha256:.* to the registry: .*401.*stored in GitHub/s,
    );
  });

  it('Docker Hub names are made fully qualified for @sigstore/oci', () => {
    expect(ociImageName('acme/shop')).toBe('docker.io/acme/shop');
    expect(ociImageName('nginx')).toBe('docker.io/library/nginx');
    expect(ociImageName('127.0.0.1:5000/ops-it/x')).toBe('127.0.0.1:5000/ops-it/x');
    expect(ociImageName('ghcr.io/acme/shop')).toBe('ghcr.io/acme/shop');
  });
});
