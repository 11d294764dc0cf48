import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createdTime, headCommitTime } from '../../../actions/build-push/created.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const notGit = mkdtempSync(join(tmpdir(), 'bp-created-'));
const now = () => new Date('2030-01-01T00:00:00Z');

describe('the created label time', () => {
  it('SOURCE_DATE_EPOCH first, when it is a number of seconds', () => {
    expect(createdTime({ SOURCE_DATE_EPOCH: '1700000000' }, {}, SHA, notGit, now).date.toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(createdTime({ SOURCE_DATE_EPOCH: 'soon' }, {}, SHA, notGit, now).date).toEqual(now());
  });
  it("a push event's head commit time when the commit is not checked out", () => {
    const payload = { head_commit: { id: SHA, timestamp: '2025-01-02T04:04:05+01:00' } };
    const c = createdTime({}, payload, SHA, notGit, now);
    expect(c.date.toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect(c.source).toContain('event payload');
    expect(headCommitTime({ head_commit: { id: 'other', timestamp: '2025-01-02T03:04:05Z' } }, SHA)).toBe(
      undefined,
    );
  });
  it('else the build time, saying every build gets a new digest', () => {
    const c = createdTime({}, {}, SHA, notGit, now);
    expect(c.date).toEqual(now());
    expect(c.source).toMatch(/^the build time: .*every build gets a new digest/);
  });
});
