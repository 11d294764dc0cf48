import { describe, expect, it } from 'vitest';
import { parseComponentsConfig } from '../../../actions/test-matrix/config.js';
import { DEFAULT_ALWAYS_INCLUDE, parseTestMatrixInputs } from '../../../actions/test-matrix/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const parse = (record: Record<string, string>) => parseTestMatrixInputs(new Inputs(recordInputs(record)));

describe('parseTestMatrixInputs', () => {
  it('defaults', async () => {
    expect(await parse({})).toEqual({
      workingDirectory: '.',
      configFile: '.ops-actions/components.yml',
      configGiven: false,
      components: undefined,
      changedOnly: false,
      alwaysInclude: DEFAULT_ALWAYS_INCLUDE,
      exclude: [],
      detectServices: true,
      nodeVersion: '22',
      pythonVersion: '3.12',
      githubToken: undefined,
      component: undefined,
      cache: false,
    });
  });

  it('reads every input', async () => {
    const r = await parse({
      'working-directory': 'services',
      config: 'ci/components.yml',
      components: '- path: api\n  services: [postgres]\n',
      'changed-only': 'true',
      'always-include': 'docker-compose.yml\nshared/**',
      exclude: 'examples/**, fixtures/',
      'detect-services': 'false',
      'node-version': 'lts/*',
      'python-version': '3.11',
      'github-token': 'ghs_secret',
      component: 'api',
      cache: 'true',
    });
    expect(r).toMatchObject({
      workingDirectory: 'services',
      configFile: 'ci/components.yml',
      configGiven: true,
      changedOnly: true,
      alwaysInclude: ['docker-compose.yml', 'shared/**'],
      exclude: ['examples/**', 'fixtures/'],
      detectServices: false,
      nodeVersion: 'lts/*',
      pythonVersion: '3.11',
      githubToken: 'ghs_secret',
      component: 'api',
      cache: true,
    });
    expect(r.components?.components).toEqual([{ path: 'api', services: ['postgres'] }]);
  });

  it.each([
    [{ 'changed-only': 'yes' }, "Input 'changed-only': must be 'true' or 'false', got 'yes'."],
    [
      { cache: 'true' },
      "Input 'cache': caches the dependencies of one component, in the job that tests it: give component too.",
    ],
    [{ 'working-directory': '../other' }, "Input 'working-directory': must be a folder inside the workspace"],
    [{ 'node-version': '20; rm -rf /' }, "Input 'node-version': must be a version such as 22"],
    [{ components: 'components: [' }, "Input 'components': is not valid YAML"],
    [
      { components: '- path: a\n  tset-command: x\n' },
      'Input \'components\': is not valid: components.0: Unrecognized key: "tset-command"',
    ],
    [
      { components: '- path: a\n  python-version: 3.10\n' },
      'must be a quoted string such as "3.12" (YAML reads 3.10 as the number 3.1)',
    ],
    [
      { components: '- path: a\n  services: [mysql]\n' },
      'components.0.services: must be a list of postgres and redis',
    ],
    [{ components: '- path: a\n  services: {postgres: 16}\n' }, 'components.0.services: must be a list'],
    [
      { components: '- path: a\n  language: rust\n' },
      'is not valid: components.0.language: Invalid option: expected one of "node"|"python"|"go"|"other"',
    ],
  ])('rejects %j', async (record, message) => {
    await expect(parse(record)).rejects.toThrow(message);
  });
});

describe('parseComponentsConfig', () => {
  it('a bare list or an object with discover and components', () => {
    expect(parseComponentsConfig('config', '- path: a\n', 'f.yml')).toEqual({
      discover: true,
      components: [{ path: 'a' }],
      input: 'config',
      origin: 'f.yml',
    });
    expect(parseComponentsConfig('config', 'discover: false\n', 'f.yml')).toEqual({
      discover: false,
      components: [],
      input: 'config',
      origin: 'f.yml',
    });
  });

  it('errors from a file name the input and the file', () => {
    expect(() => parseComponentsConfig('config', 'componets: []\n', '.ops-actions/components.yml')).toThrow(
      "Input 'config': .ops-actions/components.yml: is not valid",
    );
  });
});
