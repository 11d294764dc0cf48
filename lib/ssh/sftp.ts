// File transfer over the connection's SFTP session (no scp binary, no shell quoting of file names).
import { chmod, lstat, open, readdir, readlink, rename, rm, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { withDeadline } from '../deadline.js';
import type { SshConnection } from './connection.js';

/** A transfer's limits: the step's abort signal (host-timeout, cancel) and a deadline. */
export interface TransferLimits {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** The input timeoutMs comes from, named in the error. */
  timeoutInput?: string | undefined;
}

/** Runs a transfer within `limits`; giving up ends the SFTP session (a stalled server never answers). */
async function limited<T>(
  conn: SshConnection,
  what: string,
  limits: TransferLimits,
  work: () => Promise<T>,
): Promise<T> {
  let sftp: Awaited<ReturnType<SshConnection['sftp']>> | undefined;
  return withDeadline(
    (async () => {
      sftp = await conn.sftp();
      return work();
    })(),
    {
      ...limits,
      what: `${conn.host.label}: ${what}`,
      onGiveUp: () => {
        try {
          sftp?.end();
        } catch {
          /* already closed */
        }
      },
    },
  );
}

export interface LocalEntry {
  /** Path relative to the uploaded directory, with `/` separators. */
  path: string;
  kind: 'dir' | 'file' | 'symlink';
  /** Permission bits (0o755, 0o644, …). */
  mode: number;
  size: number;
  /** For a symlink: where it points (kept as it is). */
  target?: string;
}

export interface UploadStats {
  files: number;
  dirs: number;
  symlinks: number;
  bytes: number;
}

/** Every file, directory and symlink under `dir`, parents before children, sorted. */
export async function listLocalTree(dir: string): Promise<LocalEntry[]> {
  const out: LocalEntry[] = [];
  async function walk(rel: string): Promise<void> {
    const names = (await readdir(join(dir, rel))).sort();
    for (const name of names) {
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const full = join(dir, relPath);
      const st = await lstat(full);
      const mode = st.mode & 0o7777;
      if (st.isSymbolicLink()) {
        out.push({ path: relPath, kind: 'symlink', mode, size: 0, target: await readlink(full) });
      } else if (st.isDirectory()) {
        out.push({ path: relPath, kind: 'dir', mode, size: 0 });
        await walk(relPath);
      } else if (st.isFile()) {
        out.push({ path: relPath, kind: 'file', mode, size: st.size });
      }
      // sockets, fifos and devices are not deployable: skipped
    }
  }
  await walk('');
  return out;
}

export function summarizeTree(entries: readonly LocalEntry[]): UploadStats {
  return {
    files: entries.filter((e) => e.kind === 'file').length,
    dirs: entries.filter((e) => e.kind === 'dir').length,
    symlinks: entries.filter((e) => e.kind === 'symlink').length,
    bytes: entries.reduce((n, e) => n + e.size, 0),
  };
}

/**
 * Uploads the contents of `localDir` into `remoteDir` (which must exist), keeping permission bits
 * and symlinks. Directories are created first, then files go `concurrency` at a time over the
 * connection's one SFTP session.
 */
export async function uploadDirectory(
  conn: SshConnection,
  localDir: string,
  remoteDir: string,
  opts: { concurrency?: number; entries?: readonly LocalEntry[] } & TransferLimits = {},
): Promise<UploadStats> {
  return limited(conn, `SFTP upload to ${remoteDir}`, opts, () =>
    uploadTree(conn, localDir, remoteDir, opts),
  );
}

async function uploadTree(
  conn: SshConnection,
  localDir: string,
  remoteDir: string,
  opts: { concurrency?: number; entries?: readonly LocalEntry[]; signal?: AbortSignal | undefined },
): Promise<UploadStats> {
  const sftp = await conn.sftp();
  const entries = opts.entries ?? (await listLocalTree(localDir));
  const remote = (p: string): string => posix.join(remoteDir, p);
  for (const e of entries.filter((x) => x.kind === 'dir')) {
    await new Promise<void>((resolve, reject) =>
      sftp.mkdir(remote(e.path), { mode: e.mode | 0o700 }, (err) =>
        err ? reject(sftpError(conn, err, 'mkdir', remote(e.path))) : resolve(),
      ),
    );
  }
  const files = entries.filter((x) => x.kind !== 'dir');
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      if (opts.signal?.aborted) return; // given up: start no more transfers
      const e = files[i] as LocalEntry;
      if (e.kind === 'symlink') {
        await new Promise<void>((resolve, reject) =>
          sftp.symlink(e.target ?? '', remote(e.path), (err) =>
            err ? reject(sftpError(conn, err, 'symlink', remote(e.path))) : resolve(),
          ),
        );
      } else {
        await new Promise<void>((resolve, reject) =>
          sftp.fastPut(join(localDir, e.path), remote(e.path), { mode: e.mode }, (err) =>
            err ? reject(sftpError(conn, err, 'upload', remote(e.path))) : resolve(),
          ),
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? 8, Math.max(files.length, 1)) }, worker),
  );
  return summarizeTree(entries);
}

/** Uploads one file. */
export async function uploadFile(
  conn: SshConnection,
  localPath: string,
  remotePath: string,
  mode = 0o644,
  limits: TransferLimits = {},
): Promise<void> {
  await limited(conn, `SFTP upload to ${remotePath}`, limits, async () => {
    const sftp = await conn.sftp();
    await new Promise<void>((resolve, reject) =>
      sftp.fastPut(localPath, remotePath, { mode }, (err) =>
        err ? reject(sftpError(conn, err, 'upload', remotePath)) : resolve(),
      ),
    );
  });
}

/**
 * Downloads one remote file to `localPath`: written to `<localPath>.partial` (created with `mode`
 * before the first byte arrives) and renamed only once the whole file is there, so a file at
 * localPath is always complete. Same limits as the uploads: a stalled server is given up on at the
 * deadline, and the partial file is removed. Returns the bytes written.
 */
export async function downloadFile(
  conn: SshConnection,
  remotePath: string,
  localPath: string,
  mode = 0o600,
  limits: TransferLimits = {},
): Promise<number> {
  const partial = `${localPath}.partial`;
  try {
    await rm(partial, { force: true });
    await (await open(partial, 'wx', mode)).close();
    await limited(conn, `SFTP download of ${remotePath}`, limits, async () => {
      const sftp = await conn.sftp();
      await new Promise<void>((resolve, reject) =>
        sftp.fastGet(remotePath, partial, { mode }, (err) =>
          err ? reject(sftpError(conn, err, 'download', remotePath)) : resolve(),
        ),
      );
    });
    await chmod(partial, mode);
    await rename(partial, localPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return (await stat(localPath)).size;
}

/** Writes `content` to a remote file (created or truncated). */
export async function writeRemoteFile(
  conn: SshConnection,
  remotePath: string,
  content: string | Buffer,
  mode = 0o644,
  limits: TransferLimits = {},
): Promise<void> {
  await limited(conn, `SFTP write of ${remotePath}`, limits, async () => {
    const sftp = await conn.sftp();
    await new Promise<void>((resolve, reject) =>
      sftp.writeFile(remotePath, content, { mode }, (err) =>
        err ? reject(sftpError(conn, err, 'write', remotePath)) : resolve(),
      ),
    );
  });
}

function sftpError(conn: SshConnection, err: Error, op: string, path: string): Error {
  return new Error(`${conn.host.label}: SFTP ${op} ${path} failed: ${err.message}`);
}
