// Lines keep their endings ("a\r\n", "b\n", a last "c" without one), so two lines are equal only
// when their bytes are and the lines put together give back the exact text — as git's xdiff sees a
// file. A TextLines keeps the text whole and only knows where lines start: a merge reads most lines
// of its sides without ever needing them as separate strings.
import { LineIdTable } from './line-ids.js';
import type { Lines, LineWriter, SideIds } from './lines.js';

const ALPHANUMERIC = /[A-Za-z0-9]/;

/** A text seen as lines: line i is text[start(i), start(i + 1)). */
export class TextLines implements Lines {
  /** How many lines; a last line without "\n" counts, an empty text has none. */
  readonly count: number;
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    let starts: Int32Array = new Int32Array(64);
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
      if (count + 2 > starts.length) starts = grow(starts);
      starts[++count] = at + 1;
    }
    if (text.length > 0 && !text.endsWith('\n')) {
      if (count + 2 > starts.length) starts = grow(starts);
      starts[++count] = text.length;
    }
    this.count = count;
    this.starts = starts;
  }

  /** Line i with its ending. */
  line(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]);
  }

  /** Lines [from, to) as one string. */
  slice(from: number, to: number): string {
    return from < to ? this.text.slice(this.starts[from], this.starts[to]) : '';
  }

  /** True when line i is exactly `line`. */
  lineEquals(i: number, line: string): boolean {
    // A short-lived slice and === beat startsWith(line, position), which V8 runs far slower.
    return this.starts[i + 1]! - this.starts[i]! === line.length && this.line(i) === line;
  }

  hasNewline(i: number): boolean {
    return this.text.charCodeAt(this.starts[i + 1]! - 1) === 0x0a;
  }

  endsInCrlf(i: number): boolean {
    const end = this.starts[i + 1]!;
    return end - this.starts[i]! >= 2 && this.text.charCodeAt(end - 1) === 0x0a && this.text.charCodeAt(end - 2) === 0x0d;
  }

  anyAlphanumeric(from: number, to: number): boolean {
    return ALPHANUMERIC.test(this.slice(from, to));
  }

  lineIds(local: TextLines, remote: TextLines): SideIds {
    const table = new LineIdTable();
    const baseLines = this.toArray();
    const base = table.idsOf(baseLines);
    return { base, local: table.idsFollowing(local, baseLines, base), remote: table.idsFollowing(remote, baseLines, base) };
  }

  /** Every line as its own string. */
  toArray(): string[] {
    const lines: string[] = [];
    for (let i = 0; i < this.count; i++) lines.push(this.line(i));
    return lines;
  }
}

/** Collects a merge written from TextLines into one string. */
export class TextWriter implements LineWriter<TextLines> {
  private readonly pieces: string[] = [];

  lines(lines: TextLines, from: number, to: number): void {
    this.pieces.push(lines.slice(from, to));
  }

  text(text: string): void {
    this.pieces.push(text);
  }

  result(): string {
    return this.pieces.join('');
  }
}

function grow(starts: Int32Array): Int32Array {
  const bigger = new Int32Array(starts.length * 2);
  bigger.set(starts);
  return bigger;
}

/** Splits text into lines, each keeping its "\n" (or "\r\n"); a last line without one is kept as is. */
export function splitLines(text: string): string[] {
  return new TextLines(text).toArray();
}

/** True when the line ends in "\n" (every line but possibly a file's last one does). */
export function hasNewline(line: string): boolean {
  return line.endsWith('\n');
}

/** True when the line ends in "\r\n". */
export function endsInCrlf(line: string): boolean {
  return line.endsWith('\r\n');
}
