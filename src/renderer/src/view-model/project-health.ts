/**
 * A project's drift at a glance, from whatever is known: a fresh drift report, or only the cached
 * count `listProjects` returns before the first check of this session.
 */
import type { DriftReport, ProjectSummary } from '../../../shared/results.js';
import { DRIFT_STATUS_ORDER, type DriftStatus } from './drift-status.js';

export interface StatusCount {
  readonly status: DriftStatus;
  readonly count: number;
}

export type ProjectHealth =
  /** Never checked: nothing to show yet. */
  | { readonly kind: 'unchecked' }
  /** Only the cache's count is known (first paint, before this session's check). */
  | { readonly kind: 'cached'; readonly needsAction: number; readonly checkedAt: string | null }
  /** The check could not be made (folder gone, a corrupt file, a link inside .claude/, a busy collection). */
  | { readonly kind: 'failed'; readonly message: string; readonly checkedAt: string }
  /** A drift report: a count per status, most urgent first, zero counts left out. */
  | { readonly kind: 'checked'; readonly counts: readonly StatusCount[]; readonly needsAction: number; readonly deployed: number; readonly checkedAt: string };

/** The health of a project: the report when there is one, else the cached summary. */
export function projectHealth(summary: Pick<ProjectSummary, 'needs_action' | 'last_checked'>, report: DriftReport | undefined): ProjectHealth {
  if (report?.error) return { kind: 'failed', message: report.error.message, checkedAt: report.checked_at };
  if (report !== undefined) {
    const inSync = report.in_sync.length;
    const counts = DRIFT_STATUS_ORDER.map((status) => ({ status, count: status === 'in_sync' ? inSync : report.summary.by_type[status] })).filter((c) => c.count > 0);
    return { kind: 'checked', counts, needsAction: report.summary.needs_action, deployed: report.summary.deployed, checkedAt: report.checked_at };
  }
  if (summary.needs_action === null) return { kind: 'unchecked' };
  return { kind: 'cached', needsAction: summary.needs_action, checkedAt: summary.last_checked };
}
