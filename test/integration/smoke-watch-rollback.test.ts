// Issue 16's bad day, end to end on the real sshd, Docker Engine and registry, each stage bundled and
// run as the runner runs it: deploy-ssh (compose) ships v1, then v2; smoke-test with `watch` passes v2,
// then v2 starts answering 500 — the watch fails, rollback (target ssh, as `if: failure()` would)
// brings v1 back, and notify posts both the failed watch and the rollback to a webhook.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../actions/smoke-test/report.js';
import { runAction } from '../harness/run-action.js';
import { expectNoSecrets } from '../helpers/no-secrets.js';
import { registryInputs, removeAppDir, sshInputs, uniqueAppDir, writeComposeApp } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { buildWebImage, composeDown, httpGet, webComposeFile } from '../helpers/web-image.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const repo = `ops-watch/web-${randomBytes(3).toString('hex')}`;
const images: Record<string, string> = {};
let appDir = '';
let rx: WebhookReceiver;

/**
 * v2's application: /cgi-bin/health answers 200 "v2" to its first 6 requests, then 500 — a release
 * that passed its gate and broke a little later (counted in requests, not seconds, so a slow
 * machine cannot make it break before the gate).
 */
const TURNS_BAD = {
  'cgi-bin/health': [
    '#!/bin/busybox sh',
    'n=0; [ -e /requests ] && read n < /requests; n=$((n + 1)); echo "$n" > /requests',
    'if [ "$n" -gt 6 ]; then',
    "  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\ndatabase pool exhausted\\n'",
    'else',
    "  printf 'Content-Type: text/plain\\r\\n\\r\\nv2\\n'",
    'fi',
    '',
  ].join('\n'),
};

beforeAll(async () => {
  images['v1'] = buildWebImage(repo, 'v1', {
    files: { 'cgi-bin/health': "#!/bin/busybox sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\nv1\\n'\n" },
  });
  images['v2'] = buildWebImage(repo, 'v2', { files: TURNS_BAD });
  rx = await startWebhookReceiver();
});

afterAll(async () => {
  if (appDir) {
    composeDown(appDir);
    removeAppDir(appDir);
  }
  await rx?.close();
});

describe('smoke-test watch → rollback → notify', () => {
  it('v2 passes, turns to 500 during the watch; rollback restores v1; notify reports both', async () => {
    const port = await freePort();
    appDir = uniqueAppDir('watch');
    // init: true forwards SIGTERM to busybox httpd (PID 1), so a replaced container stops at once
    writeComposeApp(
      appDir,
      webComposeFile(port).replace('    network_mode: host\n', '    network_mode: host\n    init: true\n'),
    );
    for (const v of ['v1', 'v2']) {
      const d = await runAction('deploy-ssh', {
        inputs: {
          ...sshInputs(),
          ...registryInputs(),
          strategy: 'compose',
          'app-dir': appDir,
          image: images[v],
          'release-id': v,
          'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
          'health-timeout': '20s',
        },
        timeoutMs: 170_000,
      });
      expect(d.exitCode, d.log).toBe(0);
    }
    expect(await httpGet(port, '/cgi-bin/health')).toBe('v2\n');

    // the watch: v2 passes the gate (request 2) and 4 rounds, then answers 500
    const t0 = Date.now();
    const smoke = await runAction('smoke-test', {
      inputs: {
        url: `http://127.0.0.1:${port}/cgi-bin/health`,
        watch: '30s',
        interval: '300ms',
        'failure-threshold': '3',
      },
      timeoutMs: 60_000,
    });
    const smokeMs = Date.now() - t0;
    expect(smoke.exitCode, smoke.log).toBe(1);
    expect(smokeMs).toBeLessThan(15_000); // failed right after it turned, not after the 30 s watch
    const report = JSON.parse(smoke.outputs['report'] ?? '{}') as Report;
    expect(report.passed).toBe(false);
    expect(report.watch).toMatchObject({ outcome: 'failed' });
    expect(report.watch, smoke.log).toMatchObject({ passedRounds: 4, rounds: 7 });
    expect(report.watch?.failures).toEqual([
      expect.objectContaining({ status: 500, error: expect.stringContaining('database pool exhausted') }),
    ]);
    const failedAt = Number(smoke.outputs['watch-failed-at-ms']);
    expect(failedAt).toBeGreaterThanOrEqual(7 * 300);
    expect(failedAt).toBeLessThan(10_000);
    expect(smoke.summary).toContain('Smoke test failed during the watch');
    expect(smoke.errors.join('\n')).toContain('Smoke test passed at first, then failed its watch.');

    // rollback, as deploy.yml's `if: failure()` step runs it
    const rb = await runAction('rollback', {
      inputs: {
        ...sshInputs(),
        ...registryInputs(),
        target: 'ssh',
        strategy: 'compose',
        'app-dir': appDir,
        'health-command': `curl -fsS http://127.0.0.1:${port}/cgi-bin/health`,
        'health-timeout': '15s',
        'health-interval': '500ms',
        reason: "the smoke test's watch failed",
      },
      timeoutMs: 170_000,
    });
    expect(rb.exitCode, rb.log).toBe(0);
    expect(rb.outputs['rolled-back-from']).toBe('v2');
    expect(rb.outputs['rolled-back-to']).toBe('v1');
    // the previous image serves again
    expect(await httpGet(port, '/health')).toBe('v1\n');
    expect(await httpGet(port, '/cgi-bin/health')).toBe('v1\n');

    // notify, with both steps' reports, as deploy.yml passes them
    const n = await runAction('notify', {
      inputs: {
        status: 'failure',
        environment: 'production',
        'webhook-url': rx.url('/hook/watch'),
        'smoke-test-report': smoke.outputs['report'],
        'rollback-report': JSON.stringify(rb.outputs),
      },
      timeoutMs: 60_000,
    });
    expect(n.exitCode, n.log).toBe(0);
    expect(n.outputs['delivered']).toBe('true');
    const posted = rx.received.filter((r) => r.path === '/hook/watch');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.problems).toEqual([]);
    const body = posted[0]?.body ?? '';
    expect(body).toMatch(
      /Smoke test failed during the watch, \d+\.\ds after go-live: 1 of 1 check \(\d+ of \d+ rounds passed\)/,
    );
    expect(body).toContain('(HTTP 500): broke during the watch');
    expect(body).toContain('Rolled back to v1 from v2 in');
    expectNoSecrets(smoke, { registryMasked: false }); // smoke-test never gets the registry password
    expectNoSecrets(rb);
  });
});
