/**
 * Syncing every outdated artifact at once — of one project, or of every project — where the
 * collection moved on and the project copy has no edits of its own: one sync call per project
 * naming those artifacts, then one drift check of the projects touched.
 */
import type { DriftReport } from '../../../shared/results.js';
import { setTask, taskKey } from '../state/tasks-store.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { ProjectActions } from './project-actions.js';

/** The task key of a project's "Sync all outdated". */
export function syncOutdatedTaskKey(project: string): string {
  return taskKey(project, 'sync-outdated');
}

/** The task key of "Sync all outdated" across every project. */
export const SYNC_ALL_OUTDATED_TASK = 'sync-all-outdated';

/** The names of a report's outdated artifacts (those a plain sync updates). */
export function outdatedNames(report: Pick<DriftReport, 'drift'>): string[] {
  return report.drift.filter((entry) => entry.drift_type === 'outdated').map((entry) => entry.name);
}

export interface OutdatedActions {
  /** Syncs every outdated artifact of one project. */
  syncOutdated(project: string): Promise<void>;
  /** Syncs every outdated artifact of every project whose summary counts some. */
  syncAllOutdated(): Promise<void>;
}

/** The outdated-sync actions over a client and the stores; `projects` re-reads what they changed. */
export function outdatedActions({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift' | 'loadPendingMerges'>): OutdatedActions {
  /** Syncs the outdated artifacts of each report; returns how many artifacts were updated and any failures. */
  const syncReports = async (reports: readonly DriftReport[]): Promise<{ updated: number; projects: number; failures: string[] }> => {
    let updated = 0;
    let touched = 0;
    const failures: string[] = [];
    for (const report of reports) {
      const names = outdatedNames(report);
      if (names.length === 0) continue;
      try {
        const result = await client.sync({ project: report.project, artifacts: names });
        updated += result.artifacts.filter((a) => a.action === 'updated' || a.action === 'merged').length;
        touched += 1;
      } catch (error) {
        failures.push(`${report.project}: ${failureOf(error).message}`);
      }
    }
    return { updated, projects: touched, failures };
  };

  const artifactsWord = (count: number) => (count === 1 ? '1 artifact' : `${count} artifacts`);

  return {
    async syncOutdated(project) {
      const key = syncOutdatedTaskKey(project);
      const report = stores.projects.getState().reports[project];
      const count = report === undefined ? 0 : outdatedNames(report).length;
      setTask(stores.tasks, key, { phase: 'running', text: `Syncing ${artifactsWord(count)}…` });
      const { updated, failures } = await syncReports(report === undefined ? [] : [report]);
      setTask(stores.tasks, key, failures.length > 0 ? { phase: 'failed', code: 'sync', message: failures.join(' ') } : { phase: 'done', summary: { tone: 'success', text: updated === 0 ? 'Nothing was outdated.' : `Synced ${artifactsWord(updated)} from the collection.`, conflicts: [] } });
      await Promise.all([projects.refreshDrift([project]), projects.loadPendingMerges(project)]);
    },

    async syncAllOutdated() {
      const { summaries } = stores.projects.getState();
      const paths = Object.values(summaries).filter((s) => s.state === 'checked' && s.counts.outdated > 0).map((s) => s.project);
      setTask(stores.tasks, SYNC_ALL_OUTDATED_TASK, { phase: 'running', text: `Syncing outdated artifacts in ${paths.length === 1 ? '1 project' : `${paths.length} projects`}…` });
      try {
        // Summaries carry counts only: one drift check names the outdated artifacts of all of them.
        const reports = paths.length === 0 ? [] : await client.checkDrift({ projects: paths });
        const { updated, projects: touched, failures } = await syncReports(reports);
        const text = updated === 0 ? 'Nothing was outdated.' : `Synced ${artifactsWord(updated)} in ${touched === 1 ? '1 project' : `${touched} projects`}.`;
        setTask(stores.tasks, SYNC_ALL_OUTDATED_TASK, failures.length > 0 ? { phase: 'failed', code: 'sync', message: `${text} ${failures.join(' ')}` } : { phase: 'done', summary: { tone: 'success', text, conflicts: [] } });
      } catch (error) {
        setTask(stores.tasks, SYNC_ALL_OUTDATED_TASK, { phase: 'failed', ...failureOf(error) });
      }
      await projects.refreshDrift(paths);
    },
  };
}
