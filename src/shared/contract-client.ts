/**
 * The typed client of the contract: one function per method, over any transport (the Electron
 * preload bridge, the web-mode WebSocket, or the in-memory service in tests). Calls resolve to the
 * method's output or reject with a `ContractError` carrying the envelope's code.
 */
import { METHOD_NAMES, type EventName, type MethodName } from './contract-names.js';
import type { CallEnvelope, ContractErrorEnvelope, ContractEvent, EventPayload, MethodInput, MethodOutput } from './contract.js';

/** Anything that can carry a call and deliver events. */
export interface ContractTransport {
  call(method: MethodName, input: unknown): Promise<CallEnvelope>;
  /** Delivers every event until the returned function is called. */
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

/** A failed call, as the caller sees it. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorEnvelope['code'];
  readonly details: Readonly<Record<string, unknown>>;
  constructor(envelope: ContractErrorEnvelope) {
    super(envelope.message);
    this.code = envelope.code;
    this.details = envelope.details ?? {};
  }
}

/** Methods whose input has no required field may be called without an argument. */
type MethodArgs<M extends MethodName> = Record<never, never> extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export type SkillmeatClient = { readonly [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodOutput<M>> } & {
  /** Calls `listener` with each payload of `event` until the returned function is called. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Builds the typed client over a transport. */
export function createClient(transport: ContractTransport): SkillmeatClient {
  const methods = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (input: unknown = {}) => {
        const envelope = await transport.call(method, input);
        if (!envelope.ok) throw new ContractError(envelope.error);
        return envelope.value;
      },
    ]),
  );
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) =>
    transport.subscribe((delivered) => {
      if (delivered.event === event) listener(delivered.payload as EventPayload<E>);
    });
  return Object.freeze({ ...methods, on }) as SkillmeatClient;
}
