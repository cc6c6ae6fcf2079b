// Small merges for tests, written piece by piece instead of computed: lines both sides left alone,
// and regions with their base, project and collection text. The texts, the merged text with
// git-style markers and the region ranges follow from the pieces exactly as the core reports them.
import type { MergeRegionData } from '../../../shared/merge-results.js';
import type { MergeModelInput } from './merge-model.js';
import { hasNewline, splitLines } from './split-lines.js';

/** One piece of a merge: unchanged lines, or a region and its three texts. */
export type MergePiece =
  | { readonly kind: 'same'; readonly text: string }
  | { readonly kind: MergeRegionData['kind']; readonly base: string; readonly project: string; readonly collection: string };

/** Lines neither side changed. */
export function same(text: string): MergePiece {
  return { kind: 'same', text };
}

/** Lines only the project changed. */
export function projectChange(base: string, project: string): MergePiece {
  return { kind: 'project', base, project, collection: base };
}

/** Lines only the collection changed. */
export function collectionChange(base: string, collection: string): MergePiece {
  return { kind: 'collection', base, project: base, collection };
}

/** Lines both sides changed, differently. */
export function conflict(texts: { readonly base: string; readonly project: string; readonly collection: string }): MergePiece {
  return { kind: 'conflict', ...texts };
}

/** The merge input the core would send for these pieces; markers end in `eol`. */
export function buildMerge(pieces: readonly MergePiece[], eol: '\n' | '\r\n' = '\n'): MergeModelInput {
  const texts = { base: '', project: '', collection: '', merged: '' };
  const lineCounts = { base: 0, project: 0, collection: 0, merged: 0 };
  const regions: MergeRegionData[] = [];
  const add = (key: keyof typeof texts, text: string): { start: number; count: number } => {
    const range = { start: lineCounts[key], count: splitLines(text).length };
    texts[key] += text;
    lineCounts[key] += range.count;
    return range;
  };
  for (const piece of pieces) {
    if (piece.kind === 'same') {
      for (const key of ['base', 'project', 'collection', 'merged'] as const) add(key, piece.text);
      continue;
    }
    const merged =
      piece.kind === 'project'
        ? piece.project
        : piece.kind === 'collection'
          ? piece.collection
          : `<<<<<<< project${eol}${ended(piece.project, eol)}=======${eol}${ended(piece.collection, eol)}>>>>>>> collection${eol}`;
    regions.push({
      kind: piece.kind,
      base: add('base', piece.base),
      project: add('project', piece.project),
      collection: add('collection', piece.collection),
      merged: add('merged', merged),
    });
  }
  return { ...texts, regions };
}

/** A conflict side as its marker block holds it: ending in a newline, so the next marker starts a line. */
function ended(text: string, eol: string): string {
  return text === '' || hasNewline(text) ? text : text + eol;
}
