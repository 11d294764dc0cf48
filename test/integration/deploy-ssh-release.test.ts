// strategy release against the real sshd: SFTP upload, shared paths, health gate, atomic switch,
// undo on failure, keep-releases, archives.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from '../harness/run-action.js';
import {
  currentTarget,
  keyLines,
  lockExists,
  readHistoryFile,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
} from '../helpers/server.js';

let appDir: string;
let workspace: string;

/** Writes the build output of version `v` into the workspace's dist/. */
function build(v: string): void {
  const dist = join(workspace, 'dist');
  execFileSync('rm', ['-rf', dist]);
  mkdirSync(join(dist, 'bin'), { recursive: true });
  mkdirSync(join(dist, 'storage'), { recursive: true });
  writeFileSync(join(dist, 'VERSION'), v);
  writeFileSync(join(dist, 'bin', 'check'), '#!/bin/sh\ntest -f "$(dirname "$0")/../VERSION"\n');
  chmodSync(join(dist, 'bin', 'check'), 0o755);
  writeFileSync(join(dist, 'storage', 'seed.txt'), `seeded by ${v}`);
  writeFileSync(join(dist, "with space & quote's.txt"), 'odd name');
}

function deploy(id: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('deploy-ssh', {
    workspace,
    inputs: {
      ...sshInputs(),
      strategy: 'release',
      'app-dir': appDir,
      'release-id': id,
      source: 'dist',
      shared: '.env\nstorage/',
      'before-switch':
        'test -x bin/check && echo "before-switch in $PWD for $RELEASE_ID (previous: $PREVIOUS_RELEASE_ID)"',
      'health-command': './bin/check',
      'health-timeout': '3s',
      'health-interval': '1s',
      ...extra,
    },
  });
}

const live = (): string => readFileSync(join(appDir, 'current', 'VERSION'), 'utf8');
const releases = (): string[] => readdirSync(join(appDir, 'releases')).sort();

beforeAll(() => {
  appDir = uniqueAppDir('release');
  workspace = mkdtempSync(join(tmpdir(), 'ops-release-ws-'));
});
afterAll(() => removeAppDir(appDir));

describe('strategy release', () => {
  it('two releases: current points to the second, shared paths persist, modes and odd names survive', async () => {
    build('r1');
    const r1 = await deploy('r1');
    expect(r1.exitCode, r1.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r1');
    expect(live()).toBe('r1');
    expect(r1.log).toContain(`before-switch in ${appDir}/releases/r1 for r1 (previous: )`);
    // storage/ was seeded from the first release into shared/, then linked
    expect(lstatSync(join(appDir, 'releases', 'r1', 'storage')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(appDir, 'shared', 'storage', 'seed.txt'), 'utf8')).toBe('seeded by r1');
    writeFileSync(join(appDir, 'shared', 'storage', 'upload.bin'), 'user upload');
    expect(statSync(join(appDir, 'current', 'bin', 'check')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(appDir, 'current', "with space & quote's.txt"), 'utf8')).toBe('odd name');

    build('r2');
    const r2 = await deploy('r2');
    expect(r2.exitCode, r2.log).toBe(0);
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(live()).toBe('r2');
    expect(readFileSync(join(appDir, 'current', 'storage', 'upload.bin'), 'utf8')).toBe('user upload');
    expect(r2.outputs['previous-release-id']).toBe('r1');
    expect(r2.outputs['previous-image']).toBe('');
    expect(r2.log).toContain('(previous: r1)');
    expect(readHistoryFile(appDir).map((e) => [e.id, e.outcome, e.artifact, e.previous])).toEqual([
      ['r1', 'deployed', 'dist', undefined],
      ['r2', 'deployed', 'dist', 'r1'],
    ]);
    expect(lockExists(appDir)).toBe(false);
    for (const line of keyLines()) expect(r2.log).not.toContain(line);
  });

  it('a failing before-switch leaves current on the previous release and removes the new one', async () => {
    build('r3');
    const r = await deploy('r3', {
      'before-switch': 'echo preparing\necho "migration exploded" >&2\nfalse\necho never',
    });
    expect(r.exitCode).toBe(1);
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(live()).toBe('r2');
    expect(releases()).toEqual(['r1', 'r2']);
    const error = r.errors.join('\n');
    expect(error).toContain(
      "deploy@127.0.0.1:2222 (failed in Prepare): 'before-switch: echo preparing …' exited with code 1",
    );
    expect(error).toContain('migration exploded');
    expect(error).toContain('ops-actions: before-switch failed at line 3: false (exit code 1)');
    expect(readHistoryFile(appDir).at(-1)).toMatchObject({ id: 'r3', outcome: 'failed', previous: 'r2' });
    expect(lockExists(appDir)).toBe(false);
  });

  it('a failing health command leaves current on the previous release', async () => {
    build('r4');
    const r = await deploy('r4', { 'health-command': 'test -f NOT-THERE' });
    expect(r.exitCode).toBe(1);
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(r.errors.join('\n')).toMatch(
      /the health-command did not pass within 3\.0s \(health-timeout, \d+ attempts\)/,
    );
    expect(releases()).toEqual(['r1', 'r2']);
  });

  it('a failing after-switch switches current back and runs after-switch for the previous release', async () => {
    build('r5');
    const r = await deploy('r5', {
      'after-switch': 'echo "after-switch $RELEASE_ID" >> ../../after.log\n[ "$RELEASE_ID" != r5 ]',
    });
    expect(r.exitCode).toBe(1);
    expect(currentTarget(appDir)).toBe('releases/r2');
    expect(readFileSync(join(appDir, 'after.log'), 'utf8')).toBe('after-switch r5\nafter-switch r2\n');
    expect(releases()).toEqual(['r1', 'r2']);
    expect(r.errors.join('\n')).toContain('(failed in Activate)');
  });

  it('keep-releases deletes the oldest releases but never the live one', async () => {
    build('r6');
    const r = await deploy('r6', { 'keep-releases': '2' });
    expect(r.exitCode, r.log).toBe(0);
    expect(releases()).toEqual(['r2', 'r6']);
    expect(JSON.parse(r.outputs.report ?? '{}').hosts[0].pruned).toEqual(['r1']);
  });

  it('an archive is uploaded and extracted into the release', async () => {
    build('r7');
    execFileSync('tar', ['-czf', join(workspace, 'app.tar.gz'), '-C', join(workspace, 'dist'), '.']);
    const r = await deploy('r7', { source: 'app.tar.gz' });
    expect(r.exitCode, r.log).toBe(0);
    expect(live()).toBe('r7');
    expect(statSync(join(appDir, 'current', 'bin', 'check')).mode & 0o111).not.toBe(0);
    expect(readdirSync(join(appDir, 'releases')).some((f) => f.includes('.partial-'))).toBe(false);
    expect(existsSync(join(appDir, 'releases', 'r7', 'app.tar.gz'))).toBe(false);
  });

  it('an existing release id is refused before anything changes', async () => {
    const r = await deploy('r7');
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain('release r7 already exists');
    expect(live()).toBe('r7');
  });
});
