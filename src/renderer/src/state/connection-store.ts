/** How the page reaches the back end, and whether it can right now. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ConnectionState {
  /** `bridge`: Electron's preload; `socket`: web mode's WebSocket; `memory`: tests. */
  readonly transport: 'bridge' | 'socket' | 'memory';
  readonly status: ConnectionStatus;
  /** Why the connection is down, when it is. */
  readonly detail: string | null;
}

export type ConnectionStore = StoreApi<ConnectionState>;

/** A connection store for a transport, open unless it says otherwise. */
export function createConnectionStore(transport: ConnectionState['transport'], status: ConnectionStatus = 'open'): ConnectionStore {
  return createStore<ConnectionState>()(() => ({ transport, status, detail: null }));
}
