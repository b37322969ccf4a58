import { z } from 'zod';

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>');
const timestamp = z.iso.datetime({ offset: true });

/**
 * One immutable version of a model. `digest` is train's model digest (see `fileListText`), so the
 * registry, `modelgate train` and `sha256sum` agree on what a version is.
 */
export const registryVersionSchema = z.strictObject({
  name: z.string(),
  version: z.number().int().positive(),
  digest,
  created_at: timestamp,
  /** Who registered it: the workflow actor in Actions, the local user elsewhere. */
  registered_by: z.string().nullable(),
  /** The workflow run that registered it (URL), or null outside Actions. */
  source_run: z.string().nullable(),
  /** The commit the model was trained at (the manifest's lineage), when known. */
  commit: z.string().nullable(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Numeric metrics, flattened (`recall[plan=pro]` for slices); null when none were given. */
  metrics: z.record(z.string(), z.number()).nullable(),
  /** 95% bootstrap intervals of those metrics, from `modelgate evaluate --bootstrap`. */
  intervals: z.record(z.string(), z.tuple([z.number(), z.number()])).nullable(),
});
export type RegistryVersion = z.infer<typeof registryVersionSchema>;

export const stageActionSchema = z.enum(['promote', 'rollback']);
export type StageAction = z.infer<typeof stageActionSchema>;

/** One change of the version a stage points to, in the order the registry recorded them. */
export const stageEventSchema = z.strictObject({
  stage: z.string(),
  version: z.number().int().positive(),
  digest,
  /** The stage's holder just before this change (null when the stage was empty). */
  previous_version: z.number().int().positive().nullable(),
  action: stageActionSchema,
  at: timestamp,
  by: z.string().nullable(),
  reason: z.string().nullable(),
  /** Who approved the workflow run for this stage's environment (GitHub's run approvals). */
  approved_by: z.array(z.string()),
  source_run: z.string().nullable(),
});
export type StageEvent = z.infer<typeof stageEventSchema>;

/** Everything the registry knows about one model: its versions and every stage change, oldest first. */
export interface ModelState {
  name: string;
  versions: RegistryVersion[];
  events: StageEvent[];
}

/** The embedded store's one file, `.modelgate/registry/registry.json`. */
export const localRegistryFileSchema = z.strictObject({
  schema: z.literal('modelgate.registry/v1'),
  models: z.record(
    z.string(),
    z.strictObject({
      versions: z.array(registryVersionSchema),
      events: z.array(stageEventSchema),
    }),
  ),
});
export type LocalRegistryFile = z.infer<typeof localRegistryFileSchema>;
