import { request } from 'node:http';
import WebSocket from 'ws';
import { ContractService } from '../../src/core/service/contract-service.js';
import { startWebServer, type WebServer } from '../../src/server/web-server.js';
import type { ContractBackend } from '../../src/server/socket-session.js';
import { afterThisTest, tempDir, writeTree } from './temp-files.js';

/** The tiny renderer folder web-mode tests serve. */
export const RENDERER_FILES = {
  'index.html': '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>\n',
  'assets/app.js': 'console.log("skillmeat");\n',
} as const;

/** A web server over a real ContractService and a fresh temporary home; both closed after the test. */
export async function tempWebServer(wrap: (service: ContractService) => ContractBackend = (service) => service): Promise<{ server: WebServer; service: ContractService; home: string; rendererDir: string }> {
  const home = await tempDir('skillmeat-home-');
  const rendererDir = await tempDir('skillmeat-renderer-');
  await writeTree(rendererDir, RENDERER_FILES);
  const service = new ContractService({ home, onBackgroundError: (error) => console.error(error) });
  afterThisTest(() => service.close());
  const server = await startWebServer({ service: wrap(service), rendererDir });
  afterThisTest(() => server.close());
  return { server, service, home, rendererDir };
}

/** The socket URL of `server` with `token` (the real one unless given; null leaves it out). */
export function socketUrl(server: WebServer, token?: string | null): string {
  const real = new URL(server.url).searchParams.get('token') ?? '';
  const chosen = token === undefined ? real : token;
  return `ws://127.0.0.1:${server.port}/rpc${chosen === null ? '' : `?token=${encodeURIComponent(chosen)}`}`;
}

/** A `ws` client that sends the Origin a page of `server` would send; closed after the test. */
export function pageSocket(server: WebServer, options: { token?: string | null; origin?: string | null; host?: string } = {}): WebSocket {
  const origin = options.origin === undefined ? `http://127.0.0.1:${server.port}` : options.origin;
  const socket = new WebSocket(socketUrl(server, options.token), {
    ...(origin === null ? {} : { origin }),
    ...(options.host ? { headers: { Host: options.host } } : {}),
  });
  afterThisTest(() => socket.terminate());
  return socket;
}

/** Every message a socket receives, parsed, with a way to wait for one. */
export interface Inbox {
  readonly messages: readonly Record<string, unknown>[];
  waitFor(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Starts collecting the JSON messages of `socket`. */
export function inbox(socket: WebSocket): Inbox {
  const messages: Record<string, unknown>[] = [];
  const waiters: { predicate: (message: Record<string, unknown>) => boolean; resolve: (message: Record<string, unknown>) => void }[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  return {
    messages,
    waitFor: (predicate) => {
      const seen = messages.find(predicate);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

/** The HTTP status a refused upgrade got, or 101 when the socket opened. */
export function upgradeStatus(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    socket.once('error', reject);
  });
}

/** A raw HTTP request (the path is sent exactly as given, unlike fetch). */
export function rawRequest(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', reject);
    sent.end();
  });
}
