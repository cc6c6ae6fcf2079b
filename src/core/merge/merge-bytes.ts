// The line merge over bytes, as `git merge-file` merges files: whatever their encoding.
import { ByteLines, ByteWriter } from './byte-lines.js';
import { mergeLines } from './line-merge.js';
import { renderMerge } from './merge-output.js';
import { conflictCount, outputOptions, tooLargeError, type MergeTextOptions } from './merge-text.js';

/** A line merge of bytes: the merged bytes and how many conflict hunks they hold. */
export interface ByteMergeResult {
  readonly bytes: Uint8Array;
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
  if (Buffer.from(local.buffer, local.byteOffset, local.byteLength).equals(base)) return { bytes: remote, conflicts: 0, clean: true };
  if (Buffer.from(remote.buffer, remote.byteOffset, remote.byteLength).equals(base)) return { bytes: local, conflicts: 0, clean: true };

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
  const bytes = out.result();
  if (bytes === null) throw tooLargeError();
  const conflicts = conflictCount(regions, output);
  return { bytes, conflicts, clean: conflicts === 0 };
}
