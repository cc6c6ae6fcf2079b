import { isAbsolute, join, relative, resolve, sep } from 'node:path';

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

// A decoded segment holding any of these could name a folder, drive or stream outside the root.
const FORBIDDEN_IN_SEGMENT = /[/\\:\0]/;

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
  const rawSegments = url.pathname === '' || url.pathname === '/' ? ['index.html'] : url.pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(`malformed escape in ${requestUrl}`);
    }
    if (segment === '' || segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return refuse(`path segment ${JSON.stringify(segment)} is not allowed in ${requestUrl}`);
    }
    segments.push(segment);
  }

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
