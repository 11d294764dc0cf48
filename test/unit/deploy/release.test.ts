import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultReleaseId,
  finishUploadScript,
  linkSharedScript,
  parsePruned,
  parseReleaseId,
  parseSharedPaths,
  partialDir,
  prepareReleaseScript,
  pruneReleasesScript,
  readCurrentScript,
  releaseDir,
  switchCurrentScript,
} from '../../../lib/deploy/release.js';

const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

function newRelease(app: string, id: string, files: Record<string, string> = { VERSION: id }) {
  sh(prepareReleaseScript(app, id, 'tok'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(partialDir(app, id, 'tok'), name, '..'), { recursive: true });
    writeFileSync(join(partialDir(app, id, 'tok'), name), content);
  }
  sh(finishUploadScript(app, id, 'tok'));
}

describe('release ids and shared paths', () => {
  it('default id is time to the millisecond + short sha + run and attempt', () => {
    const run = { runId: '1000', runAttempt: '2' };
    expect(defaultReleaseId(new Date('2025-03-14T10:15:00.123Z'), '0123456789abcdef', run)).toBe(
      '20250314T101500.123Z-0123456-run1000.2',
    );
    expect(defaultReleaseId(new Date('2025-03-14T10:15:00Z'), undefined, {})).toBe('20250314T101500.000Z');
    expect(parseReleaseId(defaultReleaseId(new Date(), 'abc', run))).toBeTruthy();
  });
  it('two deploys of one commit in the same second get different default ids', () => {
    const sha = '0123456789abcdef';
    const run = { runId: '1000', runAttempt: '1' };
    // the same run deploying twice (two steps) within one second
    expect(defaultReleaseId(new Date('2025-03-14T10:15:00.100Z'), sha, run)).not.toBe(
      defaultReleaseId(new Date('2025-03-14T10:15:00.900Z'), sha, run),
    );
    // two runs (or a re-run) of the same commit in the same millisecond
    const at = new Date('2025-03-14T10:15:00.100Z');
    expect(defaultReleaseId(at, sha, run)).not.toBe(
      defaultReleaseId(at, sha, { runId: '1001', runAttempt: '1' }),
    );
    expect(defaultReleaseId(at, sha, run)).not.toBe(
      defaultReleaseId(at, sha, { runId: '1000', runAttempt: '2' }),
    );
  });
  it('rejects ids that are not a plain directory name', () => {
    expect(parseReleaseId('v1.2.3')).toBe('v1.2.3');
    for (const bad of ['', '../x', 'a/b', '-rf', 'a b', 'x.partial-1'])
      expect(() => parseReleaseId(bad)).toThrow(/Input 'release-id'/);
  });
  it('shared paths are relative, directories end with /', () => {
    expect(parseSharedPaths(['.env', 'storage/', './var/log/'])).toEqual([
      { path: '.env', directory: false },
      { path: 'storage', directory: true },
      { path: 'var/log', directory: true },
    ]);
    for (const bad of ['/etc/passwd', '../x', 'a/../b', '/'])
      expect(() => parseSharedPaths([bad])).toThrow(/Input 'shared'/);
  });
});

describe('release layout scripts (run by a real shell)', () => {
  it('prepare refuses an existing id and cleans up unfinished uploads', () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-rel-')), 'my app');
    newRelease(app, 'r1');
    expect(() => sh(prepareReleaseScript(app, 'r1', 'x'))).toThrow(/release r1 already exists/);
    mkdirSync(partialDir(app, 'r2', 'dead'));
    sh(prepareReleaseScript(app, 'r3', 'tok'));
    expect(existsSync(partialDir(app, 'r2', 'dead'))).toBe(false);
    expect(existsSync(partialDir(app, 'r3', 'tok'))).toBe(true);
  });

  it('switch is a symlink swap to releases/<id>, refusing a missing release', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-rel-'));
    newRelease(app, 'r1');
    newRelease(app, 'r2');
    expect(sh(readCurrentScript(app))).toBe('');
    sh(switchCurrentScript(app, 'r1', 't1'));
    expect(readlinkSync(join(app, 'current'))).toBe('releases/r1');
    expect(sh(readCurrentScript(app)).trim()).toBe('r1');
    sh(switchCurrentScript(app, 'r2', 't2'));
    expect(readFileSync(join(app, 'current', 'VERSION'), 'utf8')).toBe('r2');
    expect(() => sh(switchCurrentScript(app, 'nope', 't3'))).toThrow(/release nope is not in/);
    expect(readlinkSync(join(app, 'current'))).toBe('releases/r2');
    expect(execFileSync('ls', [app], { encoding: 'utf8' })).not.toContain('current.tmp');
    expect(switchCurrentScript('/srv/app', 'r2', 'tok')).toBe(
      "if [ ! -d /srv/app/releases/r2 ]; then echo 'ops-actions: release r2 is not in /srv/app/releases on this host' >&2; exit 1; fi && " +
        'ln -sfn releases/r2 /srv/app/current.tmp-tok && mv -Tf /srv/app/current.tmp-tok /srv/app/current',
    );
  });

  it('shared paths are linked, seeded from the first release, and kept across releases', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-rel-'));
    const shared = parseSharedPaths(['.env', 'storage/', 'var/cache/']);
    newRelease(app, 'r1', { VERSION: 'r1', 'storage/seed.txt': 'seed', '.env': 'FROM_RELEASE=1' });
    sh(linkSharedScript(app, 'r1', shared));
    expect(lstatSync(join(releaseDir(app, 'r1'), 'storage')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(app, 'shared', 'storage', 'seed.txt'), 'utf8')).toBe('seed');
    expect(readFileSync(join(app, 'shared', '.env'), 'utf8')).toBe('FROM_RELEASE=1');
    expect(existsSync(join(app, 'shared', 'var', 'cache'))).toBe(true);
    writeFileSync(join(app, 'shared', 'storage', 'upload.bin'), 'user data');
    newRelease(app, 'r2', { VERSION: 'r2', 'storage/seed.txt': 'new seed' });
    sh(linkSharedScript(app, 'r2', shared));
    expect(readFileSync(join(releaseDir(app, 'r2'), 'storage', 'upload.bin'), 'utf8')).toBe('user data');
    expect(readFileSync(join(releaseDir(app, 'r2'), 'storage', 'seed.txt'), 'utf8')).toBe('seed');
  });

  it('prune keeps the newest N and never the live release', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-rel-'));
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    ids.forEach((id, i) => {
      newRelease(app, id);
      const t = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(releaseDir(app, id), t, t);
    });
    sh(switchCurrentScript(app, 'r1', 't')); // an old release is live (after a rollback)
    const removed = parsePruned(sh(pruneReleasesScript(app, 2)));
    expect(removed.sort()).toEqual(['r2', 'r3']);
    expect(
      execFileSync('ls', [join(app, 'releases')], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean),
    ).toEqual(['r1', 'r4', 'r5']);
    // nothing to do, and no releases dir at all
    expect(parsePruned(sh(pruneReleasesScript(app, 5)))).toEqual([]);
    expect(sh(pruneReleasesScript('/nonexistent', 5))).toBe('');
  });
});

describe('removing a release', () => {
  it('never removes the live one', async () => {
    const { removeReleaseScript } = await import('../../../lib/deploy/release.js');
    const app = mkdtempSync(join(tmpdir(), 'ops-rel-'));
    newRelease(app, 'r1');
    newRelease(app, 'r2');
    sh(switchCurrentScript(app, 'r1', 't'));
    expect(() => sh(removeReleaseScript(app, 'r1'))).toThrow(/releases\/r1 is live; not removing it/);
    expect(existsSync(releaseDir(app, 'r1'))).toBe(true);
    sh(removeReleaseScript(app, 'r2'));
    expect(existsSync(releaseDir(app, 'r2'))).toBe(false);
  });
});
