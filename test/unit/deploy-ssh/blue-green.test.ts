import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousFrom } from '../../../actions/deploy-ssh/deploy.js';
import { formatPlan, type HostPlan, type PreviousState, planHost } from '../../../actions/deploy-ssh/plan.js';
import { deployOutputs } from '../../../actions/deploy-ssh/report.js';
import { writeColorEnvScript } from '../../../actions/deploy-ssh/strategy-blue-green.js';
import { config } from './fixtures.js';

const BG = {
  strategy: 'compose',
  image: '127.0.0.1:5000/shop/web:v2',
  'zero-downtime': 'true',
  ports: '8081,8082',
  'upstream-file': '/etc/nginx/upstreams/shop.conf',
  'health-command': 'curl -fsS "http://127.0.0.1:$DEPLOY_PORT/health"',
  'drain-timeout': '5s',
};
const c = await config(BG);
const plan = (previous: PreviousState, cfg = c): HostPlan =>
  planHost(cfg, cfg.ssh.hosts[0] as NonNullable<(typeof cfg.ssh.hosts)[0]>, {
    releaseId: 'r2',
    token: 'tok',
    previous,
  });
const shape = (p: HostPlan) =>
  p.phases.map((ph) => [ph.name, ph.commits ?? false, ph.steps.map((s) => s.title)]);

describe('blue-green plan (compose, zero-downtime)', () => {
  const fromBlue = plan({ known: true, releaseId: 'r1', image: '127.0.0.1:5000/shop/web:v1', color: 'blue' });

  it('starts the idle color, checks it on its port, switches nginx, then retires the old color', () => {
    expect(shape(fromBlue)).toEqual([
      ['Pull', false, ['docker compose -p shop-green pull 127.0.0.1:5000/shop/web:v2']],
      [
        'Start',
        false,
        [
          'write .env.green (IMAGE=127.0.0.1:5000/shop/web:v2, PORT=8082)',
          'docker compose -p shop-green up -d --remove-orphans --wait',
          'health-command (green on port 8082)',
        ],
      ],
      [
        'Switch',
        true,
        ['point /etc/nginx/upstreams/shop.conf at 127.0.0.1:8082 (green)', 'proxy-reload-command'],
      ],
      ['Retire', false, ['drain blue for 5s (drain-timeout)', 'docker compose -p shop-blue down']],
    ]);
    expect(
      fromBlue.phases.map((p) =>
        p.steps.map((s) =>
          'command' in s ? s.command : 'script' in s ? s.script : 'gate' in s ? s.gate.command : '',
        ),
      ),
    ).toEqual([
      [
        'cd /srv/shop && IMAGE=127.0.0.1:5000/shop/web:v2 PORT=8082 docker compose -p shop-green pull --quiet',
      ],
      [
        "cd /srv/shop && { { rm -f .env.green.ops-actions.tmp && if [ -f .env ]; then cp -p .env .env.green.ops-actions.tmp; else (umask 077 && : > .env.green.ops-actions.tmp); fi && { if [ -f .env ]; then grep -Ev '^[[:space:]]*(export[[:space:]]+)?(IMAGE|PORT)[[:space:]]*=' .env || true; fi; printf '%s\\n' IMAGE=127.0.0.1:5000/shop/web:v2 PORT=8082; } > .env.green.ops-actions.tmp && mv -fT .env.green.ops-actions.tmp .env.green; } || { rm -f .env.green.ops-actions.tmp; false; }; }",
        'cd /srv/shop && docker compose -p shop-green --env-file .env.green up -d --remove-orphans --wait',
        'curl -fsS "http://127.0.0.1:$DEPLOY_PORT/health"',
      ],
      [
        "mkdir -p /srv/shop/.ops-actions && if [ -f /etc/nginx/upstreams/shop.conf ]; then { { rm -f /srv/shop/.ops-actions/upstream.previous.ops-actions.tmp && cp -p /etc/nginx/upstreams/shop.conf /srv/shop/.ops-actions/upstream.previous.ops-actions.tmp && mv -fT /srv/shop/.ops-actions/upstream.previous.ops-actions.tmp /srv/shop/.ops-actions/upstream.previous; } || { rm -f /srv/shop/.ops-actions/upstream.previous.ops-actions.tmp; false; }; } && rm -f /srv/shop/.ops-actions/upstream.previous.absent; else rm -f /srv/shop/.ops-actions/upstream.previous && : > /srv/shop/.ops-actions/upstream.previous.absent; fi && { { rm -f /etc/nginx/upstreams/shop.conf.ops-actions.tmp && if [ -f /etc/nginx/upstreams/shop.conf ]; then cp -p /etc/nginx/upstreams/shop.conf /etc/nginx/upstreams/shop.conf.ops-actions.tmp; else : > /etc/nginx/upstreams/shop.conf.ops-actions.tmp; fi && { printf '%s' '# written by ops-actions deploy-ssh: green, release r2\nserver 127.0.0.1:8082;\n'; } > /etc/nginx/upstreams/shop.conf.ops-actions.tmp && mv -fT /etc/nginx/upstreams/shop.conf.ops-actions.tmp /etc/nginx/upstreams/shop.conf; } || { rm -f /etc/nginx/upstreams/shop.conf.ops-actions.tmp; false; }; }",
        'nginx -s reload',
      ],
      [
        'sleep 5',
        'cd /srv/shop && if [ -f .env.blue ]; then docker compose -p shop-blue --env-file .env.blue down --remove-orphans; else docker compose -p shop-blue down --remove-orphans; fi',
      ],
    ]);
    expect(fromBlue.env['DEPLOY_COLOR']).toBe('green');
    expect(fromBlue.env['DEPLOY_PORT']).toBe('8082');
  });

  it('a failure before the switch removes the new color only; after it, the old color comes back first', () => {
    expect(fromBlue.undoBeforeCommit.map((s) => s.title)).toEqual([
      'docker compose -p shop-green down (the new color)',
    ]);
    expect(fromBlue.undoAfterCommit.map((s) => s.title)).toEqual([
      'docker compose -p shop-blue up (the previous color)',
      'restore /etc/nginx/upstreams/shop.conf',
      'proxy-reload-command',
      'docker compose -p shop-green down (the new color)',
    ]);
  });

  it('a first deploy (no live color) goes to blue and retires nothing', () => {
    const first = plan({ known: true });
    expect(first.phases[1]?.steps[0]?.title).toBe(
      'write .env.blue (IMAGE=127.0.0.1:5000/shop/web:v2, PORT=8081)',
    );
    expect(first.phases[3]?.steps).toEqual([]);
    expect(first.undoAfterCommit.map((s) => s.title)).toEqual([
      'restore /etc/nginx/upstreams/shop.conf',
      'proxy-reload-command',
      'docker compose -p shop-blue down (the new color)',
    ]);
  });

  it('the dry run shows placeholders for the colors it cannot know yet', () => {
    const text = formatPlan(c, [plan({ known: false })]);
    expect(text).toContain('docker compose -p shop-<idle color> up -d --remove-orphans --wait');
    expect(text).toContain('drain <live color> for 5s');
  });

  it('the live color comes from the upstream file, else the history; the image from its env file', () => {
    const history = [
      {
        id: 'r1',
        outcome: 'deployed' as const,
        time: 't',
        strategy: 'compose' as const,
        image: 'a:1',
        color: 'green',
      },
    ];
    expect(
      previousFrom(c, {
        history,
        files: { upstream: 'server 127.0.0.1:8082;', 'env-green': 'X=1\nIMAGE=a:1\nPORT=8082' },
      }),
    ).toEqual({ known: true, releaseId: 'r1', image: 'a:1', images: { IMAGE: 'a:1' }, color: 'green' });
    // nginx points at blue (someone switched by hand): blue is live, its image is not r1's
    expect(
      previousFrom(c, { history, files: { upstream: 'server 127.0.0.1:8081;', 'env-blue': 'IMAGE=a:0' } }),
    ).toEqual({ known: true, releaseId: undefined, image: 'a:0', images: { IMAGE: 'a:0' }, color: 'blue' });
    expect(previousFrom(c, { history, files: {} })).toMatchObject({ color: 'green', releaseId: 'r1' });
    // the upstream file points elsewhere (the app before blue-green): nothing of ours is live
    expect(previousFrom(c, { history: [], files: { upstream: 'server 127.0.0.1:3000;' } })).toEqual({
      known: true,
      releaseId: undefined,
      image: undefined,
      images: {},
      color: undefined,
    });
  });

  it('the color env file keeps the other lines and quotes hostile values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-bg-'));
    writeFileSync(join(dir, '.env'), "OTHER=kept\nIMAGE=old:1\nexport PORT=1\nQ='$(x)'\n");
    const cc = await config({ ...BG, 'app-dir': dir });
    const bg = cc.compose?.blueGreen;
    if (!cc.compose || !bg) throw new Error('no config');
    execFileSync('sh', ['-c', writeColorEnvScript(dir, cc.compose, bg, 'blue', 'new:2', 8081)]);
    expect(readFileSync(join(dir, '.env.blue'), 'utf8')).toBe(
      "OTHER=kept\nQ='$(x)'\nIMAGE=new:2\nPORT=8081\n",
    );
  });
});

describe('blue-green inputs', () => {
  it('defaults: ports 8081,8082, PORT, the app-dir name as project, nginx -s reload, 10s drain', async () => {
    const cc = await config({
      strategy: 'compose',
      image: 'a:1',
      'zero-downtime': 'true',
      'upstream-file': 'up.conf',
    });
    expect(cc.compose?.blueGreen).toEqual({
      ports: { blue: 8081, green: 8082 },
      portVariable: 'PORT',
      project: 'shop',
      upstreamFile: 'up.conf',
      reloadCommand: 'nginx -s reload',
      drainMs: 10_000,
    });
  });
  it.each([
    [{ 'zero-downtime': 'true' }, /upstream-file.*required/],
    [{ 'zero-downtime': 'true', 'upstream-file': 'u', ports: '8081' }, /ports.*two different ports/],
    [{ 'zero-downtime': 'true', 'upstream-file': 'u', ports: '8081,8081' }, /two different ports/],
    [{ 'zero-downtime': 'true', 'upstream-file': 'u', ports: '8081,99999' }, /two different ports/],
    [{ 'zero-downtime': 'true', 'upstream-file': 'u', 'compose-project': 'Bad Name' }, /compose-project/],
    [{ 'zero-downtime': 'true', 'upstream-file': 'u', 'port-variable': 'IMAGE' }, /must differ/],
    [{ 'zero-downtime': 'yes', 'upstream-file': 'u' }, /zero-downtime.*'true' or 'false'/],
    [{ 'upstream-file': 'u' }, /only used with 'zero-downtime: true'/],
  ])('rejects %o', async (extra, message) => {
    await expect(config({ strategy: 'compose', image: 'a:1', ...extra })).rejects.toThrow(message);
  });
  it('is compose only', async () => {
    await expect(config({ strategy: 'script', script: 'x', 'zero-downtime': 'true' })).rejects.toThrow(
      /only used by strategy 'compose'/,
    );
  });
});

describe('compose-command output: the command that reaches the release serving now', () => {
  const result = (hosts: { result: 'succeeded' | 'failed'; color?: string }[]) => ({
    strategy: 'compose' as const,
    releaseId: 'r2',
    hosts: hosts.map((h, i) => ({ host: `deploy@h${i}`, durationMs: 1, releaseId: 'r2', ...h })),
    durationMs: 1,
  });

  it('zero-downtime: the live color project and its env file, from the first host that went live', async () => {
    const out = deployOutputs(
      c,
      result([
        { result: 'failed', color: 'blue' },
        { result: 'succeeded', color: 'green' },
      ]),
    );
    expect(out['compose-command']).toBe('docker compose -p shop-green --env-file .env.green');
    const files = await config({
      ...BG,
      'compose-file': 'compose.yaml\ncompose.prod.yaml',
      'compose-project': 'api',
    });
    expect(deployOutputs(files, result([{ result: 'succeeded', color: 'blue' }]))['compose-command']).toBe(
      'docker compose -p api-blue -f compose.yaml -f compose.prod.yaml --env-file .env.blue',
    );
  });

  it('zero-downtime with no host live: empty; plain compose: the deploy command with its files and env file', async () => {
    expect(deployOutputs(c, result([{ result: 'failed', color: 'green' }]))['compose-command']).toBe('');
    const plain = await config({
      strategy: 'compose',
      image: 'a:1',
      'env-file': 'prod.env',
      'compose-file': 'c.yaml',
    });
    expect(deployOutputs(plain, result([{ result: 'succeeded' }]))['compose-command']).toBe(
      'docker compose -f c.yaml --env-file prod.env',
    );
    const script = await config({ strategy: 'script', script: 'true' });
    expect(
      deployOutputs(script, { ...result([{ result: 'succeeded' }]), strategy: 'script' })['compose-command'],
    ).toBe('');
  });
});
