// The one bundle every stage runs from (see scripts/build.mjs). The shim must be the first
// import: it defines the CommonJS globals that bundled dependencies read at import time.
import './shim.js';
import { run, type StageModule } from './run.js';

/** Each stage is imported lazily, so a stage loads only its own code. */
const stages: Record<string, () => Promise<StageModule>> = {
  'smoke-test': () => import('../actions/smoke-test/main.js'),
  'deploy-koyeb': () => import('../actions/deploy-koyeb/main.js'),
  'test-matrix': () => import('../actions/test-matrix/main.js'),
  'build-push': () => import('../actions/build-push/main.js'),
  'deploy-ssh': () => import('../actions/deploy-ssh/main.js'),
  migrate: () => import('../actions/migrate/main.js'),
  rollback: () => import('../actions/rollback/main.js'),
  notify: () => import('../actions/notify/main.js'),
};

export async function start(stage: string): Promise<void> {
  const load = stages[stage];
  if (!load) throw new Error(`ops-actions: unknown stage '${stage}'`);
  const mod = await load();
  await run(mod.main, mod.post);
}
