// How long test-matrix takes on a big monorepo: discovery over a tree of 120 components whose
// node_modules/.venv folders hold 24 000 folders that must be skipped, then selection of 10 000
// changed files. Targets: discovery under 1 s, selection under 250 ms (the step itself is then
// dominated by node start-up and git).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverComponents } from '../actions/test-matrix/discover.js';
import { selectComponents } from '../actions/test-matrix/select.js';

const root = mkdtempSync(join(tmpdir(), 'bench-test-matrix-'));
const write = (path: string, content: string): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
};

const COMPONENTS = 120;
for (let i = 0; i < COMPONENTS; i++) {
  const dir = `services/group${i % 10}/svc${i}`;
  if (i % 3 === 0) {
    write(
      `${dir}/package.json`,
      JSON.stringify({ scripts: { test: 'vitest', lint: 'eslint .' }, dependencies: { pg: '8' } }),
    );
    write(`${dir}/pnpm-lock.yaml`, `lockfileVersion: ${i}`);
    for (let j = 0; j < 200; j++)
      mkdirSync(join(root, dir, 'node_modules', `dep${j}`, 'lib'), { recursive: true });
  } else if (i % 3 === 1) {
    write(
      `${dir}/pyproject.toml`,
      '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nasyncpg = "*"\nredis = "*"\npytest = "*"\n',
    );
    write(`${dir}/poetry.lock`, `# ${i}`);
    for (let j = 0; j < 200; j++) mkdirSync(join(root, dir, '.venv', 'lib', `pkg${j}`), { recursive: true });
  } else {
    write(`${dir}/go.mod`, `module example.com/svc${i}\n\ngo 1.22\n`);
    write(`${dir}/go.sum`, `${i}`);
  }
  for (let f = 0; f < 20; f++) write(`${dir}/src/file${f}.txt`, 'x');
}

const opts = { exclude: [], nodeVersion: '22', pythonVersion: '3.12', detectServices: true };
function time<T>(fn: () => T, runs: number): { result: T; ms: number } {
  let result = fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  return { result, ms: (performance.now() - start) / runs };
}

const d = time(() => discoverComponents(root, opts), 5);
const files = Array.from(
  { length: 10_000 },
  (_, i) => `services/group${i % 10}/svc${i % COMPONENTS}/src/f${i}.ts`,
);
const s = time(
  () =>
    selectComponents(
      d.result.components,
      { kind: 'files', files, description: 'bench' },
      {
        alwaysInclude: ['.github/workflows/**', '.ops-actions/**'],
        rootPrefix: '',
      },
    ),
  5,
);
rmSync(root, { recursive: true, force: true });

const selected = s.result.filter((x) => x.selected).length;
console.log(`discovery: ${d.result.components.length} components, ${d.ms.toFixed(0)} ms (target < 1000 ms)`);
console.log(
  `selection: 10000 changed files → ${selected} components, ${s.ms.toFixed(0)} ms (target < 250 ms)`,
);
if (d.result.components.length !== COMPONENTS) {
  console.error(`expected ${COMPONENTS} components`);
  process.exit(1);
}
