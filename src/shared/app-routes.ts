/**
 * The app's routes, as location hashes (the page is served from one file in Electron and in web
 * mode alike, so the hash is the only part of the URL the app owns):
 *   #/projects · #/project/<path> · #/collection · #/snapshots · #/history/<artifact> · #/merge/<path>/<artifact>
 * Path segments are encoded with encodeURIComponent.
 */

export type Route =
  | { readonly view: 'projects' }
  | { readonly view: 'project'; readonly path: string }
  | { readonly view: 'collection' }
  | { readonly view: 'snapshots' }
  | { readonly view: 'history'; readonly name: string }
  | { readonly view: 'merge'; readonly project: string; readonly artifact: string }
  | { readonly view: 'not_found'; readonly hash: string };

/** The route a location hash names; an empty hash is the projects view. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === '' || path === 'projects') return { view: 'projects' };
  if (path === 'collection') return { view: 'collection' };
  if (path === 'snapshots') return { view: 'snapshots' };
  const [head, ...rest] = path.split('/');
  const segments = decodeAll(rest);
  if (segments !== null) {
    if (head === 'project' && segments.length === 1 && segments[0] !== undefined) return { view: 'project', path: segments[0] };
    if (head === 'history' && segments.length === 1 && segments[0] !== undefined) return { view: 'history', name: segments[0] };
    if (head === 'merge' && segments.length === 2 && segments[0] !== undefined && segments[1] !== undefined) return { view: 'merge', project: segments[0], artifact: segments[1] };
  }
  return { view: 'not_found', hash };
}

/** The location hash of a route (the inverse of `parseRoute`). */
export function routeHash(route: Exclude<Route, { view: 'not_found' }>): string {
  switch (route.view) {
    case 'projects':
    case 'collection':
    case 'snapshots':
      return `#/${route.view}`;
    case 'project':
      return `#/project/${encodeURIComponent(route.path)}`;
    case 'history':
      return `#/history/${encodeURIComponent(route.name)}`;
    case 'merge':
      return `#/merge/${encodeURIComponent(route.project)}/${encodeURIComponent(route.artifact)}`;
  }
}

function decodeAll(segments: readonly string[]): string[] | null {
  try {
    const decoded = segments.map((s) => decodeURIComponent(s));
    return decoded.every((s) => s !== '') ? decoded : null;
  } catch {
    return null;
  }
}
