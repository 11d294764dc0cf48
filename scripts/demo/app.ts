// The sample app (examples/app): its versions, the job's workspace (a "checkout" of the app plus
// the static busybox binary its Dockerfile copies), and what its health endpoint answers.
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test/harness/run-action.js';
import { type DemoConfig, demoPaths } from './config.js';

export const APP_SOURCE = join(repoRoot, 'examples', 'app');
/** Debian's busybox-static: one static binary, so the image can be FROM scratch. */
export const BUSYBOX = '/bin/busybox';
/** busybox httpd runs programs only under /cgi-bin/. */
export const HEALTH_PATH = '/cgi-bin/health';

export interface AppVersion {
  name: 'v1' | 'v2';
  /** What the image's /cgi-bin/health reports: `ok`, or the reason it answers 503. */
  health: string;
}

export const V1: AppVersion = { name: 'v1', health: 'ok' };
/** The deliberately broken release: the container runs, its health endpoint answers 503. */
export const V2_BROKEN: AppVersion = { name: 'v2', health: 'broken-on-purpose' };

/** The build arguments selecting a version (the Dockerfile's ARGs). */
export function buildArgs(version: AppVersion): string {
  return `APP_VERSION=${version.name}\nAPP_HEALTH=${version.health}`;
}

export function appUrl(cfg: DemoConfig, path = '/'): string {
  return `http://127.0.0.1:${cfg.port}${path}`;
}

/**
 * Fills the job's workspace as actions/checkout would: examples/app, plus the busybox binary the
 * Dockerfile copies. Starts from an empty directory every run.
 */
export function prepareWorkspace(cfg: DemoConfig): string {
  if (!existsSync(BUSYBOX)) {
    throw new Error(`${BUSYBOX} not found: install Debian's busybox-static (apt-get install busybox-static)`);
  }
  const { workspace, runnerTemp, logs, summaries } = demoPaths(cfg);
  // this run's logs and summaries only; runner-temp keeps the backups of earlier runs
  for (const dir of [workspace, logs, summaries]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  mkdirSync(runnerTemp, { recursive: true });
  cpSync(APP_SOURCE, workspace, {
    recursive: true,
    filter: (src) => !src.endsWith(`${join('examples', 'app', 'busybox')}`),
  });
  // a git checkout keeps the CGI program's executable bit; make sure the copy does too
  chmodSync(join(workspace, 'www', 'cgi-bin', 'health'), 0o755);
  copyFileSync(BUSYBOX, join(workspace, 'busybox'));
  return workspace;
}

export interface HealthAnswer {
  url: string;
  /** HTTP status, or undefined when nothing answered. */
  status: number | undefined;
  /** The version the body reports (`{"version": …}`), when it is JSON with one. */
  version: string | undefined;
  body: string;
}

/** GET the app's health endpoint once (what is serving right now). */
export async function probeHealth(cfg: DemoConfig): Promise<HealthAnswer> {
  const url = appUrl(cfg, HEALTH_PATH);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = (await res.text()).trim();
    return { url, status: res.status, version: versionOf(body), body };
  } catch (error) {
    return { url, status: undefined, version: undefined, body: String(error) };
  }
}

function versionOf(body: string): string | undefined {
  try {
    const v: unknown = JSON.parse(body);
    if (typeof v === 'object' && v !== null && typeof (v as { version?: unknown }).version === 'string') {
      return (v as { version: string }).version;
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}
