// Every input of deploy-ssh, parsed and validated into one object before any connection is made.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readLockSettings } from '../../lib/deploy/lock-inputs.js';
import { isAbsolute, resolve } from 'node:path';
import { BUILTIN_ENV as COMMAND_BUILTIN_ENV, readCommandEnv } from '../../lib/deploy/command-env.js';
import { type ComposeSettings, parseImageReference, registryOf } from '../../lib/deploy/compose.js';
import { readComposeSettings, readRegistryLogin } from '../../lib/deploy/compose-inputs.js';
import { type HealthGate, readHealthGate } from '../../lib/deploy/health.js';
import { type ImageSet, imageLinesExample, parseImageLines } from '../../lib/deploy/image-lines.js';
import type { DeployStrategy } from '../../lib/deploy/history.js';
import { parseAppDir } from '../../lib/deploy/paths.js';
import { type BatchSize, parseBatchSize } from '../../lib/deploy/rolling.js';
import type { RenderedStack } from '../../lib/deploy/stack-file.js';
import { parseReleaseId, parseSharedPaths, type SharedPath } from '../../lib/deploy/release.js';
import { ConfigurationError } from '../../lib/errors.js';
import { type GitHubDeploymentInputs, readGithubDeploymentInputs } from '../../lib/github/inputs.js';
import type { Inputs } from '../../lib/inputs.js';
import { readSshInputs, type SshSettings } from '../../lib/ssh/inputs.js';
import { parseShell, type ShellSettings } from '../../lib/ssh/script.js';

export const STRATEGIES: readonly DeployStrategy[] = ['script', 'compose', 'release', 'stack'];

/** Names every user command sees in its environment; `env` may not redefine them. */
export const BUILTIN_ENV = [...COMMAND_BUILTIN_ENV, 'DEPLOY_COLOR', 'DEPLOY_PORT'] as const;

export type Color = 'blue' | 'green';
export const COLORS: readonly Color[] = ['blue', 'green'];

/** compose with `zero-downtime: true`: two compose projects behind nginx, switched by its upstream file. */
export interface BlueGreenConfig {
  /** The port each color listens on (the compose file reads it from `portVariable`). */
  ports: Record<Color, number>;
  portVariable: string;
  /** Compose project name prefix: the projects are `<project>-blue` and `<project>-green`. */
  project: string;
  /** The nginx include file holding `server 127.0.0.1:<port>;` (relative to app-dir or absolute). */
  upstreamFile: string;
  /** Reloads the proxy after the upstream file changed. */
  reloadCommand: string;
  /** How long the old color keeps running after the switch (requests in flight finish). */
  drainMs: number;
}

/** Rolling deploy: the first host alone (canary), then batches; a failing batch rolls back the rest. */
export interface RollingConfig {
  batch: BatchSize;
  /** Pause before each batch after the canary. */
  waitMs: number;
}

export interface RegistryLogin {
  registry: string;
  username: string;
  password: string;
}

export interface ComposeConfig {
  settings: Omit<ComposeSettings, 'appDir'>;
  /** The first image of `images`: `image` (under image-variable) when given, else the first `images` line. */
  image: string;
  /**
   * Every image this deploy sets, env-file variable → reference, in order: `image` as
   * `<image-variable>=<image>`, then the `images` lines. Written to the env file together.
   */
  images: ImageSet;
  login?: RegistryLogin;
  /** On a failed `up` or health check, put the previous image back and `up` again. */
  restoreOnFailure: boolean;
  /** zero-downtime: true. */
  blueGreen?: BlueGreenConfig;
}

/** strategy stack: a Docker Swarm stack deployed through one manager. */
export interface StackConfig {
  /** The stack name (`docker stack deploy … <name>`). */
  name: string;
  /** stack-file as the user wrote it. */
  fileInput: string;
  rendered: RenderedStack;
  login?: RegistryLogin;
  convergeTimeoutMs: number;
  /** The pause between two reads of the services. */
  pollIntervalMs: number;
}

export interface ReleaseConfig {
  /** Absolute local path of the directory or archive to upload. */
  source: string;
  /** The path as the user wrote it (recorded in the history). */
  sourceInput: string;
  sourceKind: 'directory' | 'archive';
  shared: SharedPath[];
  beforeSwitch?: string;
  afterSwitch?: string;
  keepReleases: number;
}

/** Which GitHub run is deploying (recorded in the lock and the history). */
export interface RunInfo {
  sha?: string;
  ref?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  repository?: string;
  workflow?: string;
}

export interface DeployConfig {
  ssh: SshSettings;
  strategy: DeployStrategy;
  appDir: string;
  /** Given by the user; otherwise made from the time and commit when the deploy starts. */
  releaseId?: string;
  shell: ShellSettings;
  env: Record<string, string>;
  script?: string;
  compose?: ComposeConfig;
  release?: ReleaseConfig;
  stack?: StackConfig;
  health?: HealthGate;
  lock: { timeoutMs: number; staleAfterMs: number };
  /** Hosts at once; 0 = all. */
  parallel: number;
  failFast: boolean;
  rolling?: RollingConfig;
  commandTimeoutMs: number;
  hostTimeoutMs: number;
  dryRun: boolean;
  run: RunInfo;
  /** github-token (masked), environment, environment-url: the deploy recorded as a GitHub deployment. */
  github: GitHubDeploymentInputs;
}

/** The `default:` values action.yml declares for strategy-specific inputs. */
const ACTION_DEFAULTS: Record<string, string> = {
  'env-file': '.env',
  'image-variable': 'IMAGE',
  'compose-command': 'docker compose',
  'restore-on-failure': 'true',
  'keep-releases': '5',
};

const ONLY_FOR: Record<string, DeployStrategy | readonly DeployStrategy[]> = {
  script: 'script',
  image: ['compose', 'stack'],
  'env-file': 'compose',
  'image-variable': 'compose',
  'compose-file': 'compose',
  'compose-command': 'compose',
  registry: ['compose', 'stack'],
  'registry-username': ['compose', 'stack'],
  'registry-password': ['compose', 'stack'],
  'restore-on-failure': 'compose',
  'zero-downtime': 'compose',
  ports: 'compose',
  'port-variable': 'compose',
  'compose-project': 'compose',
  'upstream-file': 'compose',
  'proxy-reload-command': 'compose',
  'drain-timeout': 'compose',
  source: 'release',
  shared: 'release',
  'before-switch': 'release',
  'after-switch': 'release',
  'keep-releases': 'release',
  'stack-file': 'stack',
  'stack-name': 'stack',
  images: ['compose', 'stack'],
  'converge-timeout': 'stack',
};

export function runInfoFromEnv(env: NodeJS.ProcessEnv = process.env): RunInfo {
  return {
    sha: env['GITHUB_SHA'],
    ref: env['GITHUB_REF'],
    runId: env['GITHUB_RUN_ID'],
    runAttempt: env['GITHUB_RUN_ATTEMPT'],
    actor: env['GITHUB_ACTOR'],
    repository: env['GITHUB_REPOSITORY'],
    workflow: env['GITHUB_WORKFLOW'],
  };
}

/**
 * Reads and validates every input; throws a ConfigurationError before anything is contacted. Async:
 * ssh2's key parser and the YAML parser (strategy stack) are imported only once an input needs them.
 */
export async function readDeployInputs(
  inputs: Inputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeployConfig> {
  const strategy = inputs.choice('strategy', STRATEGIES);
  for (const [name, onlyFor] of Object.entries(ONLY_FOR)) {
    const only = typeof onlyFor === 'string' ? [onlyFor] : onlyFor;
    // The runner passes action.yml's default for every input, so a value equal to its default
    // was not necessarily given by the user: only a different value is a mistake.
    if (!only.includes(strategy) && inputs.has(name) && inputs.raw(name) !== ACTION_DEFAULTS[name]) {
      throw new ConfigurationError(
        name,
        `is only used by strategy '${only.join("' or '")}', but strategy is '${strategy}'. Remove it or set strategy: ${only[0] ?? ''}.`,
        `strategy: ${only[0] ?? ''}`,
      );
    }
  }
  const appDir = parseAppDir(inputs.raw('app-dir'));
  const releaseId = inputs.has('release-id') ? parseReleaseId(inputs.raw('release-id')) : undefined;

  const userEnv = readCommandEnv(inputs, 'env', BUILTIN_ENV);
  const shell: ShellSettings = {
    shell: parseShell(inputs.raw('shell')),
    login: inputs.boolean('login-shell', false),
  };

  let script: string | undefined;
  let compose: ComposeConfig | undefined;
  let release: ReleaseConfig | undefined;
  let stack: StackConfig | undefined;
  if (strategy === 'script') {
    script = inputs.string('script', {
      example: '|\n  cd /srv/app\n  git pull --ff-only\n  systemctl --user restart app',
    });
  } else if (strategy === 'compose') {
    compose = readCompose(inputs);
    compose.blueGreen = readBlueGreen(inputs, appDir);
    const bg = compose.blueGreen;
    if (bg && compose.images[bg.portVariable] !== undefined) {
      throw new ConfigurationError(
        'port-variable',
        `'${bg.portVariable}' also holds an image (${bg.portVariable}=${compose.images[bg.portVariable]}): it must differ from image-variable and every images variable.`,
        'port-variable: PORT',
      );
    }
  } else if (strategy === 'stack') {
    stack = await readStack(inputs, appDir, env);
  } else {
    release = readRelease(inputs, env);
  }

  const health = readHealthGate(inputs);
  if (stack && health) {
    throw new ConfigurationError(
      'health-command',
      "is not used by strategy stack: Swarm gates the update with the service's own health check (healthcheck: in the stack file or HEALTHCHECK in the image) and rolls it back when it fails.",
      'healthcheck:\n  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]',
    );
  }

  const ssh = await readSshInputs(inputs);
  if (stack && ssh.hosts.length !== 1) {
    throw new ConfigurationError(
      'hosts',
      `strategy stack deploys through one Swarm manager, but ${ssh.hosts.length} hosts are given: Swarm itself places the tasks on its nodes.`,
      'hosts: deploy@manager.example.com',
    );
  }
  const github = readGithubDeploymentInputs(inputs);

  return {
    ssh,
    strategy,
    appDir,
    releaseId,
    shell,
    env: userEnv,
    script,
    compose,
    release,
    stack,
    health,
    lock: readLockSettings(inputs),
    parallel: readParallel(inputs),
    rolling: readRolling(inputs),
    failFast: inputs.boolean('fail-fast', true),
    commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
    hostTimeoutMs: inputs.duration('host-timeout', '30m', { min: 1000 }),
    dryRun: inputs.boolean('dry-run', false),
    run: runInfoFromEnv(env),
    github,
  };
}

function readRolling(inputs: Inputs): RollingConfig | undefined {
  if (!inputs.has('rolling-batch')) {
    if (inputs.has('rolling-wait')) {
      throw new ConfigurationError('rolling-wait', "is set but 'rolling-batch' is not.", 'rolling-batch: 2');
    }
    return undefined;
  }
  const parallel = inputs.raw('parallel').toLowerCase();
  if (parallel !== '' && parallel !== 'all') {
    throw new ConfigurationError(
      'parallel',
      "and 'rolling-batch' both say how many hosts deploy at once; set only one.",
      'rolling-batch: 25%',
    );
  }
  return {
    batch: parseBatchSize(inputs.raw('rolling-batch')),
    waitMs: inputs.duration('rolling-wait', '0s', { min: 0 }),
  };
}

const BLUE_GREEN_INPUTS = [
  'ports',
  'port-variable',
  'compose-project',
  'upstream-file',
  'proxy-reload-command',
  'drain-timeout',
];

function readBlueGreen(inputs: Inputs, appDir: string): BlueGreenConfig | undefined {
  if (!inputs.boolean('zero-downtime', false)) {
    for (const name of BLUE_GREEN_INPUTS) {
      if (inputs.has(name)) {
        throw new ConfigurationError(name, "is only used with 'zero-downtime: true'.", 'zero-downtime: true');
      }
    }
    return undefined;
  }
  const portsText = inputs.list('ports');
  const ports = (portsText.length === 0 ? ['8081', '8082'] : portsText).map(Number);
  const [blue, green] = ports;
  if (
    ports.length !== 2 ||
    blue === undefined ||
    green === undefined ||
    blue === green ||
    !ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)
  ) {
    throw new ConfigurationError(
      'ports',
      `must be two different ports, blue then green, got '${inputs.raw('ports')}'.`,
      'ports: 8081,8082',
    );
  }
  const portVariable = inputs.string('port-variable', { default: 'PORT' });
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portVariable)) {
    throw new ConfigurationError(
      'port-variable',
      `'${portVariable}' is not a variable name.`,
      'port-variable: PORT',
    );
  }
  const defaultProject = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  const project = inputs.string('compose-project', { default: defaultProject });
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(project)) {
    throw new ConfigurationError(
      'compose-project',
      `'${project}' is not a Compose project name (lower-case letters, digits, - and _, starting with a letter or digit).`,
      'compose-project: shop',
    );
  }
  const upstreamFile = inputs.string('upstream-file', { example: '/etc/nginx/upstreams/shop.conf' });
  checkRelativeFile(upstreamFile, 'upstream-file', 'upstream-file: /etc/nginx/upstreams/shop.conf');
  return {
    ports: { blue, green },
    portVariable,
    project,
    upstreamFile,
    reloadCommand: inputs.string('proxy-reload-command', { default: 'nginx -s reload' }),
    drainMs: inputs.duration('drain-timeout', '10s', { min: 0 }),
  };
}

function readParallel(inputs: Inputs): number {
  const raw = inputs.raw('parallel').toLowerCase();
  if (raw === '' || raw === 'all') return 0;
  return inputs.integer('parallel', 0, { min: 1, max: 1000 });
}

/**
 * `image` and `images` together: `image` is one more line, `<image-variable>=<image>`, written
 * first (a one-image workflow adds its second image without rewriting the first); a variable given
 * twice is refused. Neither: refused.
 */
function readCompose(inputs: Inputs): ComposeConfig {
  const settings = readComposeSettings(inputs);
  const lines = parseImageLines(inputs.list('images'), 'variable');
  const images: ImageSet = {};
  if (inputs.has('image')) {
    const one = parseImageReference(inputs.string('image'));
    if (lines[settings.imageVariable] !== undefined) {
      throw new ConfigurationError(
        'images',
        `line '${settings.imageVariable}=${lines[settings.imageVariable]}' sets ${settings.imageVariable}, which 'image' already sets (image-variable: ${settings.imageVariable}); give that image once, in 'image' or in 'images'.`,
        imageLinesExample('variable'),
      );
    }
    images[settings.imageVariable] = one;
  } else if (Object.keys(lines).length === 0) {
    throw new ConfigurationError(
      'image',
      "is required for strategy compose (or 'images', one VARIABLE=image line per image of the compose file).",
      `image: ghcr.io/acme/shop:\${{ github.sha }}`,
    );
  }
  Object.assign(images, lines);
  const image = Object.values(images)[0] ?? '';
  const shared = readRegistryLogin(inputs);
  let login: RegistryLogin | undefined;
  if (shared) {
    // without a registry input, the image's registry (which may not be a usable host name)
    const registry = shared.registry ?? registryOf(image);
    if (!/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
      throw new ConfigurationError('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
    }
    login = { ...shared, registry };
  }
  return {
    settings,
    image,
    images,
    login,
    restoreOnFailure: inputs.boolean('restore-on-failure', true),
  };
}

function checkRelativeFile(path: string, input: string, example: string): void {
  if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
    throw new ConfigurationError(
      input,
      `'${path}' must be a path relative to app-dir (or absolute), without '..'.`,
      example,
    );
  }
}

async function readStack(inputs: Inputs, appDir: string, env: NodeJS.ProcessEnv): Promise<StackConfig> {
  const fileInput = inputs.string('stack-file', { example: 'deploy/stack.yml' });
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const file = isAbsolute(fileInput) ? fileInput : resolve(workspace, fileInput);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ConfigurationError(
      'stack-file',
      `'${fileInput}' is not a file in the workspace (${file}). Check out the repository first, or fix the path.`,
      'stack-file: deploy/stack.yml',
    );
  }
  const defaultName = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  const name = inputs.string('stack-name', { default: defaultName });
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) {
    throw new ConfigurationError(
      'stack-name',
      `'${name}' is not a stack name (lower-case letters, digits, - and _, starting with a letter or digit).`,
      'stack-name: shop',
    );
  }
  const images = parseImageLines(inputs.list('images'), 'service');
  const image = inputs.has('image')
    ? parseImageReference(inputs.string('image', { example: 'ghcr.io/acme/shop:1.4.2' }))
    : undefined;
  if (image !== undefined && Object.keys(images).length > 0) {
    throw new ConfigurationError(
      'image',
      "and 'images' both set images; give 'image' for a one-service stack, or 'images' lines.",
      'images: |\n  web=ghcr.io/acme/shop-web:1.4.2',
    );
  }
  const { renderStack } = await import('../../lib/deploy/stack-file.js');
  const rendered = renderStack(readFileSync(file, 'utf8'), { images, image }, `'${fileInput}'`);
  const shared = readRegistryLogin(inputs);
  let login: RegistryLogin | undefined;
  if (shared) {
    const first = Object.values(rendered.images)[0] ?? '';
    const registry = shared.registry ?? registryOf(first);
    login = { ...shared, registry };
  }
  return {
    name,
    fileInput,
    rendered,
    login,
    convergeTimeoutMs: inputs.duration('converge-timeout', '5m', { min: 1000 }),
    pollIntervalMs: 1000,
  };
}

function readRelease(inputs: Inputs, env: NodeJS.ProcessEnv): ReleaseConfig {
  const sourceInput = inputs.string('source', { example: 'dist/' });
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const source = isAbsolute(sourceInput) ? sourceInput : resolve(workspace, sourceInput);
  if (!existsSync(source)) {
    throw new ConfigurationError(
      'source',
      `'${sourceInput}' does not exist in the workspace (${source}). Build it in an earlier step.`,
      'source: dist/',
    );
  }
  let sourceKind: ReleaseConfig['sourceKind'];
  if (statSync(source).isDirectory()) sourceKind = 'directory';
  else if (/\.(tar|tar\.gz|tgz)$/.test(source)) sourceKind = 'archive';
  else {
    throw new ConfigurationError(
      'source',
      `'${sourceInput}' must be a directory or a .tar, .tar.gz or .tgz archive.`,
      'source: build/app.tar.gz',
    );
  }
  return {
    source,
    sourceInput,
    sourceKind,
    shared: parseSharedPaths(inputs.list('shared')),
    beforeSwitch: inputs.optionalString('before-switch'),
    afterSwitch: inputs.optionalString('after-switch'),
    keepReleases: inputs.integer('keep-releases', 5, { min: 1, max: 100 }),
  };
}
