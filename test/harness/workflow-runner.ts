// A small workflow interpreter for the e2e tests: reads a workflow file (the `yaml` package), runs
// its jobs in `needs:` order and each job's steps in order, and runs every step that uses a stage of
// this repository (`org/ops-actions/<stage>@v1`, `org/ops-actions/actions/<stage>@v1`, `$/<stage>`,
// `./actions/<stage>`) through runAction — resolving the action.yml the `uses:` names, as the runner
// does. `${{ … }}` in `with:`, `env:`, `if:` and job `outputs:` is evaluated with GitHub's own
// evaluator (@actions/expressions) against secrets, vars, inputs, github, env, steps, needs, job and
// the status functions success() / failure() / always() / cancelled().
//
// What it does not do, on purpose (each is logged with its reason and recorded as a skipped step):
// - third-party actions (actions/checkout, setup-*, docker/*, azure/*): the test prepares the
//   workspace checkout would give, and the tools are already on this machine;
// - `run:` steps: the team's own scripts (pytest, npm ci …) need their code; a test may run one by
//   giving `runStep` (it is called with the step's evaluated env);
// - jobs that call a reusable workflow (`jobs.<id>.uses`), `strategy.matrix` jobs;
// - `services:` containers: the real servers of this machine stand in for them;
// - `environment:` approvals: the test is the reviewer; the job runs as if approved.
// @actions/expressions evaluates one expression; splitting a value into text and `${{ }}` parts is
// the template layer (GitHub's workflow-parser), done here by a scanner aware of '…' strings.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse as parseYaml } from 'yaml';
import { type ActionResult, repoRoot, runAction } from './run-action.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Status = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface StepRecord {
  job: string;
  index: number;
  id?: string;
  label: string;
  /** `stage`: ran through runAction; `run`: a run: step run by runStep; `skipped`: not run (see reason). */
  kind: 'stage' | 'run' | 'skipped';
  outcome: Status;
  reason?: string;
  /** The evaluated `with:` of a stage step. */
  inputs?: Record<string, string>;
  main?: ActionResult;
  post?: ActionResult;
}

export interface JobRecord {
  id: string;
  result: Status;
  reason?: string;
  outputs: Record<string, string>;
  steps: StepRecord[];
  environment?: string;
}

export interface WorkflowRunOptions {
  /** The event that starts the run: `push` to `refs/heads/main`, `pull_request`, a `refs/tags/v…` push. */
  event: { name: string; ref: string; sha?: string; payload?: Json };
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  inputs?: Record<string, string>;
  /**
   * Values that replace the workflow's top-level `env:` entries of the same name (the registry,
   * the app's URL…): the one seam between the committed file and this machine's servers.
   */
  envOverrides?: Record<string, string>;
  /** Extra process environment for every stage step (PATH for a stand-in CLI). */
  processEnv?: Record<string, string>;
  /** The checked-out repository (what actions/checkout would give); one for every job. */
  workspace: string;
  /** Only these jobs run; the others are recorded as skipped (default: all). */
  jobs?: string[];
  /** Runs a `run:` step; return undefined to leave it skipped. */
  runStep?: (step: {
    job: string;
    id?: string;
    run: string;
    env: Record<string, string>;
    workspace: string;
  }) => Promise<Status | undefined>;
  log?: (line: string) => void;
}

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: unknown;
  with?: Record<string, Json>;
  env?: Record<string, Json>;
  'continue-on-error'?: unknown;
}
interface Job {
  needs?: string | string[];
  if?: unknown;
  uses?: string;
  'runs-on'?: unknown;
  environment?: Json;
  env?: Record<string, Json>;
  outputs?: Record<string, string>;
  services?: Record<string, unknown>;
  strategy?: { matrix?: unknown };
  steps?: Step[];
}
interface Workflow {
  env?: Record<string, Json>;
  jobs?: Record<string, Job>;
}

const CONTEXTS = ['github', 'env', 'vars', 'secrets', 'inputs', 'steps', 'needs', 'job', 'runner', 'matrix'];

/** Turns plain JSON into the evaluator's data. */
function toData(v: Json | undefined): data.ExpressionData {
  return JSON.parse(JSON.stringify(v ?? null), data.reviver) as data.ExpressionData;
}

function truthy(d: data.ExpressionData): boolean {
  switch (d.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return (d as data.BooleanData).value;
    case data.Kind.Number: {
      const n = d.number();
      return n !== 0 && !Number.isNaN(n);
    }
    case data.Kind.String:
      return d.coerceString() !== '';
    default:
      return true;
  }
}

/** Evaluates one expression (without `${{ }}`) against `ctx`, with the job's status functions. */
export function evaluate(
  expr: string,
  ctx: Record<string, Json>,
  jobStatus: Status = 'success',
): data.ExpressionData {
  const fns: FunctionDefinition[] = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(jobStatus === 'success') },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(jobStatus === 'failure') },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    {
      name: 'cancelled',
      minArgs: 0,
      maxArgs: 0,
      call: () => new data.BooleanData(jobStatus === 'cancelled'),
    },
  ];
  const lexed = new Lexer(expr).lex();
  const parsed = new Parser(lexed.tokens, CONTEXTS, fns).parse();
  const context = new data.Dictionary(...CONTEXTS.map((key) => ({ key, value: toData(ctx[key]) })));
  return new Evaluator(parsed, context, new Map(fns.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

/** The `${{ … }}` parts of a value, found as the runner finds them (a `}}` inside '…' does not close). */
function templateParts(text: string): ({ text: string } | { expr: string })[] {
  const parts: ({ text: string } | { expr: string })[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${{', i);
    if (open < 0) break;
    let j = open + 3;
    let quoted = false;
    for (; j < text.length - 1; j++) {
      if (text[j] === "'") quoted = !quoted;
      else if (!quoted && text[j] === '}' && text[j + 1] === '}') break;
    }
    if (j >= text.length - 1) throw new Error(`unclosed \${{ in '${text}'`);
    if (open > i) parts.push({ text: text.slice(i, open) });
    parts.push({ expr: text.slice(open + 3, j).trim() });
    i = j + 2;
  }
  if (i < text.length) parts.push({ text: text.slice(i) });
  return parts;
}

/** A `with:`/`env:` value as the runner gives it to the step: a string, expressions evaluated. */
export function interpolate(
  value: Json | undefined,
  ctx: Record<string, Json>,
  status: Status = 'success',
): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  return templateParts(value)
    .map((p) => ('text' in p ? p.text : evaluate(p.expr, ctx, status).coerceString()))
    .join('');
}

/** An `if:` as the runner reads it: `${{ }}` optional; without a status function it means `success() && (…)`. */
export function condition(raw: unknown, ctx: Record<string, Json>, status: Status): boolean {
  if (raw === undefined || raw === null || raw === '') return status === 'success';
  if (typeof raw === 'boolean') return raw && status === 'success';
  let expr = String(raw).trim();
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(expr);
  if (whole) expr = (whole[1] ?? '').trim();
  if (!/\b(success|failure|always|cancelled)\s*\(/.test(expr)) expr = `success() && (${expr})`;
  return truthy(evaluate(expr, ctx, status));
}

/** The action folder of this repository a `uses:` names, as the runner resolves it; undefined for others. */
export function stageAction(uses: string): string | undefined {
  const u = uses.trim();
  const m =
    /^org\/ops-actions\/(.+?)\/?@[^/]+$/i.exec(u) ?? /^\$\/(.+?)\/?$/.exec(u) ?? /^\.\/(.+?)\/?$/.exec(u);
  const path = m?.[1];
  if (!path || path.startsWith('.github/')) return undefined;
  return existsSync(join(repoRoot, path, 'action.yml')) ? path : undefined;
}

function hasPost(action: string): boolean {
  const yml = parseYaml(readFileSync(join(repoRoot, action, 'action.yml'), 'utf8')) as {
    runs?: { post?: unknown };
  };
  return typeof yml.runs?.post === 'string';
}

function evalMap(
  m: Record<string, Json> | undefined,
  ctx: Record<string, Json>,
  status: Status,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) out[k] = interpolate(v, ctx, status);
  return out;
}

/** Jobs in an order where every job comes after the jobs it needs (the file's order otherwise). */
function jobOrder(jobs: Record<string, Job>): string[] {
  const done: string[] = [];
  const visit = (id: string, path: string[]): void => {
    if (done.includes(id)) return;
    if (path.includes(id)) throw new Error(`needs: cycle ${[...path, id].join(' → ')}`);
    for (const n of needsOf(jobs[id])) visit(n, [...path, id]);
    done.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return done;
}
const needsOf = (job: Job | undefined): string[] =>
  job?.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

/** Runs a workflow file (relative to the repository root) as far as this machine can. */
export async function runWorkflow(file: string, opts: WorkflowRunOptions): Promise<Map<string, JobRecord>> {
  const log = opts.log ?? ((l: string) => console.info(`[workflow ${file}] ${l}`));
  const wf = parseYaml(readFileSync(join(repoRoot, file), 'utf8')) as Workflow;
  const jobs = wf.jobs ?? {};
  const refName = opts.event.ref.replace(/^refs\/(heads|tags)\//, '');
  const sha = opts.event.sha ?? '0123456789abcdef0123456789abcdef01234567';
  const github: Record<string, Json> = {
    event_name: opts.event.name,
    ref: opts.event.ref,
    ref_name: refName,
    ref_type: opts.event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha,
    repository: 'acme/shop',
    actor: 'octocat',
    run_id: '1000',
    run_number: '7',
    run_attempt: '1',
    server_url: 'https://github.com',
    event: opts.event.payload ?? {},
  };
  const secrets: Record<string, Json> = { ...opts.secrets };
  const vars: Record<string, Json> = { ...opts.vars };
  const base = { github, secrets, vars, inputs: { ...opts.inputs }, runner: { os: 'Linux', temp: '' } };
  const workflowEnv: Record<string, string> = {
    ...evalMap(wf.env, { ...base, env: {} }, 'success'),
    ...opts.envOverrides,
  };
  const records = new Map<string, JobRecord>();
  const needsCtx = (job: Job): Record<string, Json> =>
    Object.fromEntries(
      needsOf(job).map((n) => [
        n,
        { result: records.get(n)?.result ?? 'skipped', outputs: records.get(n)?.outputs ?? {} },
      ]),
    );

  for (const jobId of jobOrder(jobs)) {
    const job = jobs[jobId] ?? {};
    const rec: JobRecord = { id: jobId, result: 'skipped', outputs: {}, steps: [] };
    records.set(jobId, rec);
    const needs = needsCtx(job);
    const needsOk = needsOf(job).every((n) => records.get(n)?.result === 'success');
    const jobCtx: Record<string, Json> = { ...base, env: workflowEnv, needs, job: { status: 'success' } };
    if (opts.jobs && !opts.jobs.includes(jobId)) {
      rec.reason = 'not selected by the test';
    } else if (job.uses) {
      rec.reason = `calls the reusable workflow ${job.uses}: not interpreted here`;
    } else if (job.strategy?.matrix !== undefined) {
      rec.reason = 'a strategy.matrix job: not interpreted here';
    } else if (!condition(job.if, jobCtx, needsOk ? 'success' : 'failure')) {
      rec.reason = `if: ${String(job.if ?? 'success()')} is false`;
    }
    if (rec.reason) {
      log(`job ${jobId}: skipped (${rec.reason})`);
      continue;
    }
    const env = job.environment;
    rec.environment = interpolate(
      typeof env === 'object' && env && !Array.isArray(env) ? (env['name'] ?? '') : env,
      jobCtx,
    );
    if (rec.environment) log(`job ${jobId}: environment ${rec.environment} (any approval is taken as given)`);
    if (job.services)
      log(
        `job ${jobId}: services ${Object.keys(job.services).join(', ')} not started: this machine's servers stand in`,
      );
    const jobEnv = { ...workflowEnv, ...evalMap(job.env, jobCtx, 'success') };
    const runnerTemp = mkdtempSync(join(tmpdir(), `ops-wf-${jobId}-`));
    mkdirSync(opts.workspace, { recursive: true });
    const stepsCtx: Record<string, Json> = {};
    let status: Status = 'success';
    const posts: {
      rec: StepRecord;
      action: string;
      stage: string;
      env: Record<string, string>;
      state: Record<string, string>;
    }[] = [];

    for (const [index, step] of (job.steps ?? []).entries()) {
      const label = step.name ?? step.id ?? step.uses ?? (step.run ?? '').split('\n')[0] ?? `step ${index}`;
      const sr: StepRecord = {
        job: jobId,
        index,
        label,
        kind: 'skipped',
        outcome: 'skipped',
        ...(step.id ? { id: step.id } : {}),
      };
      rec.steps.push(sr);
      const ctx: Record<string, Json> = {
        ...base,
        env: jobEnv,
        needs,
        steps: stepsCtx,
        job: { status },
        runner: { os: 'Linux', temp: runnerTemp },
      };
      const record = (outcome: Status, outputs: Record<string, string> = {}): void => {
        sr.outcome = outcome;
        const continueOnError = step['continue-on-error'] === true || step['continue-on-error'] === 'true';
        const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
        if (step.id) stepsCtx[step.id] = { outputs, outcome, conclusion };
        if (conclusion === 'failure') status = 'failure';
      };
      if (!condition(step.if, ctx, status)) {
        sr.reason = `if: ${String(step.if ?? 'success()')} is false`;
        record('skipped');
        log(`${jobId} · ${label}: skipped (${sr.reason})`);
        continue;
      }
      const stepEnv = { ...jobEnv, ...evalMap(step.env, { ...ctx, env: jobEnv }, status) };
      const action = step.uses ? stageAction(step.uses) : undefined;
      if (step.uses && !action) {
        sr.reason = `${step.uses} is not an ops-actions stage: not run (the test prepared what it gives)`;
        record('skipped');
        log(`${jobId} · ${label}: skipped (${sr.reason})`);
        continue;
      }
      if (step.run !== undefined) {
        const outcome = await opts.runStep?.({
          job: jobId,
          ...(step.id ? { id: step.id } : {}),
          run: step.run,
          env: stepEnv,
          workspace: opts.workspace,
        });
        if (outcome === undefined) {
          sr.reason = "a run: step (the team's own script): not run here";
          record('skipped');
          log(`${jobId} · ${label}: skipped (${sr.reason})`);
        } else {
          sr.kind = 'run';
          record(outcome);
          log(`${jobId} · ${label}: run: ${outcome}`);
        }
        continue;
      }
      if (!action) continue;
      const stage = action.split('/').pop() ?? action;
      sr.kind = 'stage';
      sr.inputs = evalMap(step.with, { ...ctx, env: stepEnv }, status);
      const processEnv = {
        ...stepEnv,
        ...opts.processEnv,
        GITHUB_REF: opts.event.ref,
        GITHUB_SHA: sha,
        GITHUB_EVENT_NAME: opts.event.name,
        GITHUB_JOB: jobId,
      };
      sr.main = await runAction(stage, {
        action,
        inputs: sr.inputs,
        env: processEnv,
        workspace: opts.workspace,
        runnerTemp,
        timeoutMs: 180_000,
      });
      const outcome: Status = sr.main.exitCode === 0 ? 'success' : 'failure';
      record(outcome, sr.main.outputs);
      log(
        `${jobId} · ${label}: ${stage} ${outcome} (${sr.main.durationMs} ms)${outcome === 'failure' ? `: ${sr.main.errors.join(' | ')}` : ''}`,
      );
      if (hasPost(action)) posts.push({ rec: sr, action, stage, env: processEnv, state: sr.main.state });
    }
    // post steps at the end of the job, last first, as the runner runs them
    for (const p of posts.reverse()) {
      p.rec.post = await runAction(p.stage, {
        action: p.action,
        inputs: p.rec.inputs ?? {},
        env: p.env,
        post: true,
        state: p.state,
        workspace: opts.workspace,
        runnerTemp,
      });
      if (p.rec.post.exitCode !== 0) status = 'failure';
    }
    rec.result = status;
    const outCtx: Record<string, Json> = { ...base, env: jobEnv, needs, steps: stepsCtx, job: { status } };
    rec.outputs = evalMap(job.outputs as Record<string, Json> | undefined, outCtx, status);
    log(`job ${jobId}: ${status}`);
  }
  return records;
}

/** The record of one step by job and id (throws when it is not there: a test names steps that exist). */
export function stepOf(run: Map<string, JobRecord>, job: string, id: string): StepRecord {
  const s = run.get(job)?.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${job}.${id} in the run`);
  return s;
}
