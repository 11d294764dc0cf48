// Runs one `run:` step of a workflow file the way the runner does (bash --noprofile --norc -eo
// pipefail, with GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files), so the tests exercise the
// scripts as written in the YAML, not copies of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

type Doc = Record<string, unknown>;

/** The `run:` script of the step named `stepName` in job `jobId` of `file`. */
export function stepScript(file: string, jobId: string, stepName: string): string {
  const doc = parse(readFileSync(file, 'utf8')) as Doc;
  const jobs = doc['jobs'] as Record<string, Doc>;
  const steps = (jobs[jobId]?.['steps'] ?? []) as Doc[];
  const step = steps.find((s) => s['name'] === stepName);
  if (!step || typeof step['run'] !== 'string')
    throw new Error(`${file}: no run step '${stepName}' in job ${jobId}`);
  return step['run'];
}

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT as name → value (single-line `name=value` entries). */
  outputs: Record<string, string>;
  /** GITHUB_ENV, raw. */
  githubEnv: string;
  summary: string;
}

/** Runs `script` in `cwd` with only `env` (plus PATH/HOME) and the runner's file commands. */
export function runStep(script: string, env: Record<string, string>, cwd?: string): StepResult {
  const dir = mkdtempSync(join(tmpdir(), 'ops-wf-step-'));
  try {
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_ENV: join(dir, 'env'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const scriptFile = join(dir, 'step.sh');
    writeFileSync(scriptFile, script);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
      cwd: cwd ?? dir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: process.env['HOME'] ?? dir,
        ...files,
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return {
      exitCode: r.status ?? -1,
      stdout: r.stdout,
      stderr: r.stderr,
      outputs,
      githubEnv: readFileSync(files.GITHUB_ENV, 'utf8'),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
