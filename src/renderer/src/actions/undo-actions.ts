/** Undo of a result shown apart (a toast): the core call that puts the action back, then the drift of what it touched read again. */
import { dismissToast, setUndone } from '../state/toasts-store.js';
import { withProject } from '../state/projects-store.js';
import type { UndoRequest } from '../view-model/undo-request.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { ProjectActions } from './project-actions.js';
import type { CollectionActions } from './collection-actions.js';
import { artifactRelativePath } from '../../../shared/artifact-types.js';

export interface UndoActions {
  /** Puts back the action a toast reports; the toast then says how that went. */
  undo(toastId: number): Promise<void>;
  dismissToast(toastId: number): void;
}

/** The undo actions over a client and the stores; `projects` re-reads what an undo changed. */
export function undoActions({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift' | 'loadPendingMerges'>, collection: Pick<CollectionActions, 'loadCollection'>): UndoActions {
  const putBack = async (request: UndoRequest): Promise<string> => {
    switch (request.kind) {
      case 'restore': {
        for (const { artifact, versionId } of request.versions) await client.restore({ project: request.project, artifact, version_id: versionId });
        await Promise.all([projects.refreshDrift([request.project]), projects.loadPendingMerges(request.project)]);
        return `Put back the project's copy of ${request.versions.map((v) => v.artifact).join(', ')}.`;
      }
      case 'redeploy': {
        await client.deploy({ project: request.project, names: [request.name], type: request.type, collection: request.collection });
        await projects.refreshDrift([request.project]);
        return `Deployed ${request.name} again.`;
      }
      case 'reimport': {
        const { project } = await client.addProject({ path: request.path });
        stores.projects.setState((s) => withProject(s, project));
        await projects.refreshDrift([project.path]);
        return `Imported ${project.name} again.`;
      }
      case 'bring-back': {
        // Only the artifact's own path returns: the rest of the collection stays as it is now.
        await client.rollback({ snapshot_id: request.snapshotId, collection: request.collection, paths: [artifactRelativePath(request.type, request.name)] });
        await collection.loadCollection();
        return `Brought ${request.name} back into collection ${request.collection}.`;
      }
      case 'before-update': {
        // The artifacts' files and their upstream records return; the rest of the collection stays as it is now.
        await client.rollback({ snapshot_id: request.snapshotId, collection: request.collection, paths: request.artifacts.map((a) => artifactRelativePath(a.type, a.name)) });
        await collection.loadCollection();
        return `Put ${request.artifacts.map((a) => a.name).join(', ')} back as before the update.`;
      }
    }
  };

  return {
    async undo(toastId) {
      const toast = stores.toasts.getState().toasts.find((t) => t.id === toastId);
      if (toast?.undo == null || toast.undone !== null) return;
      setUndone(stores.toasts, toastId, { phase: 'running' });
      try {
        setUndone(stores.toasts, toastId, { phase: 'done', text: await putBack(toast.undo) });
      } catch (error) {
        setUndone(stores.toasts, toastId, { phase: 'failed', message: failureOf(error).message });
      }
    },
    dismissToast: (toastId) => dismissToast(stores.toasts, toastId),
  };
}
