import { describe, expect, it } from 'vitest';
import { formatBytes, manifestSize, parseMetadataFile } from '../../../actions/build-push/build-result.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

describe('parseMetadataFile', () => {
  it('reads the digests buildx wrote after a push', () => {
    expect(
      parseMetadataFile(
        JSON.stringify({
          'buildx.build.ref': 'default/default/x',
          'containerimage.config.digest': D1,
          'containerimage.digest': D2,
        }),
      ),
    ).toEqual({ digest: D2, configDigest: D1 });
  });

  it('ignores what is not a digest, and bad JSON', () => {
    expect(parseMetadataFile('{"containerimage.digest": "latest"}')).toEqual({
      digest: undefined,
      configDigest: undefined,
    });
    expect(parseMetadataFile('nope')).toEqual({ digest: undefined, configDigest: undefined });
  });
});

describe('manifestSize', () => {
  it('sums config and layers of an image manifest', () => {
    const m = { schemaVersion: 2, config: { size: 650 }, layers: [{ size: 1064337 }, { size: 13 }] };
    expect(manifestSize(JSON.stringify(m))).toEqual({ bytes: 1065000, platforms: 1 });
  });

  it('an index has no single size', () => {
    expect(manifestSize(JSON.stringify({ manifests: [{}, {}] }))).toEqual({ bytes: undefined, platforms: 2 });
    expect(manifestSize('{')).toEqual({ bytes: undefined, platforms: 0 });
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1065329)).toBe('1.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(formatBytes(undefined)).toBeUndefined();
  });
});
