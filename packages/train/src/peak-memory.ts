import { readFileSync, readdirSync } from 'node:fs';

export const peakMemoryMethod =
  'sampled: max over samples of the summed VmRSS of the process tree, and each process VmHWM, read from /proc';

/**
 * Samples the resident memory of a process and all its descendants from /proc (Linux only).
 * The peak is the largest of (a) the tree's summed VmRSS at any sample and (b) any single process's
 * VmHWM (the kernel's own high-water mark) at its last sample, so a single-process training job is
 * measured exactly up to its last sample, and a tree of workers is bounded from below.
 */
export class PeakMemorySampler {
  readonly #rootPid: number;
  readonly #timer: NodeJS.Timeout;
  #peakBytes = 0;
  #sampled = false;

  constructor(rootPid: number, intervalMs: number) {
    this.#rootPid = rootPid;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  /** Whether /proc can be read on this machine at all. */
  static supported(): boolean {
    try {
      readFileSync('/proc/self/status', 'utf8');
      return true;
    } catch {
      return false;
    }
  }

  sample(): void {
    let totalRss = 0;
    for (const pid of processTree(this.#rootPid)) {
      const status = readStatus(pid);
      if (!status) continue;
      totalRss += status.rss;
      this.#peakBytes = Math.max(this.#peakBytes, status.hwm);
      this.#sampled = true;
    }
    this.#peakBytes = Math.max(this.#peakBytes, totalRss);
  }

  /** Stop sampling; the peak in bytes, or null when the process ended before the first sample. */
  stop(): number | null {
    clearInterval(this.#timer);
    return this.#sampled ? this.#peakBytes : null;
  }
}

/** The pid and all its live descendants, through /proc/PID/task/TID/children. */
function processTree(rootPid: number): number[] {
  const pids: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    pids.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited between listing and reading
    }
    for (const tid of tasks) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
          if (child.trim() !== '') queue.push(Number(child));
        }
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return pids;
}

function readStatus(pid: number): { rss: number; hwm: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}
