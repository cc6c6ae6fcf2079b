// A diff often has a choice of where to put a group of changed lines: inserting "b\n" into
// "a b c" after the existing "b" or before it is the same edit. Sliding each group as far as it goes
// and then settling it in a fixed place makes the choice predictable, and these are git's rules:
// slide up as far as possible (merging with groups it meets), then down as far as possible, repeat
// until the group stops growing; finally, if some position lines it up with a change in the other
// file, move back up to the lowest such position, otherwise leave it at the bottom.
//
// Flags are per line, in cells shifted by one (line i is cell i + 1) so cells 0 and n + 1 are
// always-unchanged sentinels.

/** A run [start, end) of changed lines in one file; empty when start === end. */
interface Group {
  start: number;
  end: number;
}

interface Side {
  readonly ids: Int32Array;
  readonly changed: Uint8Array;
}

function isChanged(side: Side, line: number): boolean {
  return side.changed[line + 1] === 1;
}

function firstGroup(side: Side): Group {
  const group = { start: 0, end: 0 };
  while (isChanged(side, group.end)) group.end++;
  return group;
}

/** Moves to the next group (possibly empty); false at the end of the file. */
function nextGroup(side: Side, group: Group): boolean {
  if (group.end === side.ids.length) return false;
  group.start = group.end + 1;
  group.end = group.start;
  while (isChanged(side, group.end)) group.end++;
  return true;
}

/** Moves to the previous group (possibly empty); false at the start of the file. */
function previousGroup(side: Side, group: Group): boolean {
  if (group.start === 0) return false;
  group.end = group.start - 1;
  group.start = group.end;
  while (isChanged(side, group.start - 1)) group.start--;
  return true;
}

/** Shifts a group one line down when its first line equals the line after it. */
function slideDown(side: Side, group: Group): boolean {
  const { ids, changed } = side;
  if (group.end >= ids.length || ids[group.start] !== ids[group.end]) return false;
  changed[group.start + 1] = 0;
  changed[group.end + 1] = 1;
  group.start++;
  group.end++;
  while (isChanged(side, group.end)) group.end++;
  return true;
}

/** Shifts a group one line up when its last line equals the line before it. */
function slideUp(side: Side, group: Group): boolean {
  const { ids, changed } = side;
  if (group.start === 0 || ids[group.start - 1] !== ids[group.end - 1]) return false;
  group.start--;
  group.end--;
  changed[group.start + 1] = 1;
  changed[group.end + 1] = 0;
  while (isChanged(side, group.start - 1)) group.start--;
  return true;
}

/**
 * Settles every group of changed lines of `side` in its canonical place. `other` is the other file of
 * the diff; its groups correspond one to one with ours (both files have the same unchanged lines) and
 * are walked in step, but never moved.
 */
export function slideChanges(side: Side, other: Side): void {
  const group = firstGroup(side);
  const otherGroup = firstGroup(other);
  for (;;) {
    if (group.end > group.start) settleGroup(side, group, other, otherGroup);
    else passUnchangedLines(side, group, other, otherGroup);
    if (!nextGroup(side, group)) return;
    nextGroup(other, otherGroup);
  }
}

/**
 * From an empty group, moves both files past the lines that are unchanged in both, in step — what
 * nextGroup would do one line at a time, but in one tight loop: most of a large file's lines.
 */
function passUnchangedLines(side: Side, group: Group, other: Side, otherGroup: Group): void {
  const lines = side.ids.length;
  const otherLines = other.ids.length;
  let line = group.end;
  let otherLine = otherGroup.end;
  // One step makes the groups [line + 1, …) and [otherLine + 1, …): empty when those lines are unchanged (cell = line + 1).
  while (line + 1 < lines && otherLine + 1 < otherLines && side.changed[line + 2] === 0 && other.changed[otherLine + 2] === 0) {
    line++;
    otherLine++;
  }
  if (line === group.end) return;
  group.start = group.end = line;
  otherGroup.start = otherGroup.end = otherLine;
}

function settleGroup(side: Side, group: Group, other: Side, otherGroup: Group): void {
  let size: number;
  let topEnd: number;
  let canAlign: boolean;
  do {
    size = group.end - group.start;
    canAlign = false;
    while (slideUp(side, group)) previousGroup(other, otherGroup);
    topEnd = group.end;
    if (otherGroup.end > otherGroup.start) canAlign = true;
    while (slideDown(side, group)) {
      nextGroup(other, otherGroup);
      if (otherGroup.end > otherGroup.start) canAlign = true;
    }
  } while (size !== group.end - group.start);

  if (group.end !== topEnd && canAlign) {
    while (otherGroup.end === otherGroup.start) {
      slideUp(side, group);
      previousGroup(other, otherGroup);
    }
  }
}
