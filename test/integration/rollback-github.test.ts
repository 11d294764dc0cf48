// rollback and GitHub Deployments, against the real sshd (strategy release) and the fake GitHub
// REST API (test/fakes/github-api.ts) reached through GITHUB_API_URL: the statuses sent, in order,
// with their fields; `to: previous` from the last successful deployment when the server history is
// gone; a token without permission is one warning and the rollback goes on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, type RecordedRequest, startFakeGitHub } from '../fakes/github-api.js';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { currentTarget, readHistoryFile, removeAppDir, sshInputs, uniqueAppDir } from '../helpers/server.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const RUN_URL = 'https://github.com/acme/shop/actions/runs/8501';
const READ_ONLY = 'ghs_readOnlyToken000000000000000000000';

let workspace: string;
let gh: FakeGitHub;
const apps: string[] = [];

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'ops-rollback-gh-'));
});
afterEach(async () => {
  await gh?.close();
});
afterAll(() => apps.forEach(removeAppDir));

async function deployedApp(name: string): Promise<string> {
  const dir = uniqueAppDir(name);
  apps.push(dir);
  for (const id of ['r1', 'r2']) {
    rmSync(join(workspace, 'dist'), { recursive: true, force: true });
    mkdirSync(join(workspace, 'dist'));
    writeFileSync(join(workspace, 'dist', 'VERSION'), id);
    const r = await runAction('deploy-ssh', {
      workspace,
      inputs: { ...sshInputs(), strategy: 'release', 'app-dir': dir, 'release-id': id, source: 'dist' },
    });
    expect(r.exitCode, r.log).toBe(0);
  }
  return dir;
}

/** What deploy stages record: r1 succeeded then was superseded (inactive), r2 succeeded. */
function seedHistory(): void {
  gh.seedDeployment({
    environment: 'staging',
    sha: SHA,
    payload: { release: 'r1' },
    states: ['in_progress', 'success', 'inactive'],
  });
  gh.seedDeployment({
    environment: 'staging',
    sha: SHA,
    payload: { release: 'r2' },
    states: ['in_progress', 'success'],
  });
}

function rollback(dir: string, token: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('rollback', {
    inputs: {
      ...sshInputs(),
      strategy: 'release',
      'app-dir': dir,
      'github-token': token,
      environment: 'staging',
      'environment-url': 'https://staging.example.com',
      reason: 'smoke test failed',
      ...extra,
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_RUN_ID: '8501' },
  });
}

const line = (r: RecordedRequest): string => `${r.method} ${r.path}`;

describe('GitHub deployments of a rollback', () => {
  it('marks the bad deployment failure and records the restored release: in order, with the right fields', async () => {
    gh = await startFakeGitHub();
    seedHistory();
    const dir = await deployedApp('rb-gh');
    const r = await rollback(dir, gh.token);
    expect(r.exitCode, r.log).toBe(0);
    expect(currentTarget(dir)).toBe('releases/r1');

    expect(gh.requests.map(line)).toEqual([
      'GET /repos/acme/shop/deployments', // the newest deployment of staging: the one rolled back from
      'GET /repos/acme/shop/deployments/2/statuses',
      'POST /repos/acme/shop/deployments', // the restored release
      'POST /repos/acme/shop/deployments/3/statuses', // in_progress, before anything changes
      'POST /repos/acme/shop/deployments/2/statuses', // failure: r2 is bad
      'POST /repos/acme/shop/deployments/3/statuses', // success
    ]);
    expect(gh.requests[0]?.query).toMatchObject({ environment: 'staging', per_page: '1' });
    const [, , create, progress, failure, success] = gh.requests;
    expect(create?.body).toEqual({
      ref: SHA,
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      environment: 'staging',
      description: 'Rollback from r2 to r1',
      payload: {
        release: 'r1',
        rolled_back_from: 'r2',
        reason: 'smoke test failed',
        ops_actions_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
    expect(progress?.body).toEqual({
      state: 'in_progress',
      log_url: RUN_URL,
      description: 'Rollback from r2 to r1',
    });
    expect(failure?.body).toEqual({
      state: 'failure',
      log_url: RUN_URL,
      description: 'Rolled back to r1: smoke test failed',
    });
    expect(success?.body).toEqual({
      state: 'success',
      log_url: RUN_URL,
      description: 'Rolled back to r1',
      environment_url: 'https://staging.example.com',
    });
    for (const req of gh.requests) expect(req.status).toBeLessThan(300);
    expect(gh.statesOf(1)).toEqual(['in_progress', 'success', 'inactive']);
    expect(gh.statesOf(2)).toEqual(['in_progress', 'success', 'failure']);
    expect(gh.statesOf(3)).toEqual(['in_progress', 'success']);
    expect(r.summary).toContain(
      'GitHub environment `staging`: deployment 2 marked `failure`; deployment 3 records the restored release.',
    );
    expect(r.log).not.toContain(gh.token);
    expect(r.masked).toContain(gh.token);
  });

  it('with the server history gone, `previous` is the last successful GitHub deployment before the newest', async () => {
    gh = await startFakeGitHub();
    seedHistory();
    const dir = await deployedApp('rb-gh-nohistory');
    rmSync(join(dir, '.ops-actions', 'history.jsonl'));
    const r = await rollback(dir, gh.token);
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r2', 'rolled-back-to': 'r1' });
    expect(currentTarget(dir)).toBe('releases/r1');
    expect(r.log).toContain('the host has no release history: going back to GitHub deployment 1');
    expect(readHistoryFile(dir).map((e) => [e.id, e.outcome])).toEqual([
      ['r2', 'bad'],
      ['r1', 'deployed'],
    ]);
    expect(gh.statesOf(2)).toEqual(['in_progress', 'success', 'failure']);
    expect(gh.statesOf(3)).toEqual(['in_progress', 'success']);
    expect(r.summary).toContain('found in the GitHub deployments');
  });

  it('a token that may not write deployments: one warning, the rollback goes on with the server history', async () => {
    gh = await startFakeGitHub({ readOnlyTokens: [READ_ONLY] });
    seedHistory();
    const dir = await deployedApp('rb-gh-readonly');
    const r = await rollback(dir, READ_ONLY);
    expect(r.exitCode, r.log).toBe(0);
    expect(currentTarget(dir)).toBe('releases/r1');
    const warnings = r.log.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('permissions: deployments: write');
    expect(gh.statesOf(2)).toEqual(['in_progress', 'success']);
    expect(gh.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });
});
