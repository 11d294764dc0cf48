import { describe, expect, it } from 'vitest';
import { parseRetryAfter, signBody } from '../../../actions/notify/send.js';
import {
  FIELD_NAMES,
  type FieldValues,
  parseTemplate,
  renderTemplate,
} from '../../../actions/notify/template.js';

const values = Object.fromEntries(Object.keys(FIELD_NAMES).map((k) => [k, `<${k}>`])) as FieldValues;

describe('template', () => {
  it('substitutes named fields, with or without spaces, and keeps the rest verbatim', () => {
    const t = parseTemplate('{{release}} to {{ environment }} {x} }} {{');
    expect(t && renderTemplate(t, values)).toBe('<release> to <environment> {x} }} {{');
  });

  it('passes only the values through the escape, not the template text', () => {
    const t = parseTemplate('<{{ run_url }}|run>');
    expect(t && renderTemplate(t, values, (v) => v.toUpperCase())).toBe('<<RUN_URL>|run>');
  });

  it('refuses anything that is not a listed name: no expressions', () => {
    for (const bad of ['{{ constructor }}', '{{ release.length }}', '{{ toString() }}', '{{ }}']) {
      expect(() => parseTemplate(bad)).toThrow(/Input 'template': has an unknown placeholder/);
    }
  });
});

describe('send helpers', () => {
  it("signs like GitHub's webhooks (the example in GitHub's 'Validating webhook deliveries')", () => {
    expect(signBody('Hello, World!', "It's a Secret to Everybody")).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Fri, 04 Dec 2026 10:00:30 GMT', Date.parse('2026-12-04T10:00:00Z'))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
