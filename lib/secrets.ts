import * as core from '@actions/core';

/**
 * Masks a secret in the runner's log. The runner masks line by line, so a multi-line secret (a
 * private key) is masked whole and each of its lines on its own.
 */
export function maskSecret(value: string | undefined): void {
  if (!value) return;
  mask(value);
  const lines = value.split(/\r?\n/).map((l) => l.trim());
  for (const line of lines) if (line.length >= 4 && line !== value) mask(line);
}

/** Values already registered with the runner: each is sent once (a key read twice is not re-sent). */
const masked = new Set<string>();

function mask(value: string): void {
  if (masked.has(value)) return;
  masked.add(value);
  core.setSecret(value);
}

/**
 * Masks the credentials inside a URL (`postgres://user:pass@host/db`): the password alone, its
 * URL-decoded form, and the whole URL.
 */
export function maskUrlCredentials(url: string | undefined): void {
  if (!url) return;
  maskSecret(url);
  const password = urlPassword(url);
  if (password) {
    maskSecret(password);
    try {
      maskSecret(decodeURIComponent(password));
    } catch {
      /* not percent-encoded */
    }
  }
}

function urlPassword(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url);
  return m?.[1] || undefined;
}

/**
 * Replaces every occurrence of each secret with `***` — for text we build ourselves. Like
 * maskSecret, each line (4+ characters) of a multi-line secret is replaced on its own too, since
 * output is logged line by line; longer values go first, so an overlap is replaced whole.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    needles.add(s);
    if (!/[\r\n]/.test(s)) continue;
    for (const line of s.split(/\r?\n/).map((l) => l.trim())) if (line.length >= 4) needles.add(line);
  }
  let out = text;
  for (const n of [...needles].sort((a, b) => b.length - a.length)) out = out.split(n).join('***');
  return out;
}
