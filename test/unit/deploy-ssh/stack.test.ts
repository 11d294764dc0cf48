// strategy stack: inputs, the rendered stack file and the plan — all before anything is contacted.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatPlan, planHost } from '../../../actions/deploy-ssh/plan.js';
import { config } from './fixtures.js';

const ONE_HOST = { hosts: 'deploy@10.0.0.1' };
const STACK = { ...ONE_HOST, strategy: 'stack', 'stack-file': 'deploy/stack.yml' };

describe('strategy stack inputs', () => {
  it('sets images, fills in safe update settings where the file is silent, and says which', async () => {
    const c = await config({ ...STACK, images: 'web=ghcr.io/acme/shop-web:2.0.0' });
    const s = c.stack;
    expect(s?.name).toBe('shop');
    expect(s?.rendered.images).toEqual({
      web: 'ghcr.io/acme/shop-web:2.0.0',
      worker: 'ghcr.io/acme/shop-worker:1.0.0',
    });
    const file = parse(s?.rendered.yaml ?? '') as {
      services: Record<string, { image: string; deploy: Record<string, Record<string, string>> }>;
    };
    expect(file.services['web']?.deploy).toEqual({
      update_config: { order: 'stop-first', failure_action: 'rollback', monitor: '10s' },
      rollback_config: { order: 'stop-first' },
    });
    // worker's own order is kept; it is not on the host network, so its rollback starts first
    expect(file.services['worker']?.deploy).toEqual({
      update_config: { order: 'stop-first', failure_action: 'rollback', monitor: '10s' },
      rollback_config: { order: 'start-first' },
    });
    expect(s?.rendered.defaults).toEqual([
      'web: update_config order stop-first, failure_action rollback, monitor 10s (host network: a second task cannot bind the same port unless the app binds with SO_REUSEPORT; set order start-first if it does)',
      'web: rollback_config order stop-first',
      'worker: update_config failure_action rollback, monitor 10s',
      'worker: rollback_config order start-first',
    ]);
  });

  it.each([
    [
      { images: 'api=ghcr.io/acme/api:1' },
      "Input 'images': names the service 'api', which 'deploy/stack.yml' does not define (its services: web, worker).",
    ],
    [
      { images: 'web ghcr.io/acme/api:1' },
      "Input 'images': line 'web ghcr.io/acme/api:1' is not SERVICE=image.",
    ],
    [
      { image: 'ghcr.io/acme/api:1' },
      "Input 'image': is for a stack of one service, but 'deploy/stack.yml' defines 2 (web, worker).",
    ],
    [{ 'stack-file': 'nope.yml' }, "Input 'stack-file': 'nope.yml' is not a file in the workspace"],
    [{ 'stack-name': 'Shop!' }, "Input 'stack-name': 'Shop!' is not a stack name"],
    [{ 'health-command': 'curl -f localhost' }, "Input 'health-command': is not used by strategy stack"],
    [
      { hosts: 'a@10.0.0.1\nb@10.0.0.2' },
      "Input 'hosts': strategy stack deploys through one Swarm manager, but 2 hosts are given",
    ],
    [
      { 'stack-file': 'deploy/stack.yml', strategy: 'compose', image: 'x/y:1' },
      "Input 'stack-file': is only used by strategy 'stack'",
    ],
  ])('refuses %j', async (extra, message) => {
    await expect(config({ ...STACK, ...extra })).rejects.toThrow(message);
  });

  it('plans login, the stack file, then deploy-and-follow; undo rolls back what still updates', async () => {
    const c = await config({
      ...STACK,
      images: 'web=ghcr.io/acme/shop-web:2.0.0',
      'registry-username': 'bot',
      'registry-password': 'hunter2hunter2',
      'converge-timeout': '90s',
    });
    const host = c.ssh.hosts[0];
    if (!host) throw new Error('no host');
    const plan = planHost(c, host, { releaseId: 'r7', token: 't', previous: { known: false } });
    expect(plan.phases.map((p) => [p.name, p.commits ?? false, p.steps.map((s) => s.title)])).toEqual([
      [
        'Prepare',
        false,
        ['docker login ghcr.io', 'write the stack file /srv/shop/.ops-actions/stacks/r7.yml (2 service(s))'],
      ],
      [
        'Deploy stack',
        true,
        ['docker stack deploy shop, then follow web, worker until converged (up to 90s)'],
      ],
    ]);
    const deploy = plan.phases[1]?.steps[0];
    expect(deploy?.kind === 'stack' ? deploy.command : '').toBe(
      'date -u +%s && docker stack deploy --with-registry-auth --compose-file /srv/shop/.ops-actions/stacks/r7.yml shop',
    );
    expect(plan.undoAfterCommit.map((s) => s.title)).toEqual([
      'roll back the services of shop still updating',
    ]);
    const text = formatPlan(c, [plan]);
    expect(text).toContain('Strategy stack');
    expect(text).toContain(
      'The stack file as it is deployed (deploy/stack.yml, images and update settings set):',
    );
    expect(text).toContain('    image: ghcr.io/acme/shop-web:2.0.0');
    expect(text).not.toContain('hunter2hunter2');
  });
});
