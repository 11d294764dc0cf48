// The `checks` input's schema: a module of its own so that zod loads only when `checks` is given
// (a plain `url` list is the common case, and zod is most of a cold start's extra cost).
import { z } from 'zod';
import { parseDuration } from '../../lib/duration.js';
import { errorMessage } from '../../lib/errors.js';
import { parseRegex } from './expectations.js';
import { parseStatusSpec, type StatusExpectation } from './status.js';

const statusSpec = z
  .union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))])
  .transform((v, ctx): StatusExpectation => {
    try {
      return parseStatusSpec(v);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: errorMessage(error) });
      return z.NEVER;
    }
  });

const duration = z.union([z.string(), z.number()]).transform((v, ctx): number => {
  const ms = parseDuration(String(v));
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${v}' is not a duration such as 500ms, 10s or 1m` });
    return z.NEVER;
  }
  return ms;
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const checkSchema = z.strictObject({
  name: z.string().trim().min(1).optional(),
  url: z.string(),
  method: z
    .string()
    .transform((m) => m.trim().toUpperCase())
    .refine((m) => /^[A-Z]+$/.test(m), 'must be an HTTP method such as GET, HEAD or POST')
    .optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  status: statusSpec.optional(),
  'body-contains': z.union([z.string(), z.array(z.string())]).optional(),
  'body-regex': z
    .string()
    .transform((v, ctx) => {
      try {
        return parseRegex(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: errorMessage(error) });
        return z.NEVER;
      }
    })
    .optional(),
  'json-equals': z.record(z.string(), scalar).optional(),
  'max-latency': duration.optional(),
  'follow-redirects': z.boolean().optional(),
  'request-timeout': duration.optional(),
});
export type CheckEntry = z.output<typeof checkSchema>;

export const checksSchema = z.array(checkSchema).min(1, 'give at least one check');
