import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSE, setImageScript } from '../../../lib/deploy/compose.js';
import { appendHistoryScript } from '../../../lib/deploy/history.js';
import { acquireLockScript, parseAcquireOutput } from '../../../lib/deploy/lock.js';
import {
  finishUploadScript,
  prepareReleaseScript,
  switchCurrentScript,
} from '../../../lib/deploy/release.js';
import { parseState, readStateScript } from '../../../lib/deploy/state.js';

const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

describe('reading the state in one round trip (run by a real shell)', () => {
  it('history, current release and image', () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-state-')), 'app');
    const compose = { ...DEFAULT_COMPOSE, appDir: app };
    expect(parseState(sh(readStateScript(app, { release: true, compose })))).toEqual({
      history: [],
      currentRelease: undefined,
      image: undefined,
      images: {},
    });
    sh(appendHistoryScript(app, { id: 'r1', outcome: 'deployed', time: 't', strategy: 'release' }));
    sh(prepareReleaseScript(app, 'r1', 'x'));
    sh(finishUploadScript(app, 'r1', 'x'));
    sh(switchCurrentScript(app, 'r1', 'x'));
    sh(setImageScript(compose, 'reg/app:1'));
    expect(parseState(sh(readStateScript(app, { release: true, compose })))).toEqual({
      history: [{ id: 'r1', outcome: 'deployed', time: 't', strategy: 'release' }],
      currentRelease: 'r1',
      image: 'reg/app:1',
      images: { IMAGE: 'reg/app:1' },
    });
    expect(parseState(sh(readStateScript(app))).currentRelease).toBeUndefined();
  });

  it('runs right after the lock is taken, and again for a second host of the same deploy sharing the directory', () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-state-')), 'app');
    const info = { token: 'tok', runId: '1' };
    const first = parseAcquireOutput(sh(acquireLockScript(app, info, 0, readStateScript(app))));
    expect(first).toMatchObject({ status: 'acquired', after: `@@ops-actions-state:history\n` });
    expect(first.status === 'acquired' && first.shared).toBeFalsy();
    const second = parseAcquireOutput(sh(acquireLockScript(app, info, 0, readStateScript(app))));
    expect(second).toMatchObject({ status: 'acquired', shared: true });
    const other = parseAcquireOutput(sh(acquireLockScript(app, { token: 'other' }, 0, readStateScript(app))));
    expect(other).toMatchObject({ status: 'held', holder: { token: 'tok', runId: '1' } });
    expect('after' in other).toBe(false);
  });
});
