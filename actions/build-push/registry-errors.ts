/**
 * Reading docker's and buildx's error text: which failures are worth another attempt (the
 * registry or the network hiccuped) and which are not (wrong credentials, a failing RUN step).
 */

const TRANSIENT = [
  /connection refused/i,
  /connection reset/i,
  /broken pipe/i,
  /unexpected EOF/i,
  /: EOF\b/,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /context deadline exceeded/i,
  /Client\.Timeout exceeded/i,
  /timeout awaiting response headers/i,
  /temporary failure in name resolution/i,
  /server misbehaving/i,
  /network is unreachable/i,
  /no route to host/i,
  /\b50[0-4]\b/,
  /Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
  /\b429\b|toomanyrequests|too many requests/i,
];

const AUTH = [
  /\b401\b/,
  /unauthorized/i,
  /incorrect username or password/i,
  /no basic auth credentials/i,
  /authentication required/i,
];

const DENIED = [/\b403\b/, /denied/i, /forbidden/i];

/** The error buildx reported: its last `ERROR:` line, or the last non-empty line. */
export function finalError(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] ?? '';
    if (/^ERROR:/.test(l) || /^Error response from daemon:/.test(l) || /^Error:/.test(l)) return l;
  }
  return lines[lines.length - 1] ?? '';
}

/**
 * A failure of a build step itself (a RUN command exiting non-zero, a missing file, a Dockerfile
 * syntax error): another attempt would fail the same way, whatever the text inside says.
 */
export function isBuildStepFailure(error: string): boolean {
  return /did not complete successfully|executor failed running|failed to compute cache key|dockerfile parse error|failed to read dockerfile|not found: not found/i.test(
    error,
  );
}

export function isAuthFailure(error: string): boolean {
  return AUTH.some((re) => re.test(error));
}

export function isDenied(error: string): boolean {
  return DENIED.some((re) => re.test(error));
}

/** A registry or network failure that another attempt may get past. Never auth or build failures. */
export function isTransientRegistryError(error: string): boolean {
  if (isBuildStepFailure(error) || isAuthFailure(error) || isDenied(error)) return false;
  return TRANSIENT.some((re) => re.test(error));
}

/** buildx is not installed for this docker CLI. */
export function isBuildxMissing(output: string): boolean {
  return /'buildx' is not a docker command|unknown command: docker buildx|unknown command "buildx"/i.test(
    output,
  );
}

export const BUILDX_MISSING_HELP =
  "Docker Buildx is not installed: 'docker buildx' is not a docker command here. " +
  "On GitHub-hosted runners it is preinstalled; on a self-hosted runner add '- uses: docker/setup-buildx-action@v3' " +
  "before this step, or install the buildx plugin (Debian/Ubuntu package 'docker-buildx' or 'docker-buildx-plugin' from Docker's apt repository).";
