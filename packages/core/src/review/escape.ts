// U+2060 WORD JOINER: invisible, and it breaks GitHub's @mention and #reference autolinking, which
// a backslash does not (`\@team` still pings on GitHub).
const wordJoiner = '\u2060';

/**
 * Make a user-controlled string (metric name, value, path) safe as inline markdown text in a
 * GitHub comment, including inside a table cell: HTML is shown, not rendered; markdown syntax is
 * literal; `|` does not end the cell; `@team` and `#123` ping and link nothing; newlines become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]~|]/g, (c) => `\\${c}`)
    // Only where a mention, reference, emoji shortcode or autolink could start
    // (`@team`, `#12`, `:x:`, `http://`, `www.`).
    .replace(/[@#:](?=[\w+/-])/g, (c) => `${c}${wordJoiner}`)
    .replace(/\b(www)\./gi, `$1${wordJoiner}.`);
}

/** Same as escapeMarkdown but for text inside an HTML element such as `<summary>`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[@#:](?=[\w+-])/g, (c) => `${c}${wordJoiner}`);
}

/** Terminal output: drop control characters (escape sequences in a metric name could repaint the screen). */
export function escapeTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A code span that holds any text: a longer backtick fence than the text contains, `|` escaped for tables. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
