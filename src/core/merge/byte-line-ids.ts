// Numbering the lines of a merge's three byte texts: every distinct line gets an integer id, equal
// lines the same id across the texts, so that the diffs compare numbers.
//
// Built for the one large merge a `merge-file` process makes, most of which runs before the JIT has
// compiled anything (bench/startup-bench.js): each text is read once, by one small loop shared by
// all three (scanLines: where lines start and what they hash to), so the sides run it compiled. A
// side, mostly the base's lines in the base's order, is then walked along the base comparing hashes
// and lengths, and each run of lines that matched is checked byte for byte in one native compare.
// Only lines that differ go to the hash table. A base line's id is the index of its first
// occurrence, so the table keeps nothing per base line but its slot.
import type { SideIds } from './lines.js';

const NEWLINE = 0x0a;

/** A text's lines as one pass over its bytes finds them: line i is bytes[starts[i], starts[i + 1]). */
export interface ScannedLines {
  readonly bytes: Buffer;
  /** Where each line starts, and the end of the text at `count` (may be longer than count + 1). */
  readonly starts: Int32Array;
  /** Each line's hash, its ending included (FNV-1a). */
  readonly hashes: Int32Array;
  readonly count: number;
}

/** Finds the lines of `bytes` and hashes them; a last line without "\n" counts, an empty text has none. */
export function scanLines(bytes: Buffer): ScannedLines {
  // A first guess of lines of about 32 bytes; the arrays double when it is short.
  let hashes = new Int32Array(Math.max(64, bytes.length >>> 5));
  let starts = new Int32Array(hashes.length + 1);
  let count = 0;
  for (;;) {
    count = hashLines(bytes, starts, hashes, count);
    if (starts[count] === bytes.length) return { bytes, starts, hashes, count };
    hashes = grown(hashes, hashes.length * 2);
    starts = grown(starts, starts.length * 2);
  }
}

/**
 * Hashes the lines of `bytes` from starts[count] on, writing each line's hash and where the next
 * starts, until the text ends or `hashes` is full; returns the new count. The hot loop of a large
 * merge, kept small so that V8 compiles it soon (a larger one, say for all three texts in one
 * call, takes it several times longer to compile).
 */
function hashLines(bytes: Buffer, starts: Int32Array, hashes: Int32Array, count: number): number {
  const length = bytes.length;
  const capacity = hashes.length;
  let at = starts[count]!;
  while (at < length && count < capacity) {
    let hash = FNV_OFFSET;
    let byte: number;
    do {
      byte = bytes[at++]!;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    } while (byte !== NEWLINE && at < length);
    hashes[count] = hash;
    starts[++count] = at;
  }
  return count;
}

/**
 * Gets V8 compiling the line-hashing loop by running it on a small made-up text. A caller about to
 * read large texts calls it first: V8 compiles on a background thread while the caller waits for
 * the disk, and the texts are then hashed by compiled code almost from their first line. For a
 * 50,000-line merge this spends about 2 ms to save about 10 (bench/startup-bench.js); a small
 * merge would only pay, so callers prime for large inputs only.
 */
export function primeLineHashing(): void {
  scanLines(Buffer.alloc(PRIMING_BYTES, 'a made-up line, about as long as most.\n'));
}

/** Enough bytes of lines for V8 to decide to compile the hashing loop (16 KiB did it in every run measured). */
const PRIMING_BYTES = 24 * 1024;

// FNV-1a, in 32 bits.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Ids for the lines of base and of two versions of it: equal lines, equal ids. */
export function numberLines(base: ScannedLines, local: ScannedLines, remote: ScannedLines): SideIds {
  const table = new LineIdTable(base, [local, remote]);
  const baseIds = table.numberBase();
  const walk = new BaseWalk(base, baseIds);
  return { base: baseIds, local: walk.number(local, table, 0), remote: walk.number(remote, table, 1) };
}

/**
 * An open-addressing table of the lines seen so far, by hash. A slot holds an id + 1 (0: empty).
 * Ids below base.count are base line indexes (a line's first occurrence); ids from base.count on
 * are lines first seen in a side, which the table records as (side, line).
 */
class LineIdTable {
  private slots: Int32Array;
  private mask: number;
  private sideOf = new Uint8Array(16);
  private lineOf = new Int32Array(16);
  private sideLines = 0;
  private filled = 0;

  constructor(
    private readonly base: ScannedLines,
    private readonly sides: readonly [ScannedLines, ScannedLines],
  ) {
    // At most half full with the base's lines and a few more, so probes stay short.
    let size = 64;
    while (size < (base.count + (base.count >>> 3)) * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The base's ids: each line's is the index of its first occurrence. */
  numberBase(): Int32Array {
    const ids = new Int32Array(this.base.count);
    // The table has room for every base line: it cannot need to grow yet.
    this.filled = numberBaseLines(this.base, this.slots, ids);
    return ids;
  }

  /** The id of line `line` of sides[side], given one if it is new. */
  idOf(side: 0 | 1, line: number): number {
    const text = this.sides[side];
    const newId = this.base.count + this.sideLines;
    // Where the new id's line is, written before the lookup: growing the table while adding it reads it.
    this.noteSideLine(side, line);
    const id = this.find(text, text.starts[line]!, text.starts[line + 1]!, text.hashes[line]!, newId);
    if (id === newId) this.sideLines++;
    return id;
  }

  /** The id of bytes [start, end) of `text` (hash `hash`); when no line has them yet, they get `newId`. */
  private find(text: ScannedLines, start: number, end: number, hash: number, newId: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot]!;
      if (stored === 0) {
        this.slots[slot] = newId + 1;
        if (++this.filled * 2 > this.slots.length) this.rehash();
        return newId;
      }
      const id = stored - 1;
      const owner = this.textOf(id);
      const line = this.lineOfId(id);
      const ownerStart = owner.starts[line]!;
      if (owner.hashes[line] === hash && owner.starts[line + 1]! - ownerStart === length && sameBytes(text.bytes, start, owner.bytes, ownerStart, length)) {
        return id;
      }
    }
  }

  /** The text where the line with id `id` first occurs (lineOf gives where in it). */
  private textOf(id: number): ScannedLines {
    const sideLine = id - this.base.count;
    return sideLine < 0 ? this.base : this.sides[this.sideOf[sideLine]!]!;
  }

  /** Where in textOf(id) the line with id `id` first occurs. */
  private lineOfId(id: number): number {
    const sideLine = id - this.base.count;
    return sideLine < 0 ? id : this.lineOf[sideLine]!;
  }

  /** Writes where the next side line id's line is (the id is taken only if sideLines grows). */
  private noteSideLine(side: 0 | 1, line: number): void {
    if (this.sideLines === this.lineOf.length) {
      const sideOf = new Uint8Array(this.sideOf.length * 2);
      sideOf.set(this.sideOf);
      this.sideOf = sideOf;
      this.lineOf = grown(this.lineOf, this.lineOf.length * 2);
    }
    this.sideOf[this.sideLines] = side;
    this.lineOf[this.sideLines] = line;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      let slot = this.textOf(stored - 1).hashes[this.lineOfId(stored - 1)]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = stored;
    }
  }
}

/**
 * Puts every line of `base` in the empty table `slots` (room enough for all), writing each line's id
 * — where the line first occurs — to `ids`; returns how many slots it filled. The table's find(),
 * written out for the one loop that runs once per base line, mostly before V8 compiles it.
 */
function numberBaseLines(base: ScannedLines, slots: Int32Array, ids: Int32Array): number {
  const { bytes, starts, hashes, count } = base;
  const mask = slots.length - 1;
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const hash = hashes[i]!;
    const length = starts[i + 1]! - starts[i]!;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot]!;
      if (stored === 0) {
        slots[slot] = i + 1;
        ids[i] = i;
        filled++;
        break;
      }
      // Only base lines are in the table yet: the slot holds a line index + 1.
      const line = stored - 1;
      if (hashes[line] === hash && starts[line + 1]! - starts[line]! === length && sameBytes(bytes, starts[i]!, bytes, starts[line]!, length)) {
        ids[i] = line;
        break;
      }
    }
  }
  return filled;
}

/** Numbers a side by walking it along the base, whose lines it mostly repeats in order. */
class BaseWalk {
  constructor(
    private readonly base: ScannedLines,
    private readonly baseIds: Int32Array,
  ) {}

  /**
   * The ids of `side`'s lines. A line whose hash and length are those of the base line after the
   * last one matched takes that line's id; each run of such lines is then checked byte for byte in
   * one compare. Should any run differ (lines of equal hashes, rare by chance, possible on purpose),
   * the side is walked again comparing every such line.
   */
  number(side: ScannedLines, table: LineIdTable, which: 0 | 1): Int32Array {
    const ids = new Int32Array(side.count);
    const runs = this.walk(side, table, which, ids, false);
    if (!this.sameRuns(side, runs)) this.walk(side, table, which, ids, true);
    return ids;
  }

  /** Fills `ids`; returns the runs of lines matched in step with the base, as (side line, base line, count) triples. */
  private walk(side: ScannedLines, table: LineIdTable, which: 0 | 1, ids: Int32Array, compareBytes: boolean): number[] {
    const base = this.base;
    const runs: number[] = [];
    let guess = 0;
    for (let i = 0; i < side.count; ) {
      let matched = guess < base.count ? matchRun(side, base, this.baseIds, ids, i, guess) : 0;
      if (compareBytes) matched = this.sameLines(side, i, guess, matched);
      if (matched > 0) {
        runs.push(i, guess, matched);
        i += matched;
        guess += matched;
        continue;
      }
      const id = table.idOf(which, i);
      ids[i++] = id;
      // A base line's id is where it first occurs there: the walk picks up again after it.
      if (id < base.count) guess = id + 1;
    }
    return runs;
  }

  /** How many of the `count` lines of side from `sideLine` on are byte for byte the base's from `baseLine` on. */
  private sameLines(side: ScannedLines, sideLine: number, baseLine: number, count: number): number {
    for (let k = 0; k < count; k++) {
      const start = side.starts[sideLine + k]!;
      if (!sameBytes(side.bytes, start, this.base.bytes, this.base.starts[baseLine + k]!, side.starts[sideLine + k + 1]! - start)) return k;
    }
    return count;
  }

  /** Whether each run of side lines is byte for byte the base lines it was matched with. */
  private sameRuns(side: ScannedLines, runs: readonly number[]): boolean {
    const base = this.base;
    for (let r = 0; r < runs.length; r += 3) {
      const [sideLine, baseLine, lines] = [runs[r]!, runs[r + 1]!, runs[r + 2]!];
      const sideStart = side.starts[sideLine]!;
      const baseStart = base.starts[baseLine]!;
      // Equal lengths line by line make equal lengths in all.
      const length = side.starts[sideLine + lines]! - sideStart;
      if (side.bytes.compare(base.bytes, baseStart, baseStart + length, sideStart, sideStart + length) !== 0) return false;
    }
    return true;
  }
}

/**
 * Matches side's lines from `line` on with base's from `baseLine` on while their hashes and lengths
 * agree, writing the base's ids for them; returns how many matched. The other hot loop of a large
 * merge: small, calling nothing, so that V8 compiles it soon.
 */
function matchRun(side: ScannedLines, base: ScannedLines, baseIds: Int32Array, ids: Int32Array, line: number, baseLine: number): number {
  const { hashes, starts, count } = side;
  const { hashes: baseHashes, starts: baseStarts, count: baseCount } = base;
  let i = line;
  let j = baseLine;
  while (i < count && j < baseCount && hashes[i] === baseHashes[j] && starts[i + 1]! - starts[i]! === baseStarts[j + 1]! - baseStarts[j]!) {
    ids[i++] = baseIds[j++]!;
  }
  return i - line;
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    if (a[aStart + k] !== b[bStart + k]) return false;
  }
  return true;
}

function grown(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(values);
  return bigger;
}
