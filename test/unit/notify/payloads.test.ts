// Every payload fits its vendor's documented shape (checked by the integration receiver's own
// checker), even for a message far over the limits; and that checker does reject what breaks them.
import { describe, expect, it } from 'vitest';
import { buildMessage, type RunContext } from '../../../actions/notify/message.js';
import {
  discordPayload,
  escapeSlack,
  slackPayload,
  teamsPayload,
  webhookPayload,
} from '../../../actions/notify/payloads.js';
import { parseTemplate } from '../../../actions/notify/template.js';
import { checkShape } from '../../helpers/webhook-receiver.js';

const run: RunContext = {
  repository: 'acme/shop',
  ref: 'main',
  sha: '0123456789abcdef0123456789abcdef01234567',
  actor: 'octocat',
  workflow: 'Deploy',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  commitUrl: 'https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567',
};

/** 40 failing hosts with long errors, 30 failing checks: far over every vendor limit. */
function hugeMessage() {
  return buildMessage({
    status: 'failure',
    environment: 'production',
    run,
    reports: {
      deploy: {
        strategy: 'compose',
        releaseId: 'r'.repeat(300),
        hostsSucceeded: [],
        hostsFailed: Array.from({ length: 40 }, (_, i) => ({
          host: `deploy@web-${i}`,
          result: 'failed',
          phase: 'health',
          error: 'x'.repeat(500),
        })),
      },
      smokeTest: {
        passed: false,
        total: 30,
        failed: Array.from({ length: 30 }, (_, i) => ({
          name: `check-${i}`,
          status: 503,
          error: 'y'.repeat(400),
        })),
      },
      rollback: { from: 'a', to: 'b', durationMs: 1000, migrationsReverted: [] },
    },
  });
}

describe('payloads', () => {
  it('stay within the documented limits for a message far over them', () => {
    const m = hugeMessage();
    expect(checkShape('slack', JSON.stringify(slackPayload(m)))).toEqual([]);
    expect(checkShape('discord', JSON.stringify(discordPayload(m)))).toEqual([]);
    expect(checkShape('teams', JSON.stringify(teamsPayload(m)))).toEqual([]);
  });

  it('Slack: more than 10 facts go into a second fields section', () => {
    const m = hugeMessage();
    const facts = [...m.facts, ...Array.from({ length: 12 }, (_, i) => ({ name: `n${i}`, value: 'v' }))];
    const p = slackPayload({ ...m, facts }) as { attachments: { blocks: { fields?: unknown[] }[] }[] };
    const sections = p.attachments[0]?.blocks.filter((b) => b.fields) ?? [];
    expect(facts.length).toBeGreaterThan(10);
    expect(sections.map((s) => s.fields?.length)).toEqual([10, facts.length - 10]);
  });

  it('the shape checker rejects what the vendors reject', () => {
    const tooManyFields = {
      text: 't',
      blocks: [
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) },
      ],
    };
    expect(checkShape('slack', JSON.stringify(tooManyFields))).toEqual(['blocks[0].fields: 11 > 10']);
    expect(
      checkShape(
        'slack',
        JSON.stringify({
          text: 't',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
        }),
      ),
    ).toEqual(['blocks[0].text.text: 3001 > 3000 characters']);
    expect(
      checkShape('discord', JSON.stringify({ embeds: [{ title: 't'.repeat(257), color: '#ff0000' }] })),
    ).toEqual(['embeds[0].title > 256', 'embeds[0].color: "#ff0000" is not an integer 0..0xFFFFFF']);
    expect(
      checkShape(
        'teams',
        JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/json', content: {} }] }),
      ),
    ).toContain('attachments[0].contentType: application/json');
  });

  it('escapes values for Slack, so a report cannot mention @channel or forge a link', () => {
    expect(escapeSlack('<!channel> & <https://evil|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;https://evil|click&gt;',
    );
    const m = buildMessage({
      status: 'failure',
      run,
      template: parseTemplate('Failed: {{ failed_checks }} <{{ run_url }}|run>'),
      reports: {
        smokeTest: { passed: false, total: 1, failed: [{ name: '<!channel>', status: 500, error: 'boom' }] },
      },
    });
    const text = JSON.stringify(slackPayload(m));
    expect(text).toContain(
      'Failed: &lt;!channel&gt; (HTTP 500): boom <https://github.com/acme/shop/actions/runs/1|run>',
    );
    expect(discordPayload(m)['allowed_mentions']).toEqual({ parse: [] });
  });

  it('colours by status: Slack hex, Discord integer, Teams named colour', () => {
    for (const [status, hex, teams] of [
      ['success', '#2eb67d', 'Good'],
      ['failure', '#e01e5a', 'Attention'],
      ['cancelled', '#9aa0a6', 'Default'],
    ] as const) {
      const m = buildMessage({ status, run, reports: {} });
      expect((slackPayload(m) as { attachments: { color: string }[] }).attachments[0]?.color).toBe(hex);
      expect((discordPayload(m) as { embeds: { color: number }[] }).embeds[0]?.color).toBe(
        parseInt(hex.slice(1), 16),
      );
      expect(JSON.stringify(teamsPayload(m))).toContain(`"color":"${teams}"`);
    }
  });

  it('the generic webhook carries every placeholder value and the run', () => {
    const m = buildMessage({ status: 'success', environment: 'staging', run, reports: {} });
    const p = webhookPayload(m, new Date('2026-12-04T10:00:00Z'));
    expect(p).toMatchObject({
      event: 'ops-actions.notify',
      status: 'success',
      outcome: 'deployed',
      environment: 'staging',
      sentAt: '2026-12-04T10:00:00.000Z',
    });
    expect(Object.keys(p['fields'] as object)).toContain('rollback_duration');
  });
});
