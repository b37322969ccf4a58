import { z } from 'zod';

export const flattenedParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
