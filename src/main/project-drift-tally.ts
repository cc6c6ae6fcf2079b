import type { EventPayload } from '../shared/contract.js';
import type { ProjectSummary } from '../shared/results.js';

/** A registered project that needs action, as the tray lists it. */
export interface DriftedProject {
  readonly path: string;
  readonly name: string;
  readonly needsAction: number;
}

interface Tallied {
  readonly name: string;
  /** Null until a drift check has run on it. */
  readonly needsAction: number | null;
}

/**
 * What the tray knows about each registered project: its name and how many of its artifacts need
 * action. Seeded from `listProjects` (the cache's last check) and kept current by `drift.changed`.
 */
export class ProjectDriftTally {
  private projects = new Map<string, Tallied>();

  /** Replaces the set of projects (after one is added or removed), keeping newer counts from events. */
  setProjects(summaries: readonly ProjectSummary[]): void {
    this.projects = new Map(
      summaries.map((summary) => [summary.path, { name: summary.name, needsAction: summary.needs_action ?? this.projects.get(summary.path)?.needsAction ?? null }]),
    );
  }

  /** Takes one `drift.changed` payload; reports of projects no longer registered are ignored. */
  driftChanged(change: EventPayload<'drift.changed'>): void {
    for (const { summary } of change.projects) {
      const known = this.projects.get(summary.project);
      if (known !== undefined) this.projects.set(summary.project, { name: known.name, needsAction: summary.needs_action });
    }
  }

  /** The projects needing action, most first (then by name). */
  drifted(): DriftedProject[] {
    return [...this.projects]
      .filter(([, project]) => (project.needsAction ?? 0) > 0)
      .map(([path, project]) => ({ path, name: project.name, needsAction: project.needsAction ?? 0 }))
      .sort((a, b) => b.needsAction - a.needsAction || a.name.localeCompare(b.name));
  }

  /** The registered name of a project, if it is registered. */
  nameOf(path: string): string | undefined {
    return this.projects.get(path)?.name;
  }
}
