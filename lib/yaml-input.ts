// YAML (or JSON) inputs validated by a zod schema. A module of its own so that the stages without
// a YAML input (deploy-ssh, rollback, migrate) do not load the YAML parser at start.
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigurationError } from './errors.js';
import type { Inputs } from './inputs.js';

/** The input `name` parsed as YAML and validated by `schema`; undefined when it was not given. */
export function yamlInput<S extends z.ZodType>(
  inputs: Inputs,
  name: string,
  schema: S,
  example: string,
): z.output<S> | undefined {
  const text = inputs.raw(name);
  if (text === '') return undefined;
  return parseYamlInput(name, text, schema, example);
}

/** Parses `text` as YAML and validates it; errors name the input and the path inside the value. */
export function parseYamlInput<S extends z.ZodType>(
  name: string,
  text: string,
  schema: S,
  example: string,
): z.output<S> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const msg = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(name, `is not valid YAML: ${msg}`, example);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
      .join('; ');
    throw new ConfigurationError(name, `is not valid: ${issues}.`, example);
  }
  return result.data;
}
