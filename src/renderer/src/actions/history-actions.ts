/**
 * The history view's actions: reading an artifact's history page by page as it scrolls, filtering
 * it, selecting a version (its changes against its first parent and where it is now) or two (their
 * comparison), and the actions on a version: restore it into a project, make it the collection copy.
 */
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { HistoryEntry, HistoryPage } from '../../../shared/history-results.js';
import { emptyHistory, type HistoryChanges, type HistoryFilter, type HistoryState } from '../state/history-store.js';
import { pagesFor } from '../view-model/timeline-rows.js';
import { placeNameOf } from '../view-model/history-text.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { CollectionActions } from './collection-actions.js';
import type { ProjectActions } from './project-actions.js';

/** Rows read per call. */
export const HISTORY_PAGE_SIZE = 200;

export interface HistoryActions {
  /** Opens the history of an artifact: its first page, its places. */
  openHistory(name: string, type: ArtifactType | undefined): Promise<void>;
  /** The rows `first`…`last` are on screen: reads the pages they (and the next page) need. */
  showHistoryRange(first: number, last: number): void;
  setHistoryFilter(filter: HistoryFilter): Promise<void>;
  /** Selects a version (its changes and whereabouts); with `compare`, picks it as the other side of a comparison with the selected one. */
  selectVersion(row: HistoryEntry, options?: { compare?: boolean }): Promise<void>;
  /** Back from a comparison to the selected version alone. */
  stopComparing(): Promise<void>;
  showVersionFile(path: string): void;
  /** Asks to restore `version` into a project (chosen in the dialog), or to make it the collection copy. */
  askHistoryAction(kind: 'restore' | 'adopt', version: HistoryEntry): void;
  chooseRestoreProject(project: string): void;
  cancelHistoryAction(): void;
  /** Runs the confirmed action; true when it ran. */
  runHistoryAction(): Promise<boolean>;
  dismissHistoryNotice(): void;
}

export function historyActions({ client, stores }: ActionContext, collection: Pick<CollectionActions, 'loadCollection'>, projects: Pick<ProjectActions, 'refreshDrift'>): HistoryActions {
  const store = stores.history;
  const set = (partial: Partial<HistoryState> | ((s: HistoryState) => Partial<HistoryState>)) => store.setState(partial);
  let generation = 0;
  let pages = new Set<number>();
  let range = { first: 0, last: 0 };
  let changesToken = 0;

  const pageInput = (page: number) => {
    const { artifact, filter } = store.getState();
    return {
      name: artifact!.name,
      ...(artifact!.type !== undefined ? { type: artifact!.type } : {}),
      offset: page * HISTORY_PAGE_SIZE,
      limit: HISTORY_PAGE_SIZE,
      ...(filter.place !== null ? { places: [filter.place] } : {}),
      ...(filter.origin !== null ? { origins: [filter.origin] } : {}),
      ...(filter.hash.trim() !== '' ? { hash: filter.hash.trim() } : {}),
    };
  };

  const place = (read: readonly HistoryPage[], fresh: boolean) =>
    set((s) => {
      const last = read[read.length - 1];
      if (last === undefined) return {};
      const rows = fresh ? [] : s.rows.slice(0, last.total);
      rows.length = last.total;
      for (const page of read) page.rows.forEach((row, i) => (rows[page.offset + i] = row));
      return {
        status: 'ready',
        error: null,
        resolved: { name: last.name, type: last.type, collection: last.collection },
        total: last.total,
        versionsStored: last.versions_stored,
        lanes: last.lanes,
        places: last.places,
        origins: last.origins,
        rows,
        // What is selected stays selected, in its new state (labels move after an action).
        selected: s.selected === null ? null : (rows.find((r) => r?.id === s.selected!.id) ?? s.selected),
      };
    });

  /** Reads the pages the rows on screen need, replacing what was read before. */
  const reload = async (): Promise<void> => {
    const mine = ++generation;
    pages = new Set();
    const wanted = pagesFor(range.first, range.last, HISTORY_PAGE_SIZE, store.getState().total);
    for (const page of wanted) pages.add(page);
    try {
      const read = await Promise.all(wanted.map((page) => client.historyPage(pageInput(page))));
      if (mine === generation) place(read, true);
    } catch (error) {
      if (mine !== generation) return;
      const failure = failureOf(error);
      set({ status: failure.code === 'not_found' ? 'not_found' : 'failed', error: failure.message });
    }
  };

  const readPage = async (page: number): Promise<void> => {
    if (pages.has(page)) return;
    const mine = generation;
    pages.add(page);
    try {
      const read = await client.historyPage(pageInput(page));
      if (mine === generation) place([read], false);
    } catch (error) {
      if (mine !== generation) return;
      pages.delete(page);
      set({ notice: { tone: 'error', message: `Some versions could not be read: ${failureOf(error).message}` } });
    }
  };

  const loadChanges = async (changes: Omit<HistoryChanges, 'diff' | 'file'>): Promise<void> => {
    const mine = ++changesToken;
    set({ changes: { ...changes, diff: { phase: 'loading' }, file: null } });
    const { resolved } = store.getState();
    try {
      const { from, to } = changes;
      const diff =
        to.kind === 'working'
          ? await client.workingChanges({ name: resolved!.name, type: resolved!.type, place: to.place })
          : await client.diffVersions({ ...(from === null ? {} : { from: from.id }), to: to.id });
      if (mine !== changesToken) return;
      set((s) => (s.changes === null ? {} : { changes: { ...s.changes, diff: { phase: 'ready', value: diff }, file: diff.files[0]?.path ?? null } }));
    } catch (error) {
      if (mine !== changesToken) return;
      set((s) => (s.changes === null ? {} : { changes: { ...s.changes, diff: { phase: 'failed', message: failureOf(error).message } } }));
    }
  };

  /** The first parent of a version, if the list holds it (else the changes are read against it by id alone). */
  const firstParent = (row: HistoryEntry): HistoryEntry | null => {
    const id = row.parents[0];
    if (id === undefined) return null;
    return store.getState().rows.find((r) => r?.id === id) ?? { ...row, kind: 'version', id, short: id.slice(-12), parents: [], labels: [], origin: '', created_at: null };
  };

  const loadWhereabouts = async (row: HistoryEntry): Promise<void> => {
    if (row.kind === 'working') {
      set({ whereabouts: null });
      return;
    }
    set({ whereabouts: { phase: 'loading' } });
    const { resolved } = store.getState();
    try {
      const value = await client.versionWhereabouts({ name: resolved!.name, type: resolved!.type, version: row.id });
      if (store.getState().selected?.id === row.id) set({ whereabouts: { phase: 'ready', value } });
    } catch (error) {
      if (store.getState().selected?.id === row.id) set({ whereabouts: { phase: 'failed', message: failureOf(error).message } });
    }
  };

  const select = async (row: HistoryEntry): Promise<void> => {
    set({ selected: row, compareWith: null });
    await Promise.all([loadChanges({ from: row.kind === 'working' ? null : firstParent(row), to: row }), loadWhereabouts(row)]);
  };

  /** Row index of an entry (older rows have larger indexes); -1 when not read. */
  const indexOf = (row: HistoryEntry) => store.getState().rows.findIndex((r) => r?.id === row.id);

  return {
    async openHistory(name, type) {
      generation++;
      changesToken++;
      range = { first: 0, last: 0 };
      store.setState({ ...emptyHistory(), artifact: { name, type }, status: 'loading' });
      performance.mark('skillmeat:history-request');
      await reload();
      performance.mark('skillmeat:history-data');
    },

    showHistoryRange(first, last) {
      range = { first, last };
      const { total, status } = store.getState();
      if (status !== 'ready') return;
      for (const page of pagesFor(first, last, HISTORY_PAGE_SIZE, total)) void readPage(page);
    },

    async setHistoryFilter(filter) {
      set({ filter, total: 0, rows: [], status: 'loading' });
      range = { first: 0, last: 0 };
      await reload();
    },

    async selectVersion(row, options = {}) {
      const { selected } = store.getState();
      if (!options.compare || selected === null || selected.id === row.id || row.kind === 'working' || selected.kind === 'working') {
        await select(row);
        return;
      }
      // Older on the left: the row further down the list is the older one.
      const [from, to] = indexOf(row) > indexOf(selected) ? [row, selected] : [selected, row];
      set({ compareWith: row });
      await loadChanges({ from, to });
    },

    async stopComparing() {
      const { selected } = store.getState();
      if (selected !== null) await select(selected);
    },

    showVersionFile(path) {
      set((s) => (s.changes === null ? {} : { changes: { ...s.changes, file: path } }));
    },

    askHistoryAction(kind, version) {
      const live = store.getState().places.filter((p) => p.kind === 'project' && p.live);
      set({ action: { kind, version, project: kind === 'restore' && live.length === 1 ? live[0]!.where : null, running: false, error: null } });
    },

    chooseRestoreProject(project) {
      set((s) => (s.action === null ? {} : { action: { ...s.action, project, error: null } }));
    },

    cancelHistoryAction() {
      set({ action: null });
    },

    async runHistoryAction() {
      const { action, resolved, places } = store.getState();
      if (action === null || action.running || resolved === null) return false;
      if (action.kind === 'restore' && action.project === null) return false;
      set({ action: { ...action, running: true, error: null } });
      try {
        if (action.kind === 'restore') {
          await client.restore({ project: action.project!, artifact: resolved.name, version_id: action.version.id });
          const where = places.find((p) => p.kind === 'project' && p.where === action.project);
          set({ action: null, notice: { tone: 'success', message: `Restored ${action.version.short} into ${where === undefined ? action.project : placeNameOf(where.place, places)}. Its baseline is unchanged: the project shows it as modified, to push or to sync away.` } });
          await Promise.all([reload(), projects.refreshDrift([action.project!])]);
        } else {
          const result = await client.adoptVersion({ version_id: action.version.id });
          const text =
            result.status === 'nothing_to_do'
              ? `The collection copy already is ${action.version.short}.`
              : `The collection copy is now ${action.version.short}${result.safety_snapshot_id === null ? '' : ` (safety snapshot ${result.safety_snapshot_id} holds what it replaced)`}. Projects where it is deployed now show it as outdated.`;
          set({ action: null, notice: { tone: 'success', message: text } });
          const deployedIn = places.filter((p) => p.kind === 'project' && p.live).map((p) => p.where);
          await Promise.all([reload(), collection.loadCollection(), deployedIn.length > 0 ? projects.refreshDrift(deployedIn) : undefined]);
        }
        const { selected } = store.getState();
        if (selected !== null) void loadWhereabouts(selected);
        return true;
      } catch (error) {
        set((s) => (s.action === null ? {} : { action: { ...s.action, running: false, error: failureOf(error).message } }));
        return false;
      }
    },

    dismissHistoryNotice() {
      set({ notice: null });
    },
  };
}
