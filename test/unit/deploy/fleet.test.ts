import { describe, expect, it } from 'vitest';
import { type FleetPhase, mapLimit, runFleet } from '../../../lib/deploy/fleet.js';
import { parseHosts } from '../../../lib/ssh/host.js';

const hosts = parseHosts(['a', 'b', 'c'], { user: 'd' });
const quiet = { info: () => {}, warning: () => {} };
const group = <T>(_n: string, fn: () => Promise<T>) => fn();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Data {
  log: string[];
}

function phases(failIn: Record<string, string>, log: string[]): FleetPhase<Data>[] {
  const mk = (name: string, commits = false): FleetPhase<Data> => ({
    name,
    commits,
    run: async (h) => {
      log.push(`${h.host.host}:${name}`);
      await sleep(5);
      if (failIn[h.host.host] === name) throw new Error(`${name} broke`);
    },
  });
  return [mk('prepare'), mk('activate', true), mk('cleanup')];
}

describe('runFleet', () => {
  it('runs every phase on every host, phase by phase', async () => {
    const log: string[] = [];
    const result = await runFleet<Data>({
      hosts,
      init: () => ({ log: [] }),
      phases: phases({}, log),
      parallel: 0,
      failFast: true,
      logger: quiet,
      group,
    });
    expect(result.map((h) => h.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(log.slice(0, 3).every((l) => l.endsWith(':prepare'))).toBe(true);
    expect(log.slice(6).every((l) => l.endsWith(':cleanup'))).toBe(true);
  });

  it('fail-fast cancels hosts that have not gone live, and undoes them', async () => {
    const log: string[] = [];
    const undone: string[] = [];
    const finished: string[] = [];
    const result = await runFleet<Data>({
      hosts,
      init: () => ({ log: [] }),
      phases: phases({ a: 'activate' }, log),
      parallel: 1,
      failFast: true,
      logger: quiet,
      group,
      undo: async (h) => {
        undone.push(`${h.host.host}:${h.committed}`);
      },
      finish: async (h) => {
        finished.push(h.host.host);
      },
    });
    expect(result.map((h) => [h.host.host, h.status, h.failedPhase])).toEqual([
      ['a', 'failed', 'activate'],
      ['b', 'cancelled', 'activate'],
      ['c', 'cancelled', 'activate'],
    ]);
    expect(String(result[1]?.error)).toContain('d@a failed and fail-fast is on');
    expect(undone).toEqual(['a:true', 'b:false', 'c:false']);
    expect(finished.sort()).toEqual(['a', 'b', 'c']);
    expect(log).not.toContain('b:activate');
  });

  it('hosts already live finish their phases after another host fails', async () => {
    const log: string[] = [];
    const result = await runFleet<Data>({
      hosts,
      init: () => ({ log: [] }),
      phases: phases({ b: 'activate' }, log),
      parallel: 0,
      failFast: true,
      logger: quiet,
      group,
    });
    expect(result.map((h) => h.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(log).toContain('a:cleanup');
    expect(log).not.toContain('b:cleanup');
  });

  it('without fail-fast the other hosts carry on', async () => {
    const log: string[] = [];
    const result = await runFleet<Data>({
      hosts,
      init: () => ({ log: [] }),
      phases: phases({ a: 'prepare' }, log),
      parallel: 1,
      failFast: false,
      logger: quiet,
      group,
    });
    expect(result.map((h) => h.status)).toEqual(['failed', 'succeeded', 'succeeded']);
  });

  it('host-timeout aborts the host and says so', async () => {
    const slow: FleetPhase<Data> = {
      name: 'slow',
      run: (h) =>
        new Promise((_resolve, reject) => {
          h.signal.addEventListener('abort', () => reject(new Error('command stopped')));
        }),
    };
    const result = await runFleet<Data>({
      hosts: hosts.slice(0, 1),
      init: () => ({ log: [] }),
      phases: [slow],
      parallel: 0,
      failFast: true,
      hostTimeoutMs: 50,
      logger: quiet,
      group,
    });
    expect(result[0]?.status).toBe('failed');
    expect(result[0]?.timedOut).toBe(true);
    expect(String(result[0]?.error)).toContain('host-timeout exceeded');
  });

  it('mapLimit never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5);
      running--;
    });
    expect(peak).toBe(3);
  });
});
