// One Message, four payloads — each the shape its vendor documents, cut to its documented limits:
//   Slack incoming webhook: {text, attachments: [{color, blocks}]} — Block Kit section (text ≤ 3000,
//     fields ≤ 10 of ≤ 2000 each) and context (≤ 10 elements) blocks; the legacy attachment only
//     carries the colour bar, which Block Kit alone does not have.
//   Discord Execute Webhook: {embeds: [{title ≤ 256, description ≤ 4096, url, color (integer),
//     fields ≤ 25 {name ≤ 256, value ≤ 1024, inline}, footer.text ≤ 2048, timestamp}]}, ≤ 6000
//     characters in all; allowed_mentions.parse [] so no text from a report can ping anyone.
//   Microsoft Teams (Workflows webhook): {type: "message", attachments: [{contentType:
//     "application/vnd.microsoft.card.adaptive", content: AdaptiveCard 1.4}]}.
//   Generic webhook: the message as JSON (see README), for a team's own receiver.
import type { Message } from './message.js';
import { renderTemplate } from './template.js';

type Payload = Record<string, unknown>;

const COLOR = {
  success: 0x2eb67d,
  failure: 0xe01e5a,
  cancelled: 0x9aa0a6,
  skipped: 0x9aa0a6,
} as const;

const TEAMS_COLOR = {
  success: 'Good',
  failure: 'Attention',
  cancelled: 'Default',
  skipped: 'Default',
} as const;

export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The lines under the title: the template, or the default lines. Values are escaped for the target. */
function body(message: Message, escape: (s: string) => string): string {
  if (message.template) return renderTemplate(message.template, message.values, escape);
  return message.lines.map(escape).join('\n');
}

// --- Slack ---------------------------------------------------------------------------------

/** Slack's mrkdwn treats &, < and > as control characters (links, mentions): escape them. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(message: Message): Payload {
  const title = `${message.icon} ${message.title}`;
  const text = [`*${escapeSlack(title)}*`, body(message, escapeSlack)].filter(Boolean).join('\n');
  const blocks: Payload[] = [{ type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } }];
  for (let i = 0; i < message.facts.length; i += 10) {
    blocks.push({
      type: 'section',
      fields: message.facts.slice(i, i + 10).map((f) => ({
        type: 'mrkdwn',
        text: cut(`*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}`, 2000),
      })),
    });
  }
  const context = [
    message.run.runUrl ? `<${escapeSlack(message.run.runUrl)}|Workflow run>` : '',
    message.run.commitUrl && message.run.sha
      ? `<${escapeSlack(message.run.commitUrl)}|${message.run.sha.slice(0, 7)}>`
      : '',
    message.run.workflow ? escapeSlack(message.run.workflow) : '',
  ].filter(Boolean);
  if (context.length > 0) {
    blocks.push({
      type: 'context',
      elements: context.slice(0, 10).map((t) => ({ type: 'mrkdwn', text: t })),
    });
  }
  return {
    text: cut(title, 3000),
    attachments: [{ color: `#${COLOR[message.status].toString(16).padStart(6, '0')}`, blocks }],
  };
}

// --- Discord -------------------------------------------------------------------------------

export function discordPayload(message: Message, now: Date = new Date()): Payload {
  const fields = message.facts.slice(0, 25).map((f) => ({
    name: cut(f.name, 256),
    value: cut(f.value, 1024),
    inline: f.value.length <= 40,
  }));
  const footer = cut([message.run.repository, message.run.workflow].filter(Boolean).join(' · '), 2048);
  const embed: Payload = {
    title: cut(`${message.icon} ${message.title}`, 256),
    ...(message.run.runUrl ? { url: message.run.runUrl } : {}),
    color: COLOR[message.status],
    timestamp: now.toISOString(),
  };
  // 6000 characters across title, description, fields, footer: the description gives way first
  const used =
    String(embed['title']).length +
    footer.length +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = cut(
    body(message, (s) => s),
    Math.max(0, Math.min(4096, 6000 - used)),
  );
  if (description) embed['description'] = description;
  if (fields.length > 0) embed['fields'] = fields;
  if (footer) embed['footer'] = { text: footer };
  return { allowed_mentions: { parse: [] }, embeds: [embed] };
}

// --- Microsoft Teams -----------------------------------------------------------------------

export function teamsPayload(message: Message): Payload {
  const text = body(message, (s) => s);
  const cardBody: Payload[] = [
    {
      type: 'TextBlock',
      text: `${message.icon} ${message.title}`,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: TEAMS_COLOR[message.status],
    },
  ];
  if (text) cardBody.push({ type: 'TextBlock', text: cut(text, 4000), wrap: true });
  if (message.facts.length > 0) {
    cardBody.push({
      type: 'FactSet',
      facts: message.facts.map((f) => ({ title: f.name, value: cut(f.value, 1000) })),
    });
  }
  const actions = [
    message.run.runUrl
      ? { type: 'Action.OpenUrl', title: 'Workflow run', url: message.run.runUrl }
      : undefined,
    message.run.commitUrl
      ? { type: 'Action.OpenUrl', title: 'Commit', url: message.run.commitUrl }
      : undefined,
  ].filter((a) => a !== undefined);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body: cardBody,
          ...(actions.length > 0 ? { actions } : {}),
        },
      },
    ],
  };
}

// --- Generic JSON webhook ------------------------------------------------------------------

export function webhookPayload(message: Message, now: Date = new Date()): Payload {
  return {
    event: 'ops-actions.notify',
    status: message.status,
    outcome: message.values.outcome,
    title: message.title,
    text: body(message, (s) => s),
    environment: message.values.environment || null,
    fields: message.values,
    facts: message.facts,
    reports: message.reports,
    run: {
      repository: message.run.repository ?? null,
      ref: message.run.ref ?? null,
      sha: message.run.sha ?? null,
      actor: message.run.actor ?? null,
      workflow: message.run.workflow ?? null,
      url: message.run.runUrl ?? null,
      commitUrl: message.run.commitUrl ?? null,
    },
    sentAt: now.toISOString(),
  };
}
