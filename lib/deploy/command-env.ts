// The environment the user's commands on a server get (script, before/after-switch,
// health-command): the `env` input, plus names the deploy stages set themselves.
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';

/** Set by the action for every user command; `env` may not redefine them. */
export const BUILTIN_ENV = [
  'RELEASE_ID',
  'PREVIOUS_RELEASE_ID',
  'APP_DIR',
  'RELEASE_DIR',
  'DEPLOY_HOST',
  'DEPLOY_IMAGE',
  'GIT_SHA',
  // the file a script writes step outputs to (lib/ssh/script.ts)
  'OPS_OUTPUT',
] as const;

/**
 * Reads the `env` input (KEY=value lines), refusing the names in `builtin` (BUILTIN_ENV, or a stage's
 * longer list when it sets more names).
 */
export function readCommandEnv(
  inputs: Inputs,
  name = 'env',
  builtin: readonly string[] = BUILTIN_ENV,
): Record<string, string> {
  const env = inputs.keyValues(name);
  for (const key of Object.keys(env)) {
    if (builtin.includes(key)) {
      throw new ConfigurationError(
        name,
        `${key} is set by the action for every command (${builtin.join(', ')}); choose another name.`,
        `${name}: |\n  APP_ENV=production`,
      );
    }
  }
  return env;
}
