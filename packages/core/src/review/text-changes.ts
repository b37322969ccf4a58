import type { MetricsSnapshot } from '../metrics/snapshot.ts';

/** A string value of a metrics file that differs between base and head: shown, never compared or gated. */
export interface TextChange {
  name: string;
  base: string | null;
  head: string | null;
  /** With several metrics files: the file, and the name inside it (`name` is `file:metric`). */
  file?: string;
  metric?: string;
}

/**
 * The string leaves that differ, as `dvc metrics diff` lists them (old and new, no delta): changed,
 * or present on one side only when the other side's file exists. Head order first.
 */
export function textChanges(base: MetricsSnapshot | undefined, head: MetricsSnapshot): TextChange[] {
  if (!base) return [];
  const texts = (snapshot: MetricsSnapshot) => new Map(snapshot.skipped.filter((leaf) => leaf.text !== undefined).map((leaf) => [leaf.name, leaf.text!]));
  const before = texts(base);
  const after = texts(head);
  const changes: TextChange[] = [];
  for (const [name, text] of after) if (before.get(name) !== text) changes.push({ name, base: before.get(name) ?? null, head: text });
  for (const [name, text] of before) if (!after.has(name)) changes.push({ name, base: text, head: null });
  return changes;
}
