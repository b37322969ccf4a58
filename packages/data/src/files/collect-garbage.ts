import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' }) => void;
let collect: Collect | undefined | null;

/**
 * A streamed transfer allocates a fresh buffer per network or file chunk, outside V8's heap. V8
 * frees them only when a collection runs, which its small heap rarely asks for: a 2 GB transfer
 * through the registry held 210 MB, most of it dead buffers. A collection every `bytes` frees them.
 * Measured on 2 GiB (register / pull, peak RSS and time): none 210 / 210 MB, 11.8 / 9.6 s; minor
 * 162 / 190 MB, 9.6 / 9.7 s; major 157 / 163 MB, 11.3 / 9.0 s. So: minor for file chunks that die
 * young (packing), major for network chunks that wait across awaits and age (unpacking). Returns a
 * function to call with each chunk's length; without --expose-gc it does nothing.
 */
export function collectGarbageEvery(bytes: number, type: 'minor' | 'major'): (length: number) => void {
  if (collect === undefined) {
    try {
      // Node documents setting V8 flags after start-up as unsupported; --expose-gc is read when a
      // context is created, so it takes effect in the new vm context only and changes nothing in
      // this one. If a future V8 ignores it, `gc` is undefined: the transfer still works, with
      // the higher peak memory measured above.
      setFlagsFromString('--expose-gc');
      collect = (runInNewContext('typeof gc === "function" ? gc : null') as Collect | null);
    } catch {
      collect = null;
    }
  }
  let since = 0;
  return (length) => {
    since += length;
    if (since < bytes || !collect) return;
    since = 0;
    collect({ type, execution: 'sync' });
  };
}
