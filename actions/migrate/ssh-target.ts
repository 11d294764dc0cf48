// where: ssh — the tool runs on the server (on the host, or inside a compose service), through the
// shared SSH layer (lib/ssh). The migration lock and the sql tool still need a PostgreSQL session:
// it is opened from the runner through the same SSH connection (a local port forwarded to the
// database as the server reaches it), so the lock is held for the whole run exactly as on the
// runner. The backup is taken on the server; with backup-download it is also brought back to the
// runner over SFTP (and checked against the server's sha256), so a dead server does not take the
// only backup with it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { runnerLogger, type SshConnection } from '../../lib/ssh/connection.js';
import type { SshHost } from '../../lib/ssh/host.js';
import type { SshSettings } from '../../lib/ssh/inputs.js';
import { SshPool } from '../../lib/ssh/pool.js';
import { downloadFile } from '../../lib/ssh/sftp.js';
import { runScript } from '../../lib/ssh/script.js';
import { type BackupResult, backupFileName, pgEnv } from './backup.js';
import type { CommandRunner, CommandRunOptions } from './command-runner.js';
import { connectDatabase } from './database.js';
import { type DatabaseUrl, secretsOf, withHostPort } from './database-url.js';
import type { PgDumpProbe } from './pg-dump-check.js';
import {
  type ComposeTarget,
  NO_PG_DUMP_MARK,
  parseRemoteBackup,
  pgDumpProbeCommand,
  type SwarmServiceTarget,
  remoteBackupPlan,
  remoteToolCommand,
} from './remote-plan.js';
import type { Target, TargetOptions } from './target.js';
import type { Command } from './tools.js';

export interface RemoteSettings {
  ssh: SshSettings;
  host: SshHost;
  /** Where the tool runs on the server ('' = the SSH user's home). */
  workingDirectory: string;
  /** Run the tool inside this compose service. */
  compose: ComposeTarget | undefined;
  /** Run the tool in a one-off container of this Swarm service's image. */
  swarm?: SwarmServiceTarget | undefined;
  /** Run pg_dump inside this compose service (e.g. the database's own), else on the host. */
  backupCompose: ComposeTarget | undefined;
  /** '' = $HOME/ops-actions-backups; relative = from workingDirectory. */
  backupDir: string;
  database: DatabaseUrl | undefined;
  env: Record<string, string>;
  timeoutMs: number;
  /** Bring the dump back to the runner, into localBackupDir. */
  backupDownload: boolean;
  localBackupDir: string;
}

const SHELL = { shell: 'sh', login: false };

/** Runs tool commands on the server through one SSH connection. */
class RemoteCommandRunner implements CommandRunner {
  readonly where: string;
  constructor(
    private readonly conn: () => Promise<SshConnection>,
    private readonly settings: RemoteSettings,
    private readonly secrets: readonly string[],
  ) {
    this.where = settings.host.label;
  }

  async run(cmd: Command, opts: CommandRunOptions) {
    const conn = await this.conn();
    const line = remoteToolCommand(cmd, this.settings.compose, Object.keys(opts.env), this.settings.swarm);
    return runScript(conn, line, SHELL, {
      title: opts.label,
      env: opts.env,
      cwd: this.settings.workingDirectory || undefined,
      timeoutMs: opts.timeoutMs,
      allowFailure: opts.allowFailure,
      secrets: this.secrets,
      signal: opts.signal,
      silent: opts.silent,
    });
  }
}

export function sshTarget(settings: RemoteSettings, opts: TargetOptions): Target {
  const pool = new SshPool(settings.ssh, { logger: runnerLogger });
  const conn = (): Promise<SshConnection> => pool.connect(settings.host);
  const db = settings.database;
  const secrets = secretsOf(db);
  const tunnels: Tunnel[] = [];
  return {
    where: settings.host.label,
    deps: {
      runner: new RemoteCommandRunner(conn, settings, secrets),
      // the server's own configuration (the container's DATABASE_URL) is what the tool uses there
      toolEnv: { PGAPPNAME: opts.appName, ...settings.env },
      connect: db
        ? async () => {
            const tunnel = await openTunnel(await conn(), db.host, db.port);
            tunnels.push(tunnel);
            try {
              return await connectDatabase(withHostPort(db, '127.0.0.1', tunnel.port), {
                applicationName: opts.appName,
                log: opts.log,
                deadlineMs: 10_000,
              });
            } catch (error) {
              const why = tunnel.lastError ? errorMessage(tunnel.lastError) : errorMessage(error);
              throw new OperationError(
                `Cannot reach the database ${db.display} from ${settings.host.label} through the SSH connection: ${why}. ` +
                  'With where: ssh, database-url is the database as the server reaches it (e.g. postgres://app:…@127.0.0.1:5432/app ' +
                  "with the port published on the server's loopback), and the server's sshd must allow TCP forwarding (AllowTcpForwarding yes).",
              );
            }
          }
        : undefined,
      backup: db
        ? async (): Promise<BackupResult> => {
            const started = Date.now();
            const fileName = backupFileName(db.database, (opts.now ?? (() => new Date()))(), opts.runId);
            const plan = remoteBackupPlan(db, {
              dir: settings.backupDir,
              fileName,
              compose: settings.backupCompose,
            });
            const r = await runScript(await conn(), plan.script, SHELL, {
              title: 'backup',
              env: pgEnv(db, opts.appName),
              // where the compose file is; a relative backup-dir is from there too
              cwd: settings.workingDirectory || undefined,
              timeoutMs: settings.timeoutMs,
              secrets,
              silent: true,
            });
            const { sha256, ...parsed } = parseRemoteBackup(r.stdout);
            if (!settings.backupDownload) return { ...parsed, durationMs: Date.now() - started };
            const localPath = await downloadBackup(
              await conn(),
              parsed.path,
              parsed.sizeBytes,
              sha256,
              settings,
            );
            opts.log(`Downloaded the dump to the runner over SFTP: ${localPath}.`);
            return { ...parsed, localPath, durationMs: Date.now() - started };
          }
        : undefined,
      probeBackupTool: async (): Promise<PgDumpProbe> => {
        const r = await runScript(await conn(), pgDumpProbeCommand(settings.backupCompose), SHELL, {
          title: 'pg_dump --version',
          cwd: settings.workingDirectory || undefined,
          timeoutMs: 60_000,
          allowFailure: true,
          silent: true,
        });
        if (r.exitCode !== 0 || r.stdout.includes(NO_PG_DUMP_MARK) || !r.stdout.includes('pg_dump')) {
          return { found: false, detail: (r.stderr || r.stdout).trim() || undefined };
        }
        return { found: true, versionText: r.stdout.trim() };
      },
      backupPlace: settings.backupCompose
        ? { kind: 'compose', host: settings.host.label, service: settings.backupCompose.service }
        : { kind: 'host', host: settings.host.label },
    },
    close: async () => {
      for (const t of tunnels.splice(0)) await t.close();
      await pool.closeAll();
    },
  };
}

/**
 * Copies the server's dump to the runner (0600, in a 0700 directory) and checks it is the same
 * file: its size, and its sha256 where the server has sha256sum.
 */
async function downloadBackup(
  conn: SshConnection,
  remotePath: string,
  size: number,
  sha256: string | undefined,
  settings: RemoteSettings,
): Promise<string> {
  await mkdir(settings.localBackupDir, { recursive: true, mode: 0o700 });
  const localPath = join(settings.localBackupDir, remotePath.split('/').pop() ?? 'backup.dump');
  const got = await downloadFile(conn, remotePath, localPath, 0o600, {
    timeoutMs: settings.timeoutMs,
    timeoutInput: 'timeout',
  });
  if (got !== size) {
    throw new OperationError(
      `the downloaded dump ${localPath} has ${got} bytes, the server's ${remotePath} has ${size}.`,
    );
  }
  if (sha256 !== undefined) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(localPath)) hash.update(chunk as Buffer);
    const local = hash.digest('hex');
    if (local !== sha256) {
      throw new OperationError(
        `the downloaded dump ${localPath} (sha256 ${local}) differs from the server's ${remotePath} (sha256 ${sha256}).`,
      );
    }
  }
  return localPath;
}

interface Tunnel {
  port: number;
  lastError: unknown;
  close(): Promise<void>;
}

/**
 * A local TCP port (127.0.0.1, random) whose connections are forwarded by the SSH server to
 * host:port — node-postgres connects to it as to any database.
 */
export async function openTunnel(conn: SshConnection, host: string, port: number): Promise<Tunnel> {
  const sockets = new Set<Socket>();
  const tunnel: Tunnel = { port: 0, lastError: undefined, close: async () => undefined };
  // noDelay: the PostgreSQL protocol is small messages in both directions; with Nagle's algorithm
  // a reply could wait for the client's delayed ACK (as on the SSH socket itself, lib/ssh/connection)
  const server: Server = createServer({ noDelay: true }, (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    conn.forwardOut(host, port).then(
      (stream) => {
        stream.on('error', () => sock.destroy());
        sock.on('close', () => stream.destroy());
        stream.on('close', () => sock.destroy());
        sock.pipe(stream).pipe(sock);
      },
      (error: unknown) => {
        tunnel.lastError = error;
        sock.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  tunnel.port = typeof address === 'object' && address ? address.port : 0;
  tunnel.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return tunnel;
}
