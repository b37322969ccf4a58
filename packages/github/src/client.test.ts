import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createGitHubClient } from './client.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function listen(server: ReturnType<typeof createServer>): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

// A minimal forward proxy that records what passed through it (CONNECT tunnels and absolute-form requests).
async function startProxy(seen: string[]): Promise<string> {
  const proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  });
  closers.push(() => proxy.close());
  return listen(proxy);
}

async function startApi(): Promise<string> {
  const api = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 1, full_name: 'o/r' }));
  });
  closers.push(() => api.closeAllConnections?.() ?? api.close());
  closers.push(() => api.close());
  return listen(api);
}

const log = { info: () => {}, warning: () => {} };

it('goes through the proxy that HTTPS_PROXY names, as self-hosted runners need', async () => {
  const seen: string[] = [];
  const [proxy, api] = await Promise.all([startProxy(seen), startApi()]);
  const client = createGitHubClient({ token: 't', baseUrl: api, log, env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy } });
  const { data } = await client.rest.repos.get({ owner: 'o', repo: 'r' });
  expect(data.full_name).toBe('o/r');
  expect(seen.length).toBeGreaterThan(0);
  expect(seen[0]).toContain(new URL(api).host);
});

it('connects directly when NO_PROXY covers the API host, or no proxy is set', async () => {
  const seen: string[] = [];
  const [proxy, api] = await Promise.all([startProxy(seen), startApi()]);
  const bypass = createGitHubClient({ token: 't', baseUrl: api, log, env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, NO_PROXY: '127.0.0.1' } });
  await bypass.rest.repos.get({ owner: 'o', repo: 'r' });
  const direct = createGitHubClient({ token: 't', baseUrl: api, log, env: {} });
  await direct.rest.repos.get({ owner: 'o', repo: 'r' });
  expect(seen).toEqual([]);
});
