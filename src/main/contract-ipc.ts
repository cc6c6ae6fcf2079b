// The one file in main that touches ipcMain (eslint bans it elsewhere): every call from a page
// passes the sender check here before it reaches the back end.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge-api.js';
import type { CallEnvelope, ContractEvent } from '../shared/contract.js';
import { isTrustedSender, type SenderFrame, type TrustedOrigins } from './trusted-sender.js';

/** The back end as the binding sees it; `ContractService` is one. */
export interface ContractBackend {
  /** Parses `input` for `method` and runs it; always resolves to an envelope. */
  call(method: string, input: unknown): Promise<CallEnvelope>;
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

export interface ContractIpcOptions extends TrustedOrigins {
  /** The web contents of the app's own windows: the only senders answered, the only receivers of events. */
  readonly appContents: () => readonly WebContents[];
  /** Receives failures that are bugs (a back end that threw, an event that could not be sent). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Binds the contract to IPC: answers `IPC_CALL_CHANNEL` with the back end's envelope (after the
 * sender check; never a rejection), and sends every back-end event to the app's windows on
 * `IPC_EVENT_CHANNEL`. Returns the function that unbinds both.
 */
export function bindContractToIpc(backend: ContractBackend, options: ContractIpcOptions): () => void {
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) =>
    answerCall(backend, options, onError, event, method, input),
  );
  const unsubscribe = backend.subscribe((event) => {
    for (const contents of options.appContents()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT_CHANNEL, event);
      } catch (error) {
        onError(error);
      }
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}

async function answerCall(
  backend: ContractBackend,
  options: ContractIpcOptions,
  onError: (error: unknown) => void,
  event: IpcMainInvokeEvent,
  method: unknown,
  input: unknown,
): Promise<CallEnvelope> {
  const methodName = typeof method === 'string' ? method : String(method);
  const frame = senderFrameOf(event, options);
  if (!isTrustedSender(frame, options)) {
    console.warn(`Refused an IPC call to ${JSON.stringify(methodName.slice(0, 100))} from ${frame.url ?? 'a frame that is gone'}`);
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Refused a call that did not come from the SkillMeat window: only the app’s own page may call the app.',
        details: { reason: 'untrusted_sender' },
      },
    };
  }
  try {
    return await backend.call(methodName, input);
  } catch (error) {
    // ContractService never throws; this guards the IPC boundary against a bug all the same.
    onError(error);
    return { ok: false, error: { code: 'internal', message: `${methodName} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

function senderFrameOf(event: IpcMainInvokeEvent, options: ContractIpcOptions): SenderFrame {
  const isAppWindow = options.appContents().includes(event.sender);
  try {
    const frame = event.senderFrame;
    if (frame === null) return { url: undefined, isMainFrame: false, isAppWindow };
    return { url: frame.url, isMainFrame: frame.parent === null, isAppWindow };
  } catch {
    // Reading a frame that was disposed meanwhile throws; such a sender is simply gone.
    return { url: undefined, isMainFrame: false, isAppWindow };
  }
}
