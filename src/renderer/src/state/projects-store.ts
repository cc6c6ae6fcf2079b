/**
 * Registered projects, their drift in counts (every project) and in entries (only projects opened:
 * details load on demand), and their unfinished merges, by project path.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DriftReport, PendingMergeInfo, ProjectSummary } from '../../../shared/results.js';
import type { ProjectDriftSummary } from '../../../shared/drift-summary.js';
import { summarizeDrift } from '../../../shared/summarize-drift.js';

export interface ProjectsState {
  /** From `listProjects` (the cache's counts) until reports arrive. */
  readonly projects: readonly ProjectSummary[];
  /** The project list has been read at least once. */
  readonly loaded: boolean;
  /** The latest drift of every project checked this session, in counts: what the projects list draws. */
  readonly summaries: Readonly<Record<string, ProjectDriftSummary>>;
  /** Full drift reports, read for the projects opened (their entries). */
  readonly reports: Readonly<Record<string, DriftReport>>;
  /** Projects whose drift is being checked right now. */
  readonly checking: Readonly<Record<string, true>>;
  readonly pendingMerges: Readonly<Record<string, readonly PendingMergeInfo[]>>;
}

export type ProjectsStore = StoreApi<ProjectsState>;

/** An empty projects store. */
export function createProjectsStore(): ProjectsStore {
  return createStore<ProjectsState>()(() => ({ projects: [], loaded: false, summaries: {}, reports: {}, checking: {}, pendingMerges: {} }));
}

/** The state after fresh drift reports: each replaces its project's report, summary and (when it was checked) cached count; other projects are untouched. */
export function withReports(state: ProjectsState, reports: readonly DriftReport[]): Pick<ProjectsState, 'reports' | 'summaries' | 'projects'> {
  if (reports.length === 0) return { reports: state.reports, summaries: state.summaries, projects: state.projects };
  return { reports: { ...state.reports, ...Object.fromEntries(reports.map((r) => [r.project, r])) }, ...withSummaries(state, reports.map(summarizeDrift)) };
}

/** The state after fresh drift summaries: each replaces its project's summary and (when it was checked) cached count; reports are left as they are. */
export function withSummaries(state: ProjectsState, summaries: readonly ProjectDriftSummary[]): Pick<ProjectsState, 'summaries' | 'projects'> {
  if (summaries.length === 0) return { summaries: state.summaries, projects: state.projects };
  const byProject = new Map(summaries.map((s) => [s.project, s]));
  return {
    summaries: { ...state.summaries, ...Object.fromEntries(byProject) },
    projects: state.projects.map((p) => {
      const summary = byProject.get(p.path);
      // A project that could not be checked keeps its last known count (its summary says why).
      return summary === undefined || summary.state !== 'checked' ? p : { ...p, needs_action: summary.needs_action, last_checked: summary.checked_at };
    }),
  };
}

/** The state holding the report of `path` only: details belong to the project open now, so drift events re-read one report at most. */
export function withDetailsOf(state: ProjectsState, path: string): Pick<ProjectsState, 'reports'> {
  const report = state.reports[path];
  return { reports: report === undefined ? {} : { [path]: report } };
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
export function withoutProject(state: ProjectsState, path: string): Pick<ProjectsState, 'projects' | 'summaries' | 'reports' | 'pendingMerges'> {
  const { [path]: _report, ...reports } = state.reports;
  const { [path]: _summary, ...summaries } = state.summaries;
  const { [path]: _merges, ...pendingMerges } = state.pendingMerges;
  return { projects: state.projects.filter((p) => p.path !== path), summaries, reports, pendingMerges };
}
