import { BrowserWindow } from 'electron';
import icon from '../../resources/icon.png?asset';

/** What the main window loads: the built renderer's entry URL (or the dev server's) and the preload script. */
export interface MainWindowSource {
  readonly url: string;
  readonly preloadPath: string;
}

/** Opens the main window: isolated, sandboxed, no Node in the page; shown once it has painted. */
export function createMainWindow(source: MainWindowSource): BrowserWindow {
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
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(source.url).catch((error: unknown) => {
    console.error(`The main window could not load ${source.url}:`, error);
  });
  return window;
}
