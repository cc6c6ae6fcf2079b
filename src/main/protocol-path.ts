import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodePathSegments } from '../shared/url-path-segments.js';

/** The privileged scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host under APP_SCHEME; any other host is refused. */
export const APP_HOST = 'skillmeat';
/** The URL the main window loads in a built app. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where a request for the renderer leads: a file inside the renderer folder, or a refusal with its reason. */
export type RendererFileLookup =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Maps an `app://skillmeat/...` request URL to a file inside `rendererRoot`, or refuses it.
 * Query and fragment are ignored; `/` means `index.html`.
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): RendererFileLookup {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(`not a URL: ${requestUrl}`);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return refuse(`not an ${APP_SCHEME}://${APP_HOST}/ URL: ${requestUrl}`);
  }

  // The URL parser has already folded literal and %2e-encoded dot segments; what is left is
  // decoded here, so an encoded slash or backslash cannot smuggle a separator past that step.
  const decoded = decodePathSegments(url.pathname);
  if (!decoded.ok) return refuse(`${decoded.reason} in ${requestUrl}`);
  const segments = decoded.segments;

  const root = resolve(rendererRoot);
  const path = join(root, ...segments);
  const inside = relative(root, path);
  // Belt and braces: the checks above should make this unreachable.
  if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) {
    return refuse(`${requestUrl} leads outside the renderer folder`);
  }
  return { kind: 'file', path };
}

function refuse(reason: string): RendererFileLookup {
  return { kind: 'refused', reason };
}
