// Whether a post step has anything to do, decided from the saved state BEFORE the bundle loads.
// The runner runs every `post:` at the end of the job, `post-if: always()`; most of the time there is
// nothing left to undo (the deploy released its locks itself, no registry login, caching off). The
// starter dist/<stage>/index.js carries this file's compiled form inline (scripts/build.mjs) and
// asks it first, so such a post step costs a node start and one small file, not a bundle load.
//
// No imports here, on purpose: it must stand alone inside each starter.

/** Saved by lib/run.ts in every main step of a stage with a post step: the second run is the post step. */
export const POST_STATE = 'ops-actions-is-post';

/** What a stage's post step reads from the state its main step saved (core.saveState). */
export interface PostWork {
  /** The post step has work when one of these states is set… */
  when: readonly string[];
  /** …unless this one is 'true': main did the work itself. */
  doneWhen?: string;
  /** Printed when `doneWhen` is 'true'. */
  doneMessage?: string;
  /** Printed when none of `when` is set. */
  idleMessage?: string;
}

/**
 * Per stage with a `post:`. The keys are the stages' own (lib/deploy/lock.ts LOCK_STATE_KEY and
 * LOCK_RELEASED_STATE_KEY, build-push STATE_DOCKER_CONFIG, test-matrix CACHE_STATE); a unit test
 * checks they agree.
 */
export const POST_WORK: Readonly<Record<string, PostWork>> = {
  'deploy-ssh': {
    when: ['deploy-lock'],
    doneWhen: 'deploy-lock-released',
    doneMessage: 'The deploy released its locks itself.',
  },
  rollback: {
    when: ['deploy-lock'],
    doneWhen: 'deploy-lock-released',
    doneMessage: 'The rollback released its locks itself.',
  },
  'build-push': { when: ['docker-config'], idleMessage: 'No registry login to undo.' },
  'test-matrix': { when: ['test-matrix-cache'] },
};

/** What the runner passes for a saved state: STATE_<name>, as @actions/core's getState reads it. */
function state(env: Record<string, string | undefined>, name: string): string {
  return env[`STATE_${name}`] ?? '';
}

/**
 * True when this run is a post step with nothing to do (after printing why, as the stage would);
 * false for a main step, or a post step with work or a stage this file does not know.
 */
export function idlePost(stage: string, env: Record<string, string | undefined> = process.env): boolean {
  if (state(env, POST_STATE) !== 'true') return false;
  const work = POST_WORK[stage];
  if (!work) return false;
  if (work.doneWhen && state(env, work.doneWhen) === 'true') {
    if (work.doneMessage) process.stdout.write(`${work.doneMessage}\n`);
    return true;
  }
  if (work.when.some((name) => state(env, name) !== '')) return false;
  if (work.idleMessage) process.stdout.write(`${work.idleMessage}\n`);
  return true;
}
