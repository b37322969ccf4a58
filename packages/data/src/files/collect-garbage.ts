import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' }) => void;
let collect: Collect | undefined | null;

/**
 * A streamed transfer allocates a fresh buffer per network or file chunk, outside V8's heap. V8
 * frees them only when a collection runs, which its small heap rarely asks for: a 2 GB pull through
 * the registry peaked at 257 MB, most of it dead buffers. A full collection every `bytes` (a few ms
 * on this heap) frees them: 2 GB register/pull 237/257 -> 163/167 MB (a minor one: 177/199 MB, as
 * buffers that wait across awaits are already old). Returns a function to call with each chunk's
 * length. Without --expose-gc available it does nothing.
 */
export function collectGarbageEvery(bytes: number): (length: number) => void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  let since = 0;
  return (length) => {
    since += length;
    if (since < bytes || !collect) return;
    since = 0;
    collect({ type: 'major', execution: 'sync' });
  };
}
