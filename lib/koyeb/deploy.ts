// Deploying on Koyeb with the REST API, for every stage that does it (deploy-koyeb, rollback):
// finding a service by id or by app + service name, sending a definition with PUT without ever
// applying it twice, following a deployment until it is healthy or failed, cancelling it, and
// re-deploying an earlier deployment's definition — Koyeb has no rollback endpoint.
import { formatDuration } from '../duration.js';
import { OperationError } from '../errors.js';
import { abortableSleep, retry } from '../retry.js';
import { isAmbiguousFailure, KoyebApiError, type KoyebClient } from './client.js';
import { newWatch, observe, statusMeaning, type TimelineEntry, type WatchDecision } from './status.js';
import type { App, Deployment, DeploymentDefinition, Service } from './types.js';

/** A service named by its id, or by its app's name and its own name. */
export type ServiceRef = { serviceId: string } | { app: string; service: string };

export function describeServiceRef(ref: ServiceRef): string {
  return 'serviceId' in ref ? `service '${ref.serviceId}'` : `service '${ref.app}/${ref.service}'`;
}

/**
 * The service, read with GET /v1/services/{id}. Names are resolved with GET /v1/apps?name= and
 * GET /v1/services?app_id=&name= (exact match: the API's `name` is only a filter).
 */
export async function resolveService(client: KoyebClient, ref: ServiceRef): Promise<Service> {
  if ('serviceId' in ref) return client.getService(ref.serviceId);
  const apps = (await client.listApps({ name: ref.app, limit: 100 })).items;
  const app = apps.find((a) => a.name === ref.app);
  if (!app) {
    const near = apps.map((a) => a.name).filter(Boolean);
    throw new OperationError(
      `Koyeb has no app named '${ref.app}' that this token can see${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the app name, or give the service id instead.`,
    );
  }
  const services = (await client.listServices({ appId: app.id, name: ref.service, limit: 100 })).items;
  const found = services.find(
    (s) => s.name === ref.service && (s.app_id === undefined || s.app_id === app.id),
  );
  if (!found) {
    const near = services.map((s) => s.name).filter(Boolean);
    throw new OperationError(
      `Koyeb app '${ref.app}' has no service named '${ref.service}'${near.length ? ` (similar: ${near.join(', ')})` : ''}. Check the service name, or give the service id instead.`,
    );
  }
  return client.getService(found.id);
}

/** An id the API returns, or undefined for a missing or empty one (proto3 JSON may send ''). */
export function presentId(id: string | undefined): string | undefined {
  return id ? id : undefined;
}

export interface AppliedDefinition {
  /** The deployment the update created (`latest_deployment_id` of the reply). */
  deploymentId: string;
  service: Service;
  /** The PUT failed without telling whether it was applied, and reading the service showed it was. */
  reconciled: boolean;
}

/**
 * Sends `definition` with PUT /v1/services/{id}, which creates a deployment. A failure that leaves
 * it unknown whether the update was applied (a 5xx, a lost connection) is never blindly repeated:
 * the service is read first, and if its latest deployment is new and carries our image, that is
 * the deployment; if nothing changed, the PUT is sent again.
 */
export async function applyDefinition(
  client: KoyebClient,
  opts: {
    serviceId: string;
    definition: DeploymentDefinition;
    /** The service's `latest_deployment_id` before the update. */
    knownLatestId: string | undefined;
    log?: (line: string) => void;
    /** Retries after an ambiguous failure (default 2). */
    attempts?: number;
    /** First delay before checking the service after an ambiguous failure, in ms (default 2000). */
    retryDelayMs?: number;
  },
): Promise<AppliedDefinition> {
  const { serviceId, definition } = opts;
  return retry(
    async (attempt) => {
      if (attempt > 1) {
        const now = await client.getService(serviceId);
        const latest = presentId(now.latest_deployment_id);
        if (latest && latest !== opts.knownLatestId) {
          const created = await client.getDeployment(latest);
          if (created.definition?.docker?.image === definition.docker?.image) {
            opts.log?.(`The update was applied after all: deployment ${latest} carries the new definition.`);
            return { deploymentId: latest, service: now, reconciled: true };
          }
          throw new OperationError(
            `Service ${serviceId} got another new deployment (${latest}) while this update was in doubt; not sending it again. Check the service in the Koyeb console.`,
          );
        }
      }
      const service = await client.updateService(serviceId, { definition });
      const deploymentId = presentId(service.latest_deployment_id);
      if (!deploymentId || deploymentId === opts.knownLatestId) {
        throw new OperationError(
          `Koyeb accepted the update of service ${serviceId} but reported no new deployment (latest_deployment_id: '${deploymentId ?? ''}').`,
        );
      }
      return { deploymentId, service, reconciled: false };
    },
    {
      deadlineMs: 300_000,
      maxAttempts: (opts.attempts ?? 2) + 1,
      initialDelayMs: opts.retryDelayMs ?? 2000,
      isRetryable: isAmbiguousFailure,
      onRetry: ({ error, delayMs }) =>
        opts.log?.(
          `${error instanceof Error ? error.message : String(error)} — it may or may not have been applied; checking the service in ${formatDuration(delayMs)}.`,
        ),
    },
  );
}

export interface WatchOptions {
  /** Stop waiting after this many ms (the deployment is left as it is). */
  timeoutMs: number;
  /** Between polls, in ms. */
  pollIntervalMs: number;
  /** Each status change and new message, e.g. to core.info. */
  log?: (line: string) => void;
  /** For the log: what is being watched ("deployment", "rollback"). */
  label?: string;
  /** Elapsed times (and the timeout) count from this time, as `now()` gives it (default: the call). */
  since?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WatchResult {
  decision: Exclude<WatchDecision, { kind: 'wait' }>;
  /** The deployment as last read. */
  deployment: Deployment;
  timeline: TimelineEntry[];
  elapsedMs: number;
}

/**
 * Follows a deployment with GET /v1/deployments/{id} until it is healthy, failed, or the timeout
 * passes, logging each status change with the elapsed time and Koyeb's messages.
 */
export async function waitForDeployment(
  client: KoyebClient,
  deploymentId: string,
  opts: WatchOptions,
): Promise<WatchResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => abortableSleep(ms));
  const started = opts.since ?? now();
  let state = newWatch(deploymentId);
  for (;;) {
    const deployment = await client.getDeployment(deploymentId);
    const elapsedMs = now() - started;
    const step = observe(
      state,
      { status: deployment.status, messages: deployment.messages ?? [], elapsedMs },
      opts.timeoutMs,
    );
    state = step.state;
    if (step.entry && opts.log) {
      const unknown = statusMeaning(step.entry.status).unknown
        ? ' (a status this action does not know: still waiting)'
        : '';
      opts.log(
        `[+${formatDuration(elapsedMs)}] ${opts.label ?? 'deployment'} ${deploymentId}: ${step.entry.status}${unknown}`,
      );
      for (const m of step.entry.messages) opts.log(`    ${m}`);
    }
    if (step.decision.kind !== 'wait') {
      return { decision: step.decision, deployment, timeline: state.timeline, elapsedMs };
    }
    const remaining = opts.timeoutMs - elapsedMs;
    await sleep(Math.max(0, Math.min(opts.pollIntervalMs, remaining)));
  }
}

/**
 * Cancels a deployment with POST /v1/deployments/{id}/cancel when its status allows it (pending,
 * provisioning, scheduled). Returns whether it was cancelled; a refusal because it moved on in
 * the meantime is not an error.
 */
export async function cancelIfCancellable(
  client: KoyebClient,
  deployment: Pick<Deployment, 'id' | 'status'>,
  log?: (line: string) => void,
): Promise<boolean> {
  if (!statusMeaning(deployment.status).cancellable) return false;
  try {
    await client.cancelDeployment(deployment.id);
    log?.(`Cancelled deployment ${deployment.id} (it was ${deployment.status}).`);
    return true;
  } catch (error) {
    if (error instanceof KoyebApiError && (error.status === 400 || error.status === 409)) {
      log?.(`Deployment ${deployment.id} could no longer be cancelled: ${error.apiMessage ?? error.message}`);
      return false;
    }
    throw error;
  }
}

export interface Redeployed extends AppliedDefinition {
  /** The deployment whose definition was sent again. */
  source: Deployment;
}

/**
 * Re-deploys the definition of an earlier deployment of the service: reads it with
 * GET /v1/deployments/{id}, checks it belongs to the service, and sends its `definition` with
 * PUT /v1/services/{id} — as it is, or with `docker.image` set to `image` (a verified
 * `repository@sha256:…`, so that a tag that moved since cannot be pulled). This is how a Koyeb
 * service is rolled back.
 */
export async function redeployDeployment(
  client: KoyebClient,
  opts: { serviceId: string; deploymentId: string; image?: string; log?: (line: string) => void },
): Promise<Redeployed> {
  const source = await client.getDeployment(opts.deploymentId);
  if (source.service_id && source.service_id !== opts.serviceId) {
    throw new OperationError(
      `Deployment ${opts.deploymentId} belongs to service ${source.service_id}, not to ${opts.serviceId}: refusing to deploy its definition.`,
    );
  }
  if (!source.definition) {
    throw new OperationError(`Deployment ${opts.deploymentId} has no definition to deploy again.`);
  }
  if (opts.image !== undefined && !source.definition.docker) {
    throw new OperationError(
      `Deployment ${opts.deploymentId} does not deploy a Docker image: it cannot be pinned to ${opts.image}.`,
    );
  }
  const definition =
    opts.image === undefined
      ? source.definition
      : { ...source.definition, docker: { ...source.definition.docker, image: opts.image } };
  const current = await client.getService(opts.serviceId);
  const applied = await applyDefinition(client, {
    serviceId: opts.serviceId,
    definition,
    knownLatestId: presentId(current.latest_deployment_id),
    ...(opts.log ? { log: opts.log } : {}),
  });
  return { ...applied, source };
}

/**
 * The public URL of a web service: its app's custom domain (the first ACTIVE one) or else its
 * auto-assigned `<app>-<org>.koyeb.app` domain, plus the first route's path. Undefined when the
 * service has no routes (a worker) or the app has no domain.
 */
export function serviceUrl(
  app: Pick<App, 'domains'>,
  definition: DeploymentDefinition | undefined,
): string | undefined {
  const routes = definition?.routes ?? [];
  if (routes.length === 0) return undefined;
  const domains = (app.domains ?? []).filter((d) => d.name);
  const domain =
    domains.find((d) => d.type === 'CUSTOM' && d.status === 'ACTIVE') ??
    domains.find((d) => d.type === undefined || d.type === 'AUTOASSIGNED');
  if (!domain?.name) return undefined;
  const path = routes[0]?.path ?? '/';
  return `https://${domain.name}${path === '/' ? '' : path.startsWith('/') ? path : `/${path}`}`;
}

/** serviceUrl, reading the app with GET /v1/apps/{id}; undefined (never an error) when unknown. */
export async function findServiceUrl(
  client: KoyebClient,
  appId: string | undefined,
  definition: DeploymentDefinition | undefined,
  log?: (line: string) => void,
): Promise<string | undefined> {
  if (!appId || !definition?.routes?.length) return undefined;
  try {
    return serviceUrl(await client.getApp(appId), definition);
  } catch (error) {
    log?.(
      `Could not read the app's domains for the service URL: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
