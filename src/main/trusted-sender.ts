import { isLoopbackDevServer } from './dev-server-url.js';
import { APP_HOST, APP_SCHEME } from './protocol-path.js';

/** What main knows about the frame behind an IPC message, gathered from the Electron event. */
export interface SenderFrame {
  /** The sending frame's URL; undefined when the frame is gone (navigated away or destroyed). */
  readonly url: string | undefined;
  /** True for the top frame of its page; an iframe never may call the app. */
  readonly isMainFrame: boolean;
  /** True when the page is the app's own window (not some other web contents). */
  readonly isAppWindow: boolean;
}

/** Where a trusted page may have been loaded from. */
export interface TrustedOrigins {
  /** The dev server's URL under `electron-vite dev` (`decideDevServerUrl`); undefined in a packaged app. */
  readonly devServerUrl?: string | undefined;
}

/**
 * True when an IPC message comes from the main frame of the app's window showing our own page:
 * `app://skillmeat/...`, or the dev server while developing. Everything else is refused.
 */
export function isTrustedSender(frame: SenderFrame, origins: TrustedOrigins = {}): boolean {
  if (!frame.isAppWindow || !frame.isMainFrame || frame.url === undefined) return false;
  const url = parseUrl(frame.url);
  if (url === undefined) return false;
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  const dev = origins.devServerUrl === undefined ? undefined : parseUrl(origins.devServerUrl);
  // Checked again here so no caller can widen trust past a loopback http(s) server; such URLs have
  // a real origin, whereas app:// has none in WHATWG terms ("null").
  return dev !== undefined && isLoopbackDevServer(dev) && url.origin === dev.origin;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
