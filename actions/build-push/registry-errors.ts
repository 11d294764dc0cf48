/**
 * Reading docker's and buildx's error text: which failures are worth another attempt (the
 * registry or the network hiccuped) and which are not (wrong credentials, a failing RUN step).
 */
import { isTransientRegistryError as isTransientRegistry } from '../../lib/registry-errors.js';

export { isAuthFailure, isDenied } from '../../lib/registry-errors.js';

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

/** A registry or network failure that another attempt may get past. Never auth or build failures. */
export function isTransientRegistryError(error: string): boolean {
  return !isBuildStepFailure(error) && isTransientRegistry(error);
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
