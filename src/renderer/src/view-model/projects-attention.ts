/** Which projects need action, for the ordering rule and the "N of M need action" line of the projects list. */
import type { DriftReport, ProjectSummary } from '../../../shared/results.js';
import type { ProjectDriftSummary } from '../../../shared/drift-summary.js';
import { projectHealth } from './project-health.js';

/** A project needs action when an artifact does, or when its drift could not be checked. */
export function projectNeedsAction(summary: ProjectSummary, report: ProjectDriftSummary | DriftReport | undefined): boolean {
  const health = projectHealth(summary, report);
  switch (health.kind) {
    case 'unchecked':
      return false;
    case 'missing':
    case 'failed':
      return true;
    case 'cached':
    case 'checked':
      return health.needsAction > 0;
  }
}

/** "2 of 5 projects need action", "All 5 projects are in sync", or nothing to say for an empty list. */
export function attentionLine(projects: readonly ProjectSummary[], reports: Readonly<Record<string, ProjectDriftSummary | DriftReport>>): string {
  const needing = projects.filter((p) => projectNeedsAction(p, reports[p.path])).length;
  if (projects.length === 0) return '';
  if (needing === 0) return projects.length === 1 ? 'The project needs no action.' : `None of ${projects.length} projects needs action.`;
  return `${needing} of ${projects.length} ${projects.length === 1 ? 'project needs' : needing === 1 ? 'projects needs' : 'projects need'} action.`;
}
