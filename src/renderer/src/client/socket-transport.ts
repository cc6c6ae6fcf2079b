/**
 * The web-mode transport: the contract over the loopback WebSocket of `skillmeat ui --web`, for a
 * page opened in a plain browser (no preload bridge). Protocol: src/shared/socket-protocol.ts.
 */
import { CONTRACT_VERSION, type CallEnvelope, type ContractEvent, type MethodName } from '../../../shared/contract.js';
import type { ContractTransport } from '../../../shared/contract-client.js';
import { SOCKET_PATH, TOKEN_PARAM, parseServerMessage } from '../../../shared/socket-protocol.js';

/** Where the connection stands: before the server's hello, ready for calls, or gone for good. */
export type SocketStatus = 'connecting' | 'open' | 'closed';

/** The part of a browser `WebSocket` the transport uses (the `ws` package's class fits too). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: { data?: unknown; code?: number }) => void): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

export interface SocketTransportOptions {
  /** The WebSocket class (the browser's unless given). */
  readonly WebSocketImpl?: SocketConstructor;
  /** Told of every change of the connection's status. */
  readonly onStatus?: (status: SocketStatus) => void;
}

/** A ContractTransport over a WebSocket, with its status and a way to hang up. */
export interface SocketTransport extends ContractTransport {
  status(): SocketStatus;
  close(): void;
}

/**
 * The socket URL for a page URL: same host, `ws:` for `http:` (`wss:` for `https:`), path /rpc and
 * the page's token. Null when the page URL carries no token.
 */
export function socketUrlForPage(pageUrl: string): string | null {
  const page = new URL(pageUrl);
  const token = page.searchParams.get(TOKEN_PARAM);
  if (token === null || token === '') return null;
  const socket = new URL(SOCKET_PATH, page);
  socket.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  socket.search = new URLSearchParams({ [TOKEN_PARAM]: token }).toString();
  return socket.href;
}

/**
 * Connects to the server that served `pageUrl` (normally `location.href`). Calls made before the
 * server's hello wait for it; each call resolves to its envelope, never rejects. When the
 * connection ends, pending and later calls resolve to an `io_error` envelope. There is no
 * reconnecting: a new `skillmeat ui --web` run has a new port and token, so the page must be
 * opened again from the URL it prints.
 */
export function createSocketTransport(pageUrl: string, options: SocketTransportOptions = {}): SocketTransport {
  const listeners = new Set<(event: ContractEvent) => void>();
  const pending = new Map<number, (envelope: CallEnvelope) => void>();
  const queued: string[] = [];
  let nextId = 1;
  let status: SocketStatus = 'connecting';
  let failure: CallEnvelope = lostConnection('Lost the connection to SkillMeat (the `skillmeat ui --web` process may have stopped). Start it again and open the URL it prints.');

  const setStatus = (next: SocketStatus) => {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  };
  const finish = (envelope: CallEnvelope) => {
    failure = envelope;
    setStatus('closed');
    queued.length = 0;
    for (const resolve of pending.values()) resolve(envelope);
    pending.clear();
  };

  const settle = (id: number, envelope: CallEnvelope) => {
    pending.get(id)?.(envelope);
    pending.delete(id);
  };

  const url = socketUrlForPage(pageUrl);
  const WebSocketImpl = options.WebSocketImpl ?? (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
  let socket: SocketLike | null = null;
  if (url === null) {
    finish(lostConnection('This page was opened without its access token. Open the exact URL that `skillmeat ui --web` printed.'));
  } else if (WebSocketImpl === undefined) {
    finish(lostConnection('This browser has no WebSocket support, which web mode needs.'));
  } else {
    const opened = openSocket(WebSocketImpl, url);
    if (opened === null) finish(lostConnection(`Could not open a WebSocket to ${url.replace(/token=[^&]*/, 'token=…')}.`));
    else listen(opened);
  }

  function listen(opened: SocketLike): void {
    socket = opened;
    opened.addEventListener('message', (event) => {
      const message = typeof event.data === 'string' ? parseServerMessage(event.data) : null;
      if (message === null) {
        console.warn('SkillMeat: ignored a message that is not part of the protocol.');
        return;
      }
      switch (message.type) {
        case 'hello':
          if (message.contract_version !== CONTRACT_VERSION) {
            finish(lostConnection(`The SkillMeat server speaks contract version ${message.contract_version}, this page version ${CONTRACT_VERSION}: reload the page.`));
            opened.close(1000, 'contract version mismatch');
            return;
          }
          setStatus('open');
          for (const text of queued.splice(0)) opened.send(text);
          return;
        case 'result':
          settle(message.id, message.envelope);
          return;
        case 'error':
          if (message.id === null) console.warn(`SkillMeat: the server could not take a message: ${message.error.message}`);
          else settle(message.id, { ok: false, error: message.error });
          return;
        case 'event':
          for (const listener of listeners) {
            try {
              listener(message.event);
            } catch (error) {
              console.error(error);
            }
          }
      }
    });
    // A refused or broken connection reports 'error' and then 'close': the close does the work.
    opened.addEventListener('error', () => undefined);
    opened.addEventListener('close', () => finish(failure));
  }

  return {
    call(method: MethodName, input: unknown): Promise<CallEnvelope> {
      if (status === 'closed' || socket === null) return Promise.resolve(failure);
      const id = nextId++;
      const text = JSON.stringify({ type: 'call', id, method, input: input ?? {} });
      const answer = new Promise<CallEnvelope>((resolve) => pending.set(id, resolve));
      if (status === 'open') socket.send(text);
      else queued.push(text);
      return answer;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    status: () => status,
    close() {
      socket?.close(1000, 'page closed the connection');
    },
  };
}

function openSocket(WebSocketImpl: SocketConstructor, url: string): SocketLike | null {
  try {
    return new WebSocketImpl(url);
  } catch {
    return null;
  }
}

function lostConnection(message: string): CallEnvelope {
  return { ok: false, error: { code: 'io_error', message } };
}
