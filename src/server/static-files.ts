import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { decodePathSegments } from '../shared/url-path-segments.js';

/** Where a request path leads inside the renderer folder. */
export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly contentType: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly reason: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps the path of a request (`/assets/x.js`, no query) to a regular file inside `root` (a real
 * path). Dot segments, encoded separators and links leading out of `root` are refused; `/` is
 * `index.html`.
 */
export async function findStaticFile(root: string, requestPath: string): Promise<StaticLookup> {
  if (!requestPath.startsWith('/')) return { kind: 'refused', reason: `not an origin-form path: ${requestPath}` };
  const decoded = decodePathSegments(requestPath);
  if (!decoded.ok) return { kind: 'refused', reason: decoded.reason };
  const segments = decoded.segments;
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    return { kind: 'missing' };
  }
  // A link inside the folder may point anywhere: what counts is where the file really is.
  const inside = relative(root, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return { kind: 'refused', reason: `${requestPath} leads outside the renderer folder` };
  }
  const info = await stat(real).catch(() => null);
  if (info === null || !info.isFile()) return { kind: 'missing' };
  const contentType = CONTENT_TYPES[extname(segments[segments.length - 1]!).toLowerCase()] ?? 'application/octet-stream';
  return { kind: 'file', path: real, size: info.size, contentType };
}

/** Answers a GET or HEAD for a file of `root` (a real path); `headers` go on every answer. */
export async function serveStaticFile(request: IncomingMessage, response: ServerResponse, root: string, headers: Readonly<Record<string, string>>): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    plainAnswer(response, 405, `${request.method ?? 'This method'} is not allowed here.`, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const target = request.url ?? '';
  const queryAt = target.search(/[?#]/);
  const lookup = await findStaticFile(root, queryAt === -1 ? target : target.slice(0, queryAt));
  if (lookup.kind === 'refused') {
    plainAnswer(response, 403, 'Forbidden.', headers);
    return;
  }
  if (lookup.kind === 'missing') {
    plainAnswer(response, 404, 'Not found.', headers);
    return;
  }
  response.writeHead(200, { ...headers, ...cachingOf(lookup.path, root), 'Content-Type': lookup.contentType, 'Content-Length': String(lookup.size) });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // The status line is gone already: a read failure can only cut the answer short.
  await pipeline(createReadStream(lookup.path), response).catch(() => response.destroy());
}

/**
 * A build names each asset after a hash of its content (`assets/render-app-BiSGg2BO.js`), so a name
 * always means the same bytes: the browser may keep it for the server's life (a new run has a new
 * port, hence a new cache). A reload or a second tab then takes the scripts from the cache with
 * V8's compiled code, instead of fetching and compiling them again. Everything else — index.html
 * above all, which names the current assets — is never stored (securityHeaders).
 */
const CONTENT_HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|ttf|woff2?)$/;

function cachingOf(file: string, root: string): Readonly<Record<string, string>> {
  return CONTENT_HASHED_ASSET.test(relative(root, file).split(sep).join('/')) ? { 'Cache-Control': 'private, max-age=31536000, immutable' } : {};
}

/** Ends `response` with a short plain-text answer. */
export function plainAnswer(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>>): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  response.end(text);
}
