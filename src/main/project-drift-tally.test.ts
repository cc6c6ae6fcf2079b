import { describe, it, expect } from 'vitest';
import type { ProjectSummary } from '../shared/results.js';
import type { ProjectDriftDelta, ProjectDriftSummary } from '../shared/drift-summary.js';
import { ProjectDriftTally } from './project-drift-tally.js';

function summary(path: string, name: string, needsAction: number | null): ProjectSummary {
  return { path, name, added: '2025-01-01T00:00:00Z', last_checked: needsAction === null ? null : '2025-01-01T00:00:00Z', needs_action: needsAction };
}

/** Only the fields the tally reads are meaningful here. */
function reportOf(project: string, needsAction: number): ProjectDriftDelta {
  return { summary: { project, needs_action: needsAction } as ProjectDriftSummary, changes: [] };
}

function changed(...projects: ProjectDriftDelta[]) {
  return { projects, checked_at: '2025-01-01T00:00:00Z' };
}

describe('ProjectDriftTally', () => {
  it('lists the projects needing action, most first, then by name', () => {
    const tally = new ProjectDriftTally();
    tally.setProjects([summary('/p/web', 'web', 1), summary('/p/api', 'api', 3), summary('/p/docs', 'docs', 0), summary('/p/cli', 'cli', 1)]);
    expect(tally.drifted().map((project) => project.name)).toEqual(['api', 'cli', 'web']);
  });

  it('leaves out projects never checked', () => {
    const tally = new ProjectDriftTally();
    tally.setProjects([summary('/p/api', 'api', null)]);
    expect(tally.drifted()).toEqual([]);
  });

  it('takes the counts of a drift change', () => {
    const tally = new ProjectDriftTally();
    tally.setProjects([summary('/p/api', 'api', 0), summary('/p/web', 'web', 2)]);
    tally.driftChanged(changed(reportOf('/p/api', 4), reportOf('/p/web', 0)));
    expect(tally.drifted()).toEqual([{ path: '/p/api', name: 'api', needsAction: 4 }]);
  });

  it('ignores a report about a project that is not registered', () => {
    const tally = new ProjectDriftTally();
    tally.driftChanged(changed(reportOf('/p/gone', 2)));
    expect(tally.drifted()).toEqual([]);
  });

  it('keeps a counted project’s count when the list is reloaded before its cache has one', () => {
    const tally = new ProjectDriftTally();
    tally.setProjects([summary('/p/api', 'api', null)]);
    tally.driftChanged(changed(reportOf('/p/api', 2)));
    tally.setProjects([summary('/p/api', 'api', null), summary('/p/new', 'new', null)]);
    expect(tally.drifted()).toEqual([{ path: '/p/api', name: 'api', needsAction: 2 }]);
  });

  it('forgets a project that was removed', () => {
    const tally = new ProjectDriftTally();
    tally.setProjects([summary('/p/api', 'api', 2)]);
    tally.setProjects([]);
    expect(tally.nameOf('/p/api')).toBeUndefined();
  });
});
