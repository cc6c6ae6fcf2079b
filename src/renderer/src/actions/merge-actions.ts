/**
 * The merge view's actions: reading a pending merge, settling files, keeping drafts when the view
 * is left, completing, and applying the same result to other projects; and "Show changes".
 * Views edit the merge models themselves (pure, in memory) and report each change here.
 */
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { MergeFile } from '../../../shared/merge-results.js';
import type { DriftEntry } from '../../../shared/results.js';
import { MergeModel } from '../merge-model/merge-model.js';
import { changesKey, setChangesView, type ChangesTarget } from '../state/changes-store.js';
import { mergeKey, setSession, updateReadySession, type MergeTarget } from '../state/merge-store.js';
import { pushNotice } from '../state/notices-store.js';
import { setTask } from '../state/tasks-store.js';
import { pushToast } from '../state/toasts-store.js';
import { undoOfUpdate } from '../view-model/undo-request.js';
import { routeHash } from '../../../shared/app-routes.js';
import { completionPlan, draftsToSave, freshWork, withModelState, type WholeFileChoice } from '../view-model/merge-files.js';
import { appliedElsewhereSummary, completedMergeSummary, plural } from '../view-model/result-summary.js';
import { failureOf, type ActionContext } from './action-context.js';
import { artifactTaskKey, type DeploymentActions } from './deployment-actions.js';
import type { ProjectActions } from './project-actions.js';

/** How completing went: done; refused because markers are left (ask, then allow them); or not (the session says why). */
export type CompleteOutcome = 'completed' | 'markers_left' | 'failed';

export interface MergeActions {
  /** Reads the pending merge of an artifact (after any drafts still being saved from the last visit). */
  openMerge(target: MergeTarget): Promise<void>;
  /** Asks the next opening of this merge to show `path` first (a file's own Merge… button). */
  requestMergeFile(target: MergeTarget, path: string): void;
  /** Shows one file of the merge in the panes. */
  selectMergeFile(target: MergeTarget, path: string): void;
  /** The view changed a file's merge model (a choice or typing): recount it. */
  mergeEdited(target: MergeTarget, path: string): void;
  /** Chooses a whole file (a file that cannot be merged by lines). */
  chooseWholeFile(target: MergeTarget, path: string, choice: WholeFileChoice): void;
  /** Settles every file and completes the merge; with markers left, only when `allowMarkers`. */
  completeMerge(target: MergeTarget, options?: { allowMarkers?: boolean }): Promise<CompleteOutcome>;
  /** Keeps unsaved work as drafts and closes the session (the view was left). */
  leaveMerge(target: MergeTarget): Promise<void>;
  /** Keeps unsaved work as drafts, leaving the session open (the page is going away). */
  saveMergeDrafts(target: MergeTarget): Promise<void>;
  /** Makes sure an artifact has a pending merge to open (syncs it when it has none); true when it has. */
  beginMerge(project: string, entry: Pick<DriftEntry, 'name' | 'type' | 'collection'>): Promise<boolean>;
  /** Applies a completed merge to the other projects that met the same one. */
  applyMergeElsewhere(project: string, artifact: { readonly name: string; readonly type: ArtifactType }): Promise<void>;
  /** Forgets the offer to apply a merge elsewhere. */
  dismissMergeOffer(project: string, artifact: { readonly name: string; readonly type: ArtifactType }): void;
  /** Reads one comparison of "Show changes". */
  openChanges(target: ChangesTarget): Promise<void>;
}

/** The merge actions over a client and the stores; `projects` re-reads what a write changed, `deployments` runs a sync. */
export function mergeActions({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift' | 'loadPendingMerges'>, deployments: Pick<DeploymentActions, 'runArtifactAction'>): MergeActions {
  const { merges } = stores;
  const afterWrite = (project: string) => Promise.all([projects.refreshDrift([project]), projects.loadPendingMerges(project)]);
  /** Drafts being saved, by merge key: a reopening waits for them. */
  const saving = new Map<string, Promise<void>>();
  /** Bumped whenever a session is opened or left, so a late answer for an old one is dropped. */
  const generations = new Map<string, number>();
  const nextGeneration = (key: string) => {
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    return generation;
  };
  /** Files asked for by a file's Merge… button, by merge key, taken by the next opening. */
  const requested = new Map<string, string>();
  const typeOf = (target: MergeTarget) => (target.type === undefined ? {} : { type: target.type });
  /** Where the merge waits, as the contract names it: a project, or (project '') the collection, for a rollback's merge. */
  const placeOf = (target: MergeTarget) => (target.project === '' ? {} : { project: target.project });

  const saveDrafts = async (target: MergeTarget): Promise<void> => {
    const key = mergeKey(target);
    const session = merges.getState().sessions[key];
    if (session?.phase !== 'ready') return;
    const drafts = draftsToSave(session.files);
    if (drafts.length === 0) return;
    const work = (async () => {
      for (const draft of drafts) {
        try {
          await client.resolve({ ...placeOf(target), artifact: session.document.name, type: session.document.type, file: draft.path, text: draft.text, draft: true });
        } catch (error) {
          pushNotice(stores.notices, 'error', `Could not keep the draft of ${draft.path}: ${failureOf(error).message}`);
        }
      }
    })();
    saving.set(key, work);
    await work;
    if (saving.get(key) === work) saving.delete(key);
    // What was saved is the new starting point: only later changes need saving again.
    updateReadySession(merges, key, (s) => ({ ...s, files: s.files.map((w) => (drafts.some((d) => d.path === w.file.path) ? withModelState({ ...w, file: { ...w.file, result: w.model?.text() ?? w.file.result, draft: true } }) : w)) }));
  };

  return {
    async openMerge(target) {
      const key = mergeKey(target);
      const generation = nextGeneration(key);
      setSession(merges, key, { phase: 'loading' });
      await saving.get(key);
      try {
        const document = await client.mergeDocument({ ...placeOf(target), artifact: target.artifact, ...typeOf(target) });
        if (generations.get(key) !== generation) return;
        const files = document.files.map((file) => freshWork(file, modelOf(file)));
        const asked = requested.get(key);
        requested.delete(key);
        const selected = files.find((w) => w.file.path === asked) ?? files.find((w) => w.remaining > 0) ?? files.find((w) => w.file.state !== 'auto_merged') ?? files[0];
        setSession(merges, key, { phase: 'ready', document, files, selected: selected?.file.path ?? null, completing: false, error: null });
        // For the merge view's benchmark: from here to 'skillmeat:merge-interactive' (merge-panes.tsx).
        performance.mark('skillmeat:merge-data');
      } catch (error) {
        if (generations.get(key) !== generation) return;
        setSession(merges, key, { phase: 'failed', ...failureOf(error) });
      }
    },

    requestMergeFile(target, path) {
      requested.set(mergeKey(target), path);
    },

    selectMergeFile(target, path) {
      updateReadySession(merges, mergeKey(target), (s) => ({ ...s, selected: path }));
    },

    mergeEdited(target, path) {
      updateReadySession(merges, mergeKey(target), (s) => ({ ...s, error: null, files: s.files.map((w) => (w.file.path === path ? withModelState(w) : w)) }));
    },

    chooseWholeFile(target, path, choice) {
      updateReadySession(merges, mergeKey(target), (s) => ({ ...s, error: null, files: s.files.map((w) => (w.file.path === path ? withModelState({ ...w, choice }) : w)) }));
    },

    async completeMerge(target, options = {}) {
      const key = mergeKey(target);
      const session = merges.getState().sessions[key];
      if (session?.phase !== 'ready') return 'failed';
      const plan = completionPlan(session.files);
      if (plan.undecided.length > 0) {
        updateReadySession(merges, key, (s) => ({ ...s, error: `Choose what to keep of ${plan.undecided.join(', ')} first.` }));
        return 'failed';
      }
      if (plan.markers.length > 0 && options.allowMarkers !== true) return 'markers_left';
      const { document } = session;
      updateReadySession(merges, key, (s) => ({ ...s, completing: true, error: null }));
      try {
        const result = await client.completeMerge({
          ...placeOf(target),
          artifact: document.name,
          type: document.type,
          files: plan.files.map((f) => ({ ...f })),
          ...(plan.markers.length > 0 ? { allow_markers: true } : {}),
        });
        const artifact = { name: document.name, type: document.type };
        setTask(stores.tasks, artifactTaskKey(target.project, artifact), { phase: 'done', summary: completedMergeSummary(result) });
        if (document.direction === 'update') {
          // The update is done: its result shows in the collection view, with Undo (back to the safety snapshot completing took).
          const text = `Completed the update of ${document.name}: the collection copy holds the merge of its own edits with upstream's changes.`;
          pushToast(stores.toasts, { view: routeHash({ view: 'collection' }), tone: 'success', text, undo: undoOfUpdate({ collection: document.collection, safety_snapshot_id: result.safety_snapshot_id }, [artifact]) });
        }
        if (document.same_merge_projects.length > 0 && document.project_sha !== null) {
          const { base_sha, project_sha, collection_sha } = document;
          const offer = { project: target.project, artifact: document.name, type: document.type, base_sha, project_sha, collection_sha, projects: document.same_merge_projects };
          merges.setState((s) => ({ offers: { ...s.offers, [artifactTaskKey(target.project, artifact)]: offer } }));
        }
        nextGeneration(key);
        setSession(merges, key, undefined);
        if (target.project !== '') void afterWrite(target.project);
        return 'completed';
      } catch (error) {
        updateReadySession(merges, key, (s) => ({ ...s, completing: false, error: failureOf(error).message }));
        return 'failed';
      }
    },

    async leaveMerge(target) {
      const key = mergeKey(target);
      await saveDrafts(target);
      nextGeneration(key);
      setSession(merges, key, undefined);
    },

    saveMergeDrafts: saveDrafts,

    async beginMerge(project, entry) {
      const pending = () => (stores.projects.getState().pendingMerges[project] ?? []).some((m) => m.name === entry.name && m.type === entry.type && m.conflicts.length > 0);
      if (pending()) return true;
      await deployments.runArtifactAction(project, entry, 'sync');
      return pending();
    },

    async applyMergeElsewhere(project, artifact) {
      const offerKey = artifactTaskKey(project, artifact);
      const offer = merges.getState().offers[offerKey];
      if (offer === undefined) return;
      setTask(stores.tasks, offerKey, { phase: 'running', text: `Applying the same resolution to ${plural(offer.projects.length, 'other project')}…` });
      try {
        const { base_sha, project_sha, collection_sha } = offer;
        const results = await client.applyMergeElsewhere({ project, artifact: artifact.name, type: artifact.type, base_sha, project_sha, collection_sha, projects: [...offer.projects] });
        setTask(stores.tasks, offerKey, { phase: 'done', summary: appliedElsewhereSummary(results) });
        merges.setState((s) => ({ offers: withoutKey(s.offers, offerKey) }));
        await Promise.all(offer.projects.map((p) => afterWrite(p)));
      } catch (error) {
        setTask(stores.tasks, offerKey, { phase: 'failed', ...failureOf(error) });
      }
    },

    dismissMergeOffer(project, artifact) {
      const offerKey = artifactTaskKey(project, artifact);
      merges.setState((s) => ({ offers: withoutKey(s.offers, offerKey) }));
    },

    async openChanges(target) {
      const key = changesKey(target);
      if (stores.changes.getState().views[key]?.phase !== 'ready') setChangesView(stores.changes, key, { phase: 'loading' });
      try {
        const changes = await client.compareArtifact({ project: target.project, artifact: target.artifact, compare: target.compare, ...(target.type === undefined ? {} : { type: target.type }) });
        setChangesView(stores.changes, key, { phase: 'ready', changes });
      } catch (error) {
        setChangesView(stores.changes, key, { phase: 'failed', ...failureOf(error) });
      }
    },
  };
}

/** The line merge of a text file in conflict (or settled as text) whose three texts arrived; null when it takes a whole-file choice. */
function modelOf(file: MergeFile): MergeModel | null {
  if (file.kind !== 'text' || file.state === 'auto_merged') return null;
  const { base, project, collection, merged } = file;
  if (base === null || project === null || collection === null || merged === null) return null;
  return MergeModel.create({ base, project, collection, merged, regions: file.regions, result: file.result });
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

