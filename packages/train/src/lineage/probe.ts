export type ProbeResult = { status: 'missing' } | { status: 'failed' } | { status: 'ok'; output: string };

/**
 * Run a small probe program (`git`, `python3 --version`, `nvidia-smi -L`) and tell whether it is
 * missing, failed (or hung), or what it printed: lineage is best effort, never an error.
 */
export function probe(program: string, args: readonly string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<ProbeResult> {
  // Loaded when needed (Node 22.3+): loading child_process up front costs every command ~6 ms.
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve) => {
    execFile(program, args, { cwd: options.cwd, env: options.env, timeout: 10_000, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') resolve({ status: 'missing' });
      else if (error) resolve({ status: 'failed' });
      // Python 2 printed its version on stderr.
      else resolve({ status: 'ok', output: `${stdout}${stdout.trim() === '' ? stderr : ''}`.trim() });
    });
  });
}

/** The output of a successful probe, or undefined. */
export function probeOutput(result: ProbeResult): string | undefined {
  return result.status === 'ok' ? result.output : undefined;
}
