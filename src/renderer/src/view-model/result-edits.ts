/**
 * Between the merge model's result (lines, each keeping its ending) and the Result editor: a
 * change the user typed becomes a LineEdit of whole lines for the model, and a LineEdit the model
 * made (a button) becomes a text edit for the editor. Positions are the editor's: 1-based lines
 * and columns, columns counted without the line ending.
 */
import type { LineEdit } from '../merge-model/region-view.js';
import { splitLines } from '../merge-model/split-lines.js';

/** A replaced range and its new text, as the editor reports a change (Monaco's IModelContentChange). */
export interface TextChange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly text: string;
}

/**
 * The lines a typed change touched, replaced by what they read now: the text before the change on
 * its first line, the typed text, and the rest of its last line (with that line's ending). The
 * editor's empty line after a final newline is no line of the model: touching it touches nothing.
 */
export function lineEditOfChange(lines: readonly string[], change: TextChange): LineEdit {
  const first = Math.min(change.startLineNumber - 1, lines.length);
  const last = Math.min(change.endLineNumber - 1, lines.length);
  // Index lines.length is the editor's empty line after a final newline (or of an empty text).
  const firstLine = lines[first] ?? '';
  const lastLine = lines[last] ?? '';
  const before = contentOf(firstLine).slice(0, change.startColumn - 1);
  const lastContent = contentOf(lastLine);
  const after = lastContent.slice(change.endColumn - 1) + lastLine.slice(lastContent.length);
  return { start: first, deleteCount: Math.min(last, lines.length - 1) - first + 1, lines: splitLines(before + change.text + after) };
}

/** The editor edit that mirrors a model's LineEdit: whole lines out, whole lines in. */
export function textChangeOfEdit(edit: LineEdit): TextChange {
  return {
    startLineNumber: edit.start + 1,
    startColumn: 1,
    endLineNumber: edit.start + edit.deleteCount + 1,
    endColumn: 1,
    text: edit.lines.join(''),
  };
}

/** A line without its ending ("\n" or "\r\n"). */
export function contentOf(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n')) return line.slice(0, -1);
  return line;
}
