import { describe, expect, it } from 'vitest';
import { parseServerFrame } from './socket-frames.js';
import { parseContractEvent, parseServerMessage } from './socket-protocol.js';

const notice = { event: 'notice', payload: { message: 'The cache was rebuilt.' } };
const valid = [
  { type: 'hello', contract_version: 2 },
  { type: 'result', id: 1, envelope: { ok: true, value: [{ path: '/p' }] } },
  { type: 'result', id: 2, envelope: { ok: true, value: null } },
  { type: 'result', id: 3, envelope: { ok: false, error: { code: 'not_found', message: 'No such project.', details: { path: '/p' } } } },
  { type: 'error', id: null, error: { code: 'invalid_input', message: 'not JSON' } },
  { type: 'error', id: 4, error: { code: 'internal', message: 'boom' } },
  { type: 'event', event: notice },
];
const invalid = [
  null,
  [],
  { type: 'hello' },
  { type: 'hello', contract_version: 1.5 },
  { type: 'result', id: -1, envelope: { ok: true, value: 1 } },
  { type: 'result', id: 1 },
  { type: 'result', id: 1, envelope: { ok: true } },
  { type: 'result', id: 1, envelope: { ok: false, error: { code: 'no_such_code', message: 'x' } } },
  { type: 'result', id: 1, envelope: { ok: false, error: { code: 'io_error' } } },
  { type: 'result', id: 1, envelope: { ok: 'yes', value: 1 } },
  { type: 'error', id: 'a', error: { code: 'io_error', message: 'x' } },
  { type: 'event', event: { event: 'no.such.event', payload: {} } },
  { type: 'bye' },
];

describe('the page reads server frames without zod', () => {
  it('accepts what the protocol schema accepts and refuses what it refuses', () => {
    for (const message of valid) {
      expect(parseServerFrame(JSON.stringify(message)), JSON.stringify(message)).toEqual(parseServerMessage(JSON.stringify(message)));
    }
    for (const message of invalid) {
      expect(parseServerFrame(JSON.stringify(message)), JSON.stringify(message)).toBeNull();
      expect(parseServerMessage(JSON.stringify(message)), JSON.stringify(message)).toBeNull();
    }
    expect(parseServerFrame('not json')).toBeNull();
  });

  it('leaves an event payload to the contract schema, checked apart', () => {
    const wrong = { event: 'notice', payload: { text: 'no message field' } };
    expect(parseServerFrame(JSON.stringify({ type: 'event', event: wrong }))).toEqual({ type: 'event', event: wrong });
    expect(parseContractEvent(wrong)).toBeNull();
    expect(parseContractEvent(notice)).toEqual(notice);
  });
});
