/**
 * Artifacts from git sources: adding one, checking the collection's upstreams for updates (it
 * fetches: only when the user asks), showing what upstream changed, updating (the result, with
 * Undo, shown apart), and the updates waiting in the merge view.
 */
import type { ArtifactType } from '../../../shared/artifact-types.js';
import { routeHash } from '../../../shared/app-routes.js';
import type { ArtifactInfo } from '../../../shared/results.js';
import { pushNotice } from '../state/notices-store.js';
import { withCheck } from '../state/sources-store.js';
import { ADD_SOURCE_TASK, CHECK_UPDATES_TASK, clearTask, setTask } from '../state/tasks-store.js';
import { pushToast } from '../state/toasts-store.js';
import { undoOfUpdate } from '../view-model/undo-request.js';
import { checkSummary, heldVersion, updatedArtifacts, updateSummary, upstreamKey, versionWords } from '../view-model/upstream-status.js';
import { failureOf, type ActionContext } from './action-context.js';
import type { CollectionActions } from './collection-actions.js';

/** The task key of updating one artifact, or (no artifact) every artifact with an update. */
export function updateTaskKey(artifact?: { readonly name: string; readonly type: ArtifactType }): string {
  return artifact === undefined ? 'update-all' : `update\n${upstreamKey(artifact)}`;
}

export interface SourceActions {
  /** Adds the artifact a git source names (`github:OWNER/REPO/PATH[@REF]`, `git+URL#PATH[@REF]`) to the active collection. */
  addFromSource(source: string, type?: ArtifactType): Promise<void>;
  /** Asks every upstream of the active collection whether it moved (fetches). */
  checkUpdates(): Promise<void>;
  /** Brings upstream changes into these artifacts (or every one with an update available). */
  updateArtifacts(artifacts?: readonly { readonly name: string; readonly type: ArtifactType }[]): Promise<void>;
  /** Opens (or, open already, closes) what upstream changed in an artifact since the version it holds. */
  toggleUpstreamChanges(artifact: Pick<ArtifactInfo, 'name' | 'type' | 'collection' | 'upstream'>): Promise<void>;
  /** Closes the upstream changes. */
  closeUpstreamChanges(): void;
  /** Shows one file of the open upstream changes. */
  showUpstreamFile(path: string): void;
  /** Reads the updates waiting in the merge view (the collection's unfinished merges of direction update). */
  loadUpdateMerges(): Promise<void>;
}

/** The source actions over a client and the stores; `collection` reads the collection again after a write. */
export function sourceActions({ client, stores }: ActionContext, collection: Pick<CollectionActions, 'loadCollection'>): SourceActions {
  const { sources } = stores;
  const active = () => stores.collection.getState().name;
  const into = () => {
    const name = active();
    return name === null ? {} : { collection: name };
  };

  const loadUpdateMerges = async (): Promise<void> => {
    try {
      const merges = await client.pendingMerges(into());
      sources.setState({ merges: merges.filter((m) => m.direction === 'update') });
    } catch (error) {
      pushNotice(stores.notices, 'error', `The updates waiting in the merge view could not be read: ${failureOf(error).message}`);
    }
  };

  return {
    loadUpdateMerges,

    async addFromSource(source, type) {
      setTask(stores.tasks, ADD_SOURCE_TASK, { phase: 'running', text: `Fetching ${source}…` });
      try {
        const added = await client.addFromSource({ source, ...(type !== undefined ? { type } : {}), ...into() });
        stores.collection.setState((s) => ({ artifacts: [...s.artifacts.filter((a) => !(a.name === added.name && a.type === added.type)), added] }));
        const version = added.upstream === undefined ? '' : ` at ${heldVersion(added.upstream)}`;
        setTask(stores.tasks, ADD_SOURCE_TASK, { phase: 'done', summary: { tone: 'success', text: `Added ${added.type} ${added.name}${version}.`, conflicts: [] } });
      } catch (error) {
        setTask(stores.tasks, ADD_SOURCE_TASK, { phase: 'failed', ...failureOf(error) });
      }
    },

    async checkUpdates() {
      setTask(stores.tasks, CHECK_UPDATES_TASK, { phase: 'running', text: 'Checking for updates…' });
      try {
        const result = await client.checkUpdates(into());
        sources.setState(withCheck(result));
        setTask(stores.tasks, CHECK_UPDATES_TASK, { phase: 'done', summary: checkSummary(result) });
      } catch (error) {
        setTask(stores.tasks, CHECK_UPDATES_TASK, { phase: 'failed', ...failureOf(error) });
      }
    },

    async updateArtifacts(artifacts) {
      const key = updateTaskKey(artifacts?.length === 1 ? artifacts[0] : undefined);
      const names = artifacts?.map((a) => a.name).join(', ');
      setTask(stores.tasks, key, { phase: 'running', text: names === undefined ? 'Updating from upstream…' : `Updating ${names} from upstream…` });
      const view = routeHash({ view: 'collection' });
      try {
        const result = await client.updateArtifacts({ ...into(), ...(artifacts === undefined ? {} : { names: artifacts.map((a) => a.name) }), ...(artifacts?.length === 1 && artifacts[0] !== undefined ? { type: artifacts[0].type } : {}) });
        clearTask(stores.tasks, key);
        const summary = updateSummary(result);
        pushToast(stores.toasts, { view, tone: summary.tone, text: summary.text, undo: undoOfUpdate(result, updatedArtifacts(result)) });
        // What is open of an updated artifact's upstream changes describes the version it left.
        const open = sources.getState().changes;
        if (open !== null && updatedArtifacts(result).some((a) => upstreamKey(a) === upstreamKey(open))) sources.setState({ changes: null });
      } catch (error) {
        setTask(stores.tasks, key, { phase: 'failed', ...failureOf(error) });
      }
      await Promise.all([collection.loadCollection(), loadUpdateMerges()]);
    },

    async toggleUpstreamChanges(artifact) {
      const open = sources.getState().changes;
      if (open !== null && upstreamKey(open) === upstreamKey(artifact)) {
        sources.setState({ changes: null });
        return;
      }
      const check = sources.getState().checks[upstreamKey(artifact)];
      if (artifact.upstream === undefined || check?.upstream_sha == null) return;
      const to = check.upstream_sha;
      const base = { name: artifact.name, type: artifact.type, from: { commit: artifact.upstream.resolved_sha, version: heldVersion(artifact.upstream) }, to: { commit: to, version: versionWords(check.upstream_version, to) }, file: null };
      sources.setState({ changes: { ...base, changes: { phase: 'loading' } } });
      const stillOpen = () => {
        const now = sources.getState().changes;
        return now !== null && upstreamKey(now) === upstreamKey(artifact) && now.to.commit === to;
      };
      try {
        const value = await client.upstreamChanges({ name: artifact.name, type: artifact.type, collection: artifact.collection, to });
        if (stillOpen()) sources.setState((s) => ({ changes: s.changes && { ...s.changes, changes: { phase: 'ready', value }, file: value.files[0]?.path ?? null } }));
      } catch (error) {
        if (stillOpen()) sources.setState((s) => ({ changes: s.changes && { ...s.changes, changes: { phase: 'failed', message: failureOf(error).message } } }));
      }
    },

    closeUpstreamChanges() {
      sources.setState({ changes: null });
    },

    showUpstreamFile(path) {
      sources.setState((s) => ({ changes: s.changes && { ...s.changes, file: path } }));
    },
  };
}
