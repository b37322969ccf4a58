import { execFile } from 'node:child_process';

/**
 * Run a small probe program (`git`, `python3 --version`, `nvidia-smi -L`) and return its trimmed
 * output, or undefined when it is missing, fails or hangs: lineage is best effort, never an error.
 */
export function probe(program: string, args: readonly string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd: options.cwd, env: options.env, timeout: 10_000, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (error) resolve(undefined);
      else resolve(`${stdout}${stdout.trim() === '' ? stderr : ''}`.trim());
    });
  });
}
