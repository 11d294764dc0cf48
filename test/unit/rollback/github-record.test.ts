import { describe, expect, it } from 'vitest';
import {
  deploymentIsRelease,
  GithubRollbackRecord,
  NO_RECORD,
} from '../../../actions/rollback/github-record.js';
import type { DeploymentBookkeeping } from '../../../lib/github/deployments.js';

describe('deploymentIsRelease', () => {
  it('by the release or image in the payload; a payload that names neither is taken as what runs', () => {
    const from = [{ id: 'v2', image: 'reg/app:2' }];
    expect(deploymentIsRelease({ payload: { release: 'v2' } }, from)).toBe(true);
    expect(deploymentIsRelease({ payload: { image: 'reg/app:2' } }, from)).toBe(true);
    expect(deploymentIsRelease({ payload: { release: 'v1', image: 'reg/app:1' } }, from)).toBe(false);
    expect(deploymentIsRelease({ payload: {} }, from)).toBe(true);
  });
});

/** A bookkeeping stand-in that records the calls (the real one is tested against the fake API). */
function book(newest: { id: number; payload: Record<string, unknown> } | undefined) {
  const calls: string[] = [];
  const tracker = (id: number) => ({
    id,
    fail: (d: string) => (calls.push(`${id} failure: ${d}`), Promise.resolve(true)),
    succeed: (_url: string | undefined, d: string) => (
      calls.push(`${id} success: ${d}`),
      Promise.resolve(true)
    ),
  });
  const b = {
    enabled: true,
    environment: 'production',
    latestDeployment: () => Promise.resolve(newest && { ...newest, statuses: [], state: 'success' }),
    lastSuccessfulDeployment: () => Promise.resolve(undefined),
    track: (id: number) => tracker(id),
    startDeployment: (o: { description?: string }) => (
      calls.push(`create: ${o.description ?? ''}`),
      Promise.resolve(tracker(9))
    ),
  };
  return { book: b as unknown as DeploymentBookkeeping, calls };
}

describe('GithubRollbackRecord', () => {
  it('marks the newest deployment bad when it is the release rolled back from', async () => {
    const { book: b, calls } = book({ id: 4, payload: { release: 'v2' } });
    const rec = new GithubRollbackRecord(b);
    await rec.begin([{ id: 'v2' }], { id: 'v1' }, 'smoke test failed');
    await rec.succeed({ id: 'v1' }, 'smoke test failed');
    expect(calls).toEqual([
      'create: Rollback from v2 to v1',
      '4 failure: Rolled back to v1: smoke test failed',
      '9 success: Rolled back to v1',
    ]);
    expect(rec.ids).toEqual({ bad: 4, restored: 9 });
  });

  it('leaves a newest deployment of another release alone; a failed rollback fails only its own deployment', async () => {
    const lines: string[] = [];
    const { book: b, calls } = book({ id: 4, payload: { release: 'v3' } });
    const rec = new GithubRollbackRecord(b, { log: (l) => lines.push(l) });
    await rec.begin([{ id: 'v2' }], { id: 'v1' }, 'x');
    await rec.fail('host down');
    expect(calls).toEqual(['create: Rollback from v2 to v1', '9 failure: Rollback failed: host down']);
    expect(lines[0]).toContain(
      "GitHub deployment 4 (the newest of 'production') is of release v3, not of v2: it is left as it is.",
    );
  });

  it('NO_RECORD does nothing', async () => {
    expect(NO_RECORD.enabled).toBe(false);
    expect(await NO_RECORD.previousCandidate()).toBeUndefined();
  });
});
