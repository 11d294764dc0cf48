import { afterAll, describe, expect, it } from 'vitest';
import type { Component } from '../../../actions/test-matrix/component.js';
import { parseComponentsConfig } from '../../../actions/test-matrix/config.js';
import { type DiscoverOptions, discoverComponents } from '../../../actions/test-matrix/discover.js';
import { makeTree, pkg, removeTrees } from '../../fixtures/test-matrix/tree.js';

afterAll(removeTrees);

const defaults: DiscoverOptions = {
  exclude: [],
  nodeVersion: '22',
  pythonVersion: '3.12',
  detectServices: true,
};

function discover(files: Record<string, string>, opts: Partial<DiscoverOptions> = {}) {
  return discoverComponents(makeTree(files), { ...defaults, ...opts });
}
function byName(components: Component[], name: string): Component {
  const c = components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name} in ${components.map((x) => x.name).join(', ')}`);
  return c;
}
const config = (yaml: string) => parseComponentsConfig('config', yaml, '.ops-actions/components.yml');

// The shape of sns-solution-infra: FastAPI + Celery (poetry) and a pnpm React app.
const snsLike = {
  'README.md': '# sns',
  'backend/pyproject.toml': `[tool.poetry]
name = "sns"

[tool.poetry.dependencies]
python = "^3.12"
fastapi = "^0.110"
asyncpg = "^0.29"   # the database
celery = { version = "^5.3", extras = ["redis"] }

[tool.poetry.group.dev.dependencies]
pytest = "^8"
ruff = "^0.4"
mypy = "^1.10"
`,
  'backend/poetry.lock': '# lock',
  'backend/tests/test_health.py': 'def test_ok(): pass',
  'frontend/package.json': pkg({
    name: 'web',
    scripts: {
      dev: 'vite',
      lint: 'eslint .',
      'type-check': 'tsc --noEmit',
      test: 'vitest run',
      build: 'vite build',
    },
    dependencies: { react: '^18' },
  }),
  'frontend/pnpm-lock.yaml': 'lockfileVersion: 9.0',
  'frontend/node_modules/left-pad/package.json': pkg({ scripts: { test: 'x' } }),
};

describe('discoverComponents: a FastAPI + React repository', () => {
  const { components, ignored } = discover(snsLike);

  it('finds the two components and nothing in node_modules', () => {
    expect(components.map((c) => [c.name, c.dir, c.language])).toEqual([
      ['backend', 'backend', 'python'],
      ['frontend', 'frontend', 'node'],
    ]);
    expect(ignored).toEqual([]);
  });

  it('describes the poetry backend exactly', () => {
    const { lockHash, ...backend } = byName(components, 'backend');
    expect(lockHash).toMatch(/^[0-9a-f]{64}$/);
    expect(backend).toEqual({
      name: 'backend',
      dir: 'backend',
      language: 'python',
      packageManager: 'poetry',
      installCommand: 'poetry install --no-interaction',
      testCommand: 'poetry run pytest',
      lintCommand: 'poetry run ruff check .',
      typecheckCommand: 'poetry run mypy .',
      buildCommand: '',
      runtimeVersion: '3.12',
      lockfiles: ['backend/poetry.lock'],
      cacheDirs: ['~/.cache/pypoetry'],
      services: {
        postgres: { image: 'postgres:16-alpine', because: 'asyncpg in backend/pyproject.toml' },
        redis: { image: 'redis:7-alpine', because: 'celery in backend/pyproject.toml' },
      },
      paths: [],
      source: 'discovered',
    });
  });

  it('describes the pnpm frontend exactly', () => {
    const { lockHash: _lockHash, ...frontend } = byName(components, 'frontend');
    expect(frontend).toEqual({
      name: 'frontend',
      dir: 'frontend',
      language: 'node',
      packageManager: 'pnpm',
      installCommand: 'pnpm install --frozen-lockfile',
      testCommand: 'pnpm run test',
      lintCommand: 'pnpm run lint',
      typecheckCommand: 'pnpm run type-check',
      buildCommand: 'pnpm run build',
      runtimeVersion: '22',
      lockfiles: ['frontend/pnpm-lock.yaml'],
      cacheDirs: ['~/.local/share/pnpm/store'],
      services: {},
      paths: [],
      source: 'discovered',
    });
  });

  it('a different lockfile gives a different lock hash', () => {
    const again = discover(snsLike).components;
    const changed = discover({ ...snsLike, 'backend/poetry.lock': '# lock 2' }).components;
    expect(byName(again, 'backend').lockHash).toBe(byName(components, 'backend').lockHash);
    expect(byName(changed, 'backend').lockHash).not.toBe(byName(components, 'backend').lockHash);
    expect(byName(changed, 'frontend').lockHash).toBe(byName(components, 'frontend').lockHash);
  });
});

describe('Node package managers', () => {
  const scripts = { test: 'vitest run' };
  it.each([
    [{ 'package-lock.json': '{}' }, 'npm', 'npm ci', ['~/.npm']],
    [{ 'npm-shrinkwrap.json': '{}' }, 'npm', 'npm ci', ['~/.npm']],
    [{}, 'npm', 'npm install', ['~/.npm']],
    [{ 'pnpm-lock.yaml': '' }, 'pnpm', 'pnpm install --frozen-lockfile', ['~/.local/share/pnpm/store']],
    [{ 'yarn.lock': '' }, 'yarn', 'yarn install --frozen-lockfile', ['~/.cache/yarn']],
    [
      { 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: node-modules' },
      'yarn',
      'yarn install --immutable',
      ['~/.yarn/berry/cache', 'app/.yarn/cache'],
    ],
    [{ 'bun.lockb': '' }, 'bun', 'bun install --frozen-lockfile', ['~/.bun/install/cache']],
    [{ 'bun.lock': '' }, 'bun', 'bun install --frozen-lockfile', ['~/.bun/install/cache']],
  ])('lockfiles %j → %s', (lockfiles, pm, install, cacheDirs) => {
    const files: Record<string, string> = { 'app/package.json': pkg({ scripts }) };
    for (const [f, c] of Object.entries(lockfiles)) files[`app/${f}`] = c;
    const [c] = discover(files).components;
    expect(c).toMatchObject({ packageManager: pm, installCommand: install, cacheDirs });
    expect(c?.testCommand).toBe(`${pm} run test`);
  });

  it('the packageManager field wins over the lockfile; bun scripts run with `bun run`', () => {
    const [c] = discover({
      'app/package.json': pkg({ scripts, packageManager: 'bun@1.1.0' }),
      'app/package-lock.json': '{}',
    }).components;
    expect(c).toMatchObject({ packageManager: 'bun', testCommand: 'bun run test' });
  });

  it('yarn 2+ declared in packageManager installs with --immutable', () => {
    const [c] = discover({
      'app/package.json': pkg({ scripts, packageManager: 'yarn@4.1.0' }),
      'app/yarn.lock': '',
    }).components;
    expect(c?.installCommand).toBe('yarn install --immutable');
  });

  it("npm init's placeholder test script is not a test suite", () => {
    const r = discover({
      'app/package.json': pkg({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }),
      'lib/package.json': pkg({
        scripts: { test: 'echo "Error: no test specified" && exit 1', lint: 'eslint .' },
      }),
    });
    expect(r.components.map((c) => [c.name, c.testCommand, c.lintCommand])).toEqual([
      ['lib', '', 'npm run lint'],
    ]);
    expect(r.ignored).toEqual([
      { dir: 'app', reason: 'package.json has no test, lint, typecheck or build script' },
    ]);
  });

  it('an invalid package.json is reported, not fatal', () => {
    const r = discover({ 'app/package.json': '{ nope' });
    expect(r.components).toEqual([]);
    expect(r.ignored).toEqual([{ dir: 'app', reason: 'package.json is not valid JSON' }]);
  });

  it('.nvmrc in the folder or an ancestor sets the Node version', () => {
    const r = discover({
      '.nvmrc': 'v20.11.1\n',
      'apps/a/package.json': pkg({ scripts }),
      'apps/b/package.json': pkg({ scripts }),
      'apps/b/.node-version': '18',
    });
    expect(r.components.map((c) => [c.name, c.runtimeVersion])).toEqual([
      ['a', '20.11.1'],
      ['b', '18'],
    ]);
  });

  it('typecheck scripts under their usual names', () => {
    for (const name of ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc']) {
      const [c] = discover({ 'app/package.json': pkg({ scripts: { [name]: 'tsc' } }) }).components;
      expect(c?.typecheckCommand).toBe(`npm run ${name}`);
    }
  });
});

describe('workspaces and nesting', () => {
  it('npm workspace members are components sharing the root lockfile; the root is not', () => {
    const r = discover({
      'package.json': pkg({ private: true, workspaces: ['packages/*'], scripts: { test: 'npm test -ws' } }),
      'package-lock.json': '{"lockfileVersion":3}',
      'packages/api/package.json': pkg({ scripts: { test: 'vitest run' }, dependencies: { pg: '^8' } }),
      'packages/ui/package.json': pkg({ scripts: { build: 'vite build' } }),
    });
    expect(r.components.map((c) => [c.name, c.dir, c.packageManager, c.installCommand, c.lockfiles])).toEqual(
      [
        ['api', 'packages/api', 'npm', 'npm ci', ['package-lock.json']],
        ['ui', 'packages/ui', 'npm', 'npm ci', ['package-lock.json']],
      ],
    );
    expect(byName(r.components, 'api').services.postgres?.because).toBe('pg in packages/api/package.json');
    expect(byName(r.components, 'api').lockHash).toBe(byName(r.components, 'ui').lockHash);
    expect(r.ignored).toEqual([
      { dir: '.', reason: 'workspace root: its member packages are components of their own' },
    ]);
  });

  it('pnpm workspaces (pnpm-workspace.yaml) likewise', () => {
    const r = discover({
      'package.json': pkg({ private: true }),
      'pnpm-workspace.yaml': 'packages: ["apps/*"]',
      'pnpm-lock.yaml': '',
      'apps/web/package.json': pkg({ scripts: { test: 'vitest' } }),
    });
    expect(r.components.map((c) => [c.name, c.packageManager, c.lockfiles])).toEqual([
      ['web', 'pnpm', ['pnpm-lock.yaml']],
    ]);
  });

  it('a workspace root without member components is a component itself', () => {
    const r = discover({
      'package.json': pkg({ workspaces: ['packages/*'], scripts: { test: 'vitest' } }),
      'package-lock.json': '{}',
    });
    expect(r.components.map((c) => c.name)).toEqual(['root']);
  });

  it('nested Go modules are components of their own (go test ./... stops at them)', () => {
    const r = discover({
      'go.mod': 'module example.com/app\n\ngo 1.22.3\n\nrequire github.com/lib/pq v1.10.9\n',
      'go.sum': 'x',
      'tools/go.mod':
        'module example.com/tools\n\ngo 1.21\n\nrequire (\n\tgithub.com/redis/go-redis/v9 v9.5.1 // indirect\n)\n',
    });
    expect(
      r.components.map((c) => [c.name, c.dir, c.runtimeVersion, c.lockfiles, Object.keys(c.services)]),
    ).toEqual([
      ['root', '.', '1.22.3', ['go.sum'], ['postgres']],
      ['tools', 'tools', '1.21', [], ['redis']],
    ]);
    expect(byName(r.components, 'root')).toMatchObject({
      installCommand: 'go mod download',
      testCommand: 'go test ./...',
      lintCommand: 'go vet ./...',
      buildCommand: 'go build ./...',
      cacheDirs: ['~/go/pkg/mod', '~/.cache/go-build'],
    });
  });

  it('skips dependency, build and dot folders, and what `exclude` names', () => {
    const t = { scripts: { test: 'x' } };
    const r = discover(
      {
        'node_modules/a/package.json': pkg(t),
        'vendor/b/go.mod': 'module b\n',
        'dist/package.json': pkg(t),
        'build/package.json': pkg(t),
        '.venv/lib/requirements.txt': 'pytest',
        '.github/actions/x/package.json': pkg(t),
        'examples/demo/package.json': pkg(t),
        'examples-not/package.json': pkg(t),
        'app/package.json': pkg(t),
      },
      { exclude: ['examples/**'] },
    );
    expect(r.components.map((c) => c.dir)).toEqual(['app', 'examples-not']);
  });

  it('names: folder name, the path when two share it, plus the language when they share a folder', () => {
    const t = pkg({ scripts: { test: 'x' } });
    const r = discover({
      'package.json': t,
      'apps/web/package.json': t,
      'services/web/package.json': t,
      'api/package.json': t,
      'api/requirements.txt': 'pytest\n',
    });
    expect(r.components.map((c) => [c.name, c.dir, c.language])).toEqual([
      ['root', '.', 'node'],
      ['api-node', 'api', 'node'],
      ['api-python', 'api', 'python'],
      ['apps-web', 'apps/web', 'node'],
      ['services-web', 'services/web', 'node'],
    ]);
  });
});

describe('Python', () => {
  it('pip with requirements files: installs them all, adds pytest when missing, guesses services', () => {
    const [c] = discover({
      'api/requirements.txt':
        'fastapi==0.110\npsycopg2-binary>=2.9  # db\n-e ../lib\n--index-url https://x\n',
      'api/requirements-dev.txt': '-r requirements.txt\nRuff\n',
      'api/tests/': '',
    }).components;
    expect(c).toMatchObject({
      packageManager: 'pip',
      installCommand: 'python -m pip install -r requirements.txt -r requirements-dev.txt pytest',
      testCommand: 'python -m pytest',
      lintCommand: 'python -m ruff check .',
      typecheckCommand: '',
      lockfiles: ['api/requirements.txt', 'api/requirements-dev.txt'],
      cacheDirs: ['~/.cache/pip'],
      services: {
        postgres: { image: 'postgres:16-alpine', because: 'psycopg2-binary in api/requirements.txt' },
      },
    });
  });

  it('PEP 621 pyproject: installs the test/dev extras, reads dependencies and dependency groups', () => {
    const [c] = discover({
      'svc/pyproject.toml': `[project]
name = "redis-tools"   # the project's name is not a dependency
description = "uses redis"
dependencies = [
  "Psycopg[binary]>=3.1",
  'httpx',
]

[project.optional-dependencies]
test = ["pytest>=8", "pytest-asyncio"]
docs = ["mkdocs"]

[dependency-groups]
dev = ["rq"]

[tool.pytest.ini_options]
testpaths = ["tests"]
`,
    }).components;
    expect(c).toMatchObject({
      packageManager: 'pip',
      installCommand: "python -m pip install -e '.[test]'",
      testCommand: 'python -m pytest',
      lockfiles: [],
    });
    expect(Object.fromEntries(Object.entries(c?.services ?? {}).map(([k, v]) => [k, v.because]))).toEqual({
      postgres: 'psycopg in svc/pyproject.toml',
      redis: 'rq in svc/pyproject.toml',
    });
  });

  it('uv: uv.lock, uv sync --frozen and uv run', () => {
    const [c] = discover({
      'api/pyproject.toml':
        '[project]\nname = "api"\ndependencies = ["redis"]\n[dependency-groups]\ndev = ["pytest", "mypy"]\n',
      'api/uv.lock': 'version = 1',
      'api/.python-version': '3.11\n',
    }).components;
    expect(c).toMatchObject({
      packageManager: 'uv',
      installCommand: 'uv sync --frozen',
      testCommand: 'uv run pytest',
      typecheckCommand: 'uv run mypy .',
      lintCommand: '',
      runtimeVersion: '3.11',
      lockfiles: ['api/uv.lock'],
      cacheDirs: ['~/.cache/uv'],
    });
  });

  it('uv workspace members share the root uv.lock; the workspace root is not a component', () => {
    const r = discover({
      'pyproject.toml':
        '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[dependency-groups]\ndev = ["pytest"]\n',
      'uv.lock': 'version = 1',
      'packages/core/pyproject.toml': '[project]\nname = "core"\n',
      'packages/core/tests/': '',
    });
    expect(r.components.map((c) => [c.name, c.packageManager, c.lockfiles])).toEqual([
      ['core', 'uv', ['uv.lock']],
    ]);
    expect(r.ignored.map((i) => i.dir)).toEqual(['.']);
  });

  it('a requirements.txt without tests (docs) is not a component, and says why', () => {
    const r = discover({ 'docs/requirements.txt': 'mkdocs\n' });
    expect(r.components).toEqual([]);
    expect(r.ignored).toEqual([
      {
        dir: 'docs',
        reason:
          'no tests found (no pytest configuration, conftest.py, tests/ or test/ folder) and no ruff or mypy dependency',
      },
    ]);
  });

  it('detect-services false guesses nothing', () => {
    const r = discover(snsLike, { detectServices: false });
    expect(r.components.map((c) => c.services)).toEqual([{}, {}]);
  });
});

describe('prisma', () => {
  const files = (provider: string) => ({
    'api/package.json': pkg({ scripts: { test: 'jest' }, dependencies: { '@prisma/client': '5' } }),
    'api/prisma/schema.prisma': `datasource db {\n  provider = "${provider}"\n  url = env("DATABASE_URL")\n}\n`,
  });
  it('a postgresql datasource needs PostgreSQL', () => {
    expect(discover(files('postgresql')).components[0]?.services.postgres?.because).toBe(
      'prisma datasource postgresql in api/prisma/schema.prisma',
    );
  });
  it('a sqlite datasource does not', () => {
    expect(discover(files('sqlite')).components[0]?.services).toEqual({});
  });
});

describe('the config file', () => {
  it('overrides commands, versions and services of a discovered component, adds paths', () => {
    const r = discover(snsLike, {
      config: config(`
components:
  - path: backend
    name: api
    test-command: poetry run pytest -x
    python-version: "3.11"
    services: { postgres: pgvector/pgvector:pg16 }
    paths: [proto/**]
  - path: ./frontend/
    services: []
`),
    });
    expect(byName(r.components, 'api')).toMatchObject({
      dir: 'backend',
      testCommand: 'poetry run pytest -x',
      lintCommand: 'poetry run ruff check .',
      runtimeVersion: '3.11',
      services: {
        postgres: { image: 'pgvector/pgvector:pg16', because: 'declared in .ops-actions/components.yml' },
      },
      paths: ['proto/**'],
      source: 'discovered+config',
    });
    expect(byName(r.components, 'frontend').services).toEqual({});
  });

  it('services as a list get the default images', () => {
    const r = discover(snsLike, { config: config('- path: frontend\n  services: [redis, postgres]\n') });
    expect(byName(r.components, 'frontend').services).toEqual({
      redis: { image: 'redis:7-alpine', because: 'declared in .ops-actions/components.yml' },
      postgres: { image: 'postgres:16-alpine', because: 'declared in .ops-actions/components.yml' },
    });
  });

  it('skips a component', () => {
    const r = discover(snsLike, { config: config('components:\n  - path: frontend\n    skip: true\n') });
    expect(r.components.map((c) => c.name)).toEqual(['backend']);
    expect(r.ignored).toEqual([{ dir: 'frontend', reason: 'skipped in .ops-actions/components.yml' }]);
    const docs = discover(
      { 'docs/requirements.txt': 'mkdocs' },
      { config: config('- path: docs\n  skip: true\n') },
    );
    expect(docs.ignored).toEqual([{ dir: 'docs', reason: 'skipped in .ops-actions/components.yml' }]);
  });

  it('adds a component of another language with its own commands', () => {
    const r = discover(
      { ...snsLike, 'infra/Makefile': 'test:\n\ttrue\n' },
      {
        config: config(
          '- path: infra\n  language: other\n  test-command: make test\n  services: [postgres]\n',
        ),
      },
    );
    const { lockHash: _lockHash, ...infra } = byName(r.components, 'infra');
    expect(infra).toEqual({
      name: 'infra',
      dir: 'infra',
      language: 'other',
      packageManager: '',
      installCommand: '',
      testCommand: 'make test',
      lintCommand: '',
      typecheckCommand: '',
      buildCommand: '',
      runtimeVersion: '',
      lockfiles: [],
      cacheDirs: [],
      services: {
        postgres: { image: 'postgres:16-alpine', because: 'declared in .ops-actions/components.yml' },
      },
      paths: [],
      source: 'config',
    });
  });

  it('a folder with nothing to run becomes a component when the config gives a command', () => {
    const r = discover(
      {
        'e2e/package.json': pkg({ devDependencies: { '@playwright/test': '1' } }),
        'e2e/package-lock.json': '{}',
      },
      { config: config('- path: e2e\n  test-command: npx playwright test\n') },
    );
    expect(
      r.components.map((c) => [c.name, c.language, c.packageManager, c.installCommand, c.testCommand]),
    ).toEqual([['e2e', 'node', 'npm', 'npm ci', 'npx playwright test']]);
    expect(r.ignored).toEqual([]); // no longer "nothing to run"
  });

  it('finds a listed component in an excluded folder, and with discover: false only listed ones', () => {
    const files = { ...snsLike, 'examples/app/package.json': pkg({ scripts: { test: 'x' } }) };
    const r1 = discover(files, { exclude: ['examples/'], config: config('- path: examples/app\n') });
    expect(r1.components.map((c) => c.name)).toEqual(['backend', 'app', 'frontend']);
    const r2 = discover(files, { config: config('discover: false\ncomponents:\n  - path: backend\n') });
    expect(r2.components.map((c) => [c.name, c.source])).toEqual([['backend', 'config']]);
  });

  it('package-manager re-detects the commands for that package manager', () => {
    const r = discover(snsLike, { config: config('- path: frontend\n  package-manager: npm\n') });
    expect(byName(r.components, 'frontend')).toMatchObject({
      packageManager: 'npm',
      installCommand: 'npm ci',
      testCommand: 'npm run test',
      source: 'discovered+config',
    });
  });

  it.each([
    [
      '- path: ../outside\n',
      "components[0] (path '../outside'): the path must be a folder inside working-directory",
    ],
    ['- path: /etc\n', 'the path must be a folder inside working-directory'],
    ['- path: nowhere\n  test-command: x\n', "components[0] (path 'nowhere'): there is no such folder."],
    [
      '- path: docs\n',
      'nothing to test found there (no package.json, pyproject.toml, requirements.txt or go.mod)',
    ],
    ['- path: backend\n  name: web\n- path: frontend\n  name: web\n', "two components are named 'web'"],
  ])('rejects %j', (yaml, message) => {
    expect(() => discover({ ...snsLike, 'docs/index.md': '#' }, { config: config(yaml) })).toThrow(message);
  });

  it('a name given in the config wins; the discovered component it collides with is renamed', () => {
    const r = discover(snsLike, { config: config('- path: backend\n  name: frontend\n') });
    expect(r.components.map((c) => [c.name, c.dir])).toEqual([
      ['frontend', 'backend'],
      ['frontend-node', 'frontend'],
    ]);
  });

  it('asks for the language when a folder has two components', () => {
    const files = { 'x/package.json': pkg({ scripts: { test: 'a' } }), 'x/requirements.txt': 'pytest' };
    expect(() => discover(files, { config: config('- path: x\n  test-command: y\n') })).toThrow(
      'the folder has node and python components; say which with language:.',
    );
    const r = discover(files, { config: config('- path: x\n  language: python\n  test-command: y\n') });
    expect(r.components.map((c) => [c.name, c.testCommand])).toEqual([
      ['x-node', 'npm run test'],
      ['x-python', 'y'],
    ]);
  });
});
