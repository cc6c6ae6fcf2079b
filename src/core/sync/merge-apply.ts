import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import type { FileMap } from '../merge/file-map.js';
import { swapIntoPlace, undoSwap, type StagedChange } from '../fs/swap-into-place.js';
import { stageTree } from './stage-tree.js';

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
 * Applies new contents in one step: every tree is staged beside its target first, then all are
 * swapped into place together, then `commit` runs (it writes the records that describe the new
 * state). If staging, a swap or `commit` fails, every target is left exactly as it was.
 * `stagingParent` must be on the same file system as the targets.
 */
export async function applyTrees(writes: readonly TreeWrite[], stagingParent: string, commit: () => Promise<void>): Promise<void> {
  const staging = join(stagingParent, `.skillmeat-staging-${randomBytes(6).toString('hex')}`);
  try {
    const changes: StagedChange[] = [];
    for (const [index, write] of writes.entries()) {
      const staged = join(staging, `new-${index}`);
      await stageTree(staged, write.files, write.kind, write.modeSources);
      changes.push({ staged, target: write.target });
    }
    const asides = await swapIntoPlace(changes, join(staging, 'replaced'));
    try {
      await commit();
    } catch (error) {
      await undoSwap(changes, asides);
      throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
