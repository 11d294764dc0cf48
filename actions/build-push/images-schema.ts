import { z } from 'zod';

/** The `images` input: a list of images built in order. */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
export const imagesSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1),
      context: z.string().min(1).optional(),
      file: z.string().min(1).optional(),
      target: z.string().min(1).optional(),
      'build-args': z.union([z.record(z.string(), scalar), z.array(z.string())]).optional(),
      tags: z.union([z.string(), z.array(z.string())]).optional(),
    }),
  )
  .min(1, 'give at least one image');

export type ImagesInput = z.output<typeof imagesSchema>;
