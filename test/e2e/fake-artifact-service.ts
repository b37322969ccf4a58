// A local stand-in for the Actions results service that @actions/artifact (v2+) uploads to: the
// Twirp CreateArtifact/FinalizeArtifact calls and the Azure block-blob upload behind the signed URL.
// Enough for an upload to run through the real client; it keeps each artifact's zip for checks.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredArtifact {
  id: number;
  name: string;
  zip: Buffer;
  /** What FinalizeArtifact reported. */
  size: string;
  hash: string | undefined;
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN: a JWT carrying the backend ids in its `scp` claim, as the runner's does. */
  token: string;
  artifacts: Map<string, StoredArtifact>;
  close(): Promise<void>;
}

const twirp = '/twirp/github.actions.results.api.v1.ArtifactService/';

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const artifacts = new Map<string, StoredArtifact>();
  const blocks = new Map<string, Map<string, Buffer>>();
  const pending = new Map<string, Buffer>();
  let nextId = 1000;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'POST' && url.pathname === `${twirp}CreateArtifact`) {
      const { name } = JSON.parse(body.toString('utf8')) as { name: string };
      if (artifacts.has(name) || pending.has(name)) return json(409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
      pending.set(name, Buffer.alloc(0));
      return json(200, { ok: true, signedUploadUrl: `${address()}/blob/${encodeURIComponent(name)}?sig=fake` });
    }
    if (request.method === 'PUT' && url.pathname.startsWith('/blob/')) {
      const name = decodeURIComponent(url.pathname.slice('/blob/'.length));
      const staged = blocks.get(name) ?? new Map<string, Buffer>();
      blocks.set(name, staged);
      if (url.searchParams.get('comp') === 'block') staged.set(url.searchParams.get('blockid')!, body);
      else if (url.searchParams.get('comp') === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((match) => match[1]!);
        pending.set(name, Buffer.concat(ids.map((id) => staged.get(id) ?? Buffer.alloc(0))));
      } else pending.set(name, body);
      response.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-request-server-encrypted': 'true' });
      return response.end();
    }
    if (request.method === 'POST' && url.pathname === `${twirp}FinalizeArtifact`) {
      const { name, size, hash } = JSON.parse(body.toString('utf8')) as { name: string; size: string; hash?: string | { value: string } };
      const zip = pending.get(name);
      if (!zip) return json(404, { code: 'not_found', msg: `no artifact ${name} was created` });
      pending.delete(name);
      const id = nextId++;
      artifacts.set(name, { id, name, zip, size, hash: typeof hash === 'string' ? hash : hash?.value });
      return json(200, { ok: true, artifactId: String(id) });
    }
    json(404, { code: 'not_found', msg: `${request.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const claims = { scp: 'Actions.ExampleScope Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774' };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    url: address(),
    token: `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.signature`,
    artifacts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
