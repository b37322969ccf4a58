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

/** GitHub refuses release notes over 125,000 characters. */
export const releaseNotesLimit = 125_000;
/** The record's share of the notes: beyond it, slice metrics are left to the metrics.json asset. */
const markerBudget = 20_000;

/**
 * The release notes of a version: its model card, then the hidden record. A record whose metrics
 * would crowd the notes (hundreds of slices) keeps only the top-level metrics; the full file is the
 * release's metrics.json asset. The card gets whatever room is left.
 */
export function releaseNotes(record: ReleaseRecord, renderCard: (maxLength: number) => string): string {
  let marker = releaseMarker(record);
  if (marker.length > markerBudget) {
    const keep = (name: string) => !name.includes('[');
    const { metrics, intervals } = record.version;
    const version = {
      ...record.version,
      metrics: metrics ? Object.fromEntries(Object.entries(metrics).filter(([name]) => keep(name))) : null,
      intervals: intervals ? Object.fromEntries(Object.entries(intervals).filter(([name]) => keep(name))) : null,
    };
    marker = releaseMarker({ ...record, version });
  }
  return `${renderCard(releaseNotesLimit - marker.length - 2)}\n${marker}\n`;
}
