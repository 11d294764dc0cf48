import { describe, expect, it } from 'vitest';
import { batchReports, hostConfig } from '../../../actions/deploy-ssh/deploy.js';
import { formatPlan, planHost } from '../../../actions/deploy-ssh/plan.js';
import { hostAppDir } from '../../../lib/deploy/paths.js';
import { batchHosts, parseBatchSize, planBatches } from '../../../lib/deploy/rolling.js';
import { config } from '../deploy-ssh/fixtures.js';

describe('rolling batches', () => {
  it('parses N and N%', () => {
    expect(parseBatchSize('2')).toEqual({ kind: 'count', value: 2 });
    expect(parseBatchSize(' 25% ')).toEqual({ kind: 'percent', value: 25 });
    for (const bad of ['0', '0%', '101%', 'two', '-1', '2.5', ''])
      expect(() => parseBatchSize(bad)).toThrow(/rolling-batch/);
  });
  it('a percentage rounds up and is at least one host', () => {
    expect(batchHosts({ kind: 'percent', value: 25 }, 6)).toBe(2);
    expect(batchHosts({ kind: 'percent', value: 1 }, 6)).toBe(1);
    expect(batchHosts({ kind: 'percent', value: 100 }, 6)).toBe(6);
  });
  it('the first host goes alone (canary), then batches in order', () => {
    expect(planBatches(6, { kind: 'count', value: 2 })).toEqual([[0], [1], [2, 3], [4, 5]]);
    expect(planBatches(6, { kind: 'count', value: 3 })).toEqual([[0], [1, 2], [3, 4, 5]]);
    expect(planBatches(3, { kind: 'count', value: 1 })).toEqual([[0], [1], [2]]);
    expect(planBatches(1, { kind: 'count', value: 5 })).toEqual([[0]]);
    expect(planBatches(5, { kind: 'percent', value: 100 })).toEqual([[0], [1, 2, 3, 4]]);
    expect(planBatches(0, { kind: 'count', value: 2 })).toEqual([]);
  });
  it('how each batch ended', () => {
    const h = (host: string, result: 'succeeded' | 'failed' | 'cancelled' | 'rolled-back') => ({
      host,
      result,
      durationMs: 0,
      releaseId: 'r2',
    });
    const hosts = [
      h('a', 'rolled-back'),
      h('b', 'rolled-back'),
      h('c', 'cancelled'),
      h('d', 'failed'),
      h('e', 'cancelled'),
      h('f', 'cancelled'),
    ];
    expect(batchReports([[0], [1], [2, 3], [4, 5]], hosts)).toEqual([
      { batch: 1, hosts: ['a'], result: 'rolled back' },
      { batch: 2, hosts: ['b'], result: 'rolled back' },
      { batch: 3, hosts: ['c', 'd'], result: 'failed' },
      { batch: 4, hosts: ['e', 'f'], result: 'not started' },
    ]);
  });
});

describe('rolling inputs and per-host app dirs', () => {
  it('rolling-batch and rolling-wait', async () => {
    const c = await config({
      strategy: 'script',
      script: 'x',
      'rolling-batch': '25%',
      'rolling-wait': '30s',
    });
    expect(c.rolling).toEqual({ batch: { kind: 'percent', value: 25 }, waitMs: 30_000 });
    expect((await config({ strategy: 'script', script: 'x' })).rolling).toBeUndefined();
    expect(
      (await config({ strategy: 'script', script: 'x', 'rolling-batch': '2', parallel: 'all' })).rolling,
    ).toBeDefined();
    await expect(
      config({ strategy: 'script', script: 'x', 'rolling-batch': '2', parallel: '3' }),
    ).rejects.toThrow(/parallel/);
    await expect(config({ strategy: 'script', script: 'x', 'rolling-wait': '5s' })).rejects.toThrow(
      /rolling-batch/,
    );
  });
  it('{host} and {port} in app-dir are per host', async () => {
    expect(hostAppDir('/srv/{host}/app-{port}', { host: 'web-1', port: 2222 })).toBe('/srv/web-1/app-2222');
    const c = await config({ strategy: 'script', script: 'x', 'app-dir': '/srv/app-{port}' });
    const [a, b] = c.ssh.hosts;
    if (!a || !b) throw new Error('hosts');
    expect([hostConfig(c, a).appDir, hostConfig(c, b).appDir]).toEqual(['/srv/app-22', '/srv/app-2222']);
    expect(hostConfig(await config({ strategy: 'script', script: 'x' }), a)).toEqual(
      await config({ strategy: 'script', script: 'x' }),
    );
  });
  it('the dry run names the batches', async () => {
    const c = await config({ strategy: 'script', script: 'x', 'rolling-batch': '1', 'rolling-wait': '10s' });
    const text = formatPlan(
      c,
      c.ssh.hosts.map((h) => planHost(c, h, { releaseId: 'r2', token: 't', previous: { known: false } })),
    );
    expect(text).toContain(
      'Rolling: batches [deploy@10.0.0.1] → [deploy@10.0.0.2:2222], 10s between batches; a failing batch stops the rollout',
    );
  });
});
