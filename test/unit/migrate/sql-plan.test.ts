import { describe, expect, it } from 'vitest';
import {
  lineOfPosition,
  newestApplied,
  planSqlDown,
  planSqlUp,
  sqlChecksum,
  sqlMigrations,
  transactionScript,
  wantsNoTransaction,
} from '../../../actions/migrate/sql-plan.js';
import { ConfigurationError, OperationError } from '../../../lib/errors.js';

const ids = (ms: { id: string }[]): string[] => ms.map((m) => m.id);

describe('sqlMigrations', () => {
  it('orders by the numeric prefix, naturally (2 before 10), ignoring other files', () => {
    const ms = sqlMigrations(['10_ten.sql', '2_two.sql', 'README.md', '1_one.sql', '0003_three.sql']);
    expect(ids(ms)).toEqual(['1_one', '2_two', '0003_three', '10_ten']);
    expect(ms[3]).toEqual({ id: '10_ten', file: '10_ten.sql', version: 10n, downFile: undefined });
  });

  it('pairs .down.sql files with their migration; timestamps beyond 2^53 order exactly', () => {
    const ms = sqlMigrations([
      '20240101000000000001_b.sql',
      '20240101000000000000_a.sql',
      '20240101000000000000_a.down.sql',
    ]);
    expect(ids(ms)).toEqual(['20240101000000000000_a', '20240101000000000001_b']);
    expect(ms[0]?.downFile).toBe('20240101000000000000_a.down.sql');
    expect(ms[1]?.downFile).toBeUndefined();
  });

  it('rejects a file without a number, duplicate numbers and orphan down files', () => {
    expect(() => sqlMigrations(['init.sql'])).toThrow(ConfigurationError);
    expect(() => sqlMigrations(['init.sql'])).toThrow(/'init.sql' does not start with a number/);
    expect(() => sqlMigrations(['2_a.sql', '002_b.sql'])).toThrow(/same number 2/);
    expect(() => sqlMigrations(['1_a.sql', '2_b.down.sql'])).toThrow(/'2_b.down.sql' has no migration/);
  });
});

describe('sqlChecksum / wantsNoTransaction / lineOfPosition', () => {
  it('ignores CRLF vs LF and a BOM, but not content', () => {
    expect(sqlChecksum('CREATE TABLE a();\r\nSELECT 1;\r\n')).toBe(
      sqlChecksum('CREATE TABLE a();\nSELECT 1;\n'),
    );
    expect(sqlChecksum('\uFEFFSELECT 1;')).toBe(sqlChecksum('SELECT 1;'));
    expect(sqlChecksum('SELECT 1;')).not.toBe(sqlChecksum('SELECT 2;'));
    expect(sqlChecksum('')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a no-transaction marker on the first lines', () => {
    expect(wantsNoTransaction('-- ops-actions: no-transaction\nCREATE INDEX CONCURRENTLY i ON t(a);')).toBe(
      true,
    );
    expect(wantsNoTransaction('--ops-actions:no-transaction')).toBe(true);
    expect(wantsNoTransaction('CREATE TABLE t();\n-- mentions ops-actions: no-transaction later? no')).toBe(
      false,
    );
  });

  it('maps a 1-based character position to its line', () => {
    const text = 'CREATE TABLE a();\nCREATE TABLE b();\nSELEC 1;';
    expect(lineOfPosition(text, 1)).toBe(1);
    expect(lineOfPosition(text, text.indexOf('SELEC') + 1)).toBe(3);
    expect(lineOfPosition('é\nx', 3)).toBe(2);
  });
});

describe('planSqlUp', () => {
  const ms = sqlMigrations(['1_a.sql', '2_b.sql', '3_c.sql']);
  const sums = new Map([
    ['1_a', 'sum-a'],
    ['2_b', 'sum-b'],
    ['3_c', 'sum-c'],
  ]);

  it('everything pending on a fresh database', () => {
    expect(planSqlUp(ms, sums, [])).toMatchObject({ current: '', missing: [] });
    expect(ids(planSqlUp(ms, sums, []).pending)).toEqual(['1_a', '2_b', '3_c']);
  });

  it('only what is not in the history', () => {
    const plan = planSqlUp(ms, sums, [
      { id: '1_a', checksum: 'sum-a' },
      { id: '2_b', checksum: 'sum-b' },
    ]);
    expect(ids(plan.pending)).toEqual(['3_c']);
    expect(plan.current).toBe('2_b');
  });

  it('an applied file that changed stops the run, naming it', () => {
    const run = () => planSqlUp(ms, sums, [{ id: '1_a', checksum: 'other' }]);
    expect(run).toThrow(OperationError);
    expect(run).toThrow(/1_a\.sql \(applied with checksum other…, the file now has sum-a…\)/);
    expect(run).toThrow(/must never be edited/);
  });

  it('a pending migration sorting before an applied one is refused (out of order)', () => {
    expect(() => planSqlUp(ms, sums, [{ id: '3_c', checksum: 'sum-c' }])).toThrow(
      /1_a\.sql, 2_b\.sql are not applied but sort before the applied 3_c\.sql/,
    );
  });

  it('applied rows whose file is gone are reported, not fatal', () => {
    const plan = planSqlUp(ms, sums, [
      { id: '0_old', checksum: 'x' },
      { id: '1_a', checksum: 'sum-a' },
    ]);
    expect(plan.missing).toEqual(['0_old']);
    expect(ids(plan.pending)).toEqual(['2_b', '3_c']);
  });

  it('newestApplied falls back to the last history row', () => {
    expect(newestApplied(ms, [{ id: 'zz', checksum: '' }])).toBe('zz');
    expect(newestApplied(ms, [])).toBe('');
  });
});

describe('planSqlDown', () => {
  const ms = sqlMigrations([
    '1_a.sql',
    '1_a.down.sql',
    '2_b.sql',
    '2_b.down.sql',
    '3_c.sql',
    '3_c.down.sql',
    '4_d.sql',
  ]);
  const applied = [
    { id: '1_a', checksum: '' },
    { id: '2_b', checksum: '' },
    { id: '3_c', checksum: '' },
  ];

  it('the newest `steps` applied migrations, newest first', () => {
    expect(ids(planSqlDown(ms, applied, 2))).toEqual(['3_c', '2_b']);
    expect(ids(planSqlDown(ms, applied, 1))).toEqual(['3_c']);
  });

  it('refuses when a down file is missing or there are fewer applied migrations than steps', () => {
    expect(() => planSqlDown(ms, [...applied, { id: '4_d', checksum: '' }], 1)).toThrow(/no 4_d\.down\.sql/);
    expect(() => planSqlDown(ms, applied, 4)).toThrow(/only 3 applied/);
  });
});

describe('transactionScript', () => {
  it('wraps the file and its bookkeeping in one transaction; offset maps error positions', () => {
    const s = transactionScript(
      'CREATE TABLE a ();\n-- trailing comment',
      "INSERT INTO h VALUES ('1_a')",
      true,
    );
    expect(s.text).toBe(
      "BEGIN;\nCREATE TABLE a ();\n-- trailing comment\n;\nINSERT INTO h VALUES ('1_a');\nCOMMIT;",
    );
    expect(s.offset).toBe('BEGIN;\n'.length);
    expect(s.text.slice(s.offset).startsWith('CREATE TABLE a')).toBe(true);
  });

  it('non-durable commits switch synchronous_commit off for that transaction only', () => {
    const s = transactionScript('SELECT 1', 'SELECT 2', false);
    expect(s.text).toBe('BEGIN;\nSET LOCAL synchronous_commit TO off;\nSELECT 1\n;\nSELECT 2;\nCOMMIT;');
    expect(s.text.slice(s.offset)).toBe('SELECT 1\n;\nSELECT 2;\nCOMMIT;');
  });
});
