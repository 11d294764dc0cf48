// target swarm: choosing a release (the stack files on the manager are the releases that can come
// back), the plan (deploy that release's own stack file, follow it, undo what still updates), the
// history it writes, and inputs refused before anything is contacted.
import { describe, expect, it } from 'vitest';
import { chooseForHost } from '../../../actions/rollback/choose.js';
import { formatPlan, planHost } from '../../../actions/rollback/plan.js';
import { parseSnapshot, snapshotScript } from '../../../actions/rollback/snapshot.js';
import type { HistoryEntry } from '../../../lib/deploy/history.js';
import { rollbackUnfinishedScript, stackDeployCommand } from '../../../lib/deploy/swarm.js';
import { config, FP, KEY, snap } from './fixtures.js';

const ctx = {
  token: 'tok',
  reason: 'smoke test failed',
  run: { runId: '1000', runAttempt: '1', actor: 'octocat', repository: 'acme/shop' },
  now: new Date('2025-03-14T10:15:00Z'),
};
const SWARM = {
  target: 'swarm',
  hosts: 'deploy@10.0.0.1',
  'private-key': KEY,
  'host-fingerprint': FP,
  'app-dir': '/srv/shop',
};
const images = (v: string) => ({ web: `reg.example.com/web:${v}`, api: `reg.example.com/api:${v}` });
const stackLine = (id: string, stack = 'shop'): HistoryEntry => ({
  id,
  outcome: 'deployed',
  time: 't',
  strategy: 'stack',
  images: images(id),
  stack,
});

async function swarmConfig(extra: Record<string, string> = {}) {
  const c = await config({ ...SWARM, ...extra });
  if (!c.ssh) throw new Error('no ssh config');
  return c.ssh;
}

describe('rollback target swarm', () => {
  // s3's update failed (Swarm rolled it back): deploy-ssh wrote it as failed, s2 still runs
  const history = [stackLine('s1'), stackLine('s2'), { ...stackLine('s3'), outcome: 'failed' as const }];

  it('goes back to the newest good release whose stack file is on the manager; deploys that file and follows every service', async () => {
    const cfg = await swarmConfig({ 'registry-username': 'ci', 'registry-password': 'pw' });
    const choice = chooseForHost('stack', snap(history, { releaseDirs: ['s1', 's2', 's3'] }), {
      kind: 'previous',
    });
    expect(choice.from.id).toBe('s2');
    expect(choice.to).toMatchObject({ id: 's1', images: images('s1'), stack: 'shop' });
    const plan = planHost(cfg, choice, ctx);
    expect(plan.prepare.map((s) => s.title)).toEqual([
      'docker login reg.example.com',
      'check that the stack file of s1 is on the manager (/srv/shop/.ops-actions/stacks/s1.yml)',
    ]);
    expect(plan.activate).toEqual([
      {
        kind: 'stack',
        title: `docker stack deploy shop with the stack file of s1 (web=reg.example.com/web:s1, api=reg.example.com/api:s1), then follow until converged (up to 300s)`,
        command: stackDeployCommand({ stack: 'shop', file: '/srv/shop/.ops-actions/stacks/s1.yml' }),
        stack: 'shop',
        services: ['web', 'api'],
        timeoutMs: 300_000,
        intervalMs: 1000,
      },
    ]);
    expect(plan.undo).toEqual([
      {
        kind: 'exec',
        title: 'roll back the services of shop still updating',
        command: rollbackUnfinishedScript('shop'),
      },
    ]);
    expect(plan.record).toMatchObject([
      { id: 's2', outcome: 'bad', note: 'rolled back to s1: smoke test failed' },
      {
        id: 's1',
        outcome: 'deployed',
        strategy: 'stack',
        stack: 'shop',
        images: images('s1'),
        previous: 's2',
      },
    ]);
    expect(formatPlan(cfg, { hosts: [choice], to: choice.to, from: ['s2'] }, [plan])).toContain(
      'docker stack deploy --with-registry-auth --compose-file /srv/shop/.ops-actions/stacks/s1.yml shop',
    );
  });

  it('skips a release whose stack file is gone, and stack-name overrides the recorded stack', async () => {
    const choice = chooseForHost(
      'stack',
      snap([stackLine('s0'), ...history], { releaseDirs: ['s0', 's2'] }),
      {
        kind: 'previous',
      },
    );
    expect(choice.to.id).toBe('s0');
    expect(choice.notes).toEqual([
      'skipped release s1: its stack file is no longer in .ops-actions/stacks/ on the manager',
    ]);
    const plan = planHost(await swarmConfig({ 'stack-name': 'shop-blue' }), choice, ctx);
    expect(plan.activate[0]).toMatchObject({ kind: 'stack', stack: 'shop-blue' });
  });

  it('the snapshot lists the stack files without their .yml', async () => {
    const script = snapshotScript(await swarmConfig());
    expect(script).toContain("ls -1 /srv/shop/.ops-actions/stacks | sed -n 's/\\.yml$//p'");
    const s = parseSnapshot(
      'h',
      '@@ops-actions-state:history\n@@ops-actions-rollback:release-dirs\ns1\ns2\n',
    );
    expect(s.releaseDirs).toEqual(['s1', 's2']);
  });

  it('refuses a release the history does not record as a stack deploy', async () => {
    const choice = chooseForHost(
      'stack',
      snap([{ id: 'r1', outcome: 'deployed', time: 't', strategy: 'release' }, stackLine('s2')]),
      {
        kind: 'previous',
      },
    );
    const c = await swarmConfig();
    expect(() => planHost(c, choice, ctx)).toThrow(
      'the history records no service images for release r1: it was not deployed with strategy stack',
    );
  });

  it('inputs: one manager, no compose or health-command inputs, a valid stack name; target ssh has no stack-name', async () => {
    await expect(config({ ...SWARM, hosts: 'deploy@10.0.0.1\ndeploy@10.0.0.2' })).rejects.toThrow(
      "Input 'hosts': target swarm rolls back through one Swarm manager",
    );
    await expect(config({ ...SWARM, 'health-command': 'true' })).rejects.toThrow(
      "Input 'health-command': is not used with target 'swarm'",
    );
    await expect(config({ ...SWARM, 'stack-name': 'Shop!' })).rejects.toThrow(
      "Input 'stack-name': 'Shop!' is not a stack name",
    );
    await expect(config({ ...SWARM, strategy: 'compose' })).rejects.toThrow("Input 'strategy': is 'compose'");
    await expect(
      config({ ...SWARM, target: 'ssh', strategy: 'compose', 'stack-name': 'shop' }),
    ).rejects.toThrow("Input 'stack-name': is not used with target 'ssh'. Remove it, or set target: swarm.");
    expect((await swarmConfig({ 'converge-timeout': '90s' })).stack?.convergeTimeoutMs).toBe(90_000);
  });
});
