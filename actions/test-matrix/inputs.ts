import { posix } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';
import type { ComponentsConfig } from './config.js';

export const DEFAULT_CONFIG = '.ops-actions/components.yml';
export const DEFAULT_ALWAYS_INCLUDE = ['.github/workflows/**', '.github/actions/**', '.ops-actions/**'];

export interface TestMatrixInputs {
  /** Where to look for components, relative to the workspace. */
  workingDirectory: string;
  /**
   * The config file, relative to working-directory. `configGiven`: the user named another file than
   * the default, so it must exist; the default path (which the runner always passes) may be absent.
   */
  configFile: string;
  configGiven: boolean;
  /** The `components` input, parsed; replaces the config file when given. */
  components?: ComponentsConfig;
  changedOnly: boolean;
  alwaysInclude: string[];
  exclude: string[];
  detectServices: boolean;
  nodeVersion: string;
  pythonVersion: string;
  githubToken?: string;
  /** Only this component (a matrix job preparing its own component). */
  component?: string;
  cache: boolean;
}

/** Reads and validates every input before anything is discovered or fetched. */
export async function parseTestMatrixInputs(inputs: Inputs): Promise<TestMatrixInputs> {
  const workingDirectory = inputs.string('working-directory', { default: '.' });
  if (workingDirectory.split(/[\\/]/).includes('..')) {
    throw new ConfigurationError(
      'working-directory',
      `must be a folder inside the workspace, got '${workingDirectory}'.`,
      'working-directory: services',
    );
  }
  const componentsText = inputs.optionalString('components');
  const component = inputs.optionalString('component');
  const cache = inputs.boolean('cache', false);
  if (cache && !component) {
    throw new ConfigurationError(
      'cache',
      'caches the dependencies of one component, in the job that tests it: give component too.',
      `component: \${{ matrix.name }}\n    cache: 'true'`,
    );
  }
  const configFile = inputs.string('config', { default: DEFAULT_CONFIG });
  // the YAML parser and the schema (zod) load only when there is a config to parse
  const components = componentsText
    ? (await import('./config.js')).parseComponentsConfig(
        'components',
        componentsText,
        "the 'components' input",
      )
    : undefined;
  return {
    workingDirectory,
    configFile,
    configGiven: normalize(configFile) !== DEFAULT_CONFIG,
    components,
    changedOnly: inputs.boolean('changed-only', false),
    alwaysInclude: inputs.has('always-include') ? inputs.list('always-include') : DEFAULT_ALWAYS_INCLUDE,
    exclude: inputs.list('exclude'),
    detectServices: inputs.boolean('detect-services', true),
    nodeVersion: version(inputs, 'node-version', '22'),
    pythonVersion: version(inputs, 'python-version', '3.12'),
    githubToken: inputs.secret('github-token'),
    component,
    cache,
  };
}

function version(inputs: Inputs, name: string, defaultValue: string): string {
  const v = inputs.string(name, { default: defaultValue });
  if (!/^[A-Za-z0-9][A-Za-z0-9.*x/+-]*$/.test(v)) {
    throw new ConfigurationError(
      name,
      `must be a version such as ${defaultValue}, got '${v}'.`,
      `${name}: '${defaultValue}'`,
    );
  }
  return v;
}

/** `./.ops-actions/components.yml` and `.ops-actions//components.yml` are the default path too. */
function normalize(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/'));
}
