// Worker entry for runBootstrap: computes resamples [from, to) of every dataset and posts the
// tables back (their buffers transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { type EvaluationData, computeResamples } from '@modelgate/core';

const job = workerData as { datasets: EvaluationData[]; seed: number; from: number; to: number };
const tables = computeResamples(job.datasets, job.seed, job.from, job.to);
parentPort!.postMessage(tables, tables.map((table) => table.buffer as ArrayBuffer));
