// migrate where: ssh with swarm-service against the real sshd, the single-node Swarm and PostgreSQL:
// the tool runs in a one-off container of the service's image (built here: FROM scratch, its own
// /www/health says which image it is) with the service's environment, under the migration lock.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestEnv, privateKey } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { freePort } from '../helpers/sshd.js';
import { buildWebImage } from '../helpers/web-image.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';

const service = `ops-mig-${randomBytes(3).toString('hex')}`;
let image: string;
let db: TestDatabase;

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  image = buildWebImage(`ops-migrate/swarm-${randomBytes(3).toString('hex')}`, 'mig-v7');
  const port = await freePort();
  docker([
    'service',
    'create',
    '--detach',
    '--quiet',
    '--name',
    service,
    '--network',
    'host',
    '--env',
    'MIGRATION_MARK=from-the-service',
    '--with-registry-auth',
    image,
    'httpd',
    '-f',
    '-p',
    `127.0.0.1:${port}`,
    '-h',
    '/www',
  ]);
  db = await createTestDatabase('swarm');
}, 120_000);

afterAll(async () => {
  try {
    docker(['service', 'rm', service]);
  } catch {
    /* not created */
  }
  await db?.drop();
});

function inputs(extra: Record<string, string>): Record<string, string> {
  const env = loadTestEnv();
  return {
    where: 'ssh',
    hosts: `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
    'private-key': privateKey(),
    'known-hosts': env.ssh.knownHosts,
    tool: 'command',
    'database-url': db.url,
    backup: 'false',
    'swarm-service': service,
    ...extra,
  };
}

describe('migrate where: ssh, swarm-service', () => {
  it("runs the command in a one-off container of the service's image, with its environment, under the lock", async () => {
    const r = await runAction('migrate', {
      inputs: inputs({ up: 'echo "image says $(cat /www/health)"; echo "env says $MIGRATION_MARK"' }),
      timeoutMs: 120_000,
    });
    expect(r.exitCode, r.log).toBe(0);
    // /www/health exists only in that image; MIGRATION_MARK only in the service's spec
    expect(r.log).toContain('image says mig-v7');
    expect(r.log).toContain('env says from-the-service');
    expect(r.log).toContain(`one-off container of ${service}: ${image}`);
    expect(r.log).toContain('--network=host');
    expect(r.log).toMatch(/lock/i);
    // the one-off container is gone
    expect(
      docker(['ps', '-a', '--filter', `ancestor=${image}`, '--format', '{{.Names}}'])
        .split('\n')
        .filter((n) => n && !n.startsWith(service)),
    ).toEqual([]);
  }, 150_000);

  it('a failing migration fails the step; an unknown service is named', async () => {
    const failing = await runAction('migrate', { inputs: inputs({ up: 'exit 3' }), timeoutMs: 120_000 });
    expect(failing.exitCode).not.toBe(0);
    const unknown = await runAction('migrate', {
      inputs: inputs({ 'swarm-service': `${service}-nope`, up: 'true' }),
      timeoutMs: 120_000,
    });
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.log).toContain(`swarm-service: no Swarm service ${service}-nope on this host`);
  }, 150_000);
});
