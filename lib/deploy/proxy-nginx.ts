// The nginx side of a blue-green switch: the upstream file the user's nginx config includes inside
// its `upstream { … }` block holds one line, `server 127.0.0.1:<port>;`. Switching is writing that
// file atomically (temporary file + `mv -T`, the old one kept for the undo) and reloading nginx,
// whose old workers finish the requests in flight. Pure builders of the remote commands.
import { shellQuote } from '../quote.js';
import { stateDir } from './paths.js';
import { copyFileScript, replaceFileScript } from './replace-file.js';

/** What nginx reads: `server 127.0.0.1:8081;` and a comment saying who wrote it. */
export function upstreamContent(port: number | string, color: string, releaseId: string): string {
  return `# written by ops-actions deploy-ssh: ${color}, release ${releaseId}\nserver 127.0.0.1:${port};\n`;
}

/** The port of the first `server host:port` line of an upstream file, if any. */
export function parseUpstreamPort(text: string): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^\s*server\s+[^\s;]*:(\d+)\b[^;]*;/.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Where the upstream file before the last switch is kept (for the undo). */
export function upstreamBackupPath(appDir: string): string {
  return `${stateDir(appDir)}/upstream.previous`;
}

/** The upstream file's path on the server (relative to app-dir unless absolute). */
export function upstreamPath(appDir: string, file: string): string {
  return file.startsWith('/') ? file : `${appDir}/${file}`;
}

/**
 * Points the upstream file at `port`: the old file is copied aside first, the new one written next
 * to it (with the old one's mode) and renamed over it, so nginx never reads half a file and a failed
 * write leaves the old one whole. Pure.
 */
export function writeUpstreamScript(
  appDir: string,
  file: string,
  port: number | string,
  color: string,
  releaseId: string,
): string {
  const path = upstreamPath(appDir, file);
  const f = shellQuote(path);
  const backup = shellQuote(upstreamBackupPath(appDir));
  return [
    `mkdir -p ${shellQuote(stateDir(appDir))}`,
    `if [ -f ${f} ]; then ${copyFileScript(path, upstreamBackupPath(appDir))} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
    // nginx (often another user) reads it: the old file's mode is kept, a new one gets the umask's
    replaceFileScript(path, `printf '%s' ${shellQuote(upstreamContent(port, color, releaseId))}`, {
      secret: false,
    }),
  ].join(' && ');
}

/** Puts back the upstream file saved by writeUpstreamScript (atomically). Pure. */
export function restoreUpstreamScript(appDir: string, file: string): string {
  const f = shellQuote(upstreamPath(appDir, file));
  const backup = shellQuote(upstreamBackupPath(appDir));
  return `if [ -f ${backup} ]; then ${copyFileScript(upstreamBackupPath(appDir), upstreamPath(appDir, file))}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved upstream file to restore' >&2; exit 1; fi`;
}

/** Prints the upstream file ('' when there is none). Read-only. Pure. */
export function readUpstreamScript(appDir: string, file: string): string {
  const f = shellQuote(upstreamPath(appDir, file));
  return `if [ -f ${f} ]; then cat ${f}; fi`;
}
