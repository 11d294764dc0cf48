import { posix } from 'node:path';
import { cacheKeys, cachePaths } from './cache-key.js';
import { type Component, SERVICES, type ServiceName } from './component.js';

/**
 * One `strategy.matrix.include` entry. Keys are kebab-case like every ops-actions name;
 * expressions read them as `matrix.test-command`. Commands that do not apply are '' (so
 * `if: matrix.lint-command != ''` works), the version key is the component's language's only.
 */
export interface MatrixEntry {
  name: string;
  /** Folder relative to the workspace: `working-directory: ${{ matrix.path }}`. */
  path: string;
  language: Component['language'];
  'package-manager': string;
  'install-command': string;
  'test-command': string;
  'lint-command': string;
  'typecheck-command': string;
  'build-command': string;
  'node-version'?: string;
  'python-version'?: string;
  'go-version'?: string;
  /** The lockfile, relative to the workspace (`cache-dependency-path` of setup-node/python); ''. */
  lockfile: string;
  'cache-key': string;
  'cache-restore-key': string;
  /** Newline-separated, for `actions/cache` `path:` (`~` is the home folder). */
  'cache-paths': string;
  /** The services it needs, e.g. `["postgres","redis"]`. */
  services: ServiceName[];
  /** The image to run, or '' — a service whose image is '' is not started by the runner. */
  'postgres-image': string;
  'redis-image': string;
}

export interface Matrix {
  include: MatrixEntry[];
}

/**
 * @param rootPrefix the discovery root relative to the workspace ('' or '.' when it is the workspace).
 * @param os the runner OS (RUNNER_OS), part of the cache key.
 */
export function matrixEntry(c: Component, rootPrefix: string, os: string): MatrixEntry {
  const inWorkspace = (p: string): string =>
    rootPrefix === '' || rootPrefix === '.' ? p : posix.normalize(posix.join(rootPrefix, p));
  const keys = cacheKeys(c, os);
  const services = SERVICES.filter((s) => c.services[s] !== undefined);
  const version: Pick<MatrixEntry, 'node-version' | 'python-version' | 'go-version'> =
    c.language === 'other' ? {} : { [`${c.language}-version`]: c.runtimeVersion };
  return {
    name: c.name,
    path: inWorkspace(c.dir),
    language: c.language,
    'package-manager': c.packageManager,
    'install-command': c.installCommand,
    'test-command': c.testCommand,
    'lint-command': c.lintCommand,
    'typecheck-command': c.typecheckCommand,
    'build-command': c.buildCommand,
    ...version,
    lockfile: c.lockfiles[0] ? inWorkspace(c.lockfiles[0]) : '',
    'cache-key': keys.key,
    'cache-restore-key': keys.restoreKey,
    'cache-paths': cachePaths(c, rootPrefix).join('\n'),
    services,
    'postgres-image': c.services.postgres?.image ?? '',
    'redis-image': c.services.redis?.image ?? '',
  };
}

export function buildMatrix(components: readonly Component[], rootPrefix: string, os: string): Matrix {
  return { include: components.map((c) => matrixEntry(c, rootPrefix, os)) };
}
