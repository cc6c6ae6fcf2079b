// Types for electron-binary.js (plain ESM so `npm start` runs without a TypeScript step).

/** Electron's executable, or why there is none and where we looked. */
export type ElectronBinary =
  | { readonly found: true; readonly binaryPath: string }
  | { readonly found: false; readonly reason: string; readonly lookedAt: string };

/** Where Electron's executable is, or why there is none. Honours ELECTRON_OVERRIDE_DIST_PATH like the package does. */
export function findElectronBinary(electronPackageDir: string, env?: NodeJS.ProcessEnv): ElectronBinary;
