import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import WebSocket from 'ws';
import { CONTRACT_VERSION } from '../shared/contract.js';
import { MAX_SOCKET_MESSAGE_BYTES } from '../shared/socket-protocol.js';
import { inbox, pageSocket, tempWebServer, upgradeStatus } from '../../test/support/web-mode.js';

/** An open page socket and its inbox, after the server's hello. */
async function openSession(server: Parameters<typeof pageSocket>[0]) {
  const socket = pageSocket(server);
  const messages = inbox(socket);
  await messages.waitFor((m) => m.type === 'hello');
  const call = (id: number, method: string, input: unknown = {}) => {
    socket.send(JSON.stringify({ type: 'call', id, method, input }));
    return messages.waitFor((m) => m.type === 'result' && m.id === id);
  };
  return { socket, messages, call };
}

describe('web mode: the contract over the WebSocket', () => {
  it('says hello with the contract version when the token, Origin and Host are right', async () => {
    const { server } = await tempWebServer();
    const messages = inbox(pageSocket(server));
    expect(await messages.waitFor((m) => m.type === 'hello')).toEqual({ type: 'hello', contract_version: CONTRACT_VERSION });
  });

  it('answers calls with the service envelope: initCollection, then listCollections sees it', async () => {
    const { server } = await tempWebServer();
    const { call } = await openSession(server);
    expect(await call(1, 'initCollection', { name: 'work' })).toMatchObject({ type: 'result', id: 1, envelope: { ok: true, value: { collection: 'work', created: true } } });
    expect(await call(2, 'listCollections')).toMatchObject({ id: 2, envelope: { ok: true, value: [{ name: 'work', active: true }] } });
  });

  it('forwards the operation.progress events of a write call', async () => {
    const { server } = await tempWebServer();
    const { call, messages } = await openSession(server);
    await call(1, 'initCollection', { name: 'work' });
    const finished = await messages.waitFor((m) => m.type === 'event' && (m.event as { payload: { phase: string } }).payload.phase === 'finished');
    expect(finished).toMatchObject({ event: { event: 'operation.progress', payload: { method: 'initCollection', phase: 'finished' } } });
  });

  it("forwards events caused by another connection's call", async () => {
    const { server } = await tempWebServer();
    const watcher = await openSession(server);
    const writer = await openSession(server);
    await writer.call(1, 'initCollection', { name: 'work' });
    expect(await watcher.messages.waitFor((m) => m.type === 'event')).toMatchObject({ event: { event: 'operation.progress', payload: { method: 'initCollection' } } });
  });

  it('answers a call whose input breaks the contract with an invalid_input envelope', async () => {
    const { server } = await tempWebServer();
    const { call } = await openSession(server);
    expect(await call(1, 'initCollection', { name: 7 })).toMatchObject({ envelope: { ok: false, error: { code: 'invalid_input' } } });
  });

  it('answers an unknown method with an invalid_input envelope', async () => {
    const { server } = await tempWebServer();
    const { call } = await openSession(server);
    expect(await call(1, 'formatDisk')).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'invalid_input', message: expect.stringContaining('formatDisk') } } });
  });

  it('answers malformed JSON with an error message and keeps serving the connection', async () => {
    const { server } = await tempWebServer();
    const { socket, messages, call } = await openSession(server);
    socket.send('{"type":"call",');
    expect(await messages.waitFor((m) => m.type === 'error')).toMatchObject({ id: null, error: { code: 'invalid_input', message: expect.stringContaining('not JSON') } });
    expect(await call(1, 'listCollections')).toMatchObject({ envelope: { ok: true, value: [] } });
  });

  it('answers a message of the wrong shape with an error carrying its id', async () => {
    const { server } = await tempWebServer();
    const { socket, messages } = await openSession(server);
    socket.send(JSON.stringify({ type: 'call', id: 9, method: 'listCollections', input: {}, extra: true }));
    expect(await messages.waitFor((m) => m.type === 'error')).toMatchObject({ id: 9, error: { code: 'invalid_input' } });
  });

  it('answers a binary message with an error message', async () => {
    const { server } = await tempWebServer();
    const { socket, messages } = await openSession(server);
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await messages.waitFor((m) => m.type === 'error')).toMatchObject({ id: null, error: { code: 'invalid_input' } });
  });

  it('answers concurrent calls each under its own id', async () => {
    const { server } = await tempWebServer();
    const { call } = await openSession(server);
    const answers = await Promise.all([call(1, 'initCollection', { name: 'a' }), call(2, 'appInfo'), call(3, 'initCollection', { name: 'b' }), call(4, 'formatDisk')]);
    expect(answers.map((a) => [a.id, (a.envelope as { ok: boolean }).ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
  });

  it('closes a connection that sends an oversize message (1009) and still accepts new ones', async () => {
    const { server } = await tempWebServer();
    const { socket } = await openSession(server);
    const closed = once(socket, 'close');
    socket.send('x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009);
    const { call } = await openSession(server);
    expect(await call(1, 'listCollections')).toMatchObject({ envelope: { ok: true } });
  });

  it('stops forwarding events to a connection once it closes', async () => {
    let subscriptions = 0;
    const { server } = await tempWebServer((service) => ({
      call: (method, input) => service.call(method, input),
      subscribe: (listener) => {
        subscriptions += 1;
        const unsubscribe = service.subscribe(listener);
        return () => {
          subscriptions -= 1;
          unsubscribe();
        };
      },
    }));
    const { socket } = await openSession(server);
    expect(subscriptions).toBe(1);
    socket.close();
    await once(socket, 'close');
    await expect.poll(() => subscriptions).toBe(0);
  });

  it('refuses a wrong token with 401', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { token: 'not-the-token' }))).toBe(401);
  });

  it('refuses a missing token with 401', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { token: null }))).toBe(401);
  });

  it('refuses a foreign Origin with 403', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { origin: 'http://evil.example' }))).toBe(403);
  });

  it('refuses the right host with another port as Origin', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { origin: `http://127.0.0.1:${server.port + 1}` }))).toBe(403);
  });

  it('refuses an upgrade without an Origin', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { origin: null }))).toBe(403);
  });

  it('accepts a page served as localhost:PORT', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` }))).toBe(101);
  });

  it('refuses an upgrade naming another host with 421', async () => {
    const { server } = await tempWebServer();
    expect(await upgradeStatus(pageSocket(server, { host: `evil.example:${server.port}` }))).toBe(421);
  });

  it('refuses an upgrade on another path with 404', async () => {
    const { server } = await tempWebServer();
    const token = new URL(server.url).searchParams.get('token') ?? '';
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/other?token=${token}`, { origin: `http://127.0.0.1:${server.port}` });
    expect(await upgradeStatus(socket)).toBe(404);
  });

  it('keeps serving after refusals', async () => {
    const { server } = await tempWebServer();
    await upgradeStatus(pageSocket(server, { token: 'wrong' }));
    await upgradeStatus(pageSocket(server, { origin: 'http://evil.example' }));
    expect(await upgradeStatus(pageSocket(server))).toBe(101);
  });

  it('uses a new token on every run', async () => {
    const first = await tempWebServer();
    const second = await tempWebServer();
    const token = (url: string) => new URL(url).searchParams.get('token');
    expect(token(first.server.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token(first.server.url)).not.toBe(token(second.server.url));
  });

  it('close() ends open connections and stops listening', async () => {
    const { server } = await tempWebServer();
    const { socket } = await openSession(server);
    const closed = once(socket, 'close');
    await server.close();
    expect(((await closed) as [number])[0]).toBe(1001);
    await expect(fetch(`http://127.0.0.1:${server.port}/`)).rejects.toThrow();
  });
});
