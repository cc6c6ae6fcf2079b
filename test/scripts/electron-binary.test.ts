import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary.js';

let electronDir: string;

beforeEach(async () => {
  electronDir = await mkdtemp(join(tmpdir(), 'skillmeat-electron-'));
});
afterEach(async () => {
  await rm(electronDir, { recursive: true, force: true });
});

async function installBinary(relativePath: string): Promise<string> {
  const binaryPath = join(electronDir, 'dist', relativePath);
  await mkdir(join(binaryPath, '..'), { recursive: true });
  await writeFile(binaryPath, 'not really electron');
  return binaryPath;
}

describe('findElectronBinary', () => {
  it('finds the binary that path.txt names under dist/', async () => {
    const binaryPath = await installBinary('electron');
    await writeFile(join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary(electronDir, {})).toEqual({ found: true, binaryPath });
  });

  it('follows a nested path such as the macOS app bundle', async () => {
    const binaryPath = await installBinary('Electron.app/Contents/MacOS/Electron');
    await writeFile(join(electronDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary(electronDir, {})).toEqual({ found: true, binaryPath });
  });

  it('reports a package installed without its binary (no path.txt)', () => {
    expect(findElectronBinary(electronDir, {})).toEqual({
      found: false,
      reason: 'the electron package has no path.txt: its binary was never downloaded',
      lookedAt: join(electronDir, 'path.txt'),
    });
  });

  it('reports a path.txt whose binary is gone', async () => {
    await writeFile(join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary(electronDir, {})).toEqual({
      found: false,
      reason: 'the binary that path.txt names is not there',
      lookedAt: join(electronDir, 'dist', 'electron'),
    });
  });

  it('does not take a folder for the binary', async () => {
    await mkdir(join(electronDir, 'dist', 'electron'), { recursive: true });
    await writeFile(join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary(electronDir, {}).found).toBe(false);
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH when set, as the electron package does', async () => {
    const overrideDir = join(electronDir, 'elsewhere');
    await mkdir(overrideDir);
    await writeFile(join(overrideDir, 'electron'), 'not really electron');
    expect(findElectronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: overrideDir })).toEqual({
      found: true,
      binaryPath: join(overrideDir, 'electron'),
    });
  });
});
