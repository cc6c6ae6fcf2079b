/**
 * Loading projects and their drift. The list is painted first from the cache (`listProjects`), then
 * one `driftSummaries` fills in every project's counts (no entries); a project's report (its
 * entries) is read when it opens. Later changes arrive as `drift.changed` events.
 */
import type { ActionContext } from './action-context.js';
import { failureOf } from './action-context.js';
import { routeHash } from '../../../shared/app-routes.js';
import { pushNotice } from '../state/notices-store.js';
import { pushToast } from '../state/toasts-store.js';
import { withChecking, withDetailsOf, withProject, withReports, withSummaries, withoutProject } from '../state/projects-store.js';
import { IMPORT_TASK, setTask } from '../state/tasks-store.js';
import { plural } from '../view-model/result-summary.js';

export interface ProjectActions {
  /** Paints the cached list, then checks every project's drift in one call answered in counts. */
  loadProjects(): Promise<void>;
  /** Re-checks the drift of some projects in one call. */
  refreshDrift(paths: readonly string[]): Promise<void>;
  /** Reads a project's unfinished merges (the files still in conflict). */
  loadPendingMerges(path: string): Promise<void>;
  /** A fresh report of one project and its unfinished merges (other projects' reports are let go). */
  openProject(path: string): Promise<void>;
  /** Registers project folders (the back end validates each); true when all were imported. An empty list is a drop that named no folder. */
  importProjects(paths: readonly string[]): Promise<boolean>;
  /** Unregisters a project; its files are untouched. */
  forgetProject(path: string): Promise<void>;
}

/** The project actions over a client and the stores. */
export function projectActions({ client, stores }: ActionContext): ProjectActions {
  const { projects } = stores;

  const refreshDrift = async (paths: readonly string[]): Promise<void> => {
    if (paths.length === 0) return;
    projects.setState((s) => withChecking(s, paths, true));
    try {
      const reports = await client.checkDrift({ projects: [...paths] });
      projects.setState((s) => withReports(s, reports));
    } catch (error) {
      pushNotice(stores.notices, 'error', `Drift check failed: ${failureOf(error).message}`);
    } finally {
      projects.setState((s) => withChecking(s, paths, false));
    }
  };

  const loadPendingMerges = async (path: string): Promise<void> => {
    try {
      const merges = await client.pendingMerges({ project: path });
      projects.setState((s) => ({ pendingMerges: { ...s.pendingMerges, [path]: merges } }));
    } catch (error) {
      pushNotice(stores.notices, 'error', `Could not read the unfinished merges of ${path}: ${failureOf(error).message}`);
    }
  };

  return {
    refreshDrift,
    loadPendingMerges,

    async loadProjects() {
      try {
        const list = await client.listProjects({});
        projects.setState({ projects: list, loaded: true });
      } catch (error) {
        projects.setState({ loaded: true });
        pushNotice(stores.notices, 'error', `Could not list projects: ${failureOf(error).message}`);
        return;
      }
      const paths = projects.getState().projects.map((p) => p.path);
      if (paths.length === 0) return;
      projects.setState((s) => withChecking(s, paths, true));
      try {
        const summaries = await client.driftSummaries({});
        projects.setState((s) => withSummaries(s, summaries));
      } catch (error) {
        pushNotice(stores.notices, 'error', `Drift check failed: ${failureOf(error).message}`);
      } finally {
        projects.setState((s) => withChecking(s, paths, false));
      }
    },

    async openProject(path) {
      projects.setState((s) => withDetailsOf(s, path));
      await Promise.all([refreshDrift([path]), loadPendingMerges(path)]);
    },

    async importProjects(paths) {
      if (paths.length === 0) {
        const message = 'That drop named no folder. A browser cannot see where a dropped folder lives: drop its path as text, or type it into the folder field.';
        setTask(stores.tasks, IMPORT_TASK, { phase: 'failed', code: 'invalid_input', message });
        return false;
      }
      setTask(stores.tasks, IMPORT_TASK, { phase: 'running', text: `Importing ${plural(paths.length, 'folder')}…` });
      const imported: string[] = [];
      const importedPaths: string[] = [];
      const again: string[] = [];
      const failures: string[] = [];
      let code = 'internal';
      for (const path of paths) {
        try {
          const { project, added } = await client.addProject({ path });
          projects.setState((s) => withProject(s, project));
          (added ? imported : again).push(project.name);
          if (added) importedPaths.push(project.path);
        } catch (error) {
          const failure = failureOf(error);
          code = failure.code;
          failures.push(failure.message);
        }
      }
      if (failures.length > 0) {
        setTask(stores.tasks, IMPORT_TASK, { phase: 'failed', code, message: failures.join(' ') });
      } else {
        const text = [imported.length > 0 ? `Imported ${imported.join(', ')}.` : '', again.length > 0 ? `${again.join(', ')} ${again.length === 1 ? 'was' : 'were'} already imported.` : ''].filter((t) => t !== '').join(' ');
        setTask(stores.tasks, IMPORT_TASK, { phase: 'done', summary: { tone: 'success', text, conflicts: [] } });
      }
      await refreshDrift(importedPaths);
      return failures.length === 0;
    },

    async forgetProject(path) {
      try {
        const name = projects.getState().projects.find((p) => p.path === path)?.name ?? path;
        await client.removeProject({ path });
        projects.setState((s) => withoutProject(s, path));
        // The project's view closes with it: the result shows on the projects list.
        pushToast(stores.toasts, { view: routeHash({ view: 'projects' }), tone: 'success', text: `Forgot ${name}: SkillMeat no longer watches ${path}. Its files are untouched.`, undo: { kind: 'reimport', path } });
      } catch (error) {
        pushNotice(stores.notices, 'error', `Could not forget ${path}: ${failureOf(error).message}`);
      }
    },
  };
}
