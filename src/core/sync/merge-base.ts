import type { FileMap } from '../merge/file-map.js';
import type { ArtifactRef } from '../versions/version-port.js';
import type { MergeContext } from './sync-project.js';

/**
 * The content a three-way merge takes as its base (versioning spec 6): the version store's, else a
 * snapshot of the collection holding that content. The Python SkillMeat snapshots the collection
 * after each deploy, so a deployment it made, which our version store never saw, still has its base
 * there. Read-only: nothing is stored (a dry run stays one). Undefined when neither holds it.
 */
export async function findMergeBase(ctx: MergeContext, artifact: ArtifactRef, contentHash: string): Promise<FileMap | undefined> {
  const version = await ctx.versions.lookup(artifact, contentHash);
  if (version !== undefined) return version.files;
  return ctx.findInSnapshots?.(artifact, contentHash);
}
