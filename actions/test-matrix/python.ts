import { type Detection, detection } from './component.js';
import {
  ancestors,
  type DetectOptions,
  type Folder,
  hashFiles,
  readText,
  rel,
  versionFile,
} from './folder.js';
import { servicesFromDependencies } from './services.js';

const PYTHON_PMS = ['pip', 'poetry', 'uv'];
/** Extra requirement files pip installs next to requirements.txt, when present. */
const DEV_REQUIREMENTS = [
  'requirements-dev.txt',
  'requirements-test.txt',
  'requirements_dev.txt',
  'requirements_test.txt',
  'dev-requirements.txt',
  'test-requirements.txt',
];

/**
 * A folder with pyproject.toml or requirements.txt. Package manager: poetry.lock or
 * `[tool.poetry]` → poetry, uv.lock → uv, otherwise pip. Tests run with pytest when the folder
 * looks like it has tests (pytest configured or listed, conftest.py, a tests/ or test/ folder);
 * ruff and mypy run when they are among the dependencies (so the install step installs them).
 */
export function detectPython(folder: Folder, opts: DetectOptions): Detection | undefined {
  const { root, dir, files } = folder;
  if (!files.has('pyproject.toml') && !files.has('requirements.txt')) return undefined;
  const pyproject = files.has('pyproject.toml') ? (readText(root, rel(dir, 'pyproject.toml')) ?? '') : '';
  const sections = tomlSections(pyproject);
  const workspaceRoot = sections.has('tool.uv.workspace');

  const requirementFiles = ['requirements.txt', ...DEV_REQUIREMENTS].filter((f) => files.has(f));
  const deps = new Map<string, string>();
  for (const f of requirementFiles) {
    for (const d of requirementNames(readText(root, rel(dir, f)) ?? ''))
      if (!deps.has(d)) deps.set(d, rel(dir, f));
  }
  for (const d of pyprojectDependencyNames(pyproject))
    if (!deps.has(d)) deps.set(d, rel(dir, 'pyproject.toml'));

  let uvLock = files.has('uv.lock') ? rel(dir, 'uv.lock') : undefined;
  if (!uvLock && !files.has('poetry.lock')) uvLock = uvWorkspaceLock(root, dir);
  const pm =
    opts.packageManager && PYTHON_PMS.includes(opts.packageManager)
      ? opts.packageManager
      : files.has('poetry.lock') || sections.has('tool.poetry')
        ? 'poetry'
        : uvLock
          ? 'uv'
          : 'pip';
  const lockfiles =
    pm === 'poetry' && files.has('poetry.lock')
      ? [rel(dir, 'poetry.lock')]
      : pm === 'uv' && uvLock
        ? [uvLock]
        : pm === 'pip'
          ? requirementFiles.map((f) => rel(dir, f))
          : [];
  const run = pm === 'pip' ? 'python -m ' : `${pm} run `;

  const hasTests =
    deps.has('pytest') ||
    sections.has('tool.pytest.ini_options') ||
    files.has('pytest.ini') ||
    files.has('conftest.py') ||
    folder.subdirs.has('tests') ||
    folder.subdirs.has('test') ||
    /^\[tool:pytest\]/m.test(readText(root, rel(dir, 'setup.cfg')) ?? '');
  const testCommand = hasTests ? `${run}pytest` : '';
  const lintCommand = deps.has('ruff') ? `${run}ruff check .` : '';
  const typecheckCommand = deps.has('mypy') ? `${run}mypy .` : '';
  let installCommand: string;
  if (pm === 'poetry') installCommand = 'poetry install --no-interaction';
  else if (pm === 'uv') installCommand = uvLock ? 'uv sync --frozen' : 'uv sync';
  else {
    const parts = ['python -m pip install'];
    if (requirementFiles.length) parts.push(...requirementFiles.map((f) => `-r ${f}`));
    else {
      const extras = optionalDependencyGroups(pyproject).filter((g) => g === 'test' || g === 'dev');
      parts.push(extras.length ? `-e '.[${extras.join(',')}]'` : '-e .');
    }
    // pytest is the test runner we chose for the component: make sure it is there.
    if (testCommand && !deps.has('pytest')) parts.push('pytest');
    installCommand = parts.join(' ');
  }

  return detection(
    {
      dir,
      language: 'python',
      packageManager: pm,
      installCommand,
      testCommand,
      lintCommand,
      typecheckCommand,
      buildCommand: '',
      runtimeVersion: versionFile(root, dir, ['.python-version']) ?? opts.pythonVersion,
      lockfiles,
      lockHash: hashFiles(
        root,
        lockfiles.length
          ? lockfiles
          : [rel(dir, files.has('pyproject.toml') ? 'pyproject.toml' : 'requirements.txt')],
      ),
      cacheDirs: [pm === 'poetry' ? '~/.cache/pypoetry' : pm === 'uv' ? '~/.cache/uv' : '~/.cache/pip'],
      services: opts.detectServices ? servicesFromDependencies('python', deps) : {},
    },
    workspaceRoot,
    'no tests found (no pytest configuration, conftest.py, tests/ or test/ folder) and no ruff or mypy dependency',
  );
}

/** uv workspaces keep one uv.lock at the workspace root (`[tool.uv.workspace]`). */
function uvWorkspaceLock(root: string, dir: string): string | undefined {
  for (const d of ancestors(dir)) {
    if (!tomlSections(readText(root, rel(d, 'pyproject.toml')) ?? '').has('tool.uv.workspace')) continue;
    return readText(root, rel(d, 'uv.lock')) !== undefined ? rel(d, 'uv.lock') : undefined;
  }
  return undefined;
}

/** PEP 503 normalisation: `Psycopg2_Binary` → `psycopg2-binary`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The name at the start of a PEP 508 requirement: `celery[redis]>=5` → `celery`. */
function requirementName(spec: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m?.[1] ? normalizeName(m[1]) : undefined;
}

/** Names in a requirements file; options (`-r`, `-e`, `--index-url`) and comments skipped. */
export function requirementNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/(^|\s)#.*$/, '').trim();
    if (t === '' || t.startsWith('-')) continue;
    const name = requirementName(t);
    if (name) out.push(name);
  }
  return out;
}

/** `[a.b]` and `[[a.b]]` table names in a TOML file. */
function tomlSections(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/gm)) if (m[1]) out.add(m[1]);
  return out;
}

/**
 * Dependency names in a pyproject.toml, without a TOML parser: the strings of the arrays
 * `[project] dependencies`, `[project.optional-dependencies] *`, `[dependency-groups] *` and
 * `[tool.uv] dev-dependencies`, and the keys of the `[tool.poetry.*dependencies]` tables.
 */
export function pyprojectDependencyNames(text: string): string[] {
  const out: string[] = [];
  let section = '';
  let inArray = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = stripTomlComment(raw).trim();
    if (line === '') continue;
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header && !inArray) {
      section = header[1] ?? '';
      continue;
    }
    if (inArray) {
      collectStrings(line, out);
      if (closesArray(line)) inArray = false;
      continue;
    }
    const kv = /^([A-Za-z0-9_.\-"']+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = (kv[1] ?? '').replace(/["']/g, '');
    const value = kv[2] ?? '';
    if (/^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(section)) {
      if (key !== 'python') out.push(normalizeName(key));
      continue;
    }
    const arrayOfDeps =
      (section === 'project' && key === 'dependencies') ||
      section === 'project.optional-dependencies' ||
      section === 'dependency-groups' ||
      (section === 'tool.uv' && key === 'dev-dependencies');
    if (arrayOfDeps && value.startsWith('[')) {
      collectStrings(value, out);
      if (!closesArray(value.slice(1))) inArray = true;
    }
  }
  return out;
}

/** The group names of `[project.optional-dependencies]` (`pip install '.[test]'`). */
function optionalDependencyGroups(text: string): string[] {
  const out: string[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = stripTomlComment(raw).trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) section = header[1] ?? '';
    else if (section === 'project.optional-dependencies') {
      const key = /^([A-Za-z0-9_.-]+)\s*=/.exec(line)?.[1];
      if (key) out.push(key);
    }
  }
  return out;
}

function collectStrings(text: string, out: string[]): void {
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'/g)) {
    const name = requirementName(m[1] ?? m[2] ?? '');
    if (name) out.push(name);
  }
}

/** A `]` outside strings (`"psycopg[binary]"` does not close the array). */
function closesArray(text: string): boolean {
  return text.replace(/"[^"]*"|'[^']*'/g, '').includes(']');
}

/** Drops a `# comment` that is not inside a string. */
function stripTomlComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}
