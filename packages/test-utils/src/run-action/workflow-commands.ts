// Parsers for what an action leaves behind: the file-command files (GITHUB_OUTPUT, GITHUB_ENV,
// GITHUB_STATE) and the workflow commands it prints (`::error file=a,line=3::message`).

/**
 * Parses `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks, as the runner does.
 * Throws on an unterminated block, which the runner also rejects.
 */
export function parseFileCommand(text: string, fileName = 'GITHUB_OUTPUT'): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals === -1 || line.indexOf('<<') < equals)) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      index++;
      while (index < lines.length && lines[index] !== delimiter) value.push(lines[index++]!);
      if (index >= lines.length) throw new Error(`${fileName}: matching delimiter "${delimiter}" not found for "${name}"`);
      result[name] = value.join('\n');
    } else if (equals > 0) {
      result[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`${fileName}: invalid line ${JSON.stringify(line)}`);
    }
  }
  return result;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

const numericProperties = new Set(['line', 'endLine', 'col', 'endColumn']);

/** Annotations from workflow commands on stdout, honouring `::stop-commands::` like the runner. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  let stoppedUntil: string | undefined;
  for (const rawLine of stdout.split(/\r?\n/)) {
    const line = rawLine.trimStart();
    if (stoppedUntil !== undefined) {
      if (line === `::${stoppedUntil}::`) stoppedUntil = undefined;
      continue;
    }
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!command) continue;
    const [, name, properties = '', message = ''] = command as unknown as [string, string, string | undefined, string | undefined];
    if (name === 'stop-commands') {
      stoppedUntil = message;
      continue;
    }
    if (name !== 'error' && name !== 'warning' && name !== 'notice') continue;
    const annotation: Annotation = { level: name, message: unescapeData(message) };
    for (const pair of properties.split(',')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const key = pair.slice(0, equals).trim();
      const value = unescapeProperty(pair.slice(equals + 1));
      if (numericProperties.has(key)) (annotation as unknown as Record<string, number>)[key] = Number(value);
      else if (key === 'title' || key === 'file') annotation[key] = value;
    }
    annotations.push(annotation);
  }
  return annotations;
}

// @actions/core escapes %, CR and LF in messages, and additionally ':' and ',' in properties.
function unescapeData(text: string): string {
  return text.replace(/%(0D|0A|25)/gi, (code) => decodeURIComponent(code));
}

function unescapeProperty(text: string): string {
  return text.replace(/%(0D|0A|3A|2C|25)/gi, (code) => decodeURIComponent(code));
}
