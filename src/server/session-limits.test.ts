import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type WebSocket from 'ws';
import { ContractService } from '../core/service/contract-service.js';
import type { ContractEvent } from '../shared/contract.js';
import { RENDERER_FILES, inbox, pageSocket } from '../../test/support/web-mode.js';
import { afterThisTest, tempDir, writeTree } from '../../test/support/temp-files.js';
import { sessionLimits, type SessionLimits } from './session-limits.js';
import type { ContractBackend } from './socket-session.js';
import { startWebServer, type WebServer } from './web-server.js';

/**
 * The real service behind a meter at the transport boundary: counts the calls that reach it and
 * the connections subscribed to its events, and can hold calls at the door until released.
 */
function meteredService(service: ContractService) {
  const counts = { started: 0, inFlight: 0, maxInFlight: 0, finished: 0, subscribed: 0 };
  const watchers = new Set<() => void>();
  const changed = () => watchers.forEach((watch) => watch());
  const listeners = new Set<(event: ContractEvent) => void>();
  let gate: Promise<void> | null = null;
  let openGate = () => undefined as void;
  const backend: ContractBackend = {
    call: async (method, input) => {
      counts.started += 1;
      counts.inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      changed();
      try {
        if (gate !== null) await gate;
        return await service.call(method, input);
      } finally {
        counts.inFlight -= 1;
        counts.finished += 1;
        changed();
      }
    },
    subscribe: (listener) => {
      counts.subscribed += 1;
      listeners.add(listener);
      const unsubscribe = service.subscribe(listener);
      return () => {
        counts.subscribed -= 1;
        listeners.delete(listener);
        unsubscribe();
        changed();
      };
    },
  };
  return {
    backend,
    counts: counts as Readonly<typeof counts>,
    /** Calls from now on wait at the door until `release`. */
    hold: () => (gate = new Promise<void>((resolve) => (openGate = resolve))),
    release: () => {
      gate = null;
      openGate();
    },
    /** Pushes `event` to every connection, as the service pushes its own. */
    broadcast: (event: ContractEvent) => listeners.forEach((listener) => listener(event)),
    /** Resolves once `condition` holds (checked at every change of the counts). */
    until: (condition: () => boolean) =>
      new Promise<void>((resolve) => {
        const watch = () => {
          if (!condition()) return;
          watchers.delete(watch);
          resolve();
        };
        watchers.add(watch);
        watch();
      }),
  };
}

/** A web server with `limits` over a real service and a fresh temporary home, metered; all closed after the test. */
async function limitedServer(limits: Partial<SessionLimits>) {
  const home = await tempDir('skillmeat-home-');
  const rendererDir = await tempDir('skillmeat-renderer-');
  await writeTree(rendererDir, RENDERER_FILES);
  const service = new ContractService({ home, onBackgroundError: (error) => console.error(error) });
  afterThisTest(() => service.close());
  const meter = meteredService(service);
  afterThisTest(() => meter.release());
  const server = await startWebServer({ service: meter.backend, rendererDir, limits });
  afterThisTest(() => server.close());
  return { server, meter };
}

/** A page socket after the server's hello, with its inbox and a way to send calls. */
async function openSession(server: WebServer) {
  const socket = pageSocket(server);
  // A connection the server cuts off may report the reset; the test looks at 'close' instead.
  socket.on('error', () => undefined);
  const messages = inbox(socket);
  await messages.waitFor((m) => m.type === 'hello');
  const send = (id: number, method: string, input: unknown = {}) => socket.send(JSON.stringify({ type: 'call', id, method, input }));
  return { socket, messages, send };
}

/** Sends a message the server cannot parse and waits for its error: proof it has read every earlier message. */
async function readUpToHere(session: Awaited<ReturnType<typeof openSession>>): Promise<void> {
  const before = session.messages.messages.filter((m) => m.type === 'error').length;
  session.socket.send('{"type":"call",');
  await session.messages.waitFor((m) => m.type === 'error' && session.messages.messages.filter((n) => n.type === 'error').length > before);
}

/** An input outside the contract whose `invalid_input` answer is about 100 kB (it names each of the 1,000 unknown keys). */
const BULKY_INPUT = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`unknown_key_${String(i).padStart(36, '0')}`, 0]));

/** Resolves to the close code once `socket` has closed. */
async function closeCode(socket: WebSocket): Promise<number> {
  if (socket.readyState === socket.CLOSED) throw new Error('closeCode must be asked before the socket closes');
  const [code] = (await once(socket, 'close')) as [number];
  return code;
}

describe('web mode limits: one connection cannot make the server hold unbounded work', () => {
  it('runs at most maxCallsInFlight calls of one connection at once; the others wait', async () => {
    const { server, meter } = await limitedServer({ maxCallsInFlight: 4, maxCallsQueued: 100 });
    const session = await openSession(server);
    meter.hold();
    for (let id = 1; id <= 40; id += 1) session.send(id, 'listCollections');
    await readUpToHere(session);
    expect(meter.counts.inFlight).toBe(4);
    expect(meter.counts.started).toBe(4);

    meter.release();
    for (let id = 1; id <= 40; id += 1) await session.messages.waitFor((m) => m.type === 'result' && m.id === id);
    expect(meter.counts.maxInFlight).toBe(4);
  });

  it('stops reading a connection while its waiting line is full, so further calls wait on the client side', async () => {
    const { server, meter } = await limitedServer({ maxCallsInFlight: 2, maxCallsQueued: 8 });
    const session = await openSession(server);
    meter.hold();
    // Each turn lets the server read; once it stops, the kernel buffers fill and the client's own queue grows.
    const padding = 'x'.repeat(8 * 1024);
    let sent = 0;
    while (sent < 2000 && session.socket.bufferedAmount < 1024 * 1024) {
      session.send((sent += 1), 'listCollections', { padding });
      await nextTurn();
    }
    expect(session.socket.bufferedAmount).toBeGreaterThanOrEqual(1024 * 1024);
    expect(meter.counts.started).toBe(2);
  });

  it('closes a connection that stops reading once its unsent output passes maxUnsentBytes, without a close frame', async () => {
    const { server, meter } = await limitedServer({ maxUnsentBytes: 64 * 1024 });
    const session = await openSession(server);
    const closed = closeCode(session.socket);
    session.socket.pause();
    // Answers of about 100 kB each: the kernel's socket buffers (a few MB) fill first, then the server's.
    for (let id = 1; id <= 400 && meter.counts.subscribed > 0; id += 1) {
      session.send(id, 'listCollections', BULKY_INPUT);
      await nextTurn();
    }
    await meter.until(() => meter.counts.subscribed === 0);
    session.socket.resume();
    expect(await closed).toBe(1006);
  });

  it('keeps a reading client that is still taking one answer larger than maxUnsentBytes when the next message comes', async () => {
    const { server, meter } = await limitedServer({ maxUnsentBytes: 64 * 1024 });
    const session = await openSession(server);
    // Larger than the kernel's socket buffers, so most of it is still the server's to send when the next event follows.
    meter.broadcast({ event: 'notice', payload: { message: 'm'.repeat(16 * 1024 * 1024) } });
    meter.broadcast({ event: 'notice', payload: { message: 'after the long one' } });
    const last = await session.messages.waitFor((m) => m.type === 'event' && (m.event as ContractEvent).event === 'notice' && (m.event as { payload: { message: string } }).payload.message === 'after the long one');
    expect(last).toBeDefined();
    expect(meter.counts.subscribed).toBe(1);
  });

  it('closes a connection that stops reading events once they pass maxUnsentBytes', async () => {
    const { server, meter } = await limitedServer({ maxUnsentBytes: 64 * 1024 });
    const session = await openSession(server);
    const closed = closeCode(session.socket);
    session.socket.pause();
    const notice: ContractEvent = { event: 'notice', payload: { message: 'n'.repeat(100 * 1024) } };
    for (let sent = 0; sent < 400 && meter.counts.subscribed > 0; sent += 1) {
      meter.broadcast(notice);
      await nextTurn();
    }
    await meter.until(() => meter.counts.subscribed === 0);
    session.socket.resume();
    expect(await closed).toBe(1006);
  });

  it('drops the waiting calls of a connection that goes: only the calls already running reach the service', async () => {
    const { server, meter } = await limitedServer({ maxCallsInFlight: 2, maxCallsQueued: 100 });
    const session = await openSession(server);
    meter.hold();
    for (let id = 1; id <= 50; id += 1) session.send(id, 'listCollections');
    await readUpToHere(session);
    session.socket.terminate();
    await meter.until(() => meter.counts.subscribed === 0);

    meter.release();
    await meter.until(() => meter.counts.inFlight === 0);
    expect(meter.counts.started).toBe(2);
  });

  it('answers every call of a client that sends a flood and keeps reading, never running more than the bound', async () => {
    const { server, meter } = await limitedServer({ maxCallsInFlight: 2, maxCallsQueued: 4 });
    const session = await openSession(server);
    for (let id = 1; id <= 300; id += 1) session.send(id, id % 2 === 0 ? 'listCollections' : 'appInfo');
    for (let id = 1; id <= 300; id += 1) await session.messages.waitFor((m) => m.type === 'result' && m.id === id);
    const answered = session.messages.messages.filter((m) => m.type === 'result').map((m) => m.id);
    expect(answered.toSorted((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(meter.counts.maxInFlight).toBe(2);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => sessionLimits({ maxCallsInFlight: 0 })).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('maxCallsInFlight') }));
  });
});
