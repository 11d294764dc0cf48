// The facts scripts/env-up.sh writes about the local real servers (sshd, Docker, registry,
// PostgreSQL). Integration tests read them here; a missing file is an error, not a skip.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestEnv {
  stateDir: string;
  ssh: {
    host: string;
    port: number;
    user: string;
    privateKeyPath: string;
    publicKeyPath: string;
    hostKeyFingerprint: string;
    hostPublicKey: string;
    knownHosts: string;
    instanceScript: string;
    home: string;
  };
  docker: { socket: string; buildx: string; compose: string; busyboxImage: string };
  registry: {
    host: string;
    url: string;
    username: string;
    password: string;
    htpasswdPath: string;
    configPath: string;
    pidFile: string;
  };
  postgres: {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
    url: string;
    version: string;
  };
}

export function envFilePath(): string {
  return (
    process.env['OPS_ENV_FILE'] ?? join(process.env['OPS_ENV_DIR'] ?? '/var/tmp/ops-actions-env', 'env.json')
  );
}

let cached: TestEnv | undefined;
export function loadTestEnv(): TestEnv {
  if (cached) return cached;
  const path = envFilePath();
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found: bring up the real-server environment first with 'npm run env:up' (as root).`,
    );
  }
  cached = JSON.parse(readFileSync(path, 'utf8')) as TestEnv;
  return cached;
}

export function privateKey(): string {
  return readFileSync(loadTestEnv().ssh.privateKeyPath, 'utf8');
}
