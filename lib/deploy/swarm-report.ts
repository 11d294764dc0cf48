// How a stack's services are reported after a deploy or a rollback through Swarm (deploy-ssh
// strategy stack, rollback target swarm): the `services` output and the job summary's table.
import { markdownTable, statusIcon } from '../summary.js';
import type { StackStatus } from './swarm.js';

/** Each service's replicas running/desired, image and update outcome, as the `services` output's JSON. */
export function servicesJson(stack: StackStatus | undefined): string {
  if (!stack) return '[]';
  return JSON.stringify(
    stack.services.map((s) => ({
      service: s.service,
      running: s.running,
      desired: s.desired,
      image: s.image,
      update: s.update,
      ...(s.updateMessage ? { message: s.updateMessage } : {}),
    })),
  );
}

const OUTCOME: Record<string, string> = {
  converged: `${statusIcon('success')} converged`,
  'rolled-back': `${statusIcon('failure')} rolled back by Swarm`,
  paused: `${statusIcon('failure')} update paused`,
  'timed-out': `${statusIcon('failure')} did not converge in time`,
};

/** `Stack \`shop\`: ✅ converged`, then one row per service. */
export function stackStatusLines(stack: StackStatus): string[] {
  return [
    `Stack \`${stack.stack}\`: ${OUTCOME[stack.outcome] ?? stack.outcome}`,
    '',
    markdownTable(
      ['Service', 'Running', 'Image', 'Update'],
      stack.services.map((v) => [
        v.service,
        `${v.running}/${v.desired}`,
        `\`${v.image}\``,
        `${v.update}${v.updateMessage ? `: ${v.updateMessage}` : ''}`,
      ]),
    ),
  ];
}
