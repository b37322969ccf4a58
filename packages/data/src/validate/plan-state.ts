import { parentPort } from 'node:worker_threads';
import type { ValidationPlan } from '@modelgate/core';

/** Posts a worker's validator state to the main thread, moving (not copying) the typed arrays. */
export function postPlanState(plan: ValidationPlan, extra: Record<string, unknown>): void {
  const columns = plan.columns.map(({ validator }) => validator.snapshot());
  const compound = plan.compound.map((group) => group.snapshot());
  const transfer = [
    ...columns.flatMap((c) => (c.unique ? [c.unique.table.buffer, ...(c.unique.dense ? [c.unique.dense.counts.buffer, c.unique.dense.firstRows.buffer] : [])] : [])),
    ...compound.map(({ counter }) => counter.table.buffer),
  ];
  parentPort!.postMessage({ ok: true, ...extra, columns, compound }, transfer as ArrayBuffer[]);
}
