import { describe, expect, it } from 'vitest';
import { jsonText, terminalText } from './terminal-text.js';

describe('terminalText', () => {
  it('shows controls, bidirectional and invisible characters as escapes, and leaves the rest as is', () => {
    expect(terminalText('a\u001b[2Jb\u0007c\u007fd\u009be\u202ef\u2066g\u200bh\u{e0041}i\u2028j\ud800k')).toBe(
      'a\\x1b[2Jb\\x07c\\x7fd\\x9be\\u202ef\\u2066g\\u200bh\\u{e0041}i\\u2028j\\ud800k',
    );
    expect(terminalText('C:\\Users\\zoë\\代码 🚀')).toBe('C:\\Users\\zoë\\代码 🚀');
  });

  it('changes nothing more when applied twice', () => {
    const once = terminalText('x\u001b\u202e\t\n');
    expect(terminalText(once)).toBe(once);
  });
});

describe('jsonText', () => {
  it('writes DEL, C1, bidirectional and tag characters as \\u escapes, and parses back to the same value', () => {
    const value = { name: 'a\u007f\u0085\u202e\u2067\u200d\u{e0041}\u2029\u001b\ud800' };
    const text = jsonText(value);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2000-\u206f\u{e0000}-\u{e007f}]/u);
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\udb40\\udc41');
    expect(JSON.parse(text)).toEqual(value);
  });
});
