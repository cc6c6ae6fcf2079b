import { app, session } from 'electron';
import { join } from 'node:path';
import { ContractService } from '../core/service/contract-service.js';
import { registerAppScheme, serveRendererFiles } from './app-protocol.js';
import { installApplicationMenu } from './application-menu.js';
import { bindContractToIpc } from './contract-ipc.js';
import { showDriftNotice } from './desktop-notification.js';
import { decideDevServerUrl } from './dev-server-url.js';
import { developerToolsPolicy, type DeveloperToolsPolicy } from './developer-tools-policy.js';
import { DriftNotifier } from './drift-notifications.js';
import { hardenAllWebContents } from './harden-web-contents.js';
import { MainWindow } from './main-window.js';
import { chooseWithNativeDialog } from './native-path-dialog.js';
import { APP_ENTRY_URL } from './protocol-path.js';
import { projectRoute } from './renderer-route.js';
import { AppTray } from './tray.js';

// Beside this file in out/: ../renderer (the built page) and ../preload (the bundled bridge).
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
/** Must equal electron-builder.yml's appId: Windows shows notifications only for a known AppUserModelID. */
const APP_ID = 'dev.skillmeat.desktop';
/** Quitting waits this long for running writes to finish and the cache to close, then goes anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

/** The dev server's URL under `electron-vite dev`: only in an unpackaged build, only on loopback. */
function devServerUrl(): string | undefined {
  const decision = decideDevServerUrl({ isPackaged: app.isPackaged }, process.env['ELECTRON_RENDERER_URL']);
  if (decision.kind === 'ignored') console.warn(decision.reason);
  return decision.kind === 'use' ? decision.url : undefined;
}

function reportError(error: unknown): void {
  console.error(error);
}

/** What runs once Electron is ready; `close` releases it all before the app exits. */
interface Running {
  close(): Promise<void>;
}

async function whenReady(window: MainWindow, devUrl: string | undefined, developer: DeveloperToolsPolicy): Promise<Running> {
  // Before any window opens: on Windows and Linux a window takes its menu bar when it is created.
  installApplicationMenu(developer.applicationMenu);
  serveRendererFiles(session.defaultSession, rendererRoot);
  const service = new ContractService({ watch: true, onBackgroundError: reportError, choosePath: (request) => chooseWithNativeDialog(window.browserWindow(), request) });
  const unbind = bindContractToIpc(service, { appContents: () => window.contents(), devServerUrl: devUrl, onError: reportError });
  const tray = await AppTray.create({
    backend: service,
    checkNow: async () => {
      await service.driftMonitor()?.checkNow();
    },
    openWindow: (route) => window.show(route),
    quit: () => app.quit(),
    onError: reportError,
  });
  const notifier = new DriftNotifier({
    notify: (notice) => {
      const [only] = notice.projects;
      showDriftNotice(notice, () => window.show(notice.projects.length === 1 && only !== undefined ? projectRoute(only) : undefined));
    },
    isFocused: () => window.isFocused(),
    nameOf: (path) => tray.nameOf(path) ?? path,
  });
  const unsubscribe = service.subscribe((event) => {
    if (event.event === 'drift.changed') notifier.driftChanged(event.payload);
  });
  window.show();
  // The first check of every project can take a while: the window is already answering calls meanwhile.
  service.start().catch(reportError);
  return {
    async close() {
      unsubscribe();
      notifier.dispose();
      tray.destroy();
      unbind();
      await service.close();
    },
  };
}

function start(): void {
  const devUrl = devServerUrl();
  const developer = developerToolsPolicy({ isPackaged: app.isPackaged, platform: process.platform });
  const window = new MainWindow({ url: devUrl ?? APP_ENTRY_URL, preloadPath, devTools: developer.devTools });
  let phase: 'open' | 'closing' | 'closed' = 'open';

  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents(app, { devTools: developer.devTools });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  const running = app.whenReady().then(() => whenReady(window, devUrl, developer));
  running.catch((error: unknown) => {
    console.error('SkillMeat could not start:', error);
    app.exit(1);
  });

  app.on('second-instance', () => window.show());
  // Closing the window leaves the app in the tray, watching for drift; "Quit" in the tray ends it.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => {
    if (app.isReady()) window.show();
  });
  // Quitting waits for running writes and closes the cache; quit requests meanwhile are held back.
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    running
      .then((ready) => withTimeout(ready.close(), CLOSE_TIMEOUT_MS))
      .catch(reportError)
      .finally(() => {
        phase = 'closed';
        app.quit();
      });
  });
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Closing took longer than ${ms} ms; quitting anyway.`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

// A second launch hands its turn to the running instance (which shows its window) and exits.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
