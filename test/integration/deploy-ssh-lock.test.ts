// The deploy lock against the real sshd: concurrent deploys wait (no interleaving) or time out
// naming the holder; a deploy killed mid-release leaves the old release live and its lock is then
// waited on, broken when stale, or released by the post step.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction, runActionWithPost } from '../harness/run-action.js';
import {
  appDirs,
  asDeploy,
  currentTarget,
  lockExists,
  readHistoryFile,
  sshInputs,
} from '../helpers/server.js';

const dirs = appDirs();
const app = (name: string): string => dirs.next(name);
afterAll(() => dirs.removeAll());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function scriptDeploy(
  appDir: string,
  runId: string,
  script: string,
  extra: Record<string, string> = {},
  onSpawn?: (pid: number) => void,
) {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'script',
      'app-dir': appDir,
      'release-id': `run-${runId}`,
      script,
      ...extra,
    },
    env: { GITHUB_RUN_ID: runId, GITHUB_ACTOR: `actor-${runId}` },
    onSpawn,
  });
}

const SLOW = 'echo "start $RELEASE_ID" >> order.txt\nsleep 3\necho "end $RELEASE_ID" >> order.txt';

describe('two deploys at once on the same app-dir', () => {
  it('the second waits for the lock: no interleaving', async () => {
    const appDir = app('concurrent');
    const first = scriptDeploy(appDir, '2001', SLOW);
    await waitFor('the first deploy to hold the lock', () => existsSync(join(appDir, 'order.txt')));
    const second = scriptDeploy(appDir, '2002', SLOW);
    const [a, b] = await Promise.all([first, second]);
    expect(a.exitCode, a.log).toBe(0);
    expect(b.exitCode, b.log).toBe(0);
    expect(readFileSync(join(appDir, 'order.txt'), 'utf8')).toBe(
      'start run-2001\nend run-2001\nstart run-2002\nend run-2002\n',
    );
    expect(b.log).toMatch(
      /\[deploy@127\.0\.0\.1:2222\] waiting for the deploy lock held by run 2001 \(attempt 1\) by actor-2001 in acme\/shop/,
    );
    expect(lockExists(appDir)).toBe(false);
  });

  it('with a short lock-timeout the second fails, naming the holder', async () => {
    const appDir = app('locktimeout');
    const first = scriptDeploy(appDir, '3001', SLOW.replace('sleep 3', 'sleep 6'));
    await waitFor('the first deploy to hold the lock', () => existsSync(join(appDir, 'order.txt')));
    const second = await scriptDeploy(appDir, '3002', SLOW, { 'lock-timeout': '1s' });
    expect(second.exitCode).toBe(1);
    const error = second.errors.join('\n');
    expect(error).toContain('(failed in Lock)');
    expect(error).toContain(
      `${appDir} is locked by another deploy: run 3001 (attempt 1) by actor-3001 in acme/shop`,
    );
    expect(error).toContain('lock-timeout');
    expect((await first).exitCode).toBe(0);
    expect(readFileSync(join(appDir, 'order.txt'), 'utf8')).toBe('start run-3001\nend run-3001\n');
  });
});

describe('a deploy killed mid-release', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'ops-lock-ws-'));
  const build = (v: string) => {
    mkdirSync(join(workspace, 'dist'), { recursive: true });
    writeFileSync(join(workspace, 'dist', 'VERSION'), v);
  };
  const releaseDeploy = (
    appDir: string,
    id: string,
    runId: string,
    extra: Record<string, string> = {},
    onSpawn?: (pid: number) => void,
  ) =>
    runAction('deploy-ssh', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': appDir,
        'release-id': id,
        source: 'dist',
        ...extra,
      },
      env: { GITHUB_RUN_ID: runId, GITHUB_ACTOR: `actor-${runId}` },
      onSpawn,
    });

  /** Deploys r1, then starts r2 and SIGKILLs it while its before-switch runs. */
  async function killedDeploy(appDir: string, runId: string): Promise<ActionResult> {
    build('r1');
    const r1 = await releaseDeploy(appDir, 'r1', `${runId}0`);
    expect(r1.exitCode, r1.log).toBe(0);
    build('r2');
    const marker = join(appDir, 'releases', 'r2', 'before-switch-started');
    const killed = await releaseDeploy(
      appDir,
      'r2',
      runId,
      { 'before-switch': 'touch before-switch-started\nsleep 20' },
      (pid) => {
        waitFor('before-switch to start', () => existsSync(marker)).then(
          () => process.kill(pid, 'SIGKILL'),
          () => process.kill(pid, 'SIGKILL'),
        );
      },
    );
    expect(killed.signal).toBe('SIGKILL');
    // the old release is still the live one, and the dead deploy's lock is still there
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(readFileSync(join(appDir, 'current', 'VERSION'), 'utf8')).toBe('r1');
    expect(lockExists(appDir)).toBe(true);
    expect(readFileSync(join(appDir, '.ops-actions', 'lock', 'info'), 'utf8')).toContain(`run-id=${runId}`);
    return killed;
  }

  it('leaves current on the old release; the next deploy waits, then times out naming the dead holder', async () => {
    const appDir = app('killed-wait');
    await killedDeploy(appDir, '4001');
    build('r3');
    const next = await releaseDeploy(appDir, 'r3', '4002', { 'lock-timeout': '2s' });
    expect(next.exitCode).toBe(1);
    expect(next.log).toContain('waiting for the deploy lock held by run 4001');
    expect(next.errors.join('\n')).toContain(
      'is locked by another deploy: run 4001 (attempt 1) by actor-4001',
    );
    expect(next.errors.join('\n')).toContain('lock-stale-after (30m)');
    expect(currentTarget(appDir)).toBe('releases/r1');
  });

  it('the next deploy breaks the lock once it is older than lock-stale-after, with a warning', async () => {
    const appDir = app('killed-stale');
    await killedDeploy(appDir, '5001');
    build('r3');
    const next = await releaseDeploy(appDir, 'r3', '5002', {
      // the shortest lock-stale-after (a live holder refreshes every third of it)
      'lock-stale-after': '3s',
      'lock-timeout': '30s',
    });
    expect(next.exitCode, next.log).toBe(0);
    expect(next.log).toMatch(
      /::warning::deploy@127\.0\.0\.1:2222: broke a stale deploy lock on .* held by run 5001/,
    );
    expect(currentTarget(appDir)).toBe('releases/r3');
    expect(lockExists(appDir)).toBe(false);
  });

  it('the post step releases the lock a killed main step left behind', async () => {
    const appDir = app('killed-post');
    const killed = await killedDeploy(appDir, '6001');
    expect(killed.state['deploy-lock']).toContain(appDir);
    const post = await runAction('deploy-ssh', {
      post: true,
      state: killed.state,
      inputs: { ...sshInputs(), strategy: 'release', 'app-dir': appDir, source: 'dist' },
      workspace,
    });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toContain(
      `deploy@127.0.0.1:2222: released the deploy lock on ${appDir} that this run left behind`,
    );
    expect(lockExists(appDir)).toBe(false);
    expect(currentTarget(appDir)).toBe('releases/r1');
  });

  it('after a normal run the post step has nothing to do, and never touches a lock of another deploy', async () => {
    const appDir = app('post-normal');
    build('r1');
    const { main, post } = await runActionWithPost('deploy-ssh', {
      workspace,
      inputs: {
        ...sshInputs(),
        strategy: 'release',
        'app-dir': appDir,
        'release-id': 'r1',
        source: 'dist',
        'before-switch': 'false',
      },
    });
    expect(main.exitCode).toBe(1);
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toContain('The deploy released its locks itself.');
    expect(lockExists(appDir)).toBe(false);

    // a post step with a stale token leaves another deploy's lock alone
    const holder = scriptDeploy(appDir, '7001', 'touch holding\nsleep 4');
    await waitFor('the other deploy to hold the lock', () => existsSync(join(appDir, 'holding')));
    const foreign = await runAction('deploy-ssh', {
      post: true,
      state: {
        'ops-actions-is-post': 'true',
        'deploy-lock': JSON.stringify({ appDir, token: 'not-the-holder', hosts: ['deploy@127.0.0.1:2222'] }),
      },
      inputs: { ...sshInputs(), strategy: 'script', 'app-dir': appDir, script: 'true' },
    });
    expect(foreign.log).toContain('the lock is held by another deploy; left alone');
    expect(lockExists(appDir)).toBe(true);
    expect((await holder).exitCode).toBe(0);
  });
});

describe('a cancelled deploy (SIGTERM, as the runner sends)', () => {
  it('stops, removes the unfinished release and releases its lock itself', async () => {
    const appDir = app('cancelled');
    const workspace = mkdtempSync(join(tmpdir(), 'ops-cancel-ws-'));
    mkdirSync(join(workspace, 'dist'));
    writeFileSync(join(workspace, 'dist', 'VERSION'), 'r1');
    const inputs = { ...sshInputs(), strategy: 'release', 'app-dir': appDir, source: 'dist' };
    expect(
      (await runAction('deploy-ssh', { workspace, inputs: { ...inputs, 'release-id': 'r1' } })).exitCode,
    ).toBe(0);
    const marker = join(appDir, 'releases', 'r2', 'started');
    const r = await runAction('deploy-ssh', {
      workspace,
      inputs: { ...inputs, 'release-id': 'r2', 'before-switch': 'touch started\nsleep 30' },
      onSpawn: (pid) => {
        void waitFor('before-switch to start', () => existsSync(marker)).then(() =>
          process.kill(pid, 'SIGTERM'),
        );
      },
    });
    expect(r.exitCode).toBe(1);
    expect(r.log).toContain('Cancelled: stopping the running commands');
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(existsSync(join(appDir, 'releases', 'r2'))).toBe(false);
    expect(lockExists(appDir)).toBe(false);
    expect(r.state['deploy-lock-released']).toBe('true');
  });
});

// Issue #14 point 4: a live deploy refreshes its lock, so only a dead holder's lock goes stale;
// and a holder that finds its lock taken by another deploy fails, saying so.
describe('the lock heartbeat', () => {
  const LONG = 'echo "start $RELEASE_ID" >> order.txt\nsleep 8\necho "end $RELEASE_ID" >> order.txt';

  it('a live deploy longer than lock-stale-after keeps its lock: the next deploy waits', async () => {
    const appDir = app('heartbeat');
    const stale = { 'lock-stale-after': '3s' };
    const first = scriptDeploy(appDir, '7001', LONG, stale);
    await waitFor('the first deploy to hold the lock', () => existsSync(join(appDir, 'order.txt')));
    const second = scriptDeploy(appDir, '7002', SLOW, { ...stale, 'lock-timeout': '1m' });
    const [a, b] = await Promise.all([first, second]);
    expect(a.exitCode, a.log).toBe(0);
    expect(b.exitCode, b.log).toBe(0);
    // not broken as stale: the second waited for the first to finish
    expect(b.log).not.toMatch(/broke a stale deploy lock/);
    expect(b.log).toMatch(/waiting for the deploy lock held by run 7001/);
    expect(readFileSync(join(appDir, 'order.txt'), 'utf8')).toBe(
      'start run-7001\nend run-7001\nstart run-7002\nend run-7002\n',
    );
    expect(lockExists(appDir)).toBe(false);
  });

  it('a holder whose lock was replaced fails, saying so, and leaves the new holder’s lock alone', async () => {
    const appDir = app('replaced');
    const first = scriptDeploy(appDir, '7101', LONG, { 'lock-stale-after': '6s' });
    await waitFor('the first deploy to hold the lock', () => existsSync(join(appDir, 'order.txt')));
    // what a deploy that broke it (or a person) leaves: another deploy's lock in its place
    const lock = join(appDir, '.ops-actions', 'lock');
    asDeploy(
      `rm -rf '${lock}' && mkdir '${lock}' && printf 'token=someone-else\\nrun-id=7199\\nactor=other\\nepoch=%s\\n' "$(date +%s)" > '${lock}/info'`,
    );
    const r = await first;
    expect(r.exitCode, r.log).toBe(1);
    // stopped: the script did not run on to its end
    expect(readFileSync(join(appDir, 'order.txt'), 'utf8')).toBe('start run-7101\n');
    expect(r.errors.join('\n')).toMatch(
      /the deploy lock on .* was taken by run 7199 by other while this deploy held it/,
    );
    // the other deploy's lock stays, and this deploy wrote nothing into its history
    expect(readFileSync(join(lock, 'info'), 'utf8')).toContain('token=someone-else');
    expect(readHistoryFile(appDir)).toEqual([]);
  });
});
