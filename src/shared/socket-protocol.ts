/**
 * Web mode's wire protocol: the app contract carried over one loopback WebSocket as JSON text
 * messages. The server (src/server) and the browser transport (src/renderer) both parse with these
 * schemas. See docs/web-mode.md.
 *
 *   client → server  { type: 'call', id, method, input }
 *   server → client  { type: 'hello', contract_version }          once, on connect
 *                    { type: 'result', id, envelope }             one per call, in any order
 *                    { type: 'event', event }                     every back-end event
 *                    { type: 'error', id, error }                 a message the server could not take
 */
import { z } from 'zod';
import { EVENTS, callEnvelopeSchema, errorEnvelopeSchema, type CallEnvelope, type ContractErrorEnvelope, type ContractEvent } from './contract.js';

// The page reads the frames without zod (socket-frames.ts), and checks event payloads with parseContractEvent.
export { SOCKET_PATH, TOKEN_PARAM } from './socket-frames.js';
/**
 * The largest message the server accepts; a larger one closes the connection (close code 1009).
 * Room for the largest input the contract takes: a merged text of 8 MiB, JSON-escaped.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 24 * 1024 * 1024;

const callId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A call from the page: `id` is the caller's, echoed in the result. The service parses `method` and `input`. */
export const callMessageSchema = z.strictObject({
  type: z.literal('call'),
  id: callId,
  method: z.string().min(1).max(200),
  input: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

const contractEventSchema = z.discriminatedUnion(
  'event',
  Object.entries(EVENTS).map(([event, payload]) => z.object({ event: z.literal(event), payload })) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/** Everything the server sends. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), contract_version: z.number().int() }),
  z.object({ type: z.literal('result'), id: callId, envelope: callEnvelopeSchema }),
  z.object({ type: z.literal('event'), event: contractEventSchema }),
  z.object({ type: z.literal('error'), id: callId.nullable(), error: errorEnvelopeSchema }),
]);

/** A server message, typed with the contract's own types rather than the schemas' looser ones. */
export type ServerMessage =
  | { readonly type: 'hello'; readonly contract_version: number }
  | { readonly type: 'result'; readonly id: number; readonly envelope: CallEnvelope }
  | { readonly type: 'event'; readonly event: ContractEvent }
  | { readonly type: 'error'; readonly id: number | null; readonly error: ContractErrorEnvelope };

/** Parses one server message from its JSON text, or returns null when it is not one. */
export function parseServerMessage(text: string): ServerMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = serverMessageSchema.safeParse(json);
  return parsed.success ? (parsed.data as ServerMessage) : null;
}

/** Checks an event (name and payload) against the contract's schema of its payload, or returns null when it does not match. */
export function parseContractEvent(value: unknown): ContractEvent | null {
  const parsed = contractEventSchema.safeParse(value);
  return parsed.success ? (parsed.data as ContractEvent) : null;
}

/**
 * Parses one client message from its JSON text. A failure keeps the call's id when the text had a
 * usable one, so the server can answer that call instead of leaving it pending.
 */
export function parseCallMessage(text: string): { ok: true; message: CallMessage } | { ok: false; id: number | null; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: null, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = callMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const id = callId.safeParse((json as { id?: unknown } | null)?.id);
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'message'}: ${issue.message}`)
    .join('; ');
  return { ok: false, id: id.success ? id.data : null, problem };
}
