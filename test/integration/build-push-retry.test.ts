// A registry that is down when the action starts and comes up later: the login and the push
// are retried with backoff and succeed. The late registry is a second docker-registry instance
// this test starts on its own loopback port; until then the port resets connections (for the
// first attempt, so the test knows the action has tried) and then refuses them.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  downRegistry,
  type ExtraRegistry,
  env,
  freePort,
  getManifest,
  listTags,
  makeWorkspace,
  removeLocalTestImages,
  startRegistry,
  uniqueRepo,
} from './build-push-support.js';

const PUSH_MAIN = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
};

afterAll(() => removeLocalTestImages());

let registry: ExtraRegistry | undefined;
afterEach(async () => {
  await registry?.stop();
  registry = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the action against 127.0.0.1:<port> while nothing serves it; once the action has tried
 * (its first connection is reset) and at least `lateMs` have passed, starts the registry there.
 */
async function withLateRegistry(
  port: number,
  auth: boolean,
  lateMs: number,
  start: (onSpawn: (pid: number) => void) => Promise<ActionResult>,
): Promise<{ result: ActionResult; attemptsWhileDown: number }> {
  const down = await downRegistry(port);
  let spawnedAt = Date.now();
  let finished = false;
  const run = start(() => {
    spawnedAt = Date.now();
  }).finally(() => {
    finished = true;
  });
  await Promise.race([down.firstConnection, run]);
  const attemptsWhileDown = down.connections();
  await down.close(); // from now on: connection refused
  if (!finished) {
    await sleep(Math.max(0, spawnedAt + lateMs - Date.now()));
    registry = await startRegistry(port, { auth });
  }
  return { result: await run, attemptsWhileDown };
}

describe('build-push: a registry that is down for the first attempts', () => {
  it('retries the login with backoff until the registry is up, then pushes', async () => {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const repo = uniqueRepo('late-login');
    const { result: r, attemptsWhileDown } = await withLateRegistry(port, true, 3000, (onSpawn) =>
      runAction('build-push', {
        workspace: makeWorkspace(),
        inputs: {
          image: `${host}/${repo}`,
          context: 'app',
          username: env.registry.username,
          password: env.registry.password,
          retries: 6,
        },
        env: PUSH_MAIN,
        onSpawn,
      }),
    );
    expect(attemptsWhileDown).toBeGreaterThan(0);
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.log).toMatch(
      new RegExp(
        `Login to ${host}: attempt 1/7 failed \\(.*(connection reset|EOF|connection refused).*\\); retrying in`,
      ),
    );
    expect(r.log).toMatch(/Logged in to .* \(after [2-7] attempts\)/);
    expect(await listTags(repo, host)).toEqual(['main', 'sha-0123456']);
    const { digest } = await getManifest(repo, 'main', host);
    expect(r.outputs['image']).toBe(`${host}/${repo}@${digest}`);
    expect(r.log).not.toContain(env.registry.password);
  });

  it('retries the push (build cached) until the registry is up', async () => {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const repo = uniqueRepo('late-push');
    // no login: an open registry, so the first contact with it is the push itself
    const { result: r } = await withLateRegistry(port, false, 3000, (onSpawn) =>
      runAction('build-push', {
        workspace: makeWorkspace(),
        inputs: { image: `${host}/${repo}`, context: 'app', retries: 6, tags: 'sha' },
        env: PUSH_MAIN,
        onSpawn,
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.log).toMatch(/attempt 1\/7 failed on a registry or network error \(.*\); retrying in/);
    expect(await listTags(repo, host)).toEqual(['sha-0123456']);
    const { digest } = await getManifest(repo, 'sha-0123456', host);
    expect(r.outputs['digest']).toBe(digest);
    const metadata = JSON.parse(r.outputs['metadata'] ?? '') as { attempts: number }[];
    expect(metadata[0]?.attempts).toBeGreaterThan(1);
    expect(r.summary).toMatch(/\(\d attempts\)/);
  });

  it('gives up after the retries with a message naming the registry and the attempts', async () => {
    const port = await freePort(); // nothing ever listens here
    const r = await runAction('build-push', {
      workspace: makeWorkspace(),
      inputs: {
        image: `127.0.0.1:${port}/${uniqueRepo('never')}`,
        context: 'app',
        username: env.registry.username,
        password: env.registry.password,
        retries: 1,
      },
      env: PUSH_MAIN,
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.errors.join('\n')).toMatch(
      new RegExp(`Login to registry 127.0.0.1:${port} failed after 2 attempts: .*connection refused`),
    );
  });
});
