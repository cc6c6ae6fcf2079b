/**
 * The snapshot timeline: the pages of snapshots read so far, its filters, the audit entries shown
 * beside them, the selected snapshot, a comparison, the rollback dialog and the last rollback's outcome.
 */
import type { PendingMergeInfo } from '../../../shared/results.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactKey, RollbackResult, SnapshotArtifact, SnapshotDiff, SnapshotFileDiff, SnapshotPage, TimelineSnapshot } from '../../../shared/snapshot-results.js';
import type { AuditEntryInfo } from '../../../shared/results.js';
import type { RollbackMode } from '../view-model/rollback-plan.js';
import type { SnapshotKind } from '../view-model/snapshot-text.js';

/** Something read from the back end: on its way, failed (with the back end's message), or here. */
export type Loadable<T> = { readonly phase: 'loading' } | { readonly phase: 'failed'; readonly message: string } | { readonly phase: 'ready'; readonly value: T };

export interface TimelineFilter {
  /** The kinds shown; all three shows every snapshot. */
  readonly kinds: readonly SnapshotKind[];
  /** Only snapshots where this artifact changed; null for all. */
  readonly artifact: ArtifactKey | null;
}

/** A snapshot as the view refers to it once chosen (it may scroll away or be filtered out). */
export type SnapshotRef = Pick<TimelineSnapshot, 'id' | 'message' | 'timestamp' | 'kind' | 'operation' | 'pinned' | 'retention' | 'changes'>;

export interface Comparison {
  /** The older side. */
  readonly from: SnapshotRef;
  /** The newer side; null for the collection now. */
  readonly to: SnapshotRef | null;
  readonly diff: Loadable<SnapshotDiff>;
  /** The file shown in the two-pane diff (collection-relative). */
  readonly file: string | null;
  readonly fileDiff: Loadable<SnapshotFileDiff> | null;
  /** The last file read: the diff editor keeps showing it while the next one is read, so it is not built anew. */
  readonly shown: SnapshotFileDiff | null;
}

export interface RollbackDialog {
  readonly target: SnapshotRef;
  readonly mode: RollbackMode;
  /** For "Only selected artifacts": collection-relative paths of the artifacts and files chosen. */
  readonly paths: readonly string[];
  /** What differs from the snapshot now: the choices of "Only selected artifacts" (read when that mode is first chosen). */
  readonly choices: Loadable<SnapshotDiff> | null;
  /** The dry run for the current mode and choice; null while there is nothing to plan (no path chosen). */
  readonly plan: Loadable<RollbackResult> | null;
  readonly running: boolean;
  /** Why the rollback itself failed, in the dialog. */
  readonly error: string | null;
}

/** The last rollback (or its undo), shown above the timeline until the next one. */
export type RollbackOutcome =
  | { readonly phase: 'running'; readonly text: string }
  | { readonly phase: 'done'; readonly result: RollbackResult; readonly undo: boolean }
  | { readonly phase: 'failed'; readonly message: string };

/** A message of this view (a failed pin or delete), shown in the view, not among the app's notices. */
export interface ViewNotice {
  readonly tone: 'success' | 'error';
  readonly message: string;
}

export interface SnapshotsState {
  readonly status: 'unknown' | 'loading' | 'ready' | 'failed';
  readonly error: string | null;
  readonly collection: string | null;
  readonly filter: TimelineFilter;
  /** Snapshots passing the filter, all pages. */
  readonly total: number;
  /** By index, newest first; holes are pages not read yet. */
  readonly snapshots: readonly (TimelineSnapshot | undefined)[];
  readonly retentionPolicy: SnapshotPage['retention_policy'] | null;
  /** Show rollbacks and merges from the audit trail on the timeline. */
  readonly showAudit: boolean;
  /** Newest first. */
  readonly audit: readonly AuditEntryInfo[];
  readonly selected: SnapshotRef | null;
  readonly artifacts: Readonly<Record<string, Loadable<readonly SnapshotArtifact[]>>>;
  /** The snapshot chosen as the other side of a comparison. */
  readonly marked: SnapshotRef | null;
  readonly comparison: Comparison | null;
  readonly rollback: RollbackDialog | null;
  readonly outcome: RollbackOutcome | null;
  /** Conflicts rollbacks keeping later edits left, waiting as merges of the collection. */
  readonly rollbackMerges: readonly PendingMergeInfo[];
  readonly notice: ViewNotice | null;
}

export type SnapshotsStore = StoreApi<SnapshotsState>;

export const ALL_KINDS: readonly SnapshotKind[] = ['manual', 'automatic', 'safety'];

/** A timeline with nothing read. */
export function createSnapshotsStore(): SnapshotsStore {
  return createStore<SnapshotsState>()(() => ({
    status: 'unknown',
    error: null,
    collection: null,
    filter: { kinds: ALL_KINDS, artifact: null },
    total: 0,
    snapshots: [],
    retentionPolicy: null,
    showAudit: false,
    audit: [],
    selected: null,
    artifacts: {},
    marked: null,
    comparison: null,
    rollback: null,
    outcome: null,
    rollbackMerges: [],
    notice: null,
  }));
}

/** What the view keeps of a snapshot it refers to. */
export function snapshotRef(snapshot: TimelineSnapshot | SnapshotRef): SnapshotRef {
  const { id, message, timestamp, kind, operation, pinned, retention, changes } = snapshot;
  return { id, message, timestamp, kind, operation, pinned, retention, changes };
}

/** Puts a page of snapshots in place (a copy: the store's arrays are never changed in place). */
export function withPage(snapshots: readonly (TimelineSnapshot | undefined)[], total: number, offset: number, page: readonly TimelineSnapshot[]): (TimelineSnapshot | undefined)[] {
  const next = snapshots.slice(0, total);
  if (next.length < total) next.length = total;
  page.forEach((snapshot, i) => {
    if (offset + i < total) next[offset + i] = snapshot;
  });
  return next;
}
