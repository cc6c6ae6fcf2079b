/**
 * The app's routes, as location hashes (the page is served from one file in Electron and in web
 * mode alike, so the hash is the only part of the URL the app owns):
 *   #/projects · #/project/<path> · #/collection · #/snapshots · #/history/<type>/<artifact> (or
 *   #/history/<artifact> when the name is enough)
 *   #/merge/<path>/<artifact>[/<type>] · #/rollback-merge/<artifact>[/<type>] (a rollback's merge in
 *   the collection: the merge route with project '') · #/update-merge/<artifact>[/<type>] (an
 *   upstream update's merge in the collection: project '', `update`) · #/diff/<path>/<artifact>/<compare>[/<type>]
 * Path segments are encoded with encodeURIComponent. The artifact type is optional (a name is
 * usually one artifact); it tells a skill from a command of the same name.
 */
import { isArtifactType, type ArtifactType } from './artifact-types.js';
import { COMPARE_SIDES, type CompareSides } from './compare-sides.js';

export type Route =
  | { readonly view: 'projects' }
  | { readonly view: 'project'; readonly path: string }
  | { readonly view: 'collection' }
  | { readonly view: 'snapshots' }
  | { readonly view: 'history'; readonly name: string; readonly type?: ArtifactType }
  /** `project` '' is the collection's own merge: a rollback's, or with `update` an upstream update's. */
  | { readonly view: 'merge'; readonly project: string; readonly artifact: string; readonly type?: ArtifactType; readonly update?: true }
  | { readonly view: 'diff'; readonly project: string; readonly artifact: string; readonly compare: CompareSides; readonly type?: ArtifactType }
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
    const [first, second, third, fourth] = segments;
    if (head === 'project' && segments.length === 1 && first !== undefined) return { view: 'project', path: first };
    if (head === 'history' && segments.length === 1 && first !== undefined && first !== '') return { view: 'history', name: first };
    if (head === 'history' && segments.length === 2 && first !== undefined && isArtifactType(first) && second !== undefined && second !== '') return { view: 'history', name: second, type: first };
    if (head === 'rollback-merge' && first !== undefined && first !== '' && segments.length <= 2) {
      const type = typeOf(second);
      if (type !== null) return { view: 'merge', project: '', artifact: first, ...type };
    }
    if (head === 'update-merge' && first !== undefined && first !== '' && segments.length <= 2) {
      const type = typeOf(second);
      if (type !== null) return { view: 'merge', project: '', artifact: first, ...type, update: true };
    }
    if (head === 'merge' && first !== undefined && first !== '' && second !== undefined && segments.length <= 3) {
      const type = typeOf(third);
      if (type !== null) return { view: 'merge', project: first, artifact: second, ...type };
    }
    if (head === 'diff' && first !== undefined && second !== undefined && third !== undefined && segments.length <= 4 && isCompare(third)) {
      const type = typeOf(fourth);
      if (type !== null) return { view: 'diff', project: first, artifact: second, compare: third, ...type };
    }
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
      return route.type === undefined ? `#/history/${encodeURIComponent(route.name)}` : `#/history/${route.type}/${encodeURIComponent(route.name)}`;
    case 'merge':
      if (route.project === '' && route.update === true) return `#/update-merge/${encodeURIComponent(route.artifact)}${typeSegment(route.type)}`;
      if (route.project === '') return `#/rollback-merge/${encodeURIComponent(route.artifact)}${typeSegment(route.type)}`;
      return `#/merge/${encodeURIComponent(route.project)}/${encodeURIComponent(route.artifact)}${typeSegment(route.type)}`;
    case 'diff':
      return `#/diff/${encodeURIComponent(route.project)}/${encodeURIComponent(route.artifact)}/${route.compare}${typeSegment(route.type)}`;
  }
}

function typeSegment(type: ArtifactType | undefined): string {
  return type === undefined ? '' : `/${type}`;
}

/** `{}` for no segment, `{ type }` for an artifact type, null for anything else. */
function typeOf(segment: string | undefined): { type?: ArtifactType } | null {
  if (segment === undefined) return {};
  return isArtifactType(segment) ? { type: segment } : null;
}

function isCompare(segment: string): segment is CompareSides {
  return (COMPARE_SIDES as readonly string[]).includes(segment);
}

function decodeAll(segments: readonly string[]): string[] | null {
  try {
    const decoded = segments.map((s) => decodeURIComponent(s));
    return decoded.every((s) => s !== '') ? decoded : null;
  } catch {
    return null;
  }
}
