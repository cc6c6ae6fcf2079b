/**
 * Web mode's wire protocol, the part the page needs before anything else: where the socket is, and
 * the frame of each server message read without zod. The page opens its socket from the first,
 * small bundle; building the contract's zod schemas there would delay it (issue 14: first useful
 * paint). Event payloads are checked against their schemas apart, once those are loaded
 * (`parseContractEvent`, socket-protocol.ts). The schemas of the whole protocol: socket-protocol.ts.
 */
import { EVENT_NAMES, type EventName } from './contract-names.js';
import type { CallEnvelope, ContractErrorEnvelope } from './contract.js';
import { ERROR_CODES } from './error-codes.js';

/** Where the WebSocket listens; the one-time token rides along as `?token=`. */
export const SOCKET_PATH = '/rpc';
/** The query parameter of the page URL and the socket URL that carries the token. */
export const TOKEN_PARAM = 'token';

/** A server message with its frame checked; an event's payload is not checked yet. */
export type ServerFrame =
  | { readonly type: 'hello'; readonly contract_version: number }
  | { readonly type: 'result'; readonly id: number; readonly envelope: CallEnvelope }
  | { readonly type: 'event'; readonly event: { readonly event: EventName; readonly payload: unknown } }
  | { readonly type: 'error'; readonly id: number | null; readonly error: ContractErrorEnvelope };

type Json = Record<string, unknown>;
const ERROR_CODE_SET: ReadonlySet<unknown> = new Set([...ERROR_CODES, 'internal']);
const EVENT_NAME_SET: ReadonlySet<unknown> = new Set(EVENT_NAMES);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCallId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isErrorEnvelope = (value: unknown): value is ContractErrorEnvelope =>
  isObject(value) && ERROR_CODE_SET.has(value.code) && typeof value.message === 'string' && (value.details === undefined || isObject(value.details));
const isCallEnvelope = (value: unknown): value is CallEnvelope => isObject(value) && ((value.ok === true && 'value' in value) || (value.ok === false && isErrorEnvelope(value.error)));

/** Reads one server message's frame from its JSON text (as `serverMessageSchema` does, event payloads aside), or returns null when it is not one. */
export function parseServerFrame(text: string): ServerFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(json)) return null;
  switch (json.type) {
    case 'hello':
      return Number.isSafeInteger(json.contract_version) ? { type: 'hello', contract_version: json.contract_version as number } : null;
    case 'result':
      return isCallId(json.id) && isCallEnvelope(json.envelope) ? { type: 'result', id: json.id, envelope: json.envelope } : null;
    case 'event':
      return isObject(json.event) && EVENT_NAME_SET.has(json.event.event) && 'payload' in json.event
        ? { type: 'event', event: { event: json.event.event as EventName, payload: json.event.payload } }
        : null;
    case 'error':
      return (json.id === null || isCallId(json.id)) && isErrorEnvelope(json.error) ? { type: 'error', id: json.id, error: json.error } : null;
    default:
      return null;
  }
}
