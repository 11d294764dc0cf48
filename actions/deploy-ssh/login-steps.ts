// The registry login both compose strategies (plain and zero-downtime) start their Pull phase with.
// A module of its own: the strategy modules import plan.ts and plan.ts imports them.
import { registryLoginCommand } from '../../lib/deploy/compose.js';
import type { ComposeConfig } from './inputs.js';
import type { Step } from './plan.js';

/** `docker login` on the server (password on stdin) when registry-username is set; none otherwise. */
export function loginSteps(c: ComposeConfig): Step[] {
  if (!c.login) return [];
  return [
    {
      kind: 'exec',
      title: `docker login ${c.login.registry}`,
      command: registryLoginCommand(c.login.registry, c.login.username),
      stdin: 'registry-password',
      registry: true,
    },
  ];
}
