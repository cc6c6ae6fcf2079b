/**
 * The one reading of a request path as file-name segments, shared by the two places that serve
 * the built renderer (main's app:// protocol and web mode's HTTP server). Each segment is decoded,
 * so an encoded `/` or `\` cannot smuggle a separator past the split, and anything that could name
 * a folder, drive or stream outside the root is refused.
 */

// A decoded segment holding any of these could name a folder, drive or stream outside the root.
const FORBIDDEN_IN_SEGMENT = /[/\\:\0]/;

export type PathSegments = { readonly ok: true; readonly segments: readonly string[] } | { readonly ok: false; readonly reason: string };

/** The decoded segments of `pathname` (`/` is `index.html`), or why it is refused. */
export function decodePathSegments(pathname: string): PathSegments {
  const rawSegments = pathname === '' || pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: `malformed escape in ${pathname}` };
    }
    if (segment === '' || segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, reason: `path segment ${JSON.stringify(segment)} is not allowed` };
    }
    segments.push(segment);
  }
  return { ok: true, segments };
}
