/** Messages for the user that belong to no particular row: back-end notices and failures of background work. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'success' | 'error';
  readonly message: string;
}

export interface NoticesState {
  readonly notices: readonly Notice[];
}

export type NoticesStore = StoreApi<NoticesState>;

/** How many notices stay on screen; older ones give way. */
export const NOTICES_KEPT = 4;

let nextId = 1;

/** An empty notices store. */
export function createNoticesStore(): NoticesStore {
  return createStore<NoticesState>()(() => ({ notices: [] }));
}

/** Shows a notice. */
export function pushNotice(store: NoticesStore, tone: Notice['tone'], message: string): void {
  const notice = { id: nextId++, tone, message };
  store.setState((s) => ({ notices: [...s.notices, notice].slice(-NOTICES_KEPT) }));
}

/** Hides a notice. */
export function dismissNotice(store: NoticesStore, id: number): void {
  store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
