// The floors of fleet deploys on this rig, shared by bench/deploy-ssh and bench/fast-paths: bare
// ssh2 in a warm process (no action, no node start) connecting to every port at once and making
// `rounds` round trips of `true` on each — the least time more hosts can add here; and the same
// with, instead of `true`, the very commands a `strategy: script` deploy sends (deployCommands):
// the host-side work the action cannot skip without weakening the lock or the history.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { appendHistoryScript } from '../lib/deploy/history.js';
import { acquireLockScript, newLockToken, releaseLockCommand } from '../lib/deploy/lock.js';
import { readStateScript } from '../lib/deploy/state.js';
import { remoteCommandLine } from '../lib/ssh/connection.js';
import { buildScript, DEFAULT_SHELL, scriptRunCommand } from '../lib/ssh/script.js';
import { loadTestEnv } from '../test/harness/env.js';

/** One command of a floor run, and what its stdout must hold for the run to count. */
export interface FloorCommand {
  command: string;
  stdin?: string;
  expect?: string;
}

/**
 * The three commands a deploy-ssh `strategy: script` deploy sends one host, built by the same
 * functions (lib/deploy/lock, state, history; lib/ssh/script, connection): take the lock and read
 * the state; the script in its wrapper (the body on stdin); record the history and release the lock.
 */
export function deployCommands(appDir: string, script: string): FloorCommand[] {
  const token = newLockToken();
  const releaseId = `floor-${token}`;
  const stoppable = { timeoutMs: 60_000 };
  const built = buildScript(script, DEFAULT_SHELL, {
    title: 'script',
    env: {
      RELEASE_ID: releaseId,
      PREVIOUS_RELEASE_ID: '',
      APP_DIR: appDir,
      DEPLOY_HOST: 'floor',
      GIT_SHA: '',
    },
    cwd: appDir,
  });
  const entry = {
    id: releaseId,
    outcome: 'deployed' as const,
    time: new Date().toISOString(),
    strategy: 'script' as const,
    sha: '0123456789abcdef0123456789abcdef01234567',
    ref: 'refs/heads/main',
    runId: '1000',
    runAttempt: '1',
    actor: 'octocat',
    repository: 'acme/shop',
    host: 'floor',
    durationMs: 100,
  };
  return [
    {
      command: remoteCommandLine(
        acquireLockScript(
          appDir,
          { token, runId: '1000', actor: 'octocat', started: entry.time },
          3600,
          readStateScript(appDir),
        ),
        stoppable,
      ),
      expect: 'OPS_LOCK ACQUIRED',
    },
    {
      command: remoteCommandLine(scriptRunCommand(built.command, newLockToken()), stoppable),
      stdin: built.body,
    },
    {
      command: remoteCommandLine(
        releaseLockCommand(appDir, token, appendHistoryScript(appDir, entry)),
        stoppable,
      ),
      expect: 'OPS_LOCK RELEASED',
    },
  ];
}

export async function rawSsh2Time(ports: number[], rounds: number): Promise<number> {
  return rawSsh2CommandsTime(ports, () => Array.from({ length: rounds }, () => ({ command: 'true' })));
}

/**
 * Connects to every port at once, then runs each host's commands in turn (round r: every host's
 * r-th command at once, as the action's phases do); the wall time. Throws when a command fails or
 * its output lacks `expect`.
 */
export async function rawSsh2CommandsTime(
  ports: number[],
  commandsOf: (port: number) => FloorCommand[],
): Promise<number> {
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
  const run = (c: ssh2.Client, cmd: FloorCommand): Promise<void> =>
    new Promise((resolve, reject) =>
      c.exec(cmd.command, (err, stream) => {
        if (err) return reject(err);
        let out = '';
        let code: number | undefined;
        stream.on('data', (d: Buffer) => void (out += d.toString()));
        stream.on('exit', (n: number | null) => void (code = n ?? undefined));
        stream.on('close', () =>
          code === 0 && (!cmd.expect || out.includes(cmd.expect))
            ? resolve()
            : reject(new Error(`floor command failed (exit ${code}): ${out.slice(0, 300)}`)),
        );
        stream.stderr.resume();
        stream.end(cmd.stdin);
      }),
    );
  const commands = ports.map(commandsOf);
  const rounds = Math.max(...commands.map((c) => c.length));
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      clients.map((c, i) => {
        const cmd = commands[i]?.[r];
        return cmd ? run(c, cmd) : Promise.resolve();
      }),
    );
  }
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
