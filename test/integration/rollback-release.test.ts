// rollback, strategy release, against the real sshd: deploy-ssh uploads r1, r2 and a broken r3
// (its health file is missing); an application server that serves `<app-dir>/current/health`
// answers the smoke test; rollback switches `current` back. Then a manual rollback to a named
// release, a target that fails its health gate, and rollbacks while a deploy holds the lock.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { startServer, type TestServer } from '../helpers/http-servers.js';
import {
  currentTarget,
  keyLines,
  lockExists,
  readHistoryFile,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
} from '../helpers/server.js';

let appDir: string;
let workspace: string;
let app: TestServer;
const apps: string[] = [];

/** The build output of release `v` in the workspace's dist/; a broken one has no health file. */
function build(v: string, healthy = true): void {
  const dist = join(workspace, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'VERSION'), v);
  if (healthy) writeFileSync(join(dist, 'health'), `ok ${v}`);
}

function deploy(
  dir: string,
  id: string,
  healthy = true,
  env: Record<string, string> = {},
): Promise<ActionResult> {
  build(id, healthy);
  return runAction('deploy-ssh', {
    workspace,
    inputs: {
      ...sshInputs(),
      strategy: 'release',
      'app-dir': dir,
      'release-id': id,
      source: 'dist',
      'health-command': 'test -f VERSION',
    },
    env,
  });
}

function rollback(
  dir: string,
  extra: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      ...sshInputs(),
      strategy: 'release',
      'app-dir': dir,
      'health-command': 'test -f health',
      'health-timeout': '2s',
      'health-interval': '500ms',
      'after-switch':
        'echo "after-switch $RELEASE_ID (from $PREVIOUS_RELEASE_ID) in $PWD" >> ../../after.log',
      ...extra,
    },
    env: { GITHUB_RUN_ID: '8001', ...env },
  });
}

const outcomes = (dir: string): string[][] => readHistoryFile(dir).map((e) => [e.id, e.outcome]);

beforeAll(async () => {
  appDir = uniqueAppDir('rb-release');
  apps.push(appDir);
  workspace = mkdtempSync(join(tmpdir(), 'ops-rollback-ws-'));
  // the application: answers /health from the release `current` points to, at each request
  app = await startServer({
    '/health': () => {
      const file = join(appDir, 'current', 'health');
      return existsSync(file)
        ? { status: 200, body: readFileSync(file, 'utf8') }
        : { status: 503, body: 'no health' };
    },
  });
});

afterAll(async () => {
  await app.close();
  for (const dir of apps) removeAppDir(dir);
});

describe('rollback, strategy release', () => {
  it('r1, r2, a broken r3; the smoke test fails; rollback switches current back to r2 and marks r3 bad', async () => {
    for (const id of ['r1', 'r2']) expect((await deploy(appDir, id)).exitCode).toBe(0);
    const r3 = await deploy(appDir, 'r3', false);
    expect(r3.exitCode, r3.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r3');
    const smoke = await runAction('smoke-test', { inputs: { url: app.url('/health'), timeout: '2s' } });
    expect(smoke.exitCode).toBe(1);

    const r = await rollback(appDir, { reason: 'smoke test failed' });
    expect(r.exitCode, r.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r2');
    const res = await fetch(app.url('/health'));
    expect(await res.text()).toBe('ok r2');
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r3', 'rolled-back-to': 'r2' });
    expect(readFileSync(join(appDir, 'after.log'), 'utf8')).toBe(
      `after-switch r2 (from r3) in ${appDir}/releases/r2\n`,
    );
    expect(outcomes(appDir)).toEqual([
      ['r1', 'deployed'],
      ['r2', 'deployed'],
      ['r3', 'deployed'],
      ['r3', 'bad'],
      ['r2', 'deployed'],
    ]);
    expect(readHistoryFile(appDir).at(-1)).toMatchObject({
      strategy: 'release',
      previous: 'r3',
      runId: '8001',
    });
    expect(lockExists(appDir)).toBe(false);
    // the gate ran inside r2 before the switch
    expect(r.log).toMatch(
      /\[deploy@127\.0\.0\.1:2222\] ▶ health-command[\s\S]*switch current → releases\/r2/,
    );
    for (const line of keyLines()) expect(r.log).not.toContain(line);
  });

  it('after a good r4, `previous` goes back to r2 — the bad r3 is skipped', async () => {
    expect((await deploy(appDir, 'r4')).exitCode).toBe(0);
    const r = await rollback(appDir);
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r4', 'rolled-back-to': 'r2' });
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(outcomes(appDir).slice(-2)).toEqual([
      ['r4', 'bad'],
      ['r2', 'deployed'],
    ]);
  });

  it('a manual rollback to an explicit older release id', async () => {
    const r = await rollback(appDir, { to: 'r1', reason: 'manual: back to the last known good' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r2', 'rolled-back-to': 'r1' });
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(await (await fetch(app.url('/health'))).text()).toBe('ok r1');
    expect(readHistoryFile(appDir).slice(-2)).toMatchObject([
      { id: 'r2', outcome: 'bad', note: 'rolled back to r1: manual: back to the last known good' },
      { id: 'r1', outcome: 'deployed', previous: 'r2' },
    ]);
  });

  it('a target that fails its health gate is refused before the switch: nothing changes', async () => {
    const before = readHistoryFile(appDir);
    const log = readFileSync(join(appDir, 'after.log'), 'utf8');
    const r = await rollback(appDir, { to: 'r3' });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('(failed in Prepare)');
    expect(error).toMatch(/the health-command did not pass within 2\.0s \(health-timeout, \d+ attempts\)/);
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(readHistoryFile(appDir)).toEqual(before);
    expect(readFileSync(join(appDir, 'after.log'), 'utf8')).toBe(log);
    expect(lockExists(appDir)).toBe(false);
  });

  it('dry-run prints the plan (which release, every command) and changes nothing', async () => {
    const before = readHistoryFile(appDir);
    const r = await rollback(appDir, { 'dry-run': 'true', to: 'r4' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('Roll back (strategy release');
    expect(r.log).toContain('from r1 to r4');
    expect(r.log).toContain(`mv -Tf ${appDir}/current.tmp-`);
    expect(r.log).toContain('r1: bad (rolled back to r4:');
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r1', 'rolled-back-to': 'r4' });
    expect(r.summary).toContain('rollback (dry run): to r4 — nothing was changed');
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(readHistoryFile(appDir)).toEqual(before);
    expect(lockExists(appDir)).toBe(false);
  });
});

describe('rollback while a deploy holds the lock', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function waitFor(check: () => boolean): Promise<void> {
    const end = Date.now() + 30_000;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(100);
    }
  }
  /** A deploy of `id` whose before-switch holds the lock for `seconds`. */
  function slowDeploy(dir: string, id: string, seconds: number, runId: string): Promise<ActionResult> {
    build(id);
    return runAction('deploy-ssh', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': dir,
        'release-id': id,
        source: 'dist',
        'before-switch': `touch ../../deploy-started\nsleep ${seconds}`,
      },
      env: { GITHUB_RUN_ID: runId, GITHUB_ACTOR: `deployer-${runId}` },
    });
  }

  it('times out clearly, naming the deploy that holds it; nothing changes', async () => {
    const dir = uniqueAppDir('rb-lock');
    apps.push(dir);
    expect((await deploy(dir, 'a1')).exitCode).toBe(0);
    expect((await deploy(dir, 'a2')).exitCode).toBe(0);
    const holding = slowDeploy(dir, 'a3', 6, '9101');
    await waitFor(() => existsSync(join(dir, 'deploy-started')));
    const r = await rollback(dir, { 'lock-timeout': '1s', 'after-switch': '' });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain('(failed in Lock)');
    expect(error).toContain(
      `${dir} is locked by another deploy: run 9101 (attempt 1) by deployer-9101 in acme/shop`,
    );
    expect(error).toContain('lock-timeout');
    expect(currentTarget(dir)).toBe('releases/a2');
    expect((await holding).exitCode).toBe(0);
    expect(currentTarget(dir)).toBe('releases/a3');
    expect(outcomes(dir)).toEqual([
      ['a1', 'deployed'],
      ['a2', 'deployed'],
      ['a3', 'deployed'],
    ]);
  });

  it('waits for the deploy to finish, then rolls back what it deployed', async () => {
    const dir = uniqueAppDir('rb-lock-wait');
    apps.push(dir);
    expect((await deploy(dir, 'b1')).exitCode).toBe(0);
    rmSync(join(dir, 'deploy-started'), { force: true });
    const holding = slowDeploy(dir, 'b2', 3, '9201');
    await waitFor(() => existsSync(join(dir, 'deploy-started')));
    const r = await rollback(dir, { 'lock-timeout': '60s', 'after-switch': '' });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toMatch(
      /\[deploy@127\.0\.0\.1:2222\] waiting for the deploy lock held by run 9201 \(attempt 1\) by deployer-9201/,
    );
    expect((await holding).exitCode).toBe(0);
    // it read the state once it held the lock: b2, deployed meanwhile, is what it rolled back
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'b2', 'rolled-back-to': 'b1' });
    expect(currentTarget(dir)).toBe('releases/b1');
    expect(outcomes(dir)).toEqual([
      ['b1', 'deployed'],
      ['b2', 'deployed'],
      ['b2', 'bad'],
      ['b1', 'deployed'],
    ]);
    expect(lockExists(dir)).toBe(false);
  });
});
