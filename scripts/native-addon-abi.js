// electron-builder's afterPack hook (electron-builder.yml): fails packaging when a native addon in
// the packed app was built for another ABI than the packed Electron's. better-sqlite3 is built for
// Node by `npm ci` (tests need that) and `npmRebuild: false` packs it as it is, so without an
// explicit `@electron/rebuild` a package would start and then fail to open its cache. Plain ESM,
// like the other scripts here, because electron-builder loads hooks without a TypeScript step.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The addon the app cannot work without: the cache's SQLite binding. */
export const REQUIRED_ADDON = 'better_sqlite3.node';
/** Set to 1 to pack anyway (a layout check only: the result cannot open its cache), with a warning. */
export const SKIP_VARIABLE = 'SKILLMEAT_SKIP_ABI_CHECK';

const UNPACKED_FOLDER = 'app.asar.unpacked';

/**
 * What an addon was built for, read from the name of its exported registration function:
 * `node_register_module_v<NODE_MODULE_VERSION>` (an addon on V8's API, such as better-sqlite3, which
 * loads only in a runtime of that ABI) or `napi_register_module_v1` (Node-API, ABI-stable).
 * The name is plain text in the export table of ELF, Mach-O (`_`-prefixed) and PE files alike.
 */
export function addonModuleVersion(bytes) {
  const text = bytes.toString('latin1');
  const versions = new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((match) => Number(match[1])));
  if (versions.size === 1) return { kind: 'abi', version: [...versions][0] };
  if (versions.size === 0 && text.includes('napi_register_module_v1')) return { kind: 'napi' };
  return { kind: 'unknown' };
}

/** The NODE_MODULE_VERSION of an Electron release, from node-abi as @electron/rebuild (the tool that rebuilds for it) resolves it. */
export async function electronModuleVersion(electronVersion) {
  const { getAbi } = await importNodeAbi();
  return Number(getAbi(electronVersion, 'electron'));
}

/**
 * Every reason the addons unpacked under `appOutDir` cannot load in Electron `electronVersion` whose
 * NODE_MODULE_VERSION is `electronAbi`: one built for another ABI, one whose ABI cannot be read,
 * or no better-sqlite3 addon at all. Empty when all is well.
 */
export async function packedAddonProblems(appOutDir, electronVersion, electronAbi) {
  const addons = await unpackedAddons(appOutDir);
  const problems = [];
  if (!addons.some((path) => basename(path) === REQUIRED_ADDON)) {
    problems.push(`no ${REQUIRED_ADDON} under ${UNPACKED_FOLDER} in ${appOutDir}: the app could not open its cache`);
  }
  for (const path of addons) {
    const built = addonModuleVersion(await readFile(path));
    const name = relative(appOutDir, path);
    if (built.kind === 'unknown') problems.push(`${name}: cannot tell which ABI it was built for`);
    if (built.kind === 'abi' && built.version !== electronAbi) {
      problems.push(`${name} was built for NODE_MODULE_VERSION ${built.version}${runtimeHint(built.version)}; Electron ${electronVersion} needs ${electronAbi}`);
    }
  }
  return problems;
}

/** The afterPack hook: checks the packed addons and throws, failing the build, when one would not load. */
export async function afterPack(context) {
  const electronVersion = context.packager.info.framework.version;
  const problems = await packedAddonProblems(context.appOutDir, electronVersion, await electronModuleVersion(electronVersion));
  if (problems.length === 0) {
    console.log(`  • native addons match Electron ${electronVersion}'s ABI`);
    return;
  }
  const message = [
    'The packed app holds native addons that Electron cannot load:',
    ...problems.map((problem) => `  - ${problem}`),
    'Rebuild them for Electron before packing: npx @electron/rebuild -f -o better-sqlite3 (docs/desktop-shell.md, Packaging).',
  ].join('\n');
  if (process.env[SKIP_VARIABLE] === '1') {
    console.warn(`${message}\n${SKIP_VARIABLE}=1: packed anyway. This package cannot open its cache; never ship it.`);
    return;
  }
  throw new Error(message);
}

export default afterPack;

async function unpackedAddons(folder, insideUnpacked = false) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const inside = insideUnpacked || entry.name === UNPACKED_FOLDER;
    if (entry.isDirectory()) found.push(...(await unpackedAddons(path, inside)));
    else if (inside && entry.isFile() && entry.name.endsWith('.node')) found.push(path);
  }
  return found;
}

// Names the runtime when the ABI is this Node's own: the usual mistake is packing the Node build.
function runtimeHint(version) {
  return String(version) === process.versions.modules ? ` (this machine's Node ${process.version}: it was never rebuilt for Electron)` : '';
}

// node-abi comes with electron-builder (app-builder-lib → @electron/rebuild); resolving it the same
// way keeps this check and the rebuild agreeing on Electron's ABI.
async function importNodeAbi() {
  const fromHere = createRequire(import.meta.url);
  const fromBuilder = createRequire(fromHere.resolve('app-builder-lib/package.json'));
  const fromRebuild = createRequire(fromBuilder.resolve('@electron/rebuild'));
  return import(pathToFileURL(fromRebuild.resolve('node-abi')).href);
}
