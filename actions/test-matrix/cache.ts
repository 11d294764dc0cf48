import { existsSync } from 'node:fs';
import * as cache from '@actions/cache';
import { errorMessage } from '../../lib/errors.js';

/** What main restored, saved as state for the post step. */
export interface CacheState {
  component: string;
  key: string;
  restoreKey: string;
  paths: string[];
  /** The key that was restored ('' when nothing was). */
  restoredKey: string;
}

export interface CacheLog {
  info: (line: string) => void;
  warning: (line: string) => void;
}

/**
 * Restores a component's dependency folders. Caching only ever speeds a job up: when the cache
 * service is missing (a self-hosted or local runner), down or refuses, we warn and go on.
 */
export async function restoreDependencies(
  state: Omit<CacheState, 'restoredKey'>,
  log: CacheLog,
): Promise<CacheState> {
  const none = { ...state, restoredKey: '' };
  if (state.paths.length === 0) {
    log.info(`${state.component}: nothing to cache for this package manager.`);
    return none;
  }
  if (!cache.isFeatureAvailable()) {
    log.warning(
      'The Actions cache service is not available on this runner (no ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL): dependencies are not cached.',
    );
    return none;
  }
  try {
    const restoredKey = await cache.restoreCache([...state.paths], state.key, [state.restoreKey]);
    if (restoredKey)
      log.info(
        `${state.component}: restored ${restoredKey}${restoredKey === state.key ? '' : ' (near miss)'}.`,
      );
    else log.info(`${state.component}: no cache restored for ${state.key}.`);
    return { ...state, restoredKey: restoredKey ?? '' };
  } catch (error) {
    log.warning(
      `Could not restore the dependency cache ${state.key}: ${errorMessage(error)}. Continuing without it.`,
    );
    return none;
  }
}

/** Saves the folders under the key unless it was an exact hit; failures are warnings. */
export async function saveDependencies(
  state: CacheState,
  log: CacheLog,
): Promise<'saved' | 'skipped' | 'failed'> {
  if (state.restoredKey === state.key) {
    log.info(`${state.component}: cache ${state.key} was restored exactly; not saving it again.`);
    return 'skipped';
  }
  const paths = state.paths.filter((p) => existsSync(p));
  if (paths.length === 0) {
    log.info(`${state.component}: none of ${state.paths.join(', ')} exists; nothing to save.`);
    return 'skipped';
  }
  if (!cache.isFeatureAvailable()) {
    log.warning(
      'The Actions cache service is not available on this runner: the dependency cache is not saved.',
    );
    return 'failed';
  }
  try {
    const id = await cache.saveCache(paths, state.key);
    if (id === -1) {
      log.warning(`The dependency cache ${state.key} was not saved (see the messages above).`);
      return 'failed';
    }
    log.info(`${state.component}: saved ${state.key}.`);
    return 'saved';
  } catch (error) {
    log.warning(`Could not save the dependency cache ${state.key}: ${errorMessage(error)}.`);
    return 'failed';
  }
}
