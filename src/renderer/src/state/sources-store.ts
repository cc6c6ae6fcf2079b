/**
 * The collection's upstream sources as far as the user asked: the last "Check for updates" (it
 * fetches, so it runs only when asked, never on its own), the upstream changes opened with Show
 * changes, and the updates waiting in the merge view.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { UpstreamChanges } from '../../../shared/merge-results.js';
import type { PendingMergeInfo, UpdateCheckResult, UpstreamCheck } from '../../../shared/results.js';
import { upstreamKey } from '../view-model/upstream-status.js';

/** Read on demand: while reading, the value, or why it could not be read. */
export type Reading<T> = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly value: T } | { readonly phase: 'failed'; readonly message: string };

/** The artifact whose upstream changes are open, and the two commits compared. */
export interface UpstreamChangesView {
  readonly name: string;
  readonly type: ArtifactType;
  readonly from: { readonly commit: string; readonly version: string };
  readonly to: { readonly commit: string; readonly version: string };
  readonly changes: Reading<UpstreamChanges>;
  /** The file shown in the diff. */
  readonly file: string | null;
}

export interface SourcesState {
  /** The collection the last check was of (a check of another collection says nothing here). */
  readonly collection: string | null;
  /** When the last check finished (the back end's time), null before the first. */
  readonly checkedAt: string | null;
  /** The last check's answer per artifact, by upstream key (type:name). */
  readonly checks: Readonly<Record<string, UpstreamCheck>>;
  readonly changes: UpstreamChangesView | null;
  /** Updates that met the collection's own edits, waiting in the merge view. */
  readonly merges: readonly PendingMergeInfo[];
}

export type SourcesStore = StoreApi<SourcesState>;

/** Nothing checked yet. */
export function createSourcesStore(): SourcesStore {
  return createStore<SourcesState>()(() => ({ collection: null, checkedAt: null, checks: {}, changes: null, merges: [] }));
}

/** The store's state after a check (the user's, or the back end's own in the background): its time and its answer per artifact. */
export function withCheck(result: UpdateCheckResult): Pick<SourcesState, 'collection' | 'checkedAt' | 'checks'> {
  return { collection: result.collection, checkedAt: result.checked_at, checks: Object.fromEntries(result.artifacts.map((a) => [upstreamKey(a), a])) };
}
