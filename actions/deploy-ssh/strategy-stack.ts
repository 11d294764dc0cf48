// strategy: stack — a Docker Swarm stack deployed through one manager: log in (our login reaches
// the agents through --with-registry-auth), write the stack file (images set, safe update defaults
// filled in) to the app dir, `docker stack deploy`, then follow every service until it converged.
// Swarm itself rolls a failing update back (failure_action: rollback); when the deploy times out,
// the services still updating are rolled back.
import { registryLoginStep } from '../../lib/deploy/steps.js';
import {
  rollbackUnfinishedScript,
  stackDeployCommand,
  stackFilePath,
  writeStackFileCommand,
} from '../../lib/deploy/swarm.js';
import type { DeployConfig } from './inputs.js';
import type { PlanContext, Step, StrategyPlan } from './plan.js';

export function stackPhases(config: DeployConfig, ctx: PlanContext): StrategyPlan {
  const s = config.stack;
  if (!s) throw new Error('stack settings missing');
  const file = stackFilePath(config.appDir, ctx.releaseId);
  const prepare: Step[] = s.login ? [registryLoginStep(s.login.registry, s.login.username)] : [];
  prepare.push({
    kind: 'exec',
    title: `write the stack file ${file} (${s.rendered.services.length} service(s))`,
    command: writeStackFileCommand(file, s.rendered.yaml),
  });
  const deploy: Step = {
    kind: 'stack',
    title: `docker stack deploy ${s.name}, then follow ${s.rendered.services.join(', ')} until converged (up to ${s.convergeTimeoutMs / 1000}s)`,
    command: stackDeployCommand({ stack: s.name, file }),
    stack: s.name,
    services: s.rendered.services,
    timeoutMs: s.convergeTimeoutMs,
    intervalMs: s.pollIntervalMs,
  };
  return {
    phases: [
      { name: 'Prepare', steps: prepare },
      { name: 'Deploy stack', commits: true, steps: [deploy] },
    ],
    undoBeforeCommit: [],
    undoAfterCommit: [
      {
        kind: 'exec',
        title: `roll back the services of ${s.name} still updating`,
        command: rollbackUnfinishedScript(s.name),
      },
    ],
  };
}
