import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { credentialKeys } from './image-name.js';

/**
 * The action logs in with a docker client config of its own (DOCKER_CONFIG in RUNNER_TEMP), so
 * the registry password is never written to the runner user's ~/.docker/config.json, a
 * self-hosted runner keeps no credentials after the job, and the post step's clean-up is
 * removing one directory. The user's config is copied in, so credentials from an earlier
 * docker/login-action step, the selected buildx builder, contexts and CLI plugins still work.
 */

/** The directory docker reads by default: $DOCKER_CONFIG or ~/.docker. */
export function userDockerConfigDir(env: Record<string, string | undefined> = process.env): string {
  return env['DOCKER_CONFIG'] || join(homedir(), '.docker');
}

/**
 * The private config's config.json (pure): the user's config, with the credentials of
 * `registry` forced into this file (a `credHelpers` entry of "" overrides a `credsStore` such as
 * `desktop` or `secretservice` for that registry alone, so nothing reaches the keychain).
 */
export function privateConfigJson(userConfig: string | undefined, registry: string | undefined): string {
  let config: Record<string, unknown> = {};
  if (userConfig) {
    try {
      const parsed: unknown = JSON.parse(userConfig);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        config = { ...(parsed as Record<string, unknown>) };
      }
    } catch {
      config = {};
    }
  }
  if (registry) {
    const helpers =
      typeof config['credHelpers'] === 'object' && config['credHelpers'] !== null
        ? { ...(config['credHelpers'] as Record<string, unknown>) }
        : {};
    const auths =
      typeof config['auths'] === 'object' && config['auths'] !== null
        ? { ...(config['auths'] as Record<string, unknown>) }
        : {};
    for (const key of credentialKeys(registry)) {
      helpers[key] = '';
      delete auths[key];
    }
    config['credHelpers'] = helpers;
    config['auths'] = auths;
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Entries of the user's docker config directory that the private one links to. */
const SHARED_ENTRIES = ['buildx', 'cli-plugins', 'contexts'] as const;

/** Creates the private DOCKER_CONFIG directory under `parent`; returns its path. */
export function createPrivateDockerConfig(opts: {
  parent: string;
  userDir: string;
  registry: string | undefined;
}): string {
  mkdirSync(opts.parent, { recursive: true });
  const dir = mkdtempSync(join(opts.parent, 'ops-build-push-docker-'));
  const userConfigPath = join(opts.userDir, 'config.json');
  const userConfig = existsSync(userConfigPath) ? readFileSync(userConfigPath, 'utf8') : undefined;
  writeFileSync(join(dir, 'config.json'), privateConfigJson(userConfig, opts.registry), { mode: 0o600 });
  for (const entry of SHARED_ENTRIES) {
    const target = join(opts.userDir, entry);
    if (existsSync(target)) symlinkSync(target, join(dir, entry));
  }
  return dir;
}

export function removePrivateDockerConfig(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
