// Runs a bundled stage the way the GitHub runner does: `node dist/<stage>/index.js` on the Node that
// action.yml's `runs.using` names (node24), with an INPUT_* variable for every input — the value the
// step gives or else the action.yml `default:`, exactly as the runner passes them — and the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ENV / GITHUB_STATE files; then (optionally) the post
// step with the saved state as STATE_* variables.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every stage: each folder of actions/ with an action.yml, sorted (a new stage is in every list at once). */
export function stageNames(): string[] {
  return readdirSync(join(repoRoot, 'actions'))
    .filter((d) => existsSync(join(repoRoot, 'actions', d, 'action.yml')))
    .sort();
}

export interface RunActionOptions {
  /**
   * Inputs by their action.yml names (`private-key`), as a step's `with:` gives them. Every input the
   * step leaves out gets its action.yml `default:`, as on the runner; `undefined` leaves it out.
   */
  inputs?: Record<string, string | number | boolean | undefined>;
  /**
   * Runner fidelity is the rule: leave this out. A test that needs raw control of the environment
   * names the inputs whose default it does NOT pass (or 'all'), with a comment saying why.
   */
  omitDefaults?: 'all' | readonly string[];
  /**
   * The folder whose action.yml the step names, as in `uses: org/ops-actions/<folder>@v1`
   * (default `actions/<stage>`; `<stage>` is the short form). Its defaults are passed and its
   * `runs.main`/`runs.post` started, resolved against it as the runner resolves them.
   */
  action?: string;
  /**
   * Values of the `${{ … }}` expressions that action.yml defaults use (`github.token`). An expression
   * default whose value is not given here is left unset: the tests have no runner token, and
   * GITHUB_API_URL points at a server they cannot reach.
   */
  expressions?: Record<string, string>;
  /** Extra environment (GITHUB_SHA, GITHUB_REF, …). */
  env?: Record<string, string | undefined>;
  /** STATE_* values, for running a post step by itself. */
  state?: Record<string, string>;
  /** Run the entry as the post step (the runner sets the state saved by main). */
  post?: boolean;
  /** Kill the process after this many ms (default 120 000). */
  timeoutMs?: number;
  /** Working directory, also GITHUB_WORKSPACE (default: a fresh temp dir). */
  workspace?: string;
  /** Reuse a runner temp dir (default: a fresh one). */
  runnerTemp?: string;
  /** Called with the child process, e.g. to kill it mid-run. */
  onSpawn?: (pid: number) => void;
}

export interface ActionResult {
  exitCode: number;
  signal: NodeJS.Signals | null;
  outputs: Record<string, string>;
  /** The job summary Markdown the step wrote. */
  summary: string;
  /** State saved with core.saveState, for the post step. */
  state: Record<string, string>;
  /** Variables exported with core.exportVariable. */
  exportedEnv: Record<string, string>;
  /** stdout + stderr, in order, WITHOUT `::add-mask::` commands (what a log reader would see). */
  log: string;
  /** Values registered with `::add-mask::` (the runner would mask them). */
  masked: string[];
  /** The `::error::` messages. */
  errors: string[];
  durationMs: number;
  /** The node that ran the step and its `process.version` (the runtime action.yml names). */
  node: { path: string; version: string };
  workspace: string;
  runnerTemp: string;
}

/** The runner's input name mangling: `INPUT_` + upper-cased name, spaces to `_`, dashes kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runAction(stage: string, opts: RunActionOptions = {}): Promise<ActionResult> {
  const action = opts.action ?? `actions/${stage}`;
  const runs = actionYml(action).runs;
  const script = opts.post ? (runs?.post ?? runs?.main) : runs?.main;
  if (!script) throw new Error(`${action}/action.yml has no runs.${opts.post ? 'post' : 'main'}`);
  const entry = resolve(repoRoot, action, script);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run 'npm run build' first`);
  const node = actionNode(stage, action);
  const base = mkdtempSync(join(tmpdir(), `ops-${stage}-`));
  const workspace = opts.workspace ?? join(base, 'workspace');
  const runnerTemp = opts.runnerTemp ?? join(base, 'runner-temp');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(base, 'output'),
    GITHUB_STEP_SUMMARY: join(base, 'summary.md'),
    GITHUB_ENV: join(base, 'env'),
    GITHUB_STATE: join(base, 'state'),
    GITHUB_PATH: join(base, 'path'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // a test must not inherit the developer's (or CI's) own INPUT_/STATE_/GITHUB_ variables
    if (v !== undefined && !/^(INPUT_|STATE_|GITHUB_|RUNNER_)/.test(k)) env[k] = v;
  }
  Object.assign(env, {
    ...files,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_JOB: 'deploy',
    GITHUB_WORKFLOW: 'Deploy',
  });
  for (const [k, v] of Object.entries(withDefaults(stage, opts)))
    if (v !== undefined) env[inputEnvName(k)] = String(v);
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const started = Date.now();
  const { exitCode, signal, raw } = await new Promise<{
    exitCode: number;
    signal: NodeJS.Signals | null;
    raw: string;
  }>((done, fail) => {
    const child = spawn(node, [entry], {
      cwd: workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', fail);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      done({ exitCode: code ?? 128, signal: sig, raw: out });
    });
  });

  const lines = raw.split('\n');
  const masked = lines
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => unescapeData(l.slice('::add-mask::'.length)));
  const errors = lines
    .filter((l) => l.startsWith('::error'))
    .map((l) => unescapeData(l.replace(/^::error[^:]*::/, '')));
  return {
    exitCode,
    signal,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseFileCommand(readFileSync(files.GITHUB_STATE, 'utf8')),
    exportedEnv: parseFileCommand(readFileSync(files.GITHUB_ENV, 'utf8')),
    log: lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'),
    masked,
    errors,
    durationMs: Date.now() - started,
    node: { path: node, version: nodeVersionOf(node) },
    workspace,
    runnerTemp,
  };
}

interface ActionYml {
  inputs?: Record<string, { default?: unknown } | null>;
  runs?: { using?: string; main?: string; post?: string };
}

const actionYmls = new Map<string, ActionYml>();
/** The action.yml of a folder (`actions/smoke-test`, `smoke-test`), as the runner finds it. */
function actionYml(action: string): ActionYml {
  let doc = actionYmls.get(action);
  if (!doc) {
    const file = join(repoRoot, action, 'action.yml');
    if (!existsSync(file)) throw new Error(`Can't find 'action.yml' under '${action}' (${file})`);
    doc = (parseYaml(readFileSync(file, 'utf8')) as ActionYml | null) ?? {};
    actionYmls.set(action, doc);
  }
  return doc;
}

/**
 * The `default:` of each input in actions/<stage>/action.yml, as the runner passes them. A default
 * that is an expression (`${{ github.token }}`) is evaluated from `expressions`, and left out when
 * its value is not given there.
 */
export function actionDefaults(
  stage: string,
  expressions: Record<string, string> = {},
  action = `actions/${stage}`,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(actionYml(action).inputs ?? {})) {
    const d = input?.default;
    if (d === undefined || d === null) continue;
    const text = String(d);
    const expr = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(text);
    if (expr) {
      const value = expressions[expr[1] ?? ''];
      if (value !== undefined) out[name] = value;
    } else if (text.includes('${{')) {
      throw new Error(`${action}/action.yml input '${name}': the harness cannot evaluate '${text}'`);
    } else {
      out[name] = text;
    }
  }
  return out;
}

/** The inputs the runner would pass: the step's own, then every other input's default. */
export function withDefaults(
  stage: string,
  opts: Pick<RunActionOptions, 'inputs' | 'omitDefaults' | 'expressions' | 'action'>,
): Record<string, string | number | boolean | undefined> {
  const given = opts.inputs ?? {};
  if (opts.omitDefaults === 'all') return { ...given };
  const omitted = new Set(opts.omitDefaults ?? []);
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [name, value] of Object.entries(actionDefaults(stage, opts.expressions, opts.action)))
    if (!omitted.has(name)) out[name] = value;
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

/** Where the Node 24 that `scripts/node24.sh` installs lives. */
export const bundledNodePath = join(repoRoot, '.tools', 'node24', 'bin', 'node');

const nodeVersions = new Map<string, string>();
/** `process.version` of a node binary, asked of the binary itself. */
export function nodeVersionOf(node: string): string {
  let v = nodeVersions.get(node);
  if (v === undefined) {
    v = execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    nodeVersions.set(node, v);
  }
  return v;
}

/**
 * The node binary that runs a stage: OPS_ACTIONS_NODE, else the Node 24 of scripts/node24.sh. It
 * must be the major version action.yml's `runs.using` names (node24 → v24.x), as on the runner: a
 * bundle run on another Node by mistake fails here, before the action starts.
 */
export function actionNode(stage: string, action = `actions/${stage}`): string {
  const using = actionYml(action).runs?.using ?? '';
  const major = /^node(\d+)$/.exec(using)?.[1];
  if (!major) throw new Error(`${action}/action.yml: runs.using '${using}' is not a node runtime`);
  const fromEnv = process.env['OPS_ACTIONS_NODE'];
  const node = fromEnv || bundledNodePath;
  if (!existsSync(node)) {
    throw new Error(
      fromEnv
        ? `OPS_ACTIONS_NODE=${fromEnv} does not exist`
        : `${node} is missing: run 'bash scripts/node24.sh' (scripts/env-up.sh runs it) to install the Node ${major} the actions run on`,
    );
  }
  const version = nodeVersionOf(node);
  if (!version.startsWith(`v${major}.`)) {
    throw new Error(
      `${action}/action.yml runs on ${using}, but ${node} is Node ${version}: ` +
        `set OPS_ACTIONS_NODE to a Node ${major} binary or unset it to use ${bundledNodePath}`,
    );
  }
  if (!announced.has(node)) {
    announced.add(node);
    console.info(`[harness] the actions run on ${node} (${version}), as runs.using: ${using}`);
  }
  return node;
}
const announced = new Set<string>();

/** Runs main, then post with main's saved state — as the runner does at the end of a job. */
export async function runActionWithPost(
  stage: string,
  opts: RunActionOptions = {},
): Promise<{ main: ActionResult; post: ActionResult }> {
  const main = await runAction(stage, opts);
  const post = await runAction(stage, {
    ...opts,
    post: true,
    state: { ...main.state, ...opts.state },
    workspace: main.workspace,
    runnerTemp: main.runnerTemp,
  });
  return { main, post };
}

/** Parses the `name=value` / `name<<DELIM … DELIM` format of GITHUB_OUTPUT, GITHUB_STATE and GITHUB_ENV. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
