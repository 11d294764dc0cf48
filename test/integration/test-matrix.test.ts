// The bundled test-matrix action, run the way the runner runs it, on a real git repository made
// here: commits on main, a feature branch, a tag; the event payload written to GITHUB_EVENT_PATH.
// Pull requests go through a local fake of the GitHub API on 127.0.0.1, and through git when the
// API cannot answer.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHubApi, startFakeGitHubApi } from '../fixtures/test-matrix/fake-github-api.js';
import { GIT_ENV, GitRepo } from '../fixtures/test-matrix/git-repo.js';
import { pkg, removeTrees, tempDir, writeTree } from '../fixtures/test-matrix/tree.js';
import { type ActionResult, runAction, runActionWithPost } from '../harness/run-action.js';
import { readmeSteps, reusableWorkflowStep } from '../harness/workflow-steps.js';

const TOKEN = 'ghs_fakeTestMatrixToken0123456789';
const ZERO = '0'.repeat(40);
/** Nothing in these tests may reach api.github.com: a closed local port unless a test says otherwise. */
const NO_API = 'http://127.0.0.1:9';

let repo: GitRepo;
let c0: string; // initial
let c1: string; // main: backend only
let c2: string; // main: README only
let c3: string; // main: the CI workflow
let feature: string; // feature branch (from c1): frontend only
let api: FakeGitHubApi;

beforeAll(async () => {
  repo = GitRepo.init({
    'README.md': '# shop',
    '.github/workflows/ci.yml': 'on: push\n',
    'backend/pyproject.toml':
      '[tool.poetry]\nname = "shop"\n[tool.poetry.dependencies]\npython = "^3.12"\nasyncpg = "*"\nredis = "*"\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n',
    'backend/poetry.lock': '# v1',
    'backend/app/main.py': 'app = 1',
    'backend/tests/test_main.py': 'def test(): pass',
    'frontend/package.json': pkg({
      scripts: { lint: 'eslint .', 'type-check': 'tsc', test: 'vitest run', build: 'next build' },
    }),
    'frontend/pnpm-lock.yaml': 'lockfileVersion: 9.0',
    'frontend/src/page.tsx': 'export {}',
  });
  c0 = repo.head();
  c1 = repo.commit('backend change', { 'backend/app/main.py': 'app = 2' });
  repo.git('checkout', '--quiet', '-b', 'feature/ui');
  feature = repo.commit('frontend change', { 'frontend/src/page.tsx': 'export const x = 1' });
  repo.git('checkout', '--quiet', 'main');
  c2 = repo.commit('docs', { 'README.md': '# shop!' });
  c3 = repo.commit('ci', { '.github/workflows/ci.yml': 'on: [push, pull_request]\n' });
  repo.git('tag', 'v1.0.0', c3);

  api = await startFakeGitHubApi({
    owner: 'acme',
    repo: 'shop',
    token: TOKEN,
    maxPageSize: 2,
    pulls: {
      7: {
        files: [
          { filename: 'frontend/src/page.tsx' },
          { filename: 'frontend/src/new.tsx', status: 'added' },
          { filename: 'frontend/src/b.tsx', previous: 'frontend/src/a.tsx' },
          { filename: 'frontend/public/logo.svg' },
          { filename: 'frontend/next.config.js' },
        ],
      },
    },
  });
});

afterAll(async () => {
  await api?.close();
  removeTrees();
});

interface Event {
  name: string;
  ref: string;
  sha: string;
  payload: unknown;
}

async function run(event: Event, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  const eventPath = join(tempDir('test-matrix-event-'), 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const result = await runAction('test-matrix', {
    workspace: repo.dir,
    inputs: { 'changed-only': 'true', 'github-token': TOKEN, ...inputs },
    env: {
      ...GIT_ENV,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: event.ref,
      GITHUB_SHA: event.sha,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: NO_API,
      ...env,
    },
  });
  expect(result.log).not.toContain(TOKEN);
  expect(result.summary).not.toContain(TOKEN);
  return result;
}

function matrixNames(r: ActionResult): string[] {
  const matrix = JSON.parse(r.outputs['matrix'] ?? 'null') as { include: { name: string }[] };
  return matrix.include.map((e) => e.name);
}

const push = (before: string, after: string, ref = 'refs/heads/main'): Event => ({
  name: 'push',
  ref,
  sha: after,
  payload: { ref, before, after, created: before === ZERO, deleted: false, forced: false },
});
const pullRequest = (number: number, base: string, head: string): Event => ({
  name: 'pull_request',
  ref: `refs/pull/${number}/merge`,
  sha: head,
  payload: {
    action: 'synchronize',
    number,
    pull_request: { number, base: { ref: 'main', sha: base }, head: { ref: 'feature/ui', sha: head } },
  },
});

describe('test-matrix on a real repository', () => {
  it('push to main: only the component the pushed commits changed (git before..after)', async () => {
    const r = await run(push(c0, c1));
    expect(r.exitCode).toBe(0);
    expect(matrixNames(r)).toEqual(['backend']);
    expect(r.outputs['components']).toBe('["backend"]');
    expect(r.outputs['has-components']).toBe('true');
    expect(r.outputs['base']).toBe(c0);
    const matrix = JSON.parse(r.outputs['matrix'] ?? '') as { include: Record<string, unknown>[] };
    expect(matrix.include[0]).toMatchObject({
      name: 'backend',
      path: 'backend',
      language: 'python',
      'package-manager': 'poetry',
      'test-command': 'poetry run pytest',
      'python-version': '3.12',
      services: ['postgres', 'redis'],
      'postgres-image': 'postgres:16-alpine',
      'redis-image': 'redis:7-alpine',
      lockfile: 'backend/poetry.lock',
    });
    expect(matrix.include[0]?.['cache-key']).toMatch(
      /^test-matrix-linux-python-poetry-backend-[0-9a-f]{32}$/,
    );
    expect(r.summary).toContain('## Test matrix: 1 of 2 components');
    expect(r.summary).toContain(`(git diff ${c0.slice(0, 7)}..${c1.slice(0, 7)}, 1 file)`);
    expect(r.summary).toMatch(/\| ✅ \| backend \| backend \| .* \| changed: backend\/app\/main\.py \|/);
    expect(r.summary).toMatch(/\| ⏭️ \| frontend \| frontend \| .* \| no changed file in frontend\/ \|/);
    expect(r.summary).toContain('postgres (asyncpg in backend/pyproject.toml)');
  });

  it('push that touches no component: an empty matrix and has-components false', async () => {
    const r = await run(push(c1, c2));
    expect(r.exitCode).toBe(0);
    expect(r.outputs['matrix']).toBe('{"include":[]}');
    expect(r.outputs['components']).toBe('[]');
    expect(r.outputs['has-components']).toBe('false');
    expect(r.summary).toContain('## Test matrix: 0 of 2 components');
  });

  it('push that changes a workflow file: everything, because it is shared', async () => {
    const r = await run(push(c2, c3));
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.summary).toContain('shared file changed: .github/workflows/ci.yml (always-include)');
  });

  it('always-include can be replaced: then the workflow file is nobody’s', async () => {
    const r = await run(push(c2, c3), { 'always-include': 'docker-compose*.yml' });
    expect(r.outputs['has-components']).toBe('false');
  });

  it('a new branch (before = zeros): everything, no diff against 000…', async () => {
    const r = await run(push(ZERO, feature, 'refs/heads/feature/ui'));
    expect(r.exitCode).toBe(0);
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.outputs['base']).toBe('');
    expect(r.summary).toContain(
      'new branch (feature/ui): no previous commit to compare with, testing everything',
    );
  });

  it('a tag push: everything', async () => {
    const r = await run(push(ZERO, c3, 'refs/tags/v1.0.0'));
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.summary).toContain('tag push (v1.0.0): a release tests everything');
  });

  it('workflow_dispatch: everything', async () => {
    const r = await run({
      name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      sha: c3,
      payload: { inputs: {} },
    });
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.summary).toContain('workflow_dispatch event: testing everything');
  });

  it('pull_request: the files from the GitHub API, every page, with the token', async () => {
    const before = api.requests.length;
    const r = await run(pullRequest(7, c3, feature), {}, { GITHUB_API_URL: api.url });
    expect(r.exitCode).toBe(0);
    expect(matrixNames(r)).toEqual(['frontend']);
    expect(r.outputs['base']).toBe(c3);
    const calls = api.requests.slice(before);
    expect(calls.map((c) => c.url)).toEqual([
      '/repos/acme/shop/pulls/7/files?per_page=100',
      '/repos/acme/shop/pulls/7/files?per_page=2&page=2',
      '/repos/acme/shop/pulls/7/files?per_page=2&page=3',
    ]);
    expect(calls.every((c) => c.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(r.summary).toContain('(GitHub API, 6 files)'); // 5 files, one renamed: old and new name
    expect(r.summary).toContain('frontend/src/a.tsx');
  });

  it('pull_request: a failing API is retried', async () => {
    const flaky = await startFakeGitHubApi({
      owner: 'acme',
      repo: 'shop',
      token: TOKEN,
      failFirst: 1,
      pulls: { 8: { files: [{ filename: 'backend/app/main.py' }] } },
    });
    try {
      const r = await run(pullRequest(8, c3, feature), {}, { GITHUB_API_URL: flaky.url });
      expect(flaky.requests).toHaveLength(2);
      expect(matrixNames(r)).toEqual(['backend']);
    } finally {
      await flaky.close();
    }
  });

  it('pull_request: when the API says no, git base...head gives the same answer', async () => {
    const r = await run(pullRequest(404, c3, feature), {}, { GITHUB_API_URL: api.url });
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain('Could not list the files of pull request #404 through the GitHub API');
    expect(r.log).toContain('asking git instead');
    expect(matrixNames(r)).toEqual(['frontend']);
    // base...head: main moved on (README, workflow) after feature forked; those are not the PR's
    expect(r.summary).toContain(`(git diff ${c3.slice(0, 7)}...${feature.slice(0, 7)}, 1 file)`);
  });

  it('pull_request without a token goes straight to git', async () => {
    const r = await run(pullRequest(7, c3, feature), { 'github-token': '' }, { GITHUB_API_URL: api.url });
    expect(matrixNames(r)).toEqual(['frontend']);
    expect(r.log).toContain('No github-token or repository: listing the pull request files with git.');
  });

  it('changed-only false: everything, whatever the event', async () => {
    const r = await run(push(c0, c1), { 'changed-only': 'false' });
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.summary).toContain('changed-only is false: testing everything');
  });

  it('a push whose previous commit is unknown: everything, with a warning that says what to do', async () => {
    const r = await run(push('1'.repeat(40), c1));
    expect(r.exitCode).toBe(0);
    expect(matrixNames(r)).toEqual(['backend', 'frontend']);
    expect(r.log).toContain(
      `::warning::Could not list the changed files with git diff 1111111..${c1.slice(0, 7)}: commit 1111111 is not in the checkout and could not be fetched from origin.`,
    );
    expect(r.log).toContain('fetch-depth: 0');
  });

  it('a bad components input fails the step and names the input', async () => {
    const r = await run(push(c0, c1), { components: '- path: backend\n  services: [mongodb]\n' });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain(
      "Configuration error — Input 'components': is not valid: components.0.services",
    );
  });

  it('component + cache: no cache service here, so a warning, and the step still succeeds (main and post)', async () => {
    const { main, post } = await runActionWithPost('test-matrix', {
      workspace: repo.dir,
      inputs: { component: 'frontend', cache: 'true' },
      env: {
        ...GIT_ENV,
        GITHUB_API_URL: NO_API,
        ACTIONS_CACHE_URL: undefined,
        ACTIONS_RESULTS_URL: undefined,
      },
    });
    expect(main.exitCode).toBe(0);
    expect(matrixNames(main)).toEqual(['frontend']);
    expect(main.outputs['cache-hit']).toBe('false');
    expect(main.log).toContain('::warning::The Actions cache service is not available on this runner');
    const state = JSON.parse(main.state['test-matrix-cache'] ?? '{}') as { key: string; paths: string[] };
    const entry = JSON.parse(main.outputs['matrix'] ?? '') as { include: { 'cache-key': string }[] };
    expect(state.key).toBe(entry.include[0]?.['cache-key']);
    expect(state.paths).toEqual([expect.stringMatching(/\/\.local\/share\/pnpm\/store$/)]);
    expect(post.exitCode).toBe(0);
  });

  it('component + cache: a cache service that refuses is a warning in main and in post, never a failure', async () => {
    // The cache service (twirp API at ACTIONS_RESULTS_URL) answering 400 to everything.
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"code":"invalid_argument","msg":"refused by the test"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const home = tempDir('test-matrix-home-');
    writeTree(home, { '.local/share/pnpm/store/v10/index/x': 'cached' });
    try {
      const { port } = server.address() as AddressInfo;
      const { main, post } = await runActionWithPost('test-matrix', {
        workspace: repo.dir,
        inputs: { component: 'frontend', cache: 'true' },
        env: {
          ...GIT_ENV,
          HOME: home,
          GITHUB_API_URL: NO_API,
          ACTIONS_CACHE_SERVICE_V2: 'true',
          ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
          ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        },
      });
      expect(main.exitCode).toBe(0);
      expect(main.outputs['cache-hit']).toBe('false');
      expect(main.log).toContain('::warning::Failed to restore');
      expect(post.exitCode).toBe(0);
      expect(post.log).toMatch(
        /::warning::The dependency cache test-matrix-linux-node-pnpm-frontend-[0-9a-f]{32} was not saved/,
      );
      expect(calls).toEqual([
        'POST /twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL',
        'POST /twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('component that does not exist: a configuration error listing the components', async () => {
    const r = await runAction('test-matrix', {
      workspace: repo.dir,
      inputs: { component: 'api' },
      env: { ...GIT_ENV, GITHUB_API_URL: NO_API },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain("there is no component named 'api'; found: backend, frontend.");
  });
});

describe('test-matrix with working-directory and a config file', () => {
  let mono: GitRepo;
  let m0: string;
  let m1: string;
  let m2: string;
  let m3: string;

  beforeAll(() => {
    mono = GitRepo.init({
      'README.md': '# mono',
      'services/api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n',
      'services/api/main.go': 'package main',
      'services/web/package.json': pkg({ scripts: { test: 'jest' } }),
      'services/web/package-lock.json': '{}',
      'services/shared/schema.graphql': 'type Query { a: Int }',
      'services/.ops-actions/components.yml':
        'components:\n  - path: web\n    services: [redis]\n    paths: [shared/**]\n  - path: api\n    name: api-server\n',
    });
    m0 = mono.head();
    m1 = mono.commit('schema', { 'services/shared/schema.graphql': 'type Query { b: Int }' });
    m2 = mono.commit('config', {
      'services/.ops-actions/components.yml':
        'components:\n  - path: web\n    services: [redis, postgres]\n    paths: [shared/**]\n  - path: api\n    name: api-server\n',
    });
    m3 = mono.commit('broken config', {
      'services/.ops-actions/components.yml': 'components:\n  - path: web\n    test-comand: x\n',
    });
  });

  async function runMono(before: string, after: string, inputs: Record<string, string> = {}) {
    const eventPath = join(tempDir('test-matrix-event-'), 'event.json');
    writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main', before, after }));
    mono.git('checkout', '--quiet', after);
    return runAction('test-matrix', {
      workspace: mono.dir,
      inputs: { 'working-directory': 'services', 'changed-only': 'true', ...inputs },
      env: {
        ...GIT_ENV,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: after,
        GITHUB_API_URL: NO_API,
      },
    });
  }

  it('paths from the config select a component for a file outside its folder; paths are workspace-relative', async () => {
    const r = await runMono(m0, m1);
    expect(r.exitCode).toBe(0);
    const matrix = JSON.parse(r.outputs['matrix'] ?? '') as { include: Record<string, unknown>[] };
    expect(matrix.include).toHaveLength(1);
    expect(matrix.include[0]).toMatchObject({
      name: 'web',
      path: 'services/web',
      lockfile: 'services/web/package-lock.json',
      services: ['redis'],
      'redis-image': 'redis:7-alpine',
      'postgres-image': '',
    });
    expect(r.summary).toContain('changed: services/shared/schema.graphql');
    expect(r.summary).toContain('Configuration: .ops-actions/components.yml.');
  });

  it('a change to the config file selects every component', async () => {
    const r = await runMono(m1, m2);
    expect(matrixNames(r)).toEqual(['api-server', 'web']);
    expect(r.summary).toContain('shared file changed: services/.ops-actions/components.yml (always-include)');
    const matrix = JSON.parse(r.outputs['matrix'] ?? '') as { include: Record<string, unknown>[] };
    expect(matrix.include[0]).toMatchObject({
      path: 'services/api',
      'go-version': '1.22',
      services: ['postgres'],
    });
  });

  it('a broken config file fails the step, naming the input and the file', async () => {
    const r = await runMono(m2, m3);
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain(
      'Configuration error — Input \'config\': .ops-actions/components.yml: is not valid: components.0: Unrecognized key: "test-comand"',
    );
  });

  it('a config file that was asked for and is missing fails the step', async () => {
    const r = await runMono(m0, m1, { config: 'ci/components.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain("Input 'config': ci/components.yml does not exist in working-directory");
  });
});

// Runner fidelity: the stage run as users' files give it — every action.yml default passed, and the
// reusable workflow's own input defaults evaluated — in a repository with no components.yml.
describe('test-matrix as the README and the reusable test.yml run it, without a config file', () => {
  let bare: GitRepo;
  beforeAll(() => {
    bare = GitRepo.init({
      'api/package.json': pkg({ scripts: { test: 'node --test' } }),
      'api/package-lock.json': '{}',
      'worker/requirements.txt': 'pytest\n',
    });
  });

  async function runWith(inputs: Record<string, string>): Promise<ActionResult> {
    const r = await runAction('test-matrix', {
      workspace: bare.dir,
      inputs,
      expressions: { 'github.token': TOKEN },
      env: { ...GIT_ENV, GITHUB_API_URL: NO_API, GITHUB_SHA: bare.head() },
    });
    return r;
  }

  it.each(readmeSteps('actions/test-matrix/README.md', 'test-matrix').map((w, i) => [i + 1, w] as const))(
    'README example %i: %j',
    async (_, given) => {
      // matrix.* only exists in a matrix job: the component the example's own matrix names
      const inputs = Object.fromEntries(
        Object.entries(given).map(([k, v]) => [k, v.replace('${{ matrix.name }}', 'api')]),
      );
      const r = await runWith(inputs); // cache: true warns here (no cache service) and goes on
      expect(r.exitCode, r.log).toBe(0);
      expect(r.log).not.toContain('does not exist');
      expect(r.outputs['components']).toMatch(/"api"/);
    },
  );

  it('.github/workflows/test.yml with its own defaults: both components', async () => {
    const given = reusableWorkflowStep('.github/workflows/test.yml', 'test-matrix');
    expect(given['config']).toBe('.ops-actions/components.yml'); // the default the workflow passes on
    const r = await runWith(given);
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).not.toContain('does not exist');
    expect(JSON.parse(r.outputs['components'] ?? '[]')).toEqual(['api', 'worker']);
  });

  it('a config file the user named that is missing is still an error naming the input', async () => {
    const r = await runWith({ config: 'ci/components.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain("Input 'config'");
    expect(r.errors[0]).toContain('ci/components.yml');
  });
});
