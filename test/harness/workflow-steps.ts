// The `with:` of a step as a user's workflow gives it, read from the files users copy (a README's
// YAML blocks, a reusable workflow), with the reusable workflow's own `inputs.*` defaults evaluated
// the way the runner evaluates them — so a test runs a stage exactly as those files would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './run-action.js';

type With = Record<string, string>;
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
  jobs?: Record<string, { steps?: Step[] }>;
}

/** `org/ops-actions/<stage>@v1`, `org/ops-actions/actions/<stage>@v1`, or `$/<stage>` (this repository). */
function usesStage(uses: string | undefined, stage: string): boolean {
  return uses !== undefined && new RegExp(`(^\\$/|/)(actions/)?${stage}(@[^/]+)?$`).test(uses);
}

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Every step of a stage in the ```yaml blocks of a Markdown file, in order. */
export function readmeSteps(markdownFile: string, stage: string): With[] {
  const text = readFileSync(join(repoRoot, markdownFile), 'utf8');
  const out: With[] = [];
  for (const block of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    let doc: unknown;
    try {
      doc = parseYaml(block[1] ?? '');
    } catch {
      continue; // a fragment that is not a whole YAML document
    }
    collectSteps(doc, stage, out);
  }
  return out;
}

function collectSteps(node: unknown, stage: string, out: With[]): void {
  if (Array.isArray(node)) for (const n of node) collectSteps(n, stage, out);
  else if (node && typeof node === 'object') {
    const step = node as Step;
    if (usesStage(step.uses, stage)) {
      out.push(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, stringify(v)])));
    }
    for (const v of Object.values(node)) collectSteps(v, stage, out);
  }
}

/**
 * The `with:` a reusable workflow gives a stage when it is called with `callerInputs` (the other
 * `inputs.*` take the workflow's own defaults). Only `${{ inputs.NAME }}` values are evaluated; a
 * step whose `with:` holds any other expression is refused, so a test never runs half a guess.
 */
export function reusableWorkflowStep(
  workflowFile: string,
  stage: string,
  callerInputs: Record<string, string> = {},
): With {
  const wf = parseYaml(readFileSync(join(repoRoot, workflowFile), 'utf8')) as Workflow;
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(wf.on?.workflow_call?.inputs ?? {}))
    if (spec.default !== undefined) inputs[name] = stringify(spec.default);
  Object.assign(inputs, callerInputs);
  for (const job of Object.values(wf.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (!usesStage(step.uses, stage)) continue;
      const out: With = {};
      for (const [k, raw] of Object.entries(step.with ?? {})) {
        out[k] = stringify(raw).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
          const m = /^inputs\.([\w-]+)$/.exec(expr);
          if (!m) throw new Error(`${workflowFile}: cannot evaluate '${expr}' in the ${stage} step's ${k}`);
          return inputs[m[1] ?? ''] ?? '';
        });
      }
      return out;
    }
  }
  throw new Error(`${workflowFile} has no step that uses ${stage}`);
}
