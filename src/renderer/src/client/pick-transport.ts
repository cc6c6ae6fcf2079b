/**
 * The page's way to the back end: Electron's preload bridge when the page runs in the app, else
 * web mode's WebSocket to the server that served the page (token from the page URL's `?token=`).
 */
import type { SkillmeatBridge } from '../../../shared/bridge-api.js';
import type { ContractTransport } from '../../../shared/contract-client.js';
import { createBridgeTransport } from './bridge-transport.js';
import { createSocketTransport, type SocketStatus } from './socket-transport.js';

export interface PickedTransport {
  readonly kind: 'bridge' | 'socket';
  readonly transport: ContractTransport;
  /** The path of a dropped file or folder, where the platform can tell it (Electron only). */
  readonly pathOfFile: ((file: File) => string) | null;
}

/** The preload bridge of this window, if it runs inside the desktop app. */
export function bridgeOf(win: Window): SkillmeatBridge | undefined {
  return (win as Window & { skillmeat?: SkillmeatBridge }).skillmeat;
}

/** The bridge transport when `window.skillmeat` exists, else the WebSocket one; `onStatus` follows the socket's connection. */
export function pickTransport(win: Window, onStatus: (status: SocketStatus) => void): PickedTransport {
  const bridge = bridgeOf(win);
  if (bridge !== undefined) {
    return { kind: 'bridge', transport: createBridgeTransport(bridge), pathOfFile: (file) => bridge.getPathForFile(file) };
  }
  return { kind: 'socket', transport: createSocketTransport(win.location.href, { onStatus }), pathOfFile: null };
}
