// Extra sshd instances for multi-host, jump-host and late-start tests: same host key and
// authorized key as the main sshd (scripts/sshd-instance.sh), on free loopback ports.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { loadTestEnv } from '../harness/env.js';

const run = promisify(execFile);

/**
 * The ports below the kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768-60999 by
 * default). Outgoing connections take their local port from that range — wrk's thousands of
 * connections through nginx leave thousands of them in TIME_WAIT for a minute — so a server told to
 * listen on a port picked inside it could find it taken (busybox httpd exited with 'Address in use').
 */
function listenPortRange(): { from: number; to: number } {
  let low = 32_768;
  try {
    low =
      Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || low;
  } catch {
    /* not Linux: keep the default */
  }
  const to = Math.max(11_000, Math.min(low - 1, 32_767));
  return { from: 10_000, to };
}

/** A loopback port nothing listens on right now (random, so parallel test runs do not collide). */
export async function freePort(): Promise<number> {
  const { from, to } = listenPortRange();
  for (let i = 0; i < 50; i++) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
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
