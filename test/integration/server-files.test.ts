// The files the deploy stages write on a server, written by the real shell as the deploy user (umask
// 022, as an SSH session has): every file that can hold a secret keeps its source's mode or is
// created 0600, and every file that is replaced goes through a temporary file and a rename, so a
// write that fails (a full disk, simulated with `ulimit -f`) leaves the old file whole.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeColorEnvScript } from '../../actions/deploy-ssh/strategy-blue-green.js';
import type { BlueGreenConfig, ComposeConfig } from '../../actions/deploy-ssh/inputs.js';
import { type ComposeSettings, restoreImageScript, setImageScript } from '../../lib/deploy/compose.js';
import { appendHistoryScript, historyPath } from '../../lib/deploy/history.js';
import { restoreUpstreamScript, writeUpstreamScript } from '../../lib/deploy/proxy-nginx.js';
import { linkSharedScript } from '../../lib/deploy/release.js';
import { loadTestEnv } from '../harness/env.js';
import { appDirs } from '../helpers/server.js';

const dirs = appDirs();
afterAll(() => dirs.removeAll());

/** Runs a script with `sh` as the deploy user, umask 022, optionally under `ulimit -f <blocks>`. */
function onServer(script: string, fileSizeBlocks?: number): { status: number | null; stderr: string } {
  const limit = fileSizeBlocks === undefined ? '' : `ulimit -f ${fileSizeBlocks}; `;
  const r = spawnSync(
    'runuser',
    ['-u', loadTestEnv().ssh.user, '--', 'sh', '-c', `umask 022; ${limit}${script}`],
    { encoding: 'utf8' },
  );
  return { status: r.status, stderr: r.stderr };
}

function app(name: string, files: Record<string, { text: string; mode?: string }> = {}): string {
  const dir = dirs.next(name);
  const writes = Object.entries(files).map(
    ([f, { text, mode }]) =>
      `printf '%s' '${text.replace(/'/g, `'\\''`)}' > '${dir}/${f}'${mode ? ` && chmod ${mode} '${dir}/${f}'` : ''}`,
  );
  const r = onServer([`mkdir -p '${dir}/.ops-actions'`, ...writes].join(' && '));
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const read = (path: string): string => readFileSync(path, 'utf8');
const SECRET_ENV = 'DATABASE_URL=postgres://shop:s3cret-pw@db:5432/shop\nIMAGE=reg/shop:v1\n';
/** Bigger than the `ulimit -f 2` of the full-disk tests (2 × 512 bytes with dash). */
const BIG_ENV = `${SECRET_ENV}${'# filler line to make the file bigger than the limit\n'.repeat(40)}`;

function compose(appDir: string): ComposeSettings {
  return { appDir, command: ['docker', 'compose'], files: [], envFile: '.env', imageVariable: 'IMAGE' };
}

function blueGreen(appDir: string): { c: ComposeConfig; bg: BlueGreenConfig } {
  const { appDir: _, ...settings } = compose(appDir);
  const c = { settings, image: 'reg/shop:v2', login: undefined } as unknown as ComposeConfig;
  const bg = {
    portVariable: 'PORT',
    project: 'shop',
    ports: { blue: 8081, green: 8082 },
  } as unknown as BlueGreenConfig;
  return { c, bg };
}

describe('zero-downtime (blue-green) color env files', () => {
  it('.env 0600 with a database URL: .env.green gets 0600, also over an old 0644 one', () => {
    const dir = app('bg-mode', {
      '.env': { text: SECRET_ENV, mode: '600' },
      '.env.green': { text: 'IMAGE=reg/shop:v0\nPORT=8082\n', mode: '644' },
    });
    const { c, bg } = blueGreen(dir);
    const r = onServer(writeColorEnvScript(dir, c, bg, 'green', 'reg/shop:v2', 8082));
    expect(r.status, r.stderr).toBe(0);
    expect(read(join(dir, '.env.green'))).toBe(
      'DATABASE_URL=postgres://shop:s3cret-pw@db:5432/shop\nIMAGE=reg/shop:v2\nPORT=8082\n',
    );
    expect(mode(join(dir, '.env.green'))).toBe('600');
    expect(mode(join(dir, '.env'))).toBe('600');
  });

  it('.env 0640 (group-readable on purpose): the color file gets 0640 too', () => {
    const dir = app('bg-640', { '.env': { text: SECRET_ENV, mode: '640' } });
    const { c, bg } = blueGreen(dir);
    expect(onServer(writeColorEnvScript(dir, c, bg, 'blue', 'reg/shop:v2', 8081)).status).toBe(0);
    expect(mode(join(dir, '.env.blue'))).toBe('640');
  });

  it('no .env: the color file is created 0600', () => {
    const dir = app('bg-new');
    const { c, bg } = blueGreen(dir);
    expect(onServer(writeColorEnvScript(dir, c, bg, 'blue', 'reg/shop:v2', 8081)).status).toBe(0);
    expect(mode(join(dir, '.env.blue'))).toBe('600');
  });

  it('a full disk while writing the color file leaves the old one whole', () => {
    const dir = app('bg-full', {
      '.env': { text: BIG_ENV, mode: '600' },
      '.env.blue': { text: 'IMAGE=reg/shop:v1\nPORT=8081\n', mode: '600' },
    });
    const { c, bg } = blueGreen(dir);
    expect(onServer(writeColorEnvScript(dir, c, bg, 'blue', 'reg/shop:v2', 8081), 2).status).not.toBe(0);
    expect(read(join(dir, '.env.blue'))).toBe('IMAGE=reg/shop:v1\nPORT=8081\n');
  });
});

describe('compose env file: set and restore', () => {
  it('keeps .env 0640 and its backup 0640; a new .env is created 0600', () => {
    const dir = app('compose-mode', { '.env': { text: SECRET_ENV, mode: '640' } });
    expect(onServer(setImageScript(compose(dir), 'reg/shop:v2')).status).toBe(0);
    expect(mode(join(dir, '.env'))).toBe('640');
    expect(mode(join(dir, '.ops-actions', 'env-file.previous'))).toBe('640');
    expect(onServer(restoreImageScript(compose(dir))).status).toBe(0);
    expect(read(join(dir, '.env'))).toBe(SECRET_ENV);
    expect(mode(join(dir, '.env'))).toBe('640');

    const fresh = app('compose-new');
    expect(onServer(setImageScript(compose(fresh), 'reg/shop:v2')).status).toBe(0);
    expect(read(join(fresh, '.env'))).toBe('IMAGE=reg/shop:v2\n');
    expect(mode(join(fresh, '.env'))).toBe('600');
  });

  it('the restore on a full disk leaves the current .env whole (no cp over it in place)', () => {
    const current = BIG_ENV.replace('reg/shop:v1', 'reg/shop:v2');
    const dir = app('compose-full', {
      '.env': { text: current, mode: '600' },
      '.ops-actions/env-file.previous': { text: BIG_ENV, mode: '600' },
    });
    const r = onServer(restoreImageScript(compose(dir)), 2);
    expect(r.status).not.toBe(0);
    expect(read(join(dir, '.env'))).toBe(current);
    expect(mode(join(dir, '.env'))).toBe('600');
  });

  it('setting the image on a full disk leaves .env whole', () => {
    const dir = app('compose-set-full', { '.env': { text: BIG_ENV, mode: '600' } });
    expect(onServer(setImageScript(compose(dir), 'reg/shop:v2'), 2).status).not.toBe(0);
    expect(read(join(dir, '.env'))).toBe(BIG_ENV);
  });
});

describe('nginx upstream file', () => {
  it('keeps its mode across a switch and a restore, and a full disk leaves it whole', () => {
    const dir = app('upstream', {
      'upstream.conf': { text: 'server 127.0.0.1:8081;\n', mode: '640' },
    });
    expect(onServer(writeUpstreamScript(dir, 'upstream.conf', 8082, 'green', 'r2')).status).toBe(0);
    expect(read(join(dir, 'upstream.conf'))).toContain('server 127.0.0.1:8082;');
    expect(mode(join(dir, 'upstream.conf'))).toBe('640');
    expect(onServer(restoreUpstreamScript(dir, 'upstream.conf')).status).toBe(0);
    expect(read(join(dir, 'upstream.conf'))).toBe('server 127.0.0.1:8081;\n');
    expect(mode(join(dir, 'upstream.conf'))).toBe('640');
    expect(onServer(writeUpstreamScript(dir, 'upstream.conf', 8082, 'green', 'r3'), 0).status).not.toBe(0);
    expect(read(join(dir, 'upstream.conf'))).toBe('server 127.0.0.1:8081;\n');
  });
});

describe('release history', () => {
  it('an append that fails half-way leaves no half line behind', () => {
    const line = (id: string): string =>
      `${JSON.stringify({ id, outcome: 'deployed', time: '2026-01-01T00:00:00.000Z', note: 'x'.repeat(150) })}\n`;
    const before = line('r1') + line('r2');
    expect(before.length).toBeLessThan(512);
    const dir = app('history', { '.ops-actions/history.jsonl': { text: before } });
    const entry = {
      id: 'r3',
      outcome: 'deployed' as const,
      time: '2026-01-01T00:00:00.000Z',
      note: 'y'.repeat(300),
    };
    // 1 block = 512 bytes: the old file fits, the file with the new line does not
    onServer(appendHistoryScript(dir, entry), 1);
    expect(read(historyPath(dir))).toBe(before);
    expect(onServer(appendHistoryScript(dir, entry)).status).toBe(0);
    expect(read(historyPath(dir))).toBe(`${before}${JSON.stringify(entry)}\n`);
  });

  it('a temporary file left behind, or a symlink in its place, is replaced, never written through', () => {
    const entry = { id: 'r2', outcome: 'deployed' as const, time: '2026-01-01T00:00:00.000Z' };
    const first = `${JSON.stringify({ ...entry, id: 'r1' })}\n`;
    const dir = app('history-tmp', {
      '.ops-actions/history.jsonl': { text: first },
      '.ops-actions/history.jsonl.ops-actions.tmp': { text: 'half a line from a killed append' },
      outside: { text: 'not history' },
    });
    expect(onServer(appendHistoryScript(dir, entry)).status).toBe(0);
    expect(read(historyPath(dir))).toBe(`${first}${JSON.stringify(entry)}\n`);
    // a dangling symlink and one to another file: removed, not followed
    for (const target of [`${dir}/nowhere`, `${dir}/outside`]) {
      const tmp = `${historyPath(dir)}.ops-actions.tmp`;
      expect(onServer(`ln -s '${target}' '${tmp}'`).status).toBe(0);
      expect(onServer(appendHistoryScript(dir, { ...entry, id: 'r3' })).status).toBe(0);
      expect(existsSync(`${dir}/nowhere`)).toBe(false);
      expect(read(`${dir}/outside`)).toBe('not history');
    }
    expect(read(historyPath(dir)).split('\n').filter(Boolean)).toHaveLength(4);
  });
});

describe('release strategy: shared files', () => {
  it('a shared .env created empty on the first deploy is 0600', () => {
    const dir = app('shared');
    const r = onServer(
      `mkdir -p '${dir}/releases/r1' && ${linkSharedScript(dir, 'r1', [{ path: '.env', directory: false }])}`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(mode(join(dir, 'shared', '.env'))).toBe('600');
  });
});
