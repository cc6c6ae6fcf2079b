/** Reading the active collection, creating the first one, switching, adding and removing artifacts, and where an artifact is deployed. */
import type { ArtifactType } from '../../../shared/artifact-types.js';
import { routeHash } from '../../../shared/app-routes.js';
import type { ArtifactInfo } from '../../../shared/results.js';
import { NOTHING_UNSUPPORTED, type ArtifactUse } from '../state/collection-store.js';
import { pushNotice } from '../state/notices-store.js';
import { ADD_ARTIFACT_TASK, CREATE_COLLECTION_TASK, setTask } from '../state/tasks-store.js';
import { pushToast } from '../state/toasts-store.js';
import { folderName } from '../view-model/format.js';
import { sortedRows } from '../view-model/list-order.js';
import { undoOfCollectionRemove } from '../view-model/undo-request.js';
import { failureOf, type ActionContext } from './action-context.js';

export interface CollectionActions {
  /** Reads which collection is active, its artifacts (with type, version and content hash) and the entries it keeps but does not manage: three calls, whatever the size. */
  loadCollection(): Promise<void>;
  /** Creates a collection and makes the view show it. */
  createCollection(name: string): Promise<void>;
  /** Makes another collection the active one and shows it. */
  switchCollection(name: string): Promise<void>;
  /** Adds the artifact at a path (a folder, or one file for a command or an agent) to the active collection; without `type`, the back end detects it. */
  addArtifact(sourcePath: string, type?: ArtifactType): Promise<void>;
  /** Removes an artifact from the collection (after the core's safety snapshot); the result, with Undo, is shown apart. */
  removeArtifact(artifact: Pick<ArtifactInfo, 'name' | 'type' | 'collection'>): Promise<void>;
  /** Reads which registered projects hold a copy of an artifact. */
  loadArtifactUse(artifact: Pick<ArtifactInfo, 'name' | 'type' | 'collection'>): Promise<void>;
}

/** The key of an artifact in the collection store's maps. */
export const collectionArtifactKey = (artifact: Pick<ArtifactInfo, 'name' | 'type'>): string => `${artifact.type}:${artifact.name}`;

/** The collection actions over a client and the stores. */
export function collectionActions({ client, stores }: ActionContext): CollectionActions {
  const { collection } = stores;

  const loadCollection = async (): Promise<void> => {
    // A reload keeps the table on screen; only a first read shows "loading".
    if (collection.getState().status !== 'ready') collection.setState({ status: 'loading', error: null });
    try {
      const collections = await client.listCollections({});
      const active = collections.find((c) => c.active) ?? collections[0];
      if (active === undefined) {
        collection.setState({ status: 'none', name: null, artifacts: [], unsupported: NOTHING_UNSUPPORTED, collections, usedIn: {} });
        return;
      }
      const [artifacts, unsupported] = await Promise.all([client.listArtifacts({ collection: active.name }), client.unsupportedEntries({ collection: active.name })]);
      // What was read of another collection's artifacts does not describe this one's.
      const usedIn = collection.getState().name === active.name ? collection.getState().usedIn : {};
      collection.setState({ status: 'ready', name: active.name, artifacts, unsupported, collections, usedIn });
    } catch (error) {
      collection.setState({ status: 'failed', error: failureOf(error).message });
    }
  };

  return {
    loadCollection,

    async createCollection(name) {
      setTask(stores.tasks, CREATE_COLLECTION_TASK, { phase: 'running', text: `Creating collection ${name}…` });
      try {
        const created = await client.initCollection({ name });
        setTask(stores.tasks, CREATE_COLLECTION_TASK, { phase: 'done', summary: { tone: 'success', text: `Created collection ${created.collection} at ${created.path}.`, conflicts: [] } });
      } catch (error) {
        setTask(stores.tasks, CREATE_COLLECTION_TASK, { phase: 'failed', ...failureOf(error) });
      }
      await loadCollection();
    },

    async switchCollection(name) {
      try {
        await client.useCollection({ name });
      } catch (error) {
        pushNotice(stores.notices, 'error', `Could not switch to collection ${name}: ${failureOf(error).message}`);
      }
      await loadCollection();
    },

    async addArtifact(sourcePath, type) {
      setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'running', text: `Adding ${sourcePath}…` });
      const into = collection.getState().name;
      try {
        const added = await client.addArtifact({ source_path: sourcePath, ...(type !== undefined ? { type } : {}), ...(into !== null ? { collection: into } : {}) });
        collection.setState((s) => ({ artifacts: [...s.artifacts.filter((a) => !(a.name === added.name && a.type === added.type)), added] }));
        const version = added.version === null ? '' : ` ${added.version}`;
        setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'done', summary: { tone: 'success', text: `Added ${added.type} ${added.name}${version}.`, conflicts: [] } });
      } catch (error) {
        setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'failed', ...failureOf(error) });
      }
    },

    async removeArtifact(artifact) {
      const view = routeHash({ view: 'collection' });
      try {
        const removed = await client.removeArtifact({ name: artifact.name, type: artifact.type, collection: artifact.collection });
        collection.setState((s) => ({ artifacts: s.artifacts.filter((a) => !(a.name === removed.name && a.type === removed.type)) }));
        const undo = undoOfCollectionRemove(removed);
        const kept = removed.safety_snapshot_id === null ? '' : ` A safety snapshot (${removed.safety_snapshot_id}) kept it.`;
        pushToast(stores.toasts, { view, tone: 'success', text: `Removed ${removed.type} ${removed.name} from collection ${removed.collection}.${kept}`, undo });
      } catch (error) {
        pushToast(stores.toasts, { view, tone: 'warning', text: `Could not remove ${artifact.name}: ${failureOf(error).message}`, undo: null });
      }
    },

    async loadArtifactUse(artifact) {
      const key = collectionArtifactKey(artifact);
      const set = (use: ArtifactUse) => collection.setState((s) => ({ usedIn: { ...s.usedIn, [key]: use } }));
      set({ phase: 'reading' });
      try {
        // The history's places name every registered project the artifact is deployed in now.
        const { places } = await client.historyPage({ name: artifact.name, type: artifact.type, collection: artifact.collection, limit: 1 });
        const known = new Map(stores.projects.getState().projects.map((p) => [p.path, p.name]));
        const projects = places.filter((p) => p.kind === 'project' && p.live).map((p) => ({ path: p.where, name: known.get(p.where) ?? folderName(p.where) }));
        set({ phase: 'read', projects: sortedRows(projects, (p) => ({ key: p.path, name: p.name, needsAction: false })) });
      } catch (error) {
        set({ phase: 'failed', message: failureOf(error).message });
      }
    },
  };
}
