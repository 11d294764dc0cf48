import { describe, expect, it } from 'vitest';
import { formatCacheStats, parseCacheStats } from '../../../actions/build-push/progress.js';

describe('parseCacheStats', () => {
  it('counts Dockerfile steps and cache hits in plain progress output', () => {
    const out = `#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 104B done
#1 DONE 0.0s

#4 [1/3] FROM docker.io/library/node:20@sha256:abc
#4 DONE 0.0s

#5 [2/3] COPY package.json /app/
#5 CACHED

#6 [3/3] RUN npm ci
#6 0.512 added 12 packages
#6 DONE 3.1s

#7 [build 1/2] COPY . /src
#7 CACHED

#8 exporting to image
#8 DONE 0.0s
`;
    expect(parseCacheStats(out)).toEqual({ steps: 3, cached: 2 });
  });

  it('a fully cached FROM scratch build', () => {
    const out = '#4 [1/1] COPY busybox /bin/busybox\n#4 CACHED\n';
    expect(parseCacheStats(out)).toEqual({ steps: 1, cached: 1 });
    expect(formatCacheStats({ steps: 1, cached: 1 })).toBe('1/1 steps cached');
    expect(formatCacheStats({ steps: 0, cached: 0 })).toBe('no steps');
  });
});
