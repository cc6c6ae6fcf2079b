/**
 * The snapshot timeline's actions: reading it page by page as it scrolls, filtering it, the audit
 * entries beside it, a snapshot's artifacts, comparisons with their per-file diffs, creating,
 * pinning and deleting snapshots, and rollback: its plan (a dry run), the run, and its undo.
 */
import type { RollbackResult, SnapshotPage } from '../../../shared/snapshot-results.js';
import { ALL_KINDS, snapshotRef, withPage, type RollbackDialog, type SnapshotRef, type SnapshotsState, type TimelineFilter } from '../state/snapshots-store.js';
import { CREATE_SNAPSHOT_TASK, setTask } from '../state/tasks-store.js';
import { compareTree, firstCompareFile } from '../view-model/compare-tree.js';
import { rollbackRequest, toggleRollbackPath, type RollbackMode } from '../view-model/rollback-plan.js';
import { snapshotTitle } from '../view-model/snapshot-text.js';
import { pagesFor } from '../view-model/timeline-rows.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { CollectionActions } from './collection-actions.js';
import type { ProjectActions } from './project-actions.js';

/** Snapshots read per call. */
export const TIMELINE_PAGE_SIZE = 100;
/** Audit entries read when they are shown on the timeline. */
const AUDIT_LIMIT = 1000;

export interface SnapshotActions {
  /** Reads the first pages of the timeline (again: after a change, the pages on screen are re-read). */
  loadTimeline(): Promise<void>;
  /** The rows `first`…`last` are on screen: reads the pages they (and the next page) need. */
  showTimelineRange(first: number, last: number): void;
  setTimelineFilter(filter: TimelineFilter): Promise<void>;
  /** Shows or hides rollbacks and merges from the audit trail on the timeline. */
  showAuditOnTimeline(show: boolean): Promise<void>;
  /** Selects a snapshot and reads its artifacts. */
  selectSnapshot(snapshot: SnapshotRef): Promise<void>;
  /** Chooses a snapshot as the other side of the next comparison (null: none). */
  markForComparing(snapshot: SnapshotRef | null): void;
  /** Compares two snapshots (in time order), or a snapshot with the collection now (`other` null). */
  compareSnapshots(snapshot: SnapshotRef, other: SnapshotRef | null): Promise<void>;
  /** Shows one file of the comparison in the two-pane diff. */
  showComparedFile(path: string): Promise<void>;
  closeComparison(): void;
  createSnapshot(message: string): Promise<void>;
  pinSnapshot(snapshot: SnapshotRef, pinned: boolean): Promise<void>;
  deleteSnapshot(snapshot: SnapshotRef): Promise<void>;
  /** Opens the rollback dialog on a snapshot and asks for the plan of its first mode. */
  openRollback(target: SnapshotRef): Promise<void>;
  setRollbackMode(mode: RollbackMode): Promise<void>;
  /** Ticks or unticks an artifact or file for "Only selected artifacts". */
  toggleRollbackPath(path: string): Promise<void>;
  closeRollback(): void;
  /** Runs the rollback the dialog planned; true when it ran (the dialog then closes). */
  runRollback(): Promise<boolean>;
  /** Undoes the last rollback: a plain rollback to the safety snapshot it took. */
  undoRollback(): Promise<void>;
  /** Hides the last rollback's outcome. */
  dismissRollbackOutcome(): void;
  dismissSnapshotNotice(): void;
}

/** The snapshot actions over a client and the stores; after a rollback `collection` and `projects` re-read what it changed. */
export function snapshotActions({ client, stores }: ActionContext, collection: Pick<CollectionActions, 'loadCollection'>, projects: Pick<ProjectActions, 'refreshDrift'>): SnapshotActions {
  const store = stores.snapshots;
  const set = (partial: Partial<SnapshotsState> | ((s: SnapshotsState) => Partial<SnapshotsState>)) => store.setState(partial);
  /** Bumped when the timeline is read anew (a filter, a change): answers for an older one are dropped. */
  let generation = 0;
  /** Pages of the current generation asked for or read. */
  let pages = new Set<number>();
  /** The rows last on screen: a reload re-reads their pages. */
  let range = { first: 0, last: 0 };
  let comparisonToken = 0;
  let planToken = 0;

  const pageInput = (page: number, filter: TimelineFilter) => {
    // One snapshot of overlap with the page above: the first row knows its neighbour's day.
    const offset = Math.max(0, page * TIMELINE_PAGE_SIZE - 1);
    return {
      offset,
      limit: TIMELINE_PAGE_SIZE + (offset === 0 ? 0 : 1),
      ...(filter.kinds.length < ALL_KINDS.length ? { kinds: [...filter.kinds] } : {}),
      ...(filter.artifact === null ? {} : { artifact: { ...filter.artifact } }),
    };
  };
  const place = (pagesRead: readonly SnapshotPage[], fresh: boolean) =>
    set((s) => {
      const total = pagesRead[pagesRead.length - 1]?.total ?? s.total;
      let snapshots = fresh ? [] : s.snapshots;
      for (const page of pagesRead) snapshots = withPage(snapshots, total, page.offset, page.snapshots);
      const first = pagesRead[0];
      return { status: 'ready', error: null, total, snapshots, ...(first === undefined ? {} : { collection: first.collection, retentionPolicy: first.retention_policy }) };
    });

  /** Reads the pages the rows on screen need, all at once, replacing what was read before. */
  const reload = async (): Promise<void> => {
    const mine = ++generation;
    pages = new Set();
    const { filter, total } = store.getState();
    const wanted = pagesFor(range.first, range.last, TIMELINE_PAGE_SIZE, total);
    for (const page of wanted) pages.add(page);
    if (store.getState().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const read = await Promise.all(wanted.map((page) => client.snapshotPage(pageInput(page, filter))));
      if (mine !== generation) return;
      place(read, true);
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'failed', error: `The snapshots could not be read: ${failureOf(error).message}` });
    }
  };

  const readPage = async (page: number): Promise<void> => {
    if (pages.has(page)) return;
    const mine = generation;
    pages.add(page);
    try {
      const read = await client.snapshotPage(pageInput(page, store.getState().filter));
      if (mine === generation) place([read], false);
    } catch (error) {
      if (mine !== generation) return;
      pages.delete(page);
      set({ notice: { tone: 'error', message: `Some snapshots could not be read: ${failureOf(error).message}` } });
    }
  };

  const loadAudit = async (): Promise<void> => {
    try {
      const audit = await client.listAudit({ limit: AUDIT_LIMIT });
      if (store.getState().showAudit) set({ audit });
    } catch (error) {
      set({ notice: { tone: 'error', message: `The rollbacks and merges could not be read: ${failureOf(error).message}` } });
    }
  };

  /** The merges rollbacks left in the collection (each opens in the merge view). */
  const loadRollbackMerges = async (): Promise<void> => {
    try {
      set({ rollbackMerges: await client.pendingMerges({}) });
    } catch (error) {
      set({ notice: { tone: 'error', message: `The unfinished merges of the collection could not be read: ${failureOf(error).message}` } });
    }
  };

  /** Everything a change to the collection or its snapshots may have moved. */
  const afterChange = async (): Promise<void> => {
    await Promise.all([reload(), loadRollbackMerges(), store.getState().showAudit ? loadAudit() : undefined]);
  };

  const plan = async (): Promise<void> => {
    const dialog = store.getState().rollback;
    if (dialog === null) return;
    const mine = ++planToken;
    if (dialog.mode === 'selected' && dialog.paths.length === 0) {
      updateDialog({ plan: null });
      return;
    }
    updateDialog({ plan: { phase: 'loading' }, error: null });
    try {
      const planned = await client.rollback(rollbackRequest(dialog.target.id, dialog.mode, dialog.paths, true));
      if (mine === planToken) updateDialog({ plan: { phase: 'ready', value: planned } });
    } catch (error) {
      if (mine === planToken) updateDialog({ plan: { phase: 'failed', message: failureOf(error).message } });
    }
  };
  const updateDialog = (partial: Partial<RollbackDialog>) => set((s) => (s.rollback === null ? {} : { rollback: { ...s.rollback, ...partial } }));

  const loadChoices = async (target: SnapshotRef): Promise<void> => {
    updateDialog({ choices: { phase: 'loading' } });
    try {
      const diff = await client.snapshotDiff({ from: target.id });
      if (store.getState().rollback?.target.id === target.id) updateDialog({ choices: { phase: 'ready', value: diff } });
    } catch (error) {
      updateDialog({ choices: { phase: 'failed', message: failureOf(error).message } });
    }
  };

  /** After a rollback or its undo: the timeline gains a safety snapshot, the collection changed, projects may be outdated. */
  const afterRollback = async (result: RollbackResult): Promise<void> => {
    await Promise.all([afterChange(), collection.loadCollection(), result.projects.length > 0 ? projects.refreshDrift(result.projects.map((p) => p.path)) : undefined]);
  };

  const showComparedFile = async (path: string): Promise<void> => {
    const comparison = store.getState().comparison;
    if (comparison === null) return;
    const mine = comparisonToken;
    set({ comparison: { ...comparison, file: path, fileDiff: { phase: 'loading' } } });
    const still = () => mine === comparisonToken && store.getState().comparison?.file === path;
    try {
      const fileDiff = await client.snapshotFileDiff({ from: comparison.from.id, ...(comparison.to === null ? {} : { to: comparison.to.id }), path });
      if (still()) set((s) => (s.comparison === null ? {} : { comparison: { ...s.comparison, fileDiff: { phase: 'ready', value: fileDiff }, shown: fileDiff } }));
    } catch (error) {
      if (still()) set((s) => (s.comparison === null ? {} : { comparison: { ...s.comparison, fileDiff: { phase: 'failed', message: failureOf(error).message } } }));
    }
  };

  return {
    async loadTimeline() {
      performance.mark('skillmeat:timeline-request');
      void loadRollbackMerges();
      await reload();
      performance.mark('skillmeat:timeline-data');
    },

    showTimelineRange(first, last) {
      range = { first, last };
      const { total, status } = store.getState();
      if (status !== 'ready') return;
      for (const page of pagesFor(first, last, TIMELINE_PAGE_SIZE, total)) void readPage(page);
    },

    async setTimelineFilter(filter) {
      set({ filter, total: 0, snapshots: [], status: 'loading' });
      range = { first: 0, last: 0 };
      await reload();
    },

    async showAuditOnTimeline(show) {
      set({ showAudit: show, ...(show ? {} : { audit: [] }) });
      if (show) await loadAudit();
    },

    async selectSnapshot(snapshot) {
      set({ selected: snapshotRef(snapshot) });
      const known = store.getState().artifacts[snapshot.id];
      if (known !== undefined && known.phase !== 'failed') return;
      set((s) => ({ artifacts: { ...s.artifacts, [snapshot.id]: { phase: 'loading' } } }));
      try {
        const value = await client.snapshotArtifacts({ id: snapshot.id });
        set((s) => ({ artifacts: { ...s.artifacts, [snapshot.id]: { phase: 'ready', value } } }));
      } catch (error) {
        set((s) => ({ artifacts: { ...s.artifacts, [snapshot.id]: { phase: 'failed', message: failureOf(error).message } } }));
      }
    },

    markForComparing(snapshot) {
      set({ marked: snapshot === null ? null : snapshotRef(snapshot) });
    },

    async compareSnapshots(snapshot, other) {
      const mine = ++comparisonToken;
      const [from, to] = other === null || Date.parse(snapshot.timestamp) <= Date.parse(other.timestamp) ? [snapshot, other] : [other, snapshot];
      set({ comparison: { from: snapshotRef(from), to: to === null ? null : snapshotRef(to), diff: { phase: 'loading' }, file: null, fileDiff: null, shown: null } });
      try {
        const diff = await client.snapshotDiff({ from: from.id, ...(to === null ? {} : { to: to.id }) });
        if (mine !== comparisonToken) return;
        set((s) => (s.comparison === null ? {} : { comparison: { ...s.comparison, diff: { phase: 'ready', value: diff } } }));
        const first = firstCompareFile(compareTree(diff));
        if (first !== null) await showComparedFile(first);
      } catch (error) {
        if (mine !== comparisonToken) return;
        set((s) => (s.comparison === null ? {} : { comparison: { ...s.comparison, diff: { phase: 'failed', message: failureOf(error).message } } }));
      }
    },

    showComparedFile,

    closeComparison() {
      comparisonToken++;
      set({ comparison: null });
    },

    async createSnapshot(message) {
      setTask(stores.tasks, CREATE_SNAPSHOT_TASK, { phase: 'running', text: 'Taking a snapshot…' });
      try {
        const created = await client.createSnapshot({ message });
        setTask(stores.tasks, CREATE_SNAPSHOT_TASK, { phase: 'done', summary: { tone: 'success', text: `Took snapshot ${snapshotTitle(created)} of ${created.artifact_count} artifact${created.artifact_count === 1 ? '' : 's'}.`, conflicts: [] } });
        await afterChange();
      } catch (error) {
        setTask(stores.tasks, CREATE_SNAPSHOT_TASK, { phase: 'failed', ...failureOf(error), message: `The snapshot could not be taken: ${failureOf(error).message}` });
      }
    },

    async pinSnapshot(snapshot, pinned) {
      try {
        const info = await client.pinSnapshot({ id: snapshot.id, pinned });
        set((s) => ({
          selected: s.selected?.id === info.id ? { ...s.selected, pinned: info.pinned, retention: info.retention } : s.selected,
          snapshots: s.snapshots.map((t) => (t?.id === info.id ? { ...t, pinned: info.pinned, retention: info.retention } : t)),
          notice: null,
        }));
        await reload();
      } catch (error) {
        set({ notice: { tone: 'error', message: `Could not ${pinned ? 'pin' : 'unpin'} ${snapshot.id}: ${failureOf(error).message}` } });
      }
    },

    async deleteSnapshot(snapshot) {
      try {
        await client.deleteSnapshot({ id: snapshot.id });
        set((s) => ({
          selected: s.selected?.id === snapshot.id ? null : s.selected,
          marked: s.marked?.id === snapshot.id ? null : s.marked,
          comparison: s.comparison !== null && (s.comparison.from.id === snapshot.id || s.comparison.to?.id === snapshot.id) ? null : s.comparison,
          notice: { tone: 'success', message: `Deleted snapshot ${snapshotTitle(snapshot)}.` },
        }));
        await reload();
      } catch (error) {
        set({ notice: { tone: 'error', message: `Could not delete ${snapshot.id}: ${failureOf(error).message}` } });
      }
    },

    async openRollback(target) {
      planToken++;
      set({ rollback: { target: snapshotRef(target), mode: 'keep', paths: [], choices: null, plan: null, running: false, error: null } });
      await plan();
    },

    async setRollbackMode(mode) {
      const dialog = store.getState().rollback;
      if (dialog === null || dialog.mode === mode) return;
      updateDialog({ mode });
      if (mode === 'selected' && dialog.choices === null) void loadChoices(dialog.target);
      await plan();
    },

    async toggleRollbackPath(path) {
      const dialog = store.getState().rollback;
      if (dialog === null) return;
      updateDialog({ paths: toggleRollbackPath(dialog.paths, path) });
      await plan();
    },

    closeRollback() {
      planToken++;
      set({ rollback: null });
    },

    async runRollback() {
      const dialog = store.getState().rollback;
      if (dialog === null || dialog.running) return false;
      updateDialog({ running: true, error: null });
      try {
        const result = await client.rollback(rollbackRequest(dialog.target.id, dialog.mode, dialog.paths, false));
        planToken++;
        set({ rollback: null, outcome: { phase: 'done', result, undo: false } });
        await afterRollback(result);
        return true;
      } catch (error) {
        updateDialog({ running: false, error: `The rollback did not run: ${failureOf(error).message}` });
        return false;
      }
    },

    async undoRollback() {
      const outcome = store.getState().outcome;
      if (outcome?.phase !== 'done' || outcome.result.safety_snapshot_id === null) return;
      const safety = outcome.result.safety_snapshot_id;
      set({ outcome: { phase: 'running', text: `Undoing: rolling back to safety snapshot ${safety}…` } });
      try {
        const result = await client.rollback({ snapshot_id: safety, preserve_changes: false });
        set({ outcome: { phase: 'done', result, undo: true } });
        await afterRollback(result);
      } catch (error) {
        set({ outcome: { phase: 'failed', message: `The undo did not run: ${failureOf(error).message}. Safety snapshot ${safety} still holds the collection as it was.` } });
      }
    },

    dismissRollbackOutcome() {
      set({ outcome: null });
    },

    dismissSnapshotNotice() {
      set({ notice: null });
    },
  };
}
