import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lib/errors.js';
import { fail, run } from '../../../lib/run.js';
import { captureStdout } from '../../helpers/capture-stdout.js';

describe('run', () => {
  afterEach(() => {
    process.exitCode = undefined;
    delete process.env['STATE_ops-actions-is-post'];
    delete process.env['GITHUB_STATE'];
  });

  it('runs main; a thrown string still fails the step', async () => {
    const out = await captureStdout(() =>
      run(async () => {
        throw 'plain string';
      }),
    );
    expect(out).toEqual(['::error::plain string']);
    expect(process.exitCode).toBe(1);
  });

  it('a ConfigurationError says the configuration must change', async () => {
    const out = await captureStdout(() => fail(new ConfigurationError('url', 'is required.')));
    expect(out).toEqual(["::error::Configuration error — Input 'url': is required."]);
  });

  it('runs post instead of main when the saved state says so; a failing post only warns', async () => {
    process.env['STATE_ops-actions-is-post'] = 'true';
    const calls: string[] = [];
    const out = await captureStdout(() =>
      run(
        async () => {
          calls.push('main');
        },
        async () => {
          calls.push('post');
          throw new Error('cleanup failed');
        },
      ),
    );
    expect(calls).toEqual(['post']);
    expect(out).toEqual(['::warning::Post step: cleanup failed']);
    expect(process.exitCode).toBe(1);
  });

  it('a stage with post saves the state main needs to be told apart from post', async () => {
    const calls: string[] = [];
    const out = await captureStdout(() =>
      run(
        async () => {
          calls.push('main');
        },
        async () => {
          calls.push('post');
        },
      ),
    );
    expect(calls).toEqual(['main']);
    // without GITHUB_STATE, core writes the legacy command
    expect(out).toEqual(['::save-state name=ops-actions-is-post::true']);
    expect(process.exitCode).toBeUndefined();
  });
});
