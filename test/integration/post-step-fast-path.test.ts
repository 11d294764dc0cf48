// A post step with nothing to do must not load the stage: the starter dist/<stage>/index.js asks
// lib/post-gate (inlined in it) first. Checked the way it runs — the bundled starter on Node 24 with the saved
// state as STATE_* — with a module hook that lists every file of dist/ node loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionNode, repoRoot, runAction } from '../harness/run-action.js';

const tracer = join(mkdtempSync(join(tmpdir(), 'ops-post-trace-')), 'trace.mjs');
writeFileSync(
  tracer,
  `import { registerHooks } from 'node:module';
registerHooks({ load(url, ctx, next) { if (url.includes('/dist/')) process.stderr.write('loaded ' + url.split('/dist/')[1] + '\\n'); return next(url, ctx); } });
`,
);

/** Runs a stage's starter as the runner runs its post step; returns its output and the dist files it loaded. */
function post(
  stage: string,
  state: Record<string, string>,
): { code: number | null; out: string; loaded: string[] } {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    'STATE_ops-actions-is-post': 'true',
  };
  for (const [k, v] of Object.entries(state)) env[`STATE_${k}`] = v;
  const r = spawnSync(actionNode(stage), ['--import', tracer, join(repoRoot, 'dist', stage, 'index.js')], {
    env,
    encoding: 'utf8',
  });
  const lines = `${r.stdout}${r.stderr}`.split('\n');
  return {
    code: r.status,
    out: lines.filter((l) => !l.startsWith('loaded ')).join('\n'),
    loaded: lines.filter((l) => l.startsWith('loaded ')).map((l) => l.slice('loaded '.length)),
  };
}

describe('post steps with nothing to do do not load the stage', () => {
  it('deploy-ssh: after a deploy that released its locks, only the starter loads', () => {
    const r = post('deploy-ssh', {
      'deploy-lock': '{"appDir":"/srv/a","token":"t","hosts":["h"]}',
      'deploy-lock-released': 'true',
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('The deploy released its locks itself.');
    expect(r.loaded).toEqual(['deploy-ssh/index.js']);
  });

  it('rollback, build-push and test-matrix with nothing saved: nothing of the bundle loads', () => {
    for (const stage of ['rollback', 'build-push', 'test-matrix']) {
      const r = post(stage, {});
      expect(r.code, r.out).toBe(0);
      expect(r.loaded).toEqual([`${stage}/index.js`]);
    }
  });

  it('a post step with work to do loads the bundle and does it (a lock that may still be held)', () => {
    const r = post('deploy-ssh', { 'deploy-lock': '{"appDir":"/srv/a","token":"t","hosts":["h"]}' });
    expect(r.loaded).toContain('ops-actions/index.js');
  });

  it('the main step still runs the stage, through the harness', async () => {
    const r = await runAction('deploy-ssh', { inputs: {} });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain("Input 'strategy'");
  });
});
