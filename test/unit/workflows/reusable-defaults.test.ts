// A reusable workflow passes its own `inputs.*` on to a stage (`with: x: ${{ inputs.y }}`). The stage
// then sees the workflow's default, never its own action.yml default: so where the stage has a default,
// each such pair must agree, be '' (the stage reads '' as not given and applies its own default), or
// differ on purpose (listed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `workflow job stage.input` whose workflow default differs from the stage's on purpose, and why. */
const ON_PURPOSE: Record<string, string> = {
  'deploy.yml build build-push.cache':
    'the reusable deploy caches layers in the GitHub cache (gha) by default',
  'test.yml test test-matrix.cache': 'the reusable test workflow restores each component’s dependency cache',
};

interface Pair {
  key: string;
  workflowDefault: string | undefined;
  stageDefault: string | undefined;
}

function pairs(): Pair[] {
  const out: Pair[] = [];
  const dir = join(root, '.github', 'workflows');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    const wf = parse(readFileSync(join(dir, file), 'utf8')) as {
      on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
      jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const inputs = wf.on?.workflow_call?.inputs;
    if (!inputs) continue;
    for (const [job, spec] of Object.entries(wf.jobs ?? {})) {
      for (const step of spec.steps ?? []) {
        // $/<stage> (this repository at the workflow's own commit) or org/ops-actions/[actions/]<stage>@ref
        const stage = /^(?:\$\/|[\w-]+\/ops-actions\/)(?:actions\/)?([\w-]+)(?:@|$)/.exec(
          step.uses ?? '',
        )?.[1];
        if (!stage) continue;
        const action = parse(readFileSync(join(root, 'actions', stage, 'action.yml'), 'utf8')) as {
          inputs: Record<string, { default?: unknown } | null>;
        };
        for (const [name, value] of Object.entries(step.with ?? {})) {
          const from = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(String(value))?.[1];
          if (!from) continue;
          const wd = inputs[from]?.default;
          const sd = action.inputs[name]?.default;
          out.push({
            key: `${file} ${job} ${stage}.${name}`,
            workflowDefault: wd === undefined ? undefined : String(wd),
            stageDefault: sd === undefined || sd === null ? undefined : String(sd),
          });
        }
      }
    }
  }
  return out;
}

describe('reusable workflows pass their own defaults on to the stages', () => {
  const all = pairs();

  it('finds the pairs (the check is not vacuous)', () => {
    expect(all.map((p) => p.key)).toContain('test.yml plan test-matrix.config');
  });

  // no stage default: the workflow's value is simply the value; '' reads as not given
  const compared = all.filter(
    (p) => !(p.key in ON_PURPOSE) && p.stageDefault !== undefined && !!p.workflowDefault,
  );
  it.each(compared.map((p) => [p.key, p] as const))('%s: the same default as the stage', (_, p) => {
    expect(p.workflowDefault).toBe(p.stageDefault);
  });

  it.each(Object.keys(ON_PURPOSE))('%s still differs on purpose (else drop it from the list)', (key) => {
    const p = all.find((x) => x.key === key);
    expect(p).toBeDefined();
    expect(p?.workflowDefault).not.toBe(p?.stageDefault);
  });
});
