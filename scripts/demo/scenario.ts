// The demo's scenario, as data: the steps of a deploy workflow for the sample app — a good release
// and a broken one that the smoke test catches and the rollback undoes. `npm run demo`, the e2e
// test (test/e2e/pipeline.test.ts) and bench/pipeline.ts all run these same steps through Scenario.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test/harness/run-action.js';
import { type AppVersion, type HealthAnswer, prepareWorkspace, probeHealth, V1, V2_BROKEN } from './app.js';
import { type DemoConfig, demoPaths } from './config.js';
import { resetDatabase } from './database.js';
import { provisionAppDir } from './server.js';
import {
  buildPushInputs,
  deployInputs,
  migrateInputs,
  rollbackInputs,
  runStage,
  smokeInputs,
  type StageInputs,
  type StageName,
  type StageRun,
} from './stages.js';

export type StepId =
  | 'build-v1'
  | 'deploy-v1'
  | 'migrate'
  | 'smoke-v1'
  | 'build-v2'
  | 'deploy-v2'
  | 'smoke-v2'
  | 'rollback'
  | 'smoke-restored';

/** What the steps have produced so far: the pushed images and the release ids. */
export interface ScenarioContext {
  cfg: DemoConfig;
  /** The UTC time the scenario started, compact: the first part of its release ids. */
  stamp: string;
  images: Partial<Record<AppVersion['name'], string>>;
}

export interface ScenarioStep {
  id: StepId;
  stage: StageName;
  /** What the step is about, after the stage name: `v1`, `v2 (broken)`, `to the previous release`. */
  what: string;
  /** The scenario's design: the broken v2 must fail its smoke test; everything else must pass. */
  expect: 'success' | 'failure';
  /** The app version the step builds or deploys. */
  version?: AppVersion;
  /** GET the health endpoint after the step: what serves now. */
  probe?: boolean;
  inputs(ctx: ScenarioContext): StageInputs;
}

/** The release id the demo gives a version: `<scenario start>-<version>`, new on every run. */
export function releaseId(ctx: ScenarioContext, version: AppVersion): string {
  return `${ctx.stamp}-${version.name}`;
}

function imageOf(ctx: ScenarioContext, version: AppVersion): string {
  const image = ctx.images[version.name];
  if (!image) throw new Error(`no image was pushed for ${version.name}: its build step did not run`);
  return image;
}

export const STEPS: readonly ScenarioStep[] = [
  {
    id: 'build-v1',
    stage: 'build-push',
    what: 'v1',
    expect: 'success',
    version: V1,
    inputs: (ctx) => buildPushInputs(ctx.cfg, V1),
  },
  {
    id: 'deploy-v1',
    stage: 'deploy-ssh',
    what: 'v1',
    expect: 'success',
    version: V1,
    probe: true,
    inputs: (ctx) => deployInputs(ctx.cfg, imageOf(ctx, V1), releaseId(ctx, V1)),
  },
  {
    id: 'migrate',
    stage: 'migrate',
    what: 'sql, with a backup',
    expect: 'success',
    inputs: (ctx) => migrateInputs(ctx.cfg),
  },
  {
    id: 'smoke-v1',
    stage: 'smoke-test',
    what: 'v1',
    expect: 'success',
    inputs: (ctx) => smokeInputs(ctx.cfg, 'v1'),
  },
  {
    id: 'build-v2',
    stage: 'build-push',
    what: 'v2 (broken health endpoint)',
    expect: 'success',
    version: V2_BROKEN,
    inputs: (ctx) => buildPushInputs(ctx.cfg, V2_BROKEN),
  },
  {
    id: 'deploy-v2',
    stage: 'deploy-ssh',
    what: 'v2',
    expect: 'success',
    version: V2_BROKEN,
    probe: true,
    inputs: (ctx) => deployInputs(ctx.cfg, imageOf(ctx, V2_BROKEN), releaseId(ctx, V2_BROKEN)),
  },
  {
    id: 'smoke-v2',
    stage: 'smoke-test',
    what: 'v2',
    expect: 'failure',
    inputs: (ctx) => smokeInputs(ctx.cfg, 'v2'),
  },
  {
    id: 'rollback',
    stage: 'rollback',
    what: 'to the previous release',
    expect: 'success',
    probe: true,
    inputs: (ctx) => rollbackInputs(ctx.cfg),
  },
  {
    id: 'smoke-restored',
    stage: 'smoke-test',
    what: 'v1 again',
    expect: 'success',
    inputs: (ctx) => smokeInputs(ctx.cfg, 'v1'),
  },
];

export function stepById(id: StepId): ScenarioStep {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

export interface StepRun {
  step: ScenarioStep;
  /** 1-based position in the scenario. */
  index: number;
  run: StageRun;
  /** The step did what the scenario expects (passed, or failed when it should). */
  asExpected: boolean;
  /** What the health endpoint answered right after the step (steps with `probe`). */
  served: HealthAnswer | undefined;
  /** When it started and ended, in ms since the scenario started. */
  startMs: number;
  endMs: number;
}

export interface ScenarioOptions {
  /** Called when a step has finished (the demo prints its progress line here). */
  onStep?: (run: StepRun) => void;
  /** Called when a setup task has finished. */
  onSetup?: (what: string, durationMs: number) => void;
}

/** Runs the steps of one scenario, in order, keeping what each produced. */
export class Scenario {
  readonly ctx: ScenarioContext;
  readonly runs: StepRun[] = [];
  readonly started = Date.now();
  private readonly jobEnv: Record<string, string>;

  constructor(
    readonly cfg: DemoConfig,
    private readonly opts: ScenarioOptions = {},
  ) {
    this.ctx = { cfg, stamp: compactUtc(new Date(this.started)), images: {} };
    this.jobEnv = {
      GITHUB_SHA: headCommit(),
      GITHUB_RUN_ID: String(Math.floor(this.started / 1000)),
      GITHUB_REPOSITORY: 'ops-actions/demo-app',
      GITHUB_WORKFLOW: 'Deploy (ops-actions demo)',
    };
  }

  /**
   * Before the first step: the job's workspace (examples/app), an empty database, and the app
   * directory on the server with its compose file.
   */
  async setup(): Promise<void> {
    await this.timed('workspace: examples/app + busybox', () => Promise.resolve(prepareWorkspace(this.cfg)));
    await this.timed(`database ${this.cfg.database}: created empty`, () => resetDatabase(this.cfg));
    await this.timed(`server: ${this.cfg.appDir}/compose.yaml, PORT=${this.cfg.port} in .env`, () =>
      provisionAppDir(this.cfg),
    );
  }

  /** Runs one step (its stage, through the bundle) and records it. */
  async run(step: ScenarioStep): Promise<StepRun> {
    const paths = demoPaths(this.cfg);
    const startMs = Date.now() - this.started;
    const run = await runStage(step.stage, step.inputs(this.ctx), {
      workspace: paths.workspace,
      runnerTemp: paths.runnerTemp,
      env: this.jobEnv,
    });
    const endMs = Date.now() - this.started;
    if (step.stage === 'build-push' && step.version && run.exitCode === 0) {
      this.ctx.images[step.version.name] = run.main.outputs['image'];
    }
    const served = step.probe ? await probeHealth(this.cfg) : undefined;
    const passed = run.exitCode === 0;
    const record: StepRun = {
      step,
      index: this.runs.length + 1,
      run,
      asExpected: passed === (step.expect === 'success'),
      served,
      startMs,
      endMs,
    };
    this.runs.push(record);
    this.keepLogs(record);
    this.opts.onStep?.(record);
    return record;
  }

  /**
   * Runs every step, as the workflow would: it stops at the first step that does not do what the
   * scenario expects (a broken v2 that passes its smoke test is not rolled back either).
   */
  async runAll(): Promise<ScenarioOutcome> {
    for (const step of STEPS) {
      const r = await this.run(step);
      if (!r.asExpected) break;
    }
    return this.outcome();
  }

  outcome(): ScenarioOutcome {
    const byId = (id: StepId): StepRun | undefined => this.runs.find((r) => r.step.id === id);
    const complete = this.runs.length === STEPS.length && this.runs.every((r) => r.asExpected);
    const restored = byId('rollback')?.served?.version === 'v1' && byId('smoke-restored')?.run.exitCode === 0;
    return {
      asDesigned: complete && restored,
      notRun: STEPS.filter((s) => !byId(s.id)),
      durationMs: Date.now() - this.started,
    };
  }

  private async timed(what: string, fn: () => Promise<unknown>): Promise<void> {
    const t = Date.now();
    await fn();
    this.opts.onSetup?.(what, Date.now() - t);
  }

  /** Each step's log and job summary, as files a person can open. */
  private keepLogs(r: StepRun): void {
    const { logs, summaries } = demoPaths(this.cfg);
    mkdirSync(logs, { recursive: true });
    mkdirSync(summaries, { recursive: true });
    const name = stepFileName(r);
    const post = r.run.post;
    writeFileSync(
      join(logs, `${name}.log`),
      post ? `${r.run.main.log}\n--- post ---\n${post.log}` : r.run.main.log,
    );
    writeFileSync(join(summaries, `${name}.md`), `${r.run.main.summary}${post?.summary ?? ''}`);
  }
}

export interface ScenarioOutcome {
  /** Every step did what the design says, v2 failed its smoke test and v1 serves again. */
  asDesigned: boolean;
  /** Steps not run because an earlier one did not go as expected. */
  notRun: ScenarioStep[];
  durationMs: number;
}

/** `01-build-push-v1` */
export function stepFileName(r: Pick<StepRun, 'index' | 'step'>): string {
  return `${String(r.index).padStart(2, '0')}-${r.step.id}`;
}

/** 2026-11-23T16:35:00.123Z → 20261123T163500Z */
export function compactUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The commit the demo runs from (a workflow's GITHUB_SHA); a fixed one outside a git checkout. */
function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '0000000000000000000000000000000000000000';
  }
}
