/**
 * The URL of a bootstrap that turns on Node's compile cache in a worker thread before it loads
 * `entry`. Running from TypeScript sources, each thread would otherwise load its own type stripper
 * (~35 MB of RSS); with the cache it reuses the stripped code of earlier runs (keyed by content, so
 * never stale). A bundled entry is plain JavaScript and only gains the cached bytecode.
 */
export function withCompileCache(entry: URL): URL {
  const code = `import { enableCompileCache } from 'node:module';\nenableCompileCache();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
