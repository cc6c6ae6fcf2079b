import { describe, expect, it } from 'vitest';
import { splitLines } from '../merge-model/split-lines.js';
import type { LineEdit } from '../merge-model/region-view.js';
import { lineEditOfChange, textChangeOfEdit, type TextChange } from './result-edits.js';

/** What an editor holding `text` would read after `change` (columns without line endings). */
function applyToText(text: string, change: TextChange): string {
  const rows = text.split('\n');
  const offset = (line: number, column: number) => rows.slice(0, line - 1).reduce((sum, row) => sum + row.length + 1, 0) + column - 1;
  const clamp = (n: number) => Math.min(n, text.length);
  return text.slice(0, clamp(offset(change.startLineNumber, change.startColumn))) + change.text + text.slice(clamp(offset(change.endLineNumber, change.endColumn)));
}

function applyEdit(lines: readonly string[], edit: LineEdit): string {
  return [...lines.slice(0, edit.start), ...edit.lines, ...lines.slice(edit.start + edit.deleteCount)].join('');
}

/** The edit a change makes, and checks that applying it to the model gives what the editor reads. */
function editOf(text: string, change: TextChange): LineEdit {
  const lines = splitLines(text);
  const edit = lineEditOfChange(lines, change);
  expect(applyEdit(lines, edit)).toBe(applyToText(text, change));
  return edit;
}

const at = (startLineNumber: number, startColumn: number, endLineNumber: number, endColumn: number, text: string): TextChange => ({ startLineNumber, startColumn, endLineNumber, endColumn, text });

describe('typed changes as line edits', () => {
  it('replaces the one line a keystroke touched', () => {
    expect(editOf('one\ntwo\nthree\n', at(2, 2, 2, 2, 'X'))).toEqual({ start: 1, deleteCount: 1, lines: ['tXwo\n'] });
  });

  it('splits a line when Enter is typed inside it', () => {
    expect(editOf('one\ntwo\n', at(1, 3, 1, 3, '\n'))).toEqual({ start: 0, deleteCount: 1, lines: ['on\n', 'e\n'] });
  });

  it('joins lines when a selection across them is deleted', () => {
    expect(editOf('one\ntwo\nthree\n', at(1, 2, 3, 3, ''))).toEqual({ start: 0, deleteCount: 3, lines: ['oree\n'] });
  });

  it('deletes a whole line with its ending', () => {
    expect(editOf('one\ntwo\nthree\n', at(2, 1, 3, 1, ''))).toEqual({ start: 1, deleteCount: 2, lines: ['three\n'] });
  });

  it('types on the empty line after a final newline', () => {
    expect(editOf('one\n', at(2, 1, 2, 1, 'two'))).toEqual({ start: 1, deleteCount: 0, lines: ['two'] });
  });

  it('removes the final newline by joining the last line with the empty one after it', () => {
    expect(editOf('one\ntwo\n', at(2, 4, 3, 1, ''))).toEqual({ start: 1, deleteCount: 1, lines: ['two'] });
  });

  it('keeps a CRLF line ending of the touched line', () => {
    const lines = splitLines('one\r\ntwo\r\n');
    expect(lineEditOfChange(lines, at(1, 4, 1, 4, '!'))).toEqual({ start: 0, deleteCount: 1, lines: ['one!\r\n'] });
  });

  it('pastes several lines into an empty text', () => {
    expect(editOf('', at(1, 1, 1, 1, 'a\nb\n'))).toEqual({ start: 0, deleteCount: 0, lines: ['a\n', 'b\n'] });
  });
});

describe('model edits as editor changes', () => {
  it('replaces whole lines, from the first replaced line to the start of the line after', () => {
    const change = textChangeOfEdit({ start: 1, deleteCount: 5, lines: ['mine\n'] });
    expect(change).toEqual(at(2, 1, 7, 1, 'mine\n'));
    expect(applyToText('a\n<<<\nx\n===\ny\n>>>\nz\n', change)).toBe('a\nmine\nz\n');
  });

  it('inserts lines at a point when nothing is deleted', () => {
    expect(applyToText('a\nz\n', textChangeOfEdit({ start: 1, deleteCount: 0, lines: ['b\n'] }))).toBe('a\nb\nz\n');
  });
});
