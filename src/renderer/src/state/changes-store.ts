/** What "Show changes" has read, by comparison key (project + artifact + comparison). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { ArtifactChanges, CompareSides } from '../../../shared/merge-results.js';

/** Which comparison of which deployed artifact. */
export interface ChangesTarget {
  readonly project: string;
  readonly artifact: string;
  readonly type?: ArtifactType;
  readonly compare: CompareSides;
}

export type ChangesView = { readonly phase: 'loading' } | { readonly phase: 'failed'; readonly code: string; readonly message: string } | { readonly phase: 'ready'; readonly changes: ArtifactChanges };

export interface ChangesState {
  readonly views: Readonly<Record<string, ChangesView>>;
}

export type ChangesStore = StoreApi<ChangesState>;

/** A changes store with nothing read. */
export function createChangesStore(): ChangesStore {
  return createStore<ChangesState>()(() => ({ views: {} }));
}

/** The key of one comparison. */
export function changesKey(target: ChangesTarget): string {
  return `${target.project}\n${target.type ?? ''}:${target.artifact}\n${target.compare}`;
}

/** Sets what one comparison shows. */
export function setChangesView(store: ChangesStore, key: string, view: ChangesView): void {
  store.setState((s) => ({ views: { ...s.views, [key]: view } }));
}
