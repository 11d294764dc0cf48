// Which images a rollback with verify-provenance verifies, for each kind of history entry.
import { describe, expect, it } from 'vitest';
import { rollbackTargetImages } from '../../../actions/rollback/verify-target.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('rollbackTargetImages', () => {
  it('compose: the one image of the release', () => {
    expect(
      rollbackTargetImages({ id: 'v1', image: `ghcr.io/acme/shop@${d('a')}`, source: 'history' }),
    ).toEqual([`ghcr.io/acme/shop@${d('a')}`]);
  });

  it('compose with several images, and swarm: every image, each once', () => {
    const images = {
      web: `ghcr.io/acme/web@${d('a')}`,
      worker: `ghcr.io/acme/api@${d('b')}`,
      api: `ghcr.io/acme/api@${d('b')}`,
    };
    expect(rollbackTargetImages({ id: 's1', images, stack: 'shop', source: 'history' })).toEqual([
      `ghcr.io/acme/web@${d('a')}`,
      `ghcr.io/acme/api@${d('b')}`,
    ]);
  });

  it('refuses a release recorded by tag, naming the tag and what to do', () => {
    const to = {
      id: 's1',
      images: { web: `ghcr.io/acme/web@${d('a')}`, api: 'ghcr.io/acme/api:1.4' },
      source: 'history' as const,
    };
    expect(() => rollbackTargetImages(to)).toThrow(
      /release s1 runs ghcr\.io\/acme\/api:1\.4, which is a tag: .*Roll back to a release deployed by digest/,
    );
  });

  it('refuses a release without an image (a server edited by hand)', () => {
    expect(() => rollbackTargetImages({ id: undefined, source: 'server' })).toThrow(
      'verify-provenance: release (unknown) names no image to verify.',
    );
  });
});
