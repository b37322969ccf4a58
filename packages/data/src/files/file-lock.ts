import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { InputError } from '@modelgate/core';

export interface FileLockOptions {
  /** Give up after this long (default 60 s): a registry operation holds the lock for milliseconds. */
  timeoutMs?: number;
  /** What the lock protects, for the timeout message. */
  what?: string;
}

/**
 * Run `fn` holding an exclusive lock: a file created with O_EXCL, which two processes cannot both
 * create. The file names its holder (pid, host, time, a random token); a lock whose holder process
 * is gone on this host is stale and taken over, so a killed run never blocks the next one.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const owner = `${process.pid} ${hostname()} ${new Date().toISOString()} ${randomBytes(8).toString('hex')}\n`;
  let wait = 5;
  for (;;) {
    if (await tryCreate(lockPath, owner)) break;
    const holder = await readFile(lockPath, 'utf8').catch(() => '');
    if (isStale(holder)) {
      await takeOverStale(lockPath, holder);
      continue;
    }
    if (Date.now() > deadline) {
      const [pid, host, since] = holder.trim().split(' ');
      throw new InputError(`${options.what ?? lockPath} is locked by process ${pid ?? '?'} on ${host ?? '?'} since ${since ?? '?'}; if no modelgate is running there, remove ${lockPath}`);
    }
    // Jittered backoff: two waiters must not retry in lockstep.
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 100);
  }
  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it cannot have been taken over while we live).
    if ((await readFile(lockPath, 'utf8').catch(() => '')) === owner) await rm(lockPath, { force: true });
  }
}

async function tryCreate(lockPath: string, owner: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(owner);
  } finally {
    await handle.close();
  }
  return true;
}

// Two waiters may find the same stale lock. Taking it over is itself guarded by an O_EXCL file, so
// one waiter at a time re-reads the lock and removes it only if it still holds the stale owner: a
// live lock another waiter created meanwhile is never touched. A guard left by a process that died
// mid-takeover is stale in its turn and removed the same way.
async function takeOverStale(lockPath: string, staleHolder: string): Promise<void> {
  const guard = `${lockPath}.takeover`;
  if (!(await tryCreate(guard, `${process.pid} ${hostname()} ${new Date().toISOString()}\n`))) {
    if (isStale(await readFile(guard, 'utf8').catch(() => ''))) await rm(guard, { force: true });
    return;
  }
  try {
    if ((await readFile(lockPath, 'utf8').catch(() => '')) === staleHolder) await rm(lockPath, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

// Stale: written by a process of this host that no longer exists. A lock being written right now
// (empty file) and locks of other hosts are never taken over.
function isStale(holder: string): boolean {
  const [pid, host] = holder.trim().split(' ');
  if (!pid || host !== hostname() || !/^\d+$/.test(pid)) return false;
  return !processAlive(Number(pid));
}

/** Whether process `pid` of this host exists (one we may not signal counts as existing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
