import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendHistoryScript,
  currentRelease,
  foldHistory,
  type HistoryEntry,
  historyPath,
  markEntry,
  parseHistory,
  readHistoryScript,
  reusedReleaseError,
  rollbackTarget,
} from '../../../lib/deploy/history.js';

const t = (n: number) => `2025-01-01T00:00:${String(n).padStart(2, '0')}Z`;
const deployed = (id: string, n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  outcome: 'deployed',
  time: t(n),
  strategy: 'compose',
  image: `app:${id}`,
  ...extra,
});

describe('history file', () => {
  it('lives in <app-dir>/.ops-actions/history.jsonl', () => {
    expect(historyPath('/srv/app')).toBe('/srv/app/.ops-actions/history.jsonl');
  });

  it('append and read scripts work on a real directory, with hostile values kept intact', () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-hist-')), "my app's dir");
    const evil: HistoryEntry = deployed('r1', 1, { note: `'$(touch /tmp/pwned-hist)\`x\`\n"quoted"` });
    execFileSync('sh', ['-c', appendHistoryScript(app, evil)]);
    execFileSync('sh', [
      '-c',
      appendHistoryScript(app, markEntry('r1', 'bad', { time: t(2), actor: 'octocat' })),
    ]);
    const text = execFileSync('sh', ['-c', readHistoryScript(app)], { encoding: 'utf8' });
    expect(text).toBe(readFileSync(historyPath(app), 'utf8'));
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    const { entries, invalidLines } = parseHistory(text);
    expect(invalidLines).toEqual([]);
    expect(entries[0]).toEqual(evil);
    expect(entries[1]).toEqual({ id: 'r1', outcome: 'bad', time: t(2), actor: 'octocat' });
    expect(() => execFileSync('test', ['-e', '/tmp/pwned-hist'])).toThrow();
    // no file yet: empty output, success
    expect(execFileSync('sh', ['-c', readHistoryScript('/nonexistent/app')], { encoding: 'utf8' })).toBe('');
  });

  it('skips lines that are not entries', () => {
    const { entries, invalidLines } = parseHistory(
      `${JSON.stringify(deployed('a', 1))}\nnot json\n{"id":"x"}\n\n`,
    );
    expect(entries.map((e) => e.id)).toEqual(['a']);
    expect(invalidLines).toEqual([2, 3]);
  });
});

describe('current release and rollback target', () => {
  it('current is the newest deployed; rollback goes to the newest healthy one before it', () => {
    const releases = foldHistory([deployed('a', 1), deployed('b', 2), deployed('c', 3)]);
    expect(currentRelease(releases)?.id).toBe('c');
    expect(rollbackTarget(releases)?.id).toBe('b');
  });

  it('skips bad, failed and rolled-back releases', () => {
    const releases = foldHistory([
      deployed('a', 1),
      deployed('b', 2),
      markEntry('b', 'bad', { time: t(3) }),
      { ...deployed('c', 4), outcome: 'failed' },
      deployed('d', 5),
    ]);
    expect(currentRelease(releases)?.id).toBe('d');
    expect(rollbackTarget(releases)?.id).toBe('a');
    expect(releases.find((r) => r.id === 'b')?.record.image).toBe('app:b');
  });

  it('after a rollback, current is the re-deployed release and the next rollback goes further back', () => {
    const history = [
      deployed('a', 1),
      deployed('b', 2),
      deployed('c', 3),
      markEntry('c', 'rolled-back', { time: t(4) }),
      markEntry('b', 'deployed', { time: t(5), note: 'rollback' }),
    ];
    const releases = foldHistory(history);
    expect(currentRelease(releases)?.id).toBe('b');
    expect(rollbackTarget(releases)?.id).toBe('a');
    // a new deploy after that: the rolled-back c is skipped
    const later = foldHistory([...history, deployed('d', 6)]);
    expect(currentRelease(later)?.id).toBe('d');
    expect(rollbackTarget(later)?.id).toBe('b');
  });

  it('a release marked bad while running is still current (it is what runs)', () => {
    const releases = foldHistory([deployed('a', 1), deployed('b', 2), markEntry('b', 'bad', { time: t(3) })]);
    expect(currentRelease(releases)?.id).toBe('b');
    expect(rollbackTarget(releases)?.id).toBe('a');
  });

  it('nothing to roll back to', () => {
    expect(rollbackTarget(foldHistory([deployed('a', 1)]))).toBeUndefined();
    expect(currentRelease(foldHistory([]))).toBeUndefined();
  });
});

describe('a release id is used once', () => {
  it('an id that went live before is refused, naming when and by which run', () => {
    const history = [deployed('a', 1, { runId: '900' }), deployed('b', 2)];
    expect(reusedReleaseError(history, 'a')).toMatch(
      /^release a already exists on this host \(deployed at 2025-01-01T00:00:01Z by run 900\): give each deploy its own release-id/,
    );
    expect(reusedReleaseError(history, 'b')).toMatch(/release b already exists/);
    expect(reusedReleaseError([...history, markEntry('a', 'bad')], 'a')).toMatch(/already exists/);
  });
  it('a new id, or the id of a deploy that failed and was undone (a re-run), is accepted', () => {
    const history = [deployed('a', 1), { ...deployed('b', 2), outcome: 'failed' as const }];
    expect(reusedReleaseError(history, 'c')).toBeUndefined();
    expect(reusedReleaseError(history, 'b')).toBeUndefined();
    expect(reusedReleaseError([], 'a')).toBeUndefined();
  });
});
