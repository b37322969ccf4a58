import { z } from 'zod';
import { registryVersionSchema } from './records.ts';

/** How a version's files are stored as release assets: one tar archive, in numbered parts when large. */
export const archiveLayoutSchema = z.strictObject({
  format: z.literal('tar'),
  /** Bytes of the whole archive (the parts joined). */
  bytes: z.number().int().nonnegative(),
  /** Asset names in the order they are joined. */
  parts: z.array(z.strictObject({ name: z.string().min(1), bytes: z.number().int().nonnegative() })).min(1),
});
export type ArchiveLayout = z.infer<typeof archiveLayoutSchema>;

/** What a version's release notes carry for the registry to read back without downloading assets. */
export const releaseRecordSchema = z.strictObject({
  schema: z.literal('modelgate.registry-release/v1'),
  version: registryVersionSchema,
  archive: archiveLayoutSchema,
});
export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;

const markerStart = '<!-- modelgate:registry-version ';
const markerEnd = ' -->';

/**
 * The hidden marker appended to the model card. JSON inside an HTML comment: `<`, `>` and `&` are
 * written as \u escapes so no value can close the comment or inject markup.
 */
export function releaseMarker(record: ReleaseRecord): string {
  const json = JSON.stringify(record).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${markerStart}${json}${markerEnd}`;
}

/**
 * The record in release notes, or null when the notes carry none (a release modelgate did not
 * write) or one that does not parse (edited by hand): such releases are not registry versions.
 */
export function readReleaseMarker(body: string | null | undefined): ReleaseRecord | null {
  if (!body) return null;
  const start = body.lastIndexOf(markerStart);
  if (start < 0) return null;
  const end = body.indexOf(markerEnd, start + markerStart.length);
  if (end < 0) return null;
  try {
    const parsed = releaseRecordSchema.safeParse(JSON.parse(body.slice(start + markerStart.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
