import * as core from '@actions/core';
import { ConfigurationError, errorMessage } from './errors.js';
import { POST_STATE } from './post-gate.js';

/** What a stage's main.ts exports. */
export interface StageModule {
  main: () => Promise<void>;
  post?: () => Promise<void>;
}

/**
 * The entry wrapper every stage uses. The first run is `main`; when action.yml declares `post:`
 * with the same file, the runner runs it again at the end of the job with the state saved here,
 * and `post` runs instead. Any thrown value — an Error, a string, anything — fails the step with a
 * readable message; a ConfigurationError says it is the input that must change.
 */
export async function run(main: () => Promise<void>, post?: () => Promise<void>): Promise<void> {
  const isPost = core.getState(POST_STATE) === 'true';
  try {
    if (isPost) {
      if (post) await post();
      return;
    }
    if (post) core.saveState(POST_STATE, 'true');
    await main();
  } catch (error) {
    fail(error, isPost);
  }
}

export function fail(error: unknown, isPost = false): void {
  if (error instanceof ConfigurationError) {
    core.setFailed(`Configuration error — ${error.message}`);
    return;
  }
  const message = errorMessage(error);
  if (error instanceof Error && error.stack && core.isDebug()) core.debug(error.stack);
  if (isPost) {
    // A failing clean-up must be visible, but the job's result was decided by the main step.
    core.warning(`Post step: ${message}`);
    process.exitCode = 1;
    return;
  }
  core.setFailed(message);
}
