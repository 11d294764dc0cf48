// Every input of notify, read and validated once, before anything is sent.
import { ConfigurationError } from '../../lib/errors.js';
import { Inputs, splitList } from '../../lib/inputs.js';
import { maskSecret } from '../../lib/secrets.js';
import { type PipelineReports, parseReports } from './reports.js';
import { parseTemplate, type Template } from './template.js';

export const TARGET_KINDS = ['slack', 'discord', 'teams', 'webhook'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const STATUSES = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type JobStatus = (typeof STATUSES)[number];

/** The input that holds each target's webhook URL(s). */
export const URL_INPUT: Record<TargetKind, string> = {
  slack: 'slack-webhook-url',
  discord: 'discord-webhook-url',
  teams: 'teams-webhook-url',
  webhook: 'webhook-url',
};

const URL_EXAMPLE: Record<TargetKind, string> = {
  slack: 'slack-webhook-url: ${{ secrets.SLACK_WEBHOOK_URL }}',
  discord: 'discord-webhook-url: ${{ secrets.DISCORD_WEBHOOK_URL }}',
  teams: 'teams-webhook-url: ${{ secrets.TEAMS_WEBHOOK_URL }}',
  webhook: 'webhook-url: ${{ secrets.DEPLOY_WEBHOOK_URL }}',
};

/** One place a message goes to. `url` is a secret: it is masked and never printed. */
export interface Target {
  kind: TargetKind;
  url: string;
  /** What the log and the summary show instead of the URL: `slack #1 (hooks.slack.com)`. */
  label: string;
}

export interface NotifyInputs {
  status: JobStatus;
  targets: Target[];
  /** HMAC-SHA256 key for the generic webhook's signature header (masked). */
  webhookSecret: string | undefined;
  signatureHeader: string;
  environment: string | undefined;
  image: string | undefined;
  reports: PipelineReports;
  template: Template | undefined;
  failOnError: boolean;
  requestTimeoutMs: number;
  timeoutMs: number;
  dryRun: boolean;
}

export function parseInputs(inputs: Inputs = new Inputs()): NotifyInputs {
  // URLs first: they are secrets, masked before any message could print them.
  const urls = new Map<TargetKind, string[]>();
  for (const kind of TARGET_KINDS) {
    const raw = inputs.raw(URL_INPUT[kind]);
    maskSecret(raw);
    const list = raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const url of list) maskSecret(url);
    urls.set(kind, list);
  }
  const webhookSecret = inputs.secret('webhook-secret');
  const status = inputs.choice('status', STATUSES);
  const targets = parseTargets(inputs.raw('targets'), urls);
  if (webhookSecret !== undefined && !targets.some((t) => t.kind === 'webhook')) {
    throw new ConfigurationError(
      'webhook-secret',
      "signs the generic webhook's payload, but no 'webhook' target is sent to. Give webhook-url too, or drop webhook-secret.",
      'webhook-url: ${{ secrets.DEPLOY_WEBHOOK_URL }}\nwebhook-secret: ${{ secrets.DEPLOY_WEBHOOK_SECRET }}',
    );
  }
  const signatureHeader = inputs.string('webhook-signature-header', { default: 'X-Ops-Signature-256' });
  if (!/^[A-Za-z0-9-]+$/.test(signatureHeader)) {
    throw new ConfigurationError(
      'webhook-signature-header',
      `must be an HTTP header name (letters, digits, '-'), got '${signatureHeader}'.`,
      'webhook-signature-header: X-Ops-Signature-256',
    );
  }
  return {
    status,
    targets,
    webhookSecret,
    signatureHeader,
    environment: inputs.optionalString('environment'),
    image: inputs.optionalString('image'),
    reports: parseReports(inputs),
    template: parseTemplate(inputs.raw('template')),
    failOnError: inputs.boolean('fail-on-error', false),
    requestTimeoutMs: inputs.duration('request-timeout', '10s', { min: 100, max: 300_000 }),
    timeoutMs: inputs.duration('timeout', '1m', { min: 1000, max: 30 * 60_000 }),
    dryRun: inputs.boolean('dry-run', false),
  };
}

/**
 * `targets` names the kinds to send to; empty means every kind whose URL input is given. A named
 * kind without a URL is an error (a secret that did not reach the job), as is a URL nobody asked for.
 */
export function parseTargets(targetsText: string, urls: ReadonlyMap<TargetKind, string[]>): Target[] {
  const named = splitList(targetsText).map((name) => {
    const kind = TARGET_KINDS.find((k) => k === name.toLowerCase());
    if (!kind) {
      throw new ConfigurationError(
        'targets',
        `unknown target '${name}': use slack, discord, teams or webhook.`,
        'targets: slack, teams',
      );
    }
    return kind;
  });
  const kinds = named.length > 0 ? [...new Set(named)] : TARGET_KINDS.filter((k) => urls.get(k)?.length);
  if (kinds.length === 0) {
    throw new ConfigurationError(
      undefined,
      `Nothing to notify: give at least one of ${TARGET_KINDS.map((k) => URL_INPUT[k]).join(', ')} (from a secret).`,
      URL_EXAMPLE.slack,
    );
  }
  for (const kind of TARGET_KINDS) {
    const given = urls.get(kind)?.length ?? 0;
    if (kinds.includes(kind) && given === 0) {
      throw new ConfigurationError(
        URL_INPUT[kind],
        `is required because 'targets' names ${kind}, but it is empty (is the secret defined for this repository or environment?).`,
        URL_EXAMPLE[kind],
      );
    }
    if (!kinds.includes(kind) && given > 0) {
      throw new ConfigurationError(
        'targets',
        `does not name ${kind}, but ${URL_INPUT[kind]} is given. Add ${kind} to targets, or leave targets empty to send to every URL given.`,
        `targets: ${[...kinds, kind].join(', ')}`,
      );
    }
  }
  return kinds.flatMap((kind) => {
    const list = urls.get(kind) ?? [];
    return list.map((url, i) => {
      const host = checkWebhookUrl(URL_INPUT[kind], url, list.length > 1 ? i + 1 : undefined);
      const n = list.length > 1 ? ` #${i + 1}` : '';
      return { kind, url, label: `${kind}${n} (${host})` };
    });
  });
}

/**
 * https only (the URL is a credential), plain http only to a loopback address. The error never
 * repeats the URL: it is a secret. Returns the host, which the log may show.
 */
export function checkWebhookUrl(input: string, text: string, line?: number): string {
  const which = line === undefined ? '' : ` (line ${line})`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(
      input,
      `is not a URL${which}. Paste the whole webhook URL, starting with https://, into the secret.`,
      URL_EXAMPLE[kindOf(input)],
    );
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(
      input,
      `must be an https:// URL${which} (plain http only to a loopback address), got a ${url.protocol} URL.`,
      URL_EXAMPLE[kindOf(input)],
    );
  }
  return url.host;
}

function kindOf(input: string): TargetKind {
  return TARGET_KINDS.find((k) => URL_INPUT[k] === input) ?? 'webhook';
}
