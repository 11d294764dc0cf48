import { z } from 'zod';
import { ConfigurationError } from '../../lib/errors.js';
import { parseYamlInput } from '../../lib/yaml-input.js';
import { LANGUAGES, SERVICES } from './component.js';

/**
 * `.ops-actions/components.yml` (or the `components` input): components to add, change or skip.
 *
 *   discover: true            # false: only the components listed here
 *   components:
 *     - path: backend         # the folder, relative to working-directory
 *       services: [postgres, redis]
 *       test-command: poetry run pytest -x
 *     - path: tools/legacy
 *       skip: true
 *
 * A bare list of components is accepted too. Unknown keys are errors (a typo must not be ignored).
 */
const version = z
  .string({ error: 'must be a quoted string such as "3.12" (YAML reads 3.10 as the number 3.1)' })
  .min(1)
  .regex(/^[^\s]+$/, 'must be one word such as 20 or 3.12');
const command = z.string();
const serviceName = z.enum(SERVICES);

export const ComponentEntrySchema = z
  .object({
    path: z.string().min(1),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
      .optional(),
    language: z.enum(LANGUAGES).optional(),
    'package-manager': z.enum(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'poetry', 'uv', 'go']).optional(),
    'install-command': command.optional(),
    'test-command': command.optional(),
    'lint-command': command.optional(),
    'typecheck-command': command.optional(),
    'build-command': command.optional(),
    'node-version': version.optional(),
    'python-version': version.optional(),
    'go-version': version.optional(),
    services: z
      .union([z.array(serviceName), z.partialRecord(serviceName, z.string().min(1))], {
        error:
          'must be a list of postgres and redis, e.g. [postgres, redis], or a map to images, e.g. {postgres: pgvector/pgvector:pg16}',
      })
      .optional(),
    paths: z.array(z.string().min(1)).optional(),
    skip: z.boolean().optional(),
  })
  .strict();
export type ComponentEntry = z.output<typeof ComponentEntrySchema>;

/** A bare list is read as `components:`, so errors point at `components.2.language`. */
export const ComponentsConfigSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { components: v } : v),
  z
    .object({
      discover: z.boolean().optional(),
      components: z.array(ComponentEntrySchema).optional(),
    })
    .strict(),
);

export interface ComponentsConfig {
  /** The action input it came from: `config` (the file) or `components` (inline YAML). */
  input: 'config' | 'components';
  discover: boolean;
  components: ComponentEntry[];
  /** Where it came from, for messages: the file path or `the 'components' input`. */
  origin: string;
}

export const CONFIG_EXAMPLE = `components:
    - path: backend
      services: [postgres, redis]
    - path: frontend
      test-command: pnpm run test -- --run`;

/**
 * Parses the config text. `input` is the action input the text came from (`components` or
 * `config`), so errors name it; `origin` says which file. Versions must be strings: YAML reads
 * `python-version: 3.10` as the number 3.1.
 */
export function parseComponentsConfig(
  input: 'config' | 'components',
  text: string,
  origin: string,
): ComponentsConfig {
  let parsed: z.output<typeof ComponentsConfigSchema>;
  try {
    parsed = parseYamlInput(
      input,
      text,
      ComponentsConfigSchema,
      `${input === 'config' ? '' : `${input}: |\n  `}${CONFIG_EXAMPLE}`,
    );
  } catch (error) {
    if (error instanceof ConfigurationError && input === 'config') {
      throw new ConfigurationError(input, `${origin}: ${error.problem}`, error.example);
    }
    throw error;
  }
  return { input, discover: parsed.discover ?? true, components: parsed.components ?? [], origin };
}
