// A text as bytes seen as lines, for merges of files as git merges them: whatever their encoding,
// never decoded. Lines keep their endings, as in TextLines; a line is a run of bytes, so equal
// lines are equal byte runs. Working on the bytes themselves spares a large merge the decode into
// a string, a string per line, and the garbage they leave — most of its time before.
import { numberLines, scanLines, type ScannedLines } from './byte-line-ids.js';
import type { Lines, LineWriter, SideIds } from './lines.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A byte text seen as lines: line i is bytes[start(i), start(i + 1)). */
export class ByteLines implements Lines {
  private scanned: ScannedLines | undefined;

  /** The text, as a Buffer (a view of the bytes given, not a copy). */
  readonly bytes: Buffer;

  /** The lines of `bytes`, found when first asked for. */
  constructor(bytes: Uint8Array) {
    this.bytes = asBuffer(bytes);
  }

  /** How many lines; a last line without "\n" counts, an empty text has none. */
  get count(): number {
    return this.scan().count;
  }

  /** Where line i starts (line `count` "starts" at the end of the text). */
  start(i: number): number {
    return this.scan().starts[i]!;
  }

  hasNewline(i: number): boolean {
    return this.bytes[this.start(i + 1) - 1] === NEWLINE;
  }

  endsInCrlf(i: number): boolean {
    const end = this.start(i + 1);
    return end - this.start(i) >= 2 && this.bytes[end - 1] === NEWLINE && this.bytes[end - 2] === CARRIAGE_RETURN;
  }

  anyAlphanumeric(from: number, to: number): boolean {
    const end = this.start(to);
    for (let at = this.start(from); at < end; at++) {
      const byte = this.bytes[at]!;
      // ASCII letters and digits only, as git's own isalnum (sane-ctype) sees bytes.
      if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)) return true;
    }
    return false;
  }

  lineIds(local: ByteLines, remote: ByteLines): SideIds {
    return numberLines(this.scan(), local.scan(), remote.scan());
  }

  /** The lines as one pass over the bytes finds them, with their hashes for numbering. */
  private scan(): ScannedLines {
    return (this.scanned ??= scanLines(this.bytes));
  }
}

/** Collects a merge written from ByteLines (and marker text, one byte per character) as pieces of bytes. */
export class ByteWriter implements LineWriter<ByteLines> {
  /** The bytes written so far, in order: views of the lines' texts, and the markers. */
  readonly pieces: Uint8Array[] = [];

  lines(lines: ByteLines, from: number, to: number): void {
    if (from < to) this.pieces.push(lines.bytes.subarray(lines.start(from), lines.start(to)));
  }

  text(text: string): void {
    this.pieces.push(Buffer.from(text, 'latin1'));
  }
}

/** `bytes` as a Buffer: itself if it is one, else a view of the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
