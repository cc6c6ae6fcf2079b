/**
 * Merges open in the merge view, by merge key (project + artifact), and the offers left behind
 * when a completed merge is waiting in other projects too. A session's file models are mutable
 * (the merge model edits in place); each change replaces the file's work entry, so views re-render.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import type { MergeDocument } from '../../../shared/merge-results.js';
import type { MergeModel } from '../merge-model/merge-model.js';
import type { MergeFileWork } from '../view-model/merge-files.js';

/** Which merge: an artifact of a project (the type when the name alone is ambiguous). */
export interface MergeTarget {
  readonly project: string;
  readonly artifact: string;
  readonly type?: ArtifactType;
}

export type MergeSession =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly code: string; readonly message: string }
  | {
      readonly phase: 'ready';
      readonly document: MergeDocument;
      readonly files: readonly MergeFileWork<MergeModel>[];
      /** The file shown in the panes. */
      readonly selected: string | null;
      readonly completing: boolean;
      /** Why the last completion failed, shown in the header. */
      readonly error: string | null;
    };

/** Other projects that met the same merge, offered "Apply the same resolution" after it completed. */
export interface MergeOffer {
  readonly project: string;
  readonly artifact: string;
  readonly type: ArtifactType;
  /** The merge that was completed (the other projects must meet exactly this one). */
  readonly base_sha: string;
  readonly project_sha: string;
  readonly collection_sha: string;
  readonly projects: readonly string[];
}

export interface MergeState {
  readonly sessions: Readonly<Record<string, MergeSession>>;
  /** By artifact task key (project + artifact key), so the project view's row finds its offer. */
  readonly offers: Readonly<Record<string, MergeOffer>>;
}

export type MergeStore = StoreApi<MergeState>;

/** A merge store with nothing open. */
export function createMergeStore(): MergeStore {
  return createStore<MergeState>()(() => ({ sessions: {}, offers: {} }));
}

/** The key of a merge session. */
export function mergeKey(target: MergeTarget): string {
  return `${target.project}\n${target.type ?? ''}:${target.artifact}`;
}

/** Replaces one session (or removes it, with undefined). */
export function setSession(store: MergeStore, key: string, session: MergeSession | undefined): void {
  store.setState((s) => {
    const { [key]: _old, ...others } = s.sessions;
    return { sessions: session === undefined ? others : { ...others, [key]: session } };
  });
}

/** Changes a ready session; nothing happens when it is not ready (left, or still loading). */
export function updateReadySession(store: MergeStore, key: string, change: (session: Extract<MergeSession, { phase: 'ready' }>) => Extract<MergeSession, { phase: 'ready' }>): void {
  const session = store.getState().sessions[key];
  if (session?.phase === 'ready') setSession(store, key, change(session));
}
