// The renderer routes by URL fragment, so main can open the window on a view with a plain
// (same-document) navigation and no IPC message. The renderer must parse the same shape.

/** The fragment of the view of one project: `#/project/<encodeURIComponent(path)>`. */
export function projectRoute(projectPath: string): string {
  return `#/project/${encodeURIComponent(projectPath)}`;
}

/** `url` with its fragment replaced by `route` (or removed when no route is given). */
export function withRoute(url: string, route?: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return route === undefined ? base : `${base}${route}`;
}
