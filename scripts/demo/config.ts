// What the demo works on: the names it gives things on the local real-server environment (the
// app directory on the SSH server, the image repository, the database, the app's port) and where
// it keeps its own files. `npm run demo` uses the defaults; the e2e test and the benchmark use
// unique names so they never touch a demo someone is looking at.
import { join, posix } from 'node:path';
import { loadTestEnv, type TestEnv } from '../../test/harness/env.js';
import { repoRoot } from '../../test/harness/run-action.js';

export interface DemoConfig {
  /** The facts scripts/env-up.sh wrote (sshd, registry, PostgreSQL). */
  env: TestEnv;
  /** The app directory on the server, relative to the deploy user's home (as deploy-ssh takes it). */
  appDir: string;
  /** The image repository, without a tag: `127.0.0.1:5000/ops-demo/app`. */
  image: string;
  /** The app's database (created through the env's `ops` role). */
  database: string;
  /** The app listens on 127.0.0.1:<port> (host networking). */
  port: number;
  /** Where the demo keeps its workspace, runner temp dir, logs and report (gitignored `.demo/`). */
  workDir: string;
}

export const DEFAULT_PORT = 18080;

export function demoConfig(overrides: Partial<Omit<DemoConfig, 'env'>> = {}): DemoConfig {
  const env = loadTestEnv();
  return {
    env,
    appDir: 'apps/ops-demo',
    image: `${env.registry.host}/ops-demo/app`,
    database: 'ops_demo',
    port: DEFAULT_PORT,
    workDir: join(repoRoot, '.demo'),
    ...overrides,
  };
}

/** The app directory as an absolute path on the server. */
export function absoluteAppDir(cfg: DemoConfig): string {
  return cfg.appDir.startsWith('/') ? cfg.appDir : posix.join(cfg.env.ssh.home, cfg.appDir);
}

/** `deploy@127.0.0.1:2222`: the host as every SSH stage takes it. */
export function sshTarget(cfg: DemoConfig): string {
  return `${cfg.env.ssh.user}@${cfg.env.ssh.host}:${cfg.env.ssh.port}`;
}

/** The database URL with the `ops` role's password (masked by every stage that gets it). */
export function databaseUrl(cfg: DemoConfig): string {
  const u = new URL(cfg.env.postgres.url);
  u.pathname = `/${cfg.database}`;
  return u.toString();
}

/** The secrets the demo handles: never printed, never in the report. */
export function demoSecrets(cfg: DemoConfig): string[] {
  return [cfg.env.registry.password, cfg.env.postgres.password];
}

export interface DemoPaths {
  /** GITHUB_WORKSPACE of every step: a checkout of examples/app (+ the busybox binary). */
  workspace: string;
  /** RUNNER_TEMP shared by the steps of the job (the migrate backup lands here). */
  runnerTemp: string;
  /** One log per step. */
  logs: string;
  /** One job summary per step, as the stage wrote it. */
  summaries: string;
  report: string;
  reportHtml: string;
}

export function demoPaths(cfg: DemoConfig): DemoPaths {
  return {
    workspace: join(cfg.workDir, 'workspace'),
    runnerTemp: join(cfg.workDir, 'runner-temp'),
    logs: join(cfg.workDir, 'logs'),
    summaries: join(cfg.workDir, 'summaries'),
    report: join(cfg.workDir, 'report.md'),
    reportHtml: join(cfg.workDir, 'report.html'),
  };
}
