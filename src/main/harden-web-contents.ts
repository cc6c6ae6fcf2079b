import type { App, WebContents } from 'electron';

/**
 * Applies the renderer lockdown to every web contents the app ever creates: no navigation away
 * from the loaded page, no new windows, no <webview>, and every permission request denied.
 */
export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Denied a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    console.warn(`Denied navigation to ${url}`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    console.warn(`Denied redirect to ${url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
