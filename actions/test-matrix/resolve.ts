import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigurationError, errorMessage } from '../../lib/errors.js';
import { type ChangeBase, detectChangeBase } from './base.js';
import { listChanges, type PullRequestApi } from './changes.js';
import type { Component, Ignored } from './component.js';
import type { ComponentsConfig } from './config.js';
import { discoverComponents } from './discover.js';
import { readText } from './folder.js';
import { gitTopLevel } from './git.js';
import type { TestMatrixInputs } from './inputs.js';
import { buildMatrix, type Matrix } from './matrix.js';
import { type Changes, type Decision, selectComponents } from './select.js';

/** What the runner tells the action (environment variables), gathered in one place. */
export interface RunnerContext {
  workspace: string;
  eventName: string;
  eventPath: string;
  ref: string;
  sha: string;
  /** `owner/repo`. */
  repository: string;
  apiUrl: string;
  /** RUNNER_OS, e.g. `Linux`. */
  os: string;
  info: (line: string) => void;
  warning: (line: string) => void;
}

export function runnerContext(
  env: NodeJS.ProcessEnv,
  log: Pick<RunnerContext, 'info' | 'warning'>,
): RunnerContext {
  return {
    workspace: env['GITHUB_WORKSPACE'] || process.cwd(),
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    eventPath: env['GITHUB_EVENT_PATH'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    sha: env['GITHUB_SHA'] ?? '',
    repository: env['GITHUB_REPOSITORY'] ?? '',
    apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    os: env['RUNNER_OS'] ?? '',
    ...log,
  };
}

export interface TestMatrixResult {
  /** The discovery root relative to the workspace ('.' when it is the workspace). */
  root: string;
  components: Component[];
  ignored: Ignored[];
  /** Where the config came from, when there was one. */
  configOrigin?: string;
  /** The comparison the event called for (`all` when changed-only is off or a component was named). */
  base: ChangeBase;
  changes: Changes;
  decisions: Decision[];
  matrix: Matrix;
}

/**
 * Discovers the components, works out what changed, and decides which to test: everything the
 * action does besides writing outputs, the summary and the cache.
 */
export async function resolveTestMatrix(
  inputs: TestMatrixInputs,
  ctx: RunnerContext,
): Promise<TestMatrixResult> {
  const root = resolve(ctx.workspace, inputs.workingDirectory);
  if (!isDirectory(root)) {
    throw new ConfigurationError(
      'working-directory',
      `'${inputs.workingDirectory}' is not a folder in the workspace (${ctx.workspace}). Did the job run actions/checkout first?`,
      'working-directory: .',
    );
  }
  const config = inputs.components ?? (await loadConfigFile(root, inputs));
  if (inputs.components && readText(root, inputs.configFile) !== undefined) {
    ctx.info(`The 'components' input replaces ${inputs.configFile}.`);
  }
  const { components, ignored } = discoverComponents(root, {
    exclude: inputs.exclude,
    config,
    nodeVersion: inputs.nodeVersion,
    pythonVersion: inputs.pythonVersion,
    detectServices: inputs.detectServices,
  });
  const rootInWorkspace = posixRelative(ctx.workspace, root);

  let base: ChangeBase;
  let changes: Changes;
  let rootInRepo = rootInWorkspace;
  let alwaysInclude = inputs.alwaysInclude;
  let listed = components;
  if (inputs.component !== undefined) {
    const one = components.filter((c) => c.name === inputs.component);
    if (one.length === 0) {
      throw new ConfigurationError(
        'component',
        `there is no component named '${inputs.component}'; found: ${components.map((c) => c.name).join(', ') || 'none'}.`,
        `component: \${{ matrix.name }}`,
      );
    }
    listed = one;
    base = { mode: 'all', reason: `component '${inputs.component}' asked for` };
    changes = { kind: 'all', reason: base.reason };
  } else if (!inputs.changedOnly) {
    base = { mode: 'all', reason: 'changed-only is false: testing everything' };
    changes = { kind: 'all', reason: base.reason };
  } else {
    base = detectChangeBase(ctx.eventName, readPayload(ctx), ctx.ref, ctx.sha);
    if (base.mode === 'all') changes = { kind: 'all', reason: base.reason };
    else {
      // Changed files are relative to the repository; git prints its real path, so compare it with
      // the real path of the root (a symlinked workspace). Without git, the workspace is the repository.
      const top = await gitTopLevel(root);
      const repoRoot = top ?? ctx.workspace;
      const rootReal = top ? realpathSync(root) : root;
      rootInRepo = posixRelative(repoRoot, rootReal);
      // The config file decides what the components are: a change to it changes every one of them.
      if (config && !inputs.components) {
        alwaysInclude = [...alwaysInclude, posixRelative(repoRoot, join(rootReal, inputs.configFile))];
      }
      changes = await listChanges(base, {
        cwd: root,
        api: pullRequestApi(inputs, ctx),
        info: ctx.info,
        warning: ctx.warning,
      });
    }
  }

  const decisions = selectComponents(listed, changes, {
    alwaysInclude,
    rootPrefix: rootInRepo === '.' ? '' : rootInRepo,
  });
  const selected = decisions.filter((d) => d.selected).map((d) => d.component);
  return {
    root: rootInWorkspace,
    components,
    ignored,
    configOrigin: config?.origin,
    base,
    changes,
    decisions,
    matrix: buildMatrix(selected, rootInWorkspace, ctx.os),
  };
}

async function loadConfigFile(root: string, inputs: TestMatrixInputs): Promise<ComponentsConfig | undefined> {
  const text = readText(root, inputs.configFile);
  if (text === undefined) {
    if (inputs.configGiven) {
      throw new ConfigurationError(
        'config',
        `${inputs.configFile} does not exist in working-directory (${root}).`,
        `config: ${inputs.configFile === '.ops-actions/components.yml' ? 'ci/components.yml' : '.ops-actions/components.yml'}`,
      );
    }
    return undefined;
  }
  // the YAML parser and the schema (zod) load only when there is a config file
  return (await import('./config.js')).parseComponentsConfig('config', text, inputs.configFile);
}

function readPayload(ctx: RunnerContext): unknown {
  if (!ctx.eventPath) {
    ctx.warning('GITHUB_EVENT_PATH is not set: the event payload is unknown, so every component is tested.');
    return {};
  }
  try {
    return JSON.parse(readFileSync(ctx.eventPath, 'utf8'));
  } catch (error) {
    ctx.warning(`Could not read the event payload ${ctx.eventPath}: ${errorMessage(error)}.`);
    return {};
  }
}

function pullRequestApi(inputs: TestMatrixInputs, ctx: RunnerContext): PullRequestApi | undefined {
  const [owner, repo, ...rest] = ctx.repository.split('/');
  if (!inputs.githubToken || !owner || !repo || rest.length > 0) return undefined;
  return { token: inputs.githubToken, baseUrl: ctx.apiUrl.replace(/\/+$/, ''), owner, repo };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `to` relative to `from` with forward slashes; '.' when they are the same folder. */
function posixRelative(from: string, to: string): string {
  const r = relative(from, to);
  if (r === '') return '.';
  if (isAbsolute(r)) return r;
  return r.split(sep).join('/');
}
