import { Readable } from 'node:stream';
import { request } from 'undici';
import { envProxyAgent } from './proxy-agent.ts';

const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

/**
 * A fetch for octokit's release asset transfers, built on undici's `request`. Node's global fetch
 * reads an async-iterable body ahead of the socket without bound (a 1.5 GB upload held 1.6 GB of
 * memory); undici's `request` pulls the next chunk only when the socket took the last one (150 MB).
 * Downloads come back as Node streams under the same API. Redirects are followed as fetch does, and
 * the token is dropped when one leads to another host (GitHub sends asset downloads to storage).
 * Everything else octokit does (auth header, errors, throttling) is unchanged.
 */
export function streamingFetch(env: Record<string, string | undefined>): typeof fetch {
  const dispatcher = envProxyAgent(env);
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    let url = new URL(String(input));
    let method = init?.method ?? 'GET';
    let headers = { ...(init?.headers as Record<string, string> | undefined) };
    let body = toBody(init?.body);
    for (let hop = 0; ; hop++) {
      const answer = await request(url, {
        method: method as 'GET',
        headers,
        // An async iterable goes to undici as it is: a Readable in between would read ahead.
        body: body as string | null,
        ...(init?.signal ? { signal: init.signal } : {}),
        ...(dispatcher ? { dispatcher } : {}),
      });
      const location = answer.headers.location;
      if (redirects.has(answer.statusCode) && typeof location === 'string' && init?.redirect !== 'manual' && hop < maxRedirects) {
        await answer.body.dump();
        const next = new URL(location, url);
        if (next.origin !== url.origin) headers = withoutAuthorization(headers);
        if (answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = null;
        }
        url = next;
        continue;
      }
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) for (const one of [value].flat()) if (one !== undefined) responseHeaders.append(name, one);
      const empty = answer.statusCode === 204 || answer.statusCode === 304;
      if (empty) await answer.body.dump();
      const stream = empty ? null : lazyWebStream(answer.body);
      if (stream) nodeStreams.set(stream, answer.body);
      const response = new Response(stream, { status: answer.statusCode, headers: responseHeaders });
      Object.defineProperty(response, 'url', { value: url.href });
      return response;
    }
  }) as typeof fetch;
}

const nodeStreams = new WeakMap<object, Readable>();

/**
 * The Node stream behind a response body this fetch made, to read a download without web streams
 * (their per-chunk promises doubled the time and the garbage of a 2 GB pull); undefined otherwise.
 */
export function nodeStreamOf(body: unknown): Readable | undefined {
  return typeof body === 'object' && body !== null ? nodeStreams.get(body) : undefined;
}

// A web stream that reads the Node stream only when pulled (highWaterMark 0), so a caller that reads
// the Node stream itself (nodeStreamOf) never has a second reader competing for its chunks.
function lazyWebStream(readable: Readable): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= readable[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel(reason) {
        readable.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function toBody(body: RequestInit['body'] | undefined): string | Uint8Array | AsyncIterable<Uint8Array> | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array || Symbol.asyncIterator in (body as object)) return body as string | Uint8Array | AsyncIterable<Uint8Array>;
  throw new TypeError('streamingFetch sends strings, bytes and async iterables');
}
