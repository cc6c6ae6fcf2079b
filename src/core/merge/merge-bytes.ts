// The line merge over bytes, as `git merge-file` merges files: whatever their encoding.
import { mergeText, type MergeTextOptions } from './merge-text.js';

/** A line merge of bytes: the merged bytes and how many conflict hunks they hold. */
export interface ByteMergeResult {
  readonly bytes: Uint8Array;
  readonly conflicts: number;
  readonly clean: boolean;
}

/**
 * Line-merges three versions of a text file given as bytes, agreeing with `git merge-file`. Bytes
 * are never decoded as UTF-8: each byte stands for one character (latin1), so any non-binary file
 * — valid UTF-8 or not, CRLF or not — merges byte for byte as git merges it and comes back intact.
 * Callers keep binary files out (isBinary).
 */
export function mergeBytes(base: Uint8Array, local: Uint8Array, remote: Uint8Array, options: MergeTextOptions = {}): ByteMergeResult {
  // Labels are text: their UTF-8 bytes go into the markers, one character per byte like the rest.
  const labels = options.labels?.map((label) => Buffer.from(label, 'utf8').toString('latin1')) as [string, string, string] | undefined;
  const merged = mergeText(byteString(base), byteString(local), byteString(remote), { ...options, ...(labels ? { labels } : {}) });
  return { bytes: Buffer.from(merged.text, 'latin1'), conflicts: merged.conflicts, clean: merged.clean };
}

/** One character per byte (latin1): lossless both ways, unlike a UTF-8 decode of arbitrary bytes. */
function byteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
