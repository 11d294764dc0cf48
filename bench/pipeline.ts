// bench/pipeline: the demo's scenario (scripts/demo) through the bundled stages, timed.
//   good path: build-push v1 (warm build cache) → deploy-ssh → migrate → smoke-test, wall time;
//              target ≤ 60 s after the first build.
//   bad path:  from the end of the broken v2's deploy to v1 restored (smoke-test detects the 503,
//              rollback brings v1 back, its health gate passes); target ≤ 15 s.
// One untimed build first (the "first build"), then ROUNDS full scenarios; each round starts from an
// empty database so the migration and its backup really run. Uses names of its own and removes
// everything it made at the end.
//
//   npm run build && npm run bench -- pipeline      (needs the environment: npm run env:up)
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoConfig } from '../scripts/demo/config.js';
import { takeDown } from '../scripts/demo/down.js';
import { SMOKE_TIMEOUT } from '../scripts/demo/stages.js';
import { Scenario, stepById, type StepId, type StepRun } from '../scripts/demo/scenario.js';
import { freePort } from '../test/helpers/sshd.js';

const ROUNDS = 2;
const GOOD_TARGET_MS = 60_000;
const BAD_TARGET_MS = 15_000;

const suffix = randomBytes(3).toString('hex');
const base = demoConfig();
const cfg = demoConfig({
  appDir: `apps/ops-bench-pipeline-${suffix}`,
  image: `${base.env.registry.host}/ops-bench/pipeline-${suffix}`,
  database: `ops_bench_${suffix}`,
  port: await freePort(),
  workDir: mkdtempSync(join(tmpdir(), 'ops-bench-pipeline-')),
});

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
};

interface Round {
  goodMs: number;
  badMs: number;
  steps: Map<StepId, StepRun>;
}

async function round(): Promise<Round> {
  const scenario = new Scenario(cfg);
  await scenario.setup();
  const outcome = await scenario.runAll();
  const steps = new Map(scenario.runs.map((r) => [r.step.id, r]));
  if (!outcome.asDesigned) {
    const wrong = scenario.runs.find((r) => !r.asExpected);
    throw new Error(
      `the scenario did not go as designed${wrong ? ` at ${wrong.step.id}:\n${wrong.run.main.log}` : ''}`,
    );
  }
  const at = (id: StepId): StepRun => steps.get(id) as StepRun;
  return {
    goodMs: at('smoke-v1').endMs - at('build-v1').startMs,
    badMs: at('rollback').endMs - at('deploy-v2').endMs,
    steps,
  };
}

let failed = false;
try {
  console.log('pipeline: the demo scenario, each stage through dist/<stage>/index.js (node start included)');
  const first = new Scenario(cfg);
  await first.setup();
  const build = await first.run(stepById('build-v1'));
  if (build.run.exitCode !== 0) throw new Error(`the first build failed:\n${build.run.main.log}`);
  console.log(`first build (untimed warm-up): ${s(build.run.durationMs)}\n`);

  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round());

  const row = (label: string, values: number[], target?: number): void => {
    const m = median(values);
    const verdict = target === undefined ? '' : `  target ≤ ${s(target)}  ${m <= target ? 'met' : 'MISSED'}`;
    if (target !== undefined && m > target) failed = true;
    console.log(
      `${label.padEnd(44)} ${values.map((v) => s(v).padStart(8)).join('')}   median ${s(m).padStart(7)}${verdict}`,
    );
  };
  const stepRow = (label: string, id: StepId): void =>
    row(
      `  ${label}`,
      rounds.map((r) => r.steps.get(id)?.run.durationMs ?? Number.NaN),
    );

  console.log(`${''.padEnd(44)} ${rounds.map((_, i) => `round ${i + 1}`.padStart(8)).join('')}`);
  row(
    'good path: build → deploy → migrate → smoke',
    rounds.map((r) => r.goodMs),
    GOOD_TARGET_MS,
  );
  stepRow('build-push v1 (warm cache)', 'build-v1');
  stepRow('deploy-ssh v1 (compose up --wait)', 'deploy-v1');
  stepRow('migrate (2 migrations + backup)', 'migrate');
  stepRow('smoke-test v1', 'smoke-v1');
  row(
    'bad path: broken deploy done → v1 back',
    rounds.map((r) => r.badMs),
    BAD_TARGET_MS,
  );
  stepRow(`smoke-test v2 (detects; timeout ${SMOKE_TIMEOUT})`, 'smoke-v2');
  stepRow('rollback (restores, health gate)', 'rollback');
  console.log(
    `\nThe smoke test retries a failing check until its timeout (${SMOKE_TIMEOUT} here), so detection takes` +
      ' about that long: a shorter timeout detects sooner, a longer one tolerates a slower start.',
  );
} finally {
  const { failed: notRemoved } = await takeDown(cfg);
  for (const f of notRemoved) console.error(`clean-up: ${f}`);
}
if (failed) console.log('\nSome targets were missed (see above).');
