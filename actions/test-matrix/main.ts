import { homedir } from 'node:os';
import * as core from '@actions/core';
import { Inputs } from '../../lib/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import type { CacheState } from './cache.js';
import { cacheKeys, cachePaths, resolveCachePaths } from './cache-key.js';
import { parseTestMatrixInputs } from './inputs.js';
import { resolveTestMatrix, runnerContext } from './resolve.js';
import { renderSummary } from './summary.js';

export const CACHE_STATE = 'test-matrix-cache';
/** GitHub's limit on the jobs one matrix generates. */
const MAX_MATRIX_JOBS = 256;

export async function main(): Promise<void> {
  const inputs = await parseTestMatrixInputs(new Inputs());
  const ctx = runnerContext(process.env, { info: (l) => core.info(l), warning: (l) => core.warning(l) });
  const result = await core.group('Find the components and what changed', () =>
    resolveTestMatrix(inputs, ctx),
  );

  for (const d of result.decisions) {
    core.info(`${d.selected ? 'in ' : 'out'}  ${d.component.name} (${d.component.dir}): ${d.reason}`);
  }
  const names = result.matrix.include.map((e) => e.name);
  core.setOutput('matrix', JSON.stringify(result.matrix));
  core.setOutput('components', JSON.stringify(names));
  core.setOutput('has-components', String(names.length > 0));
  core.setOutput('base', result.base.mode === 'all' ? '' : result.base.base);
  if (names.length === 0) core.info('No component to test: has-components is false.');
  if (names.length > MAX_MATRIX_JOBS) {
    core.warning(
      `${names.length} components selected: a matrix runs at most ${MAX_MATRIX_JOBS} jobs. Group components in the config file or use exclude.`,
    );
  }

  const component = result.decisions[0]?.component;
  if (inputs.cache && component) {
    // @actions/cache and the Azure SDK under it (2.4 MB) load only when caching is on
    const { restoreDependencies } = await import('./cache.js');
    const keys = cacheKeys(component, ctx.os);
    const state = await core.group(`Restore the dependency cache of ${component.name}`, () =>
      restoreDependencies(
        {
          component: component.name,
          ...keys,
          paths: resolveCachePaths(cachePaths(component, result.root), homedir(), ctx.workspace),
        },
        { info: (l) => core.info(l), warning: (l) => core.warning(l) },
      ),
    );
    core.saveState(CACHE_STATE, JSON.stringify(state));
    core.setOutput('cache-hit', String(state.restoredKey === state.key));
  }

  await writeSummary(renderSummary(result));
}

/** Saves the dependency cache restored (or missed) by main, when `cache` was on. */
export async function post(): Promise<void> {
  const raw = core.getState(CACHE_STATE);
  if (!raw) return;
  const state = JSON.parse(raw) as CacheState;
  const { saveDependencies } = await import('./cache.js');
  await saveDependencies(state, { info: (l) => core.info(l), warning: (l) => core.warning(l) });
}
