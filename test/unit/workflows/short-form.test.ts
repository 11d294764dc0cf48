// The short form `uses: org/ops-actions/<stage>@v1`: <stage>/action.yml generated from
// actions/<stage>/action.yml by scripts/build.mjs (scripts/short-form.mjs), and checked by check-dist.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  GENERATED_MARK,
  shortFormActionYml,
  shortFormDiffs,
  shortFormFiles,
  staleShortForms,
} from '../../../scripts/short-form.mjs';
import { repoRoot } from '../../harness/run-action.js';

const stages = readdirSync(join(repoRoot, 'actions'))
  .filter((d) => existsSync(join(repoRoot, 'actions', d, 'action.yml')))
  .sort();

const SOURCE = `name: 'ops-actions: demo'
description: A demo.
inputs:
  main:
    description: 'An input that happens to be called main: ../../not-a-path'
    default: '../../x'
outputs:
  id:
    description: The id.

runs:
  using: node24
  main: ../../dist/demo/index.js
  pre: '../../dist/demo/index.js'
  post: ../../dist/demo/post.js # the post starter
  post-if: always()
`;

describe('shortFormActionYml', () => {
  it('moves runs.main/pre/post one level up and changes nothing else', () => {
    const out = shortFormActionYml('demo', SOURCE);
    const [first, second, ...rest] = out.split('\n');
    expect(first).toBe(
      `${GENERATED_MARK} from actions/demo/action.yml: do not edit. Edit that file, then run`,
    );
    expect(second).toContain('uses: org/ops-actions/demo@v1');
    expect(rest.join('\n')).toBe(
      SOURCE.replace('main: ../../dist/demo/index.js', 'main: ../dist/demo/index.js')
        .replace("pre: '../../dist/demo/index.js'", "pre: '../dist/demo/index.js'")
        .replace('post: ../../dist/demo/post.js', 'post: ../dist/demo/post.js'),
    );
    const doc = parse(out) as { runs: Record<string, string>; inputs: { main: { default: string } } };
    expect(doc.runs).toEqual({
      using: 'node24',
      main: '../dist/demo/index.js',
      pre: '../dist/demo/index.js',
      post: '../dist/demo/post.js',
      'post-if': 'always()',
    });
    expect(doc.inputs.main.default).toBe('../../x');
  });

  it('refuses a runs path that is not under the repository root, and a file without runs.main', () => {
    expect(() => shortFormActionYml('demo', SOURCE.replace('../../dist/demo/index.js', 'index.js'))).toThrow(
      /runs path 'index.js' does not start with \.\.\/\.\.\//,
    );
    expect(() => shortFormActionYml('demo', 'name: x\nruns:\n  using: composite\n')).toThrow(
      /no runs.main to point at/,
    );
  });
});

describe('the short forms in this repository', () => {
  it('every stage has <stage>/action.yml and <stage>/README.md exactly as the build generates them', () => {
    expect(stages.length).toBeGreaterThanOrEqual(7);
    expect(shortFormDiffs(repoRoot, stages)).toEqual([]);
  });

  it('each <stage>/action.yml declares the same inputs and outputs as actions/<stage>/action.yml', () => {
    for (const stage of stages) {
      const short = parse(readFileSync(join(repoRoot, stage, 'action.yml'), 'utf8')) as Record<
        string,
        unknown
      >;
      const long = parse(readFileSync(join(repoRoot, 'actions', stage, 'action.yml'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(short['inputs'], stage).toEqual(long['inputs']);
      expect(short['outputs'], stage).toEqual(long['outputs']);
      const runs = short['runs'] as Record<string, string>;
      expect(runs['main'], stage).toMatch(new RegExp(`^\\.\\./dist/${stage}/`));
      expect(existsSync(join(repoRoot, stage, runs['main'] ?? '')), `${stage}: ${runs['main']}`).toBe(true);
    }
  });

  it('each <stage>/ holds only the generated files', () => {
    for (const stage of stages)
      expect(readdirSync(join(repoRoot, stage)).sort(), stage).toEqual(['README.md', 'action.yml']);
  });
});

describe('shortFormDiffs (what check-dist reports)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function repo(): string {
    dir = mkdtempSync(join(tmpdir(), 'ops-short-form-'));
    mkdirSync(join(dir, 'actions', 'demo'), { recursive: true });
    writeFileSync(join(dir, 'actions', 'demo', 'action.yml'), SOURCE);
    return dir;
  }

  it('names a missing, an edited and a stale generated file', () => {
    const root = repo();
    expect(shortFormDiffs(root, ['demo'])).toEqual(['missing: demo/action.yml', 'missing: demo/README.md']);

    for (const [file, text] of shortFormFiles(root, ['demo'])) {
      mkdirSync(join(root, 'demo'), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    expect(shortFormDiffs(root, ['demo'])).toEqual([]);

    // a hand edit of the generated copy, and a stage whose actions/ folder was removed
    writeFileSync(
      join(root, 'demo', 'action.yml'),
      `${readFileSync(join(root, 'demo', 'action.yml'), 'utf8')}# edited\n`,
    );
    mkdirSync(join(root, 'gone'));
    writeFileSync(join(root, 'gone', 'action.yml'), `${GENERATED_MARK} from actions/gone/action.yml\n`);
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'action.yml'), 'name: not generated\n');
    expect(shortFormDiffs(root, ['demo'])).toEqual([
      'differs from actions/demo/action.yml: demo/action.yml',
      'stale (no actions/gone): gone/',
    ]);
    expect(staleShortForms(root, ['demo'])).toEqual(['gone']);
  });
});
