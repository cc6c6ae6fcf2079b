/**
 * What puts an action back, as the core can: a kept version restored into the project (the copy a
 * completed merge replaced), the removed copy deployed again (when it was the collection's), a
 * forgotten project imported again. An action that the core cannot put back offers no Undo.
 */
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { DriftEntry, MergeOperationResult } from '../../../shared/results.js';

export type UndoRequest =
  | { readonly kind: 'restore'; readonly project: string; readonly versions: readonly { readonly artifact: string; readonly versionId: string }[] }
  | { readonly kind: 'redeploy'; readonly project: string; readonly name: string; readonly type: ArtifactType; readonly collection: string }
  | { readonly kind: 'reimport'; readonly path: string }
  | { readonly kind: 'bring-back'; readonly snapshotId: string; readonly collection: string; readonly name: string; readonly type: ArtifactType }
  | { readonly kind: 'before-update'; readonly snapshotId: string; readonly collection: string; readonly artifacts: readonly { readonly name: string; readonly type: ArtifactType }[] };

/** Undo of removing an artifact from its collection: a selective rollback to the safety snapshot taken first brings it back; none without one. */
export function undoOfCollectionRemove(removed: { name: string; type: ArtifactType; collection: string; safety_snapshot_id: string | null }): UndoRequest | null {
  return removed.safety_snapshot_id === null ? null : { kind: 'bring-back', snapshotId: removed.safety_snapshot_id, collection: removed.collection, name: removed.name, type: removed.type };
}

/**
 * Undo of an upstream update: a selective rollback of the artifacts it changed to the safety
 * snapshot taken first (their files and their record of the upstream commit); none when it changed
 * nothing (only conflicts, or a dry run) or took no snapshot.
 */
export function undoOfUpdate(result: { collection: string; safety_snapshot_id: string | null }, artifacts: readonly { readonly name: string; readonly type: ArtifactType }[]): UndoRequest | null {
  return result.safety_snapshot_id === null || artifacts.length === 0 ? null : { kind: 'before-update', snapshotId: result.safety_snapshot_id, collection: result.collection, artifacts };
}

/** Undo of a merge that replaced project copies: restore each kept version; none when nothing was replaced. */
export function undoOfReplacedCopies(result: MergeOperationResult): UndoRequest | null {
  const versions = result.artifacts.flatMap((a) => (a.replaced_version_id === null ? [] : [{ artifact: a.name, versionId: a.replaced_version_id }]));
  return versions.length === 0 || result.dry_run ? null : { kind: 'restore', project: result.project, versions };
}

/**
 * Undo of removing a deployed artifact: deploying it again gives back the same files only when the
 * project copy was the collection's (in sync, or outdated with no edits of its own is not: the
 * collection moved on), so only then is there an undo.
 */
export function undoOfRemove(project: string, entry: Pick<DriftEntry, 'name' | 'type' | 'collection' | 'project_sha' | 'collection_sha'>): UndoRequest | null {
  const same = entry.project_sha !== null && entry.project_sha === entry.collection_sha;
  return same ? { kind: 'redeploy', project, name: entry.name, type: entry.type, collection: entry.collection } : null;
}

/** What Undo will do, for its tooltip. */
export function undoDescription(request: UndoRequest): string {
  switch (request.kind) {
    case 'restore':
      return `Put back the project's copy of ${request.versions.map((v) => v.artifact).join(', ')} as it was (it was kept as a version)`;
    case 'redeploy':
      return `Deploy ${request.name} into the project again`;
    case 'reimport':
      return `Import ${request.path} again`;
    case 'bring-back':
      return `Bring ${request.name} back into collection ${request.collection} from the safety snapshot ${request.snapshotId}`;
    case 'before-update':
      return `Put ${request.artifacts.map((a) => a.name).join(', ')} back as before the update, from the safety snapshot ${request.snapshotId}`;
  }
}
