// A small client for the Koyeb REST API (https://app.koyeb.com, `Authorization: Bearer <token>`),
// on the global fetch of Node 20+. Endpoints, bodies and error shapes follow Koyeb's published
// spec, koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json`. Every request has its own timeout;
// transient failures (429 honouring Retry-After, 5xx, network errors) are retried with backoff;
// 401/403/404 and validation errors fail at once. The token is never part of a message.
import * as core from '@actions/core';
import { z } from 'zod';
import { formatDuration } from '../duration.js';
import { OperationError } from '../errors.js';
import { abortableSleep, RetryError, retry } from '../retry.js';
import { redact } from '../secrets.js';
import {
  type App,
  DEFAULT_KOYEB_API_URL,
  type Deployment,
  type Page,
  type Service,
  type UpdateService,
} from './types.js';

export { DEFAULT_KOYEB_API_URL } from './types.js';

export interface KoyebClientOptions {
  /** A Koyeb API token (organisation or personal). */
  token: string;
  /** Default https://app.koyeb.com. */
  apiUrl?: string;
  /** Timeout of one HTTP request, in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Give up retrying one call after this many ms (default 120 000). */
  retryDeadlineMs?: number;
  /** At most this many attempts per call (default 6). */
  maxAttempts?: number;
  /** First delay between attempts in ms (default 1000, then doubling up to 15 s). */
  initialDelayMs?: number;
  /** The longest Retry-After honoured, in ms (default 60 000). */
  maxRetryAfterMs?: number;
  /** Appended to 401/403 messages: where the token comes from, e.g. "Check the 'api-token' input." */
  tokenHint?: string;
  /** Where retry notices go (default core.info). */
  log?: (line: string) => void;
  /** Injected for tests. */
  fetch?: typeof fetch;
}

/** One `ErrorField` of a 400 `ErrorWithFields` reply. */
export interface KoyebErrorField {
  field: string;
  description: string;
}

/** A request that did not get a successful reply: an HTTP error or a network failure. */
export abstract class KoyebRequestError extends OperationError {
  /** How many attempts were made (more than one when retries were exhausted). */
  attempts = 1;
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message, { method, path });
  }
}

/**
 * An HTTP error reply, parsed from Koyeb's `Error` / `ErrorWithFields` body
 * (`{status, code, message, fields?}`) or the gateway's `google.rpc.Status` (`{code, message}`).
 */
export class KoyebApiError extends KoyebRequestError {
  override readonly name: string = 'KoyebApiError';
  constructor(
    message: string,
    method: string,
    path: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly apiMessage: string | undefined,
    readonly fields: readonly KoyebErrorField[],
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, method, path);
  }
}

/** No HTTP reply at all: connection refused, DNS failure, reset, or the request timed out. */
export class KoyebNetworkError extends KoyebRequestError {
  override readonly name: string = 'KoyebNetworkError';
  constructor(
    message: string,
    method: string,
    path: string,
    /** True when the request certainly never reached the server (refused, DNS, unreachable). */
    readonly notSent: boolean,
    readonly timedOut: boolean,
  ) {
    super(message, method, path);
  }
}

/** Whether a failed call may be tried again. Calls that change state are retried only when the
 * failure proves nothing was applied (429, 503, a connection never made). */
export function isRetryableKoyebError(error: unknown, idempotent: boolean): boolean {
  if (error instanceof KoyebApiError) {
    if (error.status === 429 || error.status === 503) return true;
    return idempotent && error.status >= 500;
  }
  if (error instanceof KoyebNetworkError) return idempotent || error.notSent;
  return false;
}

/** Whether a failed state-changing call may or may not have been applied by the server. */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof KoyebApiError) return error.status >= 500 && error.status !== 503;
  if (error instanceof KoyebNetworkError) return !error.notSent;
  return false;
}

/** `Retry-After` in seconds or as an HTTP date → ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const t = value.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const date = Date.parse(t);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const errorBody = z.looseObject({
  status: z.number().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  fields: z
    .array(z.looseObject({ field: z.string().optional(), description: z.string().optional() }))
    .optional(),
});

/** Reads an error reply; a body that is not Koyeb's JSON error is summarised, never dumped. */
export function parseErrorBody(text: string): {
  code?: string;
  message?: string;
  fields: KoyebErrorField[];
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return snippet ? { message: snippet, fields: [] } : { fields: [] };
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return { fields: [] };
  const { code, message, fields } = parsed.data;
  return {
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
    ...(message ? { message } : {}),
    fields: (fields ?? []).map((f) => ({ field: f.field ?? '', description: f.description ?? '' })),
  };
}

// Replies are checked for the fields this code relies on; everything else passes through.
const int64 = z.union([z.number(), z.string()]).transform((v) => Number(v));
const serviceSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  app_id: z.string().optional(),
  status: z.string().optional(),
  active_deployment_id: z.string().optional(),
  latest_deployment_id: z.string().optional(),
});
const definitionSchema = z.looseObject({
  docker: z.looseObject({ image: z.string().optional() }).optional(),
  env: z.array(z.looseObject({ key: z.string().optional() })).optional(),
  routes: z.array(z.looseObject({ path: z.string().optional() })).optional(),
});
const deploymentSchema = z.looseObject({
  id: z.string().min(1),
  service_id: z.string().optional(),
  status: z.string().optional(),
  definition: definitionSchema.optional(),
  messages: z.array(z.string()).optional(),
});
const appSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  domains: z.array(z.looseObject({ name: z.string().optional(), type: z.string().optional() })).optional(),
});
const paging = {
  limit: int64.optional(),
  offset: int64.optional(),
  count: int64.optional(),
  has_next: z.boolean().optional(),
};

export interface ListOptions {
  limit?: number;
  offset?: number;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  query?: Query;
  body?: unknown;
  schema: S;
  /** What the path names, for 404 messages: "service 'abc'". */
  what: string;
}

export class KoyebClient {
  readonly apiUrl: string;
  private readonly token: string;
  private readonly opts: KoyebClientOptions;
  private readonly log: (line: string) => void;
  private readonly doFetch: typeof fetch;

  constructor(opts: KoyebClientOptions) {
    if (!opts.token) throw new Error('KoyebClient: a token is required');
    this.opts = opts;
    this.token = opts.token;
    this.apiUrl = (opts.apiUrl ?? DEFAULT_KOYEB_API_URL).replace(/\/+$/, '');
    this.log = opts.log ?? ((line) => core.info(line));
    this.doFetch = opts.fetch ?? fetch;
  }

  /** GET /v1/services/{id} → `service`. */
  async getService(id: string): Promise<Service> {
    const reply = await this.request({
      method: 'GET',
      path: `/v1/services/${encodeURIComponent(id)}`,
      schema: z.looseObject({ service: serviceSchema }),
      what: `service '${id}'`,
    });
    return reply.service as Service;
  }

  /** GET /v1/services?app_id=&name=&limit=&offset= → `services` (the `name` filter is the API's). */
  async listServices(filter: { appId?: string; name?: string } & ListOptions = {}): Promise<Page<Service>> {
    const reply = await this.request({
      method: 'GET',
      path: '/v1/services',
      query: { app_id: filter.appId, name: filter.name, limit: filter.limit, offset: filter.offset },
      schema: z.looseObject({ services: z.array(serviceSchema).optional(), ...paging }),
      what: 'services',
    });
    return page(reply.services ?? [], reply) as Page<Service>;
  }

  /** GET /v1/apps/{id} → `app` (with its `domains`). */
  async getApp(id: string): Promise<App> {
    const reply = await this.request({
      method: 'GET',
      path: `/v1/apps/${encodeURIComponent(id)}`,
      schema: z.looseObject({ app: appSchema }),
      what: `app '${id}'`,
    });
    return reply.app as App;
  }

  /** GET /v1/apps?name=&limit=&offset= → `apps`. */
  async listApps(filter: { name?: string } & ListOptions = {}): Promise<Page<App>> {
    const reply = await this.request({
      method: 'GET',
      path: '/v1/apps',
      query: { name: filter.name, limit: filter.limit, offset: filter.offset },
      schema: z.looseObject({ apps: z.array(appSchema).optional(), ...paging }),
      what: 'apps',
    });
    return page(reply.apps ?? [], reply) as Page<App>;
  }

  /**
   * PUT /v1/services/{id} with an `UpdateService` body → the updated `service`, whose
   * `latest_deployment_id` is the deployment this update created. `dryRun` only validates.
   * Not retried when the failure leaves it unknown whether the update was applied.
   */
  async updateService(id: string, body: UpdateService, opts: { dryRun?: boolean } = {}): Promise<Service> {
    const reply = await this.request({
      method: 'PUT',
      path: `/v1/services/${encodeURIComponent(id)}`,
      query: { dry_run: opts.dryRun ? true : undefined },
      body,
      schema: z.looseObject({ service: serviceSchema.optional() }),
      what: `service '${id}'`,
    });
    if (!reply.service) {
      if (opts.dryRun) return { id };
      throw new OperationError(`Koyeb API PUT /v1/services/${id}: the reply has no 'service'.`);
    }
    return reply.service as Service;
  }

  /** GET /v1/deployments/{id} → `deployment` with `status`, `definition`, `messages`. */
  async getDeployment(id: string): Promise<Deployment> {
    const reply = await this.request({
      method: 'GET',
      path: `/v1/deployments/${encodeURIComponent(id)}`,
      schema: z.looseObject({ deployment: deploymentSchema }),
      what: `deployment '${id}'`,
    });
    return reply.deployment as Deployment;
  }

  /** GET /v1/deployments?service_id=&limit=&offset=&statuses= → `deployments`, newest first. */
  async listDeployments(
    filter: { serviceId?: string; appId?: string; statuses?: readonly string[] } & ListOptions = {},
  ): Promise<Page<Deployment>> {
    const reply = await this.request({
      method: 'GET',
      path: '/v1/deployments',
      query: {
        service_id: filter.serviceId,
        app_id: filter.appId,
        statuses: filter.statuses,
        limit: filter.limit,
        offset: filter.offset,
      },
      schema: z.looseObject({ deployments: z.array(deploymentSchema).optional(), ...paging }),
      what: 'deployments',
    });
    return page(reply.deployments ?? [], reply) as Page<Deployment>;
  }

  /** POST /v1/deployments/{id}/cancel — allowed while PENDING, PROVISIONING or SCHEDULED. */
  async cancelDeployment(id: string): Promise<void> {
    await this.request({
      method: 'POST',
      path: `/v1/deployments/${encodeURIComponent(id)}/cancel`,
      body: {},
      schema: z.unknown(),
      what: `deployment '${id}'`,
    });
  }

  private async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const url = this.url(spec.path, spec.query);
    const idempotent = spec.method === 'GET';
    const maxAttempts = this.opts.maxAttempts ?? 6;
    const maxRetryAfter = this.opts.maxRetryAfterMs ?? 60_000;
    let retryAfterMs = 0;
    try {
      return await retry(() => this.once(spec, url), {
        deadlineMs: this.opts.retryDeadlineMs ?? 120_000,
        maxAttempts,
        initialDelayMs: this.opts.initialDelayMs ?? 1000,
        maxDelayMs: 15_000,
        isRetryable: (error) => isRetryableKoyebError(error, idempotent),
        onRetry: ({ attempt, error, delayMs }) => {
          retryAfterMs = error instanceof KoyebApiError ? (error.retryAfterMs ?? 0) : 0;
          const wait = Math.min(Math.max(delayMs, retryAfterMs), maxRetryAfter);
          const why = retryAfterMs > 0 ? ` (Retry-After: ${formatDuration(retryAfterMs)})` : '';
          this.log(
            `Koyeb API ${spec.method} ${spec.path}: ${this.safe(errorText(error))}; retrying in ${formatDuration(wait)}${why} (attempt ${attempt + 1} of ${maxAttempts}).`,
          );
        },
        sleep: (ms) => abortableSleep(Math.min(Math.max(ms, retryAfterMs), maxRetryAfter)),
      });
    } catch (error) {
      if (error instanceof RetryError && error.lastError instanceof KoyebRequestError) {
        const last = error.lastError;
        last.attempts = error.attempts;
        last.message = `${last.message} (gave up after ${error.attempts} attempts in ${formatDuration(error.elapsedMs)})`;
        throw last;
      }
      throw error;
    }
  }

  private async once<S extends z.ZodType>(spec: RequestSpec<S>, url: string): Promise<z.output<S>> {
    const { method, path } = spec;
    const timeoutMs = this.opts.requestTimeoutMs ?? 30_000;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await this.doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          'user-agent': 'ops-actions (+https://github.com/features/actions)',
          ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (error) {
      throw this.networkError(method, path, error, timeoutMs);
    }
    if (status < 200 || status > 299) throw this.apiError(spec, status, text, retryAfter);
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new OperationError(`Koyeb API ${method} ${path}: the reply (HTTP ${status}) is not JSON.`);
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
      throw new OperationError(`Koyeb API ${method} ${path}: unexpected reply (${where}).`);
    }
    return parsed.data;
  }

  private apiError(
    spec: RequestSpec<z.ZodType>,
    status: number,
    text: string,
    retryAfter: string | null,
  ): KoyebApiError {
    const { method, path } = spec;
    const body = parseErrorBody(text);
    const detail = [body.code, body.message].filter(Boolean).join(': ');
    const fields = body.fields
      .map((f) => `\n  - ${f.field || '(request)'}: ${f.description || 'invalid'}`)
      .join('');
    const hint = this.opts.tokenHint ? ` ${this.opts.tokenHint}` : '';
    let lead: string;
    if (status === 401)
      lead = `Koyeb rejected the API token (HTTP 401): it is missing, invalid or revoked.${hint}`;
    else if (status === 403)
      lead = `The API token may not access ${spec.what} (HTTP 403): it belongs to another organization or lacks the permission.${hint}`;
    else if (status === 404) lead = `Koyeb has no ${spec.what} (HTTP 404).`;
    else if (status === 400) lead = `Koyeb refused the request as invalid (HTTP 400).`;
    else if (status === 429) lead = `Koyeb is rate limiting this token (HTTP 429).`;
    else lead = `HTTP ${status}.`;
    const message = `Koyeb API ${method} ${path}: ${lead}${detail ? ` Koyeb says: ${detail}.` : ''}${fields}`;
    return new KoyebApiError(
      this.safe(message),
      method,
      path,
      status,
      body.code,
      body.message === undefined ? undefined : this.safe(body.message),
      body.fields.map((f) => ({ field: f.field, description: this.safe(f.description) })),
      parseRetryAfter(retryAfter),
    );
  }

  private networkError(method: string, path: string, error: unknown, timeoutMs: number): KoyebNetworkError {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new KoyebNetworkError(
        `Koyeb API ${method} ${path}: no reply within ${formatDuration(timeoutMs)}.`,
        method,
        path,
        false,
        true,
      );
    }
    const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
    const code =
      cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
    const what =
      cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    const notSent =
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code);
    return new KoyebNetworkError(
      this.safe(`Koyeb API ${method} ${path}: could not reach ${this.apiUrl}: ${what}`),
      method,
      path,
      notSent,
      false,
    );
  }

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) params.append(k, item);
      else params.append(k, String(v));
    }
    const qs = params.toString();
    return `${this.apiUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /** Belt and braces: nothing built from a reply may carry the token. */
  private safe(text: string): string {
    return redact(text, [this.token]);
  }
}

function page<T>(
  items: T[],
  reply: {
    limit?: number | undefined;
    offset?: number | undefined;
    count?: number | undefined;
    has_next?: boolean | undefined;
  },
): Page<T> {
  return {
    items,
    limit: reply.limit ?? items.length,
    offset: reply.offset ?? 0,
    count: reply.count ?? items.length,
    hasNext: reply.has_next ?? false,
  };
}

function errorText(error: unknown): string {
  if (error instanceof KoyebApiError) {
    return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}${error.apiMessage ? ` (${error.apiMessage})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
