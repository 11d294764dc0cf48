import ssh2 from 'ssh2';
import type { HostSnapshot } from '../../../actions/rollback/choose.js';
import {
  type RollbackConfig,
  readRollbackInputs,
  type SshRollbackConfig,
} from '../../../actions/rollback/inputs.js';
import type { HistoryEntry, ReleaseOutcome } from '../../../lib/deploy/history.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

export const KEY = ssh2.utils.generateKeyPairSync('ed25519').private;
export const FP = `SHA256:${'K'.repeat(43)}`;
export const SHA = '0123456789abcdef0123456789abcdef01234567';

export const RUN_ENV = {
  GITHUB_SHA: SHA,
  GITHUB_RUN_ID: '1000',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_WORKFLOW: 'Deploy',
};

export const BASE = {
  hosts: 'deploy@10.0.0.1\ndeploy@10.0.0.2:2222',
  'private-key': KEY,
  'host-fingerprint': FP,
  'app-dir': '/srv/shop',
};

export function config(
  record: Record<string, string>,
  env: Record<string, string> = RUN_ENV,
): Promise<RollbackConfig> {
  return readRollbackInputs(new Inputs(recordInputs(record)), env);
}

export async function sshConfig(record: Record<string, string>): Promise<SshRollbackConfig> {
  const c = await config({ ...BASE, ...record });
  if (!c.ssh) throw new Error('no ssh config');
  return c.ssh;
}

/** History lines: `deploy('v1', 'reg/app:v1')`, `mark('v2', 'bad')`. */
export function deployLine(id: string, image?: string, sha = SHA): HistoryEntry {
  return { id, outcome: 'deployed', time: 't', strategy: image ? 'compose' : 'release', image, sha };
}
export function markLine(id: string, outcome: ReleaseOutcome): HistoryEntry {
  return { id, outcome, time: 't' };
}

export function snap(
  history: HistoryEntry[],
  extra: Partial<HostSnapshot['state']> & { releaseDirs?: string[]; host?: string } = {},
): HostSnapshot {
  const { releaseDirs, host, ...state } = extra;
  return {
    host: host ?? 'deploy@10.0.0.1',
    state: { history, ...state },
    ...(releaseDirs ? { releaseDirs } : {}),
  };
}
