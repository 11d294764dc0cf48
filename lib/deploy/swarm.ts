// Docker Swarm stacks (deploy-ssh strategy stack): the `docker stack deploy` command, and following
// every service of the stack until it has converged, Swarm rolled it back, or the time is up. The
// stack file itself (images set, safe update defaults filled in) is stack-file.ts.
//
// Measured on Docker 20.10 (single node, host networking, --bridge=none): a task only counts as
// running once its health check passed, so the health check of the image or stack gates the
// update. With `order: start-first` on the host network the new task cannot bind the port the old
// one holds (`task: non-zero exit (1)`), the update fails and Swarm rolls it back: services on the
// host network get `stop-first` unless the stack file says otherwise (we cannot see whether the app
// binds with SO_REUSEPORT, which lets start-first work there: bench/swarm, 0 failed requests).
import { formatDuration } from '../duration.js';
import { stateDir } from './paths.js';
import { shellJoin, shellQuote } from '../quote.js';
import { abortableSleep } from '../retry.js';
import type { SshConnection, SshLogger } from '../ssh/connection.js';

export interface StackDeploySettings {
  stack: string;
  /** The stack file on the server. */
  file: string;
}

/** Prints the server's time (seconds), then deploys; `--with-registry-auth` passes our login to the agents. */
export function stackDeployCommand(s: StackDeploySettings): string {
  // no --detach: the 20.10 CLI has no such flag and 26+ detaches by default; we follow the services ourselves
  return `date -u +%s && ${shellJoin(['docker', 'stack', 'deploy', '--with-registry-auth', '--compose-file', s.file, s.stack])}`;
}

/** The stack file, written atomically from base64 (its text never passes through a shell). */
export function writeStackFileCommand(path: string, yaml: string): string {
  const dir = path.slice(0, path.lastIndexOf('/'));
  const tmp = shellQuote(`${path}.tmp`);
  return [
    `mkdir -p ${shellQuote(dir)}`,
    `(umask 077 && printf '%s' ${shellQuote(Buffer.from(yaml).toString('base64'))} | base64 -d > ${tmp})`,
    `mv -f ${tmp} ${shellQuote(path)}`,
  ].join(' && ');
}

/** Rolls back the services of a stack whose update is still running or paused (a deploy that timed out). */
export function rollbackUnfinishedScript(stack: string): string {
  const st = shellQuote(stack);
  return [
    `for s in $(docker stack services -q ${st}); do`,
    `  state=$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$s")`,
    '  case "$state" in updating|paused) echo "rolling back $s ($state)"; docker service rollback --detach "$s" >/dev/null;; esac',
    'done',
  ].join('\n');
}

/** What one service looks like now. */
export interface ServiceStatus {
  service: string;
  /** The image its spec runs (without the digest Swarm pinned). */
  image: string;
  running: number;
  desired: number;
  /** Swarm's UpdateStatus.State of an update started by this deploy, else `none`. */
  update: string;
  updateMessage?: string;
  /** Errors of failed tasks, newest first. */
  taskErrors: string[];
}

export interface StackStatus {
  stack: string;
  services: ServiceStatus[];
  /** converged: every service runs its desired replicas of its spec. */
  outcome: 'converged' | 'rolled-back' | 'paused' | 'timed-out' | 'unknown';
}

const MARK = '@@ops-actions-swarm:tasks';

/** One read of the whole stack: the services' inspect JSON, then its tasks, one JSON per line. */
export function readStackScript(stack: string): string {
  const st = shellQuote(stack);
  return [
    `ids=$(docker stack services -q ${st})`,
    'if [ -n "$ids" ]; then docker service inspect $ids; else echo "[]"; fi',
    `echo '${MARK}'`,
    `docker stack ps --no-trunc --format '{{json .}}' ${st} 2>/dev/null || true`,
  ].join('\n');
}

interface InspectedService {
  Spec?: {
    Name?: string;
    Mode?: { Replicated?: { Replicas?: number }; Global?: unknown };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
  };
  UpdateStatus?: { State?: string; StartedAt?: string; Message?: string };
}

interface TaskLine {
  Name?: string;
  Image?: string;
  DesiredState?: string;
  CurrentState?: string;
  Error?: string;
}

/** `name@sha256:…` → `name`. */
export function withoutDigest(image: string): string {
  return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}

/**
 * The status of a stack's services from readStackScript's output. Updates that started before
 * `sinceS` (epoch seconds, the server's clock) belong to an earlier deploy and are ignored. Pure.
 */
export function parseStackStatus(stack: string, text: string, sinceS: number): ServiceStatus[] {
  const at = text.indexOf(MARK);
  const inspectText = at < 0 ? text : text.slice(0, at);
  const taskText = at < 0 ? '' : text.slice(at + MARK.length);
  const inspected = JSON.parse(inspectText.trim() || '[]') as InspectedService[];
  const tasks: TaskLine[] = taskText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as TaskLine);
  const prefix = `${stack}_`;
  return inspected.map((s) => {
    const full = s.Spec?.Name ?? '?';
    const service = full.startsWith(prefix) ? full.slice(prefix.length) : full;
    const specImage = s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
    // `docker stack ps` names tasks <service>.<slot> (or <service>.<node> for global services)
    const own = tasks.filter((t) => (t.Name ?? '').startsWith(`${full}.`));
    const live = own.filter((t) => t.DesiredState === 'Running');
    const running = live.filter(
      (t) => (t.CurrentState ?? '').startsWith('Running') && t.Image === specImage,
    ).length;
    const desired = s.Spec?.Mode?.Replicated?.Replicas ?? live.length;
    const u = s.UpdateStatus;
    const started = u?.StartedAt ? Date.parse(u.StartedAt.replace(/(\.\d{3})\d+/, '$1')) / 1000 : NaN;
    const ours = u?.State !== undefined && (Number.isNaN(started) || started >= sinceS - 1);
    return {
      service,
      image: withoutDigest(specImage),
      running,
      desired,
      update: ours ? (u?.State ?? 'none') : 'none',
      updateMessage: ours ? u?.Message : undefined,
      taskErrors: own
        .filter((t) => (t.Error ?? '') !== '')
        .map((t) => `${t.Name ?? '?'} (${withoutDigest(t.Image ?? '?')}): ${t.Error ?? ''}`),
    };
  });
}

/** Where a stack stands: done (converged or failed) or still moving. Pure. */
export function stackOutcome(services: readonly ServiceStatus[]): StackStatus['outcome'] | 'moving' {
  if (services.some((s) => s.update === 'paused' || s.update === 'rollback_paused')) return 'paused';
  // one service rolled back: wait for the others to settle too, so the report says where each ended
  if (services.some((s) => s.update === 'rollback_started' || s.update === 'updating')) return 'moving';
  // rolled back: done once the previous spec runs its replicas again (the previous release serves)
  if (services.some((s) => s.update === 'rollback_completed')) {
    return services.every((s) => s.running === s.desired) ? 'rolled-back' : 'moving';
  }
  const settled = services.every(
    (s) => (s.update === 'none' || s.update === 'completed') && s.running === s.desired,
  );
  return settled ? 'converged' : 'moving';
}

export class StackDeployError extends Error {
  override readonly name = 'StackDeployError';
  constructor(
    message: string,
    readonly status: StackStatus,
  ) {
    super(message);
  }
}

export interface FollowOptions {
  stack: string;
  /** The services this deploy changes (the stack file's). */
  services: readonly string[];
  sinceS: number;
  timeoutMs: number;
  intervalMs: number;
  commandTimeoutMs: number;
  signal?: AbortSignal;
  logger: SshLogger;
  host: string;
}

/**
 * Polls the stack until every service has converged (returns its status), Swarm rolled an update
 * back or paused it, or timeoutMs passed (throws a StackDeployError naming each service that did
 * not converge and its tasks' errors).
 */
export async function followStack(conn: SshConnection, o: FollowOptions): Promise<StackStatus> {
  const t0 = Date.now();
  let last = '';
  let services: ServiceStatus[] = [];
  for (;;) {
    const r = await conn.exec(readStackScript(o.stack), {
      label: `read stack ${o.stack}`,
      silent: true,
      timeoutMs: o.commandTimeoutMs,
      signal: o.signal,
    });
    const read = parseStackStatus(o.stack, r.stdout, o.sinceS);
    services = o.services.flatMap((name) => read.filter((s) => s.service === name));
    const line = services
      .map((s) => `${s.service} ${s.running}/${s.desired}${s.update === 'none' ? '' : ` ${s.update}`}`)
      .join(', ');
    if (line !== last) o.logger.info(`[${o.host}]   ${formatDuration(Date.now() - t0)}: ${line}`);
    last = line;
    const outcome = stackOutcome(services);
    const missing = o.services.filter((name) => !services.some((s) => s.service === name));
    if (outcome === 'converged' && missing.length === 0) {
      return { stack: o.stack, services, outcome };
    }
    if (outcome === 'rolled-back' || outcome === 'paused') {
      throw stackError(o.stack, services, outcome);
    }
    if (Date.now() - t0 >= o.timeoutMs) {
      throw stackError(o.stack, services, 'timed-out', o.timeoutMs);
    }
    await abortableSleep(o.intervalMs, o.signal);
  }
}

function stackError(
  stack: string,
  services: ServiceStatus[],
  outcome: StackStatus['outcome'],
  timeoutMs?: number,
): StackDeployError {
  const bad = services.filter(
    (s) => !(s.update === 'none' || s.update === 'completed') || s.running !== s.desired,
  );
  const head =
    outcome === 'rolled-back'
      ? `Swarm rolled the update of stack ${stack} back (failure_action: rollback); the previous spec runs again.`
      : outcome === 'paused'
        ? `Swarm paused the update of stack ${stack} (failure_action: pause); fix the service or run docker service rollback.`
        : `stack ${stack} did not converge within converge-timeout (${formatDuration(timeoutMs ?? 0)}); the services still updating are rolled back.`;
  const lines = bad.map((s) => {
    const errors = s.taskErrors.slice(0, 3);
    return [
      `service ${s.service}: ${s.running}/${s.desired} running, update ${s.update}${s.updateMessage ? ` (${s.updateMessage})` : ''}`,
      ...errors.map((e) => `  task ${e}`),
    ].join('\n');
  });
  return new StackDeployError([head, ...lines].join('\n'), { stack, services, outcome });
}

/** Where deploy-ssh keeps the stack file each release deployed, on the manager: `<app-dir>/.ops-actions/stacks`. */
export function stackFilesDir(appDir: string): string {
  return `${stateDir(appDir)}/stacks`;
}

/** The stack file release `releaseId` deployed. */
export function stackFilePath(appDir: string, releaseId: string): string {
  return `${stackFilesDir(appDir)}/${releaseId}.yml`;
}

/** `command` (prints the server time, then deploys the stack), then follow the services: a plan step of deploy-ssh and rollback. */
export interface StackStep {
  kind: 'stack';
  title: string;
  command: string;
  stack: string;
  services: string[];
  timeoutMs: number;
  intervalMs: number;
}

export interface StackStepContext {
  commandTimeoutMs: number;
  signal: AbortSignal | undefined;
  secrets: (string | undefined)[];
  logger: SshLogger;
  /** Logged after the deploy command: e.g. the update settings we filled in. */
  notes?: readonly string[];
}

/**
 * Runs a stack step on the manager: `docker stack deploy`, then followStack. Returns the
 * converged status; throws a StackDeployError (carrying the status) when Swarm rolled back, paused
 * or the time ran out.
 */
export async function runStackStep(
  conn: SshConnection,
  step: StackStep,
  ctx: StackStepContext,
): Promise<StackStatus> {
  const host = conn.host.label;
  const r = await conn.exec(step.command, {
    label: `docker stack deploy ${step.stack}`,
    timeoutMs: ctx.commandTimeoutMs,
    signal: ctx.signal,
    secrets: ctx.secrets,
  });
  for (const line of ctx.notes ?? []) ctx.logger.info(`[${host}]   set ${line}`);
  const sinceS = Number(r.stdout.split('\n')[0]);
  return followStack(conn, {
    stack: step.stack,
    services: step.services,
    sinceS: Number.isFinite(sinceS) ? sinceS : 0,
    timeoutMs: step.timeoutMs,
    intervalMs: step.intervalMs,
    commandTimeoutMs: ctx.commandTimeoutMs,
    signal: ctx.signal,
    logger: ctx.logger,
    host,
  });
}

/** A stack step as dry-run prints it. */
export function describeStackStep(step: StackStep): string {
  return `${step.title}\n        ${step.command}`;
}
