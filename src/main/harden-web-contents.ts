import type { App, WebContents } from 'electron';

/** What the lockdown needs to know about the build. */
export interface HardeningOptions {
  /** False in a packaged build: DevTools that open anyway (a shortcut, another web contents) are closed at once. */
  readonly devTools: boolean;
}

/**
 * Applies the renderer lockdown to every web contents the app ever creates: no navigation of any
 * frame away from the loaded page, no new windows, no <webview>, every permission check and request
 * denied, and no DevTools where the build allows none.
 */
export function hardenAllWebContents(app: App, options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}

function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Denied a new window for ${url}`);
    return { action: 'deny' };
  });
  // Main's own loadURL fires none of these, nor does a fragment change: only page-initiated loads.
  contents.on('will-navigate', (event, url) => {
    console.warn(`Denied navigation to ${url}`);
    event.preventDefault();
  });
  // will-navigate covers only the top frame; this one covers every frame (the app has no iframes),
  // so a frame cannot be sent to some page that dresses itself up as the app. The top frame is
  // refused here too, so neither event alone has to be relied on.
  contents.on('will-frame-navigate', (details) => {
    console.warn(`Denied navigation of ${details.isMainFrame ? 'the page' : 'a frame'} to ${details.url}`);
    details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    console.warn(`Denied redirect to ${url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Chromium asks in two steps: a check (navigator.permissions, and before most requests) and a
  // request. Both say no: the app needs no camera, location, clipboard reads, devices or the like.
  contents.session.setPermissionCheckHandler(() => false);
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setDevicePermissionHandler(() => false);
  if (!options.devTools) {
    contents.on('devtools-opened', () => {
      console.warn('Closed DevTools: this build does not allow them.');
      contents.closeDevTools();
    });
  }
}
