import { describe, expect, it } from 'vitest';
import { migrateLines, sshOutputs, sshSummary } from '../../../actions/rollback/report.js';
import type { SshRollbackResult } from '../../../actions/rollback/rollback-ssh.js';
import { rollbackError } from '../../../actions/rollback/rollback-ssh.js';
import { BASE, config } from './fixtures.js';

const to = { id: 'v1', image: 'reg/app:v1', source: 'history' as const };
const result: SshRollbackResult = {
  decision: { hosts: [], to, from: ['v2'] },
  durationMs: 2100,
  hosts: [
    { host: 'deploy@a', result: 'rolled-back', from: 'v2', to: 'v1', durationMs: 2000, notes: [] },
    {
      host: 'deploy@b',
      result: 'failed',
      from: 'v2',
      to: 'v1',
      durationMs: 1500,
      phase: 'Activate',
      error: 'deploy@b: up failed',
      restored: true,
      notes: [],
    },
  ],
};
const github = { enabled: true, environment: 'production', bad: 4, restored: 9 };

describe('outputs and summary', () => {
  it('outputs', () => {
    expect(sshOutputs(result, 2345.6, undefined)).toEqual({
      'rolled-back-from': 'v2',
      'rolled-back-to': 'v1',
      'duration-ms': '2346',
      'migrations-reverted': '',
      services: '',
    });
  });

  it('a failure names each host, its phase, and what it runs now', () => {
    expect(rollbackError(result)?.message).toBe(
      'Rollback failed on 1 of 2 host(s):\n  deploy@b (failed in Activate): up failed (what ran before was put back: it runs v2 again)',
    );
    expect(rollbackError({ ...result, hosts: [result.hosts[0]!] })).toBeUndefined();
  });

  it('one table a person reads at a glance', async () => {
    const c = await config({ ...BASE, strategy: 'compose', reason: 'smoke test failed' });
    const text = sshSummary(c, result, 'boom', { github, migrate: undefined, durationMs: 2100 });
    expect(text).toContain('### ❌ rollback: `v2` → `v1` — failed');
    expect(text).toContain('| deploy@a | ✅ rolled back | v2 | v1 | 2.0s |');
    expect(text).toContain('| deploy@b | ❌ failed (Activate), restored | v2 | v1 | 1.5s |');
    expect(text).toContain('Reason: smoke test failed');
    expect(text).toContain(
      'GitHub environment `production`: deployment 4 marked `failure`; deployment 9 records the restored release.',
    );
    const ok = sshSummary(c, { ...result, hosts: [result.hosts[0]!] }, undefined, {
      github,
      migrate: undefined,
      durationMs: 2100,
    });
    expect(ok).toContain('### ✅ rollback: `v2` → `v1` on 1 host');
  });

  it('migrate-down lines', () => {
    const base = { tool: 'sql' as const, applied: ['0002_a'], backupPath: undefined, report: undefined };
    expect(migrateLines({ ...base, mode: 'revert', reverted: ['0002_a'], error: undefined })).toEqual([
      '✅ migrate-down (sql): reverted `0002_a`.',
    ]);
    expect(migrateLines({ ...base, mode: 'revert', reverted: undefined, error: 'no | pipes' })[0]).toBe(
      '❌ migrate-down (sql) failed: no \\| pipes',
    );
  });
});
