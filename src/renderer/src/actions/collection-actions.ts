/** Reading the active collection, creating the first one, and adding artifacts from a folder. */
import { NOTHING_UNSUPPORTED } from '../state/collection-store.js';
import { ADD_ARTIFACT_TASK, CREATE_COLLECTION_TASK, setTask } from '../state/tasks-store.js';
import { failureOf, type ActionContext } from './action-context.js';

export interface CollectionActions {
  /** Reads which collection is active, its artifacts (with type, version and content hash) and the entries it keeps but does not manage: three calls, whatever the size. */
  loadCollection(): Promise<void>;
  /** Creates a collection and makes the view show it. */
  createCollection(name: string): Promise<void>;
  /** Adds the artifact in a folder to the active collection (the back end detects its type). */
  addArtifact(sourcePath: string): Promise<void>;
}

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
        collection.setState({ status: 'none', name: null, artifacts: [], unsupported: NOTHING_UNSUPPORTED });
        return;
      }
      const [artifacts, unsupported] = await Promise.all([client.listArtifacts({ collection: active.name }), client.unsupportedEntries({ collection: active.name })]);
      collection.setState({ status: 'ready', name: active.name, artifacts, unsupported });
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

    async addArtifact(sourcePath) {
      setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'running', text: `Adding ${sourcePath}…` });
      const into = collection.getState().name;
      try {
        const added = await client.addArtifact({ source_path: sourcePath, ...(into !== null ? { collection: into } : {}) });
        collection.setState((s) => ({ artifacts: [...s.artifacts.filter((a) => !(a.name === added.name && a.type === added.type)), added] }));
        const version = added.version === null ? '' : ` ${added.version}`;
        setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'done', summary: { tone: 'success', text: `Added ${added.type} ${added.name}${version}.`, conflicts: [] } });
      } catch (error) {
        setTask(stores.tasks, ADD_ARTIFACT_TASK, { phase: 'failed', ...failureOf(error) });
      }
    },
  };
}
