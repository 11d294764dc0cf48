// The migration lock cannot vanish unnoticed (issue #14 point 2): the lock's session is kept busy
// while the tool runs, so PostgreSQL's idle_session_timeout does not end it; and when the session is
// lost anyway (a killed backend, a failover, a dropped tunnel) the tool is stopped and the step
// fails saying so — instead of reporting success while another run may migrate at the same time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { advisoryLockKey, lockKeyParts } from '../../actions/migrate/lock.js';
import { runAction } from '../harness/run-action.js';
import { createTestDatabase, type TestDatabase } from './migrate/db.js';
import { expectNoSecret, makeWorkspace } from './migrate/workspace.js';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.drop();
});
async function fresh(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  dbs.push(db);
  return db;
}

/** The pids holding the migrate lock in `db` right now. */
async function lockHolderPids(db: TestDatabase): Promise<number[]> {
  const { classid, objid } = lockKeyParts(advisoryLockKey());
  const rows = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid::text = $1 AND objid::text = $2 AND objsubid = 1`,
    [classid, objid],
  );
  return rows.map((r) => r.pid);
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The URL with a per-connection setting (only the sessions opened with it get it: no ALTER ROLE). */
function withSessionOption(url: string, option: string): string {
  const u = new URL(url);
  u.searchParams.set('options', option);
  return u.toString();
}

describe('migration lock keepalive', () => {
  it('holds the lock through a tool run longer than idle_session_timeout', async () => {
    const db = await fresh('keepalive_idle');
    const ws = makeWorkspace({});
    // every session of this run (the lock's included) is ended by the server after 1.5s idle
    const url = withSessionOption(db.url, '-c idle_session_timeout=1500');
    const run = runAction('migrate', {
      inputs: { tool: 'command', up: 'sleep 6 && touch migrated', 'database-url': url, backup: 'false' },
      workspace: ws,
    });
    // the lock is taken, then probed while the tool sleeps, well past 1.5s of the lock session idling
    await waitFor('the migrate lock to be taken', async () =>
      (await lockHolderPids(db)).length > 0 ? true : undefined,
    );
    const seen: number[][] = [];
    for (const pauseMs of [2500, 2000]) {
      await new Promise((r) => setTimeout(r, pauseMs));
      seen.push(await lockHolderPids(db));
    }
    const r = await run;
    expect(r.exitCode, r.log).toBe(0);
    expect(existsSync(join(ws, 'migrated'))).toBe(true);
    // held (by one session) at both probes: the lock did not vanish under the running tool
    expect(seen.map((pids) => pids.length)).toEqual([1, 1]);
    expect(r.outputs['outcome']).toBe('success');
    expectNoSecret(r, db.password);
  });

  it('a killed lock session stops the tool and fails the step, saying the lock was lost', async () => {
    const db = await fresh('keepalive_kill');
    const ws = makeWorkspace({});
    const started = Date.now();
    // `exec`: the tool is one process, so stopping it is instant (a shell's children are lib/exec's
    // process-group kill, another change)
    const run = runAction('migrate', {
      inputs: { tool: 'command', up: 'exec sleep 20', 'database-url': db.url, backup: 'false' },
      workspace: ws,
    });
    const [pid] = await waitFor('the migrate lock to be taken', async () => {
      const pids = await lockHolderPids(db);
      return pids.length > 0 ? pids : undefined;
    });
    // give the tool a moment to start, then end the lock's session as a failover or an admin would
    await new Promise((r) => setTimeout(r, 1000));
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(killed.rows[0]?.ok).toBe(true);
    } finally {
      await admin.end();
    }
    const r = await run;
    const tookMs = Date.now() - started;
    expect(r.exitCode, r.log).toBe(1);
    expect(r.errors.join('\n')).toMatch(/The migration lock was lost while the migration ran/);
    expect(r.errors.join('\n')).toMatch(/another run may have migrated at the same time/);
    // the tool was stopped, not left to finish 20s later and report success
    expect(r.log).toMatch(/The migration lock was lost/);
    expect(tookMs).toBeLessThan(15_000);
    expect(r.outputs['outcome']).toBe('failure');
    expectNoSecret(r, db.password);
  });
});
