/**
 * Escaping for text printed on a terminal (`kiji list`, `show`, `digest`,
 * `review`). Normalisation already strips control characters and bidi
 * overrides from what kiji stores; this is the last line for whatever is
 * left (articles stored before that, a file name, a source URI): each such
 * character is printed as a visible escape (`\x1b`, `\u202e`) instead of
 * being obeyed, so stored text cannot move the cursor, retitle the window,
 * ring the bell or reverse the line it sits on.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_INLINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Make untrusted text safe to write to a terminal; tab and newline pass,
 * unless `inline` (a field of a one-line row), where they are escaped too.
 *
 * @example
 * terminalSafe('Title\u001b]0;owned\u0007') // 'Title\\x1b]0;owned\\x07'
 * terminalSafe('\u202Egpj.exe') // '\\u202egpj.exe'
 * terminalSafe('a\nb', { inline: true }) // 'a\\x0ab'
 */
export function terminalSafe(s: string, opts: { inline?: boolean } = {}): string {
  return s.replace(opts.inline ? UNSAFE_INLINE : UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
