// `npm run demo -- --down`: removes what the demo started — the app's containers and directory on
// the server, its database, its images in the local Docker image store, and .demo/. The shared
// real-server environment (sshd, Docker, registry, PostgreSQL) stays: that is `npm run env:down`.
// The registry keeps the pushed tags (it does not allow deletes); the next run overwrites them.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { errorMessage } from '../../lib/errors.js';
import type { DemoConfig } from './config.js';
import { dropDatabase } from './database.js';
import { removeApp } from './server.js';

export interface DownResult {
  done: string[];
  failed: string[];
}

/**
 * The references of the demo's repository in the local image store: its tags (`repo:v1`) and the
 * digests the server pulled (`repo@sha256:…`). Removing references, not image ids, never touches an
 * image some other repository also tags.
 */
export function localImageRefs(repository: string): string[] {
  const out = execFileSync(
    'docker',
    [
      'image',
      'ls',
      '--digests',
      '--format',
      '{{.Repository}} {{.Tag}} {{.Digest}}',
      '--filter',
      `reference=${repository}`,
    ],
    { encoding: 'utf8' },
  );
  const refs = new Set<string>();
  for (const line of out.split('\n')) {
    const [repo, tag, digest] = line.split(' ');
    if (repo !== repository) continue;
    if (tag && tag !== '<none>') refs.add(`${repo}:${tag}`);
    if (digest && digest !== '<none>') refs.add(`${repo}@${digest}`);
  }
  return [...refs];
}

export async function takeDown(cfg: DemoConfig): Promise<DownResult> {
  const result: DownResult = { done: [], failed: [] };
  const step = async (what: string, fn: () => Promise<string[] | string>): Promise<void> => {
    try {
      const r = await fn();
      result.done.push(...(Array.isArray(r) ? r : [r]));
    } catch (error) {
      result.failed.push(`${what}: ${errorMessage(error)}`);
    }
  };
  // the app first: its container uses the image removed below
  await step('the app on the server', () => removeApp(cfg));
  await step(`database ${cfg.database}`, async () =>
    (await dropDatabase(cfg)) ? `database ${cfg.database}: dropped` : `database ${cfg.database}: not there`,
  );
  await step(`images ${cfg.image}`, () => {
    const refs = localImageRefs(cfg.image);
    for (const ref of refs) {
      // removing the last tag of an image also removes its digest reference: gone is fine
      try {
        execFileSync('docker', ['image', 'rm', ref], { stdio: 'pipe' });
      } catch (error) {
        if (!/No such image/i.test(errorMessage(error) + String((error as { stderr?: unknown }).stderr)))
          throw error;
      }
    }
    const left = localImageRefs(cfg.image);
    if (left.length) throw new Error(`still in the local image store: ${left.join(', ')}`);
    return Promise.resolve(`local images of ${cfg.image}: ${refs.length} references removed`);
  });
  await step(cfg.workDir, () => {
    if (!existsSync(cfg.workDir)) return Promise.resolve(`${cfg.workDir}: not there`);
    rmSync(cfg.workDir, { recursive: true, force: true });
    return Promise.resolve(`${cfg.workDir}: removed (report, logs, workspace, backup)`);
  });
  return result;
}
