// What a Koyeb deployment status means for someone waiting on it: still on its way, healthy, or
// failed — and whether it can still be cancelled. Pure; the statuses are `Deployment.Status` of
// Koyeb's spec (see ./types.ts).
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from './types.js';

export type DeploymentPhase = 'pending' | 'healthy' | 'failed';

export interface StatusMeaning {
  phase: DeploymentPhase;
  /** POST /v1/deployments/{id}/cancel is allowed (the spec: pending, provisioning, scheduled). */
  cancellable: boolean;
  /** A status the spec does not list (a newer API): treated as still pending. */
  unknown: boolean;
}

const PENDING: ReadonlySet<string> = new Set<DeploymentStatus>([
  'PENDING',
  'PROVISIONING',
  'SCHEDULED',
  'ALLOCATING',
  'STARTING',
]);

// HEALTHY is success. SLEEPING is a healthy deployment scaled to zero (scale-to-zero services
// sleep once idle), so it counts as success too.
const HEALTHY: ReadonlySet<string> = new Set<DeploymentStatus>(['HEALTHY', 'SLEEPING']);

// Everything else cannot become healthy any more: ERROR/ERRORING (failed to build or start),
// DEGRADED/UNHEALTHY (health checks failing), CANCELING/CANCELED, STOPPING/STOPPED (replaced
// or stopped), STASHED (saved without being deployed).
const FAILED: ReadonlySet<string> = new Set<DeploymentStatus>([
  'CANCELING',
  'CANCELED',
  'DEGRADED',
  'UNHEALTHY',
  'STOPPING',
  'STOPPED',
  'ERRORING',
  'ERROR',
  'STASHED',
]);

const CANCELLABLE: ReadonlySet<string> = new Set<DeploymentStatus>(['PENDING', 'PROVISIONING', 'SCHEDULED']);

export function isDeploymentStatus(value: string): value is DeploymentStatus {
  return (DEPLOYMENT_STATUSES as readonly string[]).includes(value);
}

export function statusMeaning(status: string | undefined): StatusMeaning {
  const s = (status ?? 'PENDING').toUpperCase();
  const cancellable = CANCELLABLE.has(s);
  if (HEALTHY.has(s)) return { phase: 'healthy', cancellable, unknown: false };
  if (FAILED.has(s)) return { phase: 'failed', cancellable, unknown: false };
  return { phase: 'pending', cancellable, unknown: !PENDING.has(s) };
}

/** One status change of a watched deployment. */
export interface TimelineEntry {
  deploymentId: string;
  status: string;
  /** Since the watch started, in ms. */
  elapsedMs: number;
  /** Messages Koyeb added to the deployment since the previous entry. */
  messages: string[];
}

/** What to do after one poll. */
export type WatchDecision =
  | { kind: 'wait' }
  | { kind: 'healthy'; status: string }
  | { kind: 'failed'; status: string }
  | { kind: 'timeout'; status: string };

export interface WatchState {
  deploymentId: string;
  timeline: TimelineEntry[];
  lastStatus: string | undefined;
  /** How many of the deployment's messages were already reported. */
  messagesSeen: number;
}

export function newWatch(deploymentId: string): WatchState {
  return { deploymentId, timeline: [], lastStatus: undefined, messagesSeen: 0 };
}

/**
 * Folds one observation into the watch: a changed status or new messages add a timeline entry
 * (returned, for logging), then decides: healthy and failed end the watch; a pending status
 * past the timeout is a timeout; otherwise wait for the next poll.
 */
export function observe(
  state: WatchState,
  observation: { status: string | undefined; messages?: readonly string[]; elapsedMs: number },
  timeoutMs: number,
): { state: WatchState; entry: TimelineEntry | undefined; decision: WatchDecision } {
  const status = (observation.status ?? 'PENDING').toUpperCase();
  const messages = observation.messages ?? [];
  // The API returns the deployment's messages so far; report only those not reported yet.
  const fresh = messages.length >= state.messagesSeen ? messages.slice(state.messagesSeen) : [...messages];
  let entry: TimelineEntry | undefined;
  if (status !== state.lastStatus || fresh.length > 0) {
    entry = { deploymentId: state.deploymentId, status, elapsedMs: observation.elapsedMs, messages: fresh };
  }
  const next: WatchState = {
    deploymentId: state.deploymentId,
    timeline: entry ? [...state.timeline, entry] : state.timeline,
    lastStatus: status,
    messagesSeen: messages.length,
  };
  const { phase } = statusMeaning(status);
  let decision: WatchDecision;
  if (phase === 'healthy') decision = { kind: 'healthy', status };
  else if (phase === 'failed') decision = { kind: 'failed', status };
  else if (observation.elapsedMs >= timeoutMs) decision = { kind: 'timeout', status };
  else decision = { kind: 'wait' };
  return { state: next, entry, decision };
}
