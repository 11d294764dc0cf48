// The "server" of the integration tests is this machine: the deploy user's files are checked
// directly (as root), which is the real state a deploy must leave behind.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type HistoryEntry, parseHistory } from '../../lib/deploy/history.js';
import { loadTestEnv, privateKey } from '../harness/env.js';

/** A fresh app directory path under the deploy user's home (not created: the deploy creates it). */
export function uniqueAppDir(name: string): string {
  return join(loadTestEnv().ssh.home, 'ops-it', `${name}-${randomBytes(4).toString('hex')}`);
}

/** Runs a shell command as the deploy user (to set up files the way the server would have them). */
export function asDeploy(script: string): string {
  return execFileSync('runuser', ['-u', loadTestEnv().ssh.user, '--', 'sh', '-c', script], {
    encoding: 'utf8',
  });
}

/** Fresh app dirs for one test file; call removeAll in afterAll. */
export function appDirs(): { next(name: string): string; removeAll(): void } {
  const made: string[] = [];
  return {
    next(name) {
      const dir = uniqueAppDir(name);
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) removeAppDir(dir);
    },
  };
}

export function removeAppDir(dir: string): void {
  if (dir.includes('/ops-it/')) rmSync(dir, { recursive: true, force: true });
}

export function currentTarget(appDir: string): string | undefined {
  const link = join(appDir, 'current');
  return existsSync(link) ? readlinkSync(link) : undefined;
}

export function readHistoryFile(appDir: string): HistoryEntry[] {
  const file = join(appDir, '.ops-actions', 'history.jsonl');
  return existsSync(file) ? parseHistory(readFileSync(file, 'utf8')).entries : [];
}

export function lockExists(appDir: string): boolean {
  return existsSync(join(appDir, '.ops-actions', 'lock'));
}

/** The inputs every deploy-ssh test passes to reach the main sshd (and extra ports). */
export function sshInputs(ports: number[] = [loadTestEnv().ssh.port]): Record<string, string> {
  const env = loadTestEnv();
  return {
    hosts: ports.map((p) => `${env.ssh.user}@${env.ssh.host}:${p}`).join('\n'),
    'private-key': privateKey(),
    'host-fingerprint': env.ssh.hostKeyFingerprint,
    'connect-timeout': '20s',
  };
}

/** The lines of the private key that must never show up in a log. */
export function keyLines(): string[] {
  return privateKey()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 20 && !l.startsWith('-----'));
}

/** The login inputs of the test registry (deploy-ssh and rollback with strategy compose). */
export function registryInputs(): Record<string, string> {
  const { registry } = loadTestEnv();
  return { 'registry-username': registry.username, 'registry-password': registry.password };
}

/** Creates app-dir as the deploy user with its compose.yaml and, when given, its .env. */
export function writeComposeApp(appDir: string, composeFile: string, envFile?: string): void {
  const env = envFile === undefined ? '' : `cat > '${appDir}/.env' <<'EOF'\n${envFile}EOF\n`;
  asDeploy(`mkdir -p '${appDir}' && cat > '${appDir}/compose.yaml' <<'EOF'\n${composeFile}EOF\n${env}`);
}
