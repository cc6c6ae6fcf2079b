/** The current route, following the location hash. */
import { useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from '../../../shared/app-routes.js';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The route of the location hash; re-renders when it changes. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}

/** Goes to a route (a history entry, so Back works). */
export function navigate(route: Exclude<Route, { view: 'not_found' }>): void {
  window.location.hash = routeHash(route);
}
