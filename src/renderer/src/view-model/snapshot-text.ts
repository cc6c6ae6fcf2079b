/** How a snapshot and an audit entry read on the timeline: kind, retention, size, changes. */
import type { SnapshotChanges, SnapshotPage, TimelineSnapshot } from '../../../shared/snapshot-results.js';
import type { AuditEntryInfo, SnapshotInfo } from '../../../shared/results.js';
import { folderName } from './format.js';
import { plural } from './result-summary.js';

export type SnapshotKind = SnapshotInfo['kind'];
export type RetentionPolicy = SnapshotPage['retention_policy'];

/** The three kinds, in the order the filter lists them. */
export const SNAPSHOT_KINDS: readonly SnapshotKind[] = ['manual', 'automatic', 'safety'];

/** The kind in the spec's words; a safety snapshot names the operation it preceded ("safety, before push"). */
export function kindText(snapshot: Pick<SnapshotInfo, 'kind' | 'operation'>): string {
  return snapshot.kind === 'safety' && snapshot.operation !== null ? `safety, before ${snapshot.operation}` : snapshot.kind;
}

/** Why the snapshot is kept, short ("kept: daily"), and in full for a tooltip. */
export function retentionText(retention: SnapshotInfo['retention'], policy: RetentionPolicy | null): { readonly short: string; readonly long: string } {
  switch (retention) {
    case 'manual':
      return { short: 'kept until deleted', long: 'A manual snapshot: kept until you delete it.' };
    case 'pinned':
      return { short: 'pinned', long: 'Pinned: retention never thins it.' };
    case 'recent':
      return { short: 'kept: recent', long: `Kept: every automatic snapshot of the last ${policy === null ? 'hours' : plural(policy.keep_all_hours, 'hour')} is kept.` };
    case 'daily':
      return { short: 'kept: daily', long: `Kept: one automatic snapshot a day${policy === null ? '' : ` for ${plural(policy.daily_days, 'day')}`}.` };
    case 'weekly':
      return { short: 'kept: weekly', long: `Kept: one automatic snapshot a week${policy === null ? '' : ` for ${plural(policy.weekly_weeks, 'week')}`}.` };
    case 'expiring':
      return { short: 'expiring', long: 'Retention thins it when the next automatic snapshot is taken. Pin it to keep it.' };
  }
}

/** An archive's size: "812 bytes", "14.2 KB", "3.1 MB"; null is a missing archive. */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return 'archive missing';
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value).toString()} ${units[unit]}`;
}

/** "Changes since the previous snapshot": short marks for the entry, words for screen readers, names for the tooltip. */
export interface ChangesText {
  /** "+2 ~1 −1", "no changes", or "changes unknown". */
  readonly short: string;
  /** "2 added, 1 modified, 1 removed". */
  readonly label: string;
  /** "added: canvas, tidy; modified: review (command); removed: lint". Empty when nothing changed. */
  readonly names: string;
  readonly counts: { readonly added: number; readonly modified: number; readonly removed: number } | null;
}

/** What changed since the snapshot before, as the timeline shows it. */
export function changesText(changes: SnapshotChanges | null): ChangesText {
  if (changes === null) return { short: 'changes unknown', label: 'changes since the snapshot before unknown (an archive could not be read)', names: '', counts: null };
  const counts = { added: changes.added.length, modified: changes.modified.length, removed: changes.removed.length };
  if (counts.added + counts.modified + counts.removed === 0) return { short: 'no changes', label: 'no changes since the snapshot before', names: '', counts };
  const marks = [counts.added > 0 ? `+${counts.added}` : '', counts.modified > 0 ? `~${counts.modified}` : '', counts.removed > 0 ? `−${counts.removed}` : ''];
  const words = (['added', 'modified', 'removed'] as const).filter((change) => counts[change] > 0);
  return {
    short: marks.filter((m) => m !== '').join(' '),
    label: words.map((change) => `${counts[change]} ${change}`).join(', '),
    names: words.map((change) => `${change}: ${changes[change].map(artifactText).join(', ')}`).join('; '),
    counts,
  };
}

/** An artifact's name, with its type unless it is a skill (the common case). */
export function artifactText(artifact: { readonly name: string; readonly type: string }): string {
  return artifact.type === 'skill' ? artifact.name : `${artifact.name} (${artifact.type})`;
}

/** A snapshot in a sentence: "“Before the refactor” (20260105_101500_abc)". */
export function snapshotTitle(snapshot: Pick<TimelineSnapshot, 'id' | 'message'>): string {
  return snapshot.message.trim() === '' ? snapshot.id : `“${snapshot.message}” (${snapshot.id})`;
}

/** What an audit entry (a rollback or a merge) says on the timeline: a title and its details. */
export function auditText(entry: AuditEntryInfo): { readonly title: string; readonly detail: string } {
  const title = (() => {
    switch (entry.operation_type) {
      case 'simple':
        return `Rolled back to ${entry.target_snapshot_id} (restore exactly)`;
      case 'intelligent':
        return `Rolled back to ${entry.target_snapshot_id} (keeping later edits)`;
      case 'selective':
        return `Rolled back ${plural(entry.selective_paths.length, 'path')} to ${entry.target_snapshot_id}`;
      case 'merge': {
        const project = entry.target_snapshot_id.replace(/^project:/, '');
        return `Merge in ${folderName(project)}`;
      }
    }
  })();
  const counts = [
    entry.files_restored.length > 0 ? `${plural(entry.files_restored.length, 'file')} restored` : '',
    entry.files_merged.length > 0 ? `${entry.files_merged.length} merged` : '',
    entry.conflicts_resolved.length > 0 ? `${plural(entry.conflicts_resolved.length, 'conflict')} resolved` : '',
    entry.conflicts_pending.length > 0 ? `${plural(entry.conflicts_pending.length, 'conflict')} left` : '',
  ].filter((part) => part !== '');
  const quiet = entry.operation_type === 'merge' ? 'no conflicts' : 'nothing changed';
  const outcome = entry.success ? counts.join(', ') || quiet : `failed${entry.error === null ? '' : `: ${entry.error}`}`;
  return { title, detail: outcome };
}
