import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { isConnected } from '../state/connection-store.js';

/**
 * Holds a view's controls: while the page cannot reach the back end every button and field inside is
 * disabled (a disabled fieldset), so nothing is clicked that can only fail; links still navigate.
 */
export function ConnectionGate({ children }: { children: ReactNode }) {
  const connected = useStore(useServices().stores.connection, isConnected);
  return (
    <fieldset className="connection-gate" disabled={!connected}>
      {children}
    </fieldset>
  );
}
