// The three-way line merge (diff3): diff base→local and base→remote, walk both lists of changes
// together, take each change that the other side leaves alone, take identical changes once, and
// turn changes that overlap or touch into a conflict. Then, in the default style, git's
// refinements: a conflict is re-diffed between its two sides so that lines both sides agree on
// drop out of it (possibly splitting it), and conflicts only a few lines apart — or apart only by
// lines with no letters or digits — are joined into one, which reads better than fragments. The
// zdiff3 style keeps the base range of each conflict whole (it is shown) and only moves the lines
// both sides share at the start and end of a conflict out of it.
import { diffLines } from './line-diff.js';
import type { LineChange } from './line-diff.js';
import type { Lines } from './lines.js';

/**
 * 'merge' shows local and remote in a conflict; 'diff3' also shows the base lines between them;
 * 'zdiff3' ("zealous diff3") is diff3 with the lines both sides share at a conflict's edges moved
 * out of the conflict.
 */
export type MergeStyle = 'merge' | 'diff3' | 'zdiff3';

/** A range of lines in one file. */
export interface LineRange {
  readonly start: number;
  readonly count: number;
}

/**
 * One place where the merged result differs from the local side's unchanged lines:
 * `remote` takes the remote side's lines in place of local's, `local` keeps local's changed lines,
 * `conflict` needs a person. `base` is null for conflicts that the default style's refining split
 * or joined: their lines no longer map to one range of base lines.
 */
export interface MergeRegion {
  readonly kind: 'local' | 'remote' | 'conflict';
  readonly base: LineRange | null;
  readonly local: LineRange;
  readonly remote: LineRange;
}

/** Gaps of at most this many lines between two conflicts are folded into one conflict. */
const MAX_GAP_KEPT_INSIDE = 3;

type Kind = 'local' | 'remote' | 'conflict' | 'same';

interface Region {
  kind: Kind;
  base: LineRange | null;
  localStart: number;
  localCount: number;
  remoteStart: number;
  remoteCount: number;
}

/**
 * Merges the lines of local and remote against base, like `git merge-file` (level "zealous alnum").
 * The result lists the regions in order; lines outside them are local's lines, unchanged from base.
 */
export function mergeLines<L extends Lines>(base: L, local: L, remote: L, style: MergeStyle = 'merge'): MergeRegion[] {
  const { base: baseIds, local: localIds, remote: remoteIds } = base.lineIds(local, remote);
  const regions = walkChanges(diffLines(baseIds, localIds), diffLines(baseIds, remoteIds), localIds, remoteIds);
  const refined = refine(regions, style, local, localIds, remoteIds);
  const result: MergeRegion[] = [];
  for (const { kind, base: baseRange, localStart, localCount, remoteStart, remoteCount } of refined) {
    // Both sides made the same change there: the local lines already say it.
    if (kind === 'same') continue;
    result.push({
      kind,
      base: baseRange,
      local: { start: localStart, count: localCount },
      remote: { start: remoteStart, count: remoteCount },
    });
  }
  return result;
}

/** git's refinements of the conflicts the walk found, which differ by style (xdl_do_merge). */
function refine(regions: Region[], style: MergeStyle, local: Lines, localIds: Int32Array, remoteIds: Int32Array): Region[] {
  switch (style) {
    case 'merge':
      return joinNearbyConflicts(refineConflicts(regions, localIds, remoteIds), local);
    // The diff3 styles show the base lines of each conflict, so a conflict must stay one range of
    // base lines: diff3 refines nothing, zdiff3 only trims the sides' shared edges.
    case 'diff3':
      return regions;
    case 'zdiff3':
      return trimSharedEdges(regions, localIds, remoteIds);
  }
}

/** The diff3 walk over both change lists, both ordered by base position. */
function walkChanges(toLocal: LineChange[], toRemote: LineChange[], localIds: Int32Array, remoteIds: Int32Array): Region[] {
  const regions: Region[] = [];
  let l = 0;
  let r = 0;
  // Where a base line lands on the other side is its position plus the net growth of that side's
  // changes before it.
  const remoteShift = (): number => (r > 0 ? end(toRemote[r - 1]!, 'b') - end(toRemote[r - 1]!, 'a') : 0);
  const localShift = (): number => (l > 0 ? end(toLocal[l - 1]!, 'b') - end(toLocal[l - 1]!, 'a') : 0);

  while (l < toLocal.length && r < toRemote.length) {
    const ours = toLocal[l]!;
    const theirs = toRemote[r]!;
    if (end(ours, 'a') < theirs.aStart) {
      append(regions, takeLocal(ours, remoteShift()));
      l++;
      continue;
    }
    if (end(theirs, 'a') < ours.aStart) {
      append(regions, takeRemote(theirs, localShift()));
      r++;
      continue;
    }
    // The changes overlap or touch (a change ending where the other starts counts: git leaves
    // adjacent edits to a person).
    if (!sameChange(ours, theirs, localIds, remoteIds)) append(regions, conflictOver(ours, theirs));
    const oursEnd = end(ours, 'a');
    const theirsEnd = end(theirs, 'a');
    if (oursEnd >= theirsEnd) r++;
    if (theirsEnd >= oursEnd) l++;
  }
  for (; l < toLocal.length; l++) append(regions, takeLocal(toLocal[l]!, remoteShift()));
  for (; r < toRemote.length; r++) append(regions, takeRemote(toRemote[r]!, localShift()));
  return regions;
}

function end(change: LineChange, side: 'a' | 'b'): number {
  return side === 'a' ? change.aStart + change.aCount : change.bStart + change.bCount;
}

function takeLocal(change: LineChange, remoteShift: number): Region {
  return {
    kind: 'local',
    base: { start: change.aStart, count: change.aCount },
    localStart: change.bStart,
    localCount: change.bCount,
    remoteStart: change.aStart + remoteShift,
    remoteCount: change.aCount,
  };
}

function takeRemote(change: LineChange, localShift: number): Region {
  return {
    kind: 'remote',
    base: { start: change.aStart, count: change.aCount },
    localStart: change.aStart + localShift,
    localCount: change.aCount,
    remoteStart: change.bStart,
    remoteCount: change.bCount,
  };
}

function sameChange(ours: LineChange, theirs: LineChange, localIds: Int32Array, remoteIds: Int32Array): boolean {
  if (ours.aStart !== theirs.aStart || ours.aCount !== theirs.aCount || ours.bCount !== theirs.bCount) return false;
  for (let k = 0; k < ours.bCount; k++) {
    if (localIds[ours.bStart + k] !== remoteIds[theirs.bStart + k]) return false;
  }
  return true;
}

/** The conflict covering both changes: the union of their base lines, and what each side made of it. */
function conflictOver(ours: LineChange, theirs: LineChange): Region {
  const baseStart = Math.min(ours.aStart, theirs.aStart);
  const baseEnd = Math.max(end(ours, 'a'), end(theirs, 'a'));
  const localStart = ours.bStart - (ours.aStart - baseStart);
  const remoteStart = theirs.bStart - (theirs.aStart - baseStart);
  return {
    kind: 'conflict',
    base: { start: baseStart, count: baseEnd - baseStart },
    localStart,
    localCount: end(ours, 'b') + (baseEnd - end(ours, 'a')) - localStart,
    remoteStart,
    remoteCount: end(theirs, 'b') + (baseEnd - end(theirs, 'a')) - remoteStart,
  };
}

/**
 * Adds a region, folding it into the previous one when they meet on either side; a fold of
 * different kinds is a conflict.
 */
function append(regions: Region[], next: Region): void {
  const previous = regions[regions.length - 1];
  if (
    previous === undefined ||
    (next.localStart > previous.localStart + previous.localCount && next.remoteStart > previous.remoteStart + previous.remoteCount)
  ) {
    regions.push(next);
    return;
  }
  if (next.kind !== previous.kind) previous.kind = 'conflict';
  const previousBase = previous.base!;
  const nextBase = next.base!;
  previous.base = { start: previousBase.start, count: nextBase.start + nextBase.count - previousBase.start };
  previous.localCount = next.localStart + next.localCount - previous.localStart;
  previous.remoteCount = next.remoteStart + next.remoteCount - previous.remoteStart;
}

/**
 * Re-diffs each conflict's local lines against its remote lines: lines both sides have in common
 * leave the conflict, which may break it into several; a conflict whose sides turn out equal
 * becomes 'same' (merged cleanly, both sides made the same change).
 */
function refineConflicts(regions: Region[], localIds: Int32Array, remoteIds: Int32Array): Region[] {
  const refined: Region[] = [];
  for (const region of regions) {
    if (region.kind !== 'conflict' || region.localCount === 0 || region.remoteCount === 0) {
      refined.push(region);
      continue;
    }
    const ours = localIds.subarray(region.localStart, region.localStart + region.localCount);
    const theirs = remoteIds.subarray(region.remoteStart, region.remoteStart + region.remoteCount);
    const differences = diffLines(ours, theirs);
    if (differences.length === 0) {
      refined.push({ ...region, kind: 'same' });
      continue;
    }
    for (const difference of differences) {
      refined.push({
        kind: 'conflict',
        base: null,
        localStart: region.localStart + difference.aStart,
        localCount: difference.aCount,
        remoteStart: region.remoteStart + difference.bStart,
        remoteCount: difference.bCount,
      });
    }
  }
  return refined;
}

/**
 * zdiff3: lines that open (or close) both sides of a conflict alike are taken out of it, where the
 * merge keeps them once, as local's; the base range stays whole. A side may end up empty, and the
 * conflict stays a conflict even then: git does the same (xdl_refine_zdiff3_conflicts).
 */
function trimSharedEdges(regions: Region[], localIds: Int32Array, remoteIds: Int32Array): Region[] {
  for (const region of regions) {
    if (region.kind !== 'conflict') continue;
    while (region.localCount > 0 && region.remoteCount > 0 && localIds[region.localStart] === remoteIds[region.remoteStart]) {
      region.localStart++;
      region.remoteStart++;
      region.localCount--;
      region.remoteCount--;
    }
    while (
      region.localCount > 0 &&
      region.remoteCount > 0 &&
      localIds[region.localStart + region.localCount - 1] === remoteIds[region.remoteStart + region.remoteCount - 1]
    ) {
      region.localCount--;
      region.remoteCount--;
    }
  }
  return regions;
}

/**
 * Joins neighbouring conflicts when the local lines between them are few or carry no letters or
 * digits (blank lines, braces): one conflict reads better than fragments split by noise.
 */
function joinNearbyConflicts(regions: Region[], local: Lines): Region[] {
  const joined: Region[] = [];
  for (const region of regions) {
    const previous = joined[joined.length - 1];
    if (previous?.kind === 'conflict' && region.kind === 'conflict') {
      const gapStart = previous.localStart + previous.localCount;
      const gapEnd = region.localStart;
      if (gapEnd - gapStart <= MAX_GAP_KEPT_INSIDE || !local.anyAlphanumeric(gapStart, gapEnd)) {
        previous.base = null;
        previous.localCount = region.localStart + region.localCount - previous.localStart;
        previous.remoteCount = region.remoteStart + region.remoteCount - previous.remoteStart;
        continue;
      }
    }
    joined.push(region);
  }
  return joined;
}
