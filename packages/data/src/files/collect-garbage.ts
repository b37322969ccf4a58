import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor'; execution: 'sync' }) => void;
let collect: Collect | undefined | null;

/**
 * A streamed transfer allocates a fresh buffer per network or file chunk, outside V8's heap. V8
 * frees them only when a collection runs, which its small heap rarely asks for: a 2 GB transfer
 * through the registry held 210 MB, most of it dead buffers. A collection every `bytes` frees them.
 * Measured on 2 GiB through the fake GitHub API (register / pull, time and peak RSS): a major
 * collection every 32 MB 9.0-9.4 s, 165 MB / 7.9-8.3 s, 165 MB (1.6 s of the pull in the collector);
 * a minor one every 16 MB 5.8-6.1 s, 161 MB (pull); every 4 MB 8.0-8.5 s, 130 MB / 6.2 s, 135 MB;
 * every 2 MB 131 MB, no faster. A scavenge of a young generation that holds only a few MB of
 * wrappers costs well under a millisecond, so often and minor wins on both counts. Returns a
 * function to call with each chunk's length; without --expose-gc it does nothing.
 */
export function collectGarbageEvery(bytes: number): (length: number) => void {
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
    collect({ type: 'minor', execution: 'sync' });
  };
}
