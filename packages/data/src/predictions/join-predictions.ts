import { InputError, type LabelColumn, canonicalLabel, labelKind } from '@modelgate/core';
import { type RawPredictions, labelTexts } from './load-predictions.ts';

/**
 * Reorder `head` so its row i is the row with the same id as base row i. Both files must hold the
 * same ids, each once, and the same label for each id; any mismatch is one InputError line.
 */
export function alignById(base: RawPredictions, head: RawPredictions, idColumn: string): RawPredictions {
  const baseIds = base.ids!;
  const headIds = head.ids!;
  const headRow = new Map<string, number>();
  headIds.forEach((id, i) => {
    if (headRow.has(id)) throw new InputError(`${head.path}: id ${JSON.stringify(id)} appears twice in ${idColumn} (rows ${headRow.get(id)! + 1} and ${i + 1})`);
    headRow.set(id, i);
  });
  const seen = new Set<string>();
  const order = new Int32Array(baseIds.length);
  const missing: string[] = [];
  baseIds.forEach((id, i) => {
    if (seen.has(id)) throw new InputError(`${base.path}: id ${JSON.stringify(id)} appears twice in ${idColumn} (row ${i + 1} and an earlier row)`);
    seen.add(id);
    const row = headRow.get(id);
    if (row === undefined) missing.push(id);
    else order[i] = row;
  });
  const extra = headIds.filter((id) => !seen.has(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `${missing.length} id${missing.length > 1 ? 's' : ''} of the base file missing from the head file (first: ${JSON.stringify(missing[0])})` : '',
      extra.length > 0 ? `${extra.length} id${extra.length > 1 ? 's' : ''} only in the head file (first: ${JSON.stringify(extra[0])})` : '',
    ].filter(Boolean);
    throw new InputError(`${base.path} and ${head.path} do not hold the same evaluation rows by ${idColumn}: ${parts.join('; ')}`);
  }
  const aligned = reorder(head, order);
  checkSameLabels(base, aligned, idColumn);
  return aligned;
}

function reorder(raw: RawPredictions, order: Int32Array): RawPredictions {
  const pick = <T extends Float64Array | Int32Array>(values: T): T => {
    const out = new (values.constructor as new (n: number) => T)(order.length);
    for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!;
    return out;
  };
  const out: RawPredictions = { ...raw };
  if (raw.truthLabels) out.truthLabels = { ...raw.truthLabels, codes: pick(raw.truthLabels.codes) };
  if (raw.predictedLabels) out.predictedLabels = { ...raw.predictedLabels, codes: pick(raw.predictedLabels.codes) };
  if (raw.truthNumbers) out.truthNumbers = pick(raw.truthNumbers);
  if (raw.predictedNumbers) out.predictedNumbers = pick(raw.predictedNumbers);
  if (raw.score) out.score = pick(raw.score);
  if (raw.proba) {
    const k = raw.proba.classes.length;
    const values = new Float64Array(order.length * k);
    for (let i = 0; i < order.length; i++) values.set(raw.proba.values.subarray(order[i]! * k, order[i]! * k + k), i * k);
    out.proba = { ...raw.proba, values };
  }
  if (raw.ids) out.ids = Array.from(order, (i) => raw.ids![i]!);
  if (raw.slices) out.slices = { ...raw.slices, codes: pick(raw.slices.codes) };
  return out;
}

/** Labels are compared as evaluate reads them: "1" and "1.0", or "True" and "true", are one class. */
function checkSameLabels(base: RawPredictions, head: RawPredictions, idColumn: string): void {
  const n = base.rows;
  const kind = labelKind([...labelTexts(base), ...labelTexts(head)]);
  const canonical = (column: LabelColumn) => column.keys.map((key) => canonicalLabel(key, kind));
  const baseKeys = base.truthLabels && canonical(base.truthLabels);
  const headKeys = head.truthLabels && canonical(head.truthLabels);
  for (let i = 0; i < n; i++) {
    const same = baseKeys ? baseKeys[base.truthLabels!.codes[i]!] === headKeys![head.truthLabels!.codes[i]!] : base.truthNumbers![i] === head.truthNumbers![i];
    if (!same) {
      const a = base.truthLabels ? base.truthLabels.keys[base.truthLabels.codes[i]!] : base.truthNumbers![i];
      const b = head.truthLabels ? head.truthLabels.keys[head.truthLabels.codes[i]!] : head.truthNumbers![i];
      throw new InputError(`${base.path} and ${head.path} disagree on the label of ${idColumn} ${JSON.stringify(base.ids![i])}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}; compare needs both models evaluated on the same labelled rows`);
    }
  }
}
