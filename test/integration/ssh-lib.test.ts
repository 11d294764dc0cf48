// lib/ssh and lib/deploy used directly (as the migrate and rollback stages will) against the real
// sshd: exec with stdin/env/cwd, errors, SFTP, the state read, marking releases, switching back.
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendHistory,
  foldHistory,
  markRelease,
  readHistory,
  rollbackTarget,
} from '../../lib/deploy/history.js';
import { acquireLock, lockInfoFromEnv, releaseLock } from '../../lib/deploy/lock.js';
import { readCurrentRelease, switchCurrent } from '../../lib/deploy/release.js';
import { readState } from '../../lib/deploy/state.js';
import { Inputs, recordInputs } from '../../lib/inputs.js';
import type { SshConnection, SshLogger } from '../../lib/ssh/connection.js';
import { RemoteCommandError } from '../../lib/ssh/errors.js';
import { readSshInputs } from '../../lib/ssh/inputs.js';
import { SshPool } from '../../lib/ssh/pool.js';
import { runScript } from '../../lib/ssh/script.js';
import { uploadDirectory, writeRemoteFile } from '../../lib/ssh/sftp.js';
import { appDirs, asDeploy, sshInputs } from '../helpers/server.js';

const lines: string[] = [];
const logger: SshLogger = { info: (l) => lines.push(l), warning: (l) => lines.push(`warning: ${l}`) };
const dirs = appDirs();
let pool: SshPool;
let conn: SshConnection;
let appDir: string;

beforeAll(async () => {
  const settings = await readSshInputs(new Inputs(recordInputs(sshInputs())));
  pool = new SshPool(settings, { logger });
  conn = await pool.connect(settings.hosts[0] as NonNullable<(typeof settings.hosts)[0]>);
  appDir = dirs.next('lib');
  asDeploy(`mkdir -p '${appDir}'`);
});
afterAll(async () => {
  await pool.closeAll();
  dirs.removeAll();
});

describe('SshConnection', () => {
  it('reuses one connection per host', async () => {
    const again = await pool.connect(conn.host);
    expect(again).toBe(conn);
  });

  it('exec: stdin, quoted env, cwd, streamed host-prefixed lines', async () => {
    const r = await conn.exec('cat; echo "$A|$(pwd)"', {
      stdin: 'from stdin\n',
      env: { A: "it's $(x)" },
      cwd: appDir,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`from stdin\nit's $(x)|${appDir}\n`);
    expect(lines).toContain(`[deploy@127.0.0.1:2222] it's $(x)|${appDir}`);
  });

  it('a failing command throws naming host, command, exit code and stderr; allowFailure returns it', async () => {
    const error = await conn
      .exec('echo oops >&2; exit 7', { label: 'the failing thing' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect((error as RemoteCommandError).message).toBe(
      "deploy@127.0.0.1:2222: 'the failing thing' exited with code 7:\noops",
    );
    const r = await conn.exec('exit 3', { allowFailure: true, silent: true });
    expect(r.exitCode).toBe(3);
  });

  it('secrets are redacted from logged and captured output', async () => {
    const r = await conn.exec('echo "token=s3cr3t-value"', { secrets: ['s3cr3t-value'] });
    expect(r.stdout).toBe('token=***\n');
    expect(lines.join('\n')).not.toContain('s3cr3t-value');
  });

  it('runScript sends the script on stdin under strict mode', async () => {
    const r = await runScript(
      conn,
      'echo "$X"\nfalse\necho never',
      { shell: 'bash', login: false },
      {
        title: 'migrate',
        env: { X: 'value' },
        cwd: appDir,
        allowFailure: true,
        silent: true,
      },
    );
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('value\n');
    expect(r.stderr).toContain('ops-actions: migrate failed at line 2: false (exit code 1)');
  });

  it('SFTP: writes files and uploads directories over the same connection', async () => {
    await writeRemoteFile(conn, `${appDir}/note.txt`, 'hello\n', 0o600);
    expect(readFileSync(join(appDir, 'note.txt'), 'utf8')).toBe('hello\n');
    const local = mkdtempSync(join(tmpdir(), 'ops-up-'));
    mkdirSync(join(local, 'sub'));
    writeFileSync(join(local, 'sub', 'a.txt'), 'A');
    await conn.exec(`mkdir -p '${appDir}/up'`);
    const stats = await uploadDirectory(conn, local, `${appDir}/up`);
    expect(stats).toMatchObject({ files: 1, dirs: 1 });
    expect(readFileSync(join(appDir, 'up', 'sub', 'a.txt'), 'utf8')).toBe('A');
  });
});

describe('lib/deploy executors (what rollback uses)', () => {
  it('lock, history, state, mark bad, find the rollback target, switch current back', async () => {
    const info = lockInfoFromEnv('libtoken', { GITHUB_RUN_ID: '77', GITHUB_ACTOR: 'rollbacker' });
    await acquireLock(conn, { appDir, info, timeoutMs: 0, staleAfterMs: 0, logger });
    for (const id of ['r1', 'r2', 'r3']) {
      asDeploy(`mkdir -p '${appDir}/releases/${id}'`);
      await appendHistory(conn, appDir, {
        id,
        outcome: 'deployed',
        time: new Date().toISOString(),
        strategy: 'release',
      });
    }
    await switchCurrent(conn, appDir, 'r3', 'libtoken');
    await markRelease(conn, appDir, 'r2', 'bad', { actor: 'rollbacker', note: 'broke checkout' });

    const state = await readState(conn, appDir, { release: true });
    expect(state.currentRelease).toBe('r3');
    const target = rollbackTarget(foldHistory(state.history));
    expect(target?.id).toBe('r1');

    await switchCurrent(conn, appDir, target?.id ?? '', 'libtoken');
    await markRelease(conn, appDir, 'r3', 'rolled-back');
    await markRelease(conn, appDir, 'r1', 'deployed', { note: 'rollback' });
    expect(readlinkSync(join(appDir, 'current'))).toBe('releases/r1');
    expect(await readCurrentRelease(conn, appDir)).toBe('r1');
    const releases = foldHistory(await readHistory(conn, appDir));
    expect(releases.map((r) => [r.id, r.outcome])).toEqual([
      ['r1', 'deployed'],
      ['r2', 'bad'],
      ['r3', 'rolled-back'],
    ]);
    expect(await releaseLock(conn, appDir, 'libtoken')).toBe('released');
  });
});
