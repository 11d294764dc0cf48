// The remote steps deploy-ssh and rollback plan and run on a server: one of our commands, one of
// the user's scripts, or the health gate. A plan holds them as data (dry-run prints them with
// describeRemoteStep); runRemoteStep runs one on a connection and logs its start and its time.
import { formatDuration } from '../duration.js';
import { indentLines } from '../quote.js';
import { registryLoginCommand } from './compose.js';
import type { SshConnection, SshLogger } from '../ssh/connection.js';
import type { RemoteResult } from '../ssh/errors.js';
import { runScript, type ShellSettings } from '../ssh/script.js';
import { type HealthGate, runHealthGate } from './health.js';
import { execRegistryCommand } from './registry-retry.js';

/** A command of ours (built by lib/deploy), run as it is. */
export interface ExecStep {
  kind: 'exec';
  title: string;
  command: string;
  /** Sent on stdin: the registry password (never in argv). */
  stdin?: 'registry-password';
  /** A login or pull: tried again on a transient registry or network failure (lib/deploy/registry-retry). */
  registry?: true;
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

/** `docker login` on the server: the password on stdin, tried again on a transient registry failure. */
export function registryLoginStep(registry: string, username: string): ExecStep {
  return {
    kind: 'exec',
    title: `docker login ${registry}`,
    command: registryLoginCommand(registry, username),
    stdin: 'registry-password',
    registry: true,
  };
}

/** One step as dry-run prints it: its title, then its command indented. */
export function describeRemoteStep(step: RemoteStep): string {
  switch (step.kind) {
    case 'exec':
      return `${step.title}${step.stdin ? ' (registry password on stdin)' : ''}\n${underTitle(step.command)}`;
    case 'script':
      return `${step.title} (in ${step.cwd})\n${underTitle(step.script)}`;
    case 'health':
      return `${step.title} (in ${step.cwd}; every ${step.gate.intervalMs / 1000}s for up to ${step.gate.timeoutMs / 1000}s)\n${underTitle(step.gate.command)}`;
  }
}

function underTitle(text: string): string {
  return indentLines(text.replace(/\n+$/, ''), '        ');
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
  /** Where the step outputs a script step writes to $OPS_OUTPUT go (also when it fails); else they are dropped. */
  outputs?: ScriptOutputSink;
}

/** Collects the step outputs of a host's script steps (lib/ssh/script-outputs.ts). */
export interface ScriptOutputSink {
  /** Names a script may not set: the stage's own outputs. */
  reserved: readonly string[];
  set(values: Record<string, string>): void;
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
      case 'exec': {
        const exec = {
          ...common,
          label: step.title,
          stdin: step.stdin === 'registry-password' ? ctx.registryPassword : undefined,
        };
        return step.registry
          ? execRegistryCommand(conn, step.command, { ...exec, logger: ctx.logger })
          : conn.exec(step.command, exec);
      }
      case 'script': {
        const sink = ctx.outputs;
        await runScript(conn, step.script, ctx.shell, {
          ...common,
          title: step.title,
          env: { ...ctx.env, ...step.env },
          cwd: step.cwd,
          reservedOutputs: sink?.reserved,
          onOutputs: (values) => {
            const names = Object.keys(values);
            if (names.length === 0) return;
            ctx.logger.info(
              `[${conn.host.label}] ${step.title} set output${names.length === 1 ? '' : 's'}: ${names.join(', ')}${sink ? '' : ' (not used by this stage)'}`,
            );
            sink?.set(values);
          },
        });
        return undefined;
      }
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
