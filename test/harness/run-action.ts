// Runs a bundled stage the way the GitHub runner does: `node dist/<stage>/index.js` with
// INPUT_* variables and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ENV / GITHUB_STATE files,
// then (optionally) the post step with the saved state as STATE_* variables.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunActionOptions {
  /** Inputs by their action.yml names (`private-key`); undefined values are left out. */
  inputs?: Record<string, string | number | boolean | undefined>;
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
  workspace: string;
  runnerTemp: string;
}

/** The runner's input name mangling: `INPUT_` + upper-cased name, spaces to `_`, dashes kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runAction(stage: string, opts: RunActionOptions = {}): Promise<ActionResult> {
  const entry = join(repoRoot, 'dist', stage, 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run 'npm run build' first`);
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
  for (const [k, v] of Object.entries(opts.inputs ?? {}))
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
    const child = spawn(process.execPath, [entry], {
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
    workspace,
    runnerTemp,
  };
}

/**
 * The `default:` of each input in actions/<stage>/action.yml, as the runner passes them. Defaults
 * that are expressions (`${{ github.token }}`) are left out: the runner would evaluate them.
 */
export function actionDefaults(stage: string): Record<string, string> {
  const file = join(repoRoot, 'actions', stage, 'action.yml');
  if (!existsSync(file)) return {};
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  } | null;
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(doc?.inputs ?? {})) {
    const d = input?.default;
    if (d === undefined || d === null) continue;
    const text = String(d);
    if (!text.includes('${{')) out[name] = text;
  }
  return out;
}

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
