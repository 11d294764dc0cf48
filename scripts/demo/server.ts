// The demo's own work on the server, over the same SSH layer the stages use (lib/ssh, host key
// pinned): putting the app's compose file in place before the first deploy (what a provisioning
// step or an earlier deploy would have done), reading the release history deploy-ssh and rollback
// keep, and taking the app down again for `--down`.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  foldHistory,
  type HistoryEntry,
  historyPath,
  parseHistory,
  readHistoryScript,
  type Release,
} from '../../lib/deploy/history.js';
import { shellQuote } from '../../lib/quote.js';
import { SshConnection, type SshLogger } from '../../lib/ssh/connection.js';
import { parseHost } from '../../lib/ssh/host.js';
import { writeRemoteFile } from '../../lib/ssh/sftp.js';
import { APP_SOURCE } from './app.js';
import { absoluteAppDir, type DemoConfig, sshTarget } from './config.js';

/** Remote output is not streamed to the demo's console: it goes to the stage logs when it matters. */
const quiet: SshLogger = { info: () => undefined, warning: () => undefined };

export async function withServer<T>(cfg: DemoConfig, fn: (conn: SshConnection) => Promise<T>): Promise<T> {
  const conn = await SshConnection.connect({
    host: parseHost(sshTarget(cfg)),
    auth: { privateKey: readFileSync(cfg.env.ssh.privateKeyPath, 'utf8') },
    hostKey: { fingerprints: [cfg.env.ssh.hostKeyFingerprint], keys: [], revoked: [], acceptUnknown: false },
    connectTimeoutMs: 20_000,
    logger: quiet,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

/**
 * Puts examples/app/compose.yaml in the app directory and sets PORT in its .env, keeping every
 * other line (deploy-ssh keeps IMAGE there). Safe to run again.
 */
export async function provisionAppDir(cfg: DemoConfig): Promise<void> {
  const dir = absoluteAppDir(cfg);
  await withServer(cfg, async (conn) => {
    await conn.exec(`mkdir -p ${shellQuote(dir)}`, { silent: true, label: 'create the app directory' });
    await writeRemoteFile(
      conn,
      posix.join(dir, 'compose.yaml'),
      readFileSync(join(APP_SOURCE, 'compose.yaml')),
    );
    const env = shellQuote(posix.join(dir, '.env'));
    await conn.exec(
      `touch ${env} && { grep -v '^PORT=' ${env} || true; echo PORT=${cfg.port}; } > ${env}.tmp && mv ${env}.tmp ${env}`,
      { silent: true, label: 'set PORT in .env' },
    );
  });
}

/** The server's release history of the app (history.jsonl), oldest first. */
export async function readReleaseHistory(
  cfg: DemoConfig,
): Promise<{ path: string; entries: HistoryEntry[]; releases: Release[] }> {
  const dir = absoluteAppDir(cfg);
  const text = await withServer(cfg, async (conn) => {
    const r = await conn.exec(readHistoryScript(dir), { silent: true, label: 'read the release history' });
    return r.stdout;
  });
  const path = historyPath(dir);
  const { entries } = parseHistory(text);
  return { path, entries, releases: foldHistory(entries) };
}

/**
 * Stops the app (`docker compose down`) and removes its directory. Returns what it did, for the
 * `--down` report; an app directory that is not there is not an error.
 */
export async function removeApp(cfg: DemoConfig): Promise<string[]> {
  const dir = shellQuote(absoluteAppDir(cfg));
  return withServer(cfg, async (conn) => {
    const done: string[] = [];
    const exists = await conn.exec(`test -d ${dir}`, { silent: true, allowFailure: true });
    if (exists.exitCode !== 0) return [`${sshTarget(cfg)}:${cfg.appDir}: not there`];
    const down = await conn.exec(
      `cd ${dir} && if [ -f compose.yaml ] && grep -q '^IMAGE=' .env 2>/dev/null; then docker compose down --remove-orphans --timeout 5; fi`,
      { silent: true, allowFailure: true, timeoutMs: 120_000, label: 'docker compose down' },
    );
    done.push(
      down.exitCode === 0
        ? `${sshTarget(cfg)}:${cfg.appDir}: docker compose down`
        : `${sshTarget(cfg)}:${cfg.appDir}: docker compose down failed (exit ${down.exitCode}): ${down.stderr.trim()}`,
    );
    await conn.exec(`rm -rf ${dir}`, { silent: true, label: 'remove the app directory' });
    done.push(`${sshTarget(cfg)}:${cfg.appDir}: removed`);
    return done;
  });
}
