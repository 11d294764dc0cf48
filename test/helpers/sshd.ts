// Extra sshd instances for multi-host, jump-host and late-start tests: same host key and
// authorized key as the main sshd (scripts/sshd-instance.sh), on free loopback ports.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { loadTestEnv } from '../harness/env.js';

const run = promisify(execFile);

/** A loopback port nothing listens on right now (random, so parallel test runs do not collide). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free loopback port found');
}

export async function startSshd(port: number): Promise<void> {
  await run('bash', [loadTestEnv().ssh.instanceScript, 'start', String(port), `ops-deploy-ssh-${port}`]);
}

export async function stopSshd(port: number): Promise<void> {
  await run('bash', [loadTestEnv().ssh.instanceScript, 'stop', String(port)]).catch(() => undefined);
}

/** Starts `n` sshd instances on free ports; returns the ports and a function that stops them all. */
export async function startSshds(n: number): Promise<{ ports: number[]; stop: () => Promise<void> }> {
  const ports: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const port = await freePort();
      await startSshd(port);
      ports.push(port);
    }
  } catch (error) {
    await Promise.all(ports.map(stopSshd));
    throw error;
  }
  return { ports, stop: async () => void (await Promise.all(ports.map(stopSshd))) };
}
