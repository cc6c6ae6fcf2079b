import { describe, it, expect } from 'vitest';
import { developerToolsPolicy } from './developer-tools-policy.js';

describe('developerToolsPolicy', () => {
  it('keeps DevTools and Electron’s default menu in an unpackaged (development) build', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(developerToolsPolicy({ isPackaged: false, platform })).toEqual({ devTools: true, applicationMenu: 'electron-default' });
    }
  });

  it('turns DevTools off and removes the menu in a packaged build on Linux and Windows', () => {
    expect(developerToolsPolicy({ isPackaged: true, platform: 'linux' })).toEqual({ devTools: false, applicationMenu: 'none' });
    expect(developerToolsPolicy({ isPackaged: true, platform: 'win32' })).toEqual({ devTools: false, applicationMenu: 'none' });
  });

  it('keeps a minimal menu in a packaged macOS build, where copy and paste need the Edit menu', () => {
    expect(developerToolsPolicy({ isPackaged: true, platform: 'darwin' })).toEqual({ devTools: false, applicationMenu: 'macos-minimal' });
  });
});
