// What the merge engine reads of a text's lines, whether the text is a string (TextLines: the
// merge view, sync's text merges) or bytes (ByteLines: `merge-file`, tree merges, as git merges
// files). One engine serves both; only numbering lines, a few questions about their bytes, and
// copying them out differ.

/** Ids of the lines of a merge's three sides, from one table: equal lines have equal ids across the sides. */
export interface SideIds {
  readonly base: Int32Array;
  readonly local: Int32Array;
  readonly remote: Int32Array;
}

/** A text seen as lines, each keeping its ending. */
export interface Lines {
  /** How many lines; a last line without "\n" counts, an empty text has none. */
  readonly count: number;
  /** True when line i ends in "\n" (every line but possibly the last does). */
  hasNewline(i: number): boolean;
  /** True when line i ends in "\r\n". */
  endsInCrlf(i: number): boolean;
  /** True when lines [from, to) hold an ASCII letter or digit. */
  anyAlphanumeric(from: number, to: number): boolean;
  /** Ids for these lines (the base) and for two versions of them, from one table. */
  lineIds(local: this, remote: this): SideIds;
}

/** Where a merge is written: runs of the sides' lines as they are, and marker text. */
export interface LineWriter<L extends Lines> {
  /** Lines [from, to) of `lines`, byte for byte. */
  lines(lines: L, from: number, to: number): void;
  /** Text of the merge's own (markers, line endings), one character per byte. */
  text(text: string): void;
}
