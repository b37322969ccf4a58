// Streams bytes to a release's `upload_url` with plain fetch, as a registry client does, and reads
// an asset back through the API's `Accept: application/octet-stream` redirect.
import { createHash } from 'node:crypto';

export interface UploadOptions {
  name: string;
  /** Raw bytes, or a stream of exactly `size` bytes. */
  body: Uint8Array | AsyncIterable<Uint8Array>;
  size?: number;
  contentType?: string;
  token?: string;
}

export function uploadTo(uploadUrl: string, options: UploadOptions): Promise<Response> {
  const url = uploadUrl.replace('{?name,label}', `?name=${encodeURIComponent(options.name)}`);
  const size = options.size ?? (options.body as Uint8Array).byteLength;
  const body = options.body instanceof Uint8Array ? options.body : ReadableStream.from(options.body);
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `token ${options.token ?? 'ghs_test'}`, 'content-type': options.contentType ?? 'application/octet-stream', 'content-length': String(size) },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** `total` bytes in 1 MiB chunks of a repeating pattern, hashed as they are produced. */
export function patternedBytes(total: number): { chunks: AsyncIterable<Uint8Array>; digest: () => string } {
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) % 251;
  const hash = createHash('sha256');
  let digest: string | undefined;
  return {
    chunks: (async function* () {
      for (let sent = 0; sent < total; sent += chunk.length) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        hash.update(part);
        yield part;
      }
    })(),
    digest: () => (digest ??= `sha256:${hash.digest('hex')}`),
  };
}

/** GET an asset with `Accept: application/octet-stream`, following the redirect; the bytes' digest and count. */
export async function downloadDigest(apiUrl: string, repoPath: string, assetId: number): Promise<{ status: number; redirect: Response; digest: string; size: number; headers: Headers }> {
  const redirect = await fetch(`${apiUrl}${repoPath}/releases/assets/${assetId}`, { headers: { accept: 'application/octet-stream', authorization: 'token ghs_test' }, redirect: 'manual' });
  const response = await fetch(redirect.headers.get('location')!);
  const hash = createHash('sha256');
  let size = 0;
  for await (const part of response.body!) {
    hash.update(part);
    size += part.byteLength;
  }
  return { status: response.status, redirect, digest: `sha256:${hash.digest('hex')}`, size, headers: response.headers };
}
