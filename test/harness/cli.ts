// The CLI run in-process as the tests drive it: `main` of @modelgate/cli on `cwd`, with exactly
// `env`, what it printed kept.
import { main } from '@modelgate/cli';
import { bufferIo } from '@modelgate/test-utils';

export async function runCli(args: string[], cwd = process.cwd(), env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(cwd, env);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
