/** The active collection and its artifacts. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactInfo, CollectionSummary, UnsupportedEntries } from '../../../shared/results.js';

export interface CollectionState {
  /** `none`: the home has no collection yet (the view offers to create one). */
  readonly status: 'unknown' | 'loading' | 'none' | 'ready' | 'failed';
  /** The active collection's name, once known. */
  readonly name: string | null;
  readonly artifacts: readonly ArtifactInfo[];
  /** Entries of collection.toml kept as they are but not managed (another tool's types and tables). */
  readonly unsupported: UnsupportedEntries;
  /** Why loading failed, for `failed`. */
  readonly error: string | null;
  /** Every collection of the home (the active one among them), for switching. */
  readonly collections: readonly CollectionSummary[];
  /** The projects each artifact is deployed in, by artifact key, read when asked ("Used in"). */
  readonly usedIn: Readonly<Record<string, ArtifactUse>>;
}

/** Where an artifact is deployed, as far as read: registered projects holding a copy of it. */
export type ArtifactUse = { readonly phase: 'reading' } | { readonly phase: 'read'; readonly projects: readonly { readonly path: string; readonly name: string }[] } | { readonly phase: 'failed'; readonly message: string };

export type CollectionStore = StoreApi<CollectionState>;

/** A collection that holds only what SkillMeat Desktop manages. */
export const NOTHING_UNSUPPORTED: UnsupportedEntries = { artifacts: [], tables: [] };

/** A collection store that has not loaded anything yet. */
export function createCollectionStore(): CollectionStore {
  return createStore<CollectionState>()(() => ({ status: 'unknown', name: null, artifacts: [], unsupported: NOTHING_UNSUPPORTED, error: null, collections: [], usedIn: {} }));
}
