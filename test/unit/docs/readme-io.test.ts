// Each action's README documents exactly the inputs and outputs its action.yml declares: the
// first column of the tables under `## Inputs` and `## Outputs` (up to the next heading).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../harness/run-action.js';

const actions = readdirSync(join(repoRoot, 'actions')).sort();

/** The backticked names in the first column of the tables in a README section (a cell may name several). */
function tableNames(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const rest = readme.slice(start + heading.length + 5);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const firstCells = [...section.matchAll(/^\|([^|]*)\|/gm)].map((m) => m[1] ?? '');
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] ?? '')).sort();
}

describe.each(actions)('actions/%s/README.md', (action) => {
  const yml = parse(readFileSync(join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
  const readme = readFileSync(join(repoRoot, 'actions', action, 'README.md'), 'utf8');

  it('documents every input of action.yml, and no other', () => {
    expect(tableNames(readme, 'Inputs')).toEqual(Object.keys(yml.inputs ?? {}).sort());
  });

  it('documents every output of action.yml, and no other', () => {
    expect(tableNames(readme, 'Outputs')).toEqual(Object.keys(yml.outputs ?? {}).sort());
  });
});
