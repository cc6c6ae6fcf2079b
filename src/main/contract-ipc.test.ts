import { describe, it, expect, vi, beforeEach } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge-api.js';
import type { CallEnvelope, ContractEvent } from '../shared/contract.js';
import { APP_ENTRY_URL } from './protocol-path.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<CallEnvelope>;

// Electron cannot load here (no binary): ipcMain is a map of handlers the tests invoke directly.
const ipc = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => ipc.handlers.set(channel, handler),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const { bindContractToIpc } = await import('./contract-ipc.js');

interface FakeContents {
  readonly sent: unknown[][];
  readonly destroyed: boolean;
}

function fakeContents(destroyed = false): WebContents & FakeContents {
  const sent: unknown[][] = [];
  return { sent, destroyed, isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) } as unknown as WebContents & FakeContents;
}

function invokeEvent(sender: WebContents, frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

class FakeBackend {
  readonly calls: [string, unknown][] = [];
  private readonly listeners = new Set<(event: ContractEvent) => void>();
  answer: () => Promise<CallEnvelope> = () => Promise.resolve({ ok: true, value: 'answered' });
  call(method: string, input: unknown): Promise<CallEnvelope> {
    this.calls.push([method, input]);
    return this.answer();
  }
  subscribe(listener: (event: ContractEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ContractEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
}

const notice: ContractEvent = { event: 'notice', payload: { message: 'The cache was rebuilt.' } };

function call(event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<CallEnvelope> {
  const handler = ipc.handlers.get(IPC_CALL_CHANNEL);
  if (handler === undefined) throw new Error('nothing is bound to the call channel');
  return handler(event, method, input);
}

describe('bindContractToIpc', () => {
  let backend: FakeBackend;
  let window: WebContents & FakeContents;
  let errors: unknown[];

  beforeEach(() => {
    ipc.handlers.clear();
    backend = new FakeBackend();
    window = fakeContents();
    errors = [];
  });

  function bind(): () => void {
    return bindContractToIpc(backend, { appContents: () => [window], onError: (error) => errors.push(error) });
  }

  it('passes a call from the app window to the back end and answers with its envelope', async () => {
    bind();
    const answer = await call(invokeEvent(window, { url: APP_ENTRY_URL, parent: null }), 'deploy', { project: '/p', names: ['a'] });
    expect(answer).toEqual({ ok: true, value: 'answered' });
    expect(backend.calls).toEqual([['deploy', { project: '/p', names: ['a'] }]]);
  });

  it('refuses a call from another web contents without reaching the back end', async () => {
    bind();
    const answer = await call(invokeEvent(fakeContents(), { url: APP_ENTRY_URL, parent: null }), 'listProjects', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'untrusted_sender' } } });
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call from an iframe of the app window', async () => {
    bind();
    const answer = await call(invokeEvent(window, { url: APP_ENTRY_URL, parent: {} }), 'listProjects', {});
    expect(answer.ok).toBe(false);
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call whose frame is gone', async () => {
    bind();
    const answer = await call(invokeEvent(window, null), 'listProjects', {});
    expect(answer.ok).toBe(false);
  });

  it('refuses a call whose frame throws when read, as a disposed frame does', async () => {
    bind();
    const event = {
      sender: window,
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect((await call(event, 'listProjects', {})).ok).toBe(false);
  });

  it('turns a back end that throws into an internal error envelope', async () => {
    bind();
    backend.answer = () => Promise.reject(new Error('boom'));
    const answer = await call(invokeEvent(window, { url: APP_ENTRY_URL, parent: null }), 'verify', {});
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'verify failed unexpectedly: boom' } });
    expect(errors).toHaveLength(1);
  });

  it('hands a method name that is not a string to the back end as text, for it to refuse', async () => {
    bind();
    await call(invokeEvent(window, { url: APP_ENTRY_URL, parent: null }), 42, {});
    expect(backend.calls).toEqual([['42', {}]]);
  });

  it('sends every back-end event to each live app window', () => {
    const closed = fakeContents(true);
    bindContractToIpc(backend, { appContents: () => [window, closed] });
    backend.emit(notice);
    expect(window.sent).toEqual([[IPC_EVENT_CHANNEL, notice]]);
    expect(closed.sent).toEqual([]);
  });

  it('unbinds the call channel and the event subscription', () => {
    const unbind = bind();
    unbind();
    expect(ipc.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    expect(backend.listenerCount()).toBe(0);
  });
});
