// The diff core: which lines of a must change to turn it into b. The steps are the ones that make
// git's xdiff both fast and what it is: trim the common head and tail; set aside lines that cannot
// be matched (they occur only on one side, or occur very often and sit among unmatchable lines) so
// Myers' search runs over what can actually line up; then settle each group of changes in git's
// canonical place. Setting lines aside is what makes "every line rewritten" (a CRLF conversion of a
// 50,000-line file) cost milliseconds: nothing is left for the O(ND) search.
import { markUnalignedLines, roughSqrt } from './myers-align.js';
import { slideChanges } from './slide-changes.js';

/** One change: `aCount` lines of a from `aStart` are replaced by `bCount` lines of b from `bStart`. */
export interface LineChange {
  readonly aStart: number;
  readonly aCount: number;
  readonly bStart: number;
  readonly bCount: number;
}

/** A line occurring this often in the other file is "common" and only worth matching near matchable lines. */
const COMMON_LIMIT_CAP = 1024;
/** How far to look either way when deciding whether a common line sits among unmatchable ones. */
const SCAN_WINDOW = 100;

const UNMATCHED = 0;
const MATCHABLE = 1;
const COMMON = 2;

/** The changes that turn line ids `a` into line ids `b`, in order, as git's Myers diff aligns them. */
export function diffLines(a: Int32Array, b: Int32Array): LineChange[] {
  const changedA = new Uint8Array(a.length + 2);
  const changedB = new Uint8Array(b.length + 2);
  const shorter = Math.min(a.length, b.length);
  let head = 0;
  while (head < shorter && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < shorter - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const counts = countOccurrences(a, b);
  const keptA = setAsideUnmatchable(a, head, a.length - tail, counts.inB, changedA, keptScratch[0]);
  const keptB = setAsideUnmatchable(b, head, b.length - tail, counts.inA, changedB, keptScratch[1]);
  counts.release();

  markUnalignedLines(keptA.ids, keptA.index, changedA, keptB.ids, keptB.index, changedB);
  const sideA = { ids: a, changed: changedA };
  const sideB = { ids: b, changed: changedB };
  slideChanges(sideA, sideB);
  slideChanges(sideB, sideA);
  return collectChanges(changedA, a.length, changedB, b.length);
}

// Per-id counters, kept between calls and zeroed after each: a merge diffs many small slices of
// large files, and allocating counters sized to every id each time would cost more than the diff.
let countsInA = new Int32Array(1024);
let countsInB = new Int32Array(1024);

/** How often each id occurs in a and in b; call release() when done. */
function countOccurrences(a: Int32Array, b: Int32Array): { inA: Int32Array; inB: Int32Array; release(): void } {
  // One pass per file, growing the counters when an id is past them (no pass just to find the
  // largest id). Both passes are one function's loop, which V8 compiles once for both.
  const maxIdInA = countIds(a, false, -1, a.length + b.length);
  const maxId = countIds(b, true, maxIdInA, a.length + b.length);
  const inA = countsInA;
  const inB = countsInB;
  return {
    inA,
    inB,
    release() {
      // Zeroing the counters wholesale is far cheaper than one by one for a whole file; for the
      // small slices a merge's conflicts are, only their own ids are touched.
      if ((a.length + b.length) * 4 >= maxId) {
        inA.fill(0, 0, maxId + 1);
        inB.fill(0, 0, maxId + 1);
        return;
      }
      for (let i = 0; i < a.length; i++) inA[a[i]!] = 0;
      for (let j = 0; j < b.length; j++) inB[b[j]!] = 0;
    },
  };
}

/**
 * Adds each id of `ids` to the counters of b (`ofB`) or of a, which grow as needed; returns the
 * largest id seen, `maxId` included. `lines` is passed on to growCounters.
 */
function countIds(ids: Int32Array, ofB: boolean, maxId: number, lines: number): number {
  let counts = ofB ? countsInB : countsInA;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id > maxId) {
      maxId = id;
      if (id >= counts.length) {
        growCounters(id, lines);
        counts = ofB ? countsInB : countsInA;
      }
    }
    counts[id]!++;
  }
  return maxId;
}

/** Makes room in the counters for `id` and, at once, for the ids of files of `lines` lines, keeping what they hold. */
function growCounters(id: number, lines: number): void {
  // Ids grow along a file (a line's id is often its position): one step to the file's size spares a
  // large merge a dozen doublings, each copying and touching fresh memory.
  const size = Math.max(id + 1, countsInA.length * 2, lines);
  const biggerA = new Int32Array(size);
  const biggerB = new Int32Array(size);
  biggerA.set(countsInA);
  biggerB.set(countsInB);
  countsInA = biggerA;
  countsInB = biggerB;
}

/** Room for the lines one file keeps for the Myers search, and their kinds. */
class KeptLines {
  ids = new Int32Array(0);
  index = new Int32Array(0);
  kinds = new Uint8Array(0);

  /** Makes room for `lines` lines. */
  reserve(lines: number): void {
    if (lines <= this.ids.length) return;
    this.ids = new Int32Array(lines);
    this.index = new Int32Array(lines);
    this.kinds = new Uint8Array(lines);
  }
}

// Kept between calls, for each file of a diff, as the counters are: a merge's second diff of a large
// file reuses the first one's memory instead of faulting in a megabyte of its own.
const keptScratch = [new KeptLines(), new KeptLines()] as const;

/**
 * Marks as changed the lines of [from, to) that cannot usefully be matched, and returns the others
 * (their ids and their positions in the file) for the Myers search. A line that never occurs in the
 * other file is changed for sure. A line that occurs there very often (blank lines, braces) is only
 * kept when matchable lines are near it; inside a stretch of unmatched lines it would just invite
 * a costly, meaningless alignment.
 */
function setAsideUnmatchable(
  ids: Int32Array,
  from: number,
  to: number,
  countsInOther: Int32Array,
  changed: Uint8Array,
  scratch: KeptLines,
): { ids: Int32Array; index: Int32Array } {
  const commonLimit = Math.min(roughSqrt(ids.length), COMMON_LIMIT_CAP);
  const lines = Math.max(to - from, 0);
  scratch.reserve(lines);
  const { ids: keptIds, index: keptIndex } = scratch;
  // Exactly this range's kinds: amongUnmatched looks up to their ends.
  const kinds = scratch.kinds.subarray(0, lines);
  // One pass settles every line but the common ones, which need their neighbours' kinds: without
  // any (the usual case), there is no second pass.
  let kept = 0;
  let commonLines = 0;
  for (let i = from; i < to; i++) {
    const count = countsInOther[ids[i]!]!;
    const kind = count === 0 ? UNMATCHED : count >= commonLimit ? COMMON : MATCHABLE;
    kinds[i - from] = kind;
    if (kind === COMMON) commonLines++;
    else if (kind === MATCHABLE) {
      keptIds[kept] = ids[i]!;
      keptIndex[kept] = i;
      kept++;
    } else changed[i + 1] = 1;
  }
  if (commonLines === 0) return { ids: keptIds.subarray(0, kept), index: keptIndex.subarray(0, kept) };
  kept = 0;
  for (let k = 0; k < lines; k++) {
    const kind = kinds[k];
    if (kind === MATCHABLE || (kind === COMMON && !amongUnmatched(kinds, k))) {
      keptIds[kept] = ids[from + k]!;
      keptIndex[kept] = from + k;
      kept++;
    } else {
      changed[from + k + 1] = 1;
    }
  }
  return { ids: keptIds.subarray(0, kept), index: keptIndex.subarray(0, kept) };
}

/**
 * Whether the common line at `k` sits in a run of unmatched and common lines that has unmatched
 * lines on both sides of it and is mostly unmatched (common lines are under a quarter of the run,
 * the line itself counting once for each side).
 */
function amongUnmatched(kinds: Uint8Array, k: number): boolean {
  const first = Math.max(0, k - SCAN_WINDOW);
  const last = Math.min(kinds.length - 1, k + SCAN_WINDOW);
  let unmatchedBefore = 0;
  let commonBefore = 1;
  for (let i = k - 1; i >= first; i--) {
    const kind = kinds[i];
    if (kind === UNMATCHED) unmatchedBefore++;
    else if (kind === COMMON) commonBefore++;
    else break;
  }
  if (unmatchedBefore === 0) return false;
  let unmatchedAfter = 0;
  let commonAfter = 1;
  for (let i = k + 1; i <= last; i++) {
    const kind = kinds[i];
    if (kind === UNMATCHED) unmatchedAfter++;
    else if (kind === COMMON) commonAfter++;
    else break;
  }
  if (unmatchedAfter === 0) return false;
  const common = commonBefore + commonAfter;
  return common * 4 < common + unmatchedBefore + unmatchedAfter;
}

/** Pairs up the runs of changed lines of both files (walking back in step) into changes. */
function collectChanges(changedA: Uint8Array, lengthA: number, changedB: Uint8Array, lengthB: number): LineChange[] {
  const changes: LineChange[] = [];
  // Cell i is line i - 1, so starting at cell `length` looks at the last line.
  let i = lengthA;
  let j = lengthB;
  while (i > 0 || j > 0) {
    if (changedA[i] === 1 || changedB[j] === 1) {
      const aEnd = i;
      const bEnd = j;
      while (changedA[i] === 1) i--;
      while (changedB[j] === 1) j--;
      changes.push({ aStart: i, aCount: aEnd - i, bStart: j, bCount: bEnd - j });
    } else {
      i--;
      j--;
    }
  }
  return changes.reverse();
}
