// What a host runs and what it could go back to, read in one round trip (under the deploy lock,
// or without it for a dry run): lib/deploy/state's history, `current` link and env-file image,
// plus — for the release layout — the release directories still on the host.
import { type StateQuery, parseState, readStateScript } from '../../lib/deploy/state.js';
import { releaseLayout } from '../../lib/deploy/release.js';
import { stackFilesDir } from '../../lib/deploy/swarm.js';
import { shellQuote } from '../../lib/quote.js';
import type { HostSnapshot } from './choose.js';
import type { SshRollbackConfig } from './inputs.js';
import { composeSettings } from './plan.js';

const DIRS_MARK = '@@ops-actions-rollback:release-dirs';

function stateQuery(config: SshRollbackConfig): StateQuery {
  if (config.strategy === 'stack') return {};
  return config.strategy === 'release' ? { release: true } : { compose: composeSettings(config) };
}

/** The read-only remote script. Pure. */
export function snapshotScript(config: SshRollbackConfig): string {
  const parts = [readStateScript(config.appDir, stateQuery(config))];
  if (config.strategy === 'release') {
    const dir = shellQuote(releaseLayout(config.appDir).releasesDir);
    parts.push(`echo '${DIRS_MARK}'`, `if [ -d ${dir} ]; then ls -1 ${dir}; fi`);
  }
  if (config.strategy === 'stack') {
    // the stack file each release deployed (deploy-ssh strategy stack keeps them): the releases that can come back
    const dir = shellQuote(stackFilesDir(config.appDir));
    parts.push(`echo '${DIRS_MARK}'`, `if [ -d ${dir} ]; then ls -1 ${dir} | sed -n 's/\\.yml$//p'; fi`);
  }
  return parts.join('\n');
}

/** Parses what snapshotScript printed. */
export function parseSnapshot(host: string, stdout: string): HostSnapshot {
  const cut = stdout.indexOf(`${DIRS_MARK}\n`);
  const state = parseState(cut >= 0 ? stdout.slice(0, cut) : stdout);
  if (cut < 0) return { host, state };
  const releaseDirs = stdout
    .slice(cut + DIRS_MARK.length + 1)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.includes('.partial-'));
  return { host, state, releaseDirs };
}
