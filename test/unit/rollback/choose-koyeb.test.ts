import { describe, expect, it } from 'vitest';
import {
  chooseKoyebTarget,
  isSetTime,
  releaseLine,
  stableJson,
  wasHealthy,
} from '../../../actions/rollback/choose-koyeb.js';
import type { Deployment } from '../../../lib/koyeb/types.js';

let clock = Date.parse('2026-01-01T00:00:00Z');
/** A deployment of `image`; `ok` ones succeeded (then were replaced: STOPPED with succeeded_at). */
function dep(id: string, image: string, status: string, ok = status !== 'ERROR'): Deployment {
  clock += 60_000;
  return {
    id,
    status,
    created_at: new Date(clock).toISOString(),
    succeeded_at: ok ? new Date(clock + 5000).toISOString() : '0001-01-01T00:00:00Z',
    definition: { name: 'web', docker: { image }, env: [{ key: 'PORT', value: '8000' }] },
  };
}
/** The API lists newest first. */
const listed = (...deployments: Deployment[]): Deployment[] => [...deployments].reverse();
const previous = { kind: 'previous' } as const;

describe('was healthy', () => {
  it('HEALTHY, SLEEPING, or a real succeeded_at; not the proto3 zero time', () => {
    expect(isSetTime('2026-01-01T00:00:00Z')).toBe(true);
    expect(isSetTime('0001-01-01T00:00:00Z')).toBe(false);
    expect(isSetTime('')).toBe(false);
    expect(isSetTime(undefined)).toBe(false);
    expect(wasHealthy({ id: 'a', status: 'SLEEPING' })).toBe(true);
    expect(wasHealthy({ id: 'a', status: 'STOPPED', succeeded_at: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(wasHealthy({ id: 'a', status: 'STOPPED' })).toBe(false);
    expect(wasHealthy({ id: 'a', status: 'ERROR', succeeded_at: '0001-01-01T00:00:00Z' })).toBe(false);
  });

  it('definitions compare by content, not key order', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(stableJson({ a: [{ x: 1, y: 2 }], b: 1 }));
  });
});

describe('chooseKoyebTarget: previous', () => {
  it('the newest healthy deployment before the active one, skipping failed ones and ones newer than it', () => {
    const v1 = dep('d1', 'shop:1', 'STOPPED');
    const v2 = dep('d2', 'shop:2', 'STOPPED');
    const bad = dep('d3', 'shop:3', 'ERROR');
    const v4 = dep('d4', 'shop:4', 'HEALTHY');
    const later = dep('d5', 'shop:5', 'ERROR');
    const c = chooseKoyebTarget(listed(v1, v2, bad, v4, later), 'd4', previous);
    expect(c.target.id).toBe('d2');
    expect(c.active.id).toBe('d4');
    expect(c.noop).toBe(false);
  });

  it('a rollback (a deployment of an earlier definition) abandons what came between: a second previous goes further back', () => {
    const v0 = dep('d0', 'shop:0', 'STOPPED');
    const v1 = dep('d1', 'shop:1', 'STOPPED');
    const v2 = dep('d2', 'shop:2', 'STOPPED');
    const back = { ...dep('d3', 'shop:1', 'HEALTHY'), definition: structuredClone(v1.definition) };
    const all = listed(v0, v1, v2, back);
    expect(releaseLine(all, 'd3').map((d) => d.id)).toEqual(['d0', 'd3']);
    expect(chooseKoyebTarget(all, 'd3', previous).target.id).toBe('d0');
  });

  it('a configuration change of the same image is a release of its own', () => {
    const v1 = dep('d1', 'shop:1', 'STOPPED');
    const v1b = {
      ...dep('d2', 'shop:1', 'HEALTHY'),
      definition: { docker: { image: 'shop:1' }, env: [{ key: 'PORT', value: '9000' }] },
    };
    expect(chooseKoyebTarget(listed(v1, v1b), 'd2', previous).target.id).toBe('d1');
  });

  it('nothing healthy before the active one: refused, listing the deployments', () => {
    const failed = dep('d1', 'shop:1', 'ERROR');
    const only = dep('d2', 'shop:2', 'HEALTHY');
    expect(() => chooseKoyebTarget(listed(failed, only), 'd2', previous)).toThrow(
      "Nothing to roll back to: no deployment before the active one, d2 (shop:2, HEALTHY), was healthy (deployments abandoned by an earlier rollback are skipped). The service's deployments, newest first: d2 (shop:2, HEALTHY), d1 (shop:1, ERROR).",
    );
  });
});

describe('chooseKoyebTarget: named', () => {
  const v1 = dep('d1', 'ghcr.io/acme/shop:1.0.0', 'STOPPED');
  const broken = dep('d2', 'ghcr.io/acme/shop:1.1.0', 'ERROR');
  const v3 = dep('d3', 'ghcr.io/acme/shop:1.2.0', 'HEALTHY');
  const all = listed(v1, broken, v3);

  it('by deployment id or image tag; a deployment that never was healthy can be named, with a note', () => {
    expect(chooseKoyebTarget(all, 'd3', { kind: 'named', value: 'd1' }).target.id).toBe('d1');
    expect(chooseKoyebTarget(all, 'd3', { kind: 'named', value: '1.0.0' }).target.id).toBe('d1');
    const named = chooseKoyebTarget(all, 'd3', { kind: 'named', value: 'd2' });
    expect(named.notes).toEqual([
      "deployment d2 was never healthy (ERROR); deploying it again because 'to' names it",
    ]);
    // an image tag only matches deployments that were healthy
    expect(() => chooseKoyebTarget(all, 'd3', { kind: 'named', value: '1.1.0' })).toThrow(
      /No deployment of the service matches to: '1.1.0'/,
    );
    expect(chooseKoyebTarget(all, 'd3', { kind: 'named', value: 'd3' }).noop).toBe(true);
  });
});
