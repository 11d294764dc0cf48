// The remote steps deploy-ssh and rollback plan and run on a server: one of our commands, one of
// the user's scripts, or the health gate. A plan holds them as data (dry-run prints them with
// describeRemoteStep); runRemoteStep runs one on a connection and logs its start and its time.
import { formatDuration } from '../duration.js';
import type { SshConnection, SshLogger } from '../ssh/connection.js';
import type { RemoteResult } from '../ssh/errors.js';
import { runScript, type ShellSettings } from '../ssh/script.js';
import { type HealthGate, runHealthGate } from './health.js';
import { execPlannedCommand, type PlannedCommand } from './registry-retry.js';

/**
 * A command of ours (built by lib/deploy), run as it is; `registry`: a login or pull, tried again
 * on a transient registry or network failure (lib/deploy/registry-retry).
 */
export interface ExecStep extends PlannedCommand {
  kind: 'exec';
}

/** A user's commands (script, before-switch, after-switch), run by the configured shell. */
export interface ScriptStep {
  kind: 'script';
  title: string;
  script: string;
  cwd: string;
  env?: Record<string, string>;
}

/** The health gate: health-command retried every gate.intervalMs until it passes or gate.timeoutMs. */
export interface HealthStep {
  kind: 'health';
  title: string;
  gate: HealthGate;
  cwd: string;
}

export type RemoteStep = ExecStep | ScriptStep | HealthStep;

/** One step as dry-run prints it: its title, then its command indented. */
export function describeRemoteStep(step: RemoteStep): string {
  switch (step.kind) {
    case 'exec':
      return `${step.title}${step.stdin ? ' (registry password on stdin)' : ''}\n${indentLines(step.command)}`;
    case 'script':
      return `${step.title} (in ${step.cwd})\n${indentLines(step.script)}`;
    case 'health':
      return `${step.title} (in ${step.cwd}; every ${step.gate.intervalMs / 1000}s for up to ${step.gate.timeoutMs / 1000}s)\n${indentLines(step.gate.command)}`;
  }
}

/** Indents each line of a command under its step's title (trailing newlines dropped). */
export function indentLines(text: string): string {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');
}

export interface RemoteStepContext {
  conn: SshConnection;
  shell: ShellSettings;
  /** The environment of the user's commands (a script step's own env is added to it). */
  env: Record<string, string>;
  commandTimeoutMs: number;
  registryPassword: string | undefined;
  secrets: (string | undefined)[];
  signal: AbortSignal | undefined;
  logger: SshLogger;
}

/** Runs one step, between `▶ title` and `done: title (time)` log lines; an exec step's result is returned. */
export async function runRemoteStep(
  step: RemoteStep,
  ctx: RemoteStepContext,
): Promise<RemoteResult | undefined> {
  return logStep(ctx.logger, ctx.conn.host.label, step.title, async () => {
    const { conn, signal, secrets } = ctx;
    const common = { timeoutMs: ctx.commandTimeoutMs, signal, secrets };
    switch (step.kind) {
      case 'exec':
        return execPlannedCommand(conn, step, {
          ...common,
          logger: ctx.logger,
          registryPassword: ctx.registryPassword,
        });
      case 'script':
        await runScript(conn, step.script, ctx.shell, {
          ...common,
          title: step.title,
          env: { ...ctx.env, ...step.env },
          cwd: step.cwd,
        });
        return undefined;
      case 'health':
        await runHealthGate(conn, step.gate, {
          shell: ctx.shell,
          cwd: step.cwd,
          env: ctx.env,
          commandTimeoutMs: ctx.commandTimeoutMs,
          secrets,
          signal,
          logger: ctx.logger,
          title: step.title,
        });
        return undefined;
    }
  });
}

/** Logs `[host] ▶ title`, runs fn, then `[host]   done: title (time)`. */
export async function logStep<T>(
  logger: SshLogger,
  host: string,
  title: string,
  fn: () => Promise<T>,
): Promise<T> {
  const t0 = Date.now();
  logger.info(`[${host}] ▶ ${title}`);
  const result = await fn();
  logger.info(`[${host}]   done: ${title} (${formatDuration(Date.now() - t0)})`);
  return result;
}
