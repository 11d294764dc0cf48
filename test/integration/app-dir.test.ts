// app-dir, read by one parser (lib/deploy/paths.ts) in every stage: rollback finds the directory a
// deploy used through `{host}`/`{port}` (same lock, same history), and the home itself, the root
// and values starting with '-' are refused before anything on the server is touched.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import { runAction } from '../harness/run-action.js';
import { appDirs, currentTarget, lockExists, readHistoryFile, sshInputs } from '../helpers/server.js';

const dirs = appDirs();
const workspace = mkdtempSync(join(tmpdir(), 'ops-app-dir-ws-'));
afterAll(() => dirs.removeAll());

function deployRelease(appDir: string, id: string) {
  const dist = join(workspace, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'VERSION'), id);
  return runAction('deploy-ssh', {
    workspace,
    inputs: { ...sshInputs(), strategy: 'release', 'app-dir': appDir, 'release-id': id, source: 'dist' },
  });
}

describe('app-dir with {port}', () => {
  it('rollback locks and reads the directory the deploy used, and rolls it back', async () => {
    const base = dirs.next('port');
    const { port } = loadTestEnv().ssh;
    const template = `${base}-{port}`;
    const real = `${base}-${port}`;
    for (const id of ['r1', 'r2']) {
      const d = await deployRelease(template, id);
      expect(d.exitCode, d.log).toBe(0);
    }
    expect(currentTarget(real)).toBe('releases/r2');

    const r = await runAction('rollback', {
      inputs: { ...sshInputs(), strategy: 'release', 'app-dir': template, reason: 'app-dir test' },
    });
    try {
      expect(r.exitCode, r.log).toBe(0);
      expect(r.outputs).toMatchObject({ 'rolled-back-from': 'r2', 'rolled-back-to': 'r1' });
      expect(currentTarget(real)).toBe('releases/r1');
      expect(readHistoryFile(real).map((e) => [e.id, e.outcome])).toEqual([
        ['r1', 'deployed'],
        ['r2', 'deployed'],
        ['r2', 'bad'],
        ['r1', 'deployed'],
      ]);
      // the lock it took was the deploy's, and it let it go; nothing was made under the literal name
      expect(r.log).toContain(`locked ${real}`);
      expect(lockExists(real)).toBe(false);
      expect(existsSync(template)).toBe(false);
    } finally {
      rmSync(real, { recursive: true, force: true });
      rmSync(template, { recursive: true, force: true });
    }
  });
});

describe('app-dir that is the home, the root, or an option', () => {
  it.each([
    ['deploy-ssh', './.'],
    ['deploy-ssh', '/.'],
    ['deploy-ssh', '-x'],
    ['rollback', './.'],
    ['rollback', '/.'],
  ])(
    '%s with app-dir %j is refused naming app-dir; nothing on the server is touched',
    async (stage, appDir) => {
      const { home } = loadTestEnv().ssh;
      const marker = `h1-app-dir-marker-${randomBytes(4).toString('hex')}`;
      const stateDir = join(home, '.ops-actions');
      const before = existsSync(stateDir) ? statSync(stateDir).mtimeMs : undefined;
      const inputs =
        stage === 'deploy-ssh'
          ? { ...sshInputs(), strategy: 'script', 'app-dir': appDir, script: `touch ${home}/${marker}` }
          : {
              ...sshInputs(),
              strategy: 'release',
              'app-dir': appDir,
              'after-switch': `touch ${home}/${marker}`,
            };
      const r = await runAction(stage, { inputs, workspace });
      expect(r.exitCode, r.log).toBe(1);
      expect(r.errors.join('\n')).toMatch(
        /Input 'app-dir': '.*' (is the home directory itself|is the root directory|must not start with '-')/,
      );
      expect(existsSync(join(home, marker))).toBe(false);
      // no lock or history was written in the home's (or the root's) .ops-actions
      expect(existsSync(stateDir) ? statSync(stateDir).mtimeMs : undefined).toBe(before);
      expect(existsSync('/.ops-actions')).toBe(false);
      expect(r.log).not.toMatch(/connect|locked/i);
    },
  );
});
