import { DEFAULT_SERVICE_IMAGES, type Detection, detection } from './component.js';
import {
  ancestors,
  type DetectOptions,
  type Folder,
  hashFiles,
  isFile,
  readText,
  rel,
  versionFile,
} from './folder.js';
import { servicesFromDependencies } from './services.js';

/** Lockfiles in the order we trust them when several are present. */
const LOCKFILES: readonly (readonly [string, NodePackageManager])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];
export type NodePackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';
const NODE_PMS: readonly string[] = ['npm', 'pnpm', 'yarn', 'bun'];

const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc'];
/** What `npm init` writes: not a test suite. */
const NPM_PLACEHOLDER_TEST = /no test specified/;

interface PackageJson {
  scripts: Record<string, string>;
  deps: string[];
  workspaces: boolean;
  packageManager?: string;
  prismaSchema?: string;
}

/** A folder with a package.json: package manager from the lockfile, commands from `scripts`. */
export function detectNode(folder: Folder, opts: DetectOptions): Detection | undefined {
  if (!folder.files.has('package.json')) return undefined;
  const { root, dir } = folder;
  const pkg = parsePackageJson(readText(root, rel(dir, 'package.json')) ?? '');
  const workspaceRoot = pkg.workspaces || folder.files.has('pnpm-workspace.yaml');
  if (!pkg.valid) {
    return { kind: 'invalid', reason: 'package.json is not valid JSON', workspaceRoot: false };
  }

  const own = LOCKFILES.filter(([name]) => folder.files.has(name));
  const inherited = own.length === 0 ? workspaceLockfile(root, dir) : undefined;
  const lockDir = inherited?.dir ?? dir;
  const lock = own[0] ?? inherited?.lock;
  const pm = choosePackageManager(opts.packageManager, pkg.packageManager, lock?.[1]);
  const lockfiles = lock ? [rel(lockDir, lock[0])] : [];
  const berry =
    pm === 'yarn' &&
    (isFile(root, rel(lockDir, '.yarnrc.yml')) || /^yarn@[2-9]/.test(pkg.packageManager ?? ''));

  const script = (names: readonly string[]): string => {
    const found = names.find((n) => (pkg.scripts[n] ?? '').trim() !== '');
    return found ? `${pm} run ${found}` : '';
  };
  const testScript = pkg.scripts['test'] ?? '';
  const testCommand =
    testScript.trim() !== '' && !NPM_PLACEHOLDER_TEST.test(testScript) ? `${pm} run test` : '';
  const lintCommand = script(['lint']);
  const typecheckCommand = script(TYPECHECK_SCRIPTS);
  const buildCommand = script(['build']);
  const depFile = rel(dir, 'package.json');
  const deps = new Map(pkg.deps.map((d) => [d, depFile] as const));
  const services = opts.detectServices ? servicesFromDependencies('node', deps) : {};
  if (opts.detectServices && !services.postgres && (deps.has('prisma') || deps.has('@prisma/client'))) {
    const schema = prismaSchemaPath(root, dir, pkg.prismaSchema);
    if (schema && /provider\s*=\s*"postgres(ql)?"/.test(readText(root, schema) ?? '')) {
      services.postgres = {
        image: DEFAULT_SERVICE_IMAGES.postgres,
        because: `prisma datasource postgresql in ${schema}`,
      };
    }
  }

  return detection(
    {
      dir,
      language: 'node',
      packageManager: pm,
      installCommand: installCommand(pm, lockfiles.length > 0, berry),
      testCommand,
      lintCommand,
      typecheckCommand,
      buildCommand,
      runtimeVersion: versionFile(root, dir, ['.nvmrc', '.node-version']) ?? opts.nodeVersion,
      lockfiles,
      lockHash: hashFiles(root, lockfiles.length ? lockfiles : [depFile]),
      cacheDirs: nodeCacheDirs(pm, berry, lockDir),
      services,
    },
    workspaceRoot,
    'package.json has no test, lint, typecheck or build script',
  );
}

function choosePackageManager(
  forced: string | undefined,
  declared: string | undefined,
  fromLock: NodePackageManager | undefined,
): string {
  if (forced) return forced;
  // `"packageManager": "pnpm@9.1.0"` (corepack) is the project saying which one it uses.
  const name = declared?.split('@')[0] ?? '';
  if (NODE_PMS.includes(name)) return name;
  return fromLock ?? 'npm';
}

function installCommand(pm: string, hasLockfile: boolean, berry: boolean): string {
  switch (pm) {
    case 'pnpm':
      return hasLockfile ? 'pnpm install --frozen-lockfile' : 'pnpm install';
    case 'yarn':
      if (!hasLockfile) return 'yarn install';
      return berry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
    case 'bun':
      return hasLockfile ? 'bun install --frozen-lockfile' : 'bun install';
    default:
      return hasLockfile ? 'npm ci' : 'npm install';
  }
}

/** The package manager's download cache (what actions/setup-node caches too). */
function nodeCacheDirs(pm: string, berry: boolean, lockDir: string): string[] {
  switch (pm) {
    case 'pnpm':
      return ['~/.local/share/pnpm/store'];
    case 'yarn':
      return berry ? ['~/.yarn/berry/cache', rel(lockDir, '.yarn/cache')] : ['~/.cache/yarn'];
    case 'bun':
      return ['~/.bun/install/cache'];
    default:
      return ['~/.npm'];
  }
}

/**
 * A workspace package has no lockfile of its own: the workspace root's (an ancestor with
 * `workspaces` in package.json or a pnpm-workspace.yaml) pins its dependencies.
 */
function workspaceLockfile(
  root: string,
  dir: string,
): { dir: string; lock: readonly [string, NodePackageManager] } | undefined {
  for (const d of ancestors(dir)) {
    const isWorkspaceRoot =
      isFile(root, rel(d, 'pnpm-workspace.yaml')) ||
      parsePackageJson(readText(root, rel(d, 'package.json')) ?? '').workspaces;
    if (!isWorkspaceRoot) continue;
    const lock = LOCKFILES.find(([name]) => isFile(root, rel(d, name)));
    return lock ? { dir: d, lock } : undefined;
  }
  return undefined;
}

function prismaSchemaPath(root: string, dir: string, declared: string | undefined): string | undefined {
  const candidates = [declared, 'prisma/schema.prisma', 'schema.prisma'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  return candidates.map((c) => rel(dir, c.replace(/^\.\//, ''))).find((p) => isFile(root, p));
}

export function parsePackageJson(text: string): PackageJson & { valid: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { valid: false, scripts: {}, deps: [], workspaces: false };
  }
  const o = record(data);
  const scripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(o['scripts']))) if (typeof v === 'string') scripts[k] = v;
  const deps = [
    ...Object.keys(record(o['dependencies'])),
    ...Object.keys(record(o['devDependencies'])),
    ...Object.keys(record(o['optionalDependencies'])),
  ];
  const ws = o['workspaces'];
  const workspaces = (Array.isArray(ws) && ws.length > 0) || Array.isArray(record(ws)['packages']) === true;
  const pm = o['packageManager'];
  const prisma = record(o['prisma'])['schema'];
  return {
    valid: true,
    scripts,
    deps,
    workspaces,
    packageManager: typeof pm === 'string' ? pm : undefined,
    prismaSchema: typeof prisma === 'string' ? prisma : undefined,
  };
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
