#!/usr/bin/env node
// Runs benchmarks: `npm run bench` runs every bench/<name>.ts, `npm run bench -- smoke-test` one.
// Each benchmark prints its own numbers; a benchmark that cannot run exits non-zero.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : all) {
  console.log(`\n=== bench/${name} ===`);
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', `${name}.ts`)], {
    stdio: 'inherit',
    cwd: root,
  });
}
