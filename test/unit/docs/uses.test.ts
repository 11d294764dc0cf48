// Every `uses:` a user can copy — from README.md, each actions/<stage>/README.md, examples/ and the
// reusable workflows — resolves the way the runner resolves it (repository root + path +
// action.yml, then runs.main/pre/post relative to that file), and passes only inputs that
// action.yml declares. The checks themselves are in test/unit/workflows/workflow-check.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../harness/run-action.js';
import { runStep } from '../workflows/run-step.js';
import {
  checkSnippets,
  checkWorkflow,
  loadContracts,
  parseUses,
  readmeFiles,
  workflowFiles,
} from '../workflows/workflow-check.js';

const contracts = loadContracts(repoRoot);
const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');

/** Every `uses:` value in a file (YAML or the ```yaml blocks of Markdown). */
function usesIn(file: string): string[] {
  return [...read(file).matchAll(/uses:\s*['"]?([^\s'"#]+)/g)].map((m) => m[1] ?? '');
}

describe('every uses: users copy resolves', () => {
  it.each(readmeFiles(repoRoot))('%s', (file) => {
    expect(usesIn(file).length, `${file} shows no uses:`).toBeGreaterThan(0);
    expect(checkSnippets(file, read(file), contracts)).toEqual([]);
  });

  it.each(workflowFiles(repoRoot))('$file', ({ file, example }) => {
    expect(checkWorkflow(file, read(file), contracts, { example })).toEqual([]);
  });

  it('the checker is not vacuous: it reads the yaml blocks and finds a broken one', () => {
    const md = [
      '```yaml',
      '- uses: org/ops-actions/deploy-ssh@v1',
      '  with: { hosts: a, app-dir: /srv/a, hostz: b }',
      '- uses: org/ops-actions/deploy-kubernetes@v1',
      '- uses: org/ops-actions/<stage>@v1',
      '```',
      '```yaml',
      'jobs: [',
      '```',
    ].join('\n');
    expect(checkSnippets('X.md', md, contracts)).toEqual([
      expect.stringMatching(/^X\.md:1 \(yaml block 1\) \[0\]: deploy-ssh has no input 'hostz'/),
      "X.md:1 (yaml block 1) [1]: org/ops-actions/deploy-kubernetes@v1: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under 'deploy-kubernetes'",
      expect.stringMatching(/^X\.md:7 \(yaml block 2\): YAML: /),
    ]);
  });
});

describe('the form users were promised', () => {
  const userFacing = [...readmeFiles(repoRoot), ...workflowFiles(repoRoot).map((f) => f.file)];

  it('README, the stage READMEs, examples and the workflows never use the long form org/ops-actions/actions/<stage>', () => {
    const long = userFacing.flatMap((file) =>
      usesIn(file)
        .filter((u) => /^org\/ops-actions\/actions\//i.test(u) || /^\$\/actions\//.test(u))
        .map((u) => `${file}: ${u}`),
    );
    expect(long).toEqual([]);
  });

  it('the short form org/ops-actions/<stage>@v1 is what README.md shows first', () => {
    expect(usesIn('README.md')[0]).toBe('org/ops-actions/smoke-test@v1');
  });

  it('the reusable workflows call the stages with $/<stage>: the commit of the workflow itself, never a moving @v1', () => {
    for (const file of ['.github/workflows/deploy.yml', '.github/workflows/test.yml']) {
      const ours = usesIn(file).filter((u) => parseUses(u).kind === 'action');
      expect(ours.length, file).toBeGreaterThan(0);
      for (const u of ours) expect(u, file).toMatch(/^\$\/[a-z-]+$/);
    }
  });
});

describe('the root action.yml (uses: org/ops-actions@v1)', () => {
  const text = read('action.yml');
  const stages = [...contracts.actions.keys()].filter((k) => k.startsWith('actions/')).map((k) => k.slice(8));

  it('names every stage, by its short form, and nothing that is not a stage', () => {
    const named = [...text.matchAll(/\b([a-z]+(?:-[a-z]+)*)@\$\{REF\}/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(stages.sort());
  });

  it('is an action the runner can load (no runs file missing)', () => {
    expect(contracts.actions.get('')?.problems).toEqual([]);
    expect((parse(text) as { runs: { using: string } }).runs.using).toBe('composite');
  });

  const script = (parse(text) as { runs: { steps: { run: string }[] } }).runs.steps[0]?.run ?? '';

  it('run as a step, fails at once with the exact line to copy for every stage, at the ref asked for', () => {
    const r = runStep(script, { REPO: 'acme/ops-actions', REF: 'v1.4.0' });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      "::error title=ops-actions::uses: acme/ops-actions@v1.4.0 is the repository root, not an action. Use one stage per step: uses: acme/ops-actions/<stage>@v1.4.0 (the list is in this step's log).",
    );
    for (const stage of stages) {
      expect(lines, stage).toContainEqual(
        expect.stringMatching(new RegExp(`^  uses: acme/ops-actions/${stage}@v1\\.4\\.0 +\\S`)),
      );
    }
  });

  it('without github.action_repository/action_ref (empty in some runners), names org/ops-actions@v1', () => {
    const r = runStep(script, { REPO: '', REF: '' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('  uses: org/ops-actions/deploy-ssh@v1 ');
  });
});
