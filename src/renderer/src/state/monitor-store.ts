/** The drift monitor as the app knows it: whether it watches at all (web mode and the desktop do) and whether the user paused it. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface MonitorState {
  /** Unknown until the back end said; false where nothing watches the files (tests). */
  readonly running: boolean | null;
  readonly paused: boolean;
  /** A pause or resume asked for and not answered yet. */
  readonly switching: boolean;
}

export type MonitorStore = StoreApi<MonitorState>;

/** A monitor store that has not heard from the back end yet. */
export function createMonitorStore(): MonitorStore {
  return createStore<MonitorState>()(() => ({ running: null, paused: false, switching: false }));
}
