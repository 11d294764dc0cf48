// Rolling deploys over 6 hosts (6 sshd instances on loopback, each host its own app dir through
// `{port}` in app-dir), strategy release, batch 2: the first host alone as the canary, then
// [2], [3, 4], [5, 6]. The 4th host's health check fails (a marker file in its app dir): the
// rollout stops, hosts 1–3 end on the previous release, 5–6 are untouched, the step fails and the
// summary shows each batch.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  asDeploy,
  currentTarget,
  lockExists,
  readHistoryFile,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
} from '../helpers/server.js';
import { startSshds } from '../helpers/sshd.js';

let ports: number[] = [];
let stopSshds: () => Promise<void> = async () => undefined;
let base: string;
let workspace: string;
const dirOf = (i: number): string => join(base, String(ports[i]));

beforeAll(async () => {
  const started = await startSshds(6);
  ports = started.ports;
  stopSshds = started.stop;
  base = uniqueAppDir('rolling');
  workspace = mkdtempSync(join(tmpdir(), 'ops-rolling-ws-'));
});

afterAll(async () => {
  await stopSshds();
  removeAppDir(base);
});

function deploy(id: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  mkdirSync(join(workspace, 'dist'), { recursive: true });
  writeFileSync(join(workspace, 'dist', 'VERSION'), id);
  return runAction('deploy-ssh', {
    workspace,
    inputs: {
      ...sshInputs(ports),
      strategy: 'release',
      'app-dir': `${base}/{port}`,
      'release-id': id,
      source: 'dist',
      'health-command': 'test ! -e "$APP_DIR/fail-health"',
      'health-timeout': '2s',
      'health-interval': '1s',
      'rolling-batch': '2',
      ...extra,
    },
    timeoutMs: 170_000,
  });
}

describe('rolling deploy (release strategy, 6 hosts, batch 2)', () => {
  it('deploys r1 batch by batch, the first host alone as the canary', async () => {
    const r = await deploy('r1');
    expect(r.exitCode, r.log).toBe(0);
    for (let i = 0; i < 6; i++) {
      expect(currentTarget(dirOf(i))).toBe('releases/r1');
      expect(readHistoryFile(dirOf(i)).map((e) => [e.id, e.outcome])).toEqual([['r1', 'deployed']]);
    }
    // batches really run one after the other
    const order = [
      'Batch 1 (canary): Activate (1 host)',
      'Batch 2: Activate (1 host)',
      'Batch 3: Activate (2 hosts)',
      'Batch 4: Activate (2 hosts)',
    ];
    const at = order.map((g) => r.log.indexOf(`::group::${g}`));
    expect(
      at.every((i) => i >= 0),
      r.log,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.summary).toContain('Rolling deploy: 4 batches');
    expect(r.summary).toMatch(/\| 1 \(canary\) \| deploy@127\.0\.0\.1:\d+ \| ✅ deployed \|/);
  });

  it('the 4th host fails its health check: hosts 1–3 back on r1, 5–6 untouched, step failed', async () => {
    asDeploy(`touch '${dirOf(3)}/fail-health'`);
    const history56 = [4, 5].map((i) => readHistoryFile(dirOf(i)));
    const r = await deploy('r2');
    expect(r.exitCode).toBe(1);

    // every host serves r1 again (or never left it)
    for (let i = 0; i < 6; i++) expect(currentTarget(dirOf(i)), `host ${i + 1}`).toBe('releases/r1');
    // 1–2 went live and were rolled back; r2 is removed everywhere
    for (const i of [0, 1]) {
      expect(readHistoryFile(dirOf(i)).map((e) => [e.id, e.outcome])).toEqual([
        ['r1', 'deployed'],
        ['r2', 'rolled-back'],
      ]);
    }
    for (let i = 0; i < 6; i++) expect(readdirSync(join(dirOf(i), 'releases'))).toEqual(['r1']);
    // 4 failed its health check, 3 (same batch) was stopped before going live
    expect(readHistoryFile(dirOf(3)).map((e) => [e.id, e.outcome])).toEqual([
      ['r1', 'deployed'],
      ['r2', 'failed'],
    ]);
    // 5–6: history unchanged, nothing uploaded, locks released
    expect([4, 5].map((i) => readHistoryFile(dirOf(i)))).toEqual(history56);
    for (let i = 0; i < 6; i++) expect(lockExists(dirOf(i))).toBe(false);

    const label = (i: number): string => `deploy@127.0.0.1:${ports[i]}`;
    const report = JSON.parse(r.outputs['report'] ?? '{}') as { hosts: { host: string; result: string }[] };
    expect(report.hosts.map((h) => h.result)).toEqual([
      'rolled-back',
      'rolled-back',
      'cancelled',
      'failed',
      'cancelled',
      'cancelled',
    ]);
    expect(r.outputs['hosts-succeeded']).toBe('');
    expect(r.summary).toContain(
      `**Rolling deploy stopped at batch 3 of 4**; rolled back: ${label(0)}, ${label(1)}; not started: ${label(4)}, ${label(5)}.`,
    );
    expect(r.summary).toContain(`| 3 | ${label(2)}, ${label(3)} | ❌ failed |`);
    expect(r.summary).toContain(`| 4 | ${label(4)}, ${label(5)} | ⏭️ not started |`);
    expect(r.summary).toContain(`| 1 (canary) | ${label(0)} | ❌ rolled back |`);
    expect(r.errors.join('\n')).toContain('the health-command did not pass');
  });

  it('a failure after going live in batch 3: its batch-mate that went live is rolled back too', async () => {
    asDeploy(`rm -f '${dirOf(3)}/fail-health' && touch '${dirOf(3)}/fail-after-switch'`);
    const history56 = [4, 5].map((i) => readHistoryFile(dirOf(i)));
    const r = await deploy('r3', {
      // fails for r3 only (after-switch runs again for r1 when a host is switched back)
      'after-switch': '[ "$RELEASE_ID" != r3 ] || test ! -e "$APP_DIR/fail-after-switch"',
    });
    expect(r.exitCode).toBe(1);
    for (let i = 0; i < 6; i++) expect(currentTarget(dirOf(i)), `host ${i + 1}`).toBe('releases/r1');
    for (const i of [0, 1, 2]) {
      expect(readHistoryFile(dirOf(i)).at(-1), `host ${i + 1}`).toMatchObject({
        id: 'r3',
        outcome: 'rolled-back',
      });
    }
    expect(readHistoryFile(dirOf(3)).at(-1)).toMatchObject({ id: 'r3', outcome: 'failed' });
    expect([4, 5].map((i) => readHistoryFile(dirOf(i)))).toEqual(history56);
    for (let i = 0; i < 6; i++) expect(readdirSync(join(dirOf(i), 'releases'))).toEqual(['r1']);
    const report = JSON.parse(r.outputs['report'] ?? '{}') as { hosts: { result: string }[] };
    expect(report.hosts.map((h) => h.result)).toEqual([
      'rolled-back',
      'rolled-back',
      'rolled-back',
      'failed',
      'cancelled',
      'cancelled',
    ]);
    // host 3 went live on r3 before it was switched back
    expect(r.log).toMatch(new RegExp(`\\[deploy@127\\.0\\.0\\.1:${ports[2]}\\] ✓ Batch 3: Activate`));
  });
});
