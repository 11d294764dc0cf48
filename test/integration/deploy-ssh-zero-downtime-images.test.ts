// compose zero-downtime (blue-green) with two images: the color's env file gets both, the idle
// color starts with both and is health-gated before nginx switches; a frontend that never gets
// healthy leaves the live color (both of its images) serving. Real sshd, Docker, registry, nginx.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { removeComposeProject, startNginx, type TestNginx } from '../helpers/nginx.js';
import { appDirs, readHistoryFile, registryInputs, sshInputs, writeComposeApp } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { BUSYBOX, buildWebImage, httpGetSettled } from '../helpers/web-image.js';

const tag = randomBytes(3).toString('hex');
const dirs = appDirs();
const api: Record<string, string> = {};
const web: Record<string, string> = {};
let blue: number;
let green: number;
let appDir: string;
let project: string;
let nginx: TestNginx;

/** The frontend on the host network at ${PORT} (behind nginx); the backend in the project's own network. */
function composeFile(): string {
  const health = (url: string): string[] => [
    '    healthcheck:',
    `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "${url}"]`,
    '      interval: 1s',
    '      timeout: 2s',
    '      retries: 3',
  ];
  return [
    'services:',
    '  backend:',
    '    image: ${BACKEND_IMAGE}',
    '    stop_grace_period: 1s',
    '    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]',
    ...health('http://127.0.0.1:8080/health'),
    '  frontend:',
    '    image: ${FRONTEND_IMAGE}',
    '    network_mode: host',
    '    stop_grace_period: 1s',
    '    command: ["httpd", "-f", "-p", "127.0.0.1:${PORT}", "-h", "/www"]',
    ...health('http://127.0.0.1:${PORT}/health'),
    '',
  ].join('\n');
}

/** The image each running container of a compose project was started from. */
function projectImages(p: string): string[] {
  const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${p}`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  return execFileSync('docker', ['inspect', '--format', '{{.Config.Image}}', ...ids], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
}

beforeAll(async () => {
  blue = await freePort();
  green = await freePort();
  appDir = dirs.next('bluegreen-images');
  project = basename(appDir);
  for (const v of ['v1', 'v2']) {
    api[v] = buildWebImage(`ops-bg-images/api-${tag}`, `api-${v}`);
    web[v] = buildWebImage(`ops-bg-images/web-${tag}`, `web-${v}`);
  }
  web['bad'] = buildWebImage(`ops-bg-images/web-${tag}`, 'web-bad', { healthy: false });
  writeComposeApp(appDir, composeFile(), 'OTHER=kept\n');
  nginx = startNginx(await freePort(), await freePort());
});

afterAll(() => {
  nginx?.stop();
  removeComposeProject(`${project}-blue`);
  removeComposeProject(`${project}-green`);
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
      'zero-downtime': 'true',
      ports: `${blue},${green}`,
      'upstream-file': nginx.upstreamFile,
      'proxy-reload-command': nginx.reloadCommand,
      'drain-timeout': '1s',
      'health-command': 'curl -fsS "http://127.0.0.1:$DEPLOY_PORT/health"',
      'health-timeout': '20s',
      'health-interval': '1s',
      'command-timeout': '2m',
    },
    timeoutMs: 170_000,
  });
}

describe('compose zero-downtime with two images', () => {
  it('v1 as blue, then v2 as green: each color runs both of its images, nginx switches to green', async () => {
    const r1 = await deploy('r1', api['v1'] ?? '', web['v1'] ?? '');
    expect(r1.exitCode, r1.log).toBe(0);
    const r2 = await deploy('r2', api['v2'] ?? '', web['v2'] ?? '');
    expect(r2.exitCode, r2.log).toBe(0);
    expect(await httpGetSettled(nginx.port, '/health', 'web-v2\n')).toBe('web-v2\n');
    expect(readFileSync(join(appDir, '.env.green'), 'utf8')).toBe(
      `OTHER=kept\nBACKEND_IMAGE=${api['v2']}\nFRONTEND_IMAGE=${web['v2']}\nPORT=${green}\n`,
    );
    expect(projectImages(`${project}-green`)).toEqual([api['v2'], web['v2']].sort());
    expect(projectImages(`${project}-blue`)).toEqual([]);
    expect(r2.outputs['previous-images']).toBe(`BACKEND_IMAGE=${api['v1']}\nFRONTEND_IMAGE=${web['v1']}`);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome, e.color, e.images])).toEqual([
      ['r1', 'deployed', 'blue', { BACKEND_IMAGE: api['v1'], FRONTEND_IMAGE: web['v1'] }],
      ['r2', 'deployed', 'green', { BACKEND_IMAGE: api['v2'], FRONTEND_IMAGE: web['v2'] }],
    ]);
  });

  it('a frontend that never gets healthy: green keeps serving both of its images, nginx untouched', async () => {
    const r3 = await deploy('r3', api['v1'] ?? '', web['bad'] ?? '');
    expect(r3.exitCode).toBe(1);
    expect(await httpGetSettled(nginx.port, '/health', 'web-v2\n')).toBe('web-v2\n');
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toContain(`server 127.0.0.1:${green};`);
    expect(projectImages(`${project}-green`)).toEqual([api['v2'], web['v2']].sort());
    expect(projectImages(`${project}-blue`)).toEqual([]);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['r1', 'deployed'],
      ['r2', 'deployed'],
      ['r3', 'failed'],
    ]);
  });
});
