/** Registered projects, their latest drift reports and their unfinished merges, by project path. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DriftReport, PendingMergeInfo, ProjectSummary } from '../../../shared/results.js';

export interface ProjectsState {
  /** From `listProjects` (the cache's counts) until reports arrive. */
  readonly projects: readonly ProjectSummary[];
  /** The project list has been read at least once. */
  readonly loaded: boolean;
  readonly reports: Readonly<Record<string, DriftReport>>;
  /** Projects whose drift is being checked right now. */
  readonly checking: Readonly<Record<string, true>>;
  readonly pendingMerges: Readonly<Record<string, readonly PendingMergeInfo[]>>;
}

export type ProjectsStore = StoreApi<ProjectsState>;

/** An empty projects store. */
export function createProjectsStore(): ProjectsStore {
  return createStore<ProjectsState>()(() => ({ projects: [], loaded: false, reports: {}, checking: {}, pendingMerges: {} }));
}

/** The state after fresh drift reports: each replaces its project's report and (when it was checked) cached count; other projects are untouched. */
export function withReports(state: ProjectsState, reports: readonly DriftReport[]): Pick<ProjectsState, 'reports' | 'projects'> {
  if (reports.length === 0) return { reports: state.reports, projects: state.projects };
  const byProject = new Map(reports.map((r) => [r.project, r]));
  return {
    reports: { ...state.reports, ...Object.fromEntries(byProject) },
    projects: state.projects.map((p) => {
      const report = byProject.get(p.path);
      // A project that could not be checked keeps its last known count (its report says why).
      return report === undefined || report.error !== null ? p : { ...p, needs_action: report.summary.needs_action, last_checked: report.checked_at };
    }),
  };
}

/** The state with `paths` marked as being checked (or no longer, with `on: false`). */
export function withChecking(state: ProjectsState, paths: readonly string[], on: boolean): Pick<ProjectsState, 'checking'> {
  const checking: Record<string, true> = { ...state.checking };
  for (const path of paths) {
    if (on) checking[path] = true;
    else delete checking[path];
  }
  return { checking };
}

/** The state with a project added (or replaced, when registered again). */
export function withProject(state: ProjectsState, project: ProjectSummary): Pick<ProjectsState, 'projects'> {
  const others = state.projects.filter((p) => p.path !== project.path);
  return { projects: [...others, project].sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path)) };
}

/** The state without a project, its report and its merges. */
export function withoutProject(state: ProjectsState, path: string): Pick<ProjectsState, 'projects' | 'reports' | 'pendingMerges'> {
  const { [path]: _report, ...reports } = state.reports;
  const { [path]: _merges, ...pendingMerges } = state.pendingMerges;
  return { projects: state.projects.filter((p) => p.path !== path), reports, pendingMerges };
}
