import * as core from '@actions/core';
import { formatDuration } from '../../lib/duration.js';
import { ConfigurationError, errorMessage, OperationError } from '../../lib/errors.js';
import { ProcessError, runProcess } from '../../lib/exec.js';
import { RetryError, retry } from '../../lib/retry.js';
import { finalError, isAuthFailure, isTransientRegistryError } from './registry-errors.js';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** First delay between attempts, doubled each time (with jitter). */
  initialDelayMs: number;
  maxDelayMs: number;
}

const LOGIN_ATTEMPT_TIMEOUT_MS = 30_000;

/** `docker login` argv (pure): the password goes to stdin, never to argv. */
export function loginArgs(server: string, username: string): string[] {
  return ['login', '--username', username, '--password-stdin', server];
}

/** The text of a failed docker command: what it printed on stderr, or the error message. */
export function failureText(error: unknown): string {
  if (error instanceof ProcessError && error.result) {
    if (error.result.timedOut) return `timed out after ${formatDuration(error.result.durationMs)}`;
    return finalError(`${error.result.stdout}\n${error.result.stderr}`);
  }
  return errorMessage(error);
}

export function isTransientFailure(error: unknown): boolean {
  if (error instanceof ProcessError && error.result?.timedOut) return true;
  return isTransientRegistryError(failureText(error));
}

/**
 * Logs in to the registry with the password on stdin, retrying connection failures, timeouts and
 * 5xx answers with backoff, but not a rejected password: that fails at once, naming the inputs.
 */
export async function registryLogin(opts: {
  server: string;
  username: string;
  password: string;
  dockerConfig: string;
  policy: RetryPolicy;
}): Promise<{ attempts: number; durationMs: number }> {
  const started = Date.now();
  let attempts = 0;
  try {
    await retry(
      async (attempt) => {
        attempts = attempt;
        await runProcess('docker', loginArgs(opts.server, opts.username), {
          env: { DOCKER_CONFIG: opts.dockerConfig },
          input: opts.password,
          secrets: [opts.password],
          timeoutMs: LOGIN_ATTEMPT_TIMEOUT_MS,
          silent: true,
        });
      },
      {
        deadlineMs: 10 * 60_000,
        maxAttempts: opts.policy.retries + 1,
        initialDelayMs: opts.policy.initialDelayMs,
        maxDelayMs: opts.policy.maxDelayMs,
        isRetryable: isTransientFailure,
        onRetry: ({ attempt, error, delayMs }) =>
          core.info(
            `Login to ${opts.server}: attempt ${attempt}/${opts.policy.retries + 1} failed (${failureText(error)}); retrying in ${formatDuration(delayMs)}`,
          ),
      },
    );
  } catch (error) {
    const last = error instanceof RetryError ? error.lastError : error;
    const why = failureText(last);
    if (isAuthFailure(why)) {
      throw new ConfigurationError(
        undefined,
        `registry ${opts.server} rejected the login of user '${opts.username}' (${why}). ` +
          `Check the 'username' and 'password' inputs: the password must be a valid password or access token for that user ` +
          `(Docker Hub: an access token; GHCR: \${{ secrets.GITHUB_TOKEN }} with 'packages: write' permission).`,
      );
    }
    const tries = error instanceof RetryError ? ` after ${attempts} attempts` : '';
    throw new OperationError(`Login to registry ${opts.server} failed${tries}: ${why}`, {
      server: opts.server,
      attempts,
    });
  }
  return { attempts, durationMs: Date.now() - started };
}

/** Removes the credentials (post step); never throws. */
export async function registryLogout(server: string, dockerConfig: string): Promise<boolean> {
  try {
    await runProcess('docker', ['logout', server], {
      env: { DOCKER_CONFIG: dockerConfig },
      timeoutMs: 30_000,
      silent: true,
    });
    return true;
  } catch (error) {
    core.warning(`docker logout ${server} failed: ${failureText(error)}`);
    return false;
  }
}
