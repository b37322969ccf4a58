// Starting a drift reader thread (read-worker-entry.ts, or the bundle itself): exact samples of a
// file, or the profile of part of one. The first message is the result; the thread then ends.

import { Worker, type ResourceLimits } from 'node:worker_threads';
import { withCompileCache } from '../worker-entry-url.ts';

export interface Thread<T> {
  /** What the thread posts; rejects when it dies before posting. */
  result: Promise<T>;
  /** Ends the thread, its result no longer wanted. */
  stop(): void;
}

/** `what` names the thread in a failure: "a drift reader thread", "a profiling thread". */
export function startThread<T>(what: string, script: URL, job: object, resourceLimits?: ResourceLimits): Thread<T> {
  const worker = new Worker(withCompileCache(script), { workerData: job, ...(resourceLimits ? { resourceLimits } : {}) });
  const result = new Promise<T>((resolve, reject) => {
    let settled = false;
    worker.once('message', (message: T) => {
      settled = true;
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => {
      if (!settled) reject(new Error(`${what} failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${what} exited with code ${code} before posting`));
    });
  });
  // A stopped thread's result is no longer wanted: its rejection must not go unhandled.
  const stop = () => {
    result.catch(() => {});
    void worker.terminate();
  };
  return { result, stop };
}
