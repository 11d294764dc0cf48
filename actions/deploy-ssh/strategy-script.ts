// strategy: script — run the user's script in app-dir, then the health command.
import type { DeployConfig } from './inputs.js';
import type { PlanContext, PlannedPhase, Step, StrategyPlan } from './plan.js';

export function scriptPhases(config: DeployConfig, _ctx: PlanContext): StrategyPlan {
  const steps: Step[] = [
    { kind: 'script', title: 'script', script: config.script ?? '', cwd: config.appDir },
  ];
  if (config.health) {
    steps.push({
      kind: 'health',
      title: 'health-command',
      script: config.health.command,
      cwd: config.appDir,
      timeoutMs: config.health.timeoutMs,
      intervalMs: config.health.intervalMs,
    });
  }
  const phases: PlannedPhase[] = [{ name: 'Run script', commits: true, steps }];
  // a script's effects are its own: there is nothing generic to undo
  return { phases, undoBeforeCommit: [], undoAfterCommit: [] };
}
