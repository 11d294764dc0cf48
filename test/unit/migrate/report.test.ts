import { describe, expect, it } from 'vitest';
import { type MigrateReport, newReport } from '../../../actions/migrate/migrate.js';
import { migrateOutputs, migrateSummary } from '../../../actions/migrate/report.js';

function report(over: Partial<MigrateReport>): MigrateReport {
  const base = newReport(
    {
      tool: 'sql',
      direction: 'up',
      steps: 1,
      dryRun: false,
      backup: true,
      lockTimeoutMs: 1000,
      timeoutMs: 1000,
      commands: { up: undefined, status: undefined, down: undefined },
      sqlDir: '/x',
    },
    'runner',
    'db:5432/shop',
  );
  return { ...base, ...over };
}

describe('migrateOutputs', () => {
  it('JSON arrays, a count, the backup', () => {
    const r = report({
      outcome: 'success',
      pendingBefore: ['1_a', '2_b'],
      applied: ['1_a', '2_b'],
      current: '2_b',
      backup: {
        state: 'taken',
        result: { path: '/t/shop.dump', sizeBytes: 2048, durationMs: 10, entries: 3 },
      },
    });
    expect(migrateOutputs(r)).toEqual({
      outcome: 'success',
      applied: '["1_a","2_b"]',
      'applied-count': '2',
      reverted: '[]',
      'pending-before': '["1_a","2_b"]',
      current: '2_b',
      'backup-path': '/t/shop.dump',
      'backup-size': '2048',
      'backup-local-path': '',
      'backup-artifact-id': '',
      'backup-artifact-name': '',
      'failed-migration': '',
    });
  });

  it('what the tool does not report stays empty, not a guessed []', () => {
    const o = migrateOutputs(report({ tool: 'command', outcome: 'success' }));
    expect(o.applied).toBe('');
    expect(o['applied-count']).toBe('');
    expect(o['pending-before']).toBe('');
    expect(o.current).toBe('');
  });

  it('down reports reverted ids', () => {
    const o = migrateOutputs(report({ direction: 'down', outcome: 'success', applied: ['3_c'] }));
    expect(o.reverted).toBe('["3_c"]');
    expect(o.applied).toBe('[]');
  });
});

describe('migrateSummary', () => {
  it('a failure names the migration, the error and where the backup is', () => {
    const md = migrateSummary(
      report({
        outcome: 'failure',
        pendingBefore: ['4_d'],
        applied: [],
        current: '3_c',
        failedMigration: '4_d',
        error: 'Migration 4_d.sql failed, line 2: relation "nope" does not exist',
        steps: [{ id: '4_d', status: 'failed' }],
        lock: { taken: true, waitedMs: 2500, waitedFor: 'pid 7 (x)' },
        backup: {
          state: 'taken',
          result: { path: '/t/shop.dump', sizeBytes: 2048, durationMs: 10, entries: 3 },
        },
      }),
    );
    expect(md).toContain('### ❌ Database migration (sql)');
    expect(md).toContain('| Migration lock | held (waited 2.5s for pid 7 (x)) |');
    expect(md).toContain('| Backup | `/t/shop.dump` (2.0 KiB, 10ms) |');
    expect(md).toContain('**Failed migration:** `4_d`');
    expect(md).toContain('relation "nope" does not exist');
    expect(md).toContain('pg_restore --clean --if-exists');
    expect(md).toContain('| `4_d` | ❌ failed |');
  });

  it('a dry-run lists what would be applied', () => {
    const md = migrateSummary(
      report({
        outcome: 'dry-run',
        dryRun: true,
        pendingBefore: ['1_a'],
        steps: [{ id: '1_a', status: 'pending' }],
      }),
    );
    expect(md).toContain('| Would apply | 1: 1_a |');
    expect(md).toContain('dry-run: nothing applied');
  });
});
