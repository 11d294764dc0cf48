import { describe, expect, it } from 'vitest';
import { goRequires } from '../../../actions/test-matrix/go.js';
import { parsePackageJson } from '../../../actions/test-matrix/node.js';
import { pyprojectDependencyNames, requirementNames } from '../../../actions/test-matrix/python.js';

describe('pyprojectDependencyNames', () => {
  it('reads PEP 621, poetry, uv and dependency-group lists, nothing else', () => {
    const text = `
[project]
name = "redis-dashboard"        # a name, not a dependency
description = "talks to redis"
requires-python = ">=3.11"
dependencies = [
    "FastAPI>=0.110",            # web
    "psycopg[binary,pool]>=3.1",
    'SQLAlchemy[asyncio]',
]
[project.optional-dependencies]
test = ["pytest", "pytest-cov"]
[project.scripts]
serve = "app:main"
[tool.poetry.dependencies]
python = "^3.12"
Django_Redis = "^5"
celery = { version = "^5", extras = ["redis"] }
[tool.poetry.group.test.dependencies]
factory-boy = "*"
[tool.uv]
dev-dependencies = ["ruff>=0.4", "mypy"]
[dependency-groups]
lint = ["black"]
[tool.ruff]
line-length = 100
`;
    expect(pyprojectDependencyNames(text)).toEqual([
      'fastapi',
      'psycopg',
      'sqlalchemy',
      'pytest',
      'pytest-cov',
      'django-redis',
      'celery',
      'factory-boy',
      'ruff',
      'mypy',
      'black',
    ]);
  });

  it('a "#" inside a string is not a comment', () => {
    expect(pyprojectDependencyNames('[project]\ndependencies = ["a#b", "redis"] # c\n')).toEqual([
      'a',
      'redis',
    ]);
  });
});

describe('requirementNames', () => {
  it('names, normalised; options, URLs-only lines and comments skipped', () => {
    expect(
      requirementNames(
        '# pinned\nDjango==5.0\npsycopg2_binary>=2.9 ; python_version>"3.8"\n-r base.txt\n--hash=sha256:x\n\nredis[hiredis]  # cache\n',
      ),
    ).toEqual(['django', 'psycopg2-binary', 'redis']);
  });
});

describe('goRequires', () => {
  it('single and block requires, comments stripped', () => {
    expect(
      goRequires(
        'module x\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n\nrequire (\n\tgithub.com/redis/go-redis/v9 v9.5.1 // indirect\n\t// a comment\n\tgolang.org/x/sync v0.7.0\n)\n',
      ),
    ).toEqual(['github.com/lib/pq', 'github.com/redis/go-redis/v9', 'golang.org/x/sync']);
  });
});

describe('parsePackageJson', () => {
  it('scripts, every dependency kind, workspaces in both forms, packageManager, prisma.schema', () => {
    expect(
      parsePackageJson(
        JSON.stringify({
          scripts: { test: 'vitest', bad: 3 },
          dependencies: { pg: '8' },
          devDependencies: { vitest: '1' },
          optionalDependencies: { ioredis: '5' },
          workspaces: { packages: ['apps/*'] },
          packageManager: 'pnpm@9.0.0',
          prisma: { schema: 'db/schema.prisma' },
        }),
      ),
    ).toEqual({
      valid: true,
      scripts: { test: 'vitest' },
      deps: ['pg', 'vitest', 'ioredis'],
      workspaces: true,
      packageManager: 'pnpm@9.0.0',
      prismaSchema: 'db/schema.prisma',
    });
    expect(parsePackageJson('{"workspaces": []}').workspaces).toBe(false);
    expect(parsePackageJson('[1]')).toMatchObject({ valid: true, scripts: {}, deps: [] });
    expect(parsePackageJson('nope').valid).toBe(false);
  });
});
