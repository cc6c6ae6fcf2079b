import { describe, expect, it } from 'vitest';
import { TextLines, splitLines } from './text-lines.js';

describe('splitLines', () => {
  it('keeps each line\'s ending, LF or CRLF', () => {
    expect(splitLines('a\nb\r\nc\n')).toEqual(['a\n', 'b\r\n', 'c\n']);
  });

  it('keeps a last line that has no newline', () => {
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
  });

  it('gives no lines for empty text and one empty line for a lone newline', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['\n']);
  });
});

describe('TextLines', () => {
  it('slices runs of lines out of the text as they were', () => {
    const lines = new TextLines('a\nb\r\nc');
    expect([lines.count, lines.slice(1, 3), lines.slice(2, 2)]).toEqual([3, 'b\r\nc', '']);
  });

  it('compares a line with a string exactly, ending included', () => {
    const lines = new TextLines('a\nb');
    expect([lines.lineEquals(0, 'a\n'), lines.lineEquals(0, 'a'), lines.lineEquals(1, 'b')]).toEqual([true, false, true]);
  });
});
