import { describe, it, expect, vi, beforeAll } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type SkillmeatBridge } from '../shared/bridge-api.js';
import type { ContractEvent } from '../shared/contract.js';
import { CONTRACT_VERSION, METHOD_NAMES } from '../shared/contract-names.js';

type Listener = (event: unknown, payload: ContractEvent) => void;

// Electron cannot load here (no binary): the preload runs against recording fakes.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<Listener>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      electron.invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, listener: Listener) => {
      const set = electron.listeners.get(channel) ?? new Set<Listener>();
      electron.listeners.set(channel, set.add(listener));
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

let bridge: SkillmeatBridge;

beforeAll(async () => {
  await import('./index.js');
  bridge = electron.exposed.get('skillmeat') as SkillmeatBridge;
});

function deliver(event: ContractEvent): void {
  for (const listener of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: 'the raw ipcRenderer' }, event);
}

const notice: ContractEvent = { event: 'notice', payload: { message: 'hello' } };

describe('the preload bridge', () => {
  it('exposes exactly one object, as window.skillmeat', () => {
    expect([...electron.exposed.keys()]).toEqual(['skillmeat']);
  });

  it('is frozen, and so are its methods', () => {
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.methods)).toBe(true);
    expect(Object.isFrozen(bridge.methods.deploy)).toBe(true);
  });

  it('speaks the contract version', () => {
    expect(bridge.contractVersion).toBe(CONTRACT_VERSION);
  });

  it('has one function per contract method and nothing else', () => {
    expect(Object.keys(bridge.methods).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('sends a call over the call channel as (method, input)', async () => {
    electron.invoked.length = 0;
    await bridge.methods.sync({ project: '/p', dry_run: true });
    expect(electron.invoked).toEqual([[IPC_CALL_CHANNEL, 'sync', { project: '/p', dry_run: true }]]);
  });

  it('sends an empty input when a method is called without one', async () => {
    electron.invoked.length = 0;
    await bridge.methods.listProjects();
    expect(electron.invoked).toEqual([[IPC_CALL_CHANNEL, 'listProjects', {}]]);
  });

  it('delivers the event alone, never the IPC event object', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args: unknown[]) => received.push(args));
    deliver(notice);
    unsubscribe();
    expect(received).toEqual([[notice]]);
  });

  it('stops delivering after unsubscribe', () => {
    const received: ContractEvent[] = [];
    const unsubscribe = bridge.onEvent((event) => received.push(event));
    unsubscribe();
    deliver(notice);
    expect(received).toEqual([]);
  });

  it('asks Electron for the path of a dropped file', () => {
    expect(bridge.getPathForFile({ name: 'my-project', size: 0 })).toBe('/dropped/my-project');
  });
});
