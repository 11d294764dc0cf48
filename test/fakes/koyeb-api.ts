// A fake Koyeb REST API for tests: a real HTTP server on 127.0.0.1 (ephemeral port) that speaks
// the subset of Koyeb's published API ops-actions uses (koyeb/koyeb-api-client-go
// `api/v1/koyeb/openapi.json`), with the same paths, bodies, status values and error shapes.
// Every request is recorded for assertions. Deployments move through scripted statuses, one step
// per GET of the deployment — deterministic, no timers.
//
//   const koyeb = await FakeKoyebApi.start();
//   const app = koyeb.addApp({ name: 'shop' });
//   const svc = koyeb.addService({ app: app.id, name: 'web', image: 'ghcr.io/acme/shop:1.0.0' });
//   koyeb.scriptNextDeployments(SCRIPTS.error, SCRIPTS.healthy);   // the new deploy fails, the rollback works
//   … run the action with api-url: koyeb.url, api-token: koyeb.token …
//   koyeb.updates(svc.id)  // the recorded PUT /v1/services/{id} requests
//   await koyeb.close();
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeploymentDefinition, DeploymentStatus } from '../../lib/koyeb/types.js';

/** One step of a scripted deployment: its status for `polls` GETs (the last step lasts forever). */
export interface DeploymentStep {
  status: DeploymentStatus;
  polls?: number;
  /** Appended to the deployment's `messages` when it enters this step. */
  messages?: string[];
}

export type DeploymentScript = readonly DeploymentStep[];

/** The scenarios of the issue, as scripts for deployments created by PUT. */
export const SCRIPTS = {
  /** Healthy after a few polls. */
  healthy: [
    { status: 'PENDING', polls: 1 },
    { status: 'PROVISIONING', polls: 1 },
    { status: 'STARTING', polls: 1, messages: ['Instance created. Preparing to start...'] },
    { status: 'HEALTHY', messages: ['Instance is healthy. All health checks are passing.'] },
  ],
  /** Fails to start. */
  error: [
    { status: 'PENDING', polls: 1 },
    { status: 'PROVISIONING', polls: 1 },
    { status: 'STARTING', polls: 1 },
    {
      status: 'ERROR',
      messages: [
        'Instance stopped: the application exited with code 1.',
        'Deployment failed: no healthy instance.',
      ],
    },
  ],
  /** Never leaves PROVISIONING (a timeout; it can be cancelled). */
  stuckProvisioning: [{ status: 'PENDING', polls: 1 }, { status: 'PROVISIONING' }],
} satisfies Record<string, DeploymentScript>;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Every query parameter, as a list (the API repeats array parameters). */
  query: Record<string, string[]>;
  /** The parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** An `Authorization` header was sent (its value is never recorded). */
  hasAuthorization: boolean;
  /** It was `Bearer <the fake's token>`. */
  authorized: boolean;
  /** The HTTP status the fake answered. */
  status: number;
}

/** An error answered instead of the real reply, `times` times, to matching requests. */
export interface InjectedFailure {
  method?: string;
  /** Exact path or a pattern; any path when omitted. */
  path?: string | RegExp;
  status: number;
  /** Default: Koyeb's `Error` shape for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default 1. */
  times?: number;
  /**
   * Handle the request first (a PUT creates its deployment), then answer the error: a reply
   * lost after the change was made, e.g. a 502 from a proxy.
   */
  afterHandling?: boolean;
}

export interface FakeDomain {
  id: string;
  name: string;
  type: 'AUTOASSIGNED' | 'CUSTOM';
  status: 'PENDING' | 'ACTIVE' | 'ERROR' | 'DELETING' | 'DELETED';
  app_id: string;
  [field: string]: unknown;
}

export interface FakeApp {
  id: string;
  name: string;
  organization_id: string;
  status: string;
  domains: FakeDomain[];
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface FakeService {
  id: string;
  name: string;
  app_id: string;
  organization_id: string;
  type: string;
  status: string;
  messages: string[];
  version: string;
  active_deployment_id: string;
  latest_deployment_id: string;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface FakeDeployment {
  id: string;
  service_id: string;
  app_id: string;
  organization_id: string;
  parent_id: string;
  child_id: string;
  status: DeploymentStatus;
  definition: DeploymentDefinition;
  messages: string[];
  metadata: Record<string, unknown>;
  provisioning_info: Record<string, unknown>;
  version: string;
  deployment_group: string;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

interface Progress {
  script: DeploymentScript;
  step: number;
  polls: number;
}

/** Marks a request as answered (every path through the router ends in one reply). */
type Replied = 'replied';

const ORG = '0b1f4d6e-0000-4000-8000-00000000c0de';
const CANCELLABLE: readonly string[] = ['PENDING', 'PROVISIONING', 'SCHEDULED'];
const IN_PROGRESS: readonly string[] = ['PENDING', 'PROVISIONING', 'SCHEDULED', 'ALLOCATING', 'STARTING'];

/** A realistic Docker web service definition, as GET /v1/deployments/{id} returns it. */
export function exampleDefinition(image: string, name = 'web'): DeploymentDefinition {
  return {
    name,
    type: 'WEB',
    strategy: { type: 'DEPLOYMENT_STRATEGY_TYPE_INVALID' },
    routes: [{ port: 8000, path: '/' }],
    ports: [{ port: 8000, protocol: 'http' }],
    proxy_ports: [],
    env: [
      { scopes: ['region:fra'], key: 'PORT', value: '8000' },
      { scopes: ['region:fra'], key: 'DATABASE_URL', secret: 'shop-database-url' },
      { scopes: ['region:fra'], key: 'LOG_LEVEL', value: 'info' },
    ],
    regions: ['fra'],
    scalings: [{ scopes: ['region:fra'], min: 1, max: 1, targets: [] }],
    instance_types: [{ scopes: ['region:fra'], type: 'nano' }],
    health_checks: [{ grace_period: 5, interval: 30, restart_limit: 3, timeout: 5, tcp: { port: 8000 } }],
    volumes: [],
    config_files: [],
    skip_cache: false,
    docker: { image, command: '', args: [], entrypoint: [], image_registry_secret: '', privileged: false },
  };
}

export class FakeKoyebApi {
  /** The token the fake accepts (`Authorization: Bearer <token>`). */
  readonly token: string;
  readonly requests: RecordedRequest[] = [];
  readonly apps = new Map<string, FakeApp>();
  readonly services = new Map<string, FakeService>();
  readonly deployments = new Map<string, FakeDeployment>();
  private readonly progress = new Map<string, Progress>();
  private readonly queued: DeploymentScript[] = [];
  private readonly failures: (InjectedFailure & { left: number })[] = [];
  private rejections: { fields: { field: string; description: string }[]; message: string }[] = [];
  private clock = Date.parse('2026-01-01T00:00:00Z');
  /** The script of deployments created when none is queued. */
  defaultScript: DeploymentScript = SCRIPTS.healthy;

  private constructor(
    private readonly server: Server,
    token: string,
  ) {
    this.token = token;
  }

  static async start(opts: { token?: string } = {}): Promise<FakeKoyebApi> {
    const server = createServer();
    const fake = new FakeKoyebApi(server, opts.token ?? `koyeb-test-token-${randomUUID()}`);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        fake.send(res, 500, { status: 500, code: 'internal', message: String(error) });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- setting up -------------------------------------------------------------------------

  addApp(opts: { name: string; id?: string; domains?: Partial<FakeDomain>[] }): FakeApp {
    const id = opts.id ?? randomUUID();
    const domains = (
      opts.domains ?? [{ name: `${opts.name}-acme.koyeb.app`, type: 'AUTOASSIGNED', status: 'ACTIVE' }]
    ).map((d) => ({
      id: randomUUID(),
      name: '',
      type: 'AUTOASSIGNED' as const,
      status: 'ACTIVE' as const,
      ...d,
      app_id: id,
    }));
    const app: FakeApp = {
      id,
      name: opts.name,
      organization_id: ORG,
      status: 'HEALTHY',
      domains,
      created_at: this.tick(),
      updated_at: this.tick(),
    };
    this.apps.set(id, app);
    return app;
  }

  /**
   * A service with one HEALTHY deployment (active and latest) of `definition` or of
   * exampleDefinition(image). `previousImages` adds older STOPPED deployments before it.
   */
  addService(opts: {
    app: string;
    name: string;
    image?: string;
    definition?: DeploymentDefinition;
    id?: string;
    previousImages?: string[];
  }): FakeService {
    const app = this.apps.get(opts.app) ?? [...this.apps.values()].find((a) => a.name === opts.app);
    if (!app) throw new Error(`FakeKoyebApi.addService: no app '${opts.app}'`);
    const service: FakeService = {
      id: opts.id ?? randomUUID(),
      name: opts.name,
      app_id: app.id,
      organization_id: ORG,
      type: 'WEB',
      status: 'HEALTHY',
      messages: [],
      version: '1',
      active_deployment_id: '',
      latest_deployment_id: '',
      last_provisioned_deployment_id: '',
      life_cycle: {},
      created_at: this.tick(),
      updated_at: this.tick(),
    };
    this.services.set(service.id, service);
    for (const image of opts.previousImages ?? []) {
      this.addDeployment(service.id, { definition: exampleDefinition(image, opts.name), status: 'STOPPED' });
    }
    const definition =
      opts.definition ?? exampleDefinition(opts.image ?? 'ghcr.io/acme/shop:1.0.0', opts.name);
    this.addDeployment(service.id, { definition, status: 'HEALTHY' });
    return service;
  }

  /**
   * A deployment in a fixed status (history, or a service in an odd state); it becomes the
   * latest, and a HEALTHY one also the active one.
   */
  addDeployment(
    serviceId: string,
    opts: { definition: DeploymentDefinition; status: DeploymentStatus; messages?: string[] },
  ): FakeDeployment {
    const service = this.mustService(serviceId);
    // a HEALTHY one becomes the service's active deployment
    const deployment = this.newDeployment(service, opts.definition, [{ status: opts.status }]);
    deployment.messages.push(...(opts.messages ?? []));
    return deployment;
  }

  /** The scripts of the next deployments PUT creates, in order (then `defaultScript`). */
  scriptNextDeployments(...scripts: DeploymentScript[]): void {
    this.queued.push(...scripts);
  }

  /** Answers matching requests with an error instead (e.g. 429 with Retry-After, 503, 401). */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ ...failure, left: failure.times ?? 1 });
  }

  /** The next PUT/PATCH of a service fails validation: 400 `ErrorWithFields`. */
  rejectNextUpdate(fields: { field: string; description: string }[], message = 'Validation error'): void {
    this.rejections.push({ fields, message });
  }

  // ---- inspecting ---------------------------------------------------------------------------

  /** Recorded PUT and PATCH requests to /v1/services/{id} (all services when no id). */
  updates(serviceId?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        (r.method === 'PUT' || r.method === 'PATCH') &&
        (serviceId ? r.path === `/v1/services/${serviceId}` : r.path.startsWith('/v1/services/')),
    );
  }

  /** A service's deployments, newest first. */
  deploymentsOf(serviceId: string): FakeDeployment[] {
    return [...this.deployments.values()].filter((d) => d.service_id === serviceId).reverse();
  }

  service(id: string): FakeService {
    return this.mustService(id);
  }

  deployment(id: string): FakeDeployment {
    const d = this.deployments.get(id);
    if (!d) throw new Error(`FakeKoyebApi: no deployment ${id}`);
    return d;
  }

  // ---- the API ------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<Replied> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) {
      const list = query[k] ?? [];
      list.push(v);
      query[k] = list;
    }
    const auth = req.headers.authorization;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query,
      body,
      hasAuthorization: auth !== undefined,
      authorized: auth === `Bearer ${this.token}`,
      status: 0,
    };
    this.requests.push(record);
    const failure = this.failures.find(
      (f) =>
        f.left > 0 &&
        (f.method === undefined || f.method === method) &&
        (f.path === undefined ||
          (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname))),
    );
    if (failure) failure.left--;
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}): Replied => {
      if (failure?.afterHandling) {
        record.status = failure.status;
        this.send(res, failure.status, failure.body ?? koyebError(failure.status), failure.headers);
      } else {
        record.status = status;
        this.send(res, status, json, headers);
      }
      return 'replied';
    };
    if (failure && !failure.afterHandling) {
      return reply(failure.status, failure.body ?? koyebError(failure.status), failure.headers);
    }
    if (!record.authorized) {
      return reply(401, { status: 401, code: 'unauthenticated', message: 'Invalid credentials' });
    }
    if (text !== '' && typeof body !== 'object') {
      return reply(400, { status: 400, code: 'invalid_argument', message: 'invalid JSON body', fields: [] });
    }
    const [, v1, collection, id, action, ...rest] = url.pathname.split('/');
    if (v1 !== 'v1' || rest.length > 0) return reply(404, koyebError(404));
    const q = (name: string): string | undefined => query[name]?.[0];

    if (collection === 'apps' && method === 'GET' && id === undefined) {
      const items = [...this.apps.values()].filter((a) => !q('name') || a.name.includes(q('name') ?? ''));
      return reply(200, paged('apps', items, q));
    }
    if (collection === 'apps' && method === 'GET' && id !== undefined && action === undefined) {
      const app = this.apps.get(id);
      return app ? reply(200, { app }) : reply(404, koyebError(404, 'App not found'));
    }
    if (collection === 'services' && method === 'GET' && id === undefined) {
      const items = [...this.services.values()].filter(
        (s) => (!q('app_id') || s.app_id === q('app_id')) && (!q('name') || s.name.includes(q('name') ?? '')),
      );
      return reply(200, paged('services', items, q));
    }
    if (collection === 'services' && id !== undefined && action === undefined) {
      const service = this.services.get(id);
      if (!service) return reply(404, koyebError(404, 'Service not found'));
      if (method === 'GET') return reply(200, { service });
      if (method === 'PUT' || method === 'PATCH')
        return this.update(service, body, q('dry_run') === 'true', reply);
    }
    if (collection === 'deployments' && method === 'GET' && id === undefined) {
      const statuses = query['statuses'] ?? [];
      const items = [...this.deployments.values()]
        .reverse()
        .filter(
          (d) =>
            (!q('service_id') || d.service_id === q('service_id')) &&
            (!q('app_id') || d.app_id === q('app_id')) &&
            (statuses.length === 0 || statuses.includes(d.status)),
        );
      return reply(200, paged('deployments', items, q));
    }
    if (collection === 'deployments' && id !== undefined) {
      const deployment = this.deployments.get(id);
      if (!deployment) return reply(404, koyebError(404, 'Deployment not found'));
      if (method === 'GET' && action === undefined) {
        const snapshot = structuredClone(deployment);
        this.advance(deployment);
        return reply(200, { deployment: snapshot });
      }
      if (method === 'POST' && action === 'cancel') {
        if (!CANCELLABLE.includes(deployment.status)) {
          return reply(400, {
            status: 400,
            code: 'invalid_argument',
            message: `Deployment cannot be canceled in status ${deployment.status}`,
            fields: [],
          });
        }
        this.setScript(deployment, [{ status: 'CANCELING', polls: 1 }, { status: 'CANCELED' }]);
        return reply(200, {});
      }
    }
    return reply(404, koyebError(404, 'Not Found'));
  }

  private update(
    service: FakeService,
    body: unknown,
    dryRun: boolean,
    reply: (status: number, json: unknown) => Replied,
  ): Replied {
    const definition = (body as { definition?: unknown } | undefined)?.definition;
    const fields: { field: string; description: string }[] = [];
    if (typeof definition !== 'object' || definition === null) {
      fields.push({ field: 'definition', description: 'must be set' });
    } else {
      const image = (definition as DeploymentDefinition).docker?.image;
      const git = (definition as DeploymentDefinition).git;
      if (!git && (typeof image !== 'string' || image === '')) {
        fields.push({ field: 'definition.docker.image', description: 'must be set' });
      }
    }
    const rejection = this.rejections.shift();
    if (rejection) fields.push(...rejection.fields);
    if (fields.length > 0) {
      return reply(400, {
        status: 400,
        code: 'invalid_argument',
        message: rejection?.message ?? 'Validation error',
        fields,
      });
    }
    if (dryRun) return reply(200, { service });
    // a deployment still on its way is superseded by the new one
    const before = this.deployments.get(service.latest_deployment_id);
    if (before && before.id !== service.active_deployment_id && IN_PROGRESS.includes(before.status)) {
      this.setScript(before, [
        { status: 'CANCELED', messages: ['Deployment superseded by a newer deployment.'] },
      ]);
    }
    const script = this.queued.shift() ?? this.defaultScript;
    this.newDeployment(service, structuredClone(definition as DeploymentDefinition), script);
    service.updated_at = this.tick();
    service.version = String(Number(service.version) + 1);
    return reply(200, { service });
  }

  private newDeployment(
    service: FakeService,
    definition: DeploymentDefinition,
    script: DeploymentScript,
  ): FakeDeployment {
    const parent = this.deployments.get(service.latest_deployment_id);
    const first = script[0];
    if (!first) throw new Error('FakeKoyebApi: an empty deployment script');
    const deployment: FakeDeployment = {
      id: randomUUID(),
      service_id: service.id,
      app_id: service.app_id,
      organization_id: ORG,
      parent_id: parent?.id ?? '',
      child_id: '',
      status: first.status,
      definition,
      messages: [],
      metadata: {},
      provisioning_info: {},
      version: '1',
      deployment_group: 'prod',
      created_at: this.tick(),
      updated_at: this.tick(),
    };
    if (parent) parent.child_id = deployment.id;
    this.deployments.set(deployment.id, deployment);
    service.latest_deployment_id = deployment.id;
    this.setScript(deployment, script);
    return deployment;
  }

  private setScript(deployment: FakeDeployment, script: DeploymentScript): void {
    this.progress.set(deployment.id, { script, step: 0, polls: 0 });
    this.enter(deployment, script[0] as DeploymentStep);
  }

  /** One GET has seen the current step: move on when its polls are used up. */
  private advance(deployment: FakeDeployment): void {
    const p = this.progress.get(deployment.id);
    if (!p) return;
    const step = p.script[p.step];
    p.polls++;
    if (step?.polls !== undefined && p.polls >= step.polls && p.step < p.script.length - 1) {
      p.step++;
      p.polls = 0;
      this.enter(deployment, p.script[p.step] as DeploymentStep);
    }
  }

  private enter(deployment: FakeDeployment, step: DeploymentStep): void {
    deployment.status = step.status;
    deployment.messages.push(...(step.messages ?? []));
    deployment.updated_at = this.tick();
    // the spec's timestamps; this fake's reading: succeeded_at = became healthy
    if (step.status === 'HEALTHY') deployment['succeeded_at'] ??= deployment.updated_at;
    if (['CANCELED', 'STOPPED', 'ERROR'].includes(step.status))
      deployment['terminated_at'] = deployment.updated_at;
    const service = this.mustService(deployment.service_id);
    if (step.status === 'HEALTHY') this.activate(service, deployment);
  }

  private activate(service: FakeService, deployment: FakeDeployment): void {
    const old = this.deployments.get(service.active_deployment_id);
    if (old && old.id !== deployment.id) {
      this.progress.delete(old.id);
      old.status = 'STOPPED';
      old.messages.push('Deployment stopped: replaced by a newer deployment.');
      old['terminated_at'] = this.tick();
    }
    service.active_deployment_id = deployment.id;
    service.last_provisioned_deployment_id = deployment.id;
    service.status = 'HEALTHY';
  }

  private mustService(id: string): FakeService {
    const s = this.services.get(id);
    if (!s) throw new Error(`FakeKoyebApi: no service ${id}`);
    return s;
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private send(
    res: ServerResponse,
    status: number,
    json: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.headersSent) return;
    const text = JSON.stringify(json);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }
}

/** Koyeb's `Error` body for a status. */
export function koyebError(
  status: number,
  message?: string,
): { status: number; code: string; message: string } {
  const codes: Record<number, [string, string]> = {
    400: ['invalid_argument', 'Validation error'],
    401: ['unauthenticated', 'Invalid credentials'],
    403: ['permission_denied', 'Permission denied'],
    404: ['not_found', 'Not Found'],
    429: ['rate_limited', 'Too many requests'],
    500: ['internal', 'Internal server error'],
    503: ['unavailable', 'Service is unavailable'],
  };
  const [code, text] = codes[status] ?? ['unknown', `HTTP ${status}`];
  return { status, code, message: message ?? text };
}

function paged<T>(key: string, items: T[], q: (name: string) => string | undefined): Record<string, unknown> {
  const limit = Number(q('limit') ?? 10);
  const offset = Number(q('offset') ?? 0);
  return {
    [key]: items.slice(offset, offset + limit),
    limit,
    offset,
    count: items.length,
    has_next: offset + limit < items.length,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
