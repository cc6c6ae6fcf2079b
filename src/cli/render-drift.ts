import type { DriftEntry, DriftReport } from '../shared/results.js';
import { columns } from './output.js';

const ACTION_HINT: Readonly<Record<string, string>> = {
  remove_from_project: 'removed from its collection: undeploy it',
  redeploy: 'project copy missing: deploy it again',
  sync: 'collection changed: sync',
  push: 'edited in the project: push (or keep local)',
  merge: 'both changed: merge',
};

/** Human lines for one project's drift report. */
export function renderDriftReport(report: DriftReport): string[] {
  if (report.error !== null) return [`${report.project}: drift could not be checked: ${report.error.message}`];
  const { deployed, needs_action } = report.summary;
  const lines = [`${report.project}: ${deployed} deployed, ${needs_action === 0 ? 'all in sync' : `${needs_action} need action`}`];
  const row = (e: DriftEntry) => [e.drift_type ?? 'in sync', e.type, e.name, e.recommendation ? ACTION_HINT[e.recommendation] ?? e.recommendation : ''];
  lines.push(...columns([...report.drift.map(row), ...report.in_sync.map(row)]));
  if (report.added.length > 0) {
    lines.push(`  New in the collection since the last deploy (not deployed here): ${report.added.map((a) => `${a.type} "${a.name}"`).join(', ')}`);
  }
  lines.push(...report.notices.map((notice) => `  Note: ${notice}`));
  return lines;
}
