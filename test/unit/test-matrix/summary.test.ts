import { describe, expect, it } from 'vitest';
import type { Component } from '../../../actions/test-matrix/component.js';
import type { TestMatrixResult } from '../../../actions/test-matrix/resolve.js';
import { renderSummary } from '../../../actions/test-matrix/summary.js';
import { nodeComponent, pythonComponent } from '../../fixtures/test-matrix/components.js';

const api: Component = pythonComponent({
  name: 'api',
  dir: 'api',
  packageManager: 'uv',
  installCommand: 'uv sync --frozen',
  testCommand: 'uv run pytest',
  lintCommand: 'uv run ruff check .',
  lockfiles: ['api/uv.lock'],
  cacheDirs: ['~/.cache/uv'],
  services: { postgres: { image: 'postgres:16-alpine', because: 'asyncpg in api/pyproject.toml' } },
});
const web: Component = nodeComponent({ buildCommand: 'npm run build' });

function result(over: Partial<TestMatrixResult>): TestMatrixResult {
  return {
    root: '.',
    components: [api, web],
    ignored: [],
    base: { mode: 'commits', base: 'a', head: 'b', reason: 'push' },
    changes: {
      kind: 'files',
      files: ['api/app.py'],
      description: 'push to main: files changed between a and b (git diff a..b, 1 file)',
    },
    decisions: [
      { component: api, selected: true, reason: 'changed: api/app.py', matched: ['api/app.py'] },
      { component: web, selected: false, reason: 'no changed file in web/', matched: [] },
    ],
    matrix: { include: [] },
    ...over,
  };
}

describe('renderSummary', () => {
  it('a table of every component, in or out and why, then what changed', () => {
    expect(
      renderSummary(
        result({
          ignored: [{ dir: 'docs', reason: 'no tests found' }],
          configOrigin: '.ops-actions/components.yml',
        }),
      ),
    ).toBe(
      [
        '## Test matrix: 1 of 2 components',
        '',
        '**Changes:** push to main: files changed between a and b (git diff a..b, 1 file)',
        '',
        '| In | Component | Path | Toolchain | Runs | Services | Why |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| ✅ | api | api | python uv 3.12 | test: `uv run pytest`, lint | postgres (asyncpg in api/pyproject.toml) | changed: api/app.py |',
        '| ⏭️ | web | web | node npm 22 | test: `npm run test`, build | — | no changed file in web/ |',
        '',
        '**Not components:** `docs` (no tests found)',
        '',
        'Configuration: .ops-actions/components.yml.',
        '',
        '<details><summary>1 changed file</summary>',
        '',
        '```',
        'api/app.py',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to test, and where it looked', () => {
    const md = renderSummary(
      result({
        components: [],
        decisions: [],
        root: 'services',
        changes: { kind: 'all', reason: 'workflow_dispatch event: testing everything' },
      }),
    );
    expect(md).toContain('## Test matrix: 0 of 0 components');
    expect(md).toContain('**Changes:** workflow_dispatch event: testing everything');
    expect(md).toContain('No components found in `services`');
  });

  it('lists at most 100 changed files', () => {
    const files = Array.from({ length: 150 }, (_, i) => `f${i}.txt`);
    const md = renderSummary(result({ changes: { kind: 'files', files, description: 'pr' } }));
    expect(md).toContain('150 changed files');
    expect(md).toContain('f99.txt\n… and 50 more');
    expect(md).not.toContain('f100.txt');
  });
});
