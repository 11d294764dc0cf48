import * as core from '@actions/core';
import { parseDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import { maskSecret } from './secrets.js';

/** Reads one raw input by its action.yml name; returns '' when it was not given. */
export type InputReader = (name: string) => string;

/** The runner's inputs (`INPUT_<NAME>` variables), trimmed, as `core.getInput` reads them. */
export const runnerInputs: InputReader = (name) => core.getInput(name);

/** Inputs from a plain record — for unit tests and for building inputs in code. */
export function recordInputs(record: Record<string, string | undefined>): InputReader {
  return (name) => (record[name] ?? '').trim();
}

interface Common {
  /** A valid value, shown in the error message. */
  example?: string;
}

/**
 * Typed, validated access to an action's inputs. Every method throws a ConfigurationError that
 * names the input and shows a valid example, so a stage parses all its inputs up front and
 * fails before it touches anything.
 */
export class Inputs {
  constructor(private readonly read: InputReader = runnerInputs) {}

  /** The raw value, '' when absent. */
  raw(name: string): string {
    return this.read(name);
  }

  has(name: string): boolean {
    return this.read(name) !== '';
  }

  string(name: string, opts: Common & { default?: string } = {}): string {
    const v = this.read(name);
    if (v !== '') return v;
    if (opts.default !== undefined) return opts.default;
    throw new ConfigurationError(
      name,
      'is required but was not given.',
      opts.example ? `${name}: ${opts.example}` : undefined,
    );
  }

  optionalString(name: string): string | undefined {
    const v = this.read(name);
    return v === '' ? undefined : v;
  }

  /** A secret: masked in the log as soon as it is read (every line of a multi-line value too). */
  secret(name: string, opts: Common & { required?: boolean } = {}): string | undefined {
    const v = this.read(name);
    if (v === '') {
      if (opts.required) {
        throw new ConfigurationError(
          name,
          'is required but was not given. Store the value as a repository or environment secret.',
          `${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}`,
        );
      }
      return undefined;
    }
    maskSecret(v);
    return v;
  }

  /** Strictly `true` or `false` (any case); anything else is an error, not a guess. */
  boolean(name: string, defaultValue: boolean): boolean {
    const v = this.read(name);
    if (v === '') return defaultValue;
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
    throw new ConfigurationError(name, `must be 'true' or 'false', got '${v}'.`, `${name}: ${!defaultValue}`);
  }

  integer(name: string, defaultValue: number, opts: { min?: number; max?: number } = {}): number {
    const v = this.read(name);
    if (v === '') return defaultValue;
    if (!/^-?\d+$/.test(v)) {
      throw new ConfigurationError(name, `must be a whole number, got '${v}'.`, `${name}: ${defaultValue}`);
    }
    const n = Number(v);
    checkRange(name, n, opts, String(defaultValue));
    return n;
  }

  /** A duration such as `30s`, `5m`, `1m30s`, `500ms` or a plain number of seconds; returns ms. */
  duration(name: string, defaultValue: string, opts: { min?: number; max?: number } = {}): number {
    const v = this.read(name) || defaultValue;
    const ms = parseDuration(v);
    if (ms === undefined) {
      throw new ConfigurationError(
        name,
        `must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got '${v}'.`,
        `${name}: ${defaultValue}`,
      );
    }
    checkRange(name, ms, opts, defaultValue, 'ms');
    return ms;
  }

  choice<T extends string>(name: string, values: readonly T[], defaultValue?: T): T {
    const v = this.read(name);
    if (v === '') {
      if (defaultValue !== undefined) return defaultValue;
      throw new ConfigurationError(
        name,
        `is required: one of ${values.join(', ')}.`,
        `${name}: ${values[0]}`,
      );
    }
    const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (found === undefined) {
      throw new ConfigurationError(
        name,
        `must be one of ${values.join(', ')}, got '${v}'.`,
        `${name}: ${values[0]}`,
      );
    }
    return found;
  }

  /** A list separated by newlines or commas; blank items and `#` comment lines are dropped. */
  list(name: string, opts: Common & { required?: boolean } = {}): string[] {
    const items = splitList(this.read(name));
    if (items.length === 0 && opts.required) {
      throw new ConfigurationError(
        name,
        'is required: give one or more values, one per line or separated by commas.',
        opts.example ? `${name}: |\n${opts.example}` : undefined,
      );
    }
    return items;
  }

  /** `KEY=value` lines (values may contain `=`); keys must be valid environment variable names. */
  keyValues(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of this.read(name).split(/\r?\n/)) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      const key = eq > 0 ? t.slice(0, eq).trim() : '';
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        throw new ConfigurationError(
          name,
          `each line must be KEY=value with KEY a valid variable name; got '${t.slice(0, 40)}'.`,
          `${name}: |\n  APP_ENV=production\n  LOG_LEVEL=info`,
        );
      }
      out[key] = t.slice(eq + 1);
    }
    return out;
  }
}

export function splitList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function checkRange(
  name: string,
  n: number,
  { min, max }: { min?: number; max?: number },
  example: string,
  unit = '',
): void {
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    const range = `${min ?? '-∞'}${unit} to ${max ?? '∞'}${unit}`;
    throw new ConfigurationError(name, `must be between ${range}, got ${n}${unit}.`, `${name}: ${example}`);
  }
}
