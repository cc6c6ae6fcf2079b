/**
 * Lining the panes of the merge view up: every pane shows its own text, and blank view zones pad
 * the shorter side of each stretch so corresponding lines sit side by side. With every stretch
 * padded to the tallest pane, all panes are equally tall, so keeping them scrolled together is
 * setting one scrollTop on all.
 */
import type { LineSpan } from '../merge-model/region-view.js';

/** One pane as the alignment sees it: its line count and, per block, the lines the block covers. */
export interface AlignedPane {
  readonly lineCount: number;
  /** One span per block, in order, not overlapping. */
  readonly blocks: readonly LineSpan[];
}

/** A view zone to add to a pane (Monaco's numbering: after line 0 is above the first line). */
export interface ZoneSpec {
  readonly afterLineNumber: number;
  readonly heightInLines: number;
  /** `padding` fills a shorter stretch; `header` is the row above a block that holds its actions. */
  readonly kind: 'padding' | 'header';
  /** The block a zone belongs to (the one it pads or heads); -1 for the stretch after the last block. */
  readonly block: number;
  /**
   * Order among zones after the same line (Monaco's `ordinal`): document order, numbered from the
   * block so a zone keeps its number while blocks before it change size (3b: the stretch before
   * block b; 3b + 1: its header; 3b + 2: the block itself).
   */
  readonly ordinal: number;
}

/**
 * The view zones of each pane: each stretch (the unchanged lines between blocks, and each block) is
 * padded at its end to the tallest pane's height; a block with `headerLines[block] > 0` gets a
 * header row of that height above it in every pane.
 */
export function alignmentZones(panes: readonly AlignedPane[], headerLines: readonly number[] = []): ZoneSpec[][] {
  const zones: ZoneSpec[][] = panes.map(() => []);
  const blockCount = Math.min(...panes.map((p) => p.blocks.length));
  const padStretch = (block: number, ordinal: number, ends: readonly number[], counts: readonly number[]) => {
    const tallest = Math.max(0, ...counts);
    panes.forEach((_, p) => {
      const count = counts[p] ?? 0;
      if (count < tallest) zones[p]?.push({ afterLineNumber: ends[p] ?? 0, heightInLines: tallest - count, kind: 'padding', block, ordinal });
    });
  };
  for (let block = 0; block <= blockCount; block++) {
    // The unchanged stretch before `block` (or after the last one).
    const starts = panes.map((pane) => (block === 0 ? 0 : end(pane.blocks[block - 1])));
    const ends = panes.map((pane, p) => Math.max(starts[p] ?? 0, block < blockCount ? (pane.blocks[block]?.start ?? 0) : pane.lineCount));
    padStretch(block < blockCount ? block : -1, 3 * block, ends, ends.map((e, p) => e - (starts[p] ?? 0)));
    if (block === blockCount) break;
    const header = headerLines[block] ?? 0;
    if (header > 0) panes.forEach((_, p) => zones[p]?.push({ afterLineNumber: ends[p] ?? 0, heightInLines: header, kind: 'header', block, ordinal: 3 * block + 1 }));
    const spans = panes.map((pane) => pane.blocks[block] ?? { start: 0, count: 0 });
    padStretch(block, 3 * block + 2, spans.map(end), spans.map((s) => s.count));
  }
  return zones;
}

/** Where a span ends (exclusive), which is also the 1-based number of its last line. */
function end(span: LineSpan | undefined): number {
  return span === undefined ? 0 : span.start + span.count;
}

/** A region as the alignment groups it: its spans in the result and in each side. */
export interface RegionSpans {
  readonly result: LineSpan;
  readonly base: LineSpan;
  readonly project: LineSpan;
  readonly collection: LineSpan;
}

/** A run of regions shown as one block: regions whose result lines touch or overlap (a hand edit can join them). */
export interface RegionBlock<R extends RegionSpans> {
  readonly regions: readonly R[];
  readonly result: LineSpan;
  readonly base: LineSpan;
  readonly project: LineSpan;
  readonly collection: LineSpan;
}

/**
 * Regions (in order) grouped into blocks: a region whose result span overlaps the block before it
 * joins that block; each block spans from its first region's start to its last region's end in
 * every text.
 */
export function regionBlocks<R extends RegionSpans>(regions: readonly R[]): RegionBlock<R>[] {
  const groups: R[][] = [];
  for (const region of regions) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last !== undefined && previous !== undefined && overlaps(previous.result, region.result)) last.push(region);
    else groups.push([region]);
  }
  return groups.map((group) => ({
    regions: group,
    result: cover(group.map((r) => r.result)),
    base: cover(group.map((r) => r.base)),
    project: cover(group.map((r) => r.project)),
    collection: cover(group.map((r) => r.collection)),
  }));
}

/** Two result spans are one block when they share a line, or are the same point. */
function overlaps(a: LineSpan, b: LineSpan): boolean {
  if (a.start === b.start && a.count === b.count) return true;
  return a.start < b.start + b.count && b.start < a.start + a.count;
}

function cover(spans: readonly LineSpan[]): LineSpan {
  const start = Math.min(...spans.map((s) => s.start));
  const stop = Math.max(...spans.map((s) => s.start + s.count));
  return { start, count: stop - start };
}
