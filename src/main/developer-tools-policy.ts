// DevTools and Electron's default menu (View → Reload, Toggle Developer Tools) are for whoever
// develops the app. In a packaged build they would hand anyone at the keyboard a console inside
// the page that holds the app's IPC bridge, so they are off there.

/** The build and platform the decision depends on. */
export interface ShellBuild {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
}

/**
 * The application menu to install:
 * - `electron-default`: leave Electron's menu (development: reload, DevTools);
 * - `none`: no menu, and on Windows and Linux no menu bar (Chromium handles the editing keys itself);
 * - `macos-minimal`: app, Edit and Window menus only, because macOS routes ⌘C/⌘V/⌘A/⌘Z and ⌘Q
 *   through the menu's roles; without them copy and paste stop working in every field.
 */
export type ApplicationMenuChoice = 'electron-default' | 'none' | 'macos-minimal';

/** What a build lets a developer reach. */
export interface DeveloperToolsPolicy {
  /** `webPreferences.devTools`, and whether DevTools opened anyway are closed again. */
  readonly devTools: boolean;
  readonly applicationMenu: ApplicationMenuChoice;
}

/** DevTools and the default menu in an unpackaged build only; a packaged one gets no DevTools and a minimal menu. */
export function developerToolsPolicy(build: ShellBuild): DeveloperToolsPolicy {
  if (!build.isPackaged) return { devTools: true, applicationMenu: 'electron-default' };
  return { devTools: false, applicationMenu: build.platform === 'darwin' ? 'macos-minimal' : 'none' };
}
