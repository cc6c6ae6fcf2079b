import type { DriftType, Recommendation } from '../../shared/results.js';

/** What is known of one deployment record: B, C and P of versioning spec section 4. */
export interface DriftInputs {
  readonly baseline: string;
  /**
   * The collection content last integrated, when a merge left the project holding more than it
   * (see DeploymentRecord.upstreamSha); the collection is "changed" only if it differs from this.
   */
  readonly upstream?: string;
  /** Hash of the collection copy, or undefined when the artifact is no longer in its collection. */
  readonly collection: string | undefined;
  /** Hash of the project copy, or undefined when the project copy is missing. */
  readonly project: string | undefined;
}

export interface DriftDecision {
  readonly driftType: DriftType | null;
  readonly recommendation: Recommendation | null;
  readonly changeOrigin: 'local_modification' | 'sync' | null;
}

const IN_SYNC: DriftDecision = { driftType: null, recommendation: null, changeOrigin: null };

/** The drift table of versioning spec section 4, row by row, in its order. */
export function decideDrift({ baseline, upstream, collection, project }: DriftInputs): DriftDecision {
  if (collection === undefined) return { driftType: 'removed', recommendation: 'remove_from_project', changeOrigin: 'sync' };
  if (project === undefined) return { driftType: 'deleted', recommendation: 'redeploy', changeOrigin: 'sync' };
  const collectionChanged = collection !== (upstream ?? baseline);
  const projectChanged = project !== baseline;
  if (!collectionChanged && !projectChanged) return IN_SYNC;
  if (collectionChanged && !projectChanged) return { driftType: 'outdated', recommendation: 'sync', changeOrigin: 'sync' };
  if (!collectionChanged && projectChanged) return { driftType: 'modified', recommendation: 'push', changeOrigin: 'local_modification' };
  // Both changed: the same change on both sides converged; different changes conflict.
  if (collection === project) return IN_SYNC;
  return { driftType: 'conflict', recommendation: 'merge', changeOrigin: 'local_modification' };
}
