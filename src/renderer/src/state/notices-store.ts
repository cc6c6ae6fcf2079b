/**
 * Messages for the user that belong to no particular row: back-end notices and failures of
 * background work. A notice belongs to the view shown when it was raised and goes when another
 * view is shown; one cause raised again while its notice is on screen gives no second notice.
 * While the page is disconnected the connection banner is the one notice: the failures it causes
 * raise none of their own.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'success' | 'error';
  readonly message: string;
  /** The view (route hash) it was raised on; null before any view was shown. */
  readonly view: string | null;
}

export interface NoticesState {
  readonly notices: readonly Notice[];
  /** The view shown now (route hash). */
  readonly view: string | null;
  /** The page cannot reach the back end: every error now has that one cause, which the banner tells. */
  readonly disconnected: boolean;
}

export type NoticesStore = StoreApi<NoticesState>;

/** How many notices stay on screen; older ones give way. */
export const NOTICES_KEPT = 4;

let nextId = 1;

/** An empty notices store. */
export function createNoticesStore(): NoticesStore {
  return createStore<NoticesState>()(() => ({ notices: [], view: null, disconnected: false }));
}

/** Shows a notice on the current view, unless the same one is already shown (or it is an error of a lost connection). */
export function pushNotice(store: NoticesStore, tone: Notice['tone'], message: string): void {
  store.setState((s) => {
    if (s.notices.some((n) => n.tone === tone && n.message === message) || (s.disconnected && tone === 'error')) return s;
    return { notices: [...s.notices, { id: nextId++, tone, message, view: s.view }].slice(-NOTICES_KEPT) };
  });
}

/** Hides a notice. */
export function dismissNotice(store: NoticesStore, id: number): void {
  store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Notes the view shown now; the notices other views raised go. */
export function showNoticesOf(store: NoticesStore, view: string): void {
  // A notice raised before any view was shown belongs to the first one.
  store.setState((s) => (s.view === view ? s : { view, notices: s.notices.filter((n) => n.view === view || (n.view === null && s.view === null)) }));
}

/** Notes whether the page can reach the back end (errors raised while it cannot are the banner's). */
export function setNoticesDisconnected(store: NoticesStore, disconnected: boolean): void {
  store.setState((s) => (s.disconnected === disconnected ? s : { disconnected }));
}
