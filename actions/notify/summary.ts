// What a person reads after the step: the message's title, then one row per target — delivered or
// not, attempts, last HTTP status, time, error. Targets are named by kind and host, never by URL.
import { formatDuration } from '../../lib/duration.js';
import { markdownTable, statusIcon } from '../../lib/summary.js';
import type { Message } from './message.js';
import type { Delivery } from './send.js';

export interface NotifyReport {
  status: Message['status'];
  title: string;
  dryRun: boolean;
  delivered: boolean;
  targets: {
    target: string;
    kind: Delivery['kind'];
    delivered: boolean;
    attempts: number;
    httpStatus: number | null;
    durationMs: number;
    error: string | null;
  }[];
}

export function buildReport(message: Message, deliveries: Delivery[], dryRun: boolean): NotifyReport {
  return {
    status: message.status,
    title: message.title,
    dryRun,
    delivered: !dryRun && deliveries.every((d) => d.delivered),
    targets: deliveries.map((d) => ({
      target: d.label,
      kind: d.kind,
      delivered: d.delivered,
      attempts: d.attempts,
      httpStatus: d.httpStatus,
      durationMs: Math.round(d.durationMs),
      error: d.error ?? null,
    })),
  };
}

export function summaryMarkdown(message: Message, deliveries: Delivery[], dryRun: boolean): string {
  const ok = deliveries.filter((d) => d.delivered).length;
  const head = dryRun
    ? `### ${statusIcon('skipped')} notify (dry run): ${deliveries.length} message${deliveries.length === 1 ? '' : 's'} built, none sent`
    : ok === deliveries.length
      ? `### ${statusIcon('success')} notify: delivered to ${ok} of ${deliveries.length} target${deliveries.length === 1 ? '' : 's'}`
      : `### ${statusIcon('warning')} notify: delivered to ${ok} of ${deliveries.length} target${deliveries.length === 1 ? '' : 's'}`;
  const rows = deliveries.map((d) => [
    d.label,
    dryRun
      ? `${statusIcon('skipped')} not sent`
      : d.delivered
        ? `${statusIcon('success')} delivered`
        : `${statusIcon('failure')} not delivered`,
    d.attempts,
    d.httpStatus ?? '—',
    formatDuration(d.durationMs),
    d.error ?? '',
  ]);
  return [
    head,
    '',
    `Message: ${message.icon} ${message.title}`,
    '',
    markdownTable(['Target', 'Result', 'Attempts', 'HTTP', 'Time', 'Error'], rows),
    '',
  ].join('\n');
}
