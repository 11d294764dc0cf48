// strategy stack against a swarm of two servers: scripts/swarm-multinode.sh runs a manager and a
// worker engine, each in its own network namespace (169.254.78.2 and .3), and an sshd on
// 127.0.0.1:2240 whose docker is the manager. The same step as on one node (hosts = the manager)
// must put a worker-only service on the worker, which pulls the image from the registry with the
// credentials `docker stack deploy --with-registry-auth` hands it, and a global service on both.
// Skips, saying why, where the two engines cannot be started (no root, no network namespaces).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { appDirs, registryInputs, sshInputs } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { BUSYBOX, buildWebImage } from '../helpers/web-image.js';

interface Node {
  name: string;
  nodeId: string;
  addr: string;
  socket: string;
}
interface Multinode {
  sshPort: number;
  manager: Node;
  worker: Node;
}

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'swarm-multinode.sh');
const stateDir = loadTestEnv().stateDir;
const envFile = join(stateDir, 'swarm-multinode', 'env.json');

/** Brings the two-node swarm up unless it is; says whether this file started it, or why it cannot. */
function startMultinode(): { env: Multinode; started: boolean } | { reason: string } {
  const script = (cmd: string): void => {
    const [file, args] =
      process.getuid?.() === 0 ? ['bash', [SCRIPT, cmd]] : ['sudo', ['-n', 'bash', SCRIPT, cmd]];
    execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  };
  let started = false;
  try {
    try {
      script('status');
    } catch {
      script('up');
      started = true;
    }
  } catch (error: unknown) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const why = existsSync(join(stateDir, 'swarm-multinode.unavailable'))
      ? readFileSync(join(stateDir, 'swarm-multinode.unavailable'), 'utf8').trim()
      : stderr || String(error);
    return { reason: `two-node swarm unavailable on this machine (scripts/swarm-multinode.sh up): ${why}` };
  }
  return { env: JSON.parse(readFileSync(envFile, 'utf8')) as Multinode, started };
}

const multinode = startMultinode();
const mn = 'env' in multinode ? multinode.env : undefined;
const repo = `ops-deploy-ssh/multinode-${randomBytes(3).toString('hex')}`;
const stack = `ops-mn-${randomBytes(3).toString('hex')}`;
const dirs = appDirs();
const ports: Record<string, number> = {};
const images: Record<string, string> = {};
let appDir: string;
let workspace: string;

function service(name: string, port: number, image: string, deploy: string[]): string[] {
  return [
    `  ${name}:`,
    `    image: ${image}`,
    // every address of the node's namespace: the test reaches it on the node's bridge address
    `    command: ["httpd", "-f", "-p", "0.0.0.0:${port}", "-h", "/www"]`,
    '    networks: [hostnet]',
    '    stop_grace_period: 1s',
    '    healthcheck:',
    `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/health"]`,
    '      interval: 1s',
    '      timeout: 2s',
    '      retries: 3',
    '    deploy:',
    ...deploy.map((l) => `      ${l}`),
    '      restart_policy: {condition: any, delay: 1s}',
  ];
}

function docker(node: Node, args: string[]): string {
  return execFileSync('docker', ['-H', `unix://${node.socket}`, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The nodes the running tasks of a service are on. */
function taskNodes(service: string): string[] {
  if (!mn) return [];
  const out = docker(mn.manager, [
    'service',
    'ps',
    `${stack}_${service}`,
    '--filter',
    'desired-state=running',
    '--format',
    '{{.Node}} {{.CurrentState}}',
  ]);
  return out
    .trim()
    .split('\n')
    .filter((l) => l.includes(' Running'))
    .map((l) => l.split(' ')[0] ?? '')
    .sort();
}

async function get(addr: string, port: number, path: string): Promise<string | undefined> {
  try {
    const res = await fetch(`http://${addr}:${port}${path}`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? await res.text() : `HTTP ${res.status}`;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  if (!mn) return;
  ports['web'] = await freePort();
  ports['agent'] = await freePort();
  appDir = dirs.next('stack-multinode');
  workspace = mkdtempSync(join(tmpdir(), 'ops-stack-mn-ws-'));
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2');
  writeFileSync(
    join(workspace, 'stack.yml'),
    [
      'version: "3.8"',
      'services:',
      ...service('web', ports['web'], images['v1'], [
        'replicas: 1',
        // (deploy-ssh's default monitor is 10s; the update below needs no more than a second)
        'update_config: {monitor: 1s}',
        'placement:',
        '  constraints: [node.role == worker]',
      ]),
      ...service('agent', ports['agent'], images['v1'], ['mode: global']),
      'networks:',
      '  hostnet:',
      '    external: true',
      '    name: host',
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(() => {
  if (!mn) return;
  try {
    docker(mn.manager, ['stack', 'rm', stack]);
  } catch {
    /* never deployed */
  }
  dirs.removeAll();
  rmSync(workspace, { recursive: true, force: true });
  if ('started' in multinode && multinode.started) {
    execFileSync(process.getuid?.() === 0 ? 'bash' : 'sudo', [
      ...(process.getuid?.() === 0 ? [] : ['-n', 'bash']),
      SCRIPT,
      'down',
    ]);
  }
}, 120_000);

function deploy(releaseId: string, imagesInput: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs([mn?.sshPort ?? 0]),
      strategy: 'stack',
      'app-dir': appDir,
      'stack-file': 'stack.yml',
      'stack-name': stack,
      'release-id': releaseId,
      'converge-timeout': '90s',
      ...registryInputs(),
      images: imagesInput,
    },
    workspace,
    timeoutMs: 170_000,
  });
}

describe('strategy stack on a swarm of two servers (manager + worker)', () => {
  it('hosts = the manager: a worker-only service runs and serves on the worker, a global one on both', async (ctx) => {
    if (!mn) return ctx.skip('reason' in multinode ? multinode.reason : 'two-node swarm unavailable');
    const web = ports['web'] ?? 0;
    const agent = ports['agent'] ?? 0;
    // the worker engine starts with no images: what it runs, it pulls from the registry
    const registryRepo = (images['v1'] ?? '').replace(/:[^:/]+$/, '');
    // (Swarm pulls by digest: the image is listed under its repository, without a tag)
    const workerImages = (): string =>
      docker(mn.worker, ['images', '--format', '{{.Repository}}', registryRepo]);
    expect(workerImages()).toBe('');

    const r1 = await deploy('m1', `web=${images['v1']}\nagent=${images['v1']}`);
    expect(r1.exitCode, r1.log).toBe(0);
    expectNoSecrets(r1);
    expect(JSON.parse(r1.outputs['services'] ?? '')).toEqual([
      { service: 'web', running: 1, desired: 1, image: images['v1'], update: 'none' },
      { service: 'agent', running: 2, desired: 2, image: images['v1'], update: 'none' },
    ]);
    expect(taskNodes('web')).toEqual([mn.worker.name]);
    expect(taskNodes('agent')).toEqual([mn.manager.name, mn.worker.name].sort());
    expect(workerImages().trim().split('\n')).toContain(registryRepo);
    expect(await get(mn.worker.addr, web, '/health')).toBe('v1\n');
    expect(await get(mn.manager.addr, web, '/health')).toBeUndefined();
    expect(await get(mn.worker.addr, agent, '/health')).toBe('v1\n');
    expect(await get(mn.manager.addr, agent, '/health')).toBe('v1\n');

    // an update goes to the worker the same way
    const r2 = await deploy('m2', `web=${images['v2']}`);
    expect(r2.exitCode, r2.log).toBe(0);
    expect(taskNodes('web')).toEqual([mn.worker.name]);
    expect(await get(mn.worker.addr, web, '/health')).toBe('v2\n');
    expect(await get(mn.worker.addr, agent, '/health')).toBe('v1\n');
    expect(r2.outputs['previous-release-id']).toBe('m1');
  }, 240_000);
});
