import { describe, expect, it } from 'vitest';
import type { SkillmeatBridge } from '../../../shared/bridge-api.js';
import { METHOD_NAMES, type ContractEvent } from '../../../shared/contract.js';
import { createClient, ContractError } from '../../../shared/contract-client.js';
import { createBridgeTransport } from './bridge-transport.js';

/** A bridge shaped like the preload's, answering every method with `answer`. */
function bridgeAnswering(answer: (method: string, input: unknown) => Promise<unknown>): { bridge: SkillmeatBridge; emit: (event: ContractEvent) => void } {
  const listeners = new Set<(event: ContractEvent) => void>();
  const methods = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input?: unknown) => answer(m, input)]));
  const bridge = {
    contractVersion: 1,
    methods,
    onEvent: (listener: (event: ContractEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getPathForFile: () => '',
  } as unknown as SkillmeatBridge;
  return { bridge, emit: (event) => listeners.forEach((l) => l(event)) };
}

describe('the bridge transport', () => {
  it("resolves a call to the bridge's value", async () => {
    const { bridge } = bridgeAnswering(async (method, input) => ({ ok: true, value: { method, input } }));
    expect(await createClient(createBridgeTransport(bridge)).checkDrift({ projects: ['/p'] })).toEqual({ method: 'checkDrift', input: { projects: ['/p'] } });
  });

  it('turns a rejected IPC call into an internal ContractError', async () => {
    const { bridge } = bridgeAnswering(async () => {
      throw new Error('channel closed');
    });
    const error = await createClient(createBridgeTransport(bridge)).listProjects({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'internal', message: 'The app did not answer listProjects: channel closed' });
  });

  it('delivers bridge events until unsubscribed', () => {
    const { bridge, emit } = bridgeAnswering(async () => ({ ok: true, value: null }));
    const seen: string[] = [];
    const stop = createClient(createBridgeTransport(bridge)).on('notice', (p) => seen.push(p.message));
    emit({ event: 'notice', payload: { message: 'one' } });
    stop();
    emit({ event: 'notice', payload: { message: 'two' } });
    expect(seen).toEqual(['one']);
  });
});
