/**
 * What the merge view paints on each pane, as plain values (Monaco turns them into decorations):
 * each region's lines, toned by what the region is and how it stands, and inside changed lines the
 * characters that differ from the base.
 */
import type { RegionState, RegionView } from '../merge-model/region-view.js';
import type { RegionBlock } from './merge-alignment.js';
import { contentOf } from './result-edits.js';

/** The panes of the merge view. */
export type MergePane = 'base' | 'project' | 'result' | 'collection';

/**
 * How a region's lines look in a pane: `project`/`collection` a change of that side (applied);
 * `conflict` an open conflict; `taken` this side's lines went into the result; `dropped` they did
 * not; `resolved` a conflict settled by a choice; `hand` typed by hand; `base` what both changed.
 */
export type RegionTone = 'project' | 'collection' | 'conflict' | 'taken' | 'dropped' | 'resolved' | 'hand' | 'base';

/** Whole lines [startLine, endLine] (1-based) of one region in one pane; an empty span is a `point` between lines. */
export interface LineMark {
  readonly startLine: number;
  readonly endLine: number;
  readonly tone: RegionTone;
  /** For an empty span: the mark is drawn above `startLine` (or below it, at the end of the text). */
  readonly point?: 'above' | 'below';
}

/** Characters [startColumn, endColumn) of one line (1-based columns) that differ from the base. */
export interface CharMark {
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
}

/** The texts of the panes, as lines (each with its ending). */
export interface PaneLines {
  readonly base: readonly string[];
  readonly project: readonly string[];
  readonly collection: readonly string[];
  readonly result: readonly string[];
}

const TAKES: Readonly<Record<RegionState, readonly ('project' | 'collection' | 'base')[]>> = {
  project: ['project'],
  collection: ['collection'],
  both: ['project', 'collection'],
  both_collection_first: ['project', 'collection'],
  base: ['base'],
  unresolved: [],
  hand: [],
};

/** The tone of a region in a side pane (base, project or collection). */
export function sideTone(region: Pick<RegionView, 'kind' | 'state'>, pane: 'base' | 'project' | 'collection'): RegionTone | null {
  if (pane !== 'base' && region.kind !== 'conflict' && region.kind !== pane) return null;
  if (region.state === 'unresolved') return pane === 'base' ? 'base' : 'conflict';
  if (region.kind !== 'conflict') return pane === 'base' ? 'base' : region.kind;
  if (region.state === 'hand') return pane === 'base' ? 'base' : 'dropped';
  return TAKES[region.state].includes(pane) ? 'taken' : pane === 'base' ? 'base' : 'dropped';
}

/** The tone of a block of regions in the result pane. */
export function resultTone(block: { readonly regions: readonly Pick<RegionView, 'kind' | 'state'>[] }): RegionTone {
  const { regions } = block;
  if (regions.some((r) => r.state === 'unresolved')) return 'conflict';
  if (regions.length > 1 || regions.some((r) => r.state === 'hand')) return 'hand';
  const [region] = regions;
  if (region === undefined || region.kind === 'conflict') return 'resolved';
  return region.state === region.kind ? region.kind : 'resolved';
}

/** The line marks of one pane: a side pane marks each region its side changed, the result marks each block. */
export function lineMarks(pane: MergePane, blocks: readonly RegionBlock<RegionView>[], lineCount: number): LineMark[] {
  const marks: LineMark[] = [];
  const mark = (span: { start: number; count: number }, tone: RegionTone) => {
    if (span.count > 0) marks.push({ startLine: span.start + 1, endLine: span.start + span.count, tone });
    else if (span.start < lineCount) marks.push({ startLine: span.start + 1, endLine: span.start + 1, tone, point: 'above' });
    else if (lineCount > 0) marks.push({ startLine: lineCount, endLine: lineCount, tone, point: 'below' });
  };
  for (const block of blocks) {
    if (pane === 'result') {
      mark(block.result, resultTone(block));
      continue;
    }
    for (const region of block.regions) {
      const tone = sideTone(region, pane);
      if (tone !== null) mark(region[pane], tone);
    }
  }
  return marks;
}

/**
 * The characters that differ from the base inside a pane's changed lines: each line of a region is
 * compared with the base line in the same place (a cheap per-line diff: the part between the
 * common start and the common end). Lines with no base counterpart are marked whole by `lineMarks`.
 */
export function charMarks(pane: 'project' | 'collection' | 'result', blocks: readonly RegionBlock<RegionView>[], texts: PaneLines): CharMark[] {
  const marks: CharMark[] = [];
  for (const block of blocks) {
    const spans =
      pane === 'result'
        ? resultTone(block) === 'conflict'
          ? []
          : [{ own: block.result, base: block.base }]
        : block.regions.filter((r) => sideTone(r, pane) !== null).map((r) => ({ own: r[pane], base: r.base }));
    for (const { own, base } of spans) {
      const pairs = Math.min(own.count, base.count);
      for (let i = 0; i < pairs; i++) {
        const range = changedColumns(texts[pane][own.start + i] ?? '', texts.base[base.start + i] ?? '');
        if (range !== null) marks.push({ line: own.start + i + 1, ...range });
      }
    }
  }
  return marks;
}

/** The columns of `line` that differ from `base` (common start and end trimmed), or null when nothing of `line` differs. */
export function changedColumns(line: string, base: string): { readonly startColumn: number; readonly endColumn: number } | null {
  const a = contentOf(line);
  const b = contentOf(base);
  if (a === b) return null;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const end = a.length - suffix;
  return end > prefix ? { startColumn: prefix + 1, endColumn: end + 1 } : null;
}
