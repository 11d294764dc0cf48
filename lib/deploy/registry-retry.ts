// `docker login` and `docker compose pull` on a server talk to a registry over the internet: a
// reset connection, a 502 from the registry's front end or a rate limit fails them now and not a
// minute later. Both are idempotent and run before anything goes live, so they are tried again,
// a few times with backoff; a refused login or an image that does not exist fails at once.
import { errorMessage } from '../errors.js';
import { isTransientRegistryError } from '../registry-errors.js';
import { type RetryOptions, RetryError, retry } from '../retry.js';
import type { ExecOptions, SshConnection, SshLogger } from '../ssh/connection.js';
import { RemoteCommandError, type RemoteResult } from '../ssh/errors.js';

/** 3 attempts, 2 s then 6 s apart, all within 10 minutes. */
const REGISTRY_RETRY: Pick<RetryOptions, 'maxAttempts' | 'initialDelayMs' | 'factor' | 'maxDelayMs'> = {
  maxAttempts: 3,
  initialDelayMs: 2000,
  factor: 3,
  maxDelayMs: 15_000,
};

function retryable(error: unknown): boolean {
  return (
    error instanceof RemoteCommandError &&
    !error.result.timedOut &&
    isTransientRegistryError(`${error.result.stderr}\n${error.result.stdout}`)
  );
}

function lastLine(error: unknown): string {
  const r = error instanceof RemoteCommandError ? error.result : undefined;
  const line = r
    ? `${r.stderr}\n${r.stdout}`
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .pop()
    : undefined;
  return line ?? errorMessage(error);
}

/**
 * Runs a registry command (login, pull) on `conn`, trying a transient failure again (3 attempts,
 * 2 s then 6 s apart). The error of the last attempt is thrown as it was,
 * with the number of attempts added to its message.
 */
export async function execRegistryCommand(
  conn: SshConnection,
  command: string,
  opts: ExecOptions & { logger: SshLogger },
): Promise<RemoteResult> {
  const { logger, ...exec } = opts;
  const label = exec.label ?? command;
  try {
    return await retry(() => conn.exec(command, exec), {
      ...REGISTRY_RETRY,
      deadlineMs: 10 * 60_000,
      signal: exec.signal,
      isRetryable: retryable,
      onRetry: ({ attempt, error, delayMs }) =>
        logger.warning(
          `${conn.host.label}: ${label} failed (${lastLine(error)}), a registry or network error that may pass; ` +
            `trying again in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${REGISTRY_RETRY.maxAttempts}).`,
        ),
    });
  } catch (error) {
    if (!(error instanceof RetryError)) throw error;
    const last = error.lastError;
    if (last instanceof RemoteCommandError) {
      throw new RemoteCommandError(`${last.message} (${error.attempts} attempts)`, last.host, last.result);
    }
    throw last;
  }
}
