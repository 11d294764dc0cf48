// strategy: compose — pull the new images everywhere first (nothing changes yet), then on each host
// write every image reference into the env file (one file, one rename), `up -d --remove-orphans
// --wait` and run the health command. A failure there puts the previous env file back — every
// previous image at once — and brings them up again.
import {
  type ComposeSettings,
  pullCommand,
  restoreImageScript,
  setImagesScript,
  upCommand,
} from '../../lib/deploy/compose.js';
import { formatImageLines } from '../../lib/deploy/image-lines.js';
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
  const many = Object.keys(c.images).length > 1 || c.images[s.imageVariable] === undefined;
  const listed = many ? formatImageLines(c.images).split('\n').join(', ') : `${s.imageVariable}=${c.image}`;
  const pull: Step[] = c.login ? [registryLoginStep(c.login.registry, c.login.username)] : [];
  pull.push({
    kind: 'exec',
    title: `${compose} pull ${many ? listed : c.image}`,
    command: pullCommand(s, c.images),
    registry: true,
  });

  const activate: Step[] = [
    {
      kind: 'exec',
      title: `set ${listed} in ${s.envFile}`,
      command: setImagesScript(s, c.images),
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
    const previous = ctx.previous.known
      ? many
        ? formatImageLines(ctx.previous.images).split('\n').join(', ') || undefined
        : ctx.previous.image
      : UNKNOWN_PREVIOUS;
    undoAfterCommit.push({
      kind: 'exec',
      title: many
        ? `restore ${s.envFile} (${previous ?? 'no images'})`
        : `restore ${s.envFile} (${s.imageVariable}=${previous ?? 'none'})`,
      command: restoreImageScript(s),
    });
    // with no previous image there is nothing to bring back up
    if (previous !== undefined) {
      undoAfterCommit.push({
        kind: 'exec',
        title: `${compose} up the previous image${many ? 's' : ''} ${previous}`,
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
