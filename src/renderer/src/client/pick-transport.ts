/**
 * The page's way to the back end: Electron's preload bridge when the page runs in the app, else
 * web mode's WebSocket to the server that served the page. The token comes from the page URL's
 * `?token=` and is kept in the tab's sessionStorage, then taken out of the address bar: a reload
 * still connects, and the address shown, bookmarked or shared no longer carries it.
 */
import type { SkillmeatBridge } from '../../../shared/bridge-api.js';
import type { ContractTransport } from '../../../shared/contract-client.js';
import { createBridgeTransport } from './bridge-transport.js';
import { tokenForPage, withoutToken, type LinkState } from './reconnect-policy.js';
import { createSocketTransport } from './socket-transport.js';

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
export function pickTransport(win: Window, onStatus: (state: LinkState) => void): PickedTransport {
  const bridge = bridgeOf(win);
  if (bridge !== undefined) {
    return { kind: 'bridge', transport: createBridgeTransport(bridge), pathOfFile: (file) => bridge.getPathForFile(file) };
  }
  return { kind: 'socket', transport: createSocketTransport(pageUrlKeepingToken(win), { onStatus }), pathOfFile: null };
}

/** Where the tab keeps web mode's token for its lifetime. */
const TOKEN_KEY = 'skillmeat.web-token';

/** The page URL with the tab's token; keeps the token in sessionStorage and out of the address bar. */
function pageUrlKeepingToken(win: Window): string {
  let kept: string | null = null;
  try {
    kept = win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage refused (a privacy setting): the URL's token still serves this load.
  }
  const { pageUrl, keep } = tokenForPage(win.location.href, kept);
  if (keep === null) return pageUrl;
  try {
    win.sessionStorage.setItem(TOKEN_KEY, keep);
    win.history.replaceState(win.history.state, '', withoutToken(win.location.href));
  } catch {
    // Not kept: leave the token in the address bar, so that a reload still works.
  }
  return pageUrl;
}
