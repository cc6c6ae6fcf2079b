/**
 * What the Electron preload exposes as `window.skillmeat`, and the IPC channels behind it. The
 * renderer's bridge transport and main's IPC binding both type against this one definition.
 */
import type { MethodName } from './contract-names.js';
import type { CallEnvelope, ContractEvent } from './contract.js';

/** Renderer → main: `(method, input)`, answered with a `CallEnvelope`. */
export const IPC_CALL_CHANNEL = 'skillmeat:call';
/** Main → renderer: one `ContractEvent` per message. */
export const IPC_EVENT_CHANNEL = 'skillmeat:event';

/** A dropped file as the renderer holds it (a DOM `File`); only main can learn its path. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/** The frozen API the preload puts on `window.skillmeat`. */
export interface SkillmeatBridge {
  readonly contractVersion: number;
  /** One function per contract method; resolves to the envelope (app errors never reject). */
  readonly methods: { readonly [M in MethodName]: (input?: unknown) => Promise<CallEnvelope> };
  /** Delivers every back-end event until the returned function is called. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** The file-system path of a dropped file or folder (Electron's `webUtils.getPathForFile`). */
  getPathForFile(file: DroppedFile): string;
}
