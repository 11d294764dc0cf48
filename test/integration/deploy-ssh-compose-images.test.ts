// strategy compose with two images in one deploy (Sori/UVIS: a backend and a frontend), against
// the real sshd, Docker Engine and authenticated registry: both deployed in one step, a second
// deploy whose frontend never gets healthy restores BOTH previous images, and rollback brings both
// back from one history entry.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { appDirs, readHistoryFile, registryInputs, sshInputs, writeComposeApp } from '../helpers/server.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { freePort } from '../helpers/sshd.js';
import { BUSYBOX, buildWebImage, composeDown, httpGet } from '../helpers/web-image.js';

const tag = randomBytes(3).toString('hex');
const dirs = appDirs();
let apiPort: number;
let webPort: number;
let appDir: string;
const api: Record<string, string> = {};
const web: Record<string, string> = {};

/** Two services on the host network, each reading its image from its own variable. */
function twoServiceCompose(): string {
  const service = (name: string, variable: string, port: number): string[] => [
    `  ${name}:`,
    `    image: \${${variable}}`,
    '    network_mode: host',
    '    stop_grace_period: 1s',
    `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
    '    healthcheck:',
    `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/health"]`,
    '      interval: 1s',
    '      timeout: 2s',
    '      retries: 3',
  ];
  return [
    'services:',
    ...service('backend', 'BACKEND_IMAGE', apiPort),
    ...service('frontend', 'FRONTEND_IMAGE', webPort),
    '',
  ].join('\n');
}

beforeAll(async () => {
  apiPort = await freePort();
  webPort = await freePort();
  appDir = dirs.next('compose-images');
  for (const v of ['v1', 'v2']) {
    api[v] = buildWebImage(`ops-images/api-${tag}`, `api-${v}`);
    web[v] = buildWebImage(`ops-images/web-${tag}`, `web-${v}`);
  }
  web['bad'] = buildWebImage(`ops-images/web-${tag}`, 'web-bad', { healthy: false });
  writeComposeApp(appDir, twoServiceCompose(), 'OTHER=kept\n');
});

afterAll(() => {
  composeDown(appDir);
  dirs.removeAll();
});

function deploy(id: string, apiImage: string, webImage: string): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      ...registryInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      images: `BACKEND_IMAGE=${apiImage}\nFRONTEND_IMAGE=${webImage}`,
      'release-id': id,
      'health-command': `curl -fsS http://127.0.0.1:${apiPort}/health && curl -fsS http://127.0.0.1:${webPort}/health`,
      'health-timeout': '20s',
      'command-timeout': '2m',
    },
    timeoutMs: 170_000,
  });
}

const envFile = (): string => readFileSync(join(appDir, '.env'), 'utf8');
const serving = async (): Promise<[string | undefined, string | undefined]> => [
  await httpGet(apiPort, '/health'),
  await httpGet(webPort, '/health'),
];

describe('strategy compose with two images', () => {
  it('deploys both in one step: one env file write, one history entry with both', async () => {
    const r1 = await deploy('r1', api['v1'] ?? '', web['v1'] ?? '');
    expect(r1.exitCode, r1.log).toBe(0);
    expect(await serving()).toEqual(['api-v1\n', 'web-v1\n']);
    expect(r1.outputs['previous-images']).toBe('');

    const r2 = await deploy('r2', api['v2'] ?? '', web['v2'] ?? '');
    expect(r2.exitCode, r2.log).toBe(0);
    expect(await serving()).toEqual(['api-v2\n', 'web-v2\n']);
    expect(envFile()).toBe(`OTHER=kept\nBACKEND_IMAGE=${api['v2']}\nFRONTEND_IMAGE=${web['v2']}\n`);
    expect(r2.outputs['previous-images']).toBe(`BACKEND_IMAGE=${api['v1']}\nFRONTEND_IMAGE=${web['v1']}`);
    expect(r2.outputs['previous-image']).toBe(api['v1']);
    expect(r2.outputs['previous-release-id']).toBe('r1');
    expect(r2.summary).toContain(`| BACKEND_IMAGE | \`${api['v2']}\` | \`${api['v1']}\` |`);
    expect(r2.summary).toContain(`| FRONTEND_IMAGE | \`${web['v2']}\` | \`${web['v1']}\` |`);
    expectNoSecrets(r2);
    const history = readHistoryFile(appDir);
    expect(history.map((e) => [e.id, e.outcome, e.images])).toEqual([
      ['r1', 'deployed', { BACKEND_IMAGE: api['v1'], FRONTEND_IMAGE: web['v1'] }],
      ['r2', 'deployed', { BACKEND_IMAGE: api['v2'], FRONTEND_IMAGE: web['v2'] }],
    ]);
  });

  it('a deploy whose frontend never gets healthy restores BOTH previous images', async () => {
    const r3 = await deploy('r3', api['v1'] ?? '', web['bad'] ?? '');
    expect(r3.exitCode).toBe(1);
    expect(r3.log).toContain(
      `undoing: restore .env (BACKEND_IMAGE=${api['v2']}, FRONTEND_IMAGE=${web['v2']})`,
    );
    expect(envFile()).toBe(`OTHER=kept\nBACKEND_IMAGE=${api['v2']}\nFRONTEND_IMAGE=${web['v2']}\n`);
    expect(await serving()).toEqual(['api-v2\n', 'web-v2\n']);
    // one entry per deploy
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['r1', 'deployed'],
      ['r2', 'deployed'],
      ['r3', 'failed'],
    ]);
  });

  it('rollback restores both images of the previous entry, health-gated, and names them', async () => {
    const r = await runAction('rollback', {
      inputs: {
        ...sshInputs(),
        ...registryInputs(),
        strategy: 'compose',
        'app-dir': appDir,
        'health-command': `curl -fsS http://127.0.0.1:${apiPort}/health && curl -fsS http://127.0.0.1:${webPort}/health`,
        'health-timeout': '15s',
        reason: 'smoke test failed',
      },
      timeoutMs: 170_000,
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['rolled-back-from']).toBe('r2');
    expect(r.outputs['rolled-back-to']).toBe('r1');
    expect(await serving()).toEqual(['api-v1\n', 'web-v1\n']);
    expect(envFile()).toBe(`OTHER=kept\nBACKEND_IMAGE=${api['v1']}\nFRONTEND_IMAGE=${web['v1']}\n`);
    expect(r.summary).toContain(`\`BACKEND_IMAGE=${api['v1']}\`, \`FRONTEND_IMAGE=${web['v1']}\``);
    const last = readHistoryFile(appDir).slice(-2);
    expect(last.map((e) => [e.id, e.outcome])).toEqual([
      ['r2', 'bad'],
      ['r1', 'deployed'],
    ]);
    expect(last[1]?.images).toEqual({ BACKEND_IMAGE: api['v1'], FRONTEND_IMAGE: web['v1'] });
  });
});
