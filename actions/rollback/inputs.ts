// Every input of the rollback stage, parsed and validated into one object before any server, API
// or database is contacted.
import { readLockSettings } from '../../lib/deploy/lock-inputs.js';
import type { ComposeSettings } from '../../lib/deploy/compose.js';
import {
  readComposeSettings,
  readRegistryLogin,
  type RegistryLogin,
} from '../../lib/deploy/compose-inputs.js';
import { readCommandEnv } from '../../lib/deploy/command-env.js';
import { type HealthGate, readHealthGate } from '../../lib/deploy/health.js';
import { parseAppDir } from '../../lib/deploy/paths.js';
import { ConfigurationError } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';
import type { KoyebServiceInputs } from '../../lib/koyeb/inputs.js';
import { readSshInputs, type SshSettings } from '../../lib/ssh/inputs.js';
import { parseShell, type ShellSettings } from '../../lib/ssh/script.js';

export const TARGETS = ['ssh', 'koyeb', 'swarm'] as const;
export type RollbackTargetKind = (typeof TARGETS)[number];

/** The strategies deploy-ssh records that can be rolled back (a `script` deploy has no artifact to go back to). */
export const ROLLBACK_STRATEGIES = ['compose', 'release'] as const;
/** `stack` is target swarm's (deploy-ssh strategy stack); it is not given as `strategy`. */
export type RollbackStrategy = (typeof ROLLBACK_STRATEGIES)[number] | 'stack';

/** `to`: the newest good release before the current one, or a release named by id / image tag / git sha. */
export type ToSpec = { kind: 'previous' } | { kind: 'named'; value: string };

export interface SshRollbackConfig {
  ssh: SshSettings;
  strategy: RollbackStrategy;
  appDir: string;
  shell: ShellSettings;
  /** The `env` input: exported to health-command and after-switch. */
  env: Record<string, string>;
  /** strategy compose. */
  compose: { settings: Omit<ComposeSettings, 'appDir'>; login: RegistryLogin | undefined } | undefined;
  /** strategy release: run after `current` is switched back (reload the service). */
  afterSwitch: string | undefined;
  /** target swarm (strategy stack): the stack and how long its services may take to converge. */
  stack: SwarmRollbackSettings | undefined;
  health: HealthGate | undefined;
  lock: { timeoutMs: number; staleAfterMs: number };
  commandTimeoutMs: number;
}

export interface SwarmRollbackSettings {
  /** `stack-name`; undefined: the stack the history recorded. */
  name: string | undefined;
  /** Logged in on the manager before the deploy; --with-registry-auth passes it to the agents. */
  login: RegistryLogin | undefined;
  convergeTimeoutMs: number;
  pollIntervalMs: number;
}

export interface KoyebRollbackConfig extends KoyebServiceInputs {
  timeoutMs: number;
  pollIntervalMs: number;
}

/** Which GitHub run is rolling back (recorded in the lock and the history). */
export interface RunInfo {
  sha?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  repository?: string;
  workflow?: string;
}

export interface RollbackConfig {
  target: RollbackTargetKind;
  to: ToSpec;
  /** `from`: roll back only hosts (or a Koyeb service) running this release; others are left alone. */
  onlyFrom: string | undefined;
  /** Why: recorded with the release marked bad and in the GitHub statuses. */
  reason: string;
  dryRun: boolean;
  ssh: SshRollbackConfig | undefined;
  /**
   * `migrate-down: true`: the migrate inputs are read by migrate-down.ts (readMigrateDown), loaded
   * only then — like the GitHub inputs (github-token, environment, environment-url), read only when
   * given: a rollback that needs neither starts faster.
   */
  migrateDown: boolean;
  /** Any of the GitHub deployment inputs is set. */
  github: boolean;
  run: RunInfo;
}

/** The inputs of migrate-down (read by migrate-down.ts); each needs migrate-down: true. */
export const MIGRATE_DOWN_INPUTS = [
  'migrate-tool',
  'migrate-applied',
  'migrate-backup-path',
  'migrate-where',
  'database-url',
  'migrate-working-directory',
  'migrate-migrations-dir',
  'migrate-down-command',
  'migrate-compose-service',
] as const;

/** lib/github/deployments GITHUB_DEPLOYMENT_INPUTS (not imported: it would load the GitHub client). */
export const GITHUB_INPUTS = ['github-token', 'environment', 'environment-url'] as const;

/** Inputs read only for one target (none of them has a default in action.yml, so `has` is meaningful). */
const SSH_ONLY = [
  'hosts',
  'private-key',
  'app-dir',
  'strategy',
  'jump-host',
  'health-command',
  'after-switch',
  'compose-file',
  'registry-username',
  'registry-password',
];
const KOYEB_ONLY = ['api-token', 'service-id', 'app', 'service', 'api-url', 'timeout', 'poll-interval'];
const COMPOSE_ONLY = [
  'compose-file',
  'compose-command',
  'env-file',
  'image-variable',
  'registry',
  'registry-username',
  'registry-password',
];
const RELEASE_ONLY = ['after-switch'];
/** target swarm: what the stack deploy does not use (Swarm gates with the service's own health check). */
const NOT_SWARM = [
  'compose-file',
  'compose-command',
  'env-file',
  'image-variable',
  'after-switch',
  'health-command',
  'migrate-compose-service',
];
const SWARM_ONLY = ['stack-name', 'converge-timeout'];

export function runInfoFromEnv(env: NodeJS.ProcessEnv = process.env): RunInfo {
  return {
    sha: env['GITHUB_SHA'],
    runId: env['GITHUB_RUN_ID'],
    runAttempt: env['GITHUB_RUN_ATTEMPT'],
    actor: env['GITHUB_ACTOR'],
    repository: env['GITHUB_REPOSITORY'],
    workflow: env['GITHUB_WORKFLOW'],
  };
}

/** `previous`, or one line naming a release: letters, digits and `._:@/+-` (ids, image references, shas). */
export function parseTo(text: string): ToSpec {
  const v = text.trim();
  if (v === '' || v.toLowerCase() === 'previous') return { kind: 'previous' };
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,299}$/.test(v)) {
    throw new ConfigurationError(
      'to',
      `'${text.slice(0, 80)}' is neither 'previous' nor a release id, image tag or git sha (one word: letters, digits, . _ : @ / + -).`,
      'to: previous   # or a release id such as 20250314T101500Z-0123abc, an image tag, a git sha',
    );
  }
  return { kind: 'named', value: v };
}

/** `from`: a release id, image or Koyeb deployment id (one word), or nothing. */
export function parseFrom(text: string): string | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,299}$/.test(v) || v.toLowerCase() === 'previous') {
    throw new ConfigurationError(
      'from',
      `'${text.slice(0, 80)}' is not a release id, image reference or deployment id (one word: letters, digits, . _ : @ / + -).`,
      `from: \${{ steps.deploy.outputs.release-id }}`,
    );
  }
  return v;
}

/**
 * Reads and validates every input; throws a ConfigurationError before anything is contacted. Async:
 * ssh2's key parser loads only to check a given key.
 */
export async function readRollbackInputs(
  inputs: Inputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RollbackConfig> {
  const target = inputs.choice('target', TARGETS, 'ssh');
  const foreign =
    target === 'koyeb'
      ? [...SSH_ONLY, ...SWARM_ONLY]
      : target === 'swarm'
        ? [...KOYEB_ONLY, ...NOT_SWARM]
        : [...KOYEB_ONLY, ...SWARM_ONLY];
  for (const name of foreign) {
    if (inputs.has(name)) {
      const other = SWARM_ONLY.includes(name) ? 'swarm' : KOYEB_ONLY.includes(name) ? 'koyeb' : 'ssh';
      throw new ConfigurationError(
        name,
        `is not used with target '${target}'. Remove it, or set target: ${other}.`,
        `target: ${other}`,
      );
    }
  }
  const to = parseTo(inputs.raw('to'));
  const onlyFrom = parseFrom(inputs.raw('from'));
  const run = runInfoFromEnv(env);
  const reason =
    inputs.optionalString('reason')?.replace(/\s+/g, ' ').slice(0, 300) ??
    `rolled back by ${run.workflow ? `${run.workflow} ` : ''}run ${run.runId ?? '?'}${run.actor ? ` (${run.actor})` : ''}`;
  // target koyeb: its inputs are read by rollback-koyeb.ts (readKoyebRollbackInputs), loaded only then
  const ssh =
    target === 'ssh' ? await readSsh(inputs) : target === 'swarm' ? await readSwarm(inputs) : undefined;
  const migrateDown = inputs.boolean('migrate-down', false);
  if (!migrateDown) {
    for (const name of MIGRATE_DOWN_INPUTS) {
      if (inputs.has(name)) {
        throw new ConfigurationError(name, "is set but 'migrate-down' is not true.", 'migrate-down: true');
      }
    }
  }
  const github = GITHUB_INPUTS.some((name) => inputs.has(name));
  return {
    target,
    to,
    onlyFrom,
    reason,
    dryRun: inputs.boolean('dry-run', false),
    ssh,
    migrateDown,
    github,
    run,
  };
}

async function readSsh(inputs: Inputs): Promise<SshRollbackConfig> {
  const strategyText = inputs.raw('strategy');
  if (strategyText.toLowerCase() === 'script') {
    throw new ConfigurationError(
      'strategy',
      'script deploys cannot be rolled back by this action: a script leaves nothing it could switch back to. ' +
        'Deploy with strategy compose or release, or roll back with your own script.',
      'strategy: compose',
    );
  }
  const strategy = inputs.choice('strategy', ROLLBACK_STRATEGIES);
  const only = strategy === 'compose' ? RELEASE_ONLY : COMPOSE_ONLY;
  for (const name of only) {
    if (inputs.has(name)) {
      throw new ConfigurationError(
        name,
        `is only used by strategy '${strategy === 'compose' ? 'release' : 'compose'}', but strategy is '${strategy}'.`,
        `strategy: ${strategy === 'compose' ? 'release' : 'compose'}`,
      );
    }
  }
  const appDir = parseAppDir(inputs.raw('app-dir'));
  const userEnv = readCommandEnv(inputs);
  const health = readHealthGate(inputs);
  const compose =
    strategy === 'compose'
      ? { settings: readComposeSettings(inputs), login: readRegistryLogin(inputs) }
      : undefined;
  return {
    ssh: await readSshInputs(inputs),
    strategy,
    appDir,
    shell: { shell: parseShell(inputs.raw('shell')), login: inputs.boolean('login-shell', false) },
    env: userEnv,
    compose,
    afterSwitch: strategy === 'release' ? inputs.optionalString('after-switch') : undefined,
    stack: undefined,
    health,
    lock: readLockSettings(inputs),
    commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
  };
}

/**
 * target swarm: the manager deploy-ssh's strategy stack went through, its app-dir (history and the
 * stack file of every release) and the stack. The release goes back by deploying its own recorded
 * stack file again.
 */
async function readSwarm(inputs: Inputs): Promise<SshRollbackConfig> {
  const strategyText = inputs.raw('strategy').trim();
  if (strategyText !== '' && strategyText !== 'stack') {
    throw new ConfigurationError(
      'strategy',
      `is '${strategyText}', but target swarm rolls back what deploy-ssh strategy stack deployed. Remove strategy, or set target: ssh.`,
      'target: swarm',
    );
  }
  const ssh = await readSshInputs(inputs);
  if (ssh.hosts.length !== 1) {
    throw new ConfigurationError(
      'hosts',
      `target swarm rolls back through one Swarm manager (the host deploy-ssh deployed the stack through), but ${ssh.hosts.length} hosts are given.`,
      'hosts: deploy@manager1.example.com',
    );
  }
  const nameText = inputs.optionalString('stack-name');
  if (nameText !== undefined && !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(nameText)) {
    throw new ConfigurationError(
      'stack-name',
      `'${nameText}' is not a stack name (lower-case letters, digits, - and _, starting with a letter or digit).`,
      'stack-name: shop',
    );
  }
  return {
    ssh,
    strategy: 'stack',
    appDir: parseAppDir(inputs.raw('app-dir')),
    shell: { shell: parseShell(inputs.raw('shell')), login: inputs.boolean('login-shell', false) },
    env: readCommandEnv(inputs),
    compose: undefined,
    afterSwitch: undefined,
    stack: {
      name: nameText,
      login: readRegistryLogin(inputs),
      convergeTimeoutMs: inputs.duration('converge-timeout', '5m', { min: 1000 }),
      pollIntervalMs: 1000,
    },
    health: undefined,
    lock: readLockSettings(inputs),
    commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
  };
}
