import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs, runnerInputs, splitList } from '../../../lib/inputs.js';
import { parseYamlInput, yamlInput } from '../../../lib/yaml-input.js';
import { captureStdout } from '../../helpers/capture-stdout.js';

const inputs = (record: Record<string, string>): Inputs => new Inputs(recordInputs(record));

/** The ConfigurationError `fn` throws, checked to name `input`. */
function configError(input: string, fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).input).toBe(input);
    expect((error as ConfigurationError).message.startsWith(`Input '${input}': `)).toBe(true);
    return (error as ConfigurationError).message;
  }
  throw new Error(`expected a ConfigurationError for '${input}'`);
}

describe('input readers', () => {
  afterEach(() => {
    delete process.env['INPUT_MY-INPUT'];
  });

  it('runnerInputs reads INPUT_<NAME> as the runner sets it (dashes kept), trimmed', () => {
    process.env['INPUT_MY-INPUT'] = '  value  ';
    expect(runnerInputs('my-input')).toBe('value');
    expect(runnerInputs('missing-input')).toBe('');
  });

  it('recordInputs trims and treats undefined as absent', () => {
    const read = recordInputs({ a: '  x ', b: undefined });
    expect([read('a'), read('b'), read('c')]).toEqual(['x', '', '']);
  });
});

describe('Inputs', () => {
  it('raw and has', () => {
    const i = inputs({ a: 'x', empty: '' });
    expect([i.raw('a'), i.raw('empty'), i.has('a'), i.has('empty'), i.has('none')]).toEqual([
      'x',
      '',
      true,
      false,
      false,
    ]);
  });

  it('string: the value, the default, or an error with the example', () => {
    expect(inputs({ host: 'h' }).string('host')).toBe('h');
    expect(inputs({}).string('host', { default: 'd' })).toBe('d');
    expect(inputs({}).string('host', { default: '' })).toBe('');
    expect(configError('host', () => inputs({}).string('host', { example: 'example.com' }))).toBe(
      "Input 'host': is required but was not given.\n  For example:\n    host: example.com",
    );
    expect(configError('host', () => inputs({}).string('host'))).toBe(
      "Input 'host': is required but was not given.",
    );
  });

  it('optionalString', () => {
    expect(inputs({ a: 'x' }).optionalString('a')).toBe('x');
    expect(inputs({}).optionalString('a')).toBeUndefined();
  });

  it('secret: masks the value (and each line) as soon as it is read', async () => {
    let value: string | undefined;
    const out = await captureStdout(() => {
      value = inputs({ 'private-key': 'line-one\nline-two' }).secret('private-key');
    });
    expect(value).toBe('line-one\nline-two');
    expect(out).toEqual(['::add-mask::line-one%0Aline-two', '::add-mask::line-one', '::add-mask::line-two']);
  });

  it('secret: absent is undefined, or an error pointing at a repository secret when required', async () => {
    expect(inputs({}).secret('token')).toBeUndefined();
    expect(configError('api-token', () => inputs({}).secret('api-token', { required: true }))).toBe(
      "Input 'api-token': is required but was not given. Store the value as a repository or environment secret.\n" +
        `  For example:\n    api-token: \${{ secrets.API_TOKEN }}`,
    );
  });

  it('boolean: strictly true or false, any case', () => {
    expect(inputs({ a: 'TRUE', b: 'False' }).boolean('a', false)).toBe(true);
    expect(inputs({ a: 'TRUE', b: 'False' }).boolean('b', true)).toBe(false);
    expect(inputs({}).boolean('a', true)).toBe(true);
    for (const v of ['yes', '1', 'on', 'tru']) {
      expect(configError('dry-run', () => inputs({ 'dry-run': v }).boolean('dry-run', false))).toBe(
        `Input 'dry-run': must be 'true' or 'false', got '${v}'.\n  For example:\n    dry-run: true`,
      );
    }
  });

  it('integer: whole numbers within the range', () => {
    expect(inputs({ n: '42' }).integer('n', 1)).toBe(42);
    expect(inputs({ n: '-3' }).integer('n', 1)).toBe(-3);
    expect(inputs({}).integer('n', 7)).toBe(7);
    expect(configError('n', () => inputs({ n: '1.5' }).integer('n', 1))).toBe(
      "Input 'n': must be a whole number, got '1.5'.\n  For example:\n    n: 1",
    );
    expect(configError('n', () => inputs({ n: 'ten' }).integer('n', 1))).toContain("got 'ten'");
    expect(configError('n', () => inputs({ n: '0' }).integer('n', 1, { min: 1, max: 5 }))).toBe(
      "Input 'n': must be between 1 to 5, got 0.\n  For example:\n    n: 1",
    );
    expect(configError('n', () => inputs({ n: '9' }).integer('n', 1, { max: 5 }))).toContain(
      'between -∞ to 5',
    );
  });

  it('duration: units, plain seconds, the default, range in ms', () => {
    expect(inputs({ t: '1m30s' }).duration('t', '5m')).toBe(90_000);
    expect(inputs({ t: '45' }).duration('t', '5m')).toBe(45_000);
    expect(inputs({ t: '250ms' }).duration('t', '5m')).toBe(250);
    expect(inputs({}).duration('t', '5m')).toBe(300_000);
    expect(configError('timeout', () => inputs({ timeout: 'soon' }).duration('timeout', '5m'))).toBe(
      "Input 'timeout': must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got 'soon'.\n" +
        '  For example:\n    timeout: 5m',
    );
    expect(
      configError('timeout', () => inputs({ timeout: '2h' }).duration('timeout', '5m', { max: 3_600_000 })),
    ).toContain('must be between -∞ms to 3600000ms, got 7200000ms.');
  });

  it('choice: one of the values, any case', () => {
    expect(inputs({ s: 'Compose' }).choice('s', ['compose', 'swarm'])).toBe('compose');
    expect(inputs({ m: 'post' }).choice('m', ['GET', 'POST'])).toBe('POST');
    expect(inputs({}).choice('s', ['compose', 'swarm'], 'swarm')).toBe('swarm');
    expect(configError('s', () => inputs({}).choice('s', ['compose', 'swarm']))).toBe(
      "Input 's': is required: one of compose, swarm.\n  For example:\n    s: compose",
    );
    expect(configError('s', () => inputs({ s: 'k8s' }).choice('s', ['compose', 'swarm']))).toBe(
      "Input 's': must be one of compose, swarm, got 'k8s'.\n  For example:\n    s: compose",
    );
  });

  it('list: newlines or commas, blanks and # comments dropped', () => {
    expect(inputs({ l: 'a, b\n# c\n\n d ,,e' }).list('l')).toEqual(['a', 'b', 'd', 'e']);
    expect(inputs({}).list('l')).toEqual([]);
    expect(
      configError('hosts', () => inputs({}).list('hosts', { required: true, example: '  web1\n  web2' })),
    ).toBe(
      "Input 'hosts': is required: give one or more values, one per line or separated by commas.\n" +
        '  For example:\n    hosts: |\n      web1\n      web2',
    );
  });

  it('keyValues: KEY=value lines, values may hold = and spaces', () => {
    expect(inputs({ env: 'A=1\n# comment\n\n B = x=y z \nEMPTY=' }).keyValues('env')).toEqual({
      A: '1',
      B: ' x=y z',
      EMPTY: '',
    });
    for (const bad of ['=x', '1A=x', 'NO_EQUALS', 'A-B=1']) {
      expect(configError('env', () => inputs({ env: bad }).keyValues('env'))).toContain(
        `each line must be KEY=value with KEY a valid variable name; got '${bad}'.`,
      );
    }
  });

  it('yaml: absent is undefined; parsed and validated otherwise; errors name the path', () => {
    const schema = z.array(z.strictObject({ name: z.string(), port: z.number().optional() }));
    const i = inputs({
      ok: '- name: a\n  port: 80\n- {name: b}',
      bad: '- name: a\n  port: eighty',
      broken: '- [',
    });
    expect(yamlInput(i, 'none', schema, 'ex')).toBeUndefined();
    expect(yamlInput(i, 'ok', schema, 'ex')).toEqual([{ name: 'a', port: 80 }, { name: 'b' }]);
    expect(configError('bad', () => yamlInput(i, 'bad', schema, 'bad: |\n  - name: a'))).toBe(
      "Input 'bad': is not valid: 0.port: Invalid input: expected number, received string.\n" +
        '  For example:\n    bad: |\n      - name: a',
    );
    expect(configError('broken', () => yamlInput(i, 'broken', schema, 'ex'))).toMatch(
      /^Input 'broken': is not valid YAML: .+\n {2}For example:\n {4}ex$/,
    );
  });

  it('yaml: reports at most five issues, the top level by name', () => {
    const schema = z.array(z.number());
    const msg = configError('n', () => parseYamlInput('n', '[a, b, c, d, e, f, g]', schema, 'n: [1]'));
    expect(msg.match(/Invalid input/g)).toHaveLength(5);
    expect(configError('n', () => parseYamlInput('n', 'x: 1', schema, 'n: [1]'))).toContain(
      '(top level): Invalid input: expected array, received object',
    );
  });
});

describe('splitList', () => {
  it('drops whole comment lines only', () => {
    expect(splitList('a#1\n  # b\nc')).toEqual(['a#1', 'c']);
  });
});
