import { SkillmeatError } from '../errors.js';
import { mergeLines } from './line-merge.js';
import type { MergeRegion, MergeStyle } from './line-merge.js';
import { renderMerge, type MergeFavor, type MergeOutputOptions } from './merge-output.js';
import { TextLines, TextWriter } from './text-lines.js';

/** Options for mergeText; every field has git merge-file's default. */
export interface MergeTextOptions {
  /**
   * Conflict marker labels for local, base and remote. Defaults to the spec's project / base /
   * collection. Written as given, line breaks included, as git writes its -L labels.
   */
  readonly labels?: readonly [string, string, string];
  /** 'merge' (default), 'diff3' (also shows the base lines of each conflict) or 'zdiff3'. */
  readonly style?: MergeStyle;
  /** Length of the marker runs (`<<<<<<<`); 7 unless given. */
  readonly markerSize?: number;
  /** Resolve every conflict for a side (git's --ours, --theirs, --union) instead of marking it. */
  readonly favor?: MergeFavor;
}

/** A merged text and how many conflict hunks it holds (each between markers). */
export interface MergeTextResult {
  readonly text: string;
  readonly conflicts: number;
  readonly clean: boolean;
}

const DEFAULT_LABELS = ['project', 'base', 'collection'] as const;
const DEFAULT_MARKER_SIZE = 7;
const STYLES: readonly string[] = ['merge', 'diff3', 'zdiff3'] satisfies readonly MergeStyle[];
const FAVORS: readonly string[] = ['ours', 'theirs', 'union'] satisfies readonly MergeFavor[];

/** Three-way merges local and remote edits of base by lines, agreeing with `git merge-file -p`. */
export function mergeText(base: string, local: string, remote: string, options: MergeTextOptions = {}): MergeTextResult {
  const output = outputOptions(options);
  // One side unchanged: the other side is the merge, byte for byte.
  if (local === base) return { text: remote, conflicts: 0, clean: true };
  if (remote === base) return { text: local, conflicts: 0, clean: true };

  const baseLines = new TextLines(base);
  const localLines = new TextLines(local);
  const remoteLines = new TextLines(remote);
  const regions = mergeLines(baseLines, localLines, remoteLines, output.style);
  const text = render(() => {
    const out = new TextWriter();
    renderMerge(baseLines, localLines, remoteLines, regions, output, out);
    return out.result();
  });
  const conflicts = conflictCount(regions, output);
  return { text, conflicts, clean: conflicts === 0 };
}

/** The options with git merge-file's defaults filled in, checked: a bad one is an invalid_input error. */
export function outputOptions(options: MergeTextOptions): MergeOutputOptions {
  const labels = options.labels ?? DEFAULT_LABELS;
  const style = options.style ?? 'merge';
  const markerSize = options.markerSize ?? DEFAULT_MARKER_SIZE;
  const favor = options.favor;
  checkOptions(labels, style, markerSize, favor);
  return { labels: labels as MergeOutputOptions['labels'], style, markerSize, ...(favor ? { favor } : {}) };
}

/** How many conflict hunks the merge holds: none when told to favor a side (git counts none, and merge-file exits 0). */
export function conflictCount(regions: readonly MergeRegion[], options: MergeOutputOptions): number {
  return options.favor ? 0 : regions.filter((region) => region.kind === 'conflict').length;
}

/** The error for a merged result too large to hold in memory. */
export function tooLargeError(): SkillmeatError {
  return new SkillmeatError('invalid_input', 'The merged text would be too large to hold in memory. Use a smaller conflict marker size, or merge smaller files.');
}

/**
 * A JavaScript string holds at most about 2^29 characters, where git would write a longer result
 * (a huge marker size, say): such a merge is refused with an error a user can act on rather than
 * left to fail as a bare RangeError.
 */
function render(write: () => string): string {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof RangeError) || !/^Invalid (string|array) length/.test(error.message)) throw error;
    throw tooLargeError();
  }
}

function checkOptions(labels: readonly string[], style: string, markerSize: number, favor: string | undefined): void {
  if (labels.length !== 3 || labels.some((label) => typeof label !== 'string')) {
    throw new SkillmeatError('invalid_input', 'Merge labels must be three strings (for local, base and remote).', { labels });
  }
  if (!STYLES.includes(style)) {
    throw new SkillmeatError('invalid_input', `Unknown merge style "${style}": use "merge", "diff3" or "zdiff3".`, { style });
  }
  if (!Number.isSafeInteger(markerSize) || markerSize < 1) {
    throw new SkillmeatError('invalid_input', `Conflict marker size must be a positive whole number, not ${markerSize}.`, { markerSize });
  }
  if (favor !== undefined && !FAVORS.includes(favor)) {
    throw new SkillmeatError('invalid_input', `Unknown side to favor "${favor}": use "ours", "theirs" or "union".`, { favor });
  }
}
