// strategy: release — upload the build to releases/<id> (SFTP), link shared paths, run
// before-switch and the health command inside the new release, then switch `current` atomically and
// run after-switch. Before the switch a failure just deletes the new release; after it, `current`
// goes back to the previous release (and after-switch runs again for it).
import { basename } from 'node:path';
import {
  extractArchiveScript,
  finishUploadScript,
  linkSharedScript,
  partialDir,
  prepareReleaseScript,
  pruneReleasesScript,
  releaseDir,
  removeCurrentScript,
  removeReleaseScript,
  switchCurrentScript,
} from '../../lib/deploy/release.js';
import { shellQuote } from '../../lib/quote.js';
import type { DeployConfig } from './inputs.js';
import {
  healthSteps,
  type PlanContext,
  type PlannedPhase,
  type Step,
  type StrategyPlan,
  UNKNOWN_PREVIOUS,
} from './plan.js';

export function releasePhases(config: DeployConfig, ctx: PlanContext): StrategyPlan {
  const r = config.release;
  if (!r) throw new Error('release settings missing');
  const app = config.appDir;
  const id = ctx.releaseId;
  const dir = releaseDir(app, id);
  const partial = partialDir(app, id, ctx.token);

  const upload: Step[] = [
    { kind: 'exec', title: `create ${partial}`, command: prepareReleaseScript(app, id, ctx.token) },
  ];
  if (r.sourceKind === 'directory') {
    upload.push({
      kind: 'upload',
      title: `upload ${r.sourceInput}`,
      local: r.source,
      remote: partial,
      archive: false,
    });
  } else {
    const remoteArchive = `${partial}.${basename(r.source)}`;
    upload.push({
      kind: 'upload',
      title: `upload ${r.sourceInput}`,
      local: r.source,
      remote: remoteArchive,
      archive: true,
    });
    upload.push({
      kind: 'exec',
      title: `extract ${basename(r.source)}`,
      command: extractArchiveScript(remoteArchive, partial),
    });
  }
  upload.push({ kind: 'exec', title: `rename to ${dir}`, command: finishUploadScript(app, id, ctx.token) });

  const prepare: Step[] = [];
  if (r.shared.length > 0) {
    prepare.push({
      kind: 'exec',
      title: `link shared ${r.shared.map((s) => s.path + (s.directory ? '/' : '')).join(', ')}`,
      command: linkSharedScript(app, id, r.shared),
    });
  }
  if (r.beforeSwitch)
    prepare.push({ kind: 'script', title: 'before-switch', script: r.beforeSwitch, cwd: dir });
  prepare.push(...healthSteps(config, dir));

  const activate: Step[] = [
    {
      kind: 'exec',
      title: `switch current → releases/${id}`,
      command: switchCurrentScript(app, id, ctx.token),
    },
  ];
  if (r.afterSwitch)
    activate.push({ kind: 'script', title: 'after-switch', script: r.afterSwitch, cwd: dir });

  const phases: PlannedPhase[] = [{ name: 'Upload', steps: upload }];
  if (prepare.length > 0) phases.push({ name: 'Prepare', steps: prepare });
  phases.push({ name: 'Activate', commits: true, steps: activate });
  phases.push({
    name: 'Clean up',
    steps: [
      {
        kind: 'exec',
        title: `keep the newest ${r.keepReleases} releases`,
        command: pruneReleasesScript(app, r.keepReleases),
        output: 'pruned',
      },
    ],
  });

  const removeNew: Step = {
    kind: 'exec',
    title: `remove releases/${id}`,
    command: `rm -rf ${shellQuote(partial)} && ${removeReleaseScript(app, id)}`,
  };
  const previous = ctx.previous.known ? ctx.previous.releaseId : UNKNOWN_PREVIOUS;
  const undoAfterCommit: Step[] = [];
  if (previous !== undefined) {
    undoAfterCommit.push({
      kind: 'exec',
      title: `switch current back → releases/${previous}`,
      command: switchCurrentScript(app, previous, ctx.token),
    });
    if (r.afterSwitch) {
      const prevDir = releaseDir(app, previous);
      undoAfterCommit.push({
        kind: 'script',
        title: 'after-switch (previous release)',
        script: r.afterSwitch,
        cwd: prevDir,
        env: { RELEASE_ID: previous, RELEASE_DIR: prevDir, PREVIOUS_RELEASE_ID: id },
      });
    }
  } else {
    undoAfterCommit.push({
      kind: 'exec',
      title: 'remove current (there was no previous release)',
      command: removeCurrentScript(app),
    });
  }
  undoAfterCommit.push(removeNew);
  return { phases, undoBeforeCommit: [removeNew], undoAfterCommit };
}
