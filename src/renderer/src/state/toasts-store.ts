/**
 * Results shown apart from the control that started them — an undoable action's, or one whose row
 * went away (a removed artifact) — each with Undo when the core can put the action back.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { UndoRequest } from '../view-model/undo-request.js';

export interface Toast {
  readonly id: number;
  /** The route hash of the view the result belongs to: it shows there only. */
  readonly view: string;
  readonly tone: 'success' | 'warning';
  readonly text: string;
  readonly undo: UndoRequest | null;
  /** Where an undo stands once asked for. */
  readonly undone: { readonly phase: 'running' } | { readonly phase: 'done'; readonly text: string } | { readonly phase: 'failed'; readonly message: string } | null;
}

export interface ToastsState {
  readonly toasts: readonly Toast[];
}

export type ToastsStore = StoreApi<ToastsState>;

/** How many results stay on screen; older ones give way. */
export const TOASTS_KEPT = 3;

let nextId = 1;

/** No results yet. */
export function createToastsStore(): ToastsStore {
  return createStore<ToastsState>()(() => ({ toasts: [] }));
}

/** Shows a result; returns its id. */
export function pushToast(store: ToastsStore, toast: Omit<Toast, 'id' | 'undone'>): number {
  const id = nextId++;
  store.setState((s) => ({ toasts: [...s.toasts, { ...toast, id, undone: null }].slice(-TOASTS_KEPT) }));
  return id;
}

/** Records how an undo of a result stands. */
export function setUndone(store: ToastsStore, id: number, undone: Toast['undone']): void {
  store.setState((s) => ({ toasts: s.toasts.map((t) => (t.id === id ? { ...t, undone } : t)) }));
}

/** Hides a result. */
export function dismissToast(store: ToastsStore, id: number): void {
  store.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}
