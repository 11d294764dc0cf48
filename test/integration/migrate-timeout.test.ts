// migrate `timeout` on the runner ends the tool's command with everything it started: the user's
// command line runs as `sh -c`, and killing only the shell left its children running (and the step
// waiting for their output, holding the migration lock). Children are found and checked by pid.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';
import { isAlive, type ProcessId, stillAliveAfter, waitForDescendants } from '../helpers/processes.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
const seen: ProcessId[] = [];
afterEach(async () => {
  // what the code under test left behind, killed by the pid this test saw
  for (const p of seen.splice(0)) if (isAlive(p)) process.kill(p.pid, 'SIGKILL');
  for (const db of dbs.splice(0)) await db.drop();
});

/** Runs migrate `tool: command` with `up` and a 2 s timeout; records the processes below the shell. */
async function migrateTimesOut(up: string, expected: number) {
  const db = await createTestDatabase('timeout');
  dbs.push(db);
  const workspace = makeWorkspace({ 'README.md': 'migrate timeout\n' }, 'timeout');
  const pidFile = join(workspace, 'up.pid');
  const started = Date.now();
  const run = runAction('migrate', {
    inputs: {
      tool: 'command',
      'database-url': db.url,
      backup: 'false',
      timeout: '2s',
      up: `echo $$ > up.pid; ${up}`,
    },
    workspace,
    timeoutMs: 60_000,
  });
  const children = (async () => {
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      if (Date.now() - started > 20_000) return [];
      await new Promise((r) => setTimeout(r, 50));
    }
    const found = await waitForDescendants(Number(readFileSync(pidFile, 'utf8').trim()), expected);
    seen.push(...found);
    return found;
  })();
  const r = await run;
  return { r, elapsedMs: Date.now() - started, children: await children, db };
}

describe('migrate timeout (where: runner)', () => {
  it("'sleep 30 && echo x': the step fails within seconds, the sleep is gone, the lock is free", async () => {
    const { r, elapsedMs, children, db } = await migrateTimesOut('sleep 30 && echo x', 1);
    expect(children).toHaveLength(1);
    expect(r.exitCode, r.log).toBe(1);
    expect(r.errors.join('\n')).toMatch(/timed out after/);
    expect(elapsedMs).toBeLessThan(15_000);
    expect(await stillAliveAfter(children)).toEqual([]);
    // the step ended, so its session and the advisory lock are gone
    const holders = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(holders[0]?.n).toBe('0');
  });

  it("a pipeline 'sleep 30 | cat': every process of it is gone", async () => {
    const { r, elapsedMs, children } = await migrateTimesOut('sleep 30 | cat', 2);
    expect(children).toHaveLength(2);
    expect(r.exitCode, r.log).toBe(1);
    expect(r.errors.join('\n')).toMatch(/timed out after/);
    expect(elapsedMs).toBeLessThan(15_000);
    expect(await stillAliveAfter(children)).toEqual([]);
  });
});
