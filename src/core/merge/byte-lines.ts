// A text as bytes seen as lines, for merges of files as git merges them: whatever their encoding,
// never decoded. Lines keep their endings, as in TextLines; a line is a run of bytes, so equal
// lines are equal byte runs. Working on the bytes themselves spares a large merge the decode into
// a string, a string per line, and the garbage they leave — most of its time before.
import { lastPositions } from './line-ids.js';
import type { Lines, LineWriter, SideIds } from './lines.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A byte text seen as lines: line i is bytes[start(i), start(i + 1)). */
export class ByteLines implements Lines {
  private lineCount = -1;
  private starts: Int32Array = EMPTY_STARTS;

  /** The text, as a Buffer (a view of the bytes given, not a copy). */
  readonly bytes: Buffer;

  /** The lines of `bytes`, found when first asked for (numbering a merge's lines finds them as it goes). */
  constructor(bytes: Uint8Array) {
    this.bytes = asBuffer(bytes);
  }

  /** How many lines; a last line without "\n" counts, an empty text has none. */
  get count(): number {
    if (this.lineCount === -1) this.split();
    return this.lineCount;
  }

  /** Where line i starts (line `count` "starts" at the end of the text). */
  start(i: number): number {
    if (this.lineCount === -1) this.split();
    return this.starts[i]!;
  }

  /** Where every line starts, as `start(i)` gives them (for loops over many lines: one call, not one per line). */
  lineStarts(): Int32Array {
    if (this.lineCount === -1) this.split();
    return this.starts;
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
    // The base's lines are found as they are numbered: its length gives a first guess of how many.
    const table = new ByteLineIdTable([this.bytes, local.bytes, remote.bytes], initialCapacity(this.bytes.length));
    const base = table.number(this, 0);
    return { base, local: table.numberFollowing(local, 1, this, base), remote: table.numberFollowing(remote, 2, this, base) };
  }

  /** Takes the line starts that numbering the lines found (`starts` may be longer than needed). */
  found(starts: Int32Array, count: number): void {
    this.starts = starts;
    this.lineCount = count;
  }

  private split(): void {
    const bytes = this.bytes;
    let starts: Int32Array = new Int32Array(initialCapacity(bytes.length));
    let count = 0;
    for (let at = 0; at < bytes.length; ) {
      at = lineEnd(bytes, at);
      if (count + 2 > starts.length) starts = grow(starts);
      starts[++count] = at;
    }
    this.found(starts, count);
  }
}

const EMPTY_STARTS = new Int32Array(1);

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

/**
 * Gives every distinct line of a merge's three byte texts a small integer id, so that diffs compare
 * numbers. An open-addressing table of line hashes; lines whose hashes meet are compared byte by
 * byte. Numbering a text finds its lines too.
 */
class ByteLineIdTable {
  private slots: Int32Array;
  private mask: number;
  // Per id: the text (an index into `texts`) holding its first occurrence, where it lies there, and its hash.
  private sources: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private hashes: Int32Array;
  private size = 0;
  /** Where each id last occurs in the model (the base), to pick up a walk again after a line that differs. */
  private modelPositions: Int32Array | undefined;

  /** A table for lines of `texts`, with room for `expectedLines` distinct ones before it grows. */
  constructor(
    private readonly texts: readonly Buffer[],
    expectedLines: number,
  ) {
    const capacity = Math.max(16, expectedLines + (expectedLines >>> 3));
    // A power of two, so that a hash masked to it can land on any slot.
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.sources = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
  }

  /** The ids of the lines of texts[source], found in the same pass over its bytes that hashes them. */
  number(lines: ByteLines, source: number): Int32Array {
    const bytes = this.texts[source]!;
    const length = bytes.length;
    let ids = new Int32Array(initialCapacity(length));
    let starts = new Int32Array(ids.length + 1);
    let count = 0;
    for (let at = 0; at < length; ) {
      const start = at;
      let hash = FNV_OFFSET;
      let byte: number;
      do {
        byte = bytes[at++]!;
        hash = Math.imul(hash ^ byte, FNV_PRIME);
      } while (byte !== NEWLINE && at < length);
      if (count + 2 > starts.length) [ids, starts] = [growTo(ids, starts.length * 2), grow(starts)];
      ids[count] = this.idOfHashed(source, start, at, hash);
      starts[++count] = at;
    }
    lines.found(starts, count);
    return ids.subarray(0, count);
  }

  /**
   * The ids of the lines of texts[source], a version of `model` (ids `modelIds`): a merge's sides
   * are mostly the base's lines in the base's order, so each line is first compared in place with
   * the model line after the last one matched — which finds where it ends, too — and only a line
   * that differs is scanned for its end, hashed and looked up.
   */
  numberFollowing(lines: ByteLines, source: number, model: ByteLines, modelIds: Int32Array): Int32Array {
    const bytes = this.texts[source]!;
    const length = bytes.length;
    const modelBytes = model.bytes;
    const modelCount = model.count;
    const modelStarts = model.lineStarts();
    // A model line without a newline (its last) ends its text: only a line ending the text too can equal it.
    const modelEndsInNewline = modelCount === 0 || model.hasNewline(modelCount - 1);
    let ids = new Int32Array(initialCapacity(length));
    let starts = new Int32Array(ids.length + 1);
    let count = 0;
    let guess = 0;
    for (let at = 0; at < length; ) {
      if (count + 2 > starts.length) [ids, starts] = [growTo(ids, starts.length * 2), grow(starts)];
      if (guess < modelCount) {
        // The comparison is written out here, not called: this loop runs once per line of a side,
        // mostly before the JIT has compiled it, when every call costs.
        const modelStart = modelStarts[guess]!;
        const end = at + (modelStarts[guess + 1]! - modelStart);
        if (end <= length && (end === length || guess + 1 < modelCount || modelEndsInNewline)) {
          let k = 0;
          while (at + k < end && bytes[at + k] === modelBytes[modelStart + k]) k++;
          if (at + k === end) {
            ids[count] = modelIds[guess]!;
            starts[++count] = at = end;
            guess++;
            continue;
          }
        }
      }
      const end = lineEnd(bytes, at);
      const id = this.idOf(source, at, end);
      ids[count] = id;
      starts[++count] = at = end;
      const positions = (this.modelPositions ??= lastPositions(modelIds));
      const position = id < positions.length ? positions[id]! : -1;
      if (position !== -1) guess = position + 1;
    }
    lines.found(starts, count);
    return ids.subarray(0, count);
  }

  private idOf(source: number, start: number, end: number): number {
    return this.idOfHashed(source, start, end, hashBytes(this.texts[source]!, start, end));
  }

  private idOfHashed(source: number, start: number, end: number, hash: number): number {
    const text = this.texts[source]!;
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot]!;
      if (id === -1) return this.add(slot, source, start, end, hash);
      const idStart = this.starts[id]!;
      if (this.hashes[id] === hash && this.ends[id]! - idStart === length && sameBytes(text, start, this.texts[this.sources[id]!]!, idStart, length)) {
        return id;
      }
    }
  }

  private add(slot: number, source: number, start: number, end: number, hash: number): number {
    const id = this.size++;
    if (id === this.starts.length) this.growEntries();
    this.slots[slot] = id;
    this.sources[id] = source;
    this.starts[id] = start;
    this.ends[id] = end;
    this.hashes[id] = hash;
    // Keep the table at most half full, so probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private growEntries(): void {
    const bigger = new Uint8Array(this.sources.length * 2);
    bigger.set(this.sources);
    this.sources = bigger;
    this.starts = growTo(this.starts, this.starts.length * 2);
    this.ends = growTo(this.ends, this.ends.length * 2);
    this.hashes = growTo(this.hashes, this.hashes.length * 2);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id]! & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/** Where the line starting at `at` ends: after its "\n", or at the end of the text. */
function lineEnd(bytes: Buffer, at: number): number {
  const newline = bytes.indexOf(NEWLINE, at);
  return newline === -1 ? bytes.length : newline + 1;
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    if (a[aStart + k] !== b[bStart + k]) return false;
  }
  return true;
}

// FNV-1a, in 32 bits.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes [start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, FNV_PRIME);
  return hash;
}

/** `bytes` as a Buffer: itself if it is one, else a view of the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Room for the lines of a text of `length` bytes, guessing lines of about 32 bytes. */
function initialCapacity(length: number): number {
  return Math.max(64, length >>> 5);
}


function grow(starts: Int32Array): Int32Array<ArrayBuffer> {
  return growTo(starts, starts.length * 2);
}

function growTo(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(values);
  return bigger;
}
