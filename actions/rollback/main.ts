import * as core from '@actions/core';
import {
  LOCK_RELEASED_STATE_KEY,
  LOCK_STATE_KEY,
  lockInfoFromEnv,
  newLockToken,
  parseSavedLocks,
  releaseSavedLocks,
} from '../../lib/deploy/lock.js';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { githubDeployments } from '../../lib/github/deployments.js';
import { Inputs } from '../../lib/inputs.js';
import { KoyebClient } from '../../lib/koyeb/client.js';
import { readSshInputs } from '../../lib/ssh/inputs.js';
import { writeSummary } from '../../lib/summary.js';
import type { ReleaseRef } from './choose.js';
import { imageOf } from './choose-koyeb.js';
import { type GithubRelease, GithubRollbackRecord } from './github-record.js';
import { type RollbackConfig, readRollbackInputs } from './inputs.js';
import { type MigrateDownResult, runMigrateDown } from './migrate-down.js';
import {
  dryRunSummary,
  type GithubNote,
  koyebOutputs,
  koyebSummary,
  type RollbackOutputs,
  sshOutputs,
  sshSummary,
} from './report.js';
import { koyebRollbackError, type KoyebRollbackResult, rollbackKoyeb } from './rollback-koyeb.js';
import { previewSsh, rollbackError, rollbackSsh, type SshRollbackResult } from './rollback-ssh.js';

const log = (line: string): void => core.info(line);
const warn = (line: string): void => core.warning(line);
const group = <T>(name: string, fn: () => Promise<T>): Promise<T> => core.group(name, fn);

function setOutputs(outputs: RollbackOutputs): void {
  for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v);
}

export async function main(): Promise<void> {
  const started = Date.now();
  const config = readRollbackInputs(new Inputs());
  const github = new GithubRollbackRecord(githubDeployments(config.github), { log });
  if (config.target === 'koyeb') await koyeb(config, github, started);
  else await ssh(config, github, started);
}

function githubNote(config: RollbackConfig, github: GithubRollbackRecord): GithubNote {
  return { enabled: github.enabled, environment: config.github.environment, ...github.ids };
}

/** After the code is back: migrate-down, then GitHub. Returns the error that fails the step, if any. */
async function finish(
  config: RollbackConfig,
  github: GithubRollbackRecord,
  to: GithubRelease,
  error: string | undefined,
): Promise<{ migrate: MigrateDownResult | undefined; error: string | undefined }> {
  let migrate: MigrateDownResult | undefined;
  const down = config.migrate;
  if (!error && down) {
    migrate = await group('migrate-down', () => runMigrateDown(down, { log, warn, group }));
    if (migrate.error) {
      error = `The code was rolled back to ${to.id ?? to.image ?? '?'}, but reverting the migrations failed: ${migrate.error}`;
    }
  }
  if (error) await github.fail(error);
  else await github.succeed(to, config.reason);
  return { migrate, error };
}

async function ssh(config: RollbackConfig, github: GithubRollbackRecord, started: number): Promise<void> {
  const cfg = config.ssh;
  if (!cfg) throw new Error('internal: ssh settings missing');
  const token = newLockToken();
  const common = {
    to: config.to,
    token,
    reason: config.reason,
    run: config.run,
    githubCandidate: () => github.previousCandidate(),
  };
  if (config.dryRun) {
    const preview = await previewSsh(cfg, common);
    await group('Plan (dry run: the hosts were read, nothing was changed)', async () => log(preview.text));
    setOutputs(sshOutputs({ decision: preview.decision, hosts: [], durationMs: 0 }, Date.now() - started, undefined));
    await writeSummary(dryRunSummary(`to ${preview.decision.to.id ?? preview.decision.to.image ?? '?'}`, preview.text));
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
  let result: SshRollbackResult;
  try {
    result = await rollbackSsh(cfg, {
      ...common,
      lockInfo: lockInfoFromEnv(token),
      signal: cancel.signal,
      onDecided: (decision) =>
        github.begin(
          decision.hosts.filter((h) => !h.noop).map((h) => h.from),
          decision.to,
          config.reason,
        ),
      onLocking: (saved) => core.saveState(LOCK_STATE_KEY, JSON.stringify(saved)),
      onUnlocked: () => core.saveState(LOCK_RELEASED_STATE_KEY, 'true'),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  for (const h of result.hosts) {
    log(`${h.host}: ${h.result}${h.phase && h.result !== 'rolled-back' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`);
  }
  const failure = rollbackError(result)?.message;
  const to: ReleaseRef = result.decision?.to ?? { id: undefined, source: 'history' };
  const done = result.decision ? await finish(config, github, to, failure) : { migrate: undefined, error: failure };
  const durationMs = Date.now() - started;
  setOutputs(sshOutputs(result, durationMs, done.migrate));
  await writeSummary(
    sshSummary(config, result, done.error, { github: githubNote(config, github), migrate: done.migrate, durationMs }),
  );
  if (done.error) throw new OperationError(done.error);
}

async function koyeb(config: RollbackConfig, github: GithubRollbackRecord, started: number): Promise<void> {
  const cfg = config.koyeb;
  if (!cfg) throw new Error('internal: koyeb settings missing');
  const client = new KoyebClient({
    token: cfg.token,
    apiUrl: cfg.apiUrl,
    tokenHint: "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
  });
  let result: KoyebRollbackResult | undefined;
  let error: string | undefined;
  let begun = false;
  try {
    result = await rollbackKoyeb(client, cfg, {
      to: config.to,
      dryRun: config.dryRun,
      log,
      warn,
      group,
      onDecided: (choice) => {
        begun = true;
        return github.begin(
          [{ id: choice.active.id, image: imageOf(choice.active) }],
          { id: choice.target.id, image: imageOf(choice.target) },
          config.reason,
        );
      },
    });
    error = koyebRollbackError(result)?.message;
  } catch (e) {
    error = errorMessage(e);
  }
  let migrate: MigrateDownResult | undefined;
  if (result && result.outcome !== 'dry-run' && result.outcome !== 'unchanged') {
    const target = result.choice.target;
    const done = await finish(config, github, { id: target.id, image: imageOf(target) }, error);
    migrate = done.migrate;
    error = done.error;
  } else if (begun && error) {
    await github.fail(error);
  }
  const durationMs = Date.now() - started;
  setOutputs(koyebOutputs(result, durationMs, migrate));
  await writeSummary(koyebSummary(config, result, error, { github: githubNote(config, github), migrate, durationMs }));
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
  await releaseSavedLocks(readSshInputs(new Inputs()), saved);
}
