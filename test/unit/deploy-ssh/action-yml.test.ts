import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDeployInputs } from '../../../actions/deploy-ssh/inputs.js';
import { Inputs } from '../../../lib/inputs.js';
import { readProvenanceInputs } from '../../../lib/provenance/inputs.js';
import { SSH_INPUT_NAMES } from '../../../lib/ssh/inputs.js';
import { repoRoot } from '../../harness/run-action.js';
import { BASE, FP, KEY, RUN_ENV } from './fixtures.js';

interface ActionYml {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
}
const yml = parse(readFileSync(join(repoRoot, 'actions', 'deploy-ssh', 'action.yml'), 'utf8')) as ActionYml;

/** Every input name the code reads for a set of configurations. */
async function namesRead(records: Record<string, string>[]): Promise<Set<string>> {
  const read = new Set<string>();
  for (const record of records) {
    const inputs = new Inputs((name) => {
      read.add(name);
      return (record[name] ?? '').trim();
    });
    await readDeployInputs(inputs, RUN_ENV);
    // main reads the provenance inputs beside the deploy inputs
    readProvenanceInputs(inputs, RUN_ENV);
  }
  return read;
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', async () => {
    const jump = {
      'jump-host': 'deploy@bastion',
      'jump-private-key': KEY,
      'jump-host-fingerprint': FP,
      'jump-passphrase': '',
    };
    const read = await namesRead([
      { ...BASE, ...jump, strategy: 'script', script: 'x', 'health-command': 'true' },
      { ...BASE, strategy: 'compose', image: 'a:1', 'registry-username': 'u', 'registry-password': 'p' },
      {
        ...BASE,
        strategy: 'compose',
        image: 'a:1',
        'verify-provenance': 'true',
        'provenance-repository': 'a/b',
      },
      { ...BASE, strategy: 'release', source: 'dist' },
    ]);
    expect([...read].sort()).toEqual(Object.keys(yml.inputs).sort());
    for (const name of SSH_INPUT_NAMES) expect(Object.keys(yml.inputs)).toContain(name);
  });

  it('every description states the default; runs node24 with a post step', () => {
    for (const [name, input] of Object.entries(yml.inputs)) {
      expect(input.description, name).toMatch(/Default: |Required/);
    }
    expect(yml.name).toBe('ops-actions: deploy-ssh');
    expect(yml.runs).toEqual({
      using: 'node24',
      main: '../../dist/deploy-ssh/index.js',
      post: '../../dist/deploy-ssh/index.js',
      'post-if': 'always()',
    });
    expect(Object.keys(yml.outputs).sort()).toEqual([
      'compose-command',
      'deployment-id',
      'github-deployment-id',
      'hosts-failed',
      'hosts-succeeded',
      'previous-image',
      'previous-images',
      'previous-release-id',
      'release-id',
      'report',
      'services',
    ]);
  });
});
