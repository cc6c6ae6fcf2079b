/** Hands the stores, the actions and the platform's abilities to every component. */
import { createContext, useContext, type ReactNode } from 'react';
import type { AppActions } from './actions/app-actions.js';
import type { AppStores } from './state/app-stores.js';

/** What differs between Electron and a browser, as far as components care. */
export interface Platform {
  /** The path of a dropped file or folder; only Electron's preload can tell it. */
  readonly pathOfFile: ((file: File) => string) | null;
}

export interface AppServices {
  readonly stores: AppStores;
  readonly actions: AppActions;
  readonly platform: Platform;
}

const ServicesContext = createContext<AppServices | null>(null);

/** Makes `services` available to the tree below. */
export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The app's stores, actions and platform. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices() needs an <AppProvider> above it.');
  return services;
}
