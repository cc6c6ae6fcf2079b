// Writes a merge out as text, conflicts between git-style markers. The markers take the file's line
// ending: CRLF when the lines just before the conflict on both sides and the base's first line end
// in CRLF (a side with no line to judge by does not vote), LF otherwise — git's rule, so that a
// CRLF file stays CRLF. A conflict side whose last line has no newline gets one, or the marker
// after it would join that line. A merge told to favor a side writes no markers: each conflict is
// resolved as git's --ours, --theirs or --union resolve it.
import type { MergeRegion, MergeStyle } from './line-merge.js';
import type { Lines, LineWriter } from './lines.js';

/** How conflicts are resolved instead of marked: with local's lines, remote's, or local's then remote's. */
export type MergeFavor = 'ours' | 'theirs' | 'union';

/** How conflicts are written: labels for local, base and remote, style, and marker length; or the side they favor. */
export interface MergeOutputOptions {
  readonly labels: readonly [string, string, string];
  readonly style: MergeStyle;
  readonly markerSize: number;
  readonly favor?: MergeFavor;
}

/** Writes the merge of `regions` (from mergeLines over the same lines) to `out`, with conflict markers. */
export function renderMerge<L extends Lines>(
  base: L,
  local: L,
  remote: L,
  regions: readonly MergeRegion[],
  options: MergeOutputOptions,
  out: LineWriter<L>,
): void {
  let next = 0;
  for (const region of regions) {
    out.lines(local, next, region.local.start);
    if (region.kind === 'local') {
      out.lines(local, region.local.start, region.local.start + region.local.count);
    } else if (region.kind === 'remote') {
      out.lines(remote, region.remote.start, region.remote.start + region.remote.count);
    } else if (options.favor !== undefined) {
      writeFavored(out, base, local, remote, region, options.favor);
    } else {
      writeConflict(out, base, local, remote, region, options);
    }
    next = region.local.start + region.local.count;
  }
  out.lines(local, next, local.count);
}

function writeConflict<L extends Lines>(
  out: LineWriter<L>,
  base: L,
  local: L,
  remote: L,
  region: MergeRegion,
  { labels, style, markerSize }: MergeOutputOptions,
): void {
  const eol = conflictLineEnding(base, local, remote, region) === 'crlf' ? '\r\n' : '\n';
  const marker = (char: string, label: string | null): string => `${char.repeat(markerSize)}${label === null ? '' : ` ${label}`}${eol}`;
  out.text(marker('<', labels[0]));
  writeSide(out, local, region.local.start, region.local.count, eol);
  if (style !== 'merge') {
    out.text(marker('|', labels[1]));
    if (region.base) writeSide(out, base, region.base.start, region.base.count, eol);
  }
  out.text(marker('=', null));
  writeSide(out, remote, region.remote.start, region.remote.count, eol);
  out.text(marker('>', labels[2]));
}

/**
 * A conflict resolved for a side, as git's xdl_fill_merge_buffer does: a side's lines are copied
 * as they are, so a favored side that ends without a newline keeps ending without one; only the
 * union ends local's last line before remote's lines follow, or the two lines would join.
 */
function writeFavored<L extends Lines>(out: LineWriter<L>, base: L, local: L, remote: L, region: MergeRegion, favor: MergeFavor): void {
  switch (favor) {
    case 'ours':
      out.lines(local, region.local.start, region.local.start + region.local.count);
      return;
    case 'theirs':
      out.lines(remote, region.remote.start, region.remote.start + region.remote.count);
      return;
    case 'union': {
      const eol = conflictLineEnding(base, local, remote, region) === 'crlf' ? '\r\n' : '\n';
      writeSide(out, local, region.local.start, region.local.count, eol);
      out.lines(remote, region.remote.start, region.remote.start + region.remote.count);
      return;
    }
  }
}

/** Writes one side of a conflict, ending its last line so that the next marker starts a line. */
function writeSide<L extends Lines>(out: LineWriter<L>, lines: L, start: number, count: number, eol: string): void {
  out.lines(lines, start, start + count);
  if (count > 0 && !lines.hasNewline(start + count - 1)) out.text(eol);
}

type LineEnding = 'crlf' | 'lf' | 'unknown';

function conflictLineEnding(base: Lines, local: Lines, remote: Lines, region: MergeRegion): 'crlf' | 'lf' {
  const before = (start: number): number => (start > 0 ? start - 1 : 0);
  if (lineEnding(local, before(region.local.start)) === 'lf') return 'lf';
  if (lineEnding(remote, before(region.remote.start)) === 'lf') return 'lf';
  return lineEnding(base, 0) === 'crlf' ? 'crlf' : 'lf';
}

/** The ending of line `i`; a last line without one is judged by the line before it, if any. */
function lineEnding(lines: Lines, i: number): LineEnding {
  if (i >= lines.count) return 'unknown';
  if (lines.hasNewline(i)) return lines.endsInCrlf(i) ? 'crlf' : 'lf';
  if (i === 0) return 'unknown';
  return lines.endsInCrlf(i - 1) ? 'crlf' : 'lf';
}
