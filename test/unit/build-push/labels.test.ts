import { describe, expect, it } from 'vitest';
import type { GitContext } from '../../../actions/build-push/git-context.js';
import { ociLabels } from '../../../actions/build-push/labels.js';

const ctx: GitContext = {
  eventName: 'push',
  ref: 'refs/tags/v1.2.3',
  sha: '0123456789abcdef0123456789abcdef01234567',
  repository: 'acme/shop',
  serverUrl: 'https://github.com',
  defaultBranch: 'main',
  prNumber: undefined,
  description: 'The shop backend',
  license: 'Apache-2.0',
};

describe('ociLabels', () => {
  it('gives the standard OCI labels', () => {
    expect(
      ociLabels(ctx, {
        imageName: 'ghcr.io/acme/shop-api',
        version: '1.2.3',
        created: new Date('2025-01-02T03:04:05Z'),
      }),
    ).toEqual({
      'org.opencontainers.image.title': 'shop-api',
      'org.opencontainers.image.description': 'The shop backend',
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.url': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2025-01-02T03:04:05.000Z',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    });
  });

  it('user labels override computed ones; absent facts give no label', () => {
    const l = ociLabels(
      { ...ctx, description: undefined, license: undefined, repository: '' },
      {
        imageName: 'api',
        version: 'main',
        created: new Date(0),
        extra: { 'org.opencontainers.image.title': 'Shop API', team: 'payments' },
      },
    );
    expect(l['org.opencontainers.image.title']).toBe('Shop API');
    expect(l['team']).toBe('payments');
    expect(l).not.toHaveProperty('org.opencontainers.image.source');
    expect(l).not.toHaveProperty('org.opencontainers.image.description');
    expect(l).not.toHaveProperty('org.opencontainers.image.licenses');
  });
});
