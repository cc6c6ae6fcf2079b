// A merge as the merge view needs it: every region the line merge found (the changes it applied and
// the conflicts it left), each with its lines in the base, the project, the collection and the
// merged text — the text `sync --write-markers` writes, byte for byte. The merge itself is
// mergeLines, the engine that agrees with `git merge-file`; this file only measures its regions.
import type { MergeRegionData } from '../../shared/merge-results.js';
import { diffLines, type LineChange } from './line-diff.js';
import { LineIdTable } from './line-ids.js';
import { mergeLines, type LineRange, type MergeRegion } from './line-merge.js';
import { renderMerge } from './merge-output.js';
import { TextLines, TextWriter } from './text-lines.js';

/** The merged text (conflicts between markers) and its regions. */
export interface MergeRegions {
  readonly merged: string;
  readonly regions: readonly MergeRegionData[];
}

const LABELS = ['project', 'base', 'collection'] as const;
const KIND = { local: 'project', remote: 'collection', conflict: 'conflict' } as const;

/** Merges `project` and `collection` edits of `base` by lines and measures every region in all four texts. */
export function mergeRegions(base: string, project: string, collection: string): MergeRegions {
  const baseLines = new TextLines(base);
  const projectLines = new TextLines(project);
  const collectionLines = new TextLines(collection);
  const regions = mergeLines(baseLines, projectLines, collectionLines, 'merge');
  const out = new TextWriter();
  renderMerge(baseLines, projectLines, collectionLines, regions, { labels: [...LABELS], style: 'merge', markerSize: 7 }, out);
  const merged = out.result();
  const needsBase = regions.some((region) => region.base === null);
  const toBase = needsBase ? projectToBase(baseLines, projectLines) : undefined;
  const measured: MergeRegionData[] = [];
  let mergedLine = 0;
  let projectLine = 0;
  for (const region of regions) {
    mergedLine += region.local.start - projectLine;
    const mergedCount = region.kind === 'local' ? region.local.count : region.kind === 'remote' ? region.remote.count : region.local.count + region.remote.count + 3;
    measured.push({
      kind: KIND[region.kind],
      base: region.base ?? toBase!(region.local),
      project: region.local,
      collection: region.remote,
      merged: { start: mergedLine, count: mergedCount },
    });
    mergedLine += mergedCount;
    projectLine = region.local.start + region.local.count;
  }
  return { merged, regions: measured };
}

/**
 * The base lines a range of project lines stands for. The default merge style refines and joins
 * conflicts, which loses their base ranges; the project's own diff from the base gives them back:
 * unchanged lines map one to one, and a range edge inside a change maps to that change's edge.
 */
function projectToBase(base: TextLines, project: TextLines): (range: LineRange) => LineRange {
  const table = new LineIdTable();
  const baseArray = base.toArray();
  const baseIds = table.idsOf(baseArray);
  const changes = diffLines(baseIds, table.idsFollowing(project, baseArray, baseIds));
  return (range) => {
    const start = mapLine(changes, range.start, 'start');
    const end = Math.max(start, mapLine(changes, range.start + range.count, 'end'));
    return { start, count: end - start };
  };
}

/** Where project line boundary `line` falls in the base: a boundary touching a change takes the change's start (for a start) or end (for an end). */
function mapLine(changes: readonly LineChange[], line: number, edge: 'start' | 'end'): number {
  let shift = 0;
  for (const change of changes) {
    const changeEnd = change.bStart + change.bCount;
    if (edge === 'start' ? line < change.bStart : line < change.bStart || (line === change.bStart && change.bCount > 0)) break;
    if (line < changeEnd || (line === changeEnd && edge === 'end') || (line === change.bStart && edge === 'start')) {
      return edge === 'start' ? change.aStart : change.aStart + change.aCount;
    }
    shift = change.aStart + change.aCount - changeEnd;
  }
  return line + shift;
}

export type { MergeRegion };
