import { describe, expect, it } from 'vitest';
import { splitLines } from './split-lines.js';

describe('splitLines', () => {
  it('keeps each line ending, LF or CRLF', () => {
    expect(splitLines('a\nb\r\nc\n')).toEqual(['a\n', 'b\r\n', 'c\n']);
  });

  it('keeps a last line without a newline as a line', () => {
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
  });

  it('finds no lines in an empty text, and one empty line in "\\n"', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['\n']);
  });
});
