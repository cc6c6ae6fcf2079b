// The page's only door into the app: one frozen `window.skillmeat` built from the contract's
// method names. Raw ipcRenderer never crosses, so the page can call only the contract, and main
// still checks the sender and parses every input. Bundled to CommonJS with no zod (contract-names.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type DroppedFile, type SkillmeatBridge } from '../shared/bridge-api.js';
import type { CallEnvelope, ContractEvent } from '../shared/contract.js';
import { CONTRACT_VERSION, METHOD_NAMES } from '../shared/contract-names.js';

type BridgeMethods = SkillmeatBridge['methods'];

const methods = Object.freeze(
  Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      Object.freeze((input?: unknown): Promise<CallEnvelope> => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input ?? {})),
    ]),
  ),
) as BridgeMethods;

const bridge: SkillmeatBridge = Object.freeze({
  contractVersion: CONTRACT_VERSION,
  methods,
  onEvent(listener: (event: ContractEvent) => void): () => void {
    // The page gets the payload only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
    const relay = (_event: IpcRendererEvent, delivered: ContractEvent): void => listener(delivered);
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
  getPathForFile(file: DroppedFile): string {
    // The page hands over a DOM File; only Electron can map it back to a path.
    return webUtils.getPathForFile(file as File);
  },
});

contextBridge.exposeInMainWorld('skillmeat', bridge);
