// The parts of Koyeb's REST API that ops-actions reads and writes, as published in
// koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json` (Swagger 2.0, host app.koyeb.com).
// Objects keep every field the API returns: a deployment definition is sent back to the API
// as it was read, with only the fields we mean to change replaced.

/** The API's host in the spec. Here, not in client.ts, so that reading the inputs does not load zod. */
export const DEFAULT_KOYEB_API_URL = 'https://app.koyeb.com';

/** `Deployment.Status` in the spec, in the spec's order. */
export const DEPLOYMENT_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'SCHEDULED',
  'CANCELING',
  'CANCELED',
  'ALLOCATING',
  'STARTING',
  'HEALTHY',
  'DEGRADED',
  'UNHEALTHY',
  'STOPPING',
  'STOPPED',
  'ERRORING',
  'ERROR',
  'STASHED',
  'SLEEPING',
] as const;

export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** `DeploymentEnv`: a plain `value` or a reference to a Koyeb `secret` by name. */
export interface DeploymentEnv {
  key?: string;
  value?: string;
  secret?: string;
  scopes?: string[];
  [field: string]: unknown;
}

/** `DockerSource`. */
export interface DockerSource {
  image?: string;
  command?: string;
  args?: string[];
  entrypoint?: string[];
  image_registry_secret?: string;
  [field: string]: unknown;
}

/** `DeploymentRoute`. */
export interface DeploymentRoute {
  port?: number;
  path?: string;
  [field: string]: unknown;
}

/**
 * `DeploymentDefinition`: the whole configuration of a deployment. Only the fields this code
 * reads are typed; all others (scalings, instance_types, health_checks, volumes, …) are kept.
 */
export interface DeploymentDefinition {
  name?: string;
  type?: string;
  docker?: DockerSource;
  git?: Record<string, unknown>;
  env?: DeploymentEnv[];
  routes?: DeploymentRoute[];
  regions?: string[];
  [field: string]: unknown;
}

/** `Service` (GET /v1/services/{id}) and `ServiceListItem` (GET /v1/services). */
export interface Service {
  id: string;
  name?: string;
  app_id?: string;
  type?: string;
  status?: string;
  messages?: string[];
  active_deployment_id?: string;
  latest_deployment_id?: string;
  [field: string]: unknown;
}

/** `Deployment` (GET /v1/deployments/{id}) and `DeploymentListItem` (GET /v1/deployments). */
export interface Deployment {
  id: string;
  service_id?: string;
  app_id?: string;
  parent_id?: string;
  status?: string;
  definition?: DeploymentDefinition;
  messages?: string[];
  created_at?: string;
  [field: string]: unknown;
}

/** `Domain`, as listed in an app's `domains`. */
export interface Domain {
  id?: string;
  name?: string;
  type?: string;
  status?: string;
  [field: string]: unknown;
}

/** `App` (GET /v1/apps/{id}) and `AppListItem` (GET /v1/apps). */
export interface App {
  id: string;
  name?: string;
  status?: string;
  domains?: Domain[];
  [field: string]: unknown;
}

/** The paging fields of every `List…Reply`. */
export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  count: number;
  hasNext: boolean;
}

/** `UpdateService`, the body of PUT /v1/services/{id}. */
export interface UpdateService {
  definition?: DeploymentDefinition;
  skip_build?: boolean;
  save_only?: boolean;
  [field: string]: unknown;
}
