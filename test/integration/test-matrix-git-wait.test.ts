// Issue #14 point 7: test-matrix's git waits end. In a shallow checkout, finding a merge base
// fetches the history from origin; an origin that accepts the connection and never answers must
// not hold the step: the step's cancel signal stops git at once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeBase } from '../../actions/test-matrix/git.js';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

const sockets: Socket[] = [];
let stalled: Server | undefined;
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (stalled ? stalled.close(() => r()) : r()));
});

describe('git merge-base in a shallow checkout, origin stalled', () => {
  it('the step’s abort signal ends the wait', async () => {
    // origin: main with three commits, feature forked from the first
    const origin = mkdtempSync(join(tmpdir(), 'ops-git-origin-'));
    git(origin, 'init', '-q', '-b', 'main');
    for (const n of [1, 2, 3]) {
      writeFileSync(join(origin, 'f.txt'), `${n}\n`);
      git(origin, 'add', '.');
      git(origin, 'commit', '-q', '-m', `c${n}`);
    }
    git(origin, 'checkout', '-q', '-b', 'feature', 'HEAD~2');
    writeFileSync(join(origin, 'g.txt'), 'feature\n');
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', 'feature');
    const feature = git(origin, 'rev-parse', 'HEAD');
    const main = git(origin, 'rev-parse', 'main');
    // the checkout: one commit of each, no history between them
    const clone = mkdtempSync(join(tmpdir(), 'ops-git-clone-'));
    git(clone, 'clone', '-q', '--depth=1', '--no-single-branch', `file://${origin}`, '.');
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    // origin now answers nothing: accepts, then silence
    stalled = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => stalled?.listen(0, '127.0.0.1', () => r()));
    const address = stalled.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    git(clone, 'remote', 'set-url', 'origin', `http://127.0.0.1:${port}/repo.git`);

    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('the step was cancelled (SIGINT)')), 1000).unref();
    const started = Date.now();
    await expect(mergeBase(clone, main, feature, { signal: ac.signal })).rejects.toThrow(
      /the step was cancelled/,
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(sockets.length).toBeGreaterThan(0); // git did wait on the stalled origin
  }, 30_000);
});
