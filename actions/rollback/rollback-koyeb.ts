// target: koyeb — re-deploys an earlier deployment's definition through the Koyeb API (Koyeb has
// no rollback endpoint; lib/koyeb/deploy redeployDeployment) and waits until it is healthy. Until
// then Koyeb keeps the active deployment serving, so a rollback that fails leaves the service as it was.
import { formatDuration } from '../../lib/duration.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { KoyebClient } from '../../lib/koyeb/client.js';
import {
  cancelIfCancellable,
  describeServiceRef,
  presentId,
  redeployDeployment,
  resolveService,
  waitForDeployment,
} from '../../lib/koyeb/deploy.js';
import type { TimelineEntry } from '../../lib/koyeb/status.js';
import type { Deployment } from '../../lib/koyeb/types.js';
import { NoRollbackTargetError } from './choose.js';
import { chooseKoyebTarget, imageOf, type KoyebChoice } from './choose-koyeb.js';
import type { KoyebRollbackConfig, ToSpec } from './inputs.js';
import type { Inputs } from '../../lib/inputs.js';
import { readKoyebServiceInputs } from '../../lib/koyeb/inputs.js';

/** The inputs of target koyeb: the same names and checks as deploy-koyeb (lib/koyeb/inputs). */
export function readKoyebRollbackInputs(inputs: Inputs): KoyebRollbackConfig {
  return {
    ...readKoyebServiceInputs(inputs),
    timeoutMs: inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 }),
    pollIntervalMs: inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 }),
  };
}

export interface KoyebRollbackResult {
  serviceId: string;
  serviceName: string;
  choice: KoyebChoice;
  /** The deployment the rollback created (undefined: dry run, nothing to do, or it was refused). */
  deploymentId: string | undefined;
  /** Its status when the wait ended. */
  status: string | undefined;
  outcome: 'healthy' | 'failed' | 'timeout' | 'unchanged' | 'dry-run' | 'error';
  timeline: TimelineEntry[];
  error: string | undefined;
  durationMs: number;
}

export interface KoyebRollbackOptions {
  to: ToSpec;
  /** Roll back only when the active deployment is this one (id or image): the `from` input. */
  onlyFrom?: string | undefined;
  dryRun: boolean;
  log: (line: string) => void;
  warn: (line: string) => void;
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /**
   * Called once the target is known, before anything is sent (GitHub: in_progress). May return the
   * image to deploy in place of the target's (verify-provenance: the digest it verified).
   */
  onDecided?: (choice: KoyebChoice) => Promise<string | undefined>;
}

/** The service's deployments, newest first, at most `max` (GET /v1/deployments?service_id=, paged). */
async function listAll(client: KoyebClient, serviceId: string, max = 300): Promise<Deployment[]> {
  const all: Deployment[] = [];
  for (let offset = 0; all.length < max;) {
    const page = await client.listDeployments({ serviceId, limit: 100, offset });
    all.push(...page.items);
    if (!page.hasNext || page.items.length === 0) break;
    offset += page.items.length;
  }
  return all;
}

export async function rollbackKoyeb(
  client: KoyebClient,
  cfg: KoyebRollbackConfig,
  opts: KoyebRollbackOptions,
): Promise<KoyebRollbackResult> {
  const started = Date.now();
  const { service, deployments } = await opts.group('Read the service and its deployments', async () => {
    const s = await resolveService(client, cfg.service);
    const list = await listAll(client, s.id);
    opts.log(
      `${describeServiceRef(cfg.service)}: ${list.length} deployment(s); active: ${s.active_deployment_id || 'none'}`,
    );
    return { service: s, deployments: list };
  });
  const activeId = presentId(service.active_deployment_id);
  if (!activeId) {
    throw new NoRollbackTargetError(
      `${describeServiceRef(cfg.service)} has no active deployment: nothing runs, so there is nothing to roll back from.`,
    );
  }
  if (!deployments.some((d) => d.id === activeId)) deployments.push(await client.getDeployment(activeId));
  const active = deployments.find((d) => d.id === activeId) as Deployment;
  if (opts.onlyFrom !== undefined && activeId !== opts.onlyFrom && imageOf(active) !== opts.onlyFrom) {
    opts.log(
      `The active deployment is ${activeId} (${imageOf(active) ?? '?'}), not ${opts.onlyFrom} ('from'): nothing to roll back.`,
    );
    return {
      serviceId: service.id,
      serviceName: service.name ?? service.id,
      choice: { active, target: active, noop: true, notes: [] },
      deploymentId: undefined,
      status: undefined,
      outcome: 'unchanged',
      timeline: [],
      error: undefined,
      durationMs: Date.now() - started,
    };
  }
  const choice = chooseKoyebTarget(deployments, activeId, opts.to);
  for (const note of choice.notes) opts.warn(note);
  const base = {
    serviceId: service.id,
    serviceName: service.name ?? service.id,
    choice,
    deploymentId: undefined,
    status: undefined,
    timeline: [],
    error: undefined,
  };
  const what = `${choice.active.id} (${imageOf(choice.active) ?? '?'}) → the definition of ${choice.target.id} (${imageOf(choice.target) ?? '?'})`;
  if (choice.noop) {
    opts.log(`The service already runs the definition of ${choice.target.id}: nothing to do.`);
    return { ...base, outcome: 'unchanged', durationMs: Date.now() - started };
  }
  if (opts.dryRun) {
    opts.log(
      `dry-run: would roll back ${what}: PUT /v1/services/${service.id} with that definition, then wait up to ${formatDuration(cfg.timeoutMs)} for it to be HEALTHY.`,
    );
    return { ...base, outcome: 'dry-run', durationMs: Date.now() - started };
  }
  const pinned = await opts.onDecided?.(choice);
  const image = pinned !== undefined && pinned !== imageOf(choice.target) ? pinned : undefined;
  opts.log(`Rolling back ${what}${image ? `, its image pinned to ${image}` : ''}.`);
  const redeployed = await redeployDeployment(client, {
    serviceId: service.id,
    deploymentId: choice.target.id,
    ...(image ? { image } : {}),
    log: opts.log,
  });
  const deploymentId = redeployed.deploymentId;
  try {
    const watch = await opts.group(`Wait for deployment ${deploymentId}`, () =>
      waitForDeployment(client, deploymentId, {
        timeoutMs: cfg.timeoutMs,
        pollIntervalMs: cfg.pollIntervalMs,
        log: opts.log,
        label: 'rollback',
        since: started,
      }),
    );
    const result: KoyebRollbackResult = {
      ...base,
      deploymentId,
      status: watch.decision.status,
      outcome: watch.decision.kind,
      timeline: watch.timeline,
      durationMs: Date.now() - started,
    };
    if (watch.decision.kind === 'timeout')
      await cancelIfCancellable(client, watch.deployment, opts.log).catch(() => false);
    if (watch.decision.kind !== 'healthy') {
      const messages = (watch.deployment.messages ?? []).slice(-3).join(' ');
      result.error =
        `The rollback deployment ${deploymentId} ${watch.decision.kind === 'timeout' ? `was still ${watch.decision.status} after ${formatDuration(cfg.timeoutMs)}` : `ended ${watch.decision.status}`}` +
        `${messages ? ` (${messages})` : ''}. Koyeb keeps the active deployment ${choice.active.id} serving: the service is as it was.`;
    }
    return result;
  } catch (error) {
    return {
      ...base,
      deploymentId,
      outcome: 'error',
      error: `Deployment ${deploymentId} was created, but following it failed: ${errorMessage(error)}. Check it in the Koyeb console.`,
      durationMs: Date.now() - started,
    };
  }
}

/** The client for the rollback's API calls; the token is only ever sent in the Authorization header. */
export function koyebClient(cfg: KoyebRollbackConfig): KoyebClient {
  return new KoyebClient({
    token: cfg.token,
    apiUrl: cfg.apiUrl,
    tokenHint:
      "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
  });
}

/** The error main throws for a Koyeb rollback that did not end healthy. */
export function koyebRollbackError(result: KoyebRollbackResult): OperationError | undefined {
  return result.error ? new OperationError(result.error) : undefined;
}
