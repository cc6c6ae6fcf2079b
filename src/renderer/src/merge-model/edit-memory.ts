// What recent edits changed, so that undoing one restores the regions exactly. The text alone
// cannot always say where lines belong: lines put back at a border could be either side's, lines
// put back into a region cut out of a group belong to the group, and a group's text can often be
// cut more than one way. But an undo is recognisable: it puts back exactly what an edit removed,
// in place of exactly what that edit inserted. The model asks here first and reads the text
// (split-group.ts) only for edits that undo nothing remembered.
import { linesEqualAt } from './region-texts.js';
import type { LineEdit } from './region-view.js';
import type { GroupPart } from './split-group.js';

/** One edit that joined segments, removed lines, or took a group apart, and how things were before it. */
export interface EditRecord {
  /** The edit replaced `removed` by `inserted` at line `at`... */
  readonly at: number;
  readonly removed: readonly string[];
  readonly inserted: readonly string[];
  /** ...in the segments holding atoms firstAtom..lastAtom, which were cut as `parts`... */
  readonly firstAtom: number;
  readonly lastAtom: number;
  readonly parts: readonly GroupPart[];
  /** ...and held these lines (null when they were one segment: nothing to check). */
  readonly before: readonly string[] | null;
}

// As deep as an editor's undo usually goes, and no more lines than a few large files' worth.
const MAX_REMEMBERED = 1_000;
const MAX_LINES_REMEMBERED = 500_000;

/** The recent edits of one merge model worth undoing exactly, newest last. */
export class EditMemory {
  private readonly records: EditRecord[] = [];
  private lineCount = 0;

  /** Remembers an edit (before the next one). */
  remember(record: EditRecord): void {
    this.records.push(record);
    this.lineCount += linesOf(record);
    while (this.records.length > MAX_REMEMBERED || (this.lineCount > MAX_LINES_REMEMBERED && this.records.length > 1)) {
      this.lineCount -= linesOf(this.records.shift()!);
    }
  }

  /** The newest remembered edit that `edit` undoes on `lines`, among those `fits` accepts. */
  undoneBy(edit: LineEdit, lines: readonly string[], fits: (record: EditRecord) => boolean): EditRecord | undefined {
    return this.records.findLast(
      (record) =>
        record.at === edit.start &&
        record.inserted.length === edit.deleteCount &&
        record.removed.length === edit.lines.length &&
        linesEqualAt(edit.lines, 0, record.removed) &&
        linesEqualAt(lines, edit.start, record.inserted) &&
        fits(record),
    );
  }

  /** Forgets a record once it has been undone. */
  forget(record: EditRecord): void {
    const i = this.records.lastIndexOf(record);
    if (i === -1) return;
    this.records.splice(i, 1);
    this.lineCount -= linesOf(record);
  }
}

function linesOf(record: EditRecord): number {
  return record.removed.length + record.inserted.length + (record.before?.length ?? 0);
}
