import * as core from '@actions/core';
import {
  LOCK_RELEASED_STATE_KEY,
  LOCK_STATE_KEY,
  lockInfoFromEnv,
  newLockToken,
  parseSavedLocks,
  releaseSavedLocks,
} from '../../lib/deploy/lock.js';
import { hostAppDir } from '../../lib/deploy/paths.js';
import { ConfigurationError, errorMessage, OperationError } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { readSshInputs } from '../../lib/ssh/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import type { ReleaseRef } from './choose.js';
import { rollbackTargetImages } from './verify-target.js';
import { imageOf } from './choose-koyeb.js';
import {
  type GithubRelease,
  GithubRollbackRecord,
  NO_RECORD,
  type RollbackRecorder,
} from './github-record.js';
import { type ProvenanceInputs, readProvenanceInputs } from '../../lib/provenance/inputs.js';
import { type KoyebRollbackConfig, type RollbackConfig, readRollbackInputs } from './inputs.js';
import type { Irreversible } from '../migrate/reversible.js';
import type { MigrateDownConfig, MigrateDownResult } from './migrate-down.js';
import {
  dryRunSummary,
  type GithubNote,
  koyebOutputs,
  koyebSummary,
  type RollbackOutputs,
  sshOutputs,
  sshSummary,
} from './report.js';
import type { KoyebRollbackResult } from './rollback-koyeb.js';
import { previewSsh, rollbackError, rollbackSsh, type SshRollbackResult } from './rollback-ssh.js';

const log = (line: string): void => core.info(line);
const warn = (line: string): void => core.warning(line);
const group = <T>(name: string, fn: () => Promise<T>): Promise<T> => core.group(name, fn);

function setOutputs(outputs: RollbackOutputs): void {
  for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v);
}

export async function main(): Promise<void> {
  const started = Date.now();
  const inputs = new Inputs();
  const config = await readRollbackInputs(inputs);
  // what only some rollbacks need is loaded (and its inputs read) only then — still before anything is contacted
  let koyebConfig: KoyebRollbackConfig | undefined;
  if (config.target === 'koyeb') {
    const { readKoyebRollbackInputs } = await import('./rollback-koyeb.js');
    koyebConfig = readKoyebRollbackInputs(inputs);
  }
  let migrate: MigrateDownConfig | undefined;
  const firstHost = config.ssh?.ssh.hosts[0];
  if (config.migrateDown) {
    const { readMigrateDown } = await import('./migrate-down.js');
    migrate = await readMigrateDown(inputs, {
      target: config.target,
      // the migrations run on the first host: its app-dir, {host}/{port} replaced
      appDir: config.ssh && firstHost ? hostAppDir(config.ssh.appDir, firstHost) : config.ssh?.appDir,
      compose: config.ssh?.compose?.settings,
      env: process.env,
    });
  }
  let github: RollbackRecorder = NO_RECORD;
  let environment: string | undefined;
  if (config.github) {
    const { githubDeployments, readGithubDeploymentInputs } = await import('../../lib/github/deployments.js');
    const ghInputs = readGithubDeploymentInputs(inputs);
    environment = ghInputs.environment;
    github = new GithubRollbackRecord(githubDeployments(ghInputs), { log });
  }
  const provenance = readProvenanceInputs(inputs);
  if (provenance && config.ssh?.strategy === 'release') {
    throw new ConfigurationError(
      'verify-provenance',
      "checks the image a rollback goes back to; strategy 'release' (an uploaded directory) has none. Remove verify-provenance, or use strategy compose.",
      'strategy: compose',
    );
  }
  const run: Run = { config, github, migrate, environment, started, provenance };
  if (koyebConfig) await koyeb(run, koyebConfig);
  else await ssh(run);
}

/** One rollback: its settings and what it records with. */
interface Run {
  config: RollbackConfig;
  github: RollbackRecorder;
  migrate: MigrateDownConfig | undefined;
  environment: string | undefined;
  started: number;
  /** Koyeb: the migrations without a down step, found before the redeploy. */
  irreversible?: Irreversible[] | undefined;
  /** verify-provenance: the target image must pass before it is redeployed. */
  provenance?: ProvenanceInputs | undefined;
}

function githubNote(run: Run): GithubNote {
  return { enabled: run.github.enabled, environment: run.environment, ...run.github.ids };
}

/** Records the outcome in GitHub; returns the error that fails the step, if any. */
async function record(
  { config, github }: Run,
  to: GithubRelease,
  error: string | undefined,
): Promise<string | undefined> {
  if (error) await github.fail(error);
  else await github.succeed(to, config.reason);
  return error;
}

/**
 * Koyeb: migrate-down after the redeploy is healthy. It runs on the runner from the workflow's
 * checkout (nothing depends on what is deployed), and Koyeb keeps the failed deployment serving
 * until the new one is healthy: reverting first would leave it serving on the old schema during
 * the wait, and for good if the redeploy fails.
 */
async function finishKoyeb(
  run: Run,
  to: GithubRelease,
  error: string | undefined,
): Promise<{ migrate: MigrateDownResult | undefined; error: string | undefined }> {
  let migrate: MigrateDownResult | undefined;
  const down = run.migrate;
  if (!error && down) {
    const { runMigrateDown } = await import('./migrate-down.js');
    migrate = await group('migrate-down', () =>
      runMigrateDown(down, { log, warn, group, irreversible: run.irreversible }),
    );
    if (migrate.error) {
      error = `The code was rolled back to ${to.id ?? to.image ?? '?'}, but reverting the migrations failed: ${migrate.error}`;
    }
  }
  return { migrate, error: await record(run, to, error) };
}

async function ssh(run: Run): Promise<void> {
  const { config, github, started } = run;
  const cfg = config.ssh;
  if (!cfg) throw new Error('internal: ssh settings missing');
  const token = newLockToken();
  const common = {
    to: config.to,
    onlyFrom: config.onlyFrom,
    token,
    reason: config.reason,
    run: config.run,
    githubCandidate: () => github.previousCandidate(),
  };
  if (config.dryRun) {
    const revert = run.migrate
      ? (await import('./migrate-down.js')).describeMigrateDown(run.migrate)
      : undefined;
    const preview = await previewSsh(cfg, { ...common, revert });
    // the dry run says whether the real one would be refused
    if (run.provenance && preview.decision.hosts.some((c) => !c.noop))
      await verifySshRollbackTarget(preview.decision.to, run.provenance);
    await group('Plan (dry run: the hosts were read, nothing was changed)', async () => log(preview.text));
    setOutputs(
      sshOutputs({ decision: preview.decision, hosts: [], durationMs: 0 }, Date.now() - started, undefined),
    );
    await writeSummary(
      dryRunSummary(`to ${preview.decision.to.id ?? preview.decision.to.image ?? '?'}`, preview.text),
    );
    return;
  }

  // the runner cancels a job with SIGINT (then SIGTERM): stop, undo, release the locks
  const cancel = new AbortController();
  const onSignal = (): void => {
    warn('Cancelled: stopping the running commands, undoing unfinished hosts and releasing the locks.');
    cancel.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // migrate-down runs before any host switches back, while the failed release's code (and so its
  // migration files, e.g. in the compose service's container) is still deployed and the locks are held
  const down = run.migrate;
  let migrate: MigrateDownResult | undefined;
  const beforeActivate = down
    ? async (): Promise<void> => {
        const { runMigrateDown } = await import('./migrate-down.js');
        migrate = await group('migrate-down', () => runMigrateDown(down, { log, warn, group }));
        if (migrate.error) throw new OperationError(`migrate-down failed: ${migrate.error}`);
      }
    : undefined;
  let result: SshRollbackResult;
  try {
    result = await rollbackSsh(cfg, {
      ...common,
      lockInfo: lockInfoFromEnv(token),
      signal: cancel.signal,
      onDecided: async (decision) => {
        // the release to go back to must pass, like any deploy, before any host changes
        if (run.provenance) await verifySshRollbackTarget(decision.to, run.provenance);
        await github.begin(
          decision.hosts.filter((h) => !h.noop).map((h) => h.from),
          decision.to,
          config.reason,
        );
      },
      onLocking: (saved) => core.saveState(LOCK_STATE_KEY, JSON.stringify(saved)),
      onUnlocked: () => core.saveState(LOCK_RELEASED_STATE_KEY, 'true'),
      beforeActivate,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  for (const h of result.hosts) {
    log(
      `${h.host}: ${h.result}${h.phase && h.result !== 'rolled-back' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`,
    );
  }
  const failure = await sshFailure(result, migrate);
  const to: ReleaseRef = result.decision?.to ?? { id: undefined, source: 'history' };
  // nothing was to change (every host already on the release, or not on 'from'): no migrate-down, no GitHub record
  const changing = result.decision?.hosts.some((c) => !c.noop) ?? false;
  const error = changing ? await record(run, to, failure) : failure;
  const durationMs = Date.now() - started;
  setOutputs(sshOutputs(result, durationMs, migrate));
  await writeSummary(sshSummary(config, result, error, { github: githubNote(run), migrate, durationMs }));
  if (error) throw new OperationError(error);
}

/** The step's error: migrate-down's own when it failed (nothing was switched), else the hosts'. */
async function sshFailure(
  result: SshRollbackResult,
  migrate: MigrateDownResult | undefined,
): Promise<string | undefined> {
  if (!migrate && !rollbackError(result)) return undefined;
  const { revertFailedMessage, revertedBeforeFailureNote } = await import('./migrate-down.js');
  if (migrate?.error) return revertFailedMessage(migrate, result.decision?.from ?? []);
  const failure = rollbackError(result)?.message;
  const note = revertedBeforeFailureNote(migrate);
  return failure && note ? `${failure}\n${note}` : failure;
}

async function koyeb(run: Run, cfg: KoyebRollbackConfig): Promise<void> {
  const { config, github, started } = run;
  const { koyebClient, koyebRollbackError, rollbackKoyeb } = await import('./rollback-koyeb.js');
  const client = koyebClient(cfg);
  let result: KoyebRollbackResult | undefined;
  let error: string | undefined;
  let begun = false;
  let pinnedImage: string | undefined;
  // a migration without a down step refuses the rollback here, before Koyeb redeploys anything
  const down = run.migrate;
  if (down?.mode === 'revert' && !config.dryRun) {
    const { findIrreversibleMigrations } = await import('./migrate-down.js');
    const { irreversibleMessage } = await import('../migrate/reversible.js');
    run.irreversible = await group('migrate-down: check each migration has a down step', () =>
      findIrreversibleMigrations(down, { log, env: process.env }),
    );
    if (run.irreversible.length > 0 && !down.allowIrreversible) {
      throw new OperationError(
        `migrate-down ${irreversibleMessage(run.irreversible, { allowInput: 'migrate-allow-irreversible', backupPath: down.backupPath })}`,
      );
    }
  }
  try {
    result = await rollbackKoyeb(client, cfg, {
      to: config.to,
      onlyFrom: config.onlyFrom,
      dryRun: config.dryRun,
      log,
      warn,
      group,
      onDecided: async (choice) => {
        // the image to go back to must pass, like any deploy, before anything changes; the digest
        // that passed is what gets deployed (a tag may have moved since the check)
        const pinned = run.provenance
          ? await verifyRollbackTarget(imageOf(choice.target), run.provenance)
          : undefined;
        pinnedImage = pinned;
        begun = true;
        await github.begin(
          [{ id: choice.active.id, image: imageOf(choice.active) }],
          { id: choice.target.id, image: pinned ?? imageOf(choice.target) },
          config.reason,
        );
        return pinned;
      },
    });
    error = koyebRollbackError(result)?.message;
  } catch (e) {
    error = errorMessage(e);
  }
  let migrate: MigrateDownResult | undefined;
  if (result && result.outcome !== 'dry-run' && result.outcome !== 'unchanged') {
    const target = result.choice.target;
    const done = await finishKoyeb(run, { id: target.id, image: pinnedImage ?? imageOf(target) }, error);
    migrate = done.migrate;
    error = done.error;
  } else if (begun && error) {
    await github.fail(error);
  }
  const durationMs = Date.now() - started;
  setOutputs(koyebOutputs(result, durationMs, migrate));
  await writeSummary(koyebSummary(config, result, error, { github: githubNote(run), migrate, durationMs }));
  if (error) throw new OperationError(error);
}

/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
export async function post(): Promise<void> {
  const saved = parseSavedLocks(core.getState(LOCK_STATE_KEY));
  if (!saved) return;
  if (core.getState(LOCK_RELEASED_STATE_KEY) === 'true') {
    core.info('The rollback released its locks itself.');
    return;
  }
  await releaseSavedLocks(await readSshInputs(new Inputs()), saved);
}

/** ssh/swarm: the release to go back to must pass, like any deploy, before any host changes. */
async function verifySshRollbackTarget(to: ReleaseRef, provenance: ProvenanceInputs): Promise<void> {
  const images = rollbackTargetImages(to);
  const { verifyImagesProvenance } = await import('../../lib/provenance/gate.js');
  await group('Verify provenance', () => verifyImagesProvenance(images, provenance, { log }));
}

/** Verifies the target deployment's image; returns the verified `repository@sha256:…` to deploy. */
async function verifyRollbackTarget(
  image: string | undefined,
  provenance: ProvenanceInputs,
): Promise<string> {
  if (!image) throw new OperationError('verify-provenance: the target deployment names no image to verify.');
  const { verifyImagesProvenance } = await import('../../lib/provenance/gate.js');
  const [verified] = await group('Verify provenance', () =>
    verifyImagesProvenance([image], provenance, { log }),
  );
  if (!verified) throw new OperationError(`verify-provenance: ${image} was not verified.`);
  return verified.pinned;
}
