import type { DriftReport } from '../../shared/results.js';
import type { ProjectDriftDelta } from '../../shared/drift-summary.js';

/** What the drift monitor emits: the projects whose drift changed in one round. */
export interface DriftChange {
  /** Only the projects whose drift differs from their previous report: their full reports (for in-process consumers). */
  readonly reports: DriftReport[];
  /** The same projects as deltas: each one's summary and the artifacts whose drift changed (what the app's event carries). */
  readonly projects: ProjectDriftDelta[];
  readonly checked_at: string;
}

/**
 * A canonical string of what a user is told about a project: why it could not be checked, its
 * notices, each entry needing action as (name, type, drift type) and each artifact new in a collection. Hashes and timestamps are left
 * out on purpose: editing an already modified file again changes hashes, not what needs doing.
 */
export function driftSignature(report: DriftReport): string {
  const lines = [
    ...(report.error === null ? [] : [`error\t${report.error.code}\t${report.error.message}`]),
    ...report.notices.map((notice) => `notice\t${notice}`),
    ...report.drift.map((entry) => `drift\t${entry.type}\t${entry.name}\t${entry.drift_type ?? 'none'}`),
    ...report.added.map((entry) => `added\t${entry.type}\t${entry.name}\t${entry.collection}`),
  ];
  return lines.sort().join('\n');
}

/**
 * True when `next` should be announced. A project seen for the first time (no `previous`) is compared
 * with "nothing to report", so a fresh app learns of existing drift but hears nothing of clean projects.
 */
export function driftChanged(previous: DriftReport | undefined, next: DriftReport): boolean {
  return (previous === undefined ? '' : driftSignature(previous)) !== driftSignature(next);
}
