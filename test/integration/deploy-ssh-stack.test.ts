// strategy stack against the real sshd and the single-node Swarm of the test engine (env-up.sh):
// a two-service stack (FROM-scratch busybox web servers on the host network), an update of one
// service, an update to a never-healthy image that Swarm rolls back itself, and bad inputs that
// fail before anything changes.
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

const repo = `ops-deploy-ssh/stack-${randomBytes(3).toString('hex')}`;
const stack = `ops-it-${randomBytes(3).toString('hex')}`;
const dirs = appDirs();
let appDir: string;
let workspace: string;
let stackFile: string;
const ports: Record<string, number> = {};
const images: Record<string, string> = {};

function service(name: string, port: number, image: string): string[] {
  return [
    `  ${name}:`,
    `    image: ${image}`,
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
  appDir = dirs.next('stack');
  workspace = mkdtempSync(join(tmpdir(), 'ops-stack-ws-'));
  stackFile = join(workspace, 'stack.yml');
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2');
  images['bad'] = buildWebImage(repo, 'bad', { healthy: false });
  // api's image is the stack file's own: a deploy that does not list api in images keeps it
  writeFileSync(
    stackFile,
    [
      'version: "3.8"',
      'services:',
      ...service('web', ports['web'], '127.0.0.1:5000/not-deployed/web:none'),
      ...service('api', ports['api'], images['v1']),
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

function deploy(releaseId: string, extra: Record<string, string>): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'stack',
      'app-dir': appDir,
      'stack-file': 'stack.yml',
      'stack-name': stack,
      'release-id': releaseId,
      'converge-timeout': '90s',
      ...registryInputs(),
      ...extra,
    },
    workspace,
    timeoutMs: 170_000,
  });
}

describe('strategy stack (Docker Swarm)', () => {
  it('deploys a two-service stack that serves, then updates one service', async () => {
    const r1 = await deploy('s1', { images: `web=${images['v1']}` });
    expect(r1.exitCode, r1.log).toBe(0);
    expect(await httpGet(ports['web'] ?? 0, '/health')).toBe('v1\n');
    expect(await httpGet(ports['api'] ?? 0, '/health')).toBe('v1\n');
    expectNoSecrets(r1);
    expect(JSON.parse(r1.outputs['services'] ?? '')).toEqual([
      { service: 'web', running: 1, desired: 1, image: images['v1'], update: 'none' },
      { service: 'api', running: 1, desired: 1, image: images['v1'], update: 'none' },
    ]);
    // what we filled in is said in the log and the summary
    expect(r1.log).toContain('set web: update_config order stop-first, failure_action rollback, monitor 10s');
    expect(r1.summary).toContain(`Stack \`${stack}\`: ✅ converged`);
    expect(r1.summary).toMatch(/\| web +\| 1\/1 +\|/);

    const r2 = await deploy('s2', { images: `web=${images['v2']}` });
    expect(r2.exitCode, r2.log).toBe(0);
    expect(await httpGet(ports['web'] ?? 0, '/health')).toBe('v2\n');
    expect(await httpGet(ports['api'] ?? 0, '/health')).toBe('v1\n');
    expect(specImages()).toEqual({ web: images['v2'], api: images['v1'] });
    const services = JSON.parse(r2.outputs['services'] ?? '') as { service: string; update: string }[];
    expect(services.find((s) => s.service === 'web')?.update).toBe('completed');
    expect(r2.outputs['previous-release-id']).toBe('s1');

    const history = readHistoryFile(appDir);
    expect(history.map((e) => [e.id, e.outcome, e.strategy, e.stack])).toEqual([
      ['s1', 'deployed', 'stack', stack],
      ['s2', 'deployed', 'stack', stack],
    ]);
    expect(history[1]?.images).toEqual({ web: images['v2'], api: images['v1'] });
    expect(lockExists(appDir)).toBe(false);
  }, 200_000);

  it('an update to a never-healthy image is rolled back by Swarm; the step fails naming the service and the task error', async () => {
    const r = await deploy('s3', { images: `web=${images['bad']}` });
    expect(r.exitCode, r.log).not.toBe(0);
    const failure = r.errors.join('\n');
    expect(failure).toContain(`Swarm rolled the update of stack ${stack} back`);
    expect(failure).toMatch(/service web: .*rollback_completed/);
    expect(failure).toContain('unhealthy container');
    expect(failure).toContain(images['bad']);
    // the previous release serves again, the other service was never touched
    expect(await httpGet(ports['web'] ?? 0, '/health')).toBe('v2\n');
    expect(await httpGet(ports['api'] ?? 0, '/health')).toBe('v1\n');
    expect(specImages()).toEqual({ web: images['v2'], api: images['v1'] });
    const services = JSON.parse(r.outputs['services'] ?? '') as { service: string; update: string }[];
    expect(services.find((s) => s.service === 'web')?.update).toBe('rollback_completed');
    expect(r.summary).toContain('rolled back by Swarm');
    expect(readHistoryFile(appDir).at(-1)).toMatchObject({ id: 's3', outcome: 'failed' });
    expect(lockExists(appDir)).toBe(false);
  }, 200_000);

  it('a service the stack file does not define, or a broken stack file, fails before anything is contacted', async () => {
    const before = readHistoryFile(appDir).length;
    const unknown = await deploy('s4', { images: `wbe=${images['v1']}` });
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.errors.join('\n')).toContain(
      "Input 'images': names the service 'wbe', which 'stack.yml' does not define (its services: web, api).",
    );
    expect(unknown.log).not.toContain('Connect');

    writeFileSync(join(workspace, 'broken.yml'), 'services:\n  web:\n    image: [unclosed\n');
    const broken = await deploy('s5', { 'stack-file': 'broken.yml', images: `web=${images['v1']}` });
    expect(broken.exitCode).not.toBe(0);
    expect(broken.errors.join('\n')).toContain("Input 'stack-file': 'broken.yml' is not valid YAML");

    expect(readHistoryFile(appDir)).toHaveLength(before);
    expect(specImages()).toEqual({ web: images['v2'], api: images['v1'] });
  }, 60_000);
});
