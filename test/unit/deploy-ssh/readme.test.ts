import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDeployInputs } from '../../../actions/deploy-ssh/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { repoRoot } from '../../harness/run-action.js';
import { interpolate } from '../../harness/workflow-runner.js';
import { FP, KEY, RUN_ENV } from './fixtures.js';

const ED_PUB = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKCS3vup3zuwd5+TX2cQ5B5e3Vi9ifZT8GWeJnU6Bls3';
const readme = readFileSync(join(repoRoot, 'actions', 'deploy-ssh', 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** build-push's `metadata` output for two images, as the several-images example reads it. */
const METADATA = JSON.stringify(
  ['sori-api', 'sori-web'].map((n, i) => ({ image: `ghcr.io/acme/${n}@sha256:${String(i).repeat(64)}` })),
);

/** Stands in for the `${{ … }}` expressions the runner would evaluate. */
function evaluate(value: string): string {
  // an expression with a function call goes through GitHub's evaluator (a `{0}` inside breaks a regex)
  if (value.includes('format(')) {
    return interpolate(value, { steps: { build: { outputs: { metadata: METADATA } } } });
  }
  return value
    .replace(/\$\{\{ secrets\.DEPLOY_SSH_KEY \}\}/g, KEY)
    .replace(/\$\{\{ vars\.SSH_KNOWN_HOSTS \}\}/g, `203.0.113.10 ${ED_PUB}`)
    .replace(/\$\{\{ vars\.\w*FINGERPRINT \}\}/g, FP)
    .replace(/\$\{\{ [^}]+ \}\}/g, 'x0123456789');
}

describe('README examples', () => {
  it('has the four strategies (and zero-downtime compose, several images, GitHub deployments) as copy-paste examples', () => {
    expect(examples.length).toBe(7);
  });
  it.each(examples.map((e, i) => [i, e]))(
    'example %i is accepted by the input validation',
    async (_i, yaml) => {
      const steps = parse(yaml as string) as { uses?: string; with?: Record<string, string> }[];
      const step = steps.find((s) => s.uses === 'org/ops-actions/deploy-ssh@v1');
      expect(step?.with).toBeDefined();
      const inputs = Object.fromEntries(
        Object.entries(step?.with ?? {}).map(([k, v]) => [k, evaluate(String(v))]),
      );
      await expect(readDeployInputs(new Inputs(recordInputs(inputs)), RUN_ENV)).resolves.toBeDefined();
    },
  );
});
