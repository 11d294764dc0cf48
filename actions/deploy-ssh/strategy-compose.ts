// strategy: compose — pull the new image everywhere first (nothing changes yet), then on each host
// write the image reference into the env file, `up -d --remove-orphans --wait` and run the health
// command. A failure there puts the previous env file back and brings the previous image up again.
import {
  type ComposeSettings,
  pullCommand,
  restoreImageScript,
  setImageScript,
  upCommand,
} from '../../lib/deploy/compose.js';
import { registryLoginStep } from '../../lib/deploy/steps.js';
import type { DeployConfig } from './inputs.js';
import { healthSteps, type PlanContext, type Step, type StrategyPlan, UNKNOWN_PREVIOUS } from './plan.js';

export function composeSettings(config: DeployConfig): ComposeSettings {
  if (!config.compose) throw new Error('compose settings missing');
  return { ...config.compose.settings, appDir: config.appDir };
}

export function composePhases(config: DeployConfig, ctx: PlanContext): StrategyPlan {
  const c = config.compose;
  if (!c) throw new Error('compose settings missing');
  const s = composeSettings(config);
  const compose = s.command.join(' ');
  const pull: Step[] = c.login ? [registryLoginStep(c.login.registry, c.login.username)] : [];
  pull.push({
    kind: 'exec',
    title: `${compose} pull ${c.image}`,
    command: pullCommand(s, c.image),
    registry: true,
  });

  const activate: Step[] = [
    {
      kind: 'exec',
      title: `set ${s.imageVariable}=${c.image} in ${s.envFile}`,
      command: setImageScript(s, c.image),
    },
    {
      kind: 'exec',
      title: `${compose} up -d --remove-orphans${s.command[0] === 'docker-compose' ? '' : ' --wait'}`,
      command: upCommand(s),
    },
  ];
  activate.push(...healthSteps(config, config.appDir));

  const undoAfterCommit: Step[] = [];
  if (c.restoreOnFailure) {
    const previous = ctx.previous.known ? ctx.previous.image : UNKNOWN_PREVIOUS;
    undoAfterCommit.push({
      kind: 'exec',
      title: `restore ${s.envFile} (${s.imageVariable}=${previous ?? 'none'})`,
      command: restoreImageScript(s),
    });
    // with no previous image there is nothing to bring back up
    if (previous !== undefined) {
      undoAfterCommit.push({
        kind: 'exec',
        title: `${compose} up the previous image ${previous}`,
        command: upCommand(s),
      });
    }
  }
  return {
    phases: [
      { name: 'Pull', steps: pull },
      { name: 'Activate', commits: true, steps: activate },
    ],
    undoBeforeCommit: [],
    undoAfterCommit,
  };
}
