// The other stages' results, read from what a workflow can pass: a stage's `report` output (JSON),
// or `toJSON(steps.<id>.outputs)` — every output of a step as one JSON object, which is how the
// stages without a `report` output (rollback, migrate, deploy-koyeb) are passed. An empty value or
// `{}` (a step that was skipped) means the stage did not run.
import { ConfigurationError } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';

export interface FailedHost {
  host: string;
  result: string;
  phase?: string;
  error?: string;
}

export interface DeployFacts {
  /** deploy-ssh's strategy, or `koyeb`. */
  strategy?: string;
  releaseId?: string;
  previousReleaseId?: string;
  image?: string;
  previousImage?: string;
  hostsSucceeded: string[];
  hostsFailed: FailedHost[];
  durationMs?: number;
  serviceUrl?: string;
  /** deploy-koyeb: the status the new deployment ended with, and its automatic rollback. */
  koyebStatus?: string;
  autoRollback?: { deploymentId?: string; status?: string };
}

export interface FailedCheck {
  name: string;
  status: number | null;
  error: string | null;
  attempts?: number;
}

export interface SmokeFacts {
  passed: boolean;
  elapsedMs?: number;
  total: number;
  failed: FailedCheck[];
  /** smoke-test's `watch` after go-live, when it ran one. */
  watch?: WatchFacts;
}

export interface WatchFacts {
  /** passed, failed or cancelled. */
  outcome: string;
  watchMs?: number;
  rounds?: number;
  passedRounds?: number;
  /** From go-live: the first failed round of the streak that failed the watch, and the last. */
  failingSinceMs?: number;
  failedAtMs?: number;
}

export interface RollbackFacts {
  from?: string;
  to?: string;
  durationMs?: number;
  migrationsReverted: string[];
}

export interface MigrateFacts {
  outcome?: string;
  applied: string[];
  current?: string;
  failedMigration?: string;
}

export interface PipelineReports {
  deploy?: DeployFacts;
  smokeTest?: SmokeFacts;
  rollback?: RollbackFacts;
  migrate?: MigrateFacts;
}

type Json = Record<string, unknown>;

export function parseReports(inputs: Inputs): PipelineReports {
  const deploy = readObject(inputs, 'deploy-report', '${{ steps.deploy.outputs.report }}');
  const smoke = readObject(inputs, 'smoke-test-report', '${{ steps.smoke.outputs.report }}');
  const rollback = readObject(inputs, 'rollback-report', '${{ toJSON(steps.rollback.outputs) }}');
  const migrate = readObject(inputs, 'migrate-report', '${{ toJSON(steps.migrate.outputs) }}');
  return {
    ...(deploy ? { deploy: deployFacts(deploy) } : {}),
    ...(smoke ? { smokeTest: smokeFacts(smoke) } : {}),
    ...(rollback ? { rollback: rollbackFacts(rollback) } : {}),
    ...(migrate ? { migrate: migrateFacts(migrate) } : {}),
  };
}

/** A JSON object, or undefined for '' and `{}`. Anything else names the input. */
function readObject(inputs: Inputs, name: string, example: string): Json | undefined {
  const text = inputs.raw(name);
  if (text === '') return undefined;
  const value = parseJson(text);
  if (!isObject(value)) {
    throw new ConfigurationError(
      name,
      `must be a JSON object: a stage's report output, or toJSON(steps.<id>.outputs); got ${value === undefined ? 'text that is not JSON' : 'another JSON value'}: '${text.slice(0, 60)}'.`,
      `${name}: ${example}`,
    );
  }
  return Object.keys(value).length === 0 ? undefined : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The step's outputs may carry the stage's `report` (a JSON string) inside: its fields win. */
function withNestedReport(o: Json): Json {
  const nested = typeof o['report'] === 'string' ? parseJson(o['report']) : undefined;
  return isObject(nested) ? { ...o, ...nested } : o;
}

function str(o: Json, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

function num(o: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return undefined;
}

function list(o: Json, key: string): string[] {
  const v = o[key];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string' || v === '') return [];
  const parsed = parseJson(v);
  if (Array.isArray(parsed)) return parsed.map(String);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** deploy-ssh (`report` or its outputs) or deploy-koyeb (its outputs). */
export function deployFacts(raw: Json): DeployFacts {
  const o = withNestedReport(raw);
  const hosts = Array.isArray(o['hosts']) ? o['hosts'].filter(isObject) : undefined;
  const koyeb = o['deployment-id'] !== undefined || o['service-id'] !== undefined;
  const facts: DeployFacts = {
    strategy: koyeb ? 'koyeb' : str(o, 'strategy'),
    releaseId: str(o, 'releaseId', 'release-id', 'deployment-id'),
    previousReleaseId: str(o, 'previousReleaseId', 'previous-release-id', 'previous-deployment-id'),
    image: str(o, 'image'),
    previousImage: str(o, 'previousImage', 'previous-image'),
    hostsSucceeded: hosts
      ? hosts.filter((h) => h['result'] === 'succeeded').map((h) => str(h, 'host') ?? '?')
      : list(o, 'hosts-succeeded'),
    hostsFailed: hosts
      ? hosts
          .filter((h) => h['result'] !== 'succeeded')
          .map((h) => ({
            host: str(h, 'host') ?? '?',
            result: str(h, 'result') ?? 'failed',
            ...(str(h, 'phase') ? { phase: str(h, 'phase') } : {}),
            ...(str(h, 'error') ? { error: str(h, 'error') } : {}),
          }))
      : list(o, 'hosts-failed').map((host) => ({ host, result: 'failed' })),
    durationMs: num(o, 'durationMs'),
    serviceUrl: str(o, 'service-url'),
    koyebStatus: koyeb ? str(o, 'status') : undefined,
  };
  const rbId = str(o, 'rollback-deployment-id');
  if (rbId) facts.autoRollback = { deploymentId: rbId, status: str(o, 'rollback-status') };
  return facts;
}

/** smoke-test's `report` (or its outputs, which carry it). */
export function smokeFacts(raw: Json): SmokeFacts {
  const o = withNestedReport(raw);
  const checks = Array.isArray(o['checks']) ? o['checks'].filter(isObject) : [];
  const passed = o['passed'] === true || o['passed'] === 'true';
  const watch = isObject(o['watch']) ? o['watch'] : undefined;
  return {
    passed,
    elapsedMs: num(o, 'elapsedMs'),
    ...(watch
      ? {
          watch: {
            outcome: str(watch, 'outcome') ?? '?',
            watchMs: num(watch, 'watchMs'),
            rounds: num(watch, 'rounds'),
            passedRounds: num(watch, 'passedRounds'),
            failingSinceMs: num(watch, 'failingSinceMs'),
            failedAtMs: num(watch, 'failedAtMs'),
          },
        }
      : {}),
    total: checks.length,
    failed: checks
      .filter((c) => c['passed'] !== true)
      .map((c) => ({
        name: str(c, 'name', 'url') ?? '?',
        status: typeof c['status'] === 'number' ? c['status'] : null,
        error: typeof c['error'] === 'string' ? c['error'] : null,
        attempts: num(c, 'attempts'),
      })),
  };
}

/** rollback's outputs: rolled-back-from, rolled-back-to, duration-ms, migrations-reverted. */
export function rollbackFacts(o: Json): RollbackFacts {
  return {
    from: str(o, 'rolled-back-from', 'rolledBackFrom'),
    to: str(o, 'rolled-back-to', 'rolledBackTo'),
    durationMs: num(o, 'duration-ms', 'durationMs'),
    migrationsReverted: list(o, 'migrations-reverted'),
  };
}

/** migrate's outputs: outcome, applied, current, failed-migration. */
export function migrateFacts(o: Json): MigrateFacts {
  return {
    outcome: str(o, 'outcome'),
    applied: list(o, 'applied'),
    current: str(o, 'current'),
    failedMigration: str(o, 'failed-migration', 'failedMigration'),
  };
}
