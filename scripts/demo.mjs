#!/usr/bin/env node
// `npm run demo`: the README's first command on a fresh machine. Installs the project's own
// dependencies when they are missing (npm ci), brings up the real-server environment
// (scripts/env-up.sh, as root or through sudo), then runs the demo pipeline (scripts/demo/main.ts)
// through the bundled actions exactly as a workflow step would. `npm run demo -- --down` removes
// what the demo started.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = (file, argv, what) => {
  const r = spawnSync(file, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
};

if (!existsSync(join(root, 'node_modules', '.bin', 'tsx'))) {
  console.log('demo: installing the project dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
}
if (!args.some((a) => a === '--down' || a === '--help' || a === '-h')) {
  const asRoot = process.getuid?.() === 0;
  run(
    asRoot ? 'bash' : 'sudo',
    asRoot ? ['scripts/env-up.sh'] : ['bash', 'scripts/env-up.sh'],
    'scripts/env-up.sh',
  );
}
run(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'scripts', 'demo', 'main.ts'), ...args],
  'the demo',
);
