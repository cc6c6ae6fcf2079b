import type { ArtifactKind } from '../../shared/artifact-types.js';
import type { FileMap } from '../merge/file-map.js';
import type { FileWriter } from '../fs/file-writer.js';
import { inTransaction, type TransactionOptions } from '../fs/file-transaction.js';
import type { JournalKey } from '../fs/journal-key.js';

/** A new content for one artifact copy, computed in memory and not yet written. */
export interface TreeWrite {
  /** Absolute path of the copy to replace (or create). */
  readonly target: string;
  readonly files: FileMap;
  readonly kind: ArtifactKind;
  /** Artifact roots whose files lend their permission bits (see stageTree). */
  readonly modeSources: readonly (string | undefined)[];
}

/**
 * Applies new contents in one crash-safe step: every tree is staged beside its target, `records`
 * stages the records that describe the new state (deployment file, manifest, lock...) through the
 * writer it is given, and all of it is put in place together (see FileTransaction). If anything
 * fails, or the process dies midway, every target is left exactly as it was.
 * `stagingParent` must be on the same file system as the targets and guarded by the caller's lock.
 */
export async function applyTrees(writes: readonly TreeWrite[], stagingParent: string, key: JournalKey, records: (writer: FileWriter) => Promise<void>, options: TransactionOptions = {}): Promise<void> {
  await inTransaction(stagingParent, key, async (tx) => {
    for (const write of writes) await tx.writeTree(write.target, write.files, write.kind, write.modeSources);
    await records(tx);
  }, options);
}
