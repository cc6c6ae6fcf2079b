/**
 * Characters a terminal must not receive raw from a file or a name: C0 and C1 controls and DEL
 * (escape sequences can rewrite the screen, the title, the clipboard), bidirectional and other
 * invisible format characters (text that displays as something else), line and paragraph separators,
 * and lone surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * `text` safe to print on a terminal: each unsafe character is shown as an escape — `\x1b` up to
 * U+00FF, `\u202e` in the basic plane, `\u{e0041}` above it — and everything else as is. Backslashes
 * are left alone (Windows paths stay readable), so the result is for eyes, not for parsing; scripts
 * read `--json`. Applying it twice changes nothing more.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0)!;
    const hex = code.toString(16);
    return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
  });
}

/** Characters JSON.stringify leaves raw that a terminal should not receive: DEL, C1 controls, format characters, separators. */
const JSON_UNSAFE = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * `value` as pretty-printed JSON that is also safe on a terminal. JSON.stringify escapes C0 controls
 * and lone surrogates itself; the characters it leaves raw (DEL, C1, bidirectional and other format
 * characters) can only stand inside strings, so they are written as `\uXXXX` escapes: the document
 * parses to exactly the same value.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (char) => {
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
