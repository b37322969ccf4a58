import { EnvHttpProxyAgent } from 'undici';

/**
 * undici's agent for the proxy HTTPS_PROXY / HTTP_PROXY name (NO_PROXY honoured), or undefined
 * without one: Node's global fetch ignores them, and self-hosted runners behind a proxy need it.
 */
export function envProxyAgent(env: Record<string, string | undefined>): EnvHttpProxyAgent | undefined {
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  if (!proxy) return undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  return new EnvHttpProxyAgent({ httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? proxy, httpsProxy: proxy, ...(noProxy ? { noProxy } : {}) });
}
