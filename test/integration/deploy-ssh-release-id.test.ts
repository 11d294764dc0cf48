// Release ids identify one deploy: the default is unique per run (time to the millisecond, commit,
// run id and attempt), and an id a host has already deployed is refused under the lock, before
// anything runs — so the history never records a release as its own previous.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { appDirs, lockExists, readHistoryFile, sshInputs } from '../helpers/server.js';

const dirs = appDirs();
afterAll(() => dirs.removeAll());

function scriptDeploy(
  appDir: string,
  extra: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    inputs: {
      ...sshInputs(),
      strategy: 'script',
      'app-dir': appDir,
      script: 'echo "$RELEASE_ID" >> deployed.txt',
      ...extra,
    },
    env,
  });
}

describe('release ids', () => {
  it('two deploys of one commit in quick succession get different default ids; the second names the first as previous', async () => {
    const appDir = dirs.next('default-id');
    // the same run deploying twice (e.g. two steps): same commit, same run id and attempt
    const a = await scriptDeploy(appDir);
    const b = await scriptDeploy(appDir);
    expect(a.exitCode, a.log).toBe(0);
    expect(b.exitCode, b.log).toBe(0);
    const idA = a.outputs['release-id'] ?? '';
    const idB = b.outputs['release-id'] ?? '';
    expect(idA).toMatch(/^\d{8}T\d{6}\.\d{3}Z-0123456-run1000\.1$/);
    expect(idB).not.toBe(idA);
    expect(b.outputs['previous-release-id']).toBe(idA);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.previous])).toEqual([
      [idA, undefined],
      [idB, idA],
    ]);
  });

  it('an id the host has deployed before is refused under the lock: the script does not run, the history is unchanged', async () => {
    const appDir = dirs.next('reused-id');
    const first = await scriptDeploy(appDir, { 'release-id': 'v7' });
    expect(first.exitCode, first.log).toBe(0);
    const history = readHistoryFile(appDir);

    const again = await scriptDeploy(appDir, { 'release-id': 'v7' }, { GITHUB_RUN_ID: '1001' });
    expect(again.exitCode, again.log).toBe(1);
    const error = again.errors.join('\n');
    expect(error).toContain('release v7 already exists on this host (deployed at ');
    expect(error).toContain('by run 1000');
    expect(error).toContain('give each deploy its own release-id');
    expect(readFileSync(join(appDir, 'deployed.txt'), 'utf8')).toBe('v7\n');
    expect(readHistoryFile(appDir)).toEqual(history);
    expect(lockExists(appDir)).toBe(false);
    expect(again.outputs['hosts-failed']).toContain('127.0.0.1');
  });

  it('a deploy that failed and was undone may be retried with the same id (a re-run)', async () => {
    const appDir = dirs.next('retry-id');
    const failed = await scriptDeploy(appDir, { 'release-id': 'v8', script: 'exit 3' });
    expect(failed.exitCode, failed.log).toBe(1);
    const retried = await scriptDeploy(appDir, { 'release-id': 'v8' }, { GITHUB_RUN_ATTEMPT: '2' });
    expect(retried.exitCode, retried.log).toBe(0);
    expect(existsSync(join(appDir, 'deployed.txt'))).toBe(true);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome])).toEqual([
      ['v8', 'failed'],
      ['v8', 'deployed'],
    ]);
  });
});
