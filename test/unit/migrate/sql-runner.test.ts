import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral } from '../../../actions/migrate/sql-runner.js';

describe('quoting', () => {
  it('literals survive quotes and backslashes whatever standard_conforming_strings is', () => {
    expect(quoteLiteral("0001_it's")).toBe("E'0001_it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
  });
  it('identifiers', () => {
    expect(quoteIdent('public')).toBe('"public"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
