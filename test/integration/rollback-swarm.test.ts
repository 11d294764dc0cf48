// rollback target swarm against the real sshd and the single-node Swarm of the test engine
// (env-up.sh): deploy-ssh strategy stack deploys s1 (web and api on v1), then s2 (both on v2);
// the rollback deploys s1's own recorded stack file again, under the deploy lock, and marks s2 bad.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { appDirs, lockExists, readHistoryFile, registryInputs, sshInputs } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { BUSYBOX, buildWebImage, httpGet } from '../helpers/web-image.js';

const repo = `ops-rollback/swarm-${randomBytes(3).toString('hex')}`;
const stack = `ops-rb-${randomBytes(3).toString('hex')}`;
const dirs = appDirs();
let appDir: string;
let workspace: string;
const ports: Record<string, number> = {};
const images: Record<string, string> = {};

function service(name: string, port: number): string[] {
  return [
    `  ${name}:`,
    '    image: 127.0.0.1:5000/not-deployed/web:none',
    `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
    '    networks: [hostnet]',
    '    stop_grace_period: 1s',
    '    healthcheck:',
    `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/health"]`,
    '      interval: 1s',
    '      timeout: 2s',
    '      retries: 3',
    '    deploy:',
    '      replicas: 1',
    '      restart_policy: {condition: any, delay: 1s}',
  ];
}

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The image each service of the stack runs now, as Swarm's spec says (digest removed). */
function specImages(): Record<string, string> {
  const out = docker(['stack', 'services', stack, '--format', '{{.Name}} {{.Image}}']);
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name = '', image = ''] = l.split(' ');
        return [name.slice(stack.length + 1), image.replace(/@sha256:.*/, '')];
      }),
  );
}

beforeAll(async () => {
  ports['web'] = await freePort();
  ports['api'] = await freePort();
  appDir = dirs.next('rb-stack');
  workspace = mkdtempSync(join(tmpdir(), 'ops-rb-stack-ws-'));
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2');
  writeFileSync(
    join(workspace, 'stack.yml'),
    [
      'version: "3.8"',
      'services:',
      ...service('web', ports['web']),
      ...service('api', ports['api']),
      'networks:',
      '  hostnet:',
      '    external: true',
      '    name: host',
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(() => {
  try {
    docker(['stack', 'rm', stack]);
  } catch {
    /* never deployed */
  }
  dirs.removeAll();
  rmSync(workspace, { recursive: true, force: true });
});

function deploy(releaseId: string, version: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'stack',
      'app-dir': appDir,
      'stack-file': 'stack.yml',
      'stack-name': stack,
      'release-id': releaseId,
      'converge-timeout': '90s',
      images: `web=${images[version]}\napi=${images[version]}`,
      ...registryInputs(),
    },
    workspace,
    timeoutMs: 170_000,
  });
}

function rollback(extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      ...sshInputs(),
      target: 'swarm',
      'app-dir': appDir,
      'converge-timeout': '90s',
      reason: 'smoke test failed',
      ...registryInputs(),
      ...extra,
    },
    workspace,
    timeoutMs: 170_000,
  });
}

describe('rollback target swarm', () => {
  it('deploys v1, then v2; the rollback brings every service back to v1 and marks v2 bad', async () => {
    const r1 = await deploy('s1', 'v1');
    expect(r1.exitCode, r1.log).toBe(0);
    const r2 = await deploy('s2', 'v2');
    expect(r2.exitCode, r2.log).toBe(0);
    expect(await httpGet(ports['web'] ?? 0, '/health')).toBe('v2\n');
    expect(await httpGet(ports['api'] ?? 0, '/health')).toBe('v2\n');

    // dry run: the plan names the stack file of s1, nothing changes
    const dry = await rollback({ 'dry-run': 'true' });
    expect(dry.exitCode, dry.log).toBe(0);
    expect(dry.log).toContain(`docker stack deploy ${stack} with the stack file of s1`);
    expect(dry.log).toContain('.ops-actions/stacks/s1.yml');
    expect(specImages()).toEqual({ web: images['v2'], api: images['v2'] });

    const rb = await rollback();
    expect(rb.exitCode, rb.log).toBe(0);
    expect(rb.outputs['rolled-back-from']).toBe('s2');
    expect(rb.outputs['rolled-back-to']).toBe('s1');
    expect(specImages()).toEqual({ web: images['v1'], api: images['v1'] });
    expect(await httpGet(ports['web'] ?? 0, '/health')).toBe('v1\n');
    expect(await httpGet(ports['api'] ?? 0, '/health')).toBe('v1\n');
    expect(JSON.parse(rb.outputs['services'] ?? '')).toEqual([
      {
        service: 'web',
        running: 1,
        desired: 1,
        image: images['v1'],
        update: 'completed',
        message: 'update completed',
      },
      {
        service: 'api',
        running: 1,
        desired: 1,
        image: images['v1'],
        update: 'completed',
        message: 'update completed',
      },
    ]);
    // the summary names the services and their images
    expect(rb.summary).toContain(`Stack \`${stack}\`: ✅ converged`);
    expect(rb.summary).toMatch(new RegExp(`\\| web +\\| 1/1 +\\| \`${images['v1']}\``));
    expect(rb.summary).toMatch(new RegExp(`\\| api +\\| 1/1 +\\| \`${images['v1']}\``));
    expectNoSecrets(rb);

    const history = readHistoryFile(appDir);
    expect(history.slice(-2)).toMatchObject([
      { id: 's2', outcome: 'bad', note: 'rolled back to s1: smoke test failed' },
      { id: 's1', outcome: 'deployed', strategy: 'stack', stack, previous: 's2' },
    ]);
    expect(history.at(-1)?.images).toEqual({ web: images['v1'], api: images['v1'] });
    expect(lockExists(appDir)).toBe(false);

    // nothing before s1 is still good: refused, nothing changes
    const again = await rollback();
    expect(again.exitCode).not.toBe(0);
    expect(again.errors.join('\n')).toContain('Rollback refused, nothing was changed');
    expect(specImages()).toEqual({ web: images['v1'], api: images['v1'] });
  }, 600_000);

  it('two hosts, or inputs of another target, fail before anything is contacted', async () => {
    const two = await rollback({ hosts: `${sshInputs()['hosts'] ?? ''}\ndeploy@127.0.0.2:2222` });
    expect(two.exitCode).not.toBe(0);
    expect(two.errors.join('\n')).toContain(
      "Input 'hosts': target swarm rolls back through one Swarm manager",
    );
    const compose = await rollback({ 'env-file': '.env' });
    expect(compose.exitCode).not.toBe(0);
    expect(compose.errors.join('\n')).toContain("Input 'env-file': is not used with target 'swarm'");
    expect(two.log + compose.log).not.toContain('Connect');
  }, 60_000);
});
