/**
 * The web-mode transport: the contract over the loopback WebSocket of `skillmeat ui --web`, for a
 * page opened in a plain browser (no preload bridge). Protocol: src/shared/socket-protocol.ts.
 */
import { CONTRACT_VERSION, type MethodName } from '../../../shared/contract-names.js';
import type { CallEnvelope, ContractEvent } from '../../../shared/contract.js';
import type { ContractTransport } from '../../../shared/contract-client.js';
import { SOCKET_PATH, TOKEN_PARAM, parseServerFrame } from '../../../shared/socket-frames.js';
import { closedMessage, reconnectDelay, type ClosedReason, type LinkState, type ServerPresence } from './reconnect-policy.js';

/** Where the connection stands: before the server's hello, ready for calls, lost and being retried, or gone for good. */
export type SocketStatus = LinkState['phase'];

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
  /** Told of every change of the connection's state. */
  readonly onStatus?: (state: LinkState) => void;
  /** Runs `retry` after `ms` (setTimeout unless given); returns a way to cancel it. */
  readonly schedule?: (retry: () => void, ms: number) => () => void;
  /** Whether the server still answers plain HTTP at the page's address (by fetching the page unless given). */
  readonly probe?: (pageUrl: string) => Promise<'down' | 'refusing'>;
}

/** A ContractTransport over a WebSocket, with its state and a way to hang up. */
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
 * server's first hello wait for it; each call resolves to its envelope, never rejects. When the
 * connection is lost, pending calls resolve to an `io_error` envelope, later ones too until it is
 * back: the transport reconnects by itself with growing waits (reconnect-policy.ts), to the same
 * address with the same token, and says whether the server is down or refusing this page. A page
 * without a token, or a server of another contract version, is not retried.
 */
export function createSocketTransport(pageUrl: string, options: SocketTransportOptions = {}): SocketTransport {
  const listeners = new Set<(event: ContractEvent) => void>();
  const pending = new Map<number, (envelope: CallEnvelope) => void>();
  const queued: string[] = [];
  const schedule = options.schedule ?? ((retry, ms) => {
    const timer = setTimeout(retry, ms);
    return () => clearTimeout(timer);
  });
  const probe = options.probe ?? probeServer;
  let nextId = 1;
  let state: LinkState = { phase: 'connecting' };
  let socket: SocketLike | null = null;
  let cancelRetry: (() => void) | null = null;
  /** Failed attempts since the connection was last open (0 while it is). */
  let attempts = 0;
  let everOpen = false;
  // Frames are read at once, without zod (this module is in the page's first bundle); an event's
  // payload is checked with the contract's schema, loaded on the first event. Messages are handled
  // in the order they came, so a result never overtakes an event sent before it.
  let checkEvent: Promise<(value: unknown) => ContractEvent | null> | null = null;
  let handled: Promise<void> = Promise.resolve();
  const inOrder = (handle: () => void | Promise<void>) => {
    handled = handled.then(handle).catch((error: unknown) => console.error(error));
  };
  const deliver = async (value: unknown) => {
    checkEvent ??= import('../../../shared/socket-protocol.js').then((protocol) => protocol.parseContractEvent);
    const event = (await checkEvent)(value);
    if (event === null) {
      console.warn('SkillMeat: ignored an event that does not match the contract.');
      return;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  };

  const setState = (next: LinkState) => {
    state = next;
    options.onStatus?.(next);
  };
  const failPending = (envelope: CallEnvelope) => {
    queued.length = 0;
    for (const resolve of pending.values()) resolve(envelope);
    pending.clear();
  };
  const finish = (reason: ClosedReason, detail?: string) => {
    cancelRetry?.();
    cancelRetry = null;
    setState({ phase: 'closed', reason, message: closedMessage(reason, detail) });
    failPending(notConnected());
  };
  const settle = (id: number, envelope: CallEnvelope) => {
    pending.get(id)?.(envelope);
    pending.delete(id);
  };
  const notConnected = (): CallEnvelope => {
    if (state.phase === 'closed') return lostConnection(state.message);
    return lostConnection(everOpen ? 'Lost the connection to SkillMeat; the page is reconnecting. Try again once it is back.' : 'Could not reach SkillMeat; the page keeps trying.');
  };

  const url = socketUrlForPage(pageUrl);
  const WebSocketImpl = options.WebSocketImpl ?? (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
  if (url === null) finish('no_token');
  else if (WebSocketImpl === undefined) finish('no_websocket');
  else connect(WebSocketImpl, url);

  function connect(Impl: SocketConstructor, socketUrl: string): void {
    cancelRetry = null;
    const opened = openSocket(Impl, socketUrl);
    if (opened === null) {
      lost(Impl, socketUrl);
      return;
    }
    socket = opened;
    let helloSeen = false;
    opened.addEventListener('message', (event) => {
      const message = typeof event.data === 'string' ? parseServerFrame(event.data) : null;
      if (message === null) {
        console.warn('SkillMeat: ignored a message that is not part of the protocol.');
        return;
      }
      switch (message.type) {
        case 'hello':
          if (message.contract_version !== CONTRACT_VERSION) {
            finish('other_version', String(message.contract_version));
            opened.close(1000, 'contract version mismatch');
            return;
          }
          helloSeen = true;
          attempts = 0;
          everOpen = true;
          setState({ phase: 'open' });
          for (const text of queued.splice(0)) opened.send(text);
          return;
        case 'result':
          inOrder(() => settle(message.id, message.envelope));
          return;
        case 'error':
          if (message.id === null) console.warn(`SkillMeat: the server could not take a message: ${message.error.message}`);
          else {
            const { id, error } = message;
            inOrder(() => settle(id, { ok: false, error }));
          }
          return;
        case 'event':
          inOrder(() => deliver(message.event));
      }
    });
    // A refused or broken connection reports 'error' and then 'close': the close does the work.
    opened.addEventListener('error', () => undefined);
    opened.addEventListener('close', () => {
      if (socket !== opened) return;
      socket = null;
      if (state.phase === 'closed') return;
      if (helloSeen) attempts = 0;
      lost(Impl, socketUrl);
    });
  }

  /** The connection is gone (or never came): answer what waits, then try again after the next wait. */
  function lost(Impl: SocketConstructor, socketUrl: string): void {
    attempts += 1;
    const attempt = attempts;
    // The server may have been reached before: a second failure in a row asks whether it still runs.
    const server: ServerPresence = attempt > 1 && state.phase === 'reconnecting' ? state.server : 'unknown';
    setState({ phase: 'reconnecting', attempt, server, wasOpen: everOpen });
    failPending(notConnected());
    if (attempt > 1) {
      void probe(pageUrl).then((presence) => {
        if (state.phase === 'reconnecting' && state.attempt === attempt) setState({ ...state, server: presence });
      });
    }
    cancelRetry = schedule(() => connect(Impl, socketUrl), reconnectDelay(attempt));
  }

  return {
    call(method: MethodName, input: unknown): Promise<CallEnvelope> {
      // Before the first hello calls wait for it; once a connection was lost they are answered at once.
      if (state.phase === 'closed' || state.phase === 'reconnecting' || socket === null) return Promise.resolve(notConnected());
      const id = nextId++;
      const text = JSON.stringify({ type: 'call', id, method, input: input ?? {} });
      const answer = new Promise<CallEnvelope>((resolve) => pending.set(id, resolve));
      if (state.phase === 'open') socket.send(text);
      else queued.push(text);
      return answer;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    status: () => state.phase,
    close() {
      const open = socket;
      finish('page_closed');
      socket = null;
      open?.close(1000, 'page closed the connection');
    },
  };
}

/** Asks the page's server for the page itself (no token needed): an answer means it runs but refused the socket. */
async function probeServer(pageUrl: string): Promise<'down' | 'refusing'> {
  try {
    // The server answers every request with Cache-Control: no-store, so this reaches it.
    const response = await fetch(new URL('/', pageUrl));
    return response.ok ? 'refusing' : 'down';
  } catch {
    return 'down';
  }
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
