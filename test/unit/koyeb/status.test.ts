import { describe, expect, it } from 'vitest';
import { newWatch, observe, statusMeaning } from '../../../lib/koyeb/status.js';
import { DEPLOYMENT_STATUSES } from '../../../lib/koyeb/types.js';

describe('statusMeaning', () => {
  it('classifies every status of the spec', () => {
    const table = Object.fromEntries(
      DEPLOYMENT_STATUSES.map((s) => {
        const m = statusMeaning(s);
        return [s, `${m.phase}${m.cancellable ? '+cancellable' : ''}${m.unknown ? '?' : ''}`];
      }),
    );
    expect(table).toEqual({
      PENDING: 'pending+cancellable',
      PROVISIONING: 'pending+cancellable',
      SCHEDULED: 'pending+cancellable',
      CANCELING: 'failed',
      CANCELED: 'failed',
      ALLOCATING: 'pending',
      STARTING: 'pending',
      HEALTHY: 'healthy',
      DEGRADED: 'failed',
      UNHEALTHY: 'failed',
      STOPPING: 'failed',
      STOPPED: 'failed',
      ERRORING: 'failed',
      ERROR: 'failed',
      STASHED: 'failed',
      SLEEPING: 'healthy',
    });
  });

  it('fails on every status the Koyeb CLI fails on', () => {
    for (const s of ['ERROR', 'DEGRADED', 'UNHEALTHY', 'CANCELED', 'STOPPED', 'ERRORING']) {
      expect(statusMeaning(s).phase).toBe('failed');
    }
  });

  it('keeps waiting on a status it does not know, and says so', () => {
    expect(statusMeaning('WARMING_UP')).toEqual({ phase: 'pending', cancellable: false, unknown: true });
    expect(statusMeaning(undefined)).toEqual({ phase: 'pending', cancellable: true, unknown: false });
    expect(statusMeaning('healthy').phase).toBe('healthy');
  });
});

describe('observe', () => {
  it('records status changes and new messages with elapsed times, and decides', () => {
    let state = newWatch('d1');
    const steps: [string, string[], number][] = [
      ['PENDING', [], 0],
      ['PENDING', [], 200],
      ['PROVISIONING', ['pulling image'], 400],
      ['PROVISIONING', ['pulling image', 'image pulled'], 600],
      ['HEALTHY', ['pulling image', 'image pulled'], 800],
    ];
    const decisions: string[] = [];
    for (const [status, messages, elapsedMs] of steps) {
      const r = observe(state, { status, messages, elapsedMs }, 10_000);
      state = r.state;
      decisions.push(r.decision.kind);
    }
    expect(decisions).toEqual(['wait', 'wait', 'wait', 'wait', 'healthy']);
    expect(state.timeline).toEqual([
      { deploymentId: 'd1', status: 'PENDING', elapsedMs: 0, messages: [] },
      { deploymentId: 'd1', status: 'PROVISIONING', elapsedMs: 400, messages: ['pulling image'] },
      { deploymentId: 'd1', status: 'PROVISIONING', elapsedMs: 600, messages: ['image pulled'] },
      { deploymentId: 'd1', status: 'HEALTHY', elapsedMs: 800, messages: [] },
    ]);
  });

  it('ends on a failure status with that status', () => {
    const r = observe(newWatch('d1'), { status: 'ERROR', messages: ['exit 1'], elapsedMs: 5 }, 1000);
    expect(r.decision).toEqual({ kind: 'failed', status: 'ERROR' });
    expect(r.entry?.messages).toEqual(['exit 1']);
  });

  it('times out only while still pending', () => {
    expect(observe(newWatch('d'), { status: 'PROVISIONING', elapsedMs: 1000 }, 1000).decision).toEqual({
      kind: 'timeout',
      status: 'PROVISIONING',
    });
    expect(observe(newWatch('d'), { status: 'PROVISIONING', elapsedMs: 999 }, 1000).decision).toEqual({
      kind: 'wait',
    });
    // healthy at the last moment is healthy, not a timeout
    expect(observe(newWatch('d'), { status: 'HEALTHY', elapsedMs: 5000 }, 1000).decision.kind).toBe(
      'healthy',
    );
  });
});
