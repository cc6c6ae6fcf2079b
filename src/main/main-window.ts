import { BrowserWindow } from 'electron';
import type { WebContents } from 'electron';
import icon from '../../resources/icon.png?asset';
import { withRoute } from './renderer-route.js';

/** What the main window loads (the built renderer's entry URL, or the dev server's) and with which preload script and DevTools setting. */
export interface MainWindowSource {
  readonly url: string;
  readonly preloadPath: string;
  /** False in a packaged build (`developerToolsPolicy`): `openDevTools()` and the shortcuts do nothing. */
  readonly devTools: boolean;
}

/** Opens the main window on `route` (a renderer fragment): isolated, sandboxed, no Node in the page; shown once it has painted. */
export function createMainWindow(source: MainWindowSource, route?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'SkillMeat',
    // macOS and Windows take the icon from the app bundle; Linux window managers need it here.
    ...(process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload: source.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      devTools: source.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  loadInto(window, withRoute(source.url, route));
  return window;
}

/**
 * The app's one window: opened on demand (the app lives on in the tray when it is closed),
 * focused when asked again, and moved to a view by changing the URL fragment only.
 */
export class MainWindow {
  private window: BrowserWindow | undefined;

  constructor(private readonly source: MainWindowSource) {}

  /** Opens or focuses the window; with a route, shows that view. */
  show(route?: string): void {
    const window = this.window;
    if (window === undefined || window.isDestroyed()) {
      this.window = createMainWindow(this.source, route);
      this.window.on('closed', () => {
        this.window = undefined;
      });
      return;
    }
    // Only the fragment differs, so this is a same-document navigation: the page is not reloaded.
    if (route !== undefined) loadInto(window, withRoute(this.source.url, route));
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** True while the user is looking at the window. */
  isFocused(): boolean {
    return this.window !== undefined && !this.window.isDestroyed() && this.window.isFocused();
  }

  /** The window while it is open: what a native dialog is modal to. */
  browserWindow(): BrowserWindow | undefined {
    return this.window === undefined || this.window.isDestroyed() ? undefined : this.window;
  }

  /** The web contents of the window, if open: the only page IPC answers and sends events to. */
  contents(): WebContents[] {
    return this.window === undefined || this.window.isDestroyed() ? [] : [this.window.webContents];
  }
}

function loadInto(window: BrowserWindow, url: string): void {
  window.loadURL(url).catch((error: unknown) => {
    console.error(`The main window could not load ${url}:`, error);
  });
}
