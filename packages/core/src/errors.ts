/** Exit codes shared by every command and action: 0 ok, 1 a check failed, 2 usage or input error. */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  inputError: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Input a person can fix: a bad argument, a missing or malformed file, an invalid config.
 * The message is one line that names the file, the place inside it and what was expected;
 * callers print it without a stack trace and exit 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** One line for any thrown value, so a thrown string or object never leaves a step green. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Collapse a multi-line message to one line (messages from libraries sometimes span lines). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
