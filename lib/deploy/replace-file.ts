// Replacing a file on a server safely: the new content is written to a temporary file next to it and
// renamed over it (rename(2) is atomic), so a failed write — a full disk, often the very reason a
// deploy failed — leaves the old file whole instead of truncated. The temporary file gets the old
// file's mode (and group) by `cp -p` before it is written; a file that did not exist is created
// 0600 when it can hold a secret (env files), else at the session's umask. Pure builders of shell
// snippets, every path quoted; each snippet is one `{ …; }` group that fails as a whole.
import { shellQuote } from '../quote.js';

/** The temporary file a replacement is written to (next to the target: same filesystem, so `mv` renames). */
export function tempPath(target: string): string {
  return `${target}.ops-actions.tmp`;
}

export interface ReplaceOptions {
  /** Take the mode from this file (default: the target itself) when it exists. */
  modeFrom?: string;
  /** Create the file 0600 when there is nothing to take the mode from (env files, anything with secrets). */
  secret: boolean;
}

/**
 * Writes what `producer` prints to `target` through a temporary file and a rename. `producer` is a
 * shell command (it may read the old target: it is replaced only at the end).
 */
export function replaceFileScript(target: string, producer: string, opts: ReplaceOptions): string {
  const t = shellQuote(target);
  const tmp = shellQuote(tempPath(target));
  const from = shellQuote(opts.modeFrom ?? target);
  const create = opts.secret ? `(umask 077 && : > ${tmp})` : `: > ${tmp}`;
  return (
    `{ { rm -f ${tmp} && if [ -f ${from} ]; then cp -p ${from} ${tmp}; else ${create}; fi && ` +
    `{ ${producer}; } > ${tmp} && mv -fT ${tmp} ${t}; } || { rm -f ${tmp}; false; }; }`
  );
}

/** Copies `source` to `target` (mode kept, `cp -p`) through a temporary file and a rename. */
export function copyFileScript(source: string, target: string): string {
  const tmp = shellQuote(tempPath(target));
  return `{ { rm -f ${tmp} && cp -p ${shellQuote(source)} ${tmp} && mv -fT ${tmp} ${shellQuote(target)}; } || { rm -f ${tmp}; false; }; }`;
}

/**
 * Appends `text` to `target`: a copy with the text added replaces it, so a failed write leaves no half
 * line. It runs on every host of every deploy (the history), so the usual case starts no `rm`: only
 * a temporary file left behind — or a symlink in its place, never written through — is removed.
 */
export function appendFileScript(target: string, text: string, opts: { secret: boolean }): string {
  const t = shellQuote(target);
  const tmp = shellQuote(tempPath(target));
  const create = opts.secret ? `(umask 077 && : > ${tmp})` : `: > ${tmp}`;
  return (
    `{ { { [ ! -e ${tmp} ] && [ ! -h ${tmp} ] || rm -f ${tmp}; } && if [ -f ${t} ]; then cp -p ${t} ${tmp}; else ${create}; fi && ` +
    `printf '%s' ${shellQuote(text)} >> ${tmp} && mv -fT ${tmp} ${t}; } || { rm -f ${tmp}; false; }; }`
  );
}
