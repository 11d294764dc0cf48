import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';
import {
  type Component,
  DEFAULT_SERVICE_IMAGES,
  type Detected,
  type Detection,
  type Ignored,
  type Language,
  type ServiceName,
  type ServiceNeed,
} from './component.js';
import type { ComponentEntry, ComponentsConfig } from './config.js';
import { type DetectOptions, isDir, readFolder } from './folder.js';
import { globMatcher } from './glob.js';
import { detectGo } from './go.js';
import { detectNode } from './node.js';
import { detectPython } from './python.js';

/**
 * Folders never searched: dependencies, build output, virtualenvs, and every folder whose name
 * starts with a dot (.git, .github, .venv, .next, .yarn, .tox). A component listed in the config
 * file is found wherever it is.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '__pycache__',
  'venv',
  'site-packages',
]);

export interface DiscoverOptions extends DetectOptions {
  /** Globs of folders (relative to the root) not to search. */
  exclude: readonly string[];
  config?: ComponentsConfig;
}

export interface Discovery {
  components: Component[];
  ignored: Ignored[];
}

const DETECTORS = [detectNode, detectPython, detectGo] as const;

/**
 * Finds the components under `root`: every folder with a package.json (with something to run),
 * pyproject.toml/requirements.txt or go.mod, then the config file's additions, changes and skips.
 *
 * Nested components are components of their own (a monorepo's `apps/web` and `apps/api`); a file
 * belongs to the deepest component that contains it (see select.ts). A workspace root (npm/yarn
 * `workspaces`, pnpm-workspace.yaml, `[tool.uv.workspace]`) with member components is not a
 * component itself: its members are, and they share its lockfile.
 */
export function discoverComponents(root: string, opts: DiscoverOptions): Discovery {
  const found: { detection: Detection; dir: string }[] = [];
  if (opts.config?.discover !== false) {
    const excluded = globMatcher(opts.exclude);
    const stack = ['.'];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      const folder = readFolder(root, dir);
      for (const detect of DETECTORS) {
        const detection = detect(folder, opts);
        if (detection) found.push({ detection, dir });
      }
      for (const sub of [...folder.subdirs].sort().reverse()) {
        const path = dir === '.' ? sub : `${dir}/${sub}`;
        if (sub.startsWith('.') || SKIPPED_FOLDERS.has(sub) || excluded(path) || excluded(`${path}/`))
          continue;
        stack.push(path);
      }
    }
  }

  const detected: Detected[] = [];
  const ignored: Ignored[] = [];
  for (const { detection, dir } of found) {
    if (detection.workspaceRoot) {
      const language = detection.detected.language;
      const hasMembers = found.some(
        (f) =>
          f.detection.kind === 'component' &&
          isBelow(f.dir, dir) &&
          f.detection.detected.language === language,
      );
      if (hasMembers) {
        ignored.push({ dir, reason: 'workspace root: its member packages are components of their own' });
        continue;
      }
    }
    if (detection.kind === 'component') detected.push(detection.detected);
    else ignored.push({ dir, reason: detection.reason });
  }

  const entries = opts.config?.components ?? [];
  const named = applyConfig(root, detected, ignored, entries, opts);
  return { components: nameComponents(named, opts.config), ignored };
}

type Unnamed = Omit<Component, 'name'> & { name?: string };

function applyConfig(
  root: string,
  detected: Detected[],
  ignored: Ignored[],
  entries: readonly ComponentEntry[],
  opts: DiscoverOptions,
): Unnamed[] {
  const origin = opts.config?.origin ?? 'the config';
  const input = opts.config?.input ?? 'components';
  const out: Unnamed[] = detected.map((d) => ({ ...d, paths: [], source: 'discovered' }));
  /** The config decided about this folder: drop what discovery said about it. */
  const forget = (dir: string): void => {
    for (let i = ignored.length - 1; i >= 0; i--) if (ignored[i]?.dir === dir) ignored.splice(i, 1);
  };
  entries.forEach((entry, i) => {
    const where = `components[${i}] (path '${entry.path}')`;
    const dir = normalizeDir(entry.path);
    if (dir === undefined) {
      throw new ConfigurationError(
        input,
        `${origin}: ${where}: the path must be a folder inside working-directory, without '..'.`,
      );
    }
    const matches = out
      .map((c, index) => ({ c, index }))
      .filter(({ c }) => c.dir === dir && (!entry.language || c.language === entry.language));
    if (entry.skip) {
      for (const { index } of matches.reverse()) out.splice(index, 1);
      forget(dir);
      ignored.push({ dir, reason: `skipped in ${origin}` });
      return;
    }
    if (matches.length > 1) {
      throw new ConfigurationError(
        input,
        `${origin}: ${where}: the folder has ${matches.map(({ c }) => c.language).join(' and ')} components; say which with language:.`,
      );
    }
    const match = matches[0];
    if (match && !entry['package-manager']) {
      out[match.index] = withEntry(match.c, entry, 'discovered+config', origin);
      return;
    }
    if (!isDir(root, dir)) {
      throw new ConfigurationError(input, `${origin}: ${where}: there is no such folder.`);
    }
    // Listed but not discovered (excluded, skipped folder, discovery off), or a different package
    // manager asked for: detect the folder now with what the entry says.
    const detection = detectFolder(root, dir, entry, opts);
    const hasCommand = [
      entry['test-command'],
      entry['lint-command'],
      entry['typecheck-command'],
      entry['build-command'],
    ].some((c) => c !== undefined && c.trim() !== '');
    let base: Detected | undefined;
    if (detection?.kind === 'component') base = detection.detected;
    else if (detection?.kind === 'idle' && hasCommand) base = detection.detected;
    else if (!detection && hasCommand) base = fromEntryOnly(dir, entry);
    if (!base) {
      const why =
        detection && detection.kind !== 'component'
          ? detection.reason
          : 'no package.json, pyproject.toml, requirements.txt or go.mod';
      throw new ConfigurationError(
        input,
        `${origin}: ${where}: nothing to test found there (${why}). Give test-command (and language).`,
      );
    }
    const component = withEntry({ ...base, paths: [], source: 'config' }, entry, 'config', origin);
    forget(dir);
    if (match) out[match.index] = { ...component, source: 'discovered+config' };
    else out.push(component);
  });
  return out.sort((a, b) => compareDirs(a.dir, b.dir) || a.language.localeCompare(b.language));
}

function detectFolder(
  root: string,
  dir: string,
  entry: ComponentEntry,
  opts: DetectOptions,
): Detection | undefined {
  const folder = readFolder(root, dir);
  const detectOpts = { ...opts, packageManager: entry['package-manager'] };
  const byLanguage: Partial<Record<Language, (typeof DETECTORS)[number]>> = {
    node: detectNode,
    python: detectPython,
    go: detectGo,
  };
  const detectors = entry.language ? [byLanguage[entry.language]].filter((d) => d !== undefined) : DETECTORS;
  let fallback: Detection | undefined;
  for (const detect of detectors) {
    const d = detect(folder, detectOpts);
    if (d?.kind === 'component') return d;
    if (d?.kind === 'idle' || !fallback) fallback = d;
  }
  return fallback;
}

/** A component the config file describes completely (any language, e.g. `other`). */
function fromEntryOnly(dir: string, entry: ComponentEntry): Detected {
  const language = entry.language ?? 'other';
  return {
    dir,
    language,
    packageManager: entry['package-manager'] ?? '',
    installCommand: '',
    testCommand: '',
    lintCommand: '',
    typecheckCommand: '',
    buildCommand: '',
    runtimeVersion: '',
    lockfiles: [],
    lockHash: createHash('sha256').update(JSON.stringify(entry)).digest('hex'),
    cacheDirs: [],
    services: {},
  };
}

function withEntry(c: Unnamed, e: ComponentEntry, source: Component['source'], origin: string): Unnamed {
  const versionKey = `${c.language}-version` as 'node-version' | 'python-version' | 'go-version';
  return {
    ...c,
    name: e.name ?? c.name,
    packageManager: e['package-manager'] ?? c.packageManager,
    installCommand: e['install-command'] ?? c.installCommand,
    testCommand: e['test-command'] ?? c.testCommand,
    lintCommand: e['lint-command'] ?? c.lintCommand,
    typecheckCommand: e['typecheck-command'] ?? c.typecheckCommand,
    buildCommand: e['build-command'] ?? c.buildCommand,
    runtimeVersion: (c.language !== 'other' ? e[versionKey] : undefined) ?? c.runtimeVersion,
    services: e.services ? servicesFromEntry(e.services, origin) : c.services,
    paths: e.paths ?? c.paths,
    source,
  };
}

function servicesFromEntry(
  services: NonNullable<ComponentEntry['services']>,
  origin: string,
): Partial<Record<ServiceName, ServiceNeed>> {
  const out: Partial<Record<ServiceName, ServiceNeed>> = {};
  const because = `declared in ${origin}`;
  if (Array.isArray(services)) {
    for (const s of services) out[s] = { image: DEFAULT_SERVICE_IMAGES[s], because };
  } else {
    for (const [s, image] of Object.entries(services) as [ServiceName, string][]) out[s] = { image, because };
  }
  return out;
}

/**
 * Names: the folder's name (`root` for the root folder); when two components would share a
 * name, their paths (`apps-web`, `services-web`); when they share a folder, plus the language.
 */
function nameComponents(list: Unnamed[], config: ComponentsConfig | undefined): Component[] {
  const taken = new Set(list.map((c) => c.name).filter((n): n is string => n !== undefined));
  const auto = list.filter((c) => c.name === undefined);
  const base = (c: Unnamed): string => (c.dir === '.' ? 'root' : posix.basename(c.dir));
  const byPath = (c: Unnamed): string => (c.dir === '.' ? 'root' : c.dir.replace(/\//g, '-'));
  const count = (f: (c: Unnamed) => string, name: string): number =>
    auto.filter((c) => f(c) === name).length + (taken.has(name) ? 1 : 0);
  const named = list.map((c): Component => {
    if (c.name !== undefined) return { ...c, name: c.name };
    let name = base(c);
    if (count(base, name) > 1) name = byPath(c);
    if (count(byPath, name) > 1 || taken.has(name)) name = `${name}-${c.language}`;
    return { ...c, name };
  });
  const seen = new Map<string, string>();
  for (const c of named) {
    const other = seen.get(c.name);
    if (other !== undefined) {
      throw new ConfigurationError(
        config?.input ?? 'components',
        `${config?.origin ?? 'the config'}: two components are named '${c.name}' (${other} and ${c.dir}); give one of them another name:.`,
      );
    }
    seen.set(c.name, c.dir);
  }
  return named;
}

/** `./backend/` → `backend`, `.` → `.`; undefined for absolute paths and paths with `..`. */
export function normalizeDir(path: string): string | undefined {
  const p = path.trim().replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return undefined;
  const n = posix.normalize(p).replace(/\/+$/, '');
  if (n === '..' || n.startsWith('../')) return undefined;
  return n === '' ? '.' : n;
}

export function isBelow(dir: string, parent: string): boolean {
  return dir !== parent && (parent === '.' || dir.startsWith(`${parent}/`));
}

function compareDirs(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '.') return -1;
  if (b === '.') return 1;
  return a < b ? -1 : 1;
}
