// The runner passes every input's action.yml `default:` as INPUT_<NAME>, given or not. Each
// strategy must accept the defaults of inputs that belong to another strategy.
import { describe, expect, it } from 'vitest';
import { actionDefaults } from '../../harness/run-action.js';
import { config } from './fixtures.js';

const defaults = actionDefaults('deploy-ssh');

describe('deploy-ssh with the defaults the runner passes', () => {
  it('action.yml declares defaults for strategy-specific inputs (what this test is about)', () => {
    expect(defaults).toMatchObject({ 'env-file': '.env', 'keep-releases': '5' });
  });

  it.each([
    ['script', { script: 'echo hi' }],
    ['compose', { image: '127.0.0.1:5000/shop/web:v2' }],
    ['release', { source: 'dist' }],
  ])('strategy %s accepts every default', async (strategy, extra) => {
    const c = await config({ ...defaults, strategy, ...extra });
    expect(c.strategy).toBe(strategy);
  });

  it('still rejects a non-default value of another strategy’s input', async () => {
    await expect(
      config({ ...defaults, strategy: 'release', source: 'dist', 'env-file': 'prod.env' }),
    ).rejects.toThrow(/only used by strategy 'compose'/);
  });
});
