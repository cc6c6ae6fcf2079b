// Types for native-addon-abi.js (plain ESM: electron-builder loads it as its afterPack hook).

/** What an addon was built for: a NODE_MODULE_VERSION, Node-API (ABI-stable), or unreadable. */
export type AddonBuild = { readonly kind: 'abi'; readonly version: number } | { readonly kind: 'napi' } | { readonly kind: 'unknown' };

/** The addon the app cannot work without: the cache's SQLite binding. */
export const REQUIRED_ADDON: string;
/** Set to 1 to pack anyway (a layout check only), with a warning. */
export const SKIP_VARIABLE: string;

/** What an addon was built for, read from the name of its exported registration function. */
export function addonModuleVersion(bytes: Buffer): AddonBuild;

/** The NODE_MODULE_VERSION of an Electron release, from node-abi as @electron/rebuild resolves it. */
export function electronModuleVersion(electronVersion: string): Promise<number>;

/** Every reason the addons unpacked under `appOutDir` cannot load in that Electron; empty when all is well. */
export function packedAddonProblems(appOutDir: string, electronVersion: string, electronAbi: number): Promise<string[]>;

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  readonly appOutDir: string;
  readonly packager: { readonly info: { readonly framework: { readonly version: string } } };
}

/** The afterPack hook: throws, failing the build, when a packed addon would not load. */
export function afterPack(context: PackedApp): Promise<void>;
export default afterPack;
