/**
 * What `main(argv, io)` of @modelgate/cli writes to, kept for assertions: a command run in-process
 * on `cwd` with exactly `env` (no terminal, so no colour).
 */
export interface BufferIo {
  out(text: string): void;
  err(text: string): void;
  isTty: false;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
}

export function bufferIo(cwd: string, env: Record<string, string | undefined> = {}): BufferIo {
  let out = '';
  let err = '';
  return { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false, env, cwd, stdout: () => out, stderr: () => err };
}
