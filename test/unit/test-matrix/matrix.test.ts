import { describe, expect, it } from 'vitest';
import { cacheKeys, cachePaths, resolveCachePaths } from '../../../actions/test-matrix/cache-key.js';
import type { Component } from '../../../actions/test-matrix/component.js';
import { buildMatrix, matrixEntry } from '../../../actions/test-matrix/matrix.js';
import { nodeComponent, pythonComponent } from '../../fixtures/test-matrix/components.js';

const backend = pythonComponent();
const web: Component = nodeComponent({
  name: 'Web App',
  dir: 'apps/web',
  language: 'node',
  packageManager: 'yarn',
  installCommand: 'yarn install --immutable',
  testCommand: 'yarn run test',
  lintCommand: '',
  runtimeVersion: '20',
  lockfiles: ['yarn.lock'],
  cacheDirs: ['~/.yarn/berry/cache', '.yarn/cache'],
});

describe('cache keys', () => {
  it('is readable (os, language, package manager, name) and ends in a hash', () => {
    const k = cacheKeys(backend, 'Linux');
    expect(k.key).toMatch(/^test-matrix-linux-python-poetry-backend-[0-9a-f]{32}$/);
    expect(k.restoreKey).toBe('test-matrix-linux-python-poetry-backend-');
    expect(k.key.startsWith(k.restoreKey)).toBe(true);
    expect(cacheKeys(backend, 'Linux')).toEqual(k);
  });

  it('changes with the lockfiles, the runtime version and the OS, not with the commands', () => {
    const base = cacheKeys(backend, 'Linux').key;
    expect(cacheKeys({ ...backend, lockHash: 'b'.repeat(64) }, 'Linux').key).not.toBe(base);
    expect(cacheKeys({ ...backend, runtimeVersion: '3.13' }, 'Linux').key).not.toBe(base);
    expect(cacheKeys(backend, 'macOS').key).toMatch(/^test-matrix-macos-python-poetry-backend-/);
    expect(cacheKeys(backend, 'macOS').key.slice(-32)).not.toBe(base.slice(-32));
    expect(cacheKeys({ ...backend, testCommand: 'pytest -x' }, 'Linux').key).toBe(base);
  });

  it('slugs the name', () => {
    expect(cacheKeys(web, 'Linux').restoreKey).toBe('test-matrix-linux-node-yarn-web-app-');
    expect(cacheKeys({ ...web, packageManager: '' }, '').restoreKey).toBe(
      'test-matrix-unknown-node-none-web-app-',
    );
  });

  it('paths: home folders stay, project folders become workspace-relative, then absolute', () => {
    expect(cachePaths(web, '.')).toEqual(['~/.yarn/berry/cache', '.yarn/cache']);
    expect(cachePaths(web, 'services')).toEqual(['~/.yarn/berry/cache', 'services/.yarn/cache']);
    expect(resolveCachePaths(cachePaths(web, 'services'), '/home/runner', '/work/shop')).toEqual([
      '/home/runner/.yarn/berry/cache',
      '/work/shop/services/.yarn/cache',
    ]);
    expect(resolveCachePaths(['/abs/dir'], '/h', '/w')).toEqual(['/abs/dir']);
  });
});

describe('matrix entries', () => {
  it('has exactly these keys and values', () => {
    expect(matrixEntry(backend, '.', 'Linux')).toEqual({
      name: 'backend',
      path: 'backend',
      language: 'python',
      'package-manager': 'poetry',
      'install-command': 'poetry install --no-interaction',
      'test-command': 'poetry run pytest',
      'lint-command': 'poetry run ruff check .',
      'typecheck-command': '',
      'build-command': '',
      'python-version': '3.12',
      lockfile: 'backend/poetry.lock',
      'cache-key': cacheKeys(backend, 'Linux').key,
      'cache-restore-key': 'test-matrix-linux-python-poetry-backend-',
      'cache-paths': '~/.cache/pypoetry',
      services: ['postgres', 'redis'],
      'postgres-image': 'postgres:16-alpine',
      'redis-image': 'redis:7-alpine',
    });
  });

  it('paths are relative to the workspace when working-directory is a sub-folder', () => {
    const e = matrixEntry(web, 'services', 'Linux');
    expect(e).toMatchObject({
      path: 'services/apps/web',
      lockfile: 'services/yarn.lock',
      'node-version': '20',
      'cache-paths': '~/.yarn/berry/cache\nservices/.yarn/cache',
      services: [],
      'postgres-image': '',
      'redis-image': '',
    });
    expect(e).not.toHaveProperty('python-version');
    expect(matrixEntry({ ...web, dir: '.' }, 'services', 'Linux').path).toBe('services');
  });

  it('`other` components carry no version key', () => {
    const e = matrixEntry({ ...backend, language: 'other', runtimeVersion: '' }, '.', 'Linux');
    expect(Object.keys(e).filter((k) => k.endsWith('-version'))).toEqual([]);
  });

  it('an empty selection is {"include":[]}', () => {
    expect(JSON.stringify(buildMatrix([], '.', 'Linux'))).toBe('{"include":[]}');
  });
});
