import { describe, expect, it } from 'vitest';
import type { ImageResult } from '../../../actions/build-push/execute.js';
import { stepOutputs } from '../../../actions/build-push/outputs.js';
import { failureSummary, resultSummary } from '../../../actions/build-push/summary.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function result(over: Partial<ImageResult> = {}): ImageResult {
  return {
    name: '127.0.0.1:5000/acme/api',
    image: `127.0.0.1:5000/acme/api@${DIGEST}`,
    digest: DIGEST,
    imageId: `sha256:${'cd'.repeat(32)}`,
    tags: ['127.0.0.1:5000/acme/api:sha-0123456', '127.0.0.1:5000/acme/api:main'],
    version: 'main',
    labels: { 'org.opencontainers.image.version': 'main' },
    pushed: true,
    sizeBytes: 1065329,
    platforms: [],
    cache: { mode: 'registry', effective: 'inline (docker driver)', stats: { steps: 3, cached: 2 } },
    attempts: 2,
    durationMs: 1500,
    ...over,
  };
}

describe('stepOutputs', () => {
  it('the first image is the primary output; metadata lists all', () => {
    const web = result({
      name: '127.0.0.1:5000/acme/web',
      image: undefined,
      digest: undefined,
      pushed: false,
    });
    const out = stepOutputs([result(), web]);
    expect(out['image']).toBe(`127.0.0.1:5000/acme/api@${DIGEST}`);
    expect(out['digest']).toBe(DIGEST);
    expect(out['tags']).toBe('127.0.0.1:5000/acme/api:sha-0123456\n127.0.0.1:5000/acme/api:main');
    expect(out['version']).toBe('main');
    const meta = JSON.parse(out['metadata'] ?? '') as Record<string, unknown>[];
    expect(meta).toHaveLength(2);
    expect(meta[0]).toMatchObject({
      name: '127.0.0.1:5000/acme/api',
      size: 1065329,
      cache: { steps: 3, cached: 2 },
    });
    expect(meta[1]).toMatchObject({ image: null, digest: null, pushed: false });
  });

  it('nothing built: empty outputs', () => {
    expect(stepOutputs([])).toEqual({ image: '', digest: '', tags: '', version: '', metadata: '[]' });
  });
});

describe('resultSummary', () => {
  it('a table a person reads at a glance, and the reference to deploy', () => {
    const md = resultSummary([result()], {
      push: true,
      warnings: ['cache: local needs …'],
      registry: '127.0.0.1:5000',
      totalMs: 2100,
    });
    expect(md).toContain('### ✅ build-push: 1 image pushed to 127.0.0.1:5000 in 2.1s');
    expect(md).toContain('| Image | Tags | Digest | Size | Duration | Cache |');
    expect(md).toContain(
      '| `127.0.0.1:5000/acme/api` | `sha-0123456`<br>`main` | `sha256:abababababab…` | 1.0 MiB | 1.5s (2 attempts) | 2/3 steps cached · inline (docker driver) |',
    );
    expect(md).toContain(`- \`127.0.0.1:5000/acme/api@${DIGEST}\``);
    expect(md).toContain('> ⚠️ cache: local needs …');
  });

  it('failure summary', () => {
    expect(failureSummary('Login to registry x failed')).toContain('### ❌ build-push failed');
  });
});
