import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/results.js';
import { driftEntry, driftReport } from '../view-model/test-data.js';
import { summarizeDrift } from '../../../shared/drift-summary.js';
import { createProjectsStore, withDetailsOf, withProject, withReports, withSummaries, withoutProject } from './projects-store.js';

const summary = (path: string, needsAction: number | null = null): ProjectSummary => ({ path, name: path.slice(1), added: '2026-01-01T00:00:00Z', last_checked: null, needs_action: needsAction });

describe('projects store updates', () => {
  it('replaces only the reports of the projects that changed, and their cached counts', () => {
    const store = createProjectsStore();
    store.setState({ projects: [summary('/a', 0), summary('/b', 0)] });
    store.setState((s) => withReports(s, [driftReport('/a', [driftEntry('x', null)]), driftReport('/b', [driftEntry('y', null)])]));
    const reportOfA = store.getState().reports['/a'];

    store.setState((s) => withReports(s, [driftReport('/b', [driftEntry('y', 'modified')])]));

    expect(store.getState().reports['/a']).toBe(reportOfA);
    expect(store.getState().reports['/b']?.drift.map((e) => e.name)).toEqual(['y']);
    expect(store.getState().projects.map((p) => p.needs_action)).toEqual([0, 1]);
  });

  it('keeps the last known count of a project whose check failed, and holds its report with the reason', () => {
    const store = createProjectsStore();
    store.setState({ projects: [summary('/a', 2)] });
    const failed = { ...driftReport('/a', []), error: { code: 'not_found' as const, message: 'Project folder /a does not exist.' } };
    store.setState((s) => withReports(s, [failed]));
    expect(store.getState().projects.map((p) => p.needs_action)).toEqual([2]);
    expect(store.getState().reports['/a']?.error?.message).toContain('does not exist');
  });

  it('keeps the project list sorted by name when one is added', () => {
    const state = { ...createProjectsStore().getState(), projects: [summary('/b'), summary('/d')] };
    expect(withProject(state, summary('/c')).projects.map((p) => p.path)).toEqual(['/b', '/c', '/d']);
  });

  it('forgets a removed project with its summary, report and merges', () => {
    const state = { ...createProjectsStore().getState(), projects: [summary('/a')], summaries: { '/a': summarizeDrift(driftReport('/a', [])) }, reports: { '/a': driftReport('/a', []) }, pendingMerges: { '/a': [] } };
    expect(withoutProject(state, '/a')).toEqual({ projects: [], summaries: {}, reports: {}, pendingMerges: {} });
  });

  it('takes summaries as counts for the list, leaving the reports it holds as they are', () => {
    const store = createProjectsStore();
    store.setState({ projects: [summary('/a', 0), summary('/b', 3)] });
    store.setState((s) => withReports(s, [driftReport('/a', [driftEntry('x', null)])]));
    const reportOfA = store.getState().reports['/a'];

    store.setState((s) => withSummaries(s, [summarizeDrift(driftReport('/a', [driftEntry('x', 'outdated')])), summarizeDrift(driftReport('/b', []))]));

    expect(store.getState().reports).toEqual({ '/a': reportOfA });
    expect(store.getState().summaries['/a']?.counts).toMatchObject({ outdated: 1, in_sync: 0 });
    expect(store.getState().projects.map((p) => p.needs_action)).toEqual([1, 0]);
  });

  it('keeps the last known count of a project whose folder is gone, and says it is missing', () => {
    const store = createProjectsStore();
    store.setState({ projects: [summary('/a', 2)] });
    const gone = { ...driftReport('/a', []), error: { code: 'not_found' as const, message: 'Project folder /a does not exist.' } };
    store.setState((s) => withSummaries(s, [summarizeDrift(gone)]));
    expect(store.getState().projects.map((p) => p.needs_action)).toEqual([2]);
    expect(store.getState().summaries['/a']?.state).toBe('missing');
  });

  it('holds the details of the open project only', () => {
    const state = { ...createProjectsStore().getState(), reports: { '/a': driftReport('/a', []), '/b': driftReport('/b', []) } };
    expect(Object.keys(withDetailsOf(state, '/b').reports)).toEqual(['/b']);
    expect(withDetailsOf(state, '/c').reports).toEqual({});
  });
});
