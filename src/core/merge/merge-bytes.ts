// The line merge over bytes, as `git merge-file` merges files: whatever their encoding.
import { asBuffer, ByteLines, ByteWriter } from './byte-lines.js';
import { mergeLines } from './line-merge.js';
import { renderMerge } from './merge-output.js';
import { conflictCount, outputOptions, tooLargeError, type MergeTextOptions } from './merge-text.js';

/** A line merge of bytes: the merged bytes and how many conflict hunks they hold. */
export interface ByteMergeResult {
  /**
   * The merged bytes in pieces, in order: runs of the inputs' lines (views, not copies) and
   * markers. A caller writing them out need not join them (joinPieces does).
   */
  readonly pieces: readonly Uint8Array[];
  readonly conflicts: number;
  readonly clean: boolean;
}

/**
 * Line-merges three versions of a text file given as bytes, agreeing with `git merge-file`. Bytes
 * are never decoded: lines are runs of bytes, so any non-binary file — valid UTF-8 or not, CRLF or
 * not — merges byte for byte as git merges it and comes back intact. Callers keep binary files
 * out (isBinary).
 */
export function mergeBytes(base: Uint8Array, local: Uint8Array, remote: Uint8Array, options: MergeTextOptions = {}): ByteMergeResult {
  // Labels are text: their UTF-8 bytes go into the markers, which the writer takes one byte per character.
  const labels = options.labels?.map((label) => Buffer.from(label, 'utf8').toString('latin1')) as [string, string, string] | undefined;
  const output = outputOptions({ ...options, ...(labels ? { labels } : {}) });
  // One side unchanged: the other side is the merge, byte for byte.
  if (asBuffer(local).equals(base)) return { pieces: [remote], conflicts: 0, clean: true };
  if (asBuffer(remote).equals(base)) return { pieces: [local], conflicts: 0, clean: true };

  const baseLines = new ByteLines(base);
  const localLines = new ByteLines(local);
  const remoteLines = new ByteLines(remote);
  const regions = mergeLines(baseLines, localLines, remoteLines, output.style);
  const out = new ByteWriter();
  try {
    renderMerge(baseLines, localLines, remoteLines, regions, output, out);
  } catch (error) {
    // A marker too long for a string (a huge marker size).
    if (error instanceof RangeError) throw tooLargeError();
    throw error;
  }
  const conflicts = conflictCount(regions, output);
  return { pieces: out.pieces, conflicts, clean: conflicts === 0 };
}

/** The pieces of a merge as one byte array; a merge too large for one is an invalid_input error. */
export function joinPieces(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  try {
    return Buffer.concat(pieces);
  } catch (error) {
    if (error instanceof RangeError) throw tooLargeError();
    throw error;
  }
}
