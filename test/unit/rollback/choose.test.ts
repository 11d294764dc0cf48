import { describe, expect, it } from 'vitest';
import {
  chooseForHost,
  currentOf,
  decide,
  describeReleases,
  NoRollbackTargetError,
  releaseMatches,
} from '../../../actions/rollback/choose.js';
import { foldHistory } from '../../../lib/deploy/history.js';
import { deployLine, markLine, SHA, snap } from './fixtures.js';

const PREVIOUS = { kind: 'previous' } as const;
const named = (value: string) => ({ kind: 'named', value }) as const;
const img = (v: string) => `reg.example.com/shop:${v}`;

describe('currentOf', () => {
  it('compose: the release whose image the env file holds; by image when the env file was changed by hand', () => {
    const h = [deployLine('v1', img('v1')), deployLine('v2', img('v2'))];
    expect(currentOf('compose', snap(h, { image: img('v2') })).ref).toMatchObject({
      id: 'v2',
      image: img('v2'),
    });
    expect(currentOf('compose', snap(h, { image: img('v1') })).ref).toMatchObject({ id: 'v1' });
    expect(currentOf('compose', snap(h, { image: img('v9') })).ref).toEqual({
      id: undefined,
      image: img('v9'),
      source: 'server',
    });
    expect(currentOf('compose', snap(h)).ref.id).toBe('v2');
    expect(() => currentOf('compose', snap([]))).toThrow(/nothing was deployed here/);
  });

  it('release: what current points to, known to the history or not', () => {
    const h = [deployLine('r1'), deployLine('r2')];
    expect(currentOf('release', snap(h, { currentRelease: 'r1' })).ref).toMatchObject({
      id: 'r1',
      source: 'history',
    });
    expect(currentOf('release', snap(h, { currentRelease: 'r0' })).ref).toEqual({
      id: 'r0',
      source: 'server',
    });
    expect(() => currentOf('release', snap(h))).toThrow(/there is no 'current' link/);
  });
});

describe('chooseForHost: zero-downtime (blue-green) releases', () => {
  const blueGreen = [
    { ...deployLine('v1', img('v1')), color: 'blue' },
    { ...deployLine('v2', img('v2')), color: 'green' },
  ];

  it('refuses, naming deploy-ssh and the image to deploy instead (nothing changed)', () => {
    const call = () => chooseForHost('compose', snap(blueGreen), PREVIOUS);
    expect(call).toThrow(NoRollbackTargetError);
    expect(call).toThrow(
      `deploy@10.0.0.1: release v2 runs with zero-downtime (blue-green, as green); rollback does not switch colors`,
    );
    expect(call).toThrow(
      `actions/deploy-ssh and the same zero-downtime inputs, image: ${img('v1')} (release v1)`,
    );
    expect(() => chooseForHost('compose', snap(blueGreen), named('v1'))).toThrow(/blue-green, as green/);
  });

  it('has nothing to refuse when nothing would change', () => {
    expect(chooseForHost('compose', snap(blueGreen), named('v2')).noop).toBe(true);
    expect(chooseForHost('compose', snap(blueGreen), PREVIOUS, { onlyFrom: 'v1' }).noop).toBe(true);
  });

  it('a plain compose release after blue-green ones rolls back as usual', () => {
    const h = [...blueGreen, deployLine('v3', img('v3'))];
    expect(chooseForHost('compose', snap(h, { image: img('v3') }), PREVIOUS).to.id).toBe('v2');
  });
});

describe('chooseForHost: previous', () => {
  it('the newest release before the current one that is still deployed, skipping bad, failed and rolled-back ones', () => {
    const h = [
      deployLine('v1', img('v1')),
      deployLine('v2', img('v2')),
      deployLine('v3', img('v3')),
      markLine('v3', 'bad'),
      deployLine('v4', img('v4')),
      markLine('v2', 'rolled-back'),
      { ...deployLine('v5', img('v5')), outcome: 'failed' as const },
    ];
    const c = chooseForHost('compose', snap(h, { image: img('v4') }), PREVIOUS);
    expect(c.from).toMatchObject({ id: 'v4' });
    expect(c.to).toEqual({ id: 'v1', image: img('v1'), sha: SHA, outcome: 'deployed', source: 'history' });
    expect(c.noop).toBe(false);
  });

  it('after a rollback (v2 bad, v1 deployed again), previous from v1 does not return to v2', () => {
    const h = [
      deployLine('v0', img('v0')),
      deployLine('v1', img('v1')),
      deployLine('v2', img('v2')),
      markLine('v2', 'bad'),
      deployLine('v1', img('v1')),
    ];
    expect(chooseForHost('compose', snap(h, { image: img('v1') }), PREVIOUS).to.id).toBe('v0');
    // and a newer deploy after that goes back to v1, not the bad v2
    const later = [...h, deployLine('v3', img('v3'))];
    expect(chooseForHost('compose', snap(later, { image: img('v3') }), PREVIOUS).to.id).toBe('v1');
  });

  it('compose skips a release with the same image as the current one', () => {
    const h = [deployLine('a', img('1')), deployLine('b', img('2')), deployLine('c', img('2'))];
    expect(chooseForHost('compose', snap(h, { image: img('2') }), PREVIOUS).to.id).toBe('a');
  });

  it('release skips releases keep-releases removed, saying so', () => {
    const h = [deployLine('r1'), deployLine('r2'), deployLine('r3')];
    const c = chooseForHost(
      'release',
      snap(h, { currentRelease: 'r3', releaseDirs: ['r1', 'r3'] }),
      PREVIOUS,
    );
    expect(c.to.id).toBe('r1');
    expect(c.notes).toEqual(['skipped release r2: no longer in releases/ (keep-releases removed it)']);
  });

  it('only one release: refused, naming what the history holds', () => {
    const attempt = () =>
      chooseForHost('compose', snap([deployLine('v1', img('v1'))], { image: img('v1') }), PREVIOUS);
    expect(attempt).toThrow(NoRollbackTargetError);
    expect(attempt).toThrow(
      'deploy@10.0.0.1: nothing to roll back to: no release deployed before v1 is still good (releases marked bad, failed or rolled back are skipped). The history of this app directory: v1 (deployed, running now).',
    );
  });

  it('no history at all: the GitHub candidate, or a refusal that mentions it', () => {
    const github = { deploymentId: 7, release: 'r1', image: undefined, sha: SHA };
    const c = chooseForHost(
      'release',
      snap([], { currentRelease: 'r2', releaseDirs: ['r1', 'r2'] }),
      PREVIOUS,
      { github },
    );
    expect(c.to).toEqual({ id: 'r1', image: undefined, sha: SHA, source: 'github' });
    expect(c.notes[0]).toContain('GitHub deployment 7');
    // the GitHub release is gone from the host
    expect(() =>
      chooseForHost('release', snap([], { currentRelease: 'r2', releaseDirs: ['r2'] }), PREVIOUS, { github }),
    ).toThrow(/nothing to roll back to/);
    expect(() => chooseForHost('release', snap([], { currentRelease: 'r2' }), PREVIOUS)).toThrow(
      /With github-token and environment, the last successful GitHub deployment is used/,
    );
    // compose needs the image from the payload
    const composeCandidate = { deploymentId: 8, release: 'v1', image: img('v1'), sha: undefined };
    expect(
      chooseForHost('compose', snap([], { image: img('v2') }), PREVIOUS, { github: composeCandidate }).to
        .image,
    ).toBe(img('v1'));
    expect(() =>
      chooseForHost('compose', snap([], { image: img('v2') }), PREVIOUS, {
        github: { ...composeCandidate, image: undefined },
      }),
    ).toThrow(NoRollbackTargetError);
  });
});

describe('chooseForHost: a named release', () => {
  const h = [
    deployLine('20250101T000000Z-aaaaaaa', img('1.0.0'), 'a'.repeat(40)),
    deployLine('20250102T000000Z-bbbbbbb', img('1.1.0'), 'b'.repeat(40)),
    markLine('20250102T000000Z-bbbbbbb', 'bad'),
    deployLine('20250103T000000Z-ccccccc', img('1.2.0'), 'c'.repeat(40)),
  ];
  const s = snap(h, { image: img('1.2.0') });

  it('by release id, image tag, whole image reference or git sha', () => {
    expect(chooseForHost('compose', s, named('20250101T000000Z-aaaaaaa')).to.id).toBe(
      '20250101T000000Z-aaaaaaa',
    );
    expect(chooseForHost('compose', s, named('1.0.0')).to.id).toBe('20250101T000000Z-aaaaaaa');
    expect(chooseForHost('compose', s, named(img('1.0.0'))).to.id).toBe('20250101T000000Z-aaaaaaa');
    expect(chooseForHost('compose', s, named('aaaaaaa')).to.id).toBe('20250101T000000Z-aaaaaaa');
    expect(chooseForHost('compose', s, named('a'.repeat(40))).to.id).toBe('20250101T000000Z-aaaaaaa');
  });

  it('a release marked bad can be named, with a note; the current one is nothing to do', () => {
    const bad = chooseForHost('compose', s, named('1.1.0'));
    expect(bad.notes).toEqual([
      "release 20250102T000000Z-bbbbbbb is marked bad in the history; going back to it because 'to' names it",
    ]);
    expect(chooseForHost('compose', s, named('1.2.0')).noop).toBe(true);
  });

  it('an unknown name is refused, listing the history', () => {
    expect(() => chooseForHost('compose', s, named('9.9.9'))).toThrow(
      "deploy@10.0.0.1: no release matches to: '9.9.9' (a release id, image tag or git sha). The history of this app directory: 20250101T000000Z-aaaaaaa (deployed), 20250102T000000Z-bbbbbbb (marked bad), 20250103T000000Z-ccccccc (deployed, running now).",
    );
  });

  it('release: a directory on the host the history does not know; a release in the history whose directory is gone', () => {
    const rs = snap([deployLine('r1'), deployLine('r2')], {
      currentRelease: 'r2',
      releaseDirs: ['r0', 'r2'],
    });
    expect(chooseForHost('release', rs, named('r0')).to).toEqual({ id: 'r0', source: 'server' });
    expect(() => chooseForHost('release', rs, named('r1'))).toThrow(
      /release r1 is in the history but no longer in releases\//,
    );
  });
});

describe('releaseMatches', () => {
  it('never matches a short or non-hex sha', () => {
    const r = { id: 'x', image: 'a/b:1', sha: 'abcdef0123', source: 'history' } as const;
    expect(releaseMatches(r, 'abcdef')).toBeUndefined();
    expect(releaseMatches(r, 'abcdef0')).toBe('sha');
    expect(releaseMatches(r, 'ABCDEF0')).toBe('sha');
    expect(releaseMatches(r, '1')).toBe('image');
    expect(releaseMatches({ ...r, image: 'a/b@sha256:' + 'f'.repeat(64) }, 'sha256:' + 'f'.repeat(64))).toBe(
      'image',
    );
  });
});

describe("chooseForHost with 'from'", () => {
  it('a host running another release is left as it is; one running it rolls back', () => {
    const h = [deployLine('v0', img('v0')), deployLine('v1', img('v1')), deployLine('v2', img('v2'))];
    // the deploy of v2 failed on b and was undone there: b runs v1
    const a = chooseForHost('compose', snap(h, { image: img('v2'), host: 'a' }), PREVIOUS, {
      onlyFrom: 'v2',
    });
    const b = chooseForHost('compose', snap(h, { image: img('v1'), host: 'b' }), PREVIOUS, {
      onlyFrom: 'v2',
    });
    expect([a.noop, a.to.id]).toEqual([false, 'v1']);
    expect([b.noop, b.notes]).toEqual([true, ["runs v1, not v2 ('from'): left as it is"]]);
    const d = decide('compose', [a, b]);
    expect([d.to.id, d.from]).toEqual(['v1', ['v2']]);
    // by image too
    expect(
      chooseForHost('compose', snap(h, { image: img('v2') }), PREVIOUS, { onlyFrom: img('v2') }).noop,
    ).toBe(false);
  });
});

describe('decide', () => {
  const h = [deployLine('v1', img('v1')), deployLine('v2', img('v2'))];
  it('every host goes to the same release; hosts already on it are left alone', () => {
    const a = chooseForHost('compose', snap(h, { image: img('v2'), host: 'a' }), named('v1'));
    const b = chooseForHost('compose', snap(h, { image: img('v1'), host: 'b' }), named('v1'));
    const d = decide('compose', [a, b]);
    expect(d.to.id).toBe('v1');
    expect(d.from).toEqual(['v2']);
    expect(d.hosts.map((c) => c.noop)).toEqual([false, true]);
  });

  it('refuses hosts that disagree, asking for an explicit release', () => {
    const a = chooseForHost('compose', snap(h, { image: img('v2'), host: 'a' }), PREVIOUS);
    const b = chooseForHost(
      'compose',
      snap([...h, deployLine('v3', img('v3'))], { image: img('v3'), host: 'b' }),
      PREVIOUS,
    );
    expect(() => decide('compose', [a, b])).toThrow(
      "The hosts do not agree on the release to roll back to: a → v1, b → v2. Name the release with 'to'",
    );
  });
});

describe('describeReleases', () => {
  it('the newest ten, oldest first', () => {
    const h = Array.from({ length: 12 }, (_, i) => deployLine(`r${i}`));
    expect(describeReleases(foldHistory(h), 'r11')).toBe(
      '…, r2 (deployed), r3 (deployed), r4 (deployed), r5 (deployed), r6 (deployed), r7 (deployed), r8 (deployed), r9 (deployed), r10 (deployed), r11 (deployed, running now)',
    );
    expect(describeReleases([])).toBe('no releases');
  });
});
