import { describe, expect, it } from 'vitest';
import type { Component } from '../../../actions/test-matrix/component.js';
import { type Changes, selectComponents } from '../../../actions/test-matrix/select.js';
import { nodeComponent } from '../../fixtures/test-matrix/components.js';

function component(name: string, dir: string, extra: Partial<Component> = {}): Component {
  return nodeComponent({ name, dir, ...extra });
}

const root = component('root', '.', { language: 'go' });
const web = component('web', 'apps/web', { lockfiles: ['package-lock.json'] });
const api = component('api', 'apps/api', { lockfiles: ['package-lock.json'], paths: ['proto/**'] });
const apiPy = component('api-python', 'apps/api', { language: 'python' });
const all = [root, web, api, apiPy];
const opts = { alwaysInclude: ['.github/workflows/**'], rootPrefix: '' };
const files = (...f: string[]): Changes => ({ kind: 'files', files: f, description: 'push' });
const picked = (changes: Changes, o = opts) =>
  selectComponents(all, changes, o)
    .filter((d) => d.selected)
    .map((d) => d.component.name);

describe('selectComponents', () => {
  it('`all` selects everything with the reason given', () => {
    const d = selectComponents(
      all,
      { kind: 'all', reason: 'tag push (v1.0.0): a release tests everything' },
      opts,
    );
    expect(d.map((x) => [x.component.name, x.selected, x.reason])).toEqual(
      all.map((c) => [c.name, true, 'tag push (v1.0.0): a release tests everything']),
    );
  });

  it('a file belongs to the deepest component containing it, not to the root component', () => {
    expect(picked(files('apps/web/src/page.tsx'))).toEqual(['web']);
    expect(picked(files('main.go'))).toEqual(['root']);
    expect(picked(files('apps/README.md'))).toEqual(['root']);
  });

  it('components sharing a folder both own its files', () => {
    expect(picked(files('apps/api/main.py'))).toEqual(['api', 'api-python']);
  });

  it('a shared workspace lockfile belongs to every member (and to the folder it lies in)', () => {
    expect(picked(files('package-lock.json'))).toEqual(['root', 'web', 'api']);
  });

  it('`paths` from the config file add files outside the folder', () => {
    expect(picked(files('proto/v1/api.proto'))).toEqual(['root', 'api']);
  });

  it('an always-include file selects everything, and says which file', () => {
    const d = selectComponents(all, files('apps/web/x.ts', '.github/workflows/ci.yml'), opts);
    expect(d.every((x) => x.selected)).toBe(true);
    expect(d[0]?.reason).toBe('shared file changed: .github/workflows/ci.yml (always-include)');
  });

  it('reasons list the matched files, or say nothing changed in the folder', () => {
    const d = selectComponents(
      all,
      files('apps/web/a.ts', 'apps/web/b.ts', 'apps/web/c.ts', 'apps/web/d.ts'),
      opts,
    );
    expect(d.map((x) => [x.component.name, x.selected, x.reason])).toEqual([
      ['root', false, 'no changed file in the root folder'],
      ['web', true, 'changed: apps/web/a.ts, apps/web/b.ts, apps/web/c.ts (+1 more)'],
      ['api', false, 'no changed file in apps/api/'],
      ['api-python', false, 'no changed file in apps/api/'],
    ]);
    expect(d[1]?.matched).toHaveLength(4);
  });

  it('no changed files selects nothing', () => {
    expect(picked(files())).toEqual([]);
  });

  it('a prefix: the discovery root is a sub-folder of the repository', () => {
    const o = { alwaysInclude: ['.github/workflows/**'], rootPrefix: 'services' };
    expect(picked(files('services/apps/web/x.ts'), o)).toEqual(['web']);
    // outside the root: only always-include can select
    expect(picked(files('apps/web/x.ts', 'other/main.go'), o)).toEqual([]);
    expect(picked(files('.github/workflows/ci.yml'), o)).toEqual(['root', 'web', 'api', 'api-python']);
  });

  it('folder names that only share a prefix do not match', () => {
    expect(picked(files('apps/webhooks/x.ts'))).toEqual(['root']);
  });
});
