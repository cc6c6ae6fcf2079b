/**
 * The history view of one artifact: the pages of its version rows read so far (laid out by the
 * back end, so each row draws alone), its places and filters, the version selected (and a second
 * one to compare with), their changes, where the version is, and a restore waiting for confirmation.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { HistoryEntry, HistoryPage, HistoryPlace, VersionWhereabouts } from '../../../shared/history-results.js';
import type { VersionDiff } from '../../../shared/merge-results.js';
import type { Loadable, ViewNotice } from './snapshots-store.js';

export interface HistoryFilter {
  /** Only rows in this place; null for all. */
  readonly place: string | null;
  /** Only rows of this origin; null for all. */
  readonly origin: string | null;
  /** Only rows whose hash starts with this (hex). */
  readonly hash: string;
}

/** The changes shown beside the list: one version against its first parent, two versions, or a working copy against its version. */
export interface HistoryChanges {
  readonly from: HistoryEntry | null;
  readonly to: HistoryEntry;
  readonly diff: Loadable<VersionDiff>;
  /** The file shown in the two-pane diff. */
  readonly file: string | null;
}

/** A restore or "make collection copy" asked for and waiting for its confirmation (or running). */
export interface HistoryAction {
  readonly kind: 'restore' | 'adopt';
  readonly version: HistoryEntry;
  /** For a restore: the project (root folder) chosen. */
  readonly project: string | null;
  readonly running: boolean;
  readonly error: string | null;
}

export interface HistoryState {
  readonly artifact: { readonly name: string; readonly type: ArtifactType | undefined } | null;
  readonly status: 'unknown' | 'loading' | 'ready' | 'failed' | 'not_found';
  readonly error: string | null;
  /** The artifact as the back end resolved it (its type even when the route named none). */
  readonly resolved: Pick<HistoryPage, 'name' | 'type' | 'collection'> | null;
  readonly filter: HistoryFilter;
  /** Rows passing the filter (all pages). */
  readonly total: number;
  readonly versionsStored: number;
  readonly lanes: readonly string[];
  readonly places: readonly HistoryPlace[];
  readonly origins: readonly string[];
  /** By index, newest first; holes are pages not read yet. */
  readonly rows: readonly (HistoryEntry | undefined)[];
  readonly selected: HistoryEntry | null;
  /** A second version to compare the selected one with. */
  readonly compareWith: HistoryEntry | null;
  readonly changes: HistoryChanges | null;
  readonly whereabouts: Loadable<VersionWhereabouts> | null;
  readonly action: HistoryAction | null;
  readonly notice: ViewNotice | null;
}

export type HistoryStore = StoreApi<HistoryState>;

export const NO_FILTER: HistoryFilter = { place: null, origin: null, hash: '' };

export function emptyHistory(): HistoryState {
  return {
    artifact: null,
    status: 'unknown',
    error: null,
    resolved: null,
    filter: NO_FILTER,
    total: 0,
    versionsStored: 0,
    lanes: [],
    places: [],
    origins: [],
    rows: [],
    selected: null,
    compareWith: null,
    changes: null,
    whereabouts: null,
    action: null,
    notice: null,
  };
}

export function createHistoryStore(): HistoryStore {
  return createStore<HistoryState>()(() => emptyHistory());
}

/** True when any filter is set. */
export function isFiltered(filter: HistoryFilter): boolean {
  return filter.place !== null || filter.origin !== null || filter.hash.trim() !== '';
}
