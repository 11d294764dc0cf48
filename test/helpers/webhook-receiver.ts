// A local stand-in for the chat webhooks notify posts to (127.0.0.1 only). Each path answers with a
// scripted sequence of replies — 429 with Retry-After, 500, then success — and every request is
// recorded with its raw body. The receiver checks each payload against the shape the vendor
// documents and answers 400 with the problems when it does not fit, as the real services do.
//
// The shapes, from the vendors' documentation:
// - Slack incoming webhooks (docs.slack.dev/messaging/sending-messages-using-incoming-webhooks, Block
//   Kit reference): POST JSON with `text` (the notification fallback) and/or `blocks`, or legacy
//   `attachments` [{color, blocks}]. ≤ 50 blocks. section: `text` {type mrkdwn|plain_text, text ≤ 3000}
//   and/or `fields` (≤ 10 text objects, text ≤ 2000 each). context: `elements` (1–10). header:
//   plain_text ≤ 150. Answers 200 "ok"; a bad payload 400 "invalid_blocks"/"invalid_payload".
// - Discord Execute Webhook (discord.com/developers/docs/resources/webhook#execute-webhook, Embed
//   Object limits): one of content (≤ 2000) / embeds (≤ 10). Embed: title ≤ 256, description ≤ 4096,
//   color an integer, fields ≤ 25 {name ≤ 256, value ≤ 1024, inline?: boolean}, footer.text ≤ 2048,
//   timestamp ISO8601; title + description + fields + footer ≤ 6000 characters in all. Answers 204.
// - Microsoft Teams, Workflows (Power Automate) webhook "When a Teams webhook request is received":
//   {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
//   "contentUrl":null,"content":{"type":"AdaptiveCard","version":"1.x","body":[…]}}]}; ≤ 28 KB.
//   Answers 202 Accepted.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Vendor = 'slack' | 'discord' | 'teams' | 'webhook';

export interface Received {
  vendor: Vendor;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** Shape problems found (empty when the payload fits the vendor's documented shape). */
  problems: string[];
}

export interface ScriptedReply {
  status: number;
  /** Answer only after this many ms (a webhook that hangs). */
  delayMs?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  url: (path: string) => string;
  received: Received[];
  /** Replies for a path, in order; the last one repeats. Default: the vendor's success. */
  script: (path: string, replies: ScriptedReply[]) => void;
  close: () => Promise<void>;
}

const SUCCESS: Record<Vendor, ScriptedReply> = {
  slack: { status: 200, body: 'ok' },
  discord: { status: 204 },
  teams: { status: 202 },
  webhook: { status: 200, body: '{"ok":true}' },
};

/** The vendor a path belongs to: /slack/…, /discord/…, /teams/…, anything else the generic webhook. */
function vendorOf(path: string): Vendor {
  const first = path.split('/')[1] ?? '';
  return first === 'slack' || first === 'discord' || first === 'teams' ? first : 'webhook';
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const scripts = new Map<string, ScriptedReply[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      const vendor = vendorOf(path);
      const body = Buffer.concat(chunks).toString('utf8');
      const problems = req.method === 'POST' ? checkShape(vendor, body) : [`method ${req.method}, not POST`];
      received.push({ vendor, path, headers: req.headers, body, at: Date.now(), problems });
      const queue = scripts.get(path);
      const scripted = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      const answer =
        scripted ??
        (problems.length > 0
          ? { status: 400, body: `invalid_payload: ${problems.join('; ')}` }
          : SUCCESS[vendor]);
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      };
      if ('delayMs' in answer && answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    script: (path, replies) => scripts.set(path, [...replies]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

export function checkShape(vendor: Vendor, body: string): string[] {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return ['body is not JSON'];
  }
  if (!isObj(payload)) return ['body is not a JSON object'];
  if (vendor === 'slack') return checkSlack(payload);
  if (vendor === 'discord') return checkDiscord(payload);
  if (vendor === 'teams') return checkTeams(payload, body);
  return [];
}

function checkSlackText(t: unknown, max: number, where: string, p: string[]): void {
  if (!isObj(t)) return void p.push(`${where}: not a text object`);
  if (t['type'] !== 'mrkdwn' && t['type'] !== 'plain_text') p.push(`${where}.type: ${String(t['type'])}`);
  if (typeof t['text'] !== 'string' || t['text'] === '') p.push(`${where}.text: empty`);
  if (len(t['text']) > max) p.push(`${where}.text: ${len(t['text'])} > ${max} characters`);
}

function checkSlackBlocks(blocks: unknown, where: string, p: string[]): void {
  if (!Array.isArray(blocks)) return void p.push(`${where}: not an array`);
  if (blocks.length > 50) p.push(`${where}: ${blocks.length} > 50 blocks`);
  blocks.forEach((b: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(b)) return void p.push(`${at}: not an object`);
    if (b['type'] === 'section') {
      if (b['text'] === undefined && b['fields'] === undefined)
        p.push(`${at}: section without text or fields`);
      if (b['text'] !== undefined) checkSlackText(b['text'], 3000, `${at}.text`, p);
      if (b['fields'] !== undefined) {
        if (!Array.isArray(b['fields'])) return void p.push(`${at}.fields: not an array`);
        if (b['fields'].length > 10) p.push(`${at}.fields: ${b['fields'].length} > 10`);
        b['fields'].forEach((f: unknown, j) => checkSlackText(f, 2000, `${at}.fields[${j}]`, p));
      }
    } else if (b['type'] === 'context') {
      const els = b['elements'];
      if (!Array.isArray(els) || els.length < 1 || els.length > 10)
        p.push(`${at}.elements: 1 to 10 required`);
      else els.forEach((e: unknown, j) => checkSlackText(e, 3000, `${at}.elements[${j}]`, p));
    } else if (b['type'] === 'header') {
      checkSlackText(b['text'], 150, `${at}.text`, p);
    } else if (b['type'] !== 'divider') {
      p.push(`${at}.type: unexpected '${String(b['type'])}'`);
    }
  });
}

function checkSlack(o: Obj): string[] {
  const p: string[] = [];
  if (o['text'] === undefined && o['blocks'] === undefined && o['attachments'] === undefined) {
    p.push('no text, blocks or attachments');
  }
  if (o['text'] !== undefined && typeof o['text'] !== 'string') p.push('text: not a string');
  if (o['blocks'] !== undefined) checkSlackBlocks(o['blocks'], 'blocks', p);
  if (o['attachments'] !== undefined) {
    if (!Array.isArray(o['attachments'])) p.push('attachments: not an array');
    else
      o['attachments'].forEach((a: unknown, i) => {
        if (!isObj(a)) return void p.push(`attachments[${i}]: not an object`);
        if (a['color'] !== undefined && !/^#[0-9a-fA-F]{6}$/.test(String(a['color']))) {
          p.push(`attachments[${i}].color: '${String(a['color'])}' is not #RRGGBB`);
        }
        checkSlackBlocks(a['blocks'], `attachments[${i}].blocks`, p);
      });
  }
  return p;
}

function checkDiscord(o: Obj): string[] {
  const p: string[] = [];
  const embeds = o['embeds'];
  if (
    (o['content'] === undefined || o['content'] === '') &&
    (!Array.isArray(embeds) || embeds.length === 0)
  ) {
    p.push('neither content nor embeds');
  }
  if (len(o['content']) > 2000) p.push('content > 2000 characters');
  if (embeds === undefined) return p;
  if (!Array.isArray(embeds)) return [...p, 'embeds: not an array'];
  if (embeds.length > 10) p.push(`embeds: ${embeds.length} > 10`);
  embeds.forEach((e: unknown, i) => {
    const at = `embeds[${i}]`;
    if (!isObj(e)) return void p.push(`${at}: not an object`);
    if (len(e['title']) > 256) p.push(`${at}.title > 256`);
    if (len(e['description']) > 4096) p.push(`${at}.description > 4096`);
    if (
      e['color'] !== undefined &&
      !(Number.isInteger(e['color']) && (e['color'] as number) >= 0 && (e['color'] as number) <= 0xffffff)
    ) {
      p.push(`${at}.color: ${JSON.stringify(e['color'])} is not an integer 0..0xFFFFFF`);
    }
    if (e['timestamp'] !== undefined && Number.isNaN(Date.parse(String(e['timestamp']))))
      p.push(`${at}.timestamp: not ISO8601`);
    let total = len(e['title']) + len(e['description']);
    const fields = e['fields'];
    if (fields !== undefined) {
      if (!Array.isArray(fields)) p.push(`${at}.fields: not an array`);
      else {
        if (fields.length > 25) p.push(`${at}.fields: ${fields.length} > 25`);
        fields.forEach((f: unknown, j) => {
          if (!isObj(f)) return void p.push(`${at}.fields[${j}]: not an object`);
          if (len(f['name']) < 1 || len(f['name']) > 256) p.push(`${at}.fields[${j}].name: 1..256`);
          if (len(f['value']) < 1 || len(f['value']) > 1024) p.push(`${at}.fields[${j}].value: 1..1024`);
          if (f['inline'] !== undefined && typeof f['inline'] !== 'boolean')
            p.push(`${at}.fields[${j}].inline: not boolean`);
          total += len(f['name']) + len(f['value']);
        });
      }
    }
    if (e['footer'] !== undefined) {
      const footer = e['footer'];
      if (!isObj(footer) || typeof footer['text'] !== 'string') p.push(`${at}.footer.text: required`);
      else {
        if (len(footer['text']) > 2048) p.push(`${at}.footer.text > 2048`);
        total += len(footer['text']);
      }
    }
    if (total > 6000) p.push(`${at}: ${total} > 6000 characters in all`);
  });
  return p;
}

function checkTeams(o: Obj, body: string): string[] {
  const p: string[] = [];
  if (Buffer.byteLength(body) > 28 * 1024) p.push('payload > 28 KB');
  if (o['type'] !== 'message') p.push(`type: '${String(o['type'])}', not 'message'`);
  const atts = o['attachments'];
  if (!Array.isArray(atts) || atts.length === 0) return [...p, 'attachments: missing'];
  atts.forEach((a: unknown, i) => {
    const at = `attachments[${i}]`;
    if (!isObj(a)) return void p.push(`${at}: not an object`);
    if (a['contentType'] !== 'application/vnd.microsoft.card.adaptive')
      p.push(`${at}.contentType: ${String(a['contentType'])}`);
    const card = a['content'];
    if (!isObj(card)) return void p.push(`${at}.content: not an object`);
    if (card['type'] !== 'AdaptiveCard') p.push(`${at}.content.type: ${String(card['type'])}`);
    if (typeof card['version'] !== 'string' || !/^1\.\d$/.test(card['version']))
      p.push(`${at}.content.version: ${String(card['version'])}`);
    if (!Array.isArray(card['body'])) return void p.push(`${at}.content.body: not an array`);
    card['body'].forEach((el: unknown, j) => {
      const w = `${at}.content.body[${j}]`;
      if (!isObj(el)) return void p.push(`${w}: not an object`);
      if (el['type'] === 'TextBlock') {
        if (typeof el['text'] !== 'string' || el['text'] === '') p.push(`${w}.text: empty`);
      } else if (el['type'] === 'FactSet') {
        const facts = el['facts'];
        if (!Array.isArray(facts)) p.push(`${w}.facts: not an array`);
        else
          facts.forEach((f: unknown, k) => {
            if (!isObj(f) || typeof f['title'] !== 'string' || typeof f['value'] !== 'string')
              p.push(`${w}.facts[${k}]: {title, value} strings`);
          });
      } else if (el['type'] !== 'Container' && el['type'] !== 'ColumnSet') {
        p.push(`${w}.type: unexpected '${String(el['type'])}'`);
      }
    });
    if (card['actions'] !== undefined) {
      if (!Array.isArray(card['actions'])) p.push(`${at}.content.actions: not an array`);
      else
        card['actions'].forEach((x: unknown, j) => {
          if (!isObj(x) || x['type'] !== 'Action.OpenUrl' || typeof x['url'] !== 'string')
            p.push(`${at}.content.actions[${j}]: Action.OpenUrl with url`);
        });
    }
  });
  return p;
}
