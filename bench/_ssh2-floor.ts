// The floor of fleet deploys on this rig, shared by bench/deploy-ssh and bench/fast-paths: bare
// ssh2 in a warm process (no action, no node start) connecting to every port at once and making
// `rounds` round trips of `true` on each — the least time more hosts can add here.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { loadTestEnv } from '../test/harness/env.js';

export async function rawSsh2Time(ports: number[], rounds: number): Promise<number> {
  const env = loadTestEnv();
  const key = readFileSync(env.ssh.privateKeyPath);
  const started = process.hrtime.bigint();
  const clients = await Promise.all(
    ports.map(
      (port) =>
        new Promise<ssh2.Client>((resolve, reject) => {
          const c = new ssh2.Client();
          c.once('ready', () => resolve(c)).once('error', reject);
          c.connect({
            host: env.ssh.host,
            port,
            username: env.ssh.user,
            privateKey: key,
            hostVerifier: () => true,
          });
          c.setNoDelay(true);
        }),
    ),
  );
  const run = (c: ssh2.Client): Promise<void> =>
    new Promise((resolve, reject) =>
      c.exec('true', (err, stream) => {
        if (err) return reject(err);
        stream.on('close', () => resolve()).resume();
        stream.stderr.resume();
      }),
    );
  for (let r = 0; r < rounds; r++) await Promise.all(clients.map(run));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  for (const c of clients) c.end();
  return ms;
}

/** The arguments of one plain OpenSSH run of `command` on the test sshd at `port`: the floor a deploy is held to. */
export function plainSshArgs(port: number, knownHosts: string, command: string): string[] {
  const env = loadTestEnv();
  return [
    '-i',
    env.ssh.privateKeyPath,
    '-p',
    String(port),
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    `${env.ssh.user}@${env.ssh.host}`,
    command,
  ];
}
