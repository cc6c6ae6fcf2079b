import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createClient } from '../src/shared/contract-client.js';
import { createSocketTransport, socketUrlForPage, type SocketConstructor, type SocketStatus } from '../src/renderer/src/client/socket-transport.js';
import type { LinkState } from '../src/renderer/src/client/reconnect-policy.js';
import { ContractService } from '../src/core/service/contract-service.js';
import { startWebServer } from '../src/server/web-server.js';
import { afterThisTest, tempDir, writeTree } from './support/temp-files.js';
import { RENDERER_FILES, tempWebServer } from './support/web-mode.js';

/** The `ws` client class, sending the Origin a browser would send for a page of `pageUrl`. */
function browserLikeWebSocket(pageUrl: string): SocketConstructor {
  const origin = new URL(pageUrl).origin;
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
      afterThisTest(() => this.terminate());
    }
  } as unknown as SocketConstructor;
}

/** A transport to `pageUrl` that records its status changes. */
function transportFor(pageUrl: string) {
  const statuses: SocketStatus[] = [];
  const states: LinkState[] = [];
  const transport = createSocketTransport(pageUrl, {
    WebSocketImpl: browserLikeWebSocket(pageUrl),
    onStatus: (state) => {
      statuses.push(state.phase);
      states.push(state);
    },
  });
  afterThisTest(() => transport.close());
  return { transport, statuses, states };
}

describe('the browser transport of web mode', () => {
  it('derives the socket URL from the page URL and its token', () => {
    expect(socketUrlForPage('http://127.0.0.1:5000/?token=abc')).toBe('ws://127.0.0.1:5000/rpc?token=abc');
    expect(socketUrlForPage('https://localhost:5000/index.html?token=a-b_c#x')).toBe('wss://localhost:5000/rpc?token=a-b_c');
    expect(socketUrlForPage('http://127.0.0.1:5000/')).toBeNull();
  });

  it('carries calls made before the connection opens, through the typed client', async () => {
    const { server } = await tempWebServer();
    const client = createClient(transportFor(server.url).transport);
    const created = client.initCollection({ name: 'work' });
    const info = client.appInfo({});
    expect(await created).toMatchObject({ collection: 'work', created: true });
    expect(await info).toMatchObject({ home: expect.any(String) });
    expect(await client.listCollections({})).toEqual([expect.objectContaining({ name: 'work', active: true })]);
  });

  it('reports open once the server says hello', async () => {
    const { server } = await tempWebServer();
    const { transport, statuses } = transportFor(server.url);
    await createClient(transport).appInfo({});
    expect(transport.status()).toBe('open');
    expect(statuses).toEqual(['open']);
  });

  it('rejects a call the service refuses with a ContractError of its code', async () => {
    const { server } = await tempWebServer();
    const client = createClient(transportFor(server.url).transport);
    await expect(client.initCollection({ name: '../up' })).rejects.toMatchObject({ name: 'ContractError', code: 'invalid_name' });
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { server } = await tempWebServer();
    const client = createClient(transportFor(server.url).transport);
    const phases: string[] = [];
    const stop = client.on('operation.progress', (payload) => phases.push(payload.phase));
    await client.initCollection({ name: 'work' });
    await expect.poll(() => phases).toEqual(['started', 'finished']);
    stop();
    await client.initCollection({ name: 'other' });
    await client.appInfo({});
    expect(phases).toEqual(['started', 'finished']);
  });

  it('answers pending and later calls with io_error when the server goes away, then says it is not answering while it retries', async () => {
    const { server } = await tempWebServer();
    const { transport, states } = transportFor(server.url);
    await transport.call('appInfo', {});
    const pending = transport.call('appInfo', {});
    await server.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringContaining('Lost the connection') } });
    expect(await transport.call('appInfo', {})).toMatchObject({ ok: false, error: { code: 'io_error' } });
    await expect.poll(() => states.at(-1), { timeout: 10_000 }).toMatchObject({ phase: 'reconnecting', server: 'down', wasOpen: true });
  });

  it('reconnects by itself to a server started again at the same address with the same token, and calls work again', async () => {
    const home = await tempDir('skillmeat-home-');
    const rendererDir = await tempDir('skillmeat-renderer-');
    await writeTree(rendererDir, RENDERER_FILES);
    const service = new ContractService({ home });
    afterThisTest(() => service.close());
    const token = 'a-token-kept-across-restarts_0123456789';
    const first = await startWebServer({ service, rendererDir, token });
    const { transport, statuses } = transportFor(first.url);
    const client = createClient(transport);
    await client.initCollection({ name: 'work' });

    await first.close();
    await expect.poll(() => transport.status(), { timeout: 10_000 }).toBe('reconnecting');
    const again = await startWebServer({ service, rendererDir, token, port: first.port });
    afterThisTest(() => again.close());

    await expect.poll(() => transport.status(), { timeout: 20_000 }).toBe('open');
    expect(await client.listCollections({})).toEqual([expect.objectContaining({ name: 'work' })]);
    expect(statuses.filter((s) => s === 'open')).toHaveLength(2);
  });

  it('answers with io_error when the server refuses the token, and says the server runs but refuses this page', async () => {
    const { server } = await tempWebServer();
    const { transport, states } = transportFor(server.url.replace(/token=[^&]+/, 'token=wrong'));
    expect(await transport.call('appInfo', {})).toMatchObject({ ok: false, error: { code: 'io_error' } });
    await expect.poll(() => states.at(-1), { timeout: 10_000 }).toMatchObject({ phase: 'reconnecting', server: 'refusing', wasOpen: false });
  });

  it('refuses a token weaker than a generated one', async () => {
    const { service, rendererDir } = await tempWebServer();
    await expect(startWebServer({ service, rendererDir, token: 'short' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('answers at once, naming the missing token, when the page URL has none', async () => {
    const { transport } = transportFor('http://127.0.0.1:9/');
    expect(transport.status()).toBe('closed');
    expect(await transport.call('appInfo', {})).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringContaining('without its access token') } });
  });

  it('hangs up on a server that speaks another contract version', async () => {
    const other = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    afterThisTest(() => new Promise((resolve) => other.close(resolve)));
    other.on('connection', (socket) => socket.send(JSON.stringify({ type: 'hello', contract_version: 999 })));
    await new Promise((resolve) => other.once('listening', resolve));
    const { port } = other.address() as { port: number };
    const { transport } = transportFor(`http://127.0.0.1:${port}/?token=t`);
    expect(await transport.call('appInfo', {})).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringContaining('contract version 999') } });
  });
});
