import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY_OUTPUT_NAMES, mergeScriptOutputs } from '../../../actions/deploy-ssh/outputs.js';
import { repoRoot } from '../../harness/run-action.js';

describe('deploy-ssh outputs', () => {
  it("the names a script may not set in $OPS_OUTPUT are exactly action.yml's outputs", () => {
    const yml = parse(readFileSync(join(repoRoot, 'actions', 'deploy-ssh', 'action.yml'), 'utf8')) as {
      outputs: Record<string, unknown>;
    };
    expect([...DEPLOY_OUTPUT_NAMES].sort()).toEqual(Object.keys(yml.outputs).sort());
  });

  it("merges the hosts' script outputs: the first host's value, and the names hosts disagree on", () => {
    expect(
      mergeScriptOutputs([
        { outputs: { version: '1', url: 'http://a' } },
        {},
        { outputs: { version: '1', url: 'http://c', extra: 'x' } },
      ]),
    ).toEqual({ values: { version: '1', url: 'http://a', extra: 'x' }, differing: ['url'] });
    expect(mergeScriptOutputs([])).toEqual({ values: {}, differing: [] });
  });
});
