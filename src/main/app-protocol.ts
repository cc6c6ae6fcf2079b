import { protocol, net } from 'electron';
import type { Session } from 'electron';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { APP_CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import { APP_SCHEME, resolveRendererFile } from './protocol-path.js';

/**
 * Declares `app://` a standard, secure scheme. Electron only accepts this before `ready`:
 * standard gives the page a real origin (`app://skillmeat`), secure lets it use secure-context APIs.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `app://skillmeat/<path>` from `rendererRoot` in `target`, with the app's CSP on every response. */
export function serveRendererFiles(target: Session, rendererRoot: string): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, `${request.method} is not allowed on ${APP_SCHEME}://`);
    }
    const lookup = resolveRendererFile(rendererRoot, request.url);
    if (lookup.kind === 'refused') {
      console.warn(`Refused renderer request: ${lookup.reason}`);
      return plainResponse(403, 'Forbidden');
    }
    // A folder must not reach net.fetch: Chromium would answer a file:// folder with a listing.
    const isFile = await stat(lookup.path).then((info) => info.isFile(), () => false);
    if (!isFile) {
      return plainResponse(404, 'Not found');
    }
    const file = await net.fetch(pathToFileURL(lookup.path).href);
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', APP_CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY },
  });
}
