import { describe, it, expect, vi, beforeEach } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

// Electron cannot load here (no binary): Menu records the menu the app installs.
const menus = vi.hoisted(() => ({ installed: [] as unknown[] }));
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
    setApplicationMenu: (menu: unknown) => menus.installed.push(menu),
  },
}));

const { MACOS_MINIMAL_MENU, installApplicationMenu } = await import('./application-menu.js');

describe('installApplicationMenu', () => {
  beforeEach(() => {
    menus.installed.length = 0;
  });

  it('leaves Electron’s default menu alone in a development build', () => {
    installApplicationMenu('electron-default');
    expect(menus.installed).toEqual([]);
  });

  it('removes the menu (and so the menu bar) when asked for none', () => {
    installApplicationMenu('none');
    expect(menus.installed).toEqual([null]);
  });

  it('installs the minimal macOS menu', () => {
    installApplicationMenu('macos-minimal');
    expect(menus.installed).toEqual([{ template: [...MACOS_MINIMAL_MENU] }]);
  });
});

describe('MACOS_MINIMAL_MENU', () => {
  it('keeps the Edit menu, which carries ⌘C/⌘V/⌘A/⌘Z on macOS, and the app menu with Quit', () => {
    const roles = MACOS_MINIMAL_MENU.map((item) => item.role);
    expect(roles).toContain('editMenu');
    expect(roles).toContain('appMenu');
  });

  it('has no View menu, nor any reload or DevTools item', () => {
    const roles = MACOS_MINIMAL_MENU.map((item) => item.role);
    for (const role of ['viewMenu', 'reload', 'forceReload', 'toggleDevTools'] as const) expect(roles).not.toContain(role);
  });
});
