import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseForHost, decide } from '../../../actions/rollback/choose.js';
import { formatPlan, planHost } from '../../../actions/rollback/plan.js';
import { parseSnapshot, snapshotScript } from '../../../actions/rollback/snapshot.js';
import {
  DEFAULT_COMPOSE,
  registryLoginCommand,
  restoreImageScript,
  setImageScript,
  upCommand,
} from '../../../lib/deploy/compose.js';
import { appendHistoryScript } from '../../../lib/deploy/history.js';
import {
  finishUploadScript,
  prepareReleaseScript,
  switchCurrentScript,
} from '../../../lib/deploy/release.js';
import { deployLine, markLine, SHA, snap, sshConfig } from './fixtures.js';

const ctx = {
  token: 'tok',
  reason: 'smoke test failed',
  run: { runId: '1000', runAttempt: '1', actor: 'octocat', repository: 'acme/shop' },
  now: new Date('2025-03-14T10:15:00Z'),
};
const img = (v: string) => `reg.example.com/shop:${v}`;
const S = { ...DEFAULT_COMPOSE, appDir: '/srv/shop' };

describe('planHost, strategy compose', async () => {
  const config = await sshConfig({
    strategy: 'compose',
    'health-command': 'curl -fsS http://127.0.0.1:8080/health',
    'registry-username': 'ci',
    'registry-password': 'secret',
  });
  const history = [deployLine('v1', img('v1')), deployLine('v2', img('v2'))];
  const choice = chooseForHost('compose', snap(history, { image: img('v2') }), { kind: 'previous' });

  it('login (password on stdin) before anything changes; then the image, up --wait and the health gate; undo puts v2 back', () => {
    const plan = planHost(config, choice, ctx);
    expect(plan.prepare).toEqual([
      {
        kind: 'exec',
        title: 'docker login reg.example.com',
        command: registryLoginCommand('reg.example.com', 'ci'),
        stdin: 'registry-password',
        registry: true,
      },
    ]);
    expect(plan.activate).toEqual([
      { kind: 'exec', title: `set IMAGE=${img('v1')} in .env`, command: setImageScript(S, img('v1')) },
      { kind: 'exec', title: 'docker compose up -d --remove-orphans --wait', command: upCommand(S) },
      { kind: 'health', title: 'health-command', gate: config.health, cwd: '/srv/shop' },
    ]);
    expect(plan.undo).toEqual([
      { kind: 'exec', title: `restore .env (IMAGE=${img('v2')})`, command: restoreImageScript(S) },
      {
        kind: 'exec',
        title: `docker compose up the image that ran before, ${img('v2')}`,
        command: upCommand(S),
      },
    ]);
    expect(plan.env).toEqual({
      RELEASE_ID: 'v1',
      PREVIOUS_RELEASE_ID: 'v2',
      APP_DIR: '/srv/shop',
      DEPLOY_HOST: 'deploy@10.0.0.1',
      DEPLOY_IMAGE: img('v1'),
      GIT_SHA: SHA,
    });
  });

  it('records v2 bad and v1 deployed again, with who and why', () => {
    expect(planHost(config, choice, ctx).record).toEqual([
      {
        id: 'v2',
        outcome: 'bad',
        time: '2025-03-14T10:15:00.000Z',
        runId: '1000',
        runAttempt: '1',
        actor: 'octocat',
        repository: 'acme/shop',
        host: 'deploy@10.0.0.1',
        note: 'rolled back to v1: smoke test failed',
      },
      {
        id: 'v1',
        outcome: 'deployed',
        time: '2025-03-14T10:15:00.000Z',
        strategy: 'compose',
        image: img('v1'),
        sha: SHA,
        runId: '1000',
        runAttempt: '1',
        actor: 'octocat',
        repository: 'acme/shop',
        host: 'deploy@10.0.0.1',
        previous: 'v2',
        note: 'rollback from v2: smoke test failed',
      },
    ]);
  });

  it('a host already on the release gets no steps', () => {
    const noop = chooseForHost('compose', snap(history, { image: img('v1') }), {
      kind: 'named',
      value: 'v1',
    });
    const plan = planHost(config, noop, ctx);
    expect([plan.prepare, plan.activate, plan.undo, plan.record]).toEqual([[], [], [], []]);
  });
});

describe('planHost, strategy release', async () => {
  const config = await sshConfig({
    strategy: 'release',
    'health-command': './bin/check',
    'after-switch': 'sudo systemctl reload app',
  });
  const history = [deployLine('r1'), deployLine('r2'), markLine('r2', 'bad'), deployLine('r3')];
  const choice = chooseForHost(
    'release',
    snap(history, { currentRelease: 'r3', releaseDirs: ['r1', 'r2', 'r3'] }),
    {
      kind: 'previous',
    },
  );

  it('the gate inside the release before the switch; after-switch after it; undo switches back and reloads r3', () => {
    const plan = planHost(config, choice, ctx);
    expect(choice.to.id).toBe('r1');
    expect(plan.prepare).toEqual([
      { kind: 'health', title: 'health-command', gate: config.health, cwd: '/srv/shop/releases/r1' },
    ]);
    expect(plan.activate).toEqual([
      {
        kind: 'exec',
        title: 'switch current → releases/r1',
        command: switchCurrentScript('/srv/shop', 'r1', 'tok'),
      },
      {
        kind: 'script',
        title: 'after-switch',
        script: 'sudo systemctl reload app',
        cwd: '/srv/shop/releases/r1',
      },
    ]);
    expect(plan.undo).toEqual([
      {
        kind: 'exec',
        title: 'switch current back → releases/r3',
        command: switchCurrentScript('/srv/shop', 'r3', 'tok'),
      },
      {
        kind: 'script',
        title: 'after-switch (the release that ran before)',
        script: 'sudo systemctl reload app',
        cwd: '/srv/shop/releases/r3',
        env: {
          RELEASE_ID: 'r3',
          RELEASE_DIR: '/srv/shop/releases/r3',
          PREVIOUS_RELEASE_ID: 'r1',
          GIT_SHA: SHA,
        },
      },
    ]);
    expect(plan.env['RELEASE_DIR']).toBe('/srv/shop/releases/r1');
    expect(plan.record.map((e) => [e.id, e.outcome])).toEqual([
      ['r3', 'bad'],
      ['r1', 'deployed'],
    ]);
  });

  it('the dry-run text names the release, every command, what is recorded and the undo', () => {
    const plan = planHost(config, choice, ctx);
    const text = formatPlan(config, decide('release', [choice]), [plan]);
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Roll back (strategy release, app-dir /srv/shop) from r3 to r1, 1 host(s).',
      '',
      'Host deploy@10.0.0.1: runs r3 now',
      '  1. Lock /srv/shop/.ops-actions/lock (wait up to 600s) and read the release state again',
      '  2. health-command (in /srv/shop/releases/r1; every 2s for up to 60s)',
    ]);
    expect(text).toContain('  3. switch current → releases/r1');
    expect(text).toContain('(goes live here)');
    expect(text).toContain('        r3: bad (rolled back to r1: smoke test failed)');
    expect(text).toContain('  On failure after going live:\n     - switch current back → releases/r3');
  });

  it('dry-run: migrate-down comes after the checks and before the first host goes live', () => {
    const plan = planHost(config, choice, ctx);
    const text = formatPlan(config, decide('release', [choice]), [plan], 'migrate-down: revert 0003_b (sql)');
    expect(text).toContain(
      '  3. migrate-down: revert 0003_b (sql) (once for all hosts, before any host goes live)\n  4. switch current → releases/r1',
    );
  });
});

describe('the state snapshot, run by a real shell', () => {
  const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  it('release: history, current and the release directories (unfinished uploads left out)', async () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-rb-snap-')), 'app');
    const config = await sshConfig({ strategy: 'release', 'app-dir': app });
    expect(parseSnapshot('h', sh(snapshotScript(config)))).toEqual({
      host: 'h',
      state: { history: [], currentRelease: undefined, image: undefined },
      releaseDirs: [],
    });
    for (const id of ['r1', 'r2']) {
      sh(prepareReleaseScript(app, id, 't'));
      sh(finishUploadScript(app, id, 't'));
      sh(appendHistoryScript(app, { id, outcome: 'deployed', time: 't', strategy: 'release' }));
    }
    sh(prepareReleaseScript(app, 'r3', 'half'));
    sh(switchCurrentScript(app, 'r2', 't'));
    const s = parseSnapshot('h', sh(snapshotScript(config)));
    expect(s.state.currentRelease).toBe('r2');
    expect(s.state.history.map((e) => e.id)).toEqual(['r1', 'r2']);
    expect(s.releaseDirs).toEqual(['r1', 'r2']);
  });

  it('compose: history and the image of the env file', async () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-rb-snap-')), 'app');
    const config = await sshConfig({ strategy: 'compose', 'app-dir': app });
    sh(`mkdir -p '${app}'`);
    sh(setImageScript({ ...DEFAULT_COMPOSE, appDir: app }, img('v1')));
    const s = parseSnapshot('h', sh(snapshotScript(config)));
    expect(s).toEqual({
      host: 'h',
      state: { history: [], currentRelease: undefined, image: img('v1'), images: { IMAGE: img('v1') } },
    });
  });
});
