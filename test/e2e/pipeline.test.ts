// The whole pipeline, end to end, as `npm run demo` runs it (the same Scenario and steps, with names
// of its own): build-push v1 → deploy-ssh → migrate → smoke-test, then a broken v2 that the smoke test
// catches and rollback undoes. Each step runs its bundled dist/<stage>/index.js; after each one the
// test checks the real state: the registry's tags and manifests, what the container on the server
// actually answers, the database schema, the release history and .env on the server, the backup
// file, and the step's outputs. Steps run in order; a failing step fails the ones after it too.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldHistory } from '../../lib/deploy/history.js';
import { HEALTH_PATH, appUrl } from '../../scripts/demo/app.js';
import { absoluteAppDir, type DemoConfig, demoConfig, demoPaths } from '../../scripts/demo/config.js';
import { describeSchema } from '../../scripts/demo/database.js';
import { takeDown } from '../../scripts/demo/down.js';
import { markdownReport } from '../../scripts/demo/report.js';
import { releaseId, Scenario, type StepId, stepById, type StepRun } from '../../scripts/demo/scenario.js';
import { readReleaseHistory } from '../../scripts/demo/server.js';
import type { ActionResult } from '../harness/run-action.js';
import { getImageConfig, getManifest, listTags } from '../integration/build-push-support.js';
import { keyLines, lockExists, readHistoryFile } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';

const suffix = randomBytes(3).toString('hex');
/** The repository path in the registry (the image name without the registry host). */
const repo = `ops-e2e/app-${suffix}`;
let cfg: DemoConfig;
let scenario: Scenario;
let appDir: string;
const runs = new Map<StepId, StepRun>();

beforeAll(async () => {
  const base = demoConfig();
  cfg = demoConfig({
    appDir: `ops-it/e2e-pipeline-${suffix}`,
    image: `${base.env.registry.host}/${repo}`,
    database: `ops_e2e_${suffix}`,
    port: await freePort(),
    workDir: mkdtempSync(join(tmpdir(), 'ops-e2e-pipeline-')),
  });
  appDir = absoluteAppDir(cfg);
  scenario = new Scenario(cfg);
  await scenario.setup();
});

afterAll(async () => {
  if (!cfg) return;
  const { failed } = await takeDown(cfg);
  expect(failed).toEqual([]);
});

/** Runs one step of the demo's scenario (the same Scenario.run the demo uses) and keeps it for later steps. */
async function step(id: StepId): Promise<StepRun> {
  const r = await scenario.run(stepById(id));
  runs.set(id, r);
  return r;
}

function ran(id: StepId): StepRun {
  const r = runs.get(id);
  if (!r) throw new Error(`step ${id} did not run`);
  return r;
}

function logOf(r: StepRun): string {
  return `${r.run.main.log}\n${r.run.post?.log ?? ''}`;
}

/** Neither the registry nor the database password, nor the private key, in any log or summary. */
function expectNoSecrets(r: StepRun): void {
  const results = [r.run.main, r.run.post].filter((x): x is ActionResult => x !== undefined);
  for (const res of results) {
    for (const secret of [cfg.env.registry.password, cfg.env.postgres.password, ...keyLines()]) {
      expect(res.log).not.toContain(secret);
      expect(res.summary).not.toContain(secret);
    }
  }
}

/** What the app on the server answers on its health endpoint right now. */
async function health(): Promise<{ status: number; body: { status?: string; version?: string } }> {
  const res = await fetch(appUrl(cfg, HEALTH_PATH), { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as { status?: string; version?: string } };
}

const envFile = (): string => readFileSync(join(appDir, '.env'), 'utf8');
const outcomes = (): string[][] => readHistoryFile(appDir).map((e) => [e.id, e.outcome]);

describe('the demo pipeline, end to end', () => {
  it('build-push v1: pushes the image tagged v1, built with its version', async () => {
    const r = await step('build-v1');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const o = r.run.main.outputs;
    expect(o['digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(o['image']).toBe(`${cfg.image}@${o['digest']}`);
    expect(o['tags']).toBe(`${cfg.image}:v1`);
    expect(await listTags(repo)).toEqual(['v1']);
    expect((await getManifest(repo, 'v1')).digest).toBe(o['digest']);
    const env = (await getImageConfig(repo, 'v1'))['config'] as { Env?: string[] };
    expect(env.Env).toEqual(expect.arrayContaining(['APP_VERSION=v1', 'APP_HEALTH=ok']));
    expect(r.run.post?.exitCode).toBe(0);
    expectNoSecrets(r);
  });

  it('deploy-ssh v1: the container on the server serves v1; .env and the history say so', async () => {
    const r = await step('deploy-v1');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const image = ran('build-v1').run.main.outputs['image'];
    const id = releaseId(scenario.ctx, { name: 'v1', health: 'ok' });
    expect(r.run.main.outputs).toMatchObject({
      'release-id': id,
      'previous-release-id': '',
      'hosts-succeeded': `${cfg.env.ssh.user}@${cfg.env.ssh.host}:${cfg.env.ssh.port}`,
      'hosts-failed': '',
    });
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', version: 'v1' } });
    expect(envFile()).toBe(`PORT=${cfg.port}\nIMAGE=${image}\n`);
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome, e.image, e.strategy])).toEqual([
      [id, 'deployed', image, 'compose'],
    ]);
    expect(lockExists(appDir)).toBe(false);
    expect(r.served).toMatchObject({ status: 200, version: 'v1' });
    expectNoSecrets(r);
  });

  it('migrate: applies both migrations after a pg_dump backup; the schema has them', async () => {
    const r = await step('migrate');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const o = r.run.main.outputs;
    expect(o).toMatchObject({
      outcome: 'success',
      applied: '["001_create_visits","002_visits_by_path"]',
      'applied-count': '2',
      current: '002_visits_by_path',
    });
    const backup = o['backup-path'] ?? '';
    expect(backup.startsWith(demoPaths(cfg).runnerTemp)).toBe(true);
    expect(existsSync(backup)).toBe(true);
    expect(statSync(backup).size).toBe(Number(o['backup-size']));
    // a pg_dump custom-format archive
    expect(readFileSync(backup).subarray(0, 5).toString()).toBe('PGDMP');
    const schema = await describeSchema(cfg);
    expect(schema.tables).toEqual(['ops_actions_migrations', 'visits']);
    expect(schema.indexes).toContain('visits_path_visited_at');
    expectNoSecrets(r);
  });

  it('smoke-test v1: passes', async () => {
    const r = await step('smoke-v1');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    expect(r.run.main.outputs['passed']).toBe('true');
    const report = JSON.parse(r.run.main.outputs['report'] ?? '{}') as {
      checks: { name: string; passed: boolean }[];
    };
    expect(report.checks.map((c) => [c.name, c.passed])).toEqual([
      ['health', true],
      ['home page', true],
    ]);
  });

  it('build-push v2: a second tag, another digest, built broken', async () => {
    const r = await step('build-v2');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const o = r.run.main.outputs;
    expect(o['digest']).not.toBe(ran('build-v1').run.main.outputs['digest']);
    expect(await listTags(repo)).toEqual(['v1', 'v2']);
    expect((await getManifest(repo, 'v2')).digest).toBe(o['digest']);
    expect((await getManifest(repo, 'v1')).digest).toBe(ran('build-v1').run.main.outputs['digest']);
    const env = (await getImageConfig(repo, 'v2'))['config'] as { Env?: string[] };
    expect(env.Env).toEqual(expect.arrayContaining(['APP_VERSION=v2', 'APP_HEALTH=broken-on-purpose']));
  });

  it('deploy-ssh v2: goes through (its container starts), and its health endpoint answers 503', async () => {
    const r = await step('deploy-v2');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const v1 = releaseId(scenario.ctx, { name: 'v1', health: 'ok' });
    const v2 = releaseId(scenario.ctx, { name: 'v2', health: 'broken-on-purpose' });
    expect(r.run.main.outputs).toMatchObject({ 'release-id': v2, 'previous-release-id': v1 });
    const answer = await health();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'failing', version: 'v2' });
    expect(envFile()).toBe(`PORT=${cfg.port}\nIMAGE=${ran('build-v2').run.main.outputs['image']}\n`);
    expect(outcomes()).toEqual([
      [v1, 'deployed'],
      [v2, 'deployed'],
    ]);
  });

  it('smoke-test v2: fails, naming the health check and its 503', async () => {
    const r = await step('smoke-v2');
    expect(r.run.exitCode).toBe(1);
    expect(r.asExpected).toBe(true);
    expect(r.run.main.outputs['passed']).toBe('false');
    const report = JSON.parse(r.run.main.outputs['report'] ?? '{}') as {
      checks: { name: string; passed: boolean; status: number | null }[];
    };
    expect(report.checks.map((c) => [c.name, c.passed])).toEqual([
      ['health', false],
      ['home page', true],
    ]);
    expect(report.checks[0]?.status).toBe(503);
    expect(r.run.main.errors.join('\n')).toContain('health (503');
  });

  it('rollback: v1 serves again, v2 is marked bad in the history, the lock is released', async () => {
    const r = await step('rollback');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    const v1 = releaseId(scenario.ctx, { name: 'v1', health: 'ok' });
    const v2 = releaseId(scenario.ctx, { name: 'v2', health: 'broken-on-purpose' });
    expect(r.run.main.outputs).toMatchObject({ 'rolled-back-from': v2, 'rolled-back-to': v1 });
    expect(Number(r.run.main.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', version: 'v1' } });
    expect(envFile()).toBe(`PORT=${cfg.port}\nIMAGE=${ran('build-v1').run.main.outputs['image']}\n`);
    expect(outcomes()).toEqual([
      [v1, 'deployed'],
      [v2, 'deployed'],
      [v2, 'bad'],
      [v1, 'deployed'],
    ]);
    const releases = foldHistory(readHistoryFile(appDir));
    expect(releases.map((x) => [x.id, x.outcome])).toEqual([
      [v1, 'deployed'],
      [v2, 'bad'],
    ]);
    expect(lockExists(appDir)).toBe(false);
    expectNoSecrets(r);
  });

  it('smoke-test after the rollback: v1 passes again', async () => {
    const r = await step('smoke-restored');
    expect(r.run.exitCode, logOf(r)).toBe(0);
    expect(r.run.main.outputs['passed']).toBe('true');
  });

  it('the scenario went as designed, and the report shows the failed v2 and the restored v1', async () => {
    const outcome = scenario.outcome();
    expect(outcome.asDesigned).toBe(true);
    expect(outcome.notRun).toEqual([]);
    const history = await readReleaseHistory(cfg);
    expect(history.entries).toEqual(readHistoryFile(appDir));
    const md = markdownReport({
      cfg,
      runs: scenario.runs,
      outcome,
      history,
      schema: await describeSchema(cfg),
    });
    expect(md).toContain('**As designed:');
    expect(md).toContain('| 7 | `smoke-test` v2 | ✗ failed, as designed |');
    expect(md).toContain('| 8 | `rollback` to the previous release | ✓ passed |');
    expect(md).toMatch(
      /\| after rollback to the previous release \| http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/health \| HTTP 200 \| \{"status":"ok","version":"v1"\} \|/,
    );
    expect(md).not.toContain(cfg.env.registry.password);
    expect(md).not.toContain(cfg.env.postgres.password);
  });
});
