// strategy: script — run the user's script in app-dir, then the health command.
import type { DeployConfig } from './inputs.js';
import { healthSteps, type PlanContext, type PlannedPhase, type Step, type StrategyPlan } from './plan.js';

export function scriptPhases(config: DeployConfig, _ctx: PlanContext): StrategyPlan {
  const steps: Step[] = [
    { kind: 'script', title: 'script', script: config.script ?? '', cwd: config.appDir },
    ...healthSteps(config, config.appDir),
  ];
  const phases: PlannedPhase[] = [{ name: 'Run script', commits: true, steps }];
  // a script's effects are its own: there is nothing generic to undo
  return { phases, undoBeforeCommit: [], undoAfterCommit: [] };
}
