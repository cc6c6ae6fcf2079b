import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { ApplicationMenuChoice } from './developer-tools-policy.js';

/**
 * The packaged macOS menu: the app menu (About, Hide, Quit), File (Close Window), Edit (undo, cut,
 * copy, paste, select all — macOS delivers those keys through these roles) and Window. No View
 * menu: that is where Electron's default puts Reload and Toggle Developer Tools.
 */
export const MACOS_MINIMAL_MENU: readonly MenuItemConstructorOptions[] = [
  { role: 'appMenu' },
  { role: 'fileMenu' },
  { role: 'editMenu' },
  { role: 'windowMenu' },
];

/** Installs the application menu `choice` names (see `developerToolsPolicy`); call once the app is ready, before any window opens. */
export function installApplicationMenu(choice: ApplicationMenuChoice): void {
  switch (choice) {
    case 'electron-default':
      return;
    case 'none':
      // On Windows and Linux this also removes the menu bar from every window.
      Menu.setApplicationMenu(null);
      return;
    case 'macos-minimal':
      Menu.setApplicationMenu(Menu.buildFromTemplate([...MACOS_MINIMAL_MENU]));
      return;
    default:
      return choice satisfies never;
  }
}
