import type { RawData, WebSocket } from 'ws';
import { CONTRACT_VERSION, type CallEnvelope, type ContractEvent } from '../shared/contract.js';
import { parseCallMessage, type ServerMessage } from '../shared/socket-protocol.js';

/** What web mode serves: the contract service's `call` (untrusted method names welcome) and its events. */
export interface ContractBackend {
  call(method: string, input: unknown): Promise<CallEnvelope>;
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

/**
 * Serves the contract on one accepted WebSocket until it closes: says hello, forwards every event,
 * and answers each call with its envelope as soon as it is ready, so answers may come in any order.
 * A message it cannot take gets an `error` message; the connection stays open.
 */
export function serveSocketSession(socket: WebSocket, backend: ContractBackend, onError: (error: unknown) => void): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = backend.subscribe((event) => send({ type: 'event', event }));
  socket.on('close', unsubscribe);
  // A client breaking the protocol (an oversize or non-UTF-8 frame): ws closes that connection itself.
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
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
    backend.call(method, input).then(
      (envelope) => send({ type: 'result', id, envelope }),
      // The service never rejects; if it ever does, that is a bug, and the caller still gets an answer.
      (error: unknown) => {
        onError(error);
        send({ type: 'result', id, envelope: { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } } });
      },
    );
  });
  send({ type: 'hello', contract_version: CONTRACT_VERSION });
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
