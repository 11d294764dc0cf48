import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATE_DOCKER_CONFIG } from '../../../actions/build-push/prepare.js';
import { CACHE_STATE } from '../../../actions/test-matrix/main.js';
import { LOCK_RELEASED_STATE_KEY, LOCK_STATE_KEY } from '../../../lib/deploy/lock.js';
import { idlePost, POST_STATE, POST_WORK } from '../../../lib/post-gate.js';

const post = (state: Record<string, string>) => ({
  [`STATE_${POST_STATE}`]: 'true',
  ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
});

describe('idlePost: a post step with nothing to do, decided before the bundle loads', () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  afterEach(() => out.mockClear());

  it('uses the same state keys as the stages that save them', () => {
    expect(POST_WORK['deploy-ssh']).toMatchObject({
      when: [LOCK_STATE_KEY],
      doneWhen: LOCK_RELEASED_STATE_KEY,
    });
    expect(POST_WORK['rollback']).toMatchObject({
      when: [LOCK_STATE_KEY],
      doneWhen: LOCK_RELEASED_STATE_KEY,
    });
    expect(POST_WORK['build-push']?.when).toEqual([STATE_DOCKER_CONFIG]);
    expect(POST_WORK['test-matrix']?.when).toEqual([CACHE_STATE]);
  });

  it('a main step is never idle', () => {
    expect(idlePost('deploy-ssh', {})).toBe(false);
    expect(idlePost('deploy-ssh', { [`STATE_${LOCK_STATE_KEY}`]: '{}' })).toBe(false);
  });

  it('deploy-ssh: idle when no lock was taken or main released them; work when a lock may be held', () => {
    expect(idlePost('deploy-ssh', post({}))).toBe(true);
    expect(out).not.toHaveBeenCalled();
    expect(
      idlePost(
        'deploy-ssh',
        post({ [LOCK_STATE_KEY]: '{"appDir":"/a"}', [LOCK_RELEASED_STATE_KEY]: 'true' }),
      ),
    ).toBe(true);
    expect(out).toHaveBeenCalledWith('The deploy released its locks itself.\n');
    expect(idlePost('deploy-ssh', post({ [LOCK_STATE_KEY]: '{"appDir":"/a"}' }))).toBe(false);
  });

  it('build-push and test-matrix: work only when main saved something to undo or save', () => {
    expect(idlePost('build-push', post({}))).toBe(true);
    expect(out).toHaveBeenCalledWith('No registry login to undo.\n');
    expect(idlePost('build-push', post({ [STATE_DOCKER_CONFIG]: '/tmp/x' }))).toBe(false);
    expect(idlePost('test-matrix', post({}))).toBe(true);
    expect(idlePost('test-matrix', post({ [CACHE_STATE]: '{}' }))).toBe(false);
  });

  it('a stage it does not know is never idle (the stage decides)', () => {
    expect(idlePost('smoke-test', post({}))).toBe(false);
  });
});
