// Sends one message to every target at once: each gets its vendor's payload, its own retries and
// its own result — one failing webhook never keeps the others from being delivered.
import type { NotifyInputs, TargetKind } from './inputs.js';
import type { Message } from './message.js';
import { discordPayload, slackPayload, teamsPayload, webhookPayload } from './payloads.js';
import { type Delivery, deliver } from './send.js';

const RENDER: Record<TargetKind, (m: Message) => Record<string, unknown>> = {
  slack: slackPayload,
  discord: (m) => discordPayload(m),
  teams: teamsPayload,
  webhook: (m) => webhookPayload(m),
};

export interface NotifyIo {
  log: (line: string) => void;
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  fetchFn?: typeof fetch;
}

export async function notify(
  message: Message,
  inputs: Pick<
    NotifyInputs,
    'targets' | 'webhookSecret' | 'signatureHeader' | 'requestTimeoutMs' | 'timeoutMs' | 'dryRun'
  >,
  io: NotifyIo,
): Promise<Delivery[]> {
  const bodies = inputs.targets.map((t) => JSON.stringify(RENDER[t.kind](message)));
  if (inputs.dryRun) {
    return io.group('Dry run: the payloads (nothing is sent)', async () =>
      inputs.targets.map((t, i) => {
        io.log(`${t.label}:\n${JSON.stringify(JSON.parse(bodies[i] ?? '{}'), null, 2)}`);
        return {
          label: t.label,
          kind: t.kind,
          delivered: false,
          attempts: 0,
          httpStatus: null,
          durationMs: 0,
        };
      }),
    );
  }
  return io.group(
    `Sending to ${inputs.targets.length} target${inputs.targets.length === 1 ? '' : 's'}`,
    async () => {
      const deliveries = await Promise.all(
        inputs.targets.map((t, i) =>
          deliver(t, bodies[i] ?? '', {
            requestTimeoutMs: inputs.requestTimeoutMs,
            timeoutMs: inputs.timeoutMs,
            ...(t.kind === 'webhook' && inputs.webhookSecret
              ? { signature: { secret: inputs.webhookSecret, header: inputs.signatureHeader } }
              : {}),
            log: io.log,
            ...(io.fetchFn ? { fetchFn: io.fetchFn } : {}),
          }),
        ),
      );
      for (const d of deliveries) {
        io.log(
          d.delivered
            ? `${d.label}: delivered (HTTP ${d.httpStatus ?? '?'}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}, ${Math.round(d.durationMs)}ms)`
            : `${d.label}: NOT delivered after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: ${d.error ?? ''}`,
        );
      }
      return deliveries;
    },
  );
}
