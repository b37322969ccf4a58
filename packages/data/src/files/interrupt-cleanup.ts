import { rmSync } from 'node:fs';

type Cleanup = () => void | Promise<void>;
const pending = new Set<Cleanup>();
const signals = ['SIGINT', 'SIGTERM'] as const;
/** How long cleanups may take: a cancelled job gets SIGTERM ~7.5 s after SIGINT. */
const cleanupMs = 5_000;

/**
 * Run `cleanup` if the process is interrupted before the returned function is called. A cancelled
 * job gets SIGINT then SIGTERM, and `finally` blocks never run then. Once the cleanups are done (or
 * 5 s have passed) the signal is raised again, so the process ends as it would have.
 */
export function onInterrupt(cleanup: Cleanup): () => void {
  install();
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

/** Run `work`, removing `path` (recursively) if the process is interrupted meanwhile. */
export async function removedIfInterrupted<T>(path: string, work: () => Promise<T>): Promise<T> {
  const done = onInterrupt(() => rmSync(path, { recursive: true, force: true }));
  try {
    return await work();
  } finally {
    done();
  }
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of signals) {
    const handler = () => {
      const cleanups = [...pending];
      pending.clear();
      const settle = Promise.allSettled(cleanups.map(async (cleanup) => cleanup()));
      const timeout = new Promise((resolve) => setTimeout(resolve, cleanupMs).unref());
      void Promise.race([settle, timeout]).then(() => {
        process.off(signal, handler);
        // With no other listener left, the default action ends the process as the signal asked.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, handler);
  }
}
