/** Every action of the app, built once over the client and the stores; components call these and nothing else. */
import { dismissNotice } from '../state/notices-store.js';
import type { ActionContext } from './action-context.js';
import { collectionActions, type CollectionActions } from './collection-actions.js';
import { deploymentActions, type DeploymentActions } from './deployment-actions.js';
import { bindEvents } from './event-actions.js';
import { historyActions, type HistoryActions } from './history-actions.js';
import { mergeActions, type MergeActions } from './merge-actions.js';
import { monitorActions, type MonitorActions } from './monitor-actions.js';
import { outdatedActions, type OutdatedActions } from './outdated-actions.js';
import { pathActions, type PathActions } from './path-actions.js';
import { projectActions, type ProjectActions } from './project-actions.js';
import { snapshotActions, type SnapshotActions } from './snapshot-actions.js';
import { sourceActions, type SourceActions } from './source-actions.js';
import { undoActions, type UndoActions } from './undo-actions.js';

export interface AppActions extends ProjectActions, DeploymentActions, CollectionActions, MergeActions, SnapshotActions, HistoryActions, UndoActions, OutdatedActions, MonitorActions, PathActions, SourceActions {
  /** Subscribes to events and paints the first view from the cache; returns the stop function. */
  start(): () => void;
  dismissNotice(id: number): void;
}

/** The app's actions. */
export function createAppActions(context: ActionContext): AppActions {
  const projects = projectActions(context);
  const collection = collectionActions(context);
  const deployments = deploymentActions(context, projects);
  const monitor = monitorActions(context);
  return {
    ...projects,
    ...collection,
    ...deployments,
    ...mergeActions(context, projects, deployments),
    ...snapshotActions(context, collection, projects),
    ...historyActions(context, collection, projects),
    ...undoActions(context, projects, collection),
    ...outdatedActions(context, projects),
    ...monitor,
    ...pathActions(context),
    ...sourceActions(context, collection),
    // The project view also offers the collection's artifacts for deployment: read both.
    async openProject(path) {
      await Promise.all([projects.openProject(path), collection.loadCollection()]);
    },
    start() {
      const unbind = bindEvents(context, projects);
      void projects.loadProjects();
      void collection.loadCollection();
      void monitor.loadMonitor();
      return unbind;
    },
    dismissNotice: (id) => dismissNotice(context.stores.notices, id),
  };
}
