// compose with zero-downtime (blue-green) against the real sshd, Docker, registry and a real nginx
// in front, under load from wrk: v1 → v2 loses no request and ends on v2; a v2 that never gets
// healthy loses no request either and v1 keeps serving; the plain compose deploy does lose requests
// (so the load test can fail).
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { projectContainers, removeComposeProject, startNginx, type TestNginx } from '../helpers/nginx.js';
import {
  asDeploy,
  lockExists,
  readHistoryFile,
  registryInputs,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
  writeComposeApp,
} from '../helpers/server.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { freePort } from '../helpers/sshd.js';
import {
  blueGreenComposeFile,
  buildWebImage,
  composeDown,
  httpGet,
  httpGetSettled,
  webComposeFile,
} from '../helpers/web-image.js';
import { startWrk } from '../helpers/wrk.js';

const repo = `ops-zero-downtime/web-${randomBytes(3).toString('hex')}`;
const images: Record<string, string> = {};
let blue: number;
let green: number;
let appDir: string;
let project: string;
let nginx: TestNginx;
let plainDir: string;
let plainPort: number;
let plainNginx: TestNginx;

beforeAll(async () => {
  blue = await freePort();
  green = await freePort();
  appDir = uniqueAppDir('bluegreen');
  project = basename(appDir);
  images['v1'] = buildWebImage(repo, 'v1');
  images['v2'] = buildWebImage(repo, 'v2');
  images['v3'] = buildWebImage(repo, 'v3', { healthy: false });
  writeComposeApp(appDir, blueGreenComposeFile(), 'OTHER=kept\n');
  // the env file holds secrets: each color's copy of it must be as private as it is
  asDeploy(`chmod 600 '${appDir}/.env'`);
  // before the first deploy nginx points at an old app the deploy does not know (nothing there)
  nginx = startNginx(await freePort(), await freePort());

  plainPort = await freePort();
  plainDir = uniqueAppDir('plain');
  writeComposeApp(plainDir, webComposeFile(plainPort));
  plainNginx = startNginx(await freePort(), plainPort);
});

afterAll(() => {
  nginx?.stop();
  plainNginx?.stop();
  removeComposeProject(`${project}-blue`);
  removeComposeProject(`${project}-green`);
  composeDown(plainDir);
  removeAppDir(appDir);
  removeAppDir(plainDir);
});

function deploy(version: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'compose',
      'app-dir': appDir,
      image: images[version],
      'release-id': version,
      ...registryInputs(),
      'zero-downtime': 'true',
      ports: `${blue},${green}`,
      'upstream-file': nginx.upstreamFile,
      'proxy-reload-command': nginx.reloadCommand,
      'drain-timeout': '2s',
      'health-command': 'curl -fsS "http://127.0.0.1:$DEPLOY_PORT/health"',
      'health-timeout': '20s',
      'health-interval': '1s',
      'command-timeout': '2m',
      ...extra,
    },
    timeoutMs: 170_000,
  });
}

/** What nginx answers, `times` times in a row. */
async function pollProxy(port: number, times = 20): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < times; i++) out.push(await httpGet(port, '/'));
  return out;
}

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('compose zero-downtime (blue-green behind nginx)', () => {
  it('first deploy: v1 runs as blue, nginx points at it, the history records the color', async () => {
    const r = await deploy('v1');
    expect(r.exitCode, r.log).toBe(0);
    // nginx -s reload returns before the new workers take over (a few ms, up to ~100 ms here); with a
    // previous color that one keeps serving meanwhile (drain-timeout), here the old upstream is dead
    expect(await httpGetSettled(nginx.port, '/', '<h1>v1</h1>\n')).toBe('<h1>v1</h1>\n');
    // …and its old worker (upstream: the dead old app) may accept a few more: the next test's load
    // must not start before it is gone
    await nginx.reloaded();
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toContain(`server 127.0.0.1:${blue};`);
    expect(readFileSync(join(appDir, '.env.blue'), 'utf8')).toBe(
      `OTHER=kept\nIMAGE=${images['v1']}\nPORT=${blue}\n`,
    );
    expect(mode(join(appDir, '.env.blue'))).toBe('600');
    expect(projectContainers(`${project}-blue`)).toHaveLength(1);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome, e.color])).toEqual([
      ['v1', 'deployed', 'blue'],
    ]);
    expectNoSecrets(r);
  });

  it('v1 → v2 under wrk load: 0 failed requests, then every response comes from v2', async () => {
    const load = startWrk(`http://127.0.0.1:${nginx.port}/`);
    const r = await deploy('v2');
    const result = await load.stop();
    expect(r.exitCode, r.log).toBe(0);
    const why = `${result.output}\nnginx error.log:\n${nginx.errorLog()}\n${r.log}`;
    expect(result.requests, why).toBeGreaterThan(100);
    expect(result.non2xx, why).toBe(0);
    expect(result.socketErrors, why).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
    expect(result.versions['v1'], why).toBeGreaterThan(0);
    expect(result.versions['v2'], why).toBeGreaterThan(0);
    expect(result.versions['other'] ?? 0, why).toBe(0);

    expect(new Set(await pollProxy(nginx.port))).toEqual(new Set(['<h1>v2</h1>\n']));
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toContain(`server 127.0.0.1:${green};`);
    expect(mode(join(appDir, '.env.green'))).toBe('600');
    expect(mode(join(appDir, '.env'))).toBe('600');
    expect(projectContainers(`${project}-blue`)).toHaveLength(0);
    expect(projectContainers(`${project}-green`)).toHaveLength(1);
    expect(r.outputs['previous-release-id']).toBe('v1');
    expect(r.outputs['previous-image']).toBe(images['v1']);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome, e.color])).toEqual([
      ['v1', 'deployed', 'blue'],
      ['v2', 'deployed', 'green'],
    ]);
    expect(r.summary).toContain('| ✅ deployed |');
    expect(r.summary).toContain('| v2 (green) | v1 |');
    expect(r.summary).toContain('zero-downtime (blue-green)');
    expect(r.log).toContain('::group::Start (1 host)');
    expect(r.log).toContain('::group::Switch (1 host)');
    expect(r.log).toContain(`health-command (green on port ${green})`);
    expectNoSecrets(r);
  });

  it('a v3 that never gets healthy under load: 0 failed requests, v2 keeps serving, the step fails', async () => {
    const upstreamBefore = readFileSync(nginx.upstreamFile, 'utf8');
    const load = startWrk(`http://127.0.0.1:${nginx.port}/`);
    const r = await deploy('v3', { 'health-timeout': '5s' });
    const result = await load.stop();
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain('(failed in Start)');
    expect(result.requests, result.output).toBeGreaterThan(100);
    expect(result.failed, result.output).toBe(0);
    expect(result.versions, result.output).toEqual({ v2: result.requests });
    expect(new Set(await pollProxy(nginx.port))).toEqual(new Set(['<h1>v2</h1>\n']));
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toBe(upstreamBefore);
    expect(projectContainers(`${project}-blue`)).toHaveLength(0); // the new color was removed
    expect(projectContainers(`${project}-green`)).toHaveLength(1);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['v1', 'deployed'],
      ['v2', 'deployed'],
      ['v3', 'failed'],
    ]);
    expectNoSecrets(r);
  });

  it('rollback refuses a blue-green app before touching it; deploy-ssh with the image it names is the way back', async () => {
    const upstreamBefore = readFileSync(nginx.upstreamFile, 'utf8');
    const historyBefore = readHistoryFile(appDir);
    const r = await runAction('rollback', {
      inputs: {
        ...sshInputs(),
        ...registryInputs(),
        strategy: 'compose',
        'app-dir': appDir,
        reason: 'smoke test failed',
      },
      timeoutMs: 170_000,
    });
    expect(r.exitCode, r.log).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('Rollback refused, nothing was changed');
    expect(error).toContain('release v2 runs with zero-downtime (blue-green, as green)');
    expect(error).toContain(`image: ${images['v1']} (release v1)`);
    // nothing changed: nginx, the colors, the env file, the history; no third (plain) project; no lock
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toBe(upstreamBefore);
    expect(projectContainers(`${project}-green`)).toHaveLength(1);
    expect(projectContainers(`${project}-blue`)).toHaveLength(0);
    expect(projectContainers(project)).toHaveLength(0);
    expect(readFileSync(join(appDir, '.env'), 'utf8')).toBe('OTHER=kept\n');
    expect(readHistoryFile(appDir)).toEqual(historyBefore);
    expect(lockExists(appDir)).toBe(false);

    // a new release of v1's image: an id names one deploy, so 'v1' itself would be refused
    const back = await deploy('v1', { 'release-id': 'v1-again' });
    expect(back.exitCode, back.log).toBe(0);
    expect(new Set(await pollProxy(nginx.port))).toEqual(new Set(['<h1>v1</h1>\n']));
    expect(readHistoryFile(appDir).at(-1)).toMatchObject({
      id: 'v1-again',
      outcome: 'deployed',
      color: 'blue',
      image: images['v1'],
      previous: 'v2',
    });
  });

  it('without zero-downtime the same v1 → v2 deploy under load loses requests', async () => {
    const plain = (version: string): Promise<ActionResult> =>
      runAction('deploy-ssh', {
        inputs: {
          ...sshInputs(),
          strategy: 'compose',
          'app-dir': plainDir,
          image: images[version],
          'release-id': version,
          ...registryInputs(),
          'command-timeout': '2m',
        },
        timeoutMs: 170_000,
      });
    const r1 = await plain('v1');
    expect(r1.exitCode, r1.log).toBe(0);
    const load = startWrk(`http://127.0.0.1:${plainNginx.port}/`);
    const r2 = await plain('v2');
    const result = await load.stop();
    expect(r2.exitCode, r2.log).toBe(0);
    // no health-command: compose up --wait returns once the container runs, maybe before it listens
    expect(await httpGetSettled(plainNginx.port, '/', '<h1>v2</h1>\n')).toBe('<h1>v2</h1>\n');
    expect(result.failed, result.output).toBeGreaterThan(0);
  });
});
