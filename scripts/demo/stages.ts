// The demo's workflow steps: the `with:` inputs of each stage (pure functions of the config — the
// YAML a user would write) and running a stage through its bundled dist/<stage>/index.js exactly as
// the runner does (test/harness/run-action.ts: INPUT_* variables, the GITHUB_OUTPUT / STEP_SUMMARY /
// STATE files, and the post step with main's saved state when action.yml has one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  type ActionResult,
  repoRoot,
  runAction,
  type RunActionOptions,
  runActionWithPost,
} from '../../test/harness/run-action.js';
import { type AppVersion, appUrl, buildArgs, HEALTH_PATH } from './app.js';
import { type DemoConfig, databaseUrl, sshTarget } from './config.js';

export type StageName = 'build-push' | 'deploy-ssh' | 'migrate' | 'smoke-test' | 'rollback';
export type StageInputs = Record<string, string>;

/** How long the smoke test keeps retrying: the app is up (`up --wait`) before it starts. */
export const SMOKE_TIMEOUT = '5s';

/** The inputs every SSH stage takes to reach the server, its host key pinned. */
export function sshInputs(cfg: DemoConfig): StageInputs {
  return {
    hosts: sshTarget(cfg),
    'private-key': readFileSync(cfg.env.ssh.privateKeyPath, 'utf8'),
    'host-fingerprint': cfg.env.ssh.hostKeyFingerprint,
    'connect-timeout': '20s',
  };
}

function registryLogin(cfg: DemoConfig): StageInputs {
  return { 'registry-username': cfg.env.registry.username, 'registry-password': cfg.env.registry.password };
}

/** build-push: the workspace (examples/app) with the version's build args, tagged with its name. */
export function buildPushInputs(cfg: DemoConfig, version: AppVersion): StageInputs {
  return {
    image: cfg.image,
    context: '.',
    'build-args': buildArgs(version),
    tags: `raw=${version.name}`,
    username: cfg.env.registry.username,
    password: cfg.env.registry.password,
  };
}

/**
 * deploy-ssh, strategy compose: IMAGE=<the pushed digest> in the app directory's .env, then
 * `docker compose up -d --wait` (the compose healthcheck: the server answers). Whether the app is
 * healthy is the smoke test's question, from outside.
 */
export function deployInputs(cfg: DemoConfig, image: string, releaseId: string): StageInputs {
  return {
    ...sshInputs(cfg),
    strategy: 'compose',
    'app-dir': cfg.appDir,
    image,
    'release-id': releaseId,
    ...registryLogin(cfg),
    'lock-timeout': '1m',
    'command-timeout': '2m',
  };
}

/** migrate: the app's .sql files, on the runner, against its database, with a pg_dump backup first. */
export function migrateInputs(cfg: DemoConfig): StageInputs {
  return {
    tool: 'sql',
    'database-url': databaseUrl(cfg),
    'migrations-dir': 'migrations',
    backup: 'true',
    'lock-timeout': '1m',
    timeout: '2m',
  };
}

/** smoke-test: the health endpoint must say ok and the expected version; the home page must load. */
export function smokeInputs(cfg: DemoConfig, version: AppVersion['name']): StageInputs {
  const checks = [
    {
      name: 'health',
      url: appUrl(cfg, HEALTH_PATH),
      status: 200,
      'json-equals': { status: 'ok', version },
    },
    { name: 'home page', url: appUrl(cfg, '/'), 'body-contains': 'ops-actions demo app' },
  ];
  return {
    checks: JSON.stringify(checks, null, 2),
    timeout: SMOKE_TIMEOUT,
    'request-timeout': '2s',
  };
}

/**
 * rollback, target ssh: back to the previous healthy release in the server's history (marking the
 * broken one bad), under the deploy lock, gated by the app's own health endpoint on the server.
 */
export function rollbackInputs(cfg: DemoConfig): StageInputs {
  return {
    target: 'ssh',
    ...sshInputs(cfg),
    strategy: 'compose',
    'app-dir': cfg.appDir,
    to: 'previous',
    reason: 'the smoke test failed after the deploy',
    ...registryLogin(cfg),
    'health-command': `curl -fsS ${appUrl(cfg, HEALTH_PATH)}`,
    'health-timeout': '30s',
    'lock-timeout': '1m',
  };
}

/** One step as the runner ran it: main, and post when the action has one. */
export interface StageRun {
  stage: StageName;
  main: ActionResult;
  post: ActionResult | undefined;
  /** The step's result: main's exit code, or post's when main passed and post failed. */
  exitCode: number;
  /** Wall time, main and post together. */
  durationMs: number;
}

const postSteps = new Map<StageName, boolean>();

/** Whether action.yml has a `post:` step (the runner runs it at the end of the job). */
export function hasPostStep(stage: StageName): boolean {
  let has = postSteps.get(stage);
  if (has === undefined) {
    const yml = parseYaml(readFileSync(join(repoRoot, 'actions', stage, 'action.yml'), 'utf8')) as {
      runs?: { post?: unknown };
    };
    has = typeof yml.runs?.post === 'string';
    postSteps.set(stage, has);
  }
  return has;
}

export interface StageRunOptions {
  workspace: string;
  runnerTemp: string;
  /** GITHUB_* variables of the job (sha, run id). */
  env: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs one stage like a workflow step. The post step runs right after main here (the runner runs it
 * at the end of the job): each demo step stands for its own job, so locks and logins do not linger.
 */
export async function runStage(
  stage: StageName,
  inputs: StageInputs,
  opts: StageRunOptions,
): Promise<StageRun> {
  const started = Date.now();
  const run: RunActionOptions = {
    inputs,
    env: opts.env,
    workspace: opts.workspace,
    runnerTemp: opts.runnerTemp,
    timeoutMs: opts.timeoutMs ?? 180_000,
  };
  const { main, post } = hasPostStep(stage)
    ? await runActionWithPost(stage, run)
    : { main: await runAction(stage, run), post: undefined };
  const exitCode = main.exitCode !== 0 ? main.exitCode : (post?.exitCode ?? 0);
  return { stage, main, post, exitCode, durationMs: Date.now() - started };
}
