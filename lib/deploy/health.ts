// The health gate of a server deploy or rollback: the user's health command, run on the server
// and retried every interval until it passes or its time is up. A gate that never passes throws a
// RemoteCommandError carrying the last attempt's exit code and output.
import { formatDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { lastLines } from '../exec.js';
import type { Inputs } from '../inputs.js';
import { abortableSleep } from '../retry.js';
import { runnerLogger, type SshConnection, type SshLogger } from '../ssh/connection.js';
import { RemoteCommandError, type RemoteResult } from '../ssh/errors.js';
import { runScript, type ShellSettings } from '../ssh/script.js';

export interface HealthGate {
  /** The command (a script: several lines are fine). */
  command: string;
  /** How long it may take to pass (health-timeout). */
  timeoutMs: number;
  /** The pause between attempts (health-interval). */
  intervalMs: number;
}

/** Reads health-command, health-timeout (default 1m) and health-interval (default 2s); undefined without a command. */
export function readHealthGate(inputs: Inputs): HealthGate | undefined {
  const command = inputs.optionalString('health-command');
  if (command) {
    return {
      command,
      timeoutMs: inputs.duration('health-timeout', '1m', { min: 1000 }),
      intervalMs: inputs.duration('health-interval', '2s', { min: 100 }),
    };
  }
  for (const name of ['health-timeout', 'health-interval']) {
    if (inputs.has(name)) {
      throw new ConfigurationError(
        name,
        "is set but 'health-command' is not.",
        'health-command: curl -fsS http://127.0.0.1:8080/health',
      );
    }
  }
  return undefined;
}

export interface HealthGateOptions {
  shell: ShellSettings;
  /** Where it runs (app-dir, or the release directory). */
  cwd: string;
  env?: Record<string, string>;
  /** The limit of one attempt (command-timeout); each attempt also stops at the gate's deadline. */
  commandTimeoutMs: number;
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  logger?: SshLogger;
  /** What the gate is called in the log and the error (default `health-command`). */
  title?: string;
}

export interface HealthGateResult {
  attempts: number;
  durationMs: number;
}

/** Runs the health command until it passes; throws naming the host, the time allowed and the last output. */
export async function runHealthGate(
  conn: SshConnection,
  gate: HealthGate,
  opts: HealthGateOptions,
): Promise<HealthGateResult> {
  const logger = opts.logger ?? runnerLogger;
  const title = opts.title ?? 'health-command';
  const started = Date.now();
  const deadline = started + gate.timeoutMs;
  let attempt = 0;
  let last: RemoteResult | undefined;
  for (;;) {
    attempt++;
    const remaining = deadline - Date.now();
    last = await runScript(conn, gate.command, opts.shell, {
      title,
      env: opts.env,
      cwd: opts.cwd,
      timeoutMs: Math.max(1000, Math.min(opts.commandTimeoutMs, remaining)),
      signal: opts.signal,
      secrets: opts.secrets,
      allowFailure: true,
      silent: attempt > 1,
    });
    if (last.exitCode === 0) {
      logger.info(`[${conn.host.label}] ${title} passed (attempt ${attempt})`);
      return { attempts: attempt, durationMs: Date.now() - started };
    }
    if (Date.now() + gate.intervalMs >= deadline || opts.signal?.aborted) break;
    const why = lastLines(last.stderr, 1);
    logger.info(
      `[${conn.host.label}] ${title} failed (exit code ${last.exitCode}${why ? `: ${why}` : ''}); retrying in ${formatDuration(gate.intervalMs)}`,
    );
    await abortableSleep(gate.intervalMs, opts.signal);
  }
  const tail = lastLines(last.stderr || last.stdout, 10);
  throw new RemoteCommandError(
    `${conn.host.label}: the ${title} did not pass within ${formatDuration(gate.timeoutMs)} (health-timeout, ${attempt} attempts); ` +
      `last exit code ${last.exitCode}${tail ? `:\n${tail}` : ''}`,
    conn.host.label,
    last,
  );
}
