import { SkillmeatError } from '../errors.js';
import { mergeLines } from './line-merge.js';
import type { MergeStyle } from './line-merge.js';
import { renderMerge } from './merge-output.js';
import { TextLines } from './text-lines.js';

/** Options for mergeText; every field has git merge-file's default. */
export interface MergeTextOptions {
  /** Conflict marker labels for local, base and remote. Defaults to the spec's project / base / collection. */
  readonly labels?: readonly [string, string, string];
  /** 'merge' (default) or 'diff3', which also shows the base lines of each conflict. */
  readonly style?: MergeStyle;
  /** Length of the marker runs (`<<<<<<<`); 7 unless given. */
  readonly markerSize?: number;
}

/** A merged text and how many conflict hunks it holds (each between markers). */
export interface MergeTextResult {
  readonly text: string;
  readonly conflicts: number;
  readonly clean: boolean;
}

const DEFAULT_LABELS = ['project', 'base', 'collection'] as const;
const DEFAULT_MARKER_SIZE = 7;

/** Three-way merges local and remote edits of base by lines, agreeing with `git merge-file -p`. */
export function mergeText(base: string, local: string, remote: string, options: MergeTextOptions = {}): MergeTextResult {
  const labels = options.labels ?? DEFAULT_LABELS;
  const style = options.style ?? 'merge';
  const markerSize = options.markerSize ?? DEFAULT_MARKER_SIZE;
  checkOptions(labels, style, markerSize);

  // One side unchanged: the other side is the merge, byte for byte.
  if (local === base) return { text: remote, conflicts: 0, clean: true };
  if (remote === base) return { text: local, conflicts: 0, clean: true };

  const baseLines = new TextLines(base);
  const localLines = new TextLines(local);
  const remoteLines = new TextLines(remote);
  const regions = mergeLines(baseLines, localLines, remoteLines, style);
  const text = renderMerge(baseLines, localLines, remoteLines, regions, { labels, style, markerSize });
  const conflicts = regions.filter((region) => region.kind === 'conflict').length;
  return { text, conflicts, clean: conflicts === 0 };
}

function checkOptions(labels: readonly string[], style: string, markerSize: number): void {
  if (labels.length !== 3 || labels.some((label) => typeof label !== 'string' || /[\r\n]/.test(label))) {
    throw new SkillmeatError('invalid_input', 'Merge labels must be three single-line strings (for local, base and remote).', { labels });
  }
  if (style !== 'merge' && style !== 'diff3') {
    throw new SkillmeatError('invalid_input', `Unknown merge style "${style}": use "merge" or "diff3".`, { style });
  }
  if (!Number.isInteger(markerSize) || markerSize < 1 || markerSize > 100) {
    throw new SkillmeatError('invalid_input', `Conflict marker size must be a whole number from 1 to 100, not ${markerSize}.`, { markerSize });
  }
}
