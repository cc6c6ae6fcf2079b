/** Small snapshots, audit entries and rollback plans for view-model tests (plain data, shaped like the contract's). */
import type { RollbackArtifactPlan, RollbackResult, SnapshotChanges, TimelineSnapshot } from '../../../shared/snapshot-results.js';
import type { AuditEntryInfo } from '../../../shared/results.js';

/** A manual snapshot taken at `timestamp` (RFC 3339), with no changes since the one before. */
export function timelineSnapshot(id: string, timestamp: string, extra: Partial<TimelineSnapshot> = {}): TimelineSnapshot {
  return {
    id,
    collection: 'default',
    timestamp,
    message: `snapshot ${id}`,
    automatic: false,
    kind: 'manual',
    operation: null,
    pinned: false,
    retention: 'manual',
    artifact_count: 2,
    tarball_path: `/home/snapshots/default/${id}.tar.gz`,
    size_bytes: 2048,
    changes: noChanges(),
    ...extra,
  };
}

export function noChanges(): SnapshotChanges {
  return { added: [], modified: [], removed: [] };
}

/** An audit entry of a rollback (or a merge) at `timestamp`. */
export function auditEntry(id: string, timestamp: string, extra: Partial<AuditEntryInfo> = {}): AuditEntryInfo {
  return {
    id,
    timestamp,
    collection_name: 'default',
    source_snapshot_id: 'safety',
    target_snapshot_id: 'target',
    operation_type: 'simple',
    files_restored: [],
    files_merged: [],
    conflicts_resolved: [],
    conflicts_pending: [],
    preserve_changes_enabled: false,
    success: true,
    error: null,
    selective_paths: [],
    ...extra,
  };
}

/** A skill's line in a rollback plan. */
export function planArtifact(name: string, action: RollbackArtifactPlan['action'], files: RollbackArtifactPlan['files'] = [], extra: Partial<RollbackArtifactPlan> = {}): RollbackArtifactPlan {
  return { name, type: 'skill', action, change: action === 'unchanged' ? 'none' : 'modified', head: 'version_store', files, ...extra };
}

/** A rollback result (or plan) holding `artifacts`. */
export function rollbackResult(artifacts: readonly RollbackArtifactPlan[], extra: Partial<RollbackResult> = {}): RollbackResult {
  return {
    collection: 'default',
    target_snapshot_id: '20260301_120000_abc',
    safety_snapshot_id: null,
    operation_type: 'intelligent',
    dry_run: true,
    status: 'ok',
    message: null,
    files_restored: [],
    files_merged: [],
    conflicts: [],
    artifacts: [...artifacts],
    other_files: [],
    projects: [],
    audit_id: null,
    ...extra,
  };
}
