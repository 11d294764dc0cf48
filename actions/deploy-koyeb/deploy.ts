// The deploy-koyeb flow: read the service and its current definition, PUT the definition with the
// new image, follow the new deployment, and on failure or timeout cancel it and re-deploy the
// definition of the deployment that was active before. Returns a report; never half-reports.

import { formatDuration } from '../../lib/duration.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { isAmbiguousFailure, type KoyebClient } from '../../lib/koyeb/client.js';
import {
  applyDefinition,
  cancelIfCancellable,
  describeServiceRef,
  findServiceUrl,
  presentId,
  redeployDeployment,
  resolveService,
  waitForDeployment,
} from '../../lib/koyeb/deploy.js';
import { statusMeaning, type TimelineEntry } from '../../lib/koyeb/status.js';
import type { Deployment } from '../../lib/koyeb/types.js';
import { RetryError } from '../../lib/retry.js';
import type { DeployKoyebInputs } from './inputs.js';
import { type DefinitionPlan, planDefinition } from './plan.js';

export type DeployOutcome = 'healthy' | 'not-waited' | 'dry-run' | 'failed' | 'timeout' | 'watch-error';

export interface RollbackReport {
  /** The deployment that was active before, whose definition was deployed again. */
  fromDeploymentId: string | undefined;
  outcome: 'healthy' | 'failed' | 'timeout' | 'error' | 'skipped';
  /** The deployment the rollback created. */
  deploymentId?: string;
  status?: string;
  reason?: string;
  timeline: TimelineEntry[];
}

export interface DeployReport {
  service: { id: string; name: string | undefined; appId: string | undefined };
  plan: DefinitionPlan;
  outcome: DeployOutcome;
  deploymentId?: string;
  previousDeploymentId: string | undefined;
  /** The last status of the new deployment. */
  status?: string;
  /** Its latest messages from Koyeb (on failure). */
  messages: string[];
  timeline: TimelineEntry[];
  cancelled: boolean;
  rollback?: RollbackReport;
  serviceUrl?: string;
  /** Why following the deployment failed (outcome watch-error). */
  error?: string;
  timeoutMs: number;
}

/** A PUT failed in a way that leaves it unknown whether Koyeb applied it. */
export class MaybeAppliedError extends OperationError {
  override readonly name: string = 'MaybeAppliedError';
}

export interface DeployHooks {
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Runs one phase in a collapsible log group. */
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Called as soon as an output is known, so it is set even if a later step fails. */
  output?: (name: string, value: string) => void;
  /** Called once Koyeb created the new deployment, before waiting for it (GitHub deployment). */
  created?: (deploymentId: string, image: string) => Promise<void>;
}

export async function deployToKoyeb(
  client: KoyebClient,
  inputs: DeployKoyebInputs,
  hooks: DeployHooks,
): Promise<DeployReport> {
  const { log, warn, group } = hooks;
  const output = hooks.output ?? (() => {});
  const watchOpts = { timeoutMs: inputs.timeoutMs, pollIntervalMs: inputs.pollIntervalMs, log };

  const read = await group(`Read ${describeServiceRef(inputs.service)}`, async () => {
    const service = await resolveService(client, inputs.service);
    const activeId = presentId(service.active_deployment_id);
    const latestId = presentId(service.latest_deployment_id);
    log(
      `Service ${service.name ?? service.id} (${service.id}): ${service.status ?? 'status unknown'}; active deployment ${activeId ?? 'none'}, latest ${latestId ?? 'none'}.`,
    );
    if (!latestId) {
      throw new OperationError(
        `Service ${service.name ?? service.id} has no deployment yet, so there is no definition to update. Deploy it once from the Koyeb console or CLI.`,
      );
    }
    // Like the Koyeb CLI and console, start from the latest deployment's definition: it holds
    // the service's current configuration, including changes saved without deploying.
    const latest = await client.getDeployment(latestId);
    if (!latest.definition) throw new OperationError(`Deployment ${latestId} has no definition.`);
    if (latestId !== activeId && statusMeaning(latest.status).phase === 'pending') {
      warn(`Deployment ${latestId} is still ${latest.status}; this deploy replaces it.`);
    }
    if (!activeId) warn('The service has no active (healthy) deployment: there is nothing to roll back to.');
    const plan = planDefinition(latest.definition, inputs.image, inputs.env);
    for (const change of plan.changes) log(`Plan: ${change}`);
    return { service, activeId, latestId, plan };
  });

  const report: DeployReport = {
    service: { id: read.service.id, name: read.service.name, appId: read.service.app_id },
    plan: read.plan,
    outcome: 'dry-run',
    previousDeploymentId: read.activeId,
    messages: [],
    timeline: [],
    cancelled: false,
    timeoutMs: inputs.timeoutMs,
  };

  output('service-id', report.service.id);
  output('previous-koyeb-deployment-id', report.previousDeploymentId ?? '');

  if (inputs.dryRun) {
    await group('Validate (dry run)', async () => {
      await client.updateService(read.service.id, { definition: read.plan.definition }, { dryRun: true });
      log('Koyeb validated the new definition (dry_run=true); nothing was deployed.');
    });
    return report;
  }

  // the timeline counts from here; the timeout counts from each deployment's creation
  const deployStarted = Date.now();
  const applied = await group('Deploy', async () => {
    try {
      const result = await applyDefinition(client, {
        serviceId: read.service.id,
        definition: read.plan.definition,
        knownLatestId: read.latestId,
        log,
      });
      log(`Koyeb created deployment ${result.deploymentId} with image ${read.plan.image}.`);
      return result;
    } catch (error) {
      if (isAmbiguousFailure(error) || error instanceof RetryError) {
        throw new MaybeAppliedError(
          `${errorMessage(error)}\nThe update may or may not have been applied: check service ${read.service.name ?? read.service.id} in the Koyeb console.`,
        );
      }
      throw error;
    }
  });
  report.deploymentId = applied.deploymentId;
  output('koyeb-deployment-id', applied.deploymentId);
  await hooks.created?.(applied.deploymentId, read.plan.image);

  if (!inputs.wait) {
    const deployment = await client.getDeployment(applied.deploymentId);
    report.status = deployment.status;
    report.outcome = 'not-waited';
    log(`Not waiting (wait: false): deployment ${applied.deploymentId} is ${deployment.status}.`);
    return report;
  }

  let last: Deployment;
  try {
    const watch = await group(`Wait for deployment ${applied.deploymentId}`, () =>
      waitForDeployment(client, applied.deploymentId, { ...watchOpts, since: deployStarted }),
    );
    report.timeline = watch.timeline;
    report.status = watch.decision.status;
    report.outcome = watch.decision.kind;
    last = watch.deployment;
  } catch (error) {
    // The API stopped answering (after retries): the deployment's fate is unknown, so it is left
    // alone rather than rolled back blind.
    report.outcome = 'watch-error';
    report.error = errorMessage(error);
    return report;
  }

  if (report.outcome === 'healthy') {
    report.serviceUrl = await findServiceUrl(client, read.service.app_id, read.plan.definition, warn);
    log(
      `Deployment ${applied.deploymentId} is ${report.status}.${report.serviceUrl ? ` ${report.serviceUrl}` : ''}`,
    );
    return report;
  }

  report.messages = (last.messages ?? []).slice(-5);
  await group('Roll back', async () => {
    if (report.outcome === 'timeout') {
      warn(
        `Deployment ${applied.deploymentId} is still ${report.status} after ${formatDuration(inputs.timeoutMs)}.`,
      );
    } else {
      warn(`Deployment ${applied.deploymentId} ended ${report.status}.`);
    }
    try {
      report.cancelled = await cancelIfCancellable(client, last, log);
      if (report.cancelled) {
        const after = await client.getDeployment(applied.deploymentId);
        const status = after.status ?? 'CANCELING';
        report.timeline = [
          ...report.timeline,
          { deploymentId: applied.deploymentId, status, elapsedMs: Date.now() - deployStarted, messages: [] },
        ];
      }
    } catch (error) {
      warn(`Could not cancel deployment ${applied.deploymentId}: ${errorMessage(error)}`);
    }
    report.rollback = await rollBack(
      client,
      inputs,
      read.service.id,
      read.activeId,
      watchOpts,
      log,
      deployStarted,
    );
  });
  return report;
}

async function rollBack(
  client: KoyebClient,
  inputs: DeployKoyebInputs,
  serviceId: string,
  previousId: string | undefined,
  watchOpts: { timeoutMs: number; pollIntervalMs: number; log: (line: string) => void },
  log: (line: string) => void,
  since: number,
): Promise<RollbackReport> {
  const base = { fromDeploymentId: previousId, timeline: [] };
  if (!inputs.rollbackOnFailure)
    return { ...base, outcome: 'skipped', reason: "'rollback-on-failure' is false" };
  if (!previousId) {
    return { ...base, outcome: 'skipped', reason: 'the service had no active deployment before this deploy' };
  }
  let deploymentId: string | undefined;
  try {
    log(`Re-deploying the definition of deployment ${previousId}, which was active before.`);
    const redeployed = await redeployDeployment(client, { serviceId, deploymentId: previousId, log });
    deploymentId = redeployed.deploymentId;
    log(`Rollback deployment ${deploymentId} created.`);
    // the rollback gets a full timeout of its own; its timeline continues the deploy's
    const watch = await waitForDeployment(client, deploymentId, {
      ...watchOpts,
      label: 'rollback',
      since,
      timeoutMs: Date.now() - since + watchOpts.timeoutMs,
    });
    return {
      ...base,
      outcome: watch.decision.kind,
      deploymentId,
      status: watch.decision.status,
      timeline: watch.timeline,
    };
  } catch (error) {
    return {
      ...base,
      outcome: 'error',
      ...(deploymentId ? { deploymentId } : {}),
      reason: errorMessage(error),
    };
  }
}

/** The message that fails the step, or undefined when the deploy succeeded. */
export function failureMessage(report: DeployReport): string | undefined {
  const name = report.service.name ?? report.service.id;
  const id = report.deploymentId;
  switch (report.outcome) {
    case 'healthy':
    case 'not-waited':
    case 'dry-run':
      return undefined;
    case 'watch-error':
      return `Deployment ${id} of service ${name} was created, but following it failed: ${report.error}\nIt was neither cancelled nor rolled back; check it in the Koyeb console (the previous deployment was ${report.previousDeploymentId ?? 'none'}).`;
    default:
      break;
  }
  const what =
    report.outcome === 'timeout'
      ? `Deployment ${id} of service ${name} was still ${report.status} after the ${formatDuration(report.timeoutMs)} timeout${report.cancelled ? ' and was cancelled' : ''}.`
      : `Deployment ${id} of service ${name} ended ${report.status}${report.cancelled ? ' (cancelled)' : ''}.`;
  const said = report.messages.length ? `\nKoyeb says: ${report.messages.join(' / ')}` : '';
  return `${what}${said}\n${rollbackSentence(report.rollback)}`;
}

export function rollbackSentence(rollback: RollbackReport | undefined): string {
  if (!rollback) return 'No rollback was attempted.';
  const from = rollback.fromDeploymentId;
  switch (rollback.outcome) {
    case 'healthy':
      return `Rolled back: the definition of deployment ${from} was deployed again as deployment ${rollback.deploymentId}, which is ${rollback.status}.`;
    case 'skipped':
      return `Not rolled back: ${rollback.reason}.`;
    case 'error':
      return `The rollback to deployment ${from} failed: ${rollback.reason} — the service needs attention now.`;
    case 'timeout':
      return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) was still ${rollback.status} at the timeout — the service needs attention now.`;
    default:
      return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) ended ${rollback.status} too — the service needs attention now.`;
  }
}
