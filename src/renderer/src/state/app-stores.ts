/** Every store of the app, created together so a test (or a second window) gets its own set. */
import { createChangesStore, type ChangesStore } from './changes-store.js';
import { createCollectionStore, type CollectionStore } from './collection-store.js';
import { createConnectionStore, type ConnectionState, type ConnectionStore } from './connection-store.js';
import { createHistoryStore, type HistoryStore } from './history-store.js';
import { createMergeStore, type MergeStore } from './merge-store.js';
import { createMonitorStore, type MonitorStore } from './monitor-store.js';
import { createNoticesStore, type NoticesStore } from './notices-store.js';
import { createOperationsStore, type OperationsStore } from './operations-store.js';
import { createProjectsStore, type ProjectsStore } from './projects-store.js';
import { createSnapshotsStore, type SnapshotsStore } from './snapshots-store.js';
import { createSourcesStore, type SourcesStore } from './sources-store.js';
import { createTasksStore, type TasksStore } from './tasks-store.js';
import { createToastsStore, type ToastsStore } from './toasts-store.js';

export interface AppStores {
  readonly projects: ProjectsStore;
  readonly collection: CollectionStore;
  readonly operations: OperationsStore;
  readonly tasks: TasksStore;
  readonly notices: NoticesStore;
  readonly toasts: ToastsStore;
  readonly connection: ConnectionStore;
  readonly merges: MergeStore;
  readonly changes: ChangesStore;
  readonly snapshots: SnapshotsStore;
  readonly history: HistoryStore;
  readonly monitor: MonitorStore;
  readonly sources: SourcesStore;
}

/** Fresh, empty stores. */
export function createAppStores(transport: ConnectionState['transport'] = 'memory'): AppStores {
  return {
    projects: createProjectsStore(),
    collection: createCollectionStore(),
    operations: createOperationsStore(),
    tasks: createTasksStore(),
    notices: createNoticesStore(),
    toasts: createToastsStore(),
    connection: createConnectionStore(transport, transport === 'socket' ? 'connecting' : 'open'),
    merges: createMergeStore(),
    changes: createChangesStore(),
    snapshots: createSnapshotsStore(),
    history: createHistoryStore(),
    monitor: createMonitorStore(),
    sources: createSourcesStore(),
  };
}
