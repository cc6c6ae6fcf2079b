/**
 * A project's drift in counts from its full report (drift-summary.ts describes the summary). Pure
 * and without zod: the core and the renderer's first bundle both use it.
 */
import type { ProjectCheckState, ProjectDriftSummary } from './drift-summary.js';
import type { ERROR_CODES } from './error-codes.js';
import type { DriftReport } from './results.js';

/** The `error` of a drift report whose project folder does not exist (the only `not_found` a drift check gives). */
const MISSING_FOLDER_CODE: (typeof ERROR_CODES)[number] = 'not_found';

/** The summary of a full drift report (its schema: projectDriftSummarySchema, drift-summary.ts). */
export function summarizeDrift(report: DriftReport): ProjectDriftSummary {
  const state: ProjectCheckState = report.error === null ? 'checked' : report.error.code === MISSING_FOLDER_CODE ? 'missing' : 'failed';
  const by = report.summary.by_type;
  return {
    project: report.project,
    checked_at: report.checked_at,
    state,
    counts: { in_sync: report.in_sync.length, modified: by.modified ?? 0, outdated: by.outdated ?? 0, conflict: by.conflict ?? 0, removed: by.removed ?? 0, deleted: by.deleted ?? 0 },
    deployed: report.summary.deployed,
    needs_action: report.summary.needs_action,
    added: report.added.length,
    error: report.error,
    notices: report.notices,
  };
}
