// The renderer routes by URL fragment (src/shared/app-routes.ts), so main can open the window on a
// view with a plain (same-document) navigation and no IPC message.
import { routeHash } from '../shared/app-routes.js';

/** The fragment of the view of one project. */
export function projectRoute(projectPath: string): string {
  return routeHash({ view: 'project', path: projectPath });
}

/** `url` with its fragment replaced by `route` (or removed when no route is given). */
export function withRoute(url: string, route?: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return route === undefined ? base : `${base}${route}`;
}
