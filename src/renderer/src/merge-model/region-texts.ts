// What each choice would put into a region, and how a region's text is recognised as one of them.
// The state of a region is never stored as "what was clicked": it is read back from the text after
// every change, so typing the collection's lines by hand, or the markers back, means the same as
// the buttons.
import type { MergeRegionData } from '../../../shared/merge-results.js';
import { hasNewline } from './split-lines.js';
import type { RegionChoice, RegionState } from './region-view.js';

/** The four texts of a merge, as lines. */
export interface MergeSources {
  readonly base: readonly string[];
  readonly project: readonly string[];
  readonly collection: readonly string[];
  readonly merged: readonly string[];
}

/** A text a region can be recognised by, with the state it means. */
export interface RecognisedText {
  readonly state: RegionChoice | 'unresolved';
  readonly lines: readonly string[];
}

/** The texts of one region. */
export interface RegionTexts {
  /** Lines each choice puts there; 'unresolved' is the marker block (a non-conflict region's merged lines). */
  readonly of: Readonly<Record<RegionChoice | 'unresolved', readonly string[]>>;
  /** The texts its state is recognised by, in the order they are tried. */
  readonly recognised: readonly RecognisedText[];
}

/** The texts every choice would put into `region`; `eol` separates the parts of "both" when the first lacks one. */
export function regionTexts(sources: MergeSources, region: MergeRegionData, eol: string): RegionTexts {
  const project = slice(sources.project, region.project.start, region.project.count);
  const collection = slice(sources.collection, region.collection.start, region.collection.count);
  const of = {
    unresolved: slice(sources.merged, region.merged.start, region.merged.count),
    project,
    collection,
    both: joinParts(project, collection, eol),
    both_collection_first: joinParts(collection, project, eol),
    base: slice(sources.base, region.base.start, region.base.count),
  };
  // A region's own side comes first, so a project region whose two sides happen to read alike is
  // still 'project'. Only a conflict has a marker block: the merged lines of the others are a side.
  const order: readonly (RegionChoice | 'unresolved')[] =
    region.kind === 'conflict'
      ? ['unresolved', 'project', 'collection', 'both', 'both_collection_first', 'base']
      : region.kind === 'collection'
        ? ['collection', 'project', 'both', 'both_collection_first', 'base']
        : ['project', 'collection', 'both', 'both_collection_first', 'base'];
  return { of, recognised: order.map((state) => ({ state, lines: of[state] })) };
}

/** The state lines[start, start + count) are recognised as: the first recognised text equal to them, else 'hand'. */
export function stateOf(texts: RegionTexts, lines: readonly string[], start: number, count: number): RegionState {
  for (const { state, lines: candidate } of texts.recognised) {
    if (candidate.length === count && linesEqualAt(lines, start, candidate)) return state;
  }
  return 'hand';
}

/** True when lines[at, at + part.length) are exactly `part`. */
export function linesEqualAt(lines: readonly string[], at: number, part: readonly string[]): boolean {
  if (at < 0 || at + part.length > lines.length) return false;
  for (let i = 0; i < part.length; i++) if (lines[at + i] !== part[i]) return false;
  return true;
}

/** The line ending the texts use: that of the first line ending in "\n" (merged first), "\n" when none does. */
export function lineEndingOf(sources: MergeSources): string {
  for (const lines of [sources.merged, sources.project, sources.collection, sources.base]) {
    const line = lines.find(hasNewline);
    if (line !== undefined) return line.endsWith('\r\n') ? '\r\n' : '\n';
  }
  return '\n';
}

function slice(lines: readonly string[], start: number, count: number): readonly string[] {
  return lines.slice(start, start + count);
}

/** One part after the other; a first part ending without a newline gets one, or its last line would join the next. */
function joinParts(first: readonly string[], second: readonly string[], eol: string): readonly string[] {
  const last = first[first.length - 1];
  if (last === undefined || second.length === 0 || hasNewline(last)) return [...first, ...second];
  return [...first.slice(0, -1), last + eol, ...second];
}
