import { once } from 'node:events';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SkillmeatError } from '../core/errors.js';
import { MAX_SOCKET_MESSAGE_BYTES, SOCKET_PATH, TOKEN_PARAM } from '../shared/socket-protocol.js';
import { LOOPBACK_HOST, isAllowedHost, isAllowedOrigin, newAccessToken, tokenMatches } from './request-guard.js';
import { securityHeaders } from './security-headers.js';
import { sessionLimits, type SessionLimits } from './session-limits.js';
import { serveSocketSession, type ContractBackend } from './socket-session.js';
import { plainAnswer, serveStaticFile } from './static-files.js';

export interface WebServerOptions {
  /** The back end (a `ContractService`): parses, validates and runs every call. */
  readonly service: ContractBackend;
  /** The built renderer (`out/renderer`), holding index.html. */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Web mode listens on the loopback address only. */
  readonly host?: typeof LOOPBACK_HOST;
  /** Receives bugs that belong to no request (the default prints them). */
  readonly onError?: (error: unknown) => void;
  /** What one connection may hold at once; the defaults (DEFAULT_SESSION_LIMITS) suit the UI, tests lower them. */
  readonly limits?: Partial<SessionLimits>;
  /**
   * The access token pages must present. Default: `SKILLMEAT_WEB_TOKEN` when set (so that a server
   * started again on the same port lets open pages reconnect), else a new random one per run.
   */
  readonly token?: string;
}

export interface WebServer {
  /** The page to open: `http://127.0.0.1:PORT/?token=...`. */
  readonly url: string;
  readonly port: number;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/** A refused WebSocket upgrade: the status and the short reason sent back. */
interface Refusal {
  readonly status: number;
  readonly text: string;
}

/** How long open WebSockets get to finish their closing handshake when the server stops. */
const CLOSE_GRACE_MS = 1000;

/**
 * Serves the built renderer and the app contract over a WebSocket on 127.0.0.1 (web mode). Every
 * request must name this server in its Host header; the WebSocket must also come from a page of
 * this server (Origin) and carry the run's one-time token. See docs/web-mode.md.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = await rendererRoot(options.rendererDir);
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const limits = sessionLimits(options.limits);
  const token = chosenToken(options.token ?? process.env[WEB_TOKEN_ENV]);
  let port = 0;
  let headers: Readonly<Record<string, string>> = {};

  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      plainAnswer(response, 421, `This server answers only to ${LOOPBACK_HOST}:${port} and localhost:${port}.`, headers);
      return;
    }
    serveStaticFile(request, response, root, headers).catch((error: unknown) => {
      onError(error);
      response.destroy();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES, perMessageDeflate: false });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, port, token);
    if (refusal !== null) {
      refuseUpgrade(socket, refusal);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (accepted) => serveSocketSession(accepted, options.service, onError, limits));
  });

  port = await listen(server, options.port ?? 0, options.host ?? LOOPBACK_HOST);
  headers = securityHeaders(port);
  const url = `http://${LOOPBACK_HOST}:${port}/?${TOKEN_PARAM}=${token}`;

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeAll(server, sockets));
  return { url, port, close };
}

/** The renderer folder as a real path, refusing one without index.html. */
async function rendererRoot(rendererDir: string): Promise<string> {
  const root = await realpath(rendererDir).catch(() => null);
  const index = root === null ? null : await stat(join(root, 'index.html')).catch(() => null);
  if (root === null || index === null || !index.isFile()) {
    throw new SkillmeatError('not_found', `The built UI is missing: ${join(rendererDir, 'index.html')} does not exist. Run \`npm run build:app\` in the SkillMeat folder, then try again.`, { path: rendererDir });
  }
  return root;
}

/** Why an upgrade request may not have a WebSocket, or null when it may. */
function upgradeRefusal(request: IncomingMessage, port: number, token: string): Refusal | null {
  if (!isAllowedHost(request.headers.host, port)) return { status: 421, text: 'Misdirected Request' };
  const target = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
  if (target.pathname !== SOCKET_PATH) return { status: 404, text: 'Not Found' };
  if (!isAllowedOrigin(request.headers.origin, port)) return { status: 403, text: 'Forbidden' };
  if (!tokenMatches(target.searchParams.get(TOKEN_PARAM), token)) return { status: 401, text: 'Unauthorized' };
  return null;
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.text}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The environment variable that keeps web mode's token across runs (an argument would be readable by other users). */
export const WEB_TOKEN_ENV = 'SKILLMEAT_WEB_TOKEN';

/** A given token, refused unless it is as strong as a generated one; a new random token when none is given. */
function chosenToken(given: string | undefined): string {
  if (given === undefined || given === '') return newAccessToken();
  if (!/^[A-Za-z0-9_-]{32,512}$/.test(given)) {
    throw new SkillmeatError('invalid_input', `The web-mode token in ${WEB_TOKEN_ENV} must be 32 to 512 letters, digits, "-" or "_" (as a generated one is); it is not used.`);
  }
  return given;
}

/** Listens and resolves to the port, turning the usual failures into errors a user can act on. */
async function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new SkillmeatError('invalid_input', `Port ${port} is not a TCP port: give a whole number from 1 to 65535, or 0 for a free one.`, { port });
  }
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new SkillmeatError('busy', `Port ${port} on ${host} is already in use: choose another with --port, or --port 0 for a free one.`, { port });
    if (code === 'EACCES') throw new SkillmeatError('io_error', `Not allowed to listen on port ${port} of ${host}: choose a port above 1023, or --port 0 for a free one.`, { port });
    throw error;
  }
  return (server.address() as AddressInfo).port;
}

async function closeAll(server: ReturnType<typeof createServer>, sockets: WebSocketServer): Promise<void> {
  const stopped = [...sockets.clients].map((client) => closeClient(client));
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await Promise.all([...stopped, serverClosed]);
}

/** Closes one WebSocket politely, and for good after a short grace. */
function closeClient(client: WebSocket): Promise<void> {
  if (client.readyState === client.CLOSED) return Promise.resolve();
  const closed = once(client, 'close').then(() => undefined);
  client.close(1001, 'SkillMeat is stopping');
  const force = setTimeout(() => client.terminate(), CLOSE_GRACE_MS);
  return closed.finally(() => clearTimeout(force));
}
