import type { RawData, WebSocket } from 'ws';
import { CONTRACT_VERSION, type CallEnvelope, type ContractEvent } from '../shared/contract.js';
import { parseCallMessage, type ServerMessage } from '../shared/socket-protocol.js';
import { CallQueue } from './call-queue.js';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.js';

/** What web mode serves: the contract service's `call` (untrusted method names welcome) and its events. */
export interface ContractBackend {
  call(method: string, input: unknown): Promise<CallEnvelope>;
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

/**
 * Serves the contract on one accepted WebSocket until it closes: says hello, forwards every event,
 * and answers each call with its envelope as soon as it is ready, so answers may come in any order.
 * A message it cannot take gets an `error` message; the connection stays open.
 *
 * Within `limits`: a few calls run at once and the rest wait in order; while the wait is full the
 * socket is not read, so TCP holds the client's further calls back on its side. A client whose
 * unsent output passes the cap has stopped reading: it is cut off. When the connection goes,
 * waiting calls are dropped, running ones finish unheard, and events stop.
 */
export function serveSocketSession(socket: WebSocket, backend: ContractBackend, onError: (error: unknown) => void, limits: SessionLimits = DEFAULT_SESSION_LIMITS): void {
  const isOpen = () => socket.readyState === socket.OPEN;
  const calls = new CallQueue({
    maxInFlight: limits.maxCallsInFlight,
    maxQueued: limits.maxCallsQueued,
    onFull: () => socket.pause(),
    onRoom: () => socket.resume(),
  });
  // One answer may be larger than the cap by itself (the merge of a long file) and a reading client
  // is still taking it when the next message comes: only what piles up beyond the largest message
  // still unsent marks a client that stopped reading.
  let largestUnsent = 0;
  const send = (message: ServerMessage) => {
    if (!isOpen()) return;
    if (socket.bufferedAmount === 0) largestUnsent = 0;
    if (socket.bufferedAmount > limits.maxUnsentBytes + largestUnsent) {
      // No close frame: it would wait behind everything the client is not reading.
      socket.terminate();
      calls.drop();
      return;
    }
    const text = JSON.stringify(message);
    largestUnsent = Math.max(largestUnsent, text.length);
    socket.send(text);
  };
  const answer = async (id: number, method: string, input: unknown) => {
    // The connection may have gone while the call waited: it is closing before its close event drops the queue.
    if (!isOpen()) return;
    let envelope: CallEnvelope;
    try {
      envelope = await backend.call(method, input);
    } catch (error) {
      // The service never rejects; if it ever does, that is a bug, and the caller still gets an answer.
      onError(error);
      envelope = { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } };
    }
    send({ type: 'result', id, envelope });
  };

  const unsubscribe = backend.subscribe((event) => send({ type: 'event', event }));
  socket.on('close', () => {
    calls.drop();
    unsubscribe();
  });
  // A client breaking the protocol (an oversize or non-UTF-8 frame): ws closes that connection itself.
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    // Once closing, ws still hands over what it had already read: nobody is left to answer it.
    if (!isOpen()) return;
    if (isBinary) {
      send({ type: 'error', id: null, error: { code: 'invalid_input', message: 'Binary messages are not part of the protocol: send JSON text.' } });
      return;
    }
    const parsed = parseCallMessage(textOf(data));
    if (!parsed.ok) {
      send({ type: 'error', id: parsed.id, error: { code: 'invalid_input', message: `Malformed message: ${parsed.problem}. Expected {"type":"call","id":N,"method":"...","input":{...}}.` } });
      return;
    }
    const { id, method, input } = parsed.message;
    calls.push(() => answer(id, method, input));
  });
  send({ type: 'hello', contract_version: CONTRACT_VERSION });
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
