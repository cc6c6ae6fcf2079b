/** How the page reaches the back end, and whether it can right now. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LinkState } from '../client/reconnect-policy.js';

export type ConnectionStatus = LinkState['phase'];

export interface ConnectionState {
  /** `bridge`: Electron's preload; `socket`: web mode's WebSocket; `memory`: tests. */
  readonly transport: 'bridge' | 'socket' | 'memory';
  readonly status: ConnectionStatus;
  /** The whole state of the link (why it is down, whether the server answers), for the words the page shows. */
  readonly link: LinkState;
}

export type ConnectionStore = StoreApi<ConnectionState>;

/** A connection store for a transport, open unless it says otherwise. */
export function createConnectionStore(transport: ConnectionState['transport'], status: 'connecting' | 'open' = 'open'): ConnectionStore {
  return createStore<ConnectionState>()(() => ({ transport, status, link: { phase: status } }));
}

/** The state after the transport reports a change of its link. */
export function withLink(link: LinkState): Pick<ConnectionState, 'status' | 'link'> {
  return { status: link.phase, link };
}

/** True while calls can reach the back end: actions are enabled only then. */
export function isConnected(state: ConnectionState): boolean {
  return state.status === 'open';
}
