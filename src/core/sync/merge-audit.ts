import { artifactRelativePath } from '../../shared/artifact-types.js';
import { appendAuditEntry } from '../snapshots/audit-trail.js';
import type { ProjectPaths } from '../project/project-paths.js';
import type { PendingMerge } from './pending-merges.js';
import type { MergeContext } from './sync-project.js';

/** Records a settlement of a merge in its collection's audit trail (versioning spec 8: every merge is audited). */
export async function auditMerge(
  ctx: MergeContext,
  project: Pick<ProjectPaths, 'root'>,
  merge: Pick<PendingMerge, 'name' | 'type' | 'collection'>,
  outcome: { resolved: readonly string[]; pending: readonly string[]; merged?: readonly string[]; success: boolean; error?: string; safety?: string },
): Promise<void> {
  const inCollection = (file: string) => [artifactRelativePath(merge.type, merge.name), file].filter((s) => s !== '').join('/');
  await appendAuditEntry(ctx.paths, merge.collection, {
    ...(outcome.safety ? { sourceSnapshotId: outcome.safety } : {}),
    targetSnapshotId: `project:${project.root}`,
    operationType: 'merge',
    filesMerged: (outcome.merged ?? []).map(inCollection),
    conflictsResolved: outcome.resolved.map(inCollection),
    conflictsPending: outcome.pending.map(inCollection),
    preserveChangesEnabled: true,
    success: outcome.success,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  }, new Date(ctx.now)); // the operation's own clock, like every other time it records
}
