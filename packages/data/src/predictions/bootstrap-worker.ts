// Worker entry for runBootstrap: computes resamples [from, to) of every dataset and posts the
// tables back (their buffers transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { computeResamples } from '@modelgate/core';
import type { BootstrapJob } from './run-bootstrap.ts';

const job = workerData as BootstrapJob;
const tables = computeResamples(job.datasets, job.seed, job.from, job.to, job.slices);
parentPort!.postMessage(tables, tables.map((table) => table.buffer as ArrayBuffer));
