// bench/migrate: 200 small SQL migrations applied by the bundled action (tool: sql — lock, history
// table, one transaction per migration) against the same files applied by `psql` in one run.
// Target: the action takes at most 2 × psql. Needs the real PostgreSQL (npm run env:up).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../test/harness/run-action.js';
import { createTestDatabase } from '../test/integration/migrate/db.js';

const COUNT = 200;
const ROUNDS = 5;

function makeMigrations(): { workspace: string; all: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'ops-bench-migrate-'));
  execFileSync('mkdir', ['-p', join(workspace, 'migrations')]);
  const parts: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const n = String(i).padStart(4, '0');
    const sql =
      `CREATE TABLE t_${n} (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n` +
      `CREATE INDEX t_${n}_name ON t_${n} (name);\n` +
      `INSERT INTO t_${n} (name) VALUES ('row ${i}');\n`;
    writeFileSync(join(workspace, 'migrations', `${n}_table_${n}.sql`), sql);
    parts.push(sql);
  }
  const all = join(workspace, 'all.sql');
  writeFileSync(all, parts.join(''));
  return { workspace, all };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function psqlRun(all: string, single: boolean): Promise<number> {
  const db = await createTestDatabase('bench_psql');
  const u = new URL(db.url);
  u.password = '';
  const t0 = performance.now();
  execFileSync(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...(single ? ['-1'] : []), '-f', all, `--dbname=${u}`],
    {
      env: { ...process.env, PGPASSWORD: db.password },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const ms = performance.now() - t0;
  await db.drop();
  return ms;
}

async function actionRun(workspace: string): Promise<number> {
  const db = await createTestDatabase('bench_action');
  const t0 = performance.now();
  const r = await runAction('migrate', { inputs: { tool: 'sql', 'database-url': db.url }, workspace });
  const ms = performance.now() - t0;
  if (r.exitCode !== 0 || r.outputs['applied-count'] !== String(COUNT)) {
    console.error(r.log);
    throw new Error(`the action did not apply ${COUNT} migrations (exit ${r.exitCode})`);
  }
  await db.drop();
  return ms;
}

async function main(): Promise<void> {
  const { workspace, all } = makeMigrations();
  const psqlOne: number[] = [];
  const psqlAuto: number[] = [];
  const action: number[] = [];
  const ratios: number[] = [];
  // warm-up (page cache, catalog), not counted
  await psqlRun(all, true);
  for (let round = 0; round < ROUNDS; round++) {
    // the order rotates each round, so load that comes and goes on a shared machine hits all three alike
    const steps = [
      async () => psqlOne.push(await psqlRun(all, true)),
      async () => psqlAuto.push(await psqlRun(all, false)),
      async () => action.push(await actionRun(workspace)),
    ];
    for (let i = 0; i < steps.length; i++) await steps[(round + i) % steps.length]?.();
    ratios.push((action[round] ?? 0) / (psqlOne[round] ?? 1));
  }
  const one = median(psqlOne);
  const auto = median(psqlAuto);
  const act = median(action);
  const ratio = median(ratios);
  const fmt = (ms: number): string => `${ms.toFixed(0).padStart(5)} ms`;
  console.log(
    `${COUNT} migrations (${(readFileSync(all).length / 1024).toFixed(0)} KiB of SQL), median of ${ROUNDS} rounds, a fresh database for each run:`,
  );
  console.log(`  psql -1 -f all.sql (one transaction, one process)        ${fmt(one)}`);
  console.log(`  psql -f all.sql (autocommit: one commit per statement)   ${fmt(auto)}`);
  console.log(`  ops-actions migrate, tool sql (node start, lock, checks,`);
  console.log(`    one transaction + history row per migration)           ${fmt(act)}`);
  console.log(
    `  action / psql -1: ${ratio.toFixed(2)}× (median of per-round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
  );
  console.log(`  target ≤ 2× psql -1: ${ratio <= 2 ? 'met' : 'NOT met'}`);
  if (ratio > 2) process.exitCode = 1;
}

await main();
