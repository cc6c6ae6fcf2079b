import { app, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveRendererFiles } from './app-protocol.js';
import { hardenAllWebContents } from './harden-web-contents.js';
import { createMainWindow } from './main-window.js';
import type { MainWindowSource } from './main-window.js';
import { APP_ENTRY_URL } from './protocol-path.js';

// Beside this file in out/: ../renderer (the built page) and ../preload (the bundled bridge).
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

/** The dev server's URL under `electron-vite dev`; never honoured by a packaged app. */
function devServerUrl(): string | undefined {
  return app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
}

function start(): void {
  let mainWindow: BrowserWindow | undefined;
  const devUrl = devServerUrl();
  const source: MainWindowSource = { url: devUrl ?? APP_ENTRY_URL, preloadPath };
  const openMainWindow = (): void => {
    mainWindow = createMainWindow(source);
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents(app);

  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === undefined && app.isReady()) openMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      serveRendererFiles(session.defaultSession, rendererRoot);
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('SkillMeat could not start:', error);
      app.exit(1);
    });
}

// A second launch hands its turn to the running instance (which focuses its window) and exits.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
