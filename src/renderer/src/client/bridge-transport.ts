/** The contract over Electron's preload bridge (`window.skillmeat`). */
import type { SkillmeatBridge } from '../../../shared/bridge-api.js';
import type { ContractTransport } from '../../../shared/contract-client.js';

/** A transport that calls the bridge's methods; a failed IPC round trip becomes an `internal` envelope, never a throw. */
export function createBridgeTransport(bridge: SkillmeatBridge): ContractTransport {
  return {
    async call(method, input) {
      try {
        return await bridge.methods[method](input);
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `The app did not answer ${method}: ${error instanceof Error ? error.message : String(error)}` } };
      }
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
