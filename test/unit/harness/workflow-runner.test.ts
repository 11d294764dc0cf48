// The workflow interpreter's expression side (GitHub's @actions/expressions underneath): templates
// in with:/env:, if: with and without status functions, and how uses: resolves to a stage folder.
import { describe, expect, it } from 'vitest';
import { condition, interpolate, stageAction } from '../../harness/workflow-runner.js';

const ctx = {
  github: { ref_name: 'main', event_name: 'push', ref: 'refs/tags/v1.2.0' },
  env: { REGISTRY: '127.0.0.1:5000' },
  steps: {
    build: { outputs: { metadata: '[{"image":"a@sha256:1"},{"image":"b@sha256:2"}]' }, outcome: 'success' },
    smoke: { outputs: {}, outcome: 'failure' },
  },
  secrets: { A: '', B: 'token' },
};

describe('workflow-runner expressions', () => {
  it('evaluates templates: several parts, fromJSON indexing, || defaults, && ternaries', () => {
    expect(interpolate('${{ env.REGISTRY }}/xylo/api', ctx)).toBe('127.0.0.1:5000/xylo/api');
    expect(interpolate('B=${{ fromJSON(steps.build.outputs.metadata)[1].image }}', ctx)).toBe('B=b@sha256:2');
    expect(interpolate('${{ secrets.A || secrets.B }}', ctx)).toBe('token');
    expect(interpolate("${{ github.ref_name == 'main' && 'production' || 'staging' }}", ctx)).toBe(
      'production',
    );
    expect(interpolate("${{ 'a}}b' }}", ctx)).toBe('a}}b');
    expect(interpolate(true, ctx)).toBe('true');
    expect(interpolate('${{ steps.nope.outputs.x }}', ctx)).toBe('');
  });

  it('reads if: as the runner does: success() && … unless a status function is named', () => {
    expect(condition(undefined, ctx, 'success')).toBe(true);
    expect(condition(undefined, ctx, 'failure')).toBe(false);
    expect(condition("github.event_name == 'push'", ctx, 'failure')).toBe(false);
    expect(condition("${{ github.event_name == 'push' }}", ctx, 'success')).toBe(true);
    expect(condition("failure() && steps.smoke.outcome == 'failure'", ctx, 'failure')).toBe(true);
    expect(condition('failure()', ctx, 'success')).toBe(false);
    expect(condition('always()', ctx, 'failure')).toBe(true);
    expect(condition("startsWith(github.ref, 'refs/tags/v')", ctx, 'success')).toBe(true);
  });

  it('resolves uses: to an action folder of this repository, both forms; others are not stages', () => {
    expect(stageAction('org/ops-actions/deploy-ssh@v1')).toBe('deploy-ssh');
    expect(stageAction('org/ops-actions/actions/deploy-ssh@v1')).toBe('actions/deploy-ssh');
    expect(stageAction('$/smoke-test')).toBe('smoke-test');
    expect(stageAction('org/ops-actions/deploy-kubernetes@v1')).toBeUndefined();
    expect(stageAction('actions/checkout@v5')).toBeUndefined();
    expect(stageAction('org/ops-actions/.github/workflows/deploy.yml@v1')).toBeUndefined();
  });
});
