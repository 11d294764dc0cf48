// The bundled notify action, run as the runner runs it (dist/notify/index.js with INPUT_* variables
// and every action.yml default), against a local webhook receiver on 127.0.0.1 that checks each
// payload against the vendor's documented shape and scripts 429 / 500 replies.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import { type Received, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

type Inputs = Record<string, string | number | boolean | undefined>;

interface NotifyReport {
  status: string;
  title: string;
  delivered: boolean;
  targets: {
    target: string;
    kind: string;
    delivered: boolean;
    attempts: number;
    httpStatus: number | null;
    error: string | null;
  }[];
}

// What the stages' outputs look like, as a workflow passes them.
const deployReport = JSON.stringify({
  strategy: 'compose',
  releaseId: '20261204-101500-0123456',
  previousReleaseId: '20261203-090000-fedcba9',
  previousImage: '127.0.0.1:5000/shop@sha256:' + 'a'.repeat(64),
  appDir: '/srv/shop',
  image: '127.0.0.1:5000/shop@sha256:' + 'b'.repeat(64),
  dryRun: false,
  durationMs: 41_000,
  hosts: [
    {
      host: 'deploy@web-1:22',
      result: 'succeeded',
      durationMs: 40_000,
      releaseId: '20261204-101500-0123456',
      previousReleaseId: '20261203-090000-fedcba9',
    },
    {
      host: 'deploy@web-2:22',
      result: 'succeeded',
      durationMs: 41_000,
      releaseId: '20261204-101500-0123456',
      previousReleaseId: '20261203-090000-fedcba9',
    },
  ],
});
const smokeReport = JSON.stringify({
  passed: false,
  elapsedMs: 120_000,
  checks: [
    {
      name: 'health',
      method: 'GET',
      url: 'https://shop.example.com/health',
      passed: false,
      attempts: 9,
      consecutivePasses: 0,
      status: 503,
      latencyMs: 12,
      error: 'expected status 2xx, got 503',
    },
    {
      name: 'home',
      method: 'GET',
      url: 'https://shop.example.com/',
      passed: true,
      attempts: 1,
      consecutivePasses: 1,
      status: 200,
      latencyMs: 30,
      error: null,
    },
  ],
});
const rollbackOutputs = JSON.stringify({
  'rolled-back-from': '20261204-101500-0123456',
  'rolled-back-to': '20261203-090000-fedcba9',
  'duration-ms': '12400',
  'migrations-reverted': '',
});
const migrateOutputs = JSON.stringify({
  outcome: 'success',
  applied: '["0002_orders"]',
  'applied-count': '1',
  current: '0002_orders',
});

function parse(r: ActionResult): NotifyReport {
  const text = r.outputs['report'];
  if (!text) throw new Error(`no report output (exit ${r.exitCode}):\n${r.log}`);
  return JSON.parse(text) as NotifyReport;
}

function only(rx: WebhookReceiver, path: string): Received[] {
  return rx.received.filter((r) => r.path === path);
}

describe('notify action', () => {
  let rx: WebhookReceiver;
  let n = 0;
  let paths: { slack: string; discord: string; teams: string; hook: string };
  beforeAll(async () => {
    rx = await startWebhookReceiver();
  });
  afterAll(async () => {
    await rx.close();
  });
  beforeEach(() => {
    n++;
    // the path carries the "token", as the real URLs do: it must never reach the log
    paths = {
      slack: `/slack/services/T000/B00${n}/slacktoken${n}XyZ`,
      discord: `/discord/api/webhooks/12345${n}/discordtoken${n}AbC`,
      teams: `/teams/workflows/wf${n}/triggers/manual/paths/invoke`,
      hook: `/hook/deploys-${n}`,
    };
  });

  const notify = (inputs: Inputs): Promise<ActionResult> =>
    runAction('notify', { inputs, timeoutMs: 60_000 });

  it('posts a failed, rolled-back deploy to all four targets, each in its documented shape', async () => {
    const teamsUrl = `${rx.url(paths.teams)}?api-version=1&sig=teamsSig${n}Secret`;
    const r = await notify({
      status: 'failure',
      environment: 'production',
      'slack-webhook-url': rx.url(paths.slack),
      'discord-webhook-url': rx.url(paths.discord),
      'teams-webhook-url': teamsUrl,
      'webhook-url': rx.url(paths.hook),
      'webhook-secret': 'hmac-key-for-tests',
      'deploy-report': deployReport,
      'smoke-test-report': smokeReport,
      'rollback-report': rollbackOutputs,
      'migrate-report': migrateOutputs,
    });
    expect(r.exitCode, r.log).toBe(0);
    const report = parse(r);
    expect(report.delivered).toBe(true);
    expect(report.targets.map((t) => [t.kind, t.delivered, t.attempts])).toEqual([
      ['slack', true, 1],
      ['discord', true, 1],
      ['teams', true, 1],
      ['webhook', true, 1],
    ]);
    expect(report.title).toBe(
      'acme/shop: deploy of release 20261204-101500-0123456 to production failed — rolled back to 20261203-090000-fedcba9',
    );

    for (const path of Object.values(paths)) {
      const got = only(rx, path);
      expect(got, path).toHaveLength(1);
      expect(got[0]?.problems, path).toEqual([]);
    }
    const slack = JSON.parse(only(rx, paths.slack)[0]?.body ?? '') as {
      text: string;
      attachments: { color: string }[];
    };
    expect(slack.text).toContain('rolled back to 20261203-090000-fedcba9');
    expect(slack.attachments[0]?.color).toBe('#e01e5a');
    const slackBody = only(rx, paths.slack)[0]?.body ?? '';
    expect(slackBody).toContain('health (HTTP 503): expected status 2xx, got 503');
    expect(slackBody).toContain('https://github.com/acme/shop/actions/runs/1000');
    expect(slackBody).toContain('0002_orders');

    const discord = JSON.parse(only(rx, paths.discord)[0]?.body ?? '') as {
      embeds: { color: number; fields: { name: string; value: string }[]; url: string }[];
    };
    expect(discord.embeds[0]?.color).toBe(0xe01e5a);
    expect(discord.embeds[0]?.url).toBe('https://github.com/acme/shop/actions/runs/1000');
    expect(discord.embeds[0]?.fields).toContainEqual({
      name: 'Rollback',
      value: 'rolled back to 20261203-090000-fedcba9 from 20261204-101500-0123456 in 12.4s',
      inline: false,
    });

    const teams = only(rx, paths.teams)[0]?.body ?? '';
    expect(teams).toContain('"color":"Attention"');
    expect(teams).toContain('sha256:' + 'b'.repeat(64));

    // the generic webhook: signed over the raw body, GitHub-style
    const hook = only(rx, paths.hook)[0];
    const expected = `sha256=${createHmac('sha256', 'hmac-key-for-tests')
      .update(hook?.body ?? '')
      .digest('hex')}`;
    expect(hook?.headers['x-ops-signature-256']).toBe(expected);
    const payload = JSON.parse(hook?.body ?? '') as {
      status: string;
      fields: Record<string, string>;
      reports: { smokeTest: { failed: unknown[] } };
    };
    expect(payload.status).toBe('failure');
    expect(payload.fields['rolled_back_to']).toBe('20261203-090000-fedcba9');
    expect(payload.fields['hosts_succeeded']).toBe('deploy@web-1:22, deploy@web-2:22');
    expect(payload.reports.smokeTest.failed).toHaveLength(1);

    // the URLs (and the HMAC key) are masked, and never printed: not in the log, summary or outputs
    for (const secret of [
      rx.url(paths.slack),
      rx.url(paths.discord),
      teamsUrl,
      rx.url(paths.hook),
      'hmac-key-for-tests',
    ]) {
      expect(r.masked).toContain(secret);
      expect(r.log).not.toContain(secret);
      expect(r.summary).not.toContain(secret);
      expect(JSON.stringify(r.outputs)).not.toContain(secret);
    }
    for (const token of [`slacktoken${n}XyZ`, `discordtoken${n}AbC`, `teamsSig${n}Secret`]) {
      expect(r.log + r.summary).not.toContain(token);
    }
    expect(r.summary).toContain('notify: delivered to 4 of 4 targets');
    expect(r.summary).toMatch(/\| slack \(127\.0\.0\.1:\d+\) \| ✅ delivered \| 1 \| 200 \|/);
  });

  it('retries a 429 after its Retry-After and a 500, then delivers', async () => {
    rx.script(paths.slack, [
      { status: 429, headers: { 'Retry-After': '2' }, body: 'rate_limited' },
      { status: 500, body: 'internal_error' },
      { status: 200, body: 'ok' },
    ]);
    const r = await notify({
      status: 'success',
      'slack-webhook-url': rx.url(paths.slack),
      'deploy-report': deployReport,
    });
    expect(r.exitCode, r.log).toBe(0);
    const report = parse(r);
    expect(report.targets[0]).toMatchObject({ delivered: true, attempts: 3, httpStatus: 200 });
    const got = only(rx, paths.slack);
    expect(got).toHaveLength(3);
    // the wait after the 429 is the 2s the server asked for, not the 1s backoff
    const first = got[0]?.at ?? 0;
    const second = got[1]?.at ?? 0;
    expect(second - first).toBeGreaterThanOrEqual(1900);
    expect(r.log).toMatch(/attempt 1 failed \(HTTP 429: rate_limited\), retrying in 2\.0s/);
    expect(r.log).toMatch(/attempt 2 failed \(HTTP 500: internal_error\)/);
    expect(r.summary).toMatch(/✅ delivered \| 3 \| 200/);
  });

  it('a webhook that keeps failing warns and does not fail the step; the other targets are delivered', async () => {
    rx.script(paths.discord, [{ status: 500, body: 'boom' }]);
    const r = await notify({
      status: 'success',
      'slack-webhook-url': rx.url(paths.slack),
      'discord-webhook-url': rx.url(paths.discord),
      timeout: '3s',
    });
    expect(r.exitCode, r.log).toBe(0);
    const report = parse(r);
    expect(r.outputs['delivered']).toBe('false');
    const discord = report.targets.find((t) => t.kind === 'discord');
    expect(discord?.delivered).toBe(false);
    expect(discord?.attempts).toBeGreaterThan(1);
    expect(discord?.error).toMatch(/HTTP 500: boom \(gave up after \d+ attempts\)/);
    expect(report.targets.find((t) => t.kind === 'slack')?.delivered).toBe(true);
    expect(r.log).toMatch(/::warning::Notification not delivered to discord \(127\.0\.0\.1:\d+\): HTTP 500/);
    expect(r.summary).toContain('notify: delivered to 1 of 2 targets');
    expect(r.summary).toContain('❌ not delivered');
    expect(r.log).not.toContain(`discordtoken${n}AbC`);
  });

  it('with fail-on-error: true the same failure fails the step; a 4xx is not retried', async () => {
    rx.script(paths.slack, [{ status: 404, body: 'no_service' }]);
    const r = await notify({
      status: 'failure',
      'slack-webhook-url': rx.url(paths.slack),
      'fail-on-error': true,
    });
    expect(r.exitCode).toBe(1);
    expect(only(rx, paths.slack)).toHaveLength(1);
    expect(r.errors.join('\n')).toMatch(
      /Notification not delivered to slack \(127\.0\.0\.1:\d+\): HTTP 404: no_service/,
    );
    expect(r.log).not.toContain(`slacktoken${n}XyZ`);
  });

  it('a webhook that does not answer is cut off at request-timeout and retried', async () => {
    rx.script(paths.teams, [{ status: 202, delayMs: 5000 }, { status: 202 }]);
    const started = Date.now();
    const r = await notify({
      status: 'success',
      'teams-webhook-url': rx.url(paths.teams),
      'request-timeout': '500ms',
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(parse(r).targets[0]).toMatchObject({ delivered: true, attempts: 2, httpStatus: 202 });
    expect(r.log).toMatch(/attempt 1 failed \(no answer within 500ms \(request-timeout\)\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('dry-run prints every payload and sends nothing', async () => {
    const before = rx.received.length;
    const r = await notify({
      status: 'failure',
      'slack-webhook-url': rx.url(paths.slack),
      'webhook-url': rx.url(paths.hook),
      'smoke-test-report': smokeReport,
      'dry-run': true,
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(rx.received.length).toBe(before);
    expect(r.outputs['delivered']).toBe('false');
    expect(r.log).toContain('"color": "#e01e5a"');
    expect(r.log).toContain('"event": "ops-actions.notify"');
    expect(r.summary).toContain('notify (dry run): 2 messages built, none sent');
    expect(r.log + r.summary).not.toContain(`slacktoken${n}XyZ`);
  });

  it('substitutes the template placeholders in the message text', async () => {
    const r = await notify({
      status: 'success',
      environment: 'staging',
      'teams-webhook-url': rx.url(paths.teams),
      'deploy-report': deployReport,
      template:
        'Shipped {{ release }} to {{environment}} by {{ actor }} — smoke test {{ smoke_test }}: {{ run_url }}',
      'smoke-test-report': JSON.stringify({
        passed: true,
        elapsedMs: 1200,
        checks: [{ name: 'health', passed: true }],
      }),
    });
    expect(r.exitCode, r.log).toBe(0);
    const got = only(rx, paths.teams)[0];
    expect(got?.problems).toEqual([]);
    expect(got?.body).toContain(
      'Shipped 20261204-101500-0123456 to staging by octocat — smoke test passed (1 check in 1.2s): https://github.com/acme/shop/actions/runs/1000',
    );
  });

  it('reads deploy-koyeb outputs passed as toJSON(steps.<id>.outputs)', async () => {
    const r = await notify({
      status: 'success',
      'discord-webhook-url': rx.url(paths.discord),
      image: 'ghcr.io/acme/xylo-api@sha256:' + 'c'.repeat(64),
      'deploy-report': JSON.stringify({
        'service-id': 'svc-1',
        'deployment-id': 'dep-42',
        'previous-deployment-id': 'dep-41',
        status: 'HEALTHY',
        'service-url': 'https://xylo-acme.koyeb.app',
        'rollback-deployment-id': '',
        'rollback-status': '',
        'github-deployment-id': '',
      }),
    });
    expect(r.exitCode, r.log).toBe(0);
    const got = only(rx, paths.discord)[0];
    expect(got?.problems).toEqual([]);
    const embed = (
      JSON.parse(got?.body ?? '') as {
        embeds: { title: string; color: number; fields: { name: string; value: string }[] }[];
      }
    ).embeds[0];
    expect(embed?.title).toBe('✅ acme/shop: release dep-42 deployed');
    expect(embed?.color).toBe(0x2eb67d);
    expect(embed?.fields.map((f) => [f.name, f.value])).toEqual(
      expect.arrayContaining([
        ['Deployment', 'dep-42'],
        ['Previous', 'dep-41'],
        ['Service URL', 'https://xylo-acme.koyeb.app'],
      ]),
    );
  });

  describe('bad input fails before anything is sent', () => {
    it.each([
      ['an unknown target', { targets: 'slack, pagerduty' }, /Input 'targets': unknown target 'pagerduty'/],
      [
        'a URL that is not one',
        { 'slack-webhook-url': 'hooks.slack.com/services/T0/B0/notAUrlSecret' },
        /Input 'slack-webhook-url': is not a URL/,
      ],
      [
        'plain http to a remote host',
        { 'slack-webhook-url': 'http://hooks.example.com/services/httpSecret' },
        /must be an https:\/\/ URL/,
      ],
      [
        'a named target without its URL',
        { targets: 'slack, teams', 'teams-webhook-url': '' },
        /Input 'teams-webhook-url': is required because 'targets' names teams/,
      ],
      [
        'an unknown placeholder',
        { template: 'Deployed {{ release }} {{ process.env.TOKEN }}' },
        /Input 'template': has an unknown placeholder '\{\{ process\.env\.TOKEN \}\}'/,
      ],
      [
        'a report that is not JSON',
        { 'smoke-test-report': 'passed' },
        /Input 'smoke-test-report': must be a JSON object/,
      ],
      [
        'an unknown status',
        { status: 'green' },
        /Input 'status': must be one of success, failure, cancelled, skipped/,
      ],
    ])('%s', async (_name, extra, message) => {
      const before = rx.received.length;
      const r = await notify({ status: 'failure', 'slack-webhook-url': rx.url(paths.slack), ...extra });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toMatch(/Configuration error/);
      expect(r.errors.join('\n')).toMatch(message);
      expect(rx.received.length).toBe(before);
      for (const secret of ['notAUrlSecret', 'httpSecret', `slacktoken${n}XyZ`])
        expect(r.log).not.toContain(secret);
    });
  });
});
